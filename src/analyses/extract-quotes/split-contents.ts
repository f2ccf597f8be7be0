/**
 * A content split by the attribution written inside it (decision 0085): `Multiple assailants attacked him,
 * then, according to security officials, fled.` The clause goes on after the source, so the words after
 * the source's comma are the content's second piece. A clause link after the comma (`, but …`, `, while
 * …`, `, even as …`) opens the writer's own clause instead, and a capital opens a new sentence or a name.
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** Quotation marks that open a quotation, as the content-splitting rules read them. */
export const OPENING_MARKS: ReadonlySet<string> = new Set(['“', '"', '‘', '«']);

/**
 * The rest of the clause after the source ending at word `sourceEnd` (exclusive), as word indexes; null when
 * none. `lastBefore` is the last word of the content before the attribution. The clause goes on only when one
 * side shows it is unfinished: the piece before ends on a word that leaves it open (`…, then`, `… and`, `… were`), or the words
 * after open with an auxiliary or a form of be (`…, was any mention of …`). Otherwise the words after the
 * comma are the source's apposition (`according to Pew, a research group`).
 */
export function clauseAfterSource(lex: QuoteLexicon, words: readonly Word[], sourceEnd: number, lastBefore: Word): { from: number; to: number } | null {
  // Only the comma that closes the attribution, then a lower-case word that is no clause link.
  let k = sourceEnd;
  if (words[k]?.text !== ',') return null;
  k++;
  // An opening quotation mark may open the rest: "were, according to the court, “sexual in nature”".
  const first = words[k] && OPENING_MARKS.has(words[k]!.text) ? words[k + 1] : words[k];
  if (!first || first.punct || first.capital || lex.clauseLinks.has(first.lower) || first.lower.endsWith('ing')) return null;
  const unfinished = lex.openEnds.has(lastBefore.lower) || lex.beForms.has(lastBefore.lower) || lex.finiteVerbs.has(lastBefore.lower) || lex.auxiliaries.has(first.lower) || lex.beForms.has(first.lower) || lex.finiteVerbs.has(first.lower);
  if (!unfinished || lex.relatives.has(first.lower)) return null;
  let stop = k;
  while (stop < words.length && words[stop]!.text !== ';' && words[stop]!.text !== ')' && !(words[stop]!.text === ',' && lex.clauseLinks.has(words[stop + 1]?.lower ?? ''))) stop++;
  while (stop > k && words[stop - 1]!.punct && !/[”"’»?!]/u.test(words[stop - 1]!.text)) stop--;
  return stop > k ? { from: k, to: stop } : null;
}
