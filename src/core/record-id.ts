/**
 * Record ids derived from the record's kind and span, not from its position in a list: the same
 * text gives the same ids after re-analysis, even when a version change adds or drops other
 * records, so review edits and cross-document links can point at them.
 *
 *   recordId('q', {start: 120, end: 188}) === 'q120-188'
 *
 * Two records of one kind on the same span (rare: an entity known only by aliases) get `~2`, `~3`
 * in the order they are allocated, which the analysis keeps deterministic.
 */
export function recordId(prefix: string, span: { readonly start: number; readonly end: number }): string {
  return `${prefix}${span.start}-${span.end}`;
}

/** Hands out span-derived ids, unique within one allocator (one analysis run on one document). */
export function createRecordIds(): (prefix: string, span: { readonly start: number; readonly end: number }) => string {
  const used = new Map<string, number>();
  return (prefix, span) => {
    const base = recordId(prefix, span);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}~${count}`;
  };
}
