import { firstStartingAtOrAfter } from '../../core/search.js';
import type { CueEntry } from './cue-lexicon.js';
/** A light word scanner over a stretch of the document, for attribution patterns. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
  /** Starts with a capital letter. */
  readonly capital: boolean;
  /** Punctuation or a symbol, not a word. */
  readonly punct: boolean;
  /**
   * What `cueAt` learnt of this word as the first word of a cue (the most words a cue starting with
   * it can have, 0 for none), kept so that a word read in several attribution windows is looked up
   * once; -1 until asked. A number from the start: a field that starts as `undefined` and later holds
   * a number changes the hidden class of every word, and the optimised code of every reader is thrown
   * away with it.
   */
  cueWords: number;
  /**
   * The cue form that is this word alone, kept with `cueWords` when that is 1 or more (null for none, and
   * until then): most cues are one word, and the rules ask `cueAt` about the same word several times.
   */
  cueOne: CueEntry | null;
}

/**
 * Words are instances of one class, not object literals: a literal's hidden class is shared with every
 * other literal of as many properties that begins with the same names (`{ start, end, … }` is common
 * here), and when one of those gets a field of another kind, the hidden class of every word is
 * replaced and the optimised code of each function that reads words is thrown away.
 */
class ScannedWord implements Word {
  // Declared, not defined: each field's first value is its own kind (a field defined as `undefined`
  // first would be generalised on the constructor's first store).
  declare readonly start: number;
  declare readonly end: number;
  declare readonly text: string;
  declare readonly lower: string;
  declare readonly capital: boolean;
  declare readonly punct: boolean;
  declare cueWords: number;
  declare cueOne: CueEntry | null;
  constructor(start: number, end: number, text: string, lower: string, capital: boolean, punct: boolean) {
    this.start = start;
    this.end = end;
    this.text = text;
    this.lower = lower;
    this.capital = capital;
    this.punct = punct;
    this.cueWords = -1;
    this.cueOne = null;
  }
}

