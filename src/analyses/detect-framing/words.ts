/** The word scan of detect-framing, shared by the lexicon scan and the span model's features. */
import { fmix32, hashLower, hashString } from '../../learn/hash.js';

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Words as the span model reads them: offsets, capital, sentence, and the hash of the lower-case form. */
export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly capital: Uint8Array;
  /** Index of the sentence each word is in. */
  readonly sentence: Int32Array;
  /** `hashLower` of the word's text (the span model's word feature). */
  readonly lowerKey: Uint32Array;
}

/** The words of the text: offsets and lower-case forms (a possessive `'s` dropped). */
export interface Words extends Tokens {
  /** The lower-case form of word `i`, made on first use (most words are only ever looked up by their hash). */
  lower(i: number): string;
  /** `lower(i).length`, without making the string. */
  lowerLength(i: number): number;
  /** The word's id in the scan's vocabulary (`Vocabulary`), 0 for a word outside it. */
  readonly code: Int32Array;
  /** `hashString` of the lower-case form. */
  readonly key: Uint32Array;
}

/**
 * A closed set of lower-case words, looked up by the hash of a word while the text is scanned, so a
 * word costs one probe of a flat table instead of a string-keyed map look-up per word list. The
 * stored word is compared with the scanned one, so a hit is exact: `idOf(w) !== 0` exactly when `w`
 * is in the set.
 */
export class Vocabulary {
  /** The words by id; id 0 is no word. */
  readonly words: readonly string[];
  private readonly keys: Uint32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  constructor(list: Iterable<string>) {
    const words = [''];
    const seen = new Set<string>();
    for (const w of list) {
      if (seen.has(w)) continue;
      seen.add(w);
      words.push(w);
    }
    this.words = words;
    let size = 16;
    while (size < words.length * 4) size *= 2;
    this.keys = new Uint32Array(size);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 1; id < words.length; id++) {
      let slot = hashString(words[id]!) & this.mask;
      while (this.ids[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = hashString(words[id]!);
      this.ids[slot] = id;
    }
  }
  /** The id of `word`, whose `hashString` is `key`; 0 when it is not in the set. */
  lookup(key: number, word: string): number {
    const { keys, ids, mask } = this;
    let slot = key & mask;
    for (;;) {
      const id = ids[slot]!;
      if (id === 0) return 0;
      if (keys[slot] === key && this.words[id] === word) return id;
      slot = (slot + 1) & mask;
    }
  }
  /**
   * The id of the word `text.slice(start, end)` lowered, for a word of ASCII letters, digits and the
   * joiners (whose lower case only changes `A`–`Z`), without making the string; `key` is the
   * `hashString` of its lower-case form.
   */
  lookupAscii(key: number, text: string, start: number, end: number): number {
    const { keys, ids, mask } = this;
    let slot = key & mask;
    for (;;) {
      const id = ids[slot]!;
      if (id === 0) return 0;
      if (keys[slot] === key && sameLowered(this.words[id]!, text, start, end)) return id;
      slot = (slot + 1) & mask;
    }
  }
  idOf(word: string): number {
    return this.lookup(hashString(word), word);
  }
}

/** Whether `word` is `text.slice(start, end)` with `A`–`Z` lowered. */
function sameLowered(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c += 32;
    if (word.charCodeAt(k) !== c) return false;
  }
  return true;
}

class WordList implements Words {
  constructor(
    private readonly text: string,
    readonly count: number,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly capital: Uint8Array,
    readonly sentence: Int32Array,
    readonly code: Int32Array,
    readonly key: Uint32Array,
    readonly lowerKey: Uint32Array,
    /** Lower-case forms made so far (those of non-ASCII words at the scan). */
    private readonly lowered: (string | undefined)[],
  ) {}
  lower(i: number): string {
    let low = this.lowered[i];
    if (low === undefined) {
      low = this.text.slice(this.starts[i]!, this.ends[i]!).toLowerCase();
      this.lowered[i] = low;
    }
    return low;
  }
  lowerLength(i: number): number {
    // Only a non-ASCII word can change length when lowered, and its lower case was made at the scan.
    const low = this.lowered[i];
    return low === undefined ? this.ends[i]! - this.starts[i]! : low.length;
  }
}

const EMPTY_VOCABULARY = new Vocabulary([]);

export const WORD = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu;
export const CAPITAL = /^\p{Lu}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** 1 for an ASCII letter or digit, by character code. */
const ASCII_WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD_CHAR[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;

/** Letter or digit: ASCII by code, anything else by the Unicode classes. */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return ASCII_WORD_CHAR[code] === 1;
  // No-break space and the General Punctuation block (curly quotes, dashes, ellipsis) hold no letter or digit.
  if (code === 0xa0 || (code >= 0x2000 && code <= 0x206f)) return false;
  return LETTER_OR_DIGIT.test(text[i]!);
}

/**
 * Words as WORD matches them (letters and digits, joined by an apostrophe or hyphen), scanned by
 * character code: the text is long and this runs once per document.
 */
