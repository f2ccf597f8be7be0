/**
 * The feature templates of the entity model, shared by training (scripts/train.ts) and the
 * analysis, so both see exactly the same features. Each token gets FEATURES_PER_TOKEN integer
 * feature ids: the hash of the template's index and the value's hash. Values are hashed from the
 * token text by offsets (no substrings), neighbours by combining their precomputed hashes.
 * Templates after Ratinov & Roth (2009) and docs/analyses/detect-entities.md.
 */
import { combine, fmix32, hashLower, hashString } from '../../learn/hash.js';
import type { FirstNamesRow, GroupsRow, OrgSuffixesRow, PlaceWordsRow, PlacesRow, TitleSmallWordsRow } from '../resources.js';

export const TEMPLATES = [
  'bias',
  'word',
  'lower',
  'shape',
  'prefix1',
  'prefix2',
  'prefix3',
  'prefix4',
  'suffix1',
  'suffix2',
  'suffix3',
  'suffix4',
  'flags',
  'lower-1',
  'lower-2',
  'lower+1',
  'lower+2',
  'shape-1',
  'shape+1',
  'lower-1|lower',
  'lower|lower+1',
  'gazetteer',
  'gazetteer-1',
  'gazetteer+1',
  'shape|sentence-case',
  'lower|sentence-case',
  'shape-1|shape|shape+1',
  'shape-2',
  'shape+2',
] as const;

export const FEATURES_PER_TOKEN = TEMPLATES.length;

/** Gazetteer bits: a token may be in several lists. */
export const GAZETTEER_BITS = { firstName: 1, orgWord: 2, placeWord: 4, place: 8, group: 16, titleSmallWord: 32 } as const;

/** Lowercased-word hash → gazetteer bits. Keyed by hash so that lookups build no strings. */
export type Gazetteer = ReadonlyMap<number, number>;

export function buildGazetteer(tables: {
  firstNames: readonly FirstNamesRow[];
  orgSuffixes: readonly OrgSuffixesRow[];
  placeWords: readonly PlaceWordsRow[];
  places: readonly PlacesRow[];
  groups: readonly GroupsRow[];
  titleSmallWords: readonly TitleSmallWordsRow[];
}): Gazetteer {
  const map = new Map<number, number>();
  const add = (word: string, bit: number) => {
    const h = hashLower(word);
    map.set(h, (map.get(h) ?? 0) | bit);
  };
  for (const row of tables.firstNames) add(row.name, GAZETTEER_BITS.firstName);
  for (const row of tables.orgSuffixes) add(row.word, GAZETTEER_BITS.orgWord);
  for (const row of tables.placeWords) add(row.word, GAZETTEER_BITS.placeWord);
  for (const row of tables.places) add(row.name, GAZETTEER_BITS.place);
  for (const row of tables.groups) add(row.word, GAZETTEER_BITS.group);
  for (const row of tables.titleSmallWords) add(row.word, GAZETTEER_BITS.titleSmallWord);
  return map;
}

export const SENTINEL_BEFORE = hashString('<s>');
export const SENTINEL_AFTER = hashString('</s>');
const NONE = hashString('<none>');

/**
 * Sentence case: 0 ordinary, 1 every word in capitals (a headline or dateline), 2 title case: at
 * least three words of four or more letters are capitalised and every word that starts in lower case
 * is a title-case small word (`of`, `and`, `the`: data/title-small-words.tsv, a gazetteer bit). So
 * "Brazil Raises Rates as Haddad Warns" is title case and "Olaf Scholz met Emmanuel Macron" is not.
 */
export function sentenceCase(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number, gazetteer: Gazetteer): number {
  let letterWords = 0;
  let upperWords = 0;
  let capitalised = 0;
  let otherLower = 0;
  for (let i = from; i < to; i++) {
    const bits = tokenCase(text, starts[i]!, ends[i]!, gazetteer);
    if (bits === 0) continue;
    letterWords++;
    if (bits & CASE_ALL_UPPER) upperWords++;
    if (bits & CASE_CAPITALISED) capitalised++;
    if (bits & CASE_OTHER_LOWER) otherLower++;
  }
  return caseOfCounts(letterWords, upperWords, capitalised, otherLower);
}

