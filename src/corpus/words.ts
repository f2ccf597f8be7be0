/**
 * Words of a text with their offsets, and 32-bit hashes of words and word n-grams. Everything the
 * corpus compares (shingles, shared passages, quote wording) is built on these, so two documents
 * are compared word by word regardless of spacing, case, curly or straight apostrophes and
 * punctuation.
 */

/** Letters and digits, with inner apostrophes, hyphens, dots and commas of numbers kept in the word. */
const WORD = /[\p{L}\p{N}]+(?:[’'.,-][\p{L}\p{N}]+)*/gu;

export interface Words {
  /** Hash of each word, folded to lower case with `’` read as `'`. */
  readonly hashes: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

export function wordsOf(text: string, from = 0, to = text.length): Words {
  const hashes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m !== null && m.index < to; m = WORD.exec(text)) {
    const end = m.index + m[0].length;
    if (end > to) break;
    hashes.push(hashString(foldWord(m[0])));
    starts.push(m.index);
    ends.push(end);
  }
  return { hashes: Uint32Array.from(hashes), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** The words of a text as folded strings (for word diffs and readable keys). */
export function wordTexts(text: string): { text: string; folded: string; start: number; end: number }[] {
  const out: { text: string; folded: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], folded: foldWord(m[0]), start: m.index!, end: m.index! + m[0].length });
  return out;
}

export function foldWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

/** FNV-1a over UTF-16 units, then a final avalanche (murmur3 fmix32) so low bits mix well. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of the n words starting at `i` (order matters). */
export function ngramHash(hashes: Uint32Array, i: number, n: number): number {
  let h = 0x9e3779b9;
  for (let j = 0; j < n; j++) h = fmix32(Math.imul(h ^ hashes[i + j]!, 0x01000193) + j);
  return h >>> 0;
}

/** Hashes of every n-word shingle, in text order (empty when there are fewer than n words). */
export function shingleHashes(hashes: Uint32Array, n: number): Uint32Array {
  const count = Math.max(0, hashes.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = ngramHash(hashes, i, n);
  return out;
}
