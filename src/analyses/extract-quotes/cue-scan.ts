/**
 * Where cue forms occur in a text, found by one pass over its characters with a trie of the forms.
 *
 * It finds exactly what the pattern `(?<![\p{L}\p{N}])(?:FORM|FORM|…)(?![\p{L}\p{N}])` (flags `gu`,
 * alternatives longest first, a space in a form matching one or more whitespace characters) finds
 * with `exec` in a loop: the start of each match, a match resuming the search where the previous
 * one ended. A regular expression with a thousand alternatives tries them at every position of
 * the text; the trie looks at a position only where a form can start, and walks one node per
 * character. The test in extract-quotes.test.ts compares the two on real texts.
 */

export interface CueScanner {
  /** Offsets where a cue form starts, in text order. */
  starts(text: string): number[];
  /**
   * The same offsets read range by range, scanning only as far as the questions need: a sentence asks
   * whether a form starts in it, and the scan stops at the first one.
   */
  cursor(text: string): CueCursor;
}

export interface CueCursor {
  /**
   * The first offset of `starts(text)` in [from, to), or -1 when none is. Asked with `from` never
   * decreasing, each answer scans only from the last one; asked with a smaller `from`, it scans again
   * from the start of the text.
   */
  firstIn(from: number, to: number): number;
}

/** How far back from a range a cursor looks for a place where the scan can resume (UTF-16 units). */
const RESUME_LOOKBACK = 64;

const SPACE = 32;

