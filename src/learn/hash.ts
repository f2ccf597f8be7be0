/**
 * Feature hashing: every feature is an integer, the hash of its template id and its value, folded
 * into a power-of-two table. Values are hashed straight from the text (a substring by offsets, or
 * lowercased on the fly), and features of neighbours combine integer hashes, so the hot path builds
 * no strings. FNV-1a over UTF-16 code units, finished with a murmur3 mix.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The murmur3 finaliser: spreads the bits of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of `text.slice(start, end)` without slicing it. */
export function hashString(text: string, start = 0, end = text.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix32(h);
}

/** Hash of the lowercased `text.slice(start, end)`; ASCII is lowered inline, other letters by `toLowerCase`. */
export function hashLower(text: string, start = 0, end = text.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
    h ^= c;
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix32(h);
}

/** Combines two 32-bit hashes (order matters). */
export function combine(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

/** The feature id of template `template` with value hash `value` in a table of `mask + 1` buckets. */
export function featureId(template: number, value: number, mask: number): number {
  return combine(fmix32(template + 0x51ed27), value) & mask;
}
