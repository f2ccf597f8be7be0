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

/** Where a content that starts at word `from` ends: the sentence end, a `;`, or a comma before "and", "but" or "according to". */
export function clauseEnd(words: readonly Word[], from: number): number {
  let end = words.length;
  for (let i = from; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1]?.lower;
    if (w.text === ';' || (w.text === ',' && (next === 'and' || next === 'but' || next === 'according'))) {
      end = i;
      break;
    }
  }
  return trimEnd(words, from, end);
}
