/** The word scan of detect-framing, shared by the lexicon scan and the span model's features. */

interface Range {
  readonly start: number;
  readonly end: number;
}

/** The words of the text: offsets and lower-case forms (a possessive `'s` dropped). */
export interface Words {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lower: string[];
  readonly capital: Uint8Array;
  /** Index of the sentence each word is in. */
  readonly sentence: Int32Array;
}

export const WORD = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu;
export const CAPITAL = /^\p{Lu}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letter or digit: ASCII by code, anything else by the Unicode classes. */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  // No-break space and the General Punctuation block (curly quotes, dashes, ellipsis) hold no letter or digit.
  if (code === 0xa0 || (code >= 0x2000 && code <= 0x206f)) return false;
  return LETTER_OR_DIGIT.test(text[i]!);
}

/**
 * Words as WORD matches them (letters and digits, joined by an apostrophe or hyphen), scanned by
 * character code: the text is long and this runs once per document.
 */
export function scanWords(text: string, sentences: readonly Range[]): Words {
  // About one word per six characters in news text; the arrays double when a text has more.
  let max = Math.ceil(text.length / 6) + 16;
  let starts = new Int32Array(max);
  let ends = new Int32Array(max);
  let capital = new Uint8Array(max);
  let sentence = new Int32Array(max);
  const lower: string[] = [];
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
    let plain = (code >= 97 && code < 128) || (code >= 48 && code <= 57);
    i++;
    for (;;) {
      while (i < length) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c, text, i)) break;
        if (c < 97 && c >= 65) plain = false;
        else if (c >= 128) plain = false;
        i++;
      }
      const joiner = text.charCodeAt(i);
      if ((joiner === 0x2019 || joiner === 0x27 || joiner === 0x2d) && i + 1 < length && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        const next = text.charCodeAt(i + 1);
        if ((next < 97 && next >= 65) || next >= 128) plain = false;
        i += 2;
        continue;
      }
      break;
    }
    let end = i;
    const last = text.charCodeAt(end - 1);
    if (end - start > 2 && (last === 115 || last === 83)) {
      const apostrophe = text.charCodeAt(end - 2);
      if (apostrophe === 0x2019 || apostrophe === 0x27) end -= 2;
    }
    while (s < sentences.length - 1 && sentences[s]!.end <= start) s++;
    const word = text.slice(start, end);
    const low = plain ? word : word.toLowerCase();
    if (n === max) {
      max *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      starts = grow(starts, new Int32Array(max));
      ends = grow(ends, new Int32Array(max));
      capital = grow(capital, new Uint8Array(max));
      sentence = grow(sentence, new Int32Array(max));
    }
    starts[n] = start;
    ends[n] = end;
    capital[n] = low.charCodeAt(0) !== word.charCodeAt(0) ? 1 : 0;
    sentence[n] = s;
    lower.push(low);
    n++;
  }
  return { count: n, starts, ends, lower, capital, sentence };
}