/** A word (group 1) or any other single non-space character. */
export const WORD = /([\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*)|\S/gu;

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Letter-or-number answers for code units of the Basic Multilingual Plane, learnt on first sight: 0 not yet, 1 yes, 2 no. */
const unitClass = new Uint8Array(0x10000);

export function isLetterOrNumberUnit(code: number): boolean {
  let known = unitClass[code]!;
  if (known === 0) unitClass[code] = known = LETTER_OR_NUMBER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Length in code units of the letter or number (`[\p{L}\p{N}]`, a code point) at `i`, or 0 when it is none. */
function letterOrNumberAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return LETTER_OR_NUMBER.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return isLetterOrNumberUnit(code) ? 1 : 0;
}

/**
 * How many runs of letters and numbers (`/[\p{L}\p{N}]+/gu` matches) [start, end) holds, counted up
 * to `limit`: a quote's length is asked in words, and most answers need only the first few.
 */
export function countWordsIn(text: string, start: number, end: number, limit = Infinity): number {
  let count = 0;
  let inRun = false;
  for (let i = start; i < end; ) {
    const len = i + 1 < end ? letterOrNumberAt(text, i) : isLetterOrNumberUnit(text.charCodeAt(i)) ? 1 : 0;
    if (len > 0) {
      if (!inRun && ++count >= limit) return count;
      inRun = true;
      i += len;
    } else {
      inRun = false;
      i++;
    }
  }
  return count;
}

/**
 * How many terms (`/[\p{L}\p{N}][\p{L}\p{N}’'\-.]*\/gu` matches) [start, end) holds, counted up to
 * `limit`. Each maximal run of letters, numbers, apostrophes, hyphens and periods that holds a letter or
 * number is one term.
 */
export function countTermsIn(text: string, start: number, end: number, limit = Infinity): number {
  let count = 0;
  // 0 outside a run, 1 in a run without a letter or number yet, 2 in a run that holds one.
  let state = 0;
  for (let i = start; i < end; ) {
    const len = i + 1 < end ? letterOrNumberAt(text, i) : isLetterOrNumberUnit(text.charCodeAt(i)) ? 1 : 0;
    if (len > 0) {
      if (state !== 2 && ++count >= limit) return count;
      state = 2;
      i += len;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === 0x2019 || code === 39 || code === 45 || code === 46) {
      if (state === 0) state = 1;
    } else state = 0;
    i++;
  }
  return count;
}

/** `[\p{L}\p{M}\p{N}]`, a code point: a word's letters, marks and numbers. */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** Word-character answers for code units of the Basic Multilingual Plane, learnt on first sight: 0 not yet, 1 yes, 2 no. */
const wordUnitClass = new Uint8Array(0x10000);

/** Length in code units of the word character (a code point) at `i`, or 0 when it is none. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = wordUnitClass[code]!;
  if (known === 0) wordUnitClass[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** `\s` of a regular expression, for one UTF-16 code unit (every such character is in the Basic Multilingual Plane). */
export function isSpaceUnit(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const NUMBER_START = /^\p{N}/u;
const ONLY_NUMBERS = /^\p{N}+$/u;

/**
 * `/^\p{N}/u.test(s)`: the string opens with a number. An ASCII first character is a number when it is a
 * digit; any other goes to the pattern (the rules ask this of many words, nearly all of them ASCII).
 */
export function startsWithNumber(s: string): boolean {
  const code = s.charCodeAt(0);
  if (code < 128) return code >= 48 && code <= 57;
  return NUMBER_START.test(s);
}

/** `/^\p{N}+$/u.test(s)`: the string is numbers only; an ASCII answer without the pattern, as `startsWithNumber`. */
export function onlyNumbers(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    if (code >= 128) return ONLY_NUMBERS.test(s);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * `/^[ \t]*$/u.test(text.slice(start, end))` (with `atLeastOne`, `/^[ \t]+$/u`): [start, end) holds only spaces
 * and tabs, read in place instead of through a slice and a pattern.
 */
export function onlySpacesAndTabs(text: string, start: number, end: number, atLeastOne: boolean): boolean {
  const stop = Math.min(end, text.length);
  if (stop <= start) return !atLeastOne;
  for (let i = start; i < stop; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/**
 * The words of [start, end): exactly what `WORD` finds with `exec` in a loop from `start` (a match
 * that starts before `end` and runs past it is cut off there), read character by character instead
 * of through the pattern, which allocates a match array for every word. The test in
 * scanners.test.ts compares the two.
 */
export function wordsIn(text: string, start: number, end: number): Word[] {
  const n = text.length;
  // A start inside a surrogate pair: the pattern's own handling of that case.
  if (start > 0 && start < n) {
    const code = text.charCodeAt(start);
    const before = text.charCodeAt(start - 1);
    if (code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return wordsByPattern(text, start, end);
  }
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isSpaceUnit(code)) {
      i++;
      continue;
    }
    let len = wordCharAt(text, i);
    let j: number;
    let word: boolean;
    if (len > 0) {
      // Letters, marks and numbers, joined by single apostrophes, hyphens and periods.
      j = i + len;
      for (;;) {
        while (j < n) {
          // A code unit already known as a word character (below the surrogates) without the call; the rest as before.
          const c = text.charCodeAt(j);
          if (c < 0xd800) {
            const known = wordUnitClass[c]!;
            if (known === 1) {
              j++;
              continue;
            }
            if (known === 2) break;
          }
          if ((len = wordCharAt(text, j)) > 0) j += len;
          else break;
        }
        if (j + 1 < n) {
          const c = text.charCodeAt(j);
          if ((c === 0x2019 || c === 39 || c === 45 || c === 46) && (len = wordCharAt(text, j + 1)) > 0) {
            j += 1 + len;
            continue;
          }
        }
        break;
      }
      word = true;
    } else {
      // Any other character: one code point.
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      j = code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? i + 2 : i + 1;
      word = false;
    }
    const value = text.slice(i, Math.min(j, end));
    // Only a word that opens with a combining mark (U+0300 and up) needs the class test; an ASCII
    // first character is a capital when it is A to Z.
    // A percent sign is read as the word it stands for (`4.5%` = `4.5 percent`): a clause that ends with one keeps it.
    let punct = !word && code !== 37;
    let capital: boolean;
    if (code < 128) capital = !punct && code >= 65 && code <= 90;
    else if (punct) capital = false;
    else {
      const first = value[0]!;
      punct = code >= 0x300 && !/[\p{L}\p{N}]/u.test(first);
      capital = !punct && first !== first.toLowerCase();
    }
    words.push(new ScannedWord(i, i + value.length, value, value.toLowerCase(), capital, punct));
    i = j;
  }
  return words;
}

/** `wordsIn` through the pattern itself. */
function wordsByPattern(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  // Scans the text in place (no copy of the range); a match that runs past `end` is cut off there.
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
    let value = m[0];
    if (m.index + value.length > end) value = value.slice(0, end - m.index);
    const first = value[0]!;
    // Only a word that opens with a combining mark (U+0300 and up) needs the class test.
    const punct = (m[1] === undefined && value !== '%') || (first.charCodeAt(0) >= 0x300 && !/[\p{L}\p{N}]/u.test(first));
    const lower = value.toLowerCase();
    words.push(new ScannedWord(m.index, m.index + value.length, value, lower, !punct && first !== first.toLowerCase(), punct));
  }
  return words;
}

/** The dashes that set off an apposition (`Ben Cole — a teacher from the coast — says`; `-` also doubled, `--`). */
export const DASHES: ReadonlySet<string> = new Set(['—', '–', '-']);

/** True when the words are only punctuation (and so carry no content of the writer's own). */
/**
 * A colon glued between two numbers (`2:20 a.m.`, `3:1`, `14:30`): a clock time or a ratio, not a colon that
 * opens or closes a clause.
 */
export function numberColon(words: readonly Word[], i: number): boolean {
  const before = words[i - 1];
  const after = words[i + 1];
  return before !== undefined && after !== undefined && before.end === words[i]!.start && after.start === words[i]!.end && isDigitCode(before.text.charCodeAt(before.text.length - 1)) && isDigitCode(after.text.charCodeAt(0));
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function onlyPunctuation(words: readonly Word[]): boolean {
  return words.every((w) => w.punct);
}

/** The words of a whole text, scanned once, handed out by offset range. */
export interface WordIndex {
  /** The words that lie entirely inside [start, end), in text order. */
  between(start: number, end: number): Word[];
  /**
   * The same words as `wordsIn(text, start, end)`: taken from the index when the text was scanned
   * already and no word runs across `start` or `end`, scanned afresh otherwise.
   */
  scan(start: number, end: number): Word[];
  /**
   * The first `limit` words of `scan(start, end)`, or all of them when there are fewer: for checks that
   * give up past a number of words, so that the cost follows the words read and not the length of the
   * range (a sentence that runs on for a megabyte).
   */
  scanUpTo(start: number, end: number, limit: number): Word[];
}

/**
 * How the word index parts a text: block k starts at the first whitespace at or after k × WORD_BLOCK (block 0
 * at 0) and ends where the next one starts. No word runs across whitespace, so the words of a block are
 * exactly the words the whole text's scan finds there.
 */
const WORD_BLOCK = 128;

/** A block bound not yet looked for. */
const UNKNOWN = -1;
/** No whitespace within a whole block's length: such a text is scanned whole. */
const NO_BOUND = -2;

/**
 * Scans the text on first use only (most texts have few quotes, some none), and then only the blocks of it
 * that are asked for: attribution windows of neighbouring quotes overlap, and in run-on text each stretch of
 * text would otherwise be scanned again for every quote whose window covers it, while the stretches far from
 * any quote and from any cue are never read. Before the first `between`, `scan` and `scanUpTo` scan their range
 * alone (a text with no quote in marks reads only its sentences with a cue); after it, they read the blocks.
 */
export function createWordIndex(text: string): WordIndex {
  const n = text.length;
  const blockCount = Math.ceil(n / WORD_BLOCK);
  // The words of the whole text, when a block would hold a stretch of WORD_BLOCK units without whitespace.
  let all: Word[] | null = null;
  let blocks: (Word[] | undefined)[] | null = null;
  // A plain array of small integers, not a typed array: most texts have over 16 blocks, and a typed array of more
  // than 64 bytes keeps its numbers outside the heap, which the collector accounts for apart (one per text).
  let bounds: number[] | null = null;

  /** Where block k starts (n for k = blockCount), or NO_BOUND. */
  const bound = (k: number): number => {
    if (k === 0) return 0;
    if (k >= blockCount) return n;
    let b = bounds![k]!;
    if (b === UNKNOWN) {
      const from = k * WORD_BLOCK;
      const to = Math.min(n, from + WORD_BLOCK);
      b = from;
      while (b < to && !isSpaceUnit(text.charCodeAt(b))) b++;
      if (b === to && to < n) b = NO_BOUND;
      bounds![k] = b;
    }
    return b;
  };
  /** The block that holds offset `at` (below n), or -1 when its bounds are unknown for want of whitespace. */
  const blockOf = (at: number): number => {
    const k = Math.floor(at / WORD_BLOCK);
    const b = bound(k);
    if (b === NO_BOUND) return -1;
    // A block reaches past its nominal start up to the first whitespace; the one before holds what lies between.
    if (at >= b) return k;
    return bound(k - 1) === NO_BOUND ? -1 : k - 1;
  };
  /** The words of block k, scanned on first use; null when its end is unknown. */
  const wordsOfBlock = (k: number): Word[] | null => {
    let words = blocks![k];
    if (words === undefined) {
      const end = bound(k + 1);
      if (end === NO_BOUND) return null;
      words = blocks![k] = wordsIn(text, bound(k), end);
    }
    return words;
  };
  /** Whether the text is read by blocks (false until the first `between`, and when it is scanned whole). */
  const byBlocks = (): boolean => blocks !== null && all === null;
  const toWhole = (): Word[] => {
    all = wordsIn(text, 0, n);
    return all;
  };
  /**
   * The words from offset `start` on that start before `end`, at most `limit` of them, from the blocks. With
   * `inside` (what `between` gives), only the words that lie entirely inside the range: a word that runs across
   * `start` is left out and the words stop before the first that runs past `end`. Without it (what `scan`
   * gives), null when a word runs across `start` or one of the words taken runs past `end`: the range is then
   * scanned afresh. Null in both when a block's bounds are unknown (no whitespace within a block's length).
   */
  const fromBlocks = (start: number, end: number, limit: number, inside: boolean): Word[] | null => {
    const out: Word[] = [];
    if (start >= n || limit <= 0) return out;
    let k = blockOf(start);
    if (k === -1) return null;
    let words = wordsOfBlock(k);
    if (words === null) return null;
    let i = firstStartingAtOrAfter(words, start);
    // A word of the same block that starts before `start` and runs into it (words never cross a block's bounds).
    if (!inside && i > 0 && words[i - 1]!.end > start) return null;
    while (out.length < limit) {
      if (i === words.length) {
        // No word of a block that starts at or past `end` starts before it: that block is not scanned.
        if (++k >= blockCount || bound(k) >= end) break;
        words = wordsOfBlock(k);
        if (words === null) return null;
        i = 0;
        continue;
      }
      const w = words[i]!;
      if (w.start >= end) break;
      if (w.end > end) {
        if (inside) break;
        return null;
      }
      out.push(w);
      i++;
    }
    return out;
  };
  return {
    between(start, end) {
      if (end <= start || start >= n) return [];
      if (all === null) {
        if (blocks === null) {
          blocks = new Array<Word[] | undefined>(blockCount);
          bounds = new Array<number>(blockCount).fill(UNKNOWN);
        }
        const words = fromBlocks(start, end, Infinity, true);
        if (words !== null) return words;
        toWhole();
      }
      const words = all!;
      const from = firstStartingAtOrAfter(words, start);
      let to = firstStartingAtOrAfter(words, end);
      while (to > from && words[to - 1]!.end > end) to--;
      return words.slice(from, to);
    },
    scan(start, end) {
      // Before the first quote the text has not been scanned at all: a sentence alone costs less.
      if (end <= start || (all === null && blocks === null)) return wordsIn(text, start, end);
      if (byBlocks()) return fromBlocks(start, end, Infinity, false) ?? wordsIn(text, start, end);
      const words = all!;
      const from = firstStartingAtOrAfter(words, start);
      const to = firstStartingAtOrAfter(words, end);
      // A word that starts before `start` and runs into the range, or one that runs past `end`, would be cut.
      if ((from > 0 && words[from - 1]!.end > start) || (to > 0 && words[to - 1]!.end > end)) return wordsIn(text, start, end);
      return words.slice(from, to);
    },
    scanUpTo(start, end, limit) {
      if (end <= start || limit <= 0) return [];
      if (byBlocks()) {
        const words = fromBlocks(start, end, limit, false);
        if (words !== null) return words;
      } else if (all !== null) {
        const from = firstStartingAtOrAfter(all, start);
        const to = firstStartingAtOrAfter(all, end);
        if (!((from > 0 && all[from - 1]!.end > start) || (to > 0 && all[to - 1]!.end > end))) return all.slice(from, Math.min(to, from + limit));
      }
      // A window that doubles until it holds more than `limit` words or reaches `end`. The last two words
      // of a window that stops short of `end` may be cut or read differently with what follows, so only
      // the words before them are taken.
      for (let width = 256; ; width *= 2) {
        const stop = Math.min(end, start + width);
        const words = wordsIn(text, start, stop);
        if (stop === end) return words.length > limit ? words.slice(0, limit) : words;
        if (words.length > limit + 2) return words.slice(0, limit);
      }
    },
  };
}
