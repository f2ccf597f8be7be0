import { createHash } from 'node:crypto';
import type { Analysis } from '../core/analysis.js';

/**
 * The part of the cache key that is not the content hash: every analysis id and version in
 * order, the publication date used and the options. A document whose content hash and cache key
 * are unchanged is not analysed again.
 */
export function cacheKey(
  analyses: readonly Analysis[],
  publishedAt: string | null,
  options: Readonly<Record<string, unknown>> = {},
): string {
  const sortedOptions = Object.keys(options)
    .sort()
    .map((k) => [k, options[k]]);
  const material = JSON.stringify({
    analyses: analyses.map((a) => `${a.id}@${a.version}`),
    publishedAt,
    options: sortedOptions,
  });
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}
