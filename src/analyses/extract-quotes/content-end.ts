/**
 * Where an indirect content ends, shared by the reported-speech finders of `find-more-indirect.ts` and
 * `find-evidence.ts`.
 */
import type { Word } from './words.js';

/** `end` moved back over trailing punctuation, except closing quotation marks and ? or !. */
export function trimEnd(words: readonly Word[], from: number, end: number): number {
  while (end > from && words[end - 1]!.punct && !/[”"’»?!]/u.test(words[end - 1]!.text)) end--;
  return end;
}

/**
 * ", and that …", ", but that …" after word `comma`: a second `that` clause of the same reporting verb
 * (`said the fees were paid, and that the criticism is fair game`), which goes on with the content. On
 * PolNeAR train a content we ended there went on in the gold 27 times in 28 (decision 0103).
 */
export function secondThatClause(words: readonly Word[], comma: number): boolean {
  const link = words[comma + 1]?.lower;
  return (link === 'and' || link === 'but') && words[comma + 2]?.lower === 'that';
}

/** Where a content that starts at word `from` ends: the sentence end, a `;`, or a comma before "and", "but" or "according to" (not before a second `that` clause). */
export function clauseEnd(words: readonly Word[], from: number): number {
  let end = words.length;
  for (let i = from; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1]?.lower;
    if (w.text === ';' || (w.text === ',' && (next === 'and' || next === 'but' || next === 'according') && !secondThatClause(words, i))) {
      end = i;
      break;
    }
  }
  return trimEnd(words, from, end);
}
