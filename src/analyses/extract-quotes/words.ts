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
}

/**
 * The pattern `wordsIn` follows: a word (group 1) or any other single non-space character. It is
 * kept as the definition (the tests compare the scanner with it); the scanner below walks the
 * characters itself, which costs a third of running the pattern over a whole text.
 */
export const WORD_PATTERN = /([\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*)|\S/gu;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * What a code unit of the Basic Multilingual Plane is, learnt on first sight: bit 1 known, bit 2 a
 * word character (`[\p{L}\p{M}\p{N}]`), bit 4 a letter or number, bit 8 changed by `toLowerCase`
 * (a capital), bit 16 whitespace (`\s`).
 */
const unitClass = new Uint8Array(0x10000);

function classOf(code: number): number {
  const known = unitClass[code]!;
  if (known !== 0) return known;
  const ch = String.fromCharCode(code);
  const value = 1 | (WORD_CHAR.test(ch) ? 2 : 0) | (LETTER_OR_NUMBER.test(ch) ? 4 : 0) | (ch !== ch.toLowerCase() ? 8 : 0) | (/^\s$/u.test(ch) ? 16 : 0);
  unitClass[code] = value;
  return value;
}

/** Length in code units of the word character (a code point) at `i`, or 0 when it is none. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return (classOf(code) & 2) !== 0 ? 1 : 0;
}

/** Length in code units of the letter or number (`[\p{L}\p{N}]`, a code point) at `i`, or 0 when it is none. */
function letterOrNumberAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return LETTER_OR_NUMBER.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return (classOf(code) & 4) !== 0 ? 1 : 0;
}

/**
 * How many runs of letters and numbers (`/[\p{L}\p{N}]+/gu` matches) [start, end) holds, counted up
 * to `limit`: a quote's length is asked in words, and most answers need only the first few.
 */
export function countWordsIn(text: string, start: number, end: number, limit = Infinity): number {
  let count = 0;
  let inRun = false;
  for (let i = start; i < end; ) {
    const len = i + 1 < end ? letterOrNumberAt(text, i) : (classOf(text.charCodeAt(i)) & 4) !== 0 ? 1 : 0;
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
    const len = i + 1 < end ? letterOrNumberAt(text, i) : (classOf(text.charCodeAt(i)) & 4) !== 0 ? 1 : 0;
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

/** Characters that join two runs of word characters into one word (`O’Brien`, `Kilroy-Silk`, `U.S`). */
function isJoiner(code: number): boolean {
  return code === 0x2019 || code === 39 || code === 45 || code === 46;
}

/**
 * The words and single punctuation characters that start in [start, end), as `WORD_PATTERN` finds
 * them from `start`; a word that runs past `end` is cut off there.
 */
export function wordsIn(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const n = text.length;
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if ((classOf(code) & 16) !== 0) {
      i++;
      continue;
    }
    let j: number;
    let isWord: boolean;
    const first = wordCharAt(text, i);
    if (first > 0) {
      isWord = true;
      j = i + first;
      for (;;) {
        for (let len = j < n ? wordCharAt(text, j) : 0; len > 0; len = j < n ? wordCharAt(text, j) : 0) j += len;
        if (j + 1 < n && isJoiner(text.charCodeAt(j)) && wordCharAt(text, j + 1) > 0) {
          j++;
          continue;
        }
        break;
      }
    } else {
      isWord = false;
      // Any other character: one code point (a surrogate pair is one).
      j = code >= 0xd800 && code <= 0xdbff && i + 1 < n && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? i + 2 : i + 1;
    }
    const stop = j > end ? end : j;
    const value = text.slice(i, stop);
    // Only a word that opens with a combining mark (U+0300 and up) needs the class test.
    const firstClass = classOf(code);
    const punct = !isWord || (code >= 0x300 && (firstClass & 4) === 0);
    words.push({
      start: i,
      end: stop,
      text: value,
      lower: value.toLowerCase(),
      capital: !punct && (firstClass & 8) !== 0,
      punct,
    });
    i = j;
  }
  return words;
}

/** True when the words are only punctuation (and so carry no content of the writer's own). */
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
}

/**
 * Scans the text on first use only (most texts have few quotes, some none). Attribution windows of
 * neighbouring quotes overlap, and in run-on text each stretch of text would otherwise be scanned
 * again for every quote whose window covers it.
 */
export function createWordIndex(text: string): WordIndex {
  let all: Word[] | null = null;
  const firstStartingAt = (words: readonly Word[], offset: number): number => {
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    between(start, end) {
      if (end <= start) return [];
      all ??= wordsIn(text, 0, text.length);
      const from = firstStartingAt(all, start);
      let to = firstStartingAt(all, end);
      while (to > from && all[to - 1]!.end > end) to--;
      return all.slice(from, to);
    },
    scan(start, end) {
      // Before the first quote the text has not been scanned whole: a sentence alone costs less.
      if (all === null || end <= start) return wordsIn(text, start, end);
      const from = firstStartingAt(all, start);
      const to = firstStartingAt(all, end);
      // A word that starts before `start` and runs into the range, or one that runs past `end`, would be cut.
      if ((from > 0 && all[from - 1]!.end > start) || (to > 0 && all[to - 1]!.end > end)) return wordsIn(text, start, end);
      return all.slice(from, to);
    },
  };
}
