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

/** A word (group 1) or any other single non-space character. */
const WORD = /([\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*)|\S/gu;

export function wordsIn(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  // Scans the text in place (no copy of the range); a match that runs past `end` is cut off there.
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
    let value = m[0];
    if (m.index + value.length > end) value = value.slice(0, end - m.index);
    const first = value[0]!;
    // Only a word that opens with a combining mark (U+0300 and up) needs the class test.
    const punct = m[1] === undefined || (first.charCodeAt(0) >= 0x300 && !/[\p{L}\p{N}]/u.test(first));
    const lower = value.toLowerCase();
    words.push({
      start: m.index,
      end: m.index + value.length,
      text: value,
      lower,
      capital: !punct && first !== first.toLowerCase(),
      punct,
    });
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
  };
}