/** `\s` of a JavaScript regular expression, for one UTF-16 code unit. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Letter-or-number answers for the code units of the Basic Multilingual Plane: 0 not known yet, 1 yes, 2 no. */
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) bmpClass[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;

/** True when the code point is a letter or a number (`[\p{L}\p{N}]`). */
function isLetterOrNumber(codePoint: number): boolean {
  if (codePoint < 0x10000) {
    let known = bmpClass[codePoint]!;
    if (known === 0) bmpClass[codePoint] = known = LETTER_OR_NUMBER.test(String.fromCharCode(codePoint)) ? 1 : 2;
    return known === 1;
  }
  return LETTER_OR_NUMBER.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `i` (a surrogate pair read as one, as the `u` flag does). */
function codePointBefore(text: string, i: number): number {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** Builds the scanner for the forms as written (case matters); a space in a form is any run of whitespace. */
export function createCueScanner(forms: Iterable<string>): CueScanner {
  // The trie as a flat table: symbols are the code units the forms use (the space standing for a
  // run of whitespace), node 0 is the root, and 0 in the table means no edge (no edge leads back to
  // the root). A few thousand nodes times a few dozen symbols stay small enough for the cache.
  const symbolOf = new Map<number, number>();
  const edges: Map<number, number>[] = [new Map()];
  const finals: boolean[] = [false];
  for (const form of forms) {
    if (form.length === 0) continue;
    let node = 0;
    for (let k = 0; k < form.length; k++) {
      const code = form.charCodeAt(k);
      if (code === SPACE) {
        // `\s+` in the pattern: several spaces in a row in a form are one run.
        while (k + 1 < form.length && form.charCodeAt(k + 1) === SPACE) k++;
      } else if (isSpace(code)) throw new Error(`cue form "${form}" holds whitespace other than a space`);
      let symbol = symbolOf.get(code);
      if (symbol === undefined) symbolOf.set(code, (symbol = symbolOf.size));
      let next = edges[node]!.get(symbol);
      if (next === undefined) {
        next = edges.length;
        edges.push(new Map());
        finals.push(false);
        edges[node]!.set(symbol, next);
      }
      node = next;
    }
    finals[node] = true;
  }
  const width = symbolOf.size;
  // Nodes numbered breadth first: the rows a scan reads most (the first letters of the forms) lie
  // together at the top of the table, and 16-bit cells halve it, so it stays in the cache between
  // documents while the other analyses run.
  const order = [0];
  for (let k = 0; k < order.length; k++) edges[order[k]!]!.forEach((next) => order.push(next));
  const numberOf = new Array<number>(edges.length);
  order.forEach((node, k) => (numberOf[node] = k));
  if (edges.length > 0xffff) throw new Error(`the cue forms make ${edges.length} trie nodes; 16-bit cells hold 65,535`);
  const table = new Uint16Array(Math.max(1, edges.length * width));
  edges.forEach((out, node) => out.forEach((next, symbol) => (table[numberOf[node]! * width + symbol] = numberOf[next]!)));
  const final = new Uint8Array(edges.length);
  finals.forEach((f, node) => (final[numberOf[node]!] = f ? 1 : 0));
  // Symbol + 1 by code unit (0: no form uses it); whitespace other than a space is the space's symbol.
  const symbols = new Uint16Array(0x10000);
  symbolOf.forEach((symbol, code) => (symbols[code] = symbol + 1));
  const space = symbolOf.get(SPACE);
  if (space !== undefined) for (let code = 0; code < 0x10000; code++) if (isSpace(code)) symbols[code] = space + 1;

  /**
   * A code unit no form holds that is no letter or number (and no surrogate), such as a period or a comma:
   * no match runs across it and no word goes on past it, so the full scan always stops on it and goes on
   * after it as from the start of a text. A scan may resume right after one and find exactly what the full
   * scan finds from there.
   */
  const resumesAfter = (code: number): boolean => symbols[code] === 0 && (code < 0xd800 || code > 0xdfff) && !isLetterOrNumber(code);

  /**
   * Scans `text` from `state.at` (where the code point before is a letter or number when `state.afterWordChar`)
   * for the next form start before `limit`. Returns the start (the state then resumes after its form), or -1
   * with the state at `limit` or past it.
   */
  const next = (text: string, state: { at: number; afterWordChar: boolean }, limit: number): number => {
    const n = text.length;
    const stop = Math.min(n, limit);
    // Whether the code point before `i` is a letter or a number: a form starts only where it is not.
    let afterWordChar = state.afterWordChar;
    let i = state.at;
    while (i < stop) {
      const code = text.charCodeAt(i);
      // Inside a word no form starts: the symbol table is read only at a word's first character.
      const firstSymbol = afterWordChar ? 0 : symbols[code]!;
      if (firstSymbol !== 0 && firstSymbol - 1 !== space) {
        // The longest form that matches here and is not followed by a letter or a number.
        let best = -1;
        let node = table[firstSymbol - 1]!;
        let j = i + 1;
        while (node !== 0) {
          if (final[node] === 1 && (j >= n || !isLetterOrNumber(text.codePointAt(j)!))) best = j;
          if (j >= n) break;
          const symbol = symbols[text.charCodeAt(j)]!;
          if (symbol === 0) break;
          j++;
          if (symbol - 1 === space) while (j < n && isSpace(text.charCodeAt(j))) j++;
          node = table[node * width + symbol - 1]!;
        }
        if (best !== -1) {
          state.at = best;
          state.afterWordChar = isLetterOrNumber(codePointBefore(text, best));
          return i;
        }
      }
      // A low surrogate ends a code point that began one unit earlier.
      afterWordChar = code >= 0xdc00 && code <= 0xdfff ? isLetterOrNumber(codePointBefore(text, i + 1)) : isLetterOrNumber(code);
      i++;
      // The rest of a word: letters and numbers of the table, where no form starts, passed over in one loop
      // (a surrogate is never 1 there, so a pair goes through the steps above).
      if (afterWordChar) while (i < n && bmpClass[text.charCodeAt(i)] === 1) i++;
    }
    state.at = i;
    state.afterWordChar = afterWordChar;
    return -1;
  };

  return {
    starts(text) {
      const out: number[] = [];
      const state = { at: 0, afterWordChar: false };
      for (let at = next(text, state, text.length); at !== -1; at = next(text, state, text.length)) out.push(at);
      return out;
    },
    cursor(text) {
      const state = { at: 0, afterWordChar: false };
      // A start found past the range that asked (kept for the next range), or -1.
      let found = -1;
      let lastFrom = 0;
      return {
        firstIn(from, to) {
          if (from < lastFrom) {
            state.at = 0;
            state.afterWordChar = false;
            found = -1;
          }
          lastFrom = from;
          if (found !== -1) {
            if (found >= from) return found < to ? found : -1;
            found = -1;
          }
          // Ahead of the scan: resume after the last place before `from` where the full scan goes on afresh.
          if (state.at < from) {
            for (let k = from - 1; k >= state.at && k >= from - RESUME_LOOKBACK; k--) {
              if (resumesAfter(text.charCodeAt(k))) {
                state.at = k + 1;
                state.afterWordChar = false;
                break;
              }
            }
          }
          for (let at = next(text, state, to); at !== -1; at = next(text, state, to)) {
            if (at >= from) {
              found = at;
              return at;
            }
          }
          return -1;
        },
      };
    },
  };
}