/** What `sentenceCase` counts of one token: 0 for no letters, else CASE_LETTERS and the bits below. */
export const CASE_LETTERS = 1;
export const CASE_ALL_UPPER = 2;
/** Starts with a capital and has four or more code units. */
export const CASE_CAPITALISED = 4;
/** Starts in lower case and is not a title-case small word. */
export const CASE_OTHER_LOWER = 8;

export function tokenCase(text: string, s: number, e: number, gazetteer: Gazetteer): number {
  let lower = 0;
  let upper = 0;
  for (let j = s; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c > 127) {
      const ch = text[j]!;
      if (ch !== ch.toUpperCase()) lower++;
      else if (ch !== ch.toLowerCase()) upper++;
    }
  }
  if (lower + upper === 0) return 0;
  let bits = CASE_LETTERS;
  if (lower === 0) bits |= CASE_ALL_UPPER;
  const first = charClass(text, s);
  if (first === 1) {
    if (e - s > 3) bits |= CASE_CAPITALISED;
  } else if (first === 2 && !((gazetteer.get(hashLower(text, s, e)) ?? 0) & GAZETTEER_BITS.titleSmallWord)) bits |= CASE_OTHER_LOWER;
  return bits;
}

/** `tokenCaseAndMarks` bits besides CASE_LETTERS, CASE_ALL_UPPER and CASE_CAPITALISED: starts in lower case (title-case small word or not). */
export const CASE_STARTS_LOWER = 16;
/** Has a capital letter or a digit somewhere: a token that may be, or be next to, a name. */
export const MARK_CAPITAL_OR_DIGIT = 32;

/**
 * `tokenCase` without its word-list lookup, plus a mark: CASE_STARTS_LOWER where `tokenCase` would
 * look the word up (CASE_OTHER_LOWER unless it is a title-case small word), MARK_CAPITAL_OR_DIGIT
 * when any code unit is a capital letter or an ASCII digit.
 */
export function tokenCaseAndMarks(text: string, s: number, e: number): number {
  let lower = 0;
  let upper = 0;
  let digits = 0;
  for (let j = s; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c > 127) {
      const ch = text[j]!;
      if (ch !== ch.toUpperCase()) lower++;
      else if (ch !== ch.toLowerCase()) upper++;
    }
  }
  const mark = upper + digits > 0 ? MARK_CAPITAL_OR_DIGIT : 0;
  if (lower + upper === 0) return mark;
  let bits = CASE_LETTERS | mark;
  if (lower === 0) bits |= CASE_ALL_UPPER;
  const first = charClass(text, s);
  if (first === 1) {
    if (e - s > 3) bits |= CASE_CAPITALISED;
  } else if (first === 2) bits |= CASE_STARTS_LOWER;
  return bits;
}

/** Code units that may make a mark or a capitalised word: ASCII capitals and digits, and any code unit beyond ASCII (checked one by one). */
const MARK_CANDIDATES = /[A-Z0-9\u0080-\uffff]/g;

/**
 * The sentence case of tokens `from..to` (as `sentenceCase`), and in `marks[t]` whether token
 * `from + t` has a capital letter or a digit. The word list is read only when the case depends on it.
 *
 * A sentence with a token that starts with a lower-case ASCII letter cannot be in capitals, and is in
 * title case only with three capitalised words of four or more code units: for it the marks come from
 * one scan of the sentence for candidate code units (a compiled pattern, so the many lower-case
 * letters are skipped natively), and the case from those capitalised words, the lower-case words
 * looked up only when there are three. Any other sentence takes every token's code units in turn.
 * Both give exactly `tokenCaseAndMarks`' marks and `sentenceCase`'s case.
 */
