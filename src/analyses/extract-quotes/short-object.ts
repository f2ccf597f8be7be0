/**
 * A verb of position with a short named object (`Christie endorsed Trump`, `Pataki is endorsing John Kasich`,
 * `the union has backed him`): PolNeAR annotates the object as the content of the attribution, although it is
 * shorter than the three words other reported content needs (decision 0106).
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** Whether the words [from, end) are one or two capitalised words or one object pronoun of the `object-pronoun` class, after a verb of position. */
export function shortNamedObject(lex: QuoteLexicon, words: readonly Word[], from: number, end: number, lemma: string): boolean {
  if (!lex.positionVerbs.has(lemma)) return false;
  const object = words.slice(from, end).filter((w) => !w.punct);
  if (object.length === 0 || object.length > 2) return false;
  if (object.length === 1 && lex.objectPronouns.has(object[0]!.lower)) return true;
  return object.every((w) => w.capital && !lex.functionWords.has(w.lower) && !lex.pronouns.has(w.lower));
}

