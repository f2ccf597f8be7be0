/**
 * Where an indirect content ends, shared by the reported-speech finders of `find-more-indirect.ts` and
 * `find-evidence.ts`.
 */
import { startsWithNumber, type Word } from './words.js';

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
  return !next || next.punct || next.capital || startsWithNumber(next.text) || CLAUSE_SUBJECT_OPENERS.has(next.lower) || /[^s]s$/u.test(next.lower);
}

/** Words that open the subject of a `that` clause (articles, pronouns, possessives, quantifiers) or follow a `that` that is its subject (`, but that was because …`). */
const CLAUSE_SUBJECT_OPENERS = new Set(['the', 'a', 'an', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'there', 'this', 'these', 'those', 'some', 'many', 'most', 'no', 'all', 'any', 'every', 'each', 'both', 'if', 'while', 'when', 'in', 'as', 'despite', 'although', 'even', 'only', 'more', 'such', 'was', 'is', 'were', 'are', 'would', 'will', 'has', 'had', 'have', 'could', 'should', 'may', 'might', 'can', 'does', 'did']);

/** The most words of the item before `, and` that closes a list (`…, embolden nationalists and authoritarians, and …`). */
const MAX_LIST_ITEM_WORDS = 8;

/**
 * ", and …" or ", but …" after word `comma` that goes on with the content rather than the writer's clause
 * (decision 0115): the last item of a list whose items the content already separates by commas (`said Trump
 * would feed insecurity, embolden nationalists, and unravel the pivot`), or a focus word after the link (`,
 * but not …`, `, but also …`: class `coordination-focus`). On PolNeAR train a content ended before such a
 * comma went on in the gold 24 times in 31 (lists) and 14 in 16 (focus words).
 */
export function coordinationGoesOn(words: readonly Word[], from: number, comma: number, focus: ReadonlySet<string>): boolean {
  const link = words[comma + 1]?.lower;
  if (link !== 'and' && link !== 'but') return false;
  const after = words[comma + 2];
  if (after && !after.punct && focus.has(after.lower)) return true;
  if (link !== 'and') return false;
  let items = 0;
  for (let i = comma - 1; i >= from; i--) {
    const w = words[i]!;
    if (w.text === ',') return items > 0;
    if (w.punct) continue;
    if (++items > MAX_LIST_ITEM_WORDS) return false;
  }
  return false;
}

const NO_FOCUS: ReadonlySet<string> = new Set();

/** Where a content that starts at word `from` ends: the sentence end, a `;`, or a comma before "and", "but" or "according to" (not before a second `that` clause or a list's last item). */
export function clauseEnd(words: readonly Word[], from: number, focus: ReadonlySet<string> = NO_FOCUS): number {
  let end = words.length;
  for (let i = from; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1]?.lower;
    if (w.text === ';' || (w.text === ',' && (next === 'and' || next === 'but' || next === 'according') && !secondThatClause(words, i) && !coordinationGoesOn(words, from, i, focus))) {
      end = i;
      break;
    }
  }
  return trimEnd(words, from, end);
}
