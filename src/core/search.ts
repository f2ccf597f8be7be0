/**
 * Binary searches over lists sorted by offset (sentences, words, quote pieces, date starts). The list is
 * given as its length and a key of each index, so the caller keeps its own element type and no array of
 * keys is built.
 */

/** The last index whose key is at or before `position` in a list ascending by key, or -1 when none is. */
export function lastAtOrBefore(length: number, keyAt: (index: number) => number, position: number): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first index whose key is at or after `position` in a list ascending by key, or `length` when none is. */
export function firstAtOrAfter(length: number, keyAt: (index: number) => number, position: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index of a list ascending by `start` whose item starts at or after `position` (`list.length` when none
 * does): `firstAtOrAfter` over the items' own `start`, with no key function, so that a hot caller's search is not
 * slowed by a call site that sees the key functions of every analysis in a pipeline.
 */
export function firstStartingAtOrAfter(list: readonly { readonly start: number }[], position: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