export function caseAndMarks(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number, gazetteer: Gazetteer, marks: Uint8Array): number {
  let lowerStart = false;
  for (let i = from; i < to && !lowerStart; i++) {
    const c = text.charCodeAt(starts[i]!);
    lowerStart = c >= 97 && c <= 122;
  }
  if (!lowerStart) return caseAndMarksByToken(text, starts, ends, from, to, gazetteer, marks);
  marks.fill(0, 0, to - from);
  let capitalised = 0;
  const end = ends[to - 1]!;
  let i = from;
  MARK_CANDIDATES.lastIndex = starts[from]!;
  for (let m = MARK_CANDIDATES.exec(text); m !== null && m.index < end; m = MARK_CANDIDATES.exec(text)) {
    const p = m.index;
    while (i < to && ends[i]! <= p) i++;
    if (i === to) break;
    if (starts[i]! > p) continue;
    const c = text.charCodeAt(p);
    let mark: boolean;
    let capital: boolean;
    if (c < 128) {
      mark = true;
      capital = c <= 90 && c >= 65;
    } else {
      const ch = text[p]!;
      capital = ch !== ch.toLowerCase();
      mark = capital && ch === ch.toUpperCase();
    }
    if (mark) marks[i - from] = 1;
    if (capital && p === starts[i] && ends[i]! - p > 3) capitalised++;
  }
  if (capitalised < 3) return 0;
  // Only a word that starts in lower case can be CASE_OTHER_LOWER: an ASCII start other than a-z is skipped.
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(starts[k]!);
    if (c < 128 && !(c >= 97 && c <= 122)) continue;
    if (tokenCase(text, starts[k]!, ends[k]!, gazetteer) & CASE_OTHER_LOWER) return 0;
  }
  return 2;
}

/** `caseAndMarks` token by token, from each token's code units. */
function caseAndMarksByToken(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number, gazetteer: Gazetteer, marks: Uint8Array): number {
  let letterWords = 0;
  let upperWords = 0;
  let capitalised = 0;
  let startsLower = 0;
  for (let i = from; i < to; i++) {
    const bits = tokenCaseAndMarks(text, starts[i]!, ends[i]!);
    marks[i - from] = bits & MARK_CAPITAL_OR_DIGIT ? 1 : 0;
    if ((bits & ~MARK_CAPITAL_OR_DIGIT) === 0) continue;
    letterWords++;
    if (bits & CASE_ALL_UPPER) upperWords++;
    if (bits & CASE_CAPITALISED) capitalised++;
    if (bits & CASE_STARTS_LOWER) startsLower++;
  }
  // Title case needs every word that starts in lower case to be a small word: look them up only then.
  let otherLower = 0;
  if (startsLower > 0 && capitalised >= 3 && !(letterWords >= 2 && upperWords === letterWords)) {
    for (let i = from; i < to && otherLower === 0; i++) if (tokenCase(text, starts[i]!, ends[i]!, gazetteer) & CASE_OTHER_LOWER) otherLower++;
  }
  return caseOfCounts(letterWords, upperWords, capitalised, otherLower);
}

/** The sentence case from the counts of `tokenCase` bits over a sentence's tokens. */
export function caseOfCounts(letterWords: number, upperWords: number, capitalised: number, otherLower: number): number {
  if (letterWords >= 2 && upperWords === letterWords) return 1;
  if (capitalised >= 3 && otherLower === 0) return 2;
  return 0;
}

/** Character class for shapes: 1 upper, 2 lower, 3 digit, else the code unit itself. */
function charClass(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (c >= 65 && c <= 90) return 1;
  if (c >= 97 && c <= 122) return 2;
  if (c >= 48 && c <= 57) return 3;
  if (c > 127) {
    const ch = text[j]!;
    if (ch !== ch.toLowerCase()) return 1;
    if (ch !== ch.toUpperCase()) return 2;
  }
  return c + 16;
}

/** Per template, the seed its values are combined with (a feature id is combine(seed, value) & mask). */
const SEEDS = Int32Array.from(TEMPLATES, (_, i) => fmix32(i + 0x51ed27));

