import { createHash } from 'node:crypto';
import { inputsOf, type Analysis, type RunContext } from '../core/analysis.js';
import type { Document } from '../core/document.js';

/**
 * The cache key of each analysis for one document: its id and version, the content hash of every
 * resource it declares (so a lexicon edit changes it), the run context (publication date, locale,
 * options), the document facts analyses may read besides the text (title, format), and the keys of
 * the analyses it needs or uses. The text itself is matched through `contentHash`, next to the key.
 *
 * Chaining the input keys means a change anywhere upstream re-runs everything downstream of it, and
 * nothing else: a lexicon edit in extract-quotes leaves the keys of analyses before it unchanged.
 */
export function analysisCacheKeys(
  analyses: readonly Analysis[],
  context: RunContext,
  document: Pick<Document, 'title' | 'format'>,
): Map<string, string> {
  const shared = {
    publishedAt: context.publishedAt,
    locale: context.locale,
    options: sortedEntries(context.options),
    title: document.title,
    format: document.format,
  };
  const keys = new Map<string, string>();
  for (const analysis of analyses) {
    const material = JSON.stringify({
      analysis: analysis.id,
      version: analysis.version,
      resources: (analysis.resources ?? [])
        .slice()
        .sort()
        .map((id) => [id, (context.resources as Readonly<Record<string, { hash: string } | undefined>>)[id]?.hash ?? null]),
      ...shared,
      inputs: inputsOf(analysis).map((id) => [id, keys.get(id) ?? null]),
    });
    keys.set(analysis.id, createHash('sha256').update(material).digest('hex').slice(0, 32));
  }
  return keys;
}

function sortedEntries(options: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  return Object.keys(options)
    .sort()
    .map((key) => [key, options[key]]);
}
