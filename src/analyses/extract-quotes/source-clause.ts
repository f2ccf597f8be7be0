/**
 * A source phrase after `according to` that runs into the writer's clause when no comma closes it (decision 0141):
 * `according to Wasef archaeologists have not found a second door`. A clause's verb in the phrase (an auxiliary, a
 * modal, a form of `be`, a negator or a simple past of the class `irregular-past`), with a lower-case subject between
 * it and the name in capitals that opens the phrase, means the source is that name. A relative pronoun before the
 * verb opens a clause of the source's own (`sources who have seen the letter`), which stays.
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** Where the name that opens the phrase `from`–`to` ends when a clause of the writer follows it, else -1. */
export function nameBeforeClause(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): number {
  let verb = -1;
  for (let i = from + 1; i < to && verb < 0; i++) {
    const w = words[i]!.lower;
    if (lex.relatives.has(w)) return -1;
    if (lex.auxiliaries.has(w) || lex.finiteVerbs.has(w) || lex.beForms.has(w) || lex.negators.has(w) || lex.irregularPasts.has(w)) verb = i;
  }
  if (verb < 0) return -1;
  let name = from;
  while (name < verb && words[name]!.capital) name++;
  // A lower-case subject stands between the name and the verb, with no function word (`Reuters to have won`, `Mr
  // Seifert with Ms Furse were`, `UK police before being released` stay as they were).
  if (name === from || name >= verb) return -1;
  for (let i = name; i < verb; i++) if (words[i]!.punct || words[i]!.capital || lex.functionWords.has(words[i]!.lower)) return -1;
  return name;
}