/** The feature id of template index `template` with value hash `value`. */
export function feature(template: number, value: number, mask: number): number {
  return fmix32((Math.imul(SEEDS[template]!, 0x9e3779b1) ^ value) >>> 0) & mask;
}

/** Lower-case code unit of text[j]: ASCII inline, other letters by toLowerCase. */
function lowerCode(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (c >= 65 && c <= 90) return c + 32;
  if (c > 127) return text[j]!.toLowerCase().charCodeAt(0);
  return c;
}

/** Per-token values written by `tokenValues`, at these offsets of a TOKEN_VALUES-long record. */
export const TV_WORD = 0;
export const TV_LOWER = 1;
export const TV_SHAPE = 2;
export const TV_GAZETTEER = 3;
/** Flag bits of the characters (the first-token bit, 1, is added by position). */
export const TV_FLAGS = 4;
/** Prefix hashes of 1..4 lower-case code units, then suffix hashes of 1..4. */
export const TV_AFFIX = 5;
export const TOKEN_VALUES = 13;

/**
 * The values of token `[s, e)` of `text` that depend only on its characters: word, lower-case and
 * shape hashes, gazetteer bits, character flags, prefix and suffix hashes, written into
 * `out[at .. at + TOKEN_VALUES]`. One pass over the characters gives all but the suffixes; a
 * backward pass the suffixes (hashed from the end).
 */
export function tokenValues(text: string, s: number, e: number, gazetteer: Gazetteer, out: Int32Array, at: number): void {
  let hw = 0x811c9dc5;
  let hl = 0x811c9dc5;
  let hs = 0x811c9dc5;
  let last = -1;
  let repeat = 0;
  let upper = 0;
  let lower = 0;
  let flags = 0;
  const affix = at + TV_AFFIX;
  for (let j = s; j < e; j++) {
    const c = text.charCodeAt(j);
    hw = Math.imul(hw ^ c, 0x01000193);
    hl = Math.imul(hl ^ lowerCode(text, j), 0x01000193);
    const k = j - s;
    if (k < 4) out[affix + k] = fmix32(hl >>> 0);
    const cls = charClass(text, j);
    if (cls === 1) upper++;
    else if (cls === 2) lower++;
    else if (cls === 3) flags |= 2;
    else if (cls === 45 + 16) flags |= 4;
    else if (cls === 46 + 16) flags |= 8;
    if (cls === last) {
      if (repeat++ >= 1) continue;
    } else repeat = 0;
    last = cls;
    hs = Math.imul(hs ^ cls, 0x01000193);
  }
  for (let k = e - s; k < 4; k++) out[affix + k] = NONE;
  let hr = 0x811c9dc5;
  for (let j = e - 1, k = 0; k < 4; j--, k++) {
    if (j < s) {
      out[affix + 4 + k] = NONE;
      continue;
    }
    hr = Math.imul(hr ^ lowerCode(text, j), 0x01000193);
    out[affix + 4 + k] = fmix32(hr >>> 0);
  }
  if (upper > 0 && charClass(text, s) === 1) flags |= 16;
  if (upper > 0 && lower === 0) flags |= 32;
  const lh = fmix32(hl >>> 0);
  out[at + TV_WORD] = fmix32(hw >>> 0);
  out[at + TV_LOWER] = lh;
  out[at + TV_SHAPE] = fmix32(hs >>> 0);
  out[at + TV_GAZETTEER] = gazetteer.get(lh) ?? 0;
  out[at + TV_FLAGS] = flags;
}

/** Scratch arrays for per-token values, grown as needed. */
let values = new Int32Array(64 * TOKEN_VALUES);
let wordH = new Int32Array(64);
let lowerH = new Int32Array(64);
let shapeH = new Int32Array(64);
let gazH = new Int32Array(64);
let flagsA = new Int32Array(64);
let affixH = new Int32Array(64 * 8);

/**
 * Feature ids for tokens `from..to` (a sentence) of `text`, token i being `[starts[i], ends[i])`,
 * written into `out` (length ≥ (to − from) × FEATURES_PER_TOKEN). `mask` is buckets − 1. Each
 * token's own values come from `tokenValues`.
 */
