import type { Finding } from '../core/finding.js';

/**
 * The key a stored record is found by (`RecordQuery.key`): who says it. The store knows only that a
 * record has a key; which field holds it is contract knowledge, kept here.
 */
export function recordKey(finding: Finding): string | null {
  const data = finding.data as { speaker?: { name?: unknown } | null; claimant?: { name?: unknown } | null };
  const kind: string = finding.kind;
  const name = kind === 'quote' ? data.speaker?.name : kind === 'figure' || kind === 'claim' ? data.claimant?.name : null;
  return typeof name === 'string' && name !== '' ? name : null;
}