export function scanWords(text: string, sentences: readonly Range[], vocabulary: Vocabulary = EMPTY_VOCABULARY, reuse = false): Words {
  // About one word per six characters in news text; the arrays double when a text has more.
  let max = Math.ceil(text.length / 6) + 16;
  // With `reuse` (words that do not outlive the caller's document) the arrays start as views of buffers
  // kept from one document to the next, of the same length as new ones; the places past the last word
  // are zeroed below, as in new arrays.
  const pool = reuse ? wordPool(max) : undefined;
  let starts = pool ? pool.starts.subarray(0, max) : new Int32Array(max);
  let ends = pool ? pool.ends.subarray(0, max) : new Int32Array(max);
  let capital = pool ? pool.capital.subarray(0, max) : new Uint8Array(max);
  let sentence = pool ? pool.sentence.subarray(0, max) : new Int32Array(max);
  let codes = pool ? pool.codes.subarray(0, max) : new Int32Array(max);
  let key = pool ? pool.key.subarray(0, max) : new Uint32Array(max);
  let lowerKey = pool ? pool.lowerKey.subarray(0, max) : new Uint32Array(max);
  // Sized up front (and grown with the arrays): an array written at scattered indices from empty turns
  // into a slow dictionary. A reused one is emptied over the same length.
  const lower: (string | undefined)[] = pool ? pool.lower : new Array<string | undefined>(max);
  if (pool) lower.fill(undefined, 0, max);
  let n = 0;
  let s = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (!isWordChar(code, text, i)) {
      i++;
      continue;
    }
    const start = i;
    // Whether the word has a character `toLowerCase` could change (an ASCII capital or any non-ASCII one).
    let ascii = code < 128;
    // FNV-1a of the word with A-Z lowered, as it is read (`hashString` of the lowered word, finished below when the word is ASCII),
    // and its state before the last joiner, for a possessive `'s` left out of the word.
    let h = Math.imul(0x811c9dc5 ^ (code >= 65 && code <= 90 ? code + 32 : code), 0x01000193);
    let beforeJoiner = h;
    i++;
    for (;;) {
      while (i < length) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c, text, i)) break;
        if (c >= 128) ascii = false;
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
        i++;
      }
      const joiner = text.charCodeAt(i);
      if ((joiner === 0x2019 || joiner === 0x27 || joiner === 0x2d) && i + 1 < length && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        const next = text.charCodeAt(i + 1);
        // `’` lowers to itself: a word joined by it is still read from the text.
        if (next >= 128) ascii = false;
        beforeJoiner = h;
        h = Math.imul(h ^ joiner, 0x01000193);
        h = Math.imul(h ^ (next >= 65 && next <= 90 ? next + 32 : next), 0x01000193);
        i += 2;
        continue;
      }
      break;
    }
    let end = i;
    const last = text.charCodeAt(end - 1);
    if (end - start > 2 && (last === 115 || last === 83)) {
      const apostrophe = text.charCodeAt(end - 2);
      if (apostrophe === 0x2019 || apostrophe === 0x27) {
        end -= 2;
        h = beforeJoiner;
      }
    }
    while (s < sentences.length - 1 && sentences[s]!.end <= start) s++;
    if (n === max) {
      const previous = max;
      max *= 2;
      const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      starts = grow(starts, new Int32Array(max));
      ends = grow(ends, new Int32Array(max));
      capital = grow(capital, new Uint8Array(max));
      sentence = grow(sentence, new Int32Array(max));
      codes = grow(codes, new Int32Array(max));
      key = grow(key, new Uint32Array(max));
      lowerKey = grow(lowerKey, new Uint32Array(max));
      if (lower.length < max) lower.length = max;
      // A reused array may hold an earlier document's forms there.
      if (pool) lower.fill(undefined, previous, max);
    }
    starts[n] = start;
    ends[n] = end;
    sentence[n] = s;
    if (ascii) {
      // Letters, digits and joiners that lower to themselves: the lower case only changes A-Z, so the hashes
      // and the look-up read the text, and `hashLower` (the model's word key) is the same hash.
      const first = text.charCodeAt(start);
      capital[n] = first >= 65 && first <= 90 ? 1 : 0;
      const hashed = fmix32(h);
      key[n] = hashed;
      lowerKey[n] = hashed;
      codes[n] = vocabulary.lookupAscii(hashed, text, start, end);
    } else {
      const word = text.slice(start, end);
      const low = word.toLowerCase();
      capital[n] = low.charCodeAt(0) !== word.charCodeAt(0) ? 1 : 0;
      const h = hashString(low);
      key[n] = h;
      // `hashLower` lowers character by character, as `toLowerCase` of the whole word may not.
      lowerKey[n] = hashLower(text, start, end);
      codes[n] = vocabulary.lookup(h, low);
      lower[n] = low;
    }
    n++;
  }
  if (pool) {
    // What new arrays hold past the last word.
    starts.fill(0, n);
    ends.fill(0, n);
    capital.fill(0, n);
    sentence.fill(0, n);
    codes.fill(0, n);
    key.fill(0, n);
    lowerKey.fill(0, n);
  }
  return new WordList(text, n, starts, ends, capital, sentence, codes, key, lowerKey, lower);
}

interface WordArrays {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly capital: Uint8Array;
  readonly sentence: Int32Array;
  readonly codes: Int32Array;
  readonly key: Uint32Array;
  readonly lowerKey: Uint32Array;
  readonly lower: (string | undefined)[];
}

let pooledWords: WordArrays | undefined;

/** Buffers of at least `max` places for `scanWords` with `reuse`, kept for the next document. */
function wordPool(max: number): WordArrays {
  if (pooledWords === undefined || pooledWords.starts.length < max) {
    const size = 2 * max;
    pooledWords = {
      starts: new Int32Array(size),
      ends: new Int32Array(size),
      capital: new Uint8Array(size),
      sentence: new Int32Array(size),
      codes: new Int32Array(size),
      key: new Uint32Array(size),
      lowerKey: new Uint32Array(size),
      lower: new Array<string | undefined>(size),
    };
  }
  return pooledWords;
}