export function sentenceFeatures(
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  from: number,
  to: number,
  gazetteer: Gazetteer,
  mask: number,
  out: Int32Array,
): void {
  const n = to - from;
  if (wordH.length < n) {
    values = new Int32Array(n * 2 * TOKEN_VALUES);
    wordH = new Int32Array(n * 2);
    lowerH = new Int32Array(n * 2);
    shapeH = new Int32Array(n * 2);
    gazH = new Int32Array(n * 2);
    flagsA = new Int32Array(n * 2);
    affixH = new Int32Array(n * 16);
  }
  const sCase = sentenceCase(text, starts, ends, from, to, gazetteer);
  for (let t = 0; t < n; t++) {
    const at = t * TOKEN_VALUES;
    tokenValues(text, starts[from + t]!, ends[from + t]!, gazetteer, values, at);
    wordH[t] = values[at + TV_WORD]!;
    lowerH[t] = values[at + TV_LOWER]!;
    shapeH[t] = values[at + TV_SHAPE]!;
    gazH[t] = values[at + TV_GAZETTEER]!;
    flagsA[t] = values[at + TV_FLAGS]! | (t === 0 ? 1 : 0);
    for (let k = 0; k < 8; k++) affixH[t * 8 + k] = values[at + TV_AFFIX + k]!;
  }
  const F = FEATURES_PER_TOKEN;
  for (let t = 0; t < n; t++) {
    const base = t * F;
    const lw = lowerH[t]!;
    const sh = shapeH[t]!;
    const lPrev = t > 0 ? lowerH[t - 1]! : SENTINEL_BEFORE;
    const lPrev2 = t > 1 ? lowerH[t - 2]! : SENTINEL_BEFORE;
    const lNext = t + 1 < n ? lowerH[t + 1]! : SENTINEL_AFTER;
    const lNext2 = t + 2 < n ? lowerH[t + 2]! : SENTINEL_AFTER;
    const shPrev = t > 0 ? shapeH[t - 1]! : SENTINEL_BEFORE;
    const shNext = t + 1 < n ? shapeH[t + 1]! : SENTINEL_AFTER;
    const shPrev2 = t > 1 ? shapeH[t - 2]! : SENTINEL_BEFORE;
    const shNext2 = t + 2 < n ? shapeH[t + 2]! : SENTINEL_AFTER;
    out[base] = feature(0, 0, mask);
    out[base + 1] = feature(1, wordH[t]!, mask);
    out[base + 2] = feature(2, lw, mask);
    out[base + 3] = feature(3, sh, mask);
    for (let k = 0; k < 4; k++) {
      out[base + 4 + k] = feature(4 + k, affixH[t * 8 + k]!, mask);
      out[base + 8 + k] = feature(8 + k, affixH[t * 8 + 4 + k]!, mask);
    }
    out[base + 12] = feature(12, flagsA[t]!, mask);
    out[base + 13] = feature(13, lPrev, mask);
    out[base + 14] = feature(14, lPrev2, mask);
    out[base + 15] = feature(15, lNext, mask);
    out[base + 16] = feature(16, lNext2, mask);
    out[base + 17] = feature(17, shPrev, mask);
    out[base + 18] = feature(18, shNext, mask);
    out[base + 19] = feature(19, combine(lPrev, lw), mask);
    out[base + 20] = feature(20, combine(lw, lNext), mask);
    out[base + 21] = feature(21, gazH[t]!, mask);
    out[base + 22] = feature(22, t > 0 ? gazH[t - 1]! : -1, mask);
    out[base + 23] = feature(23, t + 1 < n ? gazH[t + 1]! : -1, mask);
    out[base + 24] = feature(24, combine(sh, sCase), mask);
    out[base + 25] = feature(25, combine(lw, sCase), mask);
    out[base + 26] = feature(26, combine(combine(shPrev, sh), shNext), mask);
    out[base + 27] = feature(27, shPrev2, mask);
    out[base + 28] = feature(28, shNext2, mask);
  }
}
