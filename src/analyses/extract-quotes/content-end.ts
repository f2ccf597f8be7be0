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
  if ((link !== 'and' && link !== 'but') || words[comma + 2]?.lower !== 'that') return false;
  // `, but that office stands vacant`: a demonstrative before a lower-case noun opens the writer's clause.
  const next = words[comma + 3];
  // A bare plural is a subject (`and that voters want …`).
  return !next || next.punct || next.capital || /^\p{N}/u.test(next.text) || CLAUSE_SUBJECT_OPENERS.has(next.lower) || /[^s]s$/u.test(next.lower);
}

/** Words that open the subject of a `that` clause (articles, pronouns, possessives, quantifiers) or follow a `that` that is its subject (`, but that was because …`). */
const CLAUSE_SUBJECT_OPENERS = new Set(['the', 'a', 'an', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'there', 'this', 'these', 'those', 'some', 'many', 'most', 'no', 'all', 'any', 'every', 'each', 'both', 'if', 'while', 'when', 'in', 'as', 'despite', 'although', 'even', 'only', 'more', 'such', 'was', 'is', 'were', 'are', 'would', 'will', 'has', 'had', 'have', 'could', 'should', 'may', 'might', 'can', 'does', 'did']);

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
