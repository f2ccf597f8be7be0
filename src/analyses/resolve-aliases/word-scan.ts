/**
 * Finds the matches of a global, case-insensitive Unicode pattern that starts with a choice of words
 * (`(?<![…])(?:he|she|…)…`, flags `giu`) without running the pattern at every offset of a document.
 * An offset can start a match only where its code unit is one of the words' first letters in either
 * case (or is not ASCII: a few non-ASCII letters fold to ASCII ones, such as `ſ` to `s`) and, when the
 * pattern's look-behind forbids them, the code unit before it is not an ASCII letter, digit or other
 * forbidden character. Only there is the same pattern tried, sticky, so the matches are exactly those
 * of the global pattern, in the same order, each tried from where the previous match ended.
 */

export interface WordScanner {
  /** The pattern, sticky (`iuy`): tried at one offset. */
  readonly sticky: RegExp;
  /** Per ASCII code unit: 1 when a match may start with it; null when any offset may start one. */
  readonly first: Uint8Array | null;
  /** Per ASCII code unit: 1 when, just before an offset, it rules a match out (the look-behind's class). */
  readonly blocked: Uint8Array;
}

/**
 * A scanner for `(?<![<behind>])(?:<words>)<rest>` with flags `giu`: `words` lower case, in the
 * alternation's order; `blockedBefore` the ASCII characters of the look-behind's class besides letters
 * and digits (`"'-"`). `words` are put in the pattern as given (callers escape them as needed).
 */
export function wordScanner(behind: string, words: readonly string[], rest: string, blockedBefore: string): WordScanner {
  const sticky = new RegExp(`(?<![${behind}])(?:${words.join('|')})${rest}`, 'iuy');
  let first: Uint8Array | null = new Uint8Array(128);
  for (const word of words) {
    const c = word.charCodeAt(0);
    if (!(c >= 97 && c <= 122)) {
      first = null;
      break;
    }
    first[c] = 1;
    first[c - 32] = 1;
  }
  const blocked = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) blocked[c] = 1;
  for (let c = 65; c <= 90; c++) blocked[c] = blocked[c + 32] = 1;
  for (let i = 0; i < blockedBefore.length; i++) blocked[blockedBefore.charCodeAt(i)] = 1;
  return { sticky, first, blocked };
}

/** The first match starting at or after `from`, or null. */
export function nextMatch(scanner: WordScanner, text: string, from: number): RegExpExecArray | null {
  const { sticky, first, blocked } = scanner;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (first && first[c] === 0) continue;
      if (i > 0) {
        const p = text.charCodeAt(i - 1);
        if (p < 128 && blocked[p] === 1) continue;
      }
    }
    sticky.lastIndex = i;
    const match = sticky.exec(text);
    if (match) return match;
  }
  return null;
}
