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

const WORD = /[\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*|\S/gu;

export function wordsIn(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const slice = text.slice(start, end);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    const value = m[0];
    const first = value[0]!;
    const punct = !/[\p{L}\p{N}]/u.test(first);
    words.push({
      start: start + m.index,
      end: start + m.index + value.length,
      text: value,
      lower: value.toLowerCase(),
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
