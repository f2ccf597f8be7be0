/**
 * A reporter's coverage is not a statement (decision 0085): `Nabil Hasan reported extensively on the civil
 * war`, `Lerer reported from Los Angeles`. A `coverage-cue` verb whose content is only a phrase opened by a
 * `topic-preposition` (`on`, `about`, `from`), after at most an adverb, names what was covered, not what was
 * said. A time phrase (`reported on Tuesday that …`) and a clause (`reported on his forms a fee was …`, with
 * its `that`) are left alone. PolNeAR train: the verb `report` with such a content made 6 predictions, 2 of them right (33 %, at the
 * break-even point of the train F1 64); the rule is kept for what a reader sees, `reported on the war` as a statement.
 */
import type { QuoteLexicon } from './lexicon.js';
import { startsWithNumber, type Word } from './words.js';

/** True when the match is a coverage verb with only a topic: `reported extensively on the war`. A reporting noun (`reports on X`) is left alone. */
export function coverageOnly(lex: QuoteLexicon, words: readonly Word[], cueTo: number, lemma: string, contentStart: number, contentEnd: number, rule: string): boolean {
  if (!lex.coverageCues.has(lemma) || rule === 'indirect-reporting-noun') return false;
  let k = cueTo;
  // "reported extensively on": one adverb between the cue and the preposition.
  if (words[k] && !words[k]!.punct && words[k]!.lower.endsWith('ly') && !lex.notMannerAdverbs.has(words[k]!.lower)) k++;
  const prep = words[k];
  if (!prep || !lex.topicPrepositions.has(prep.lower)) return false;
  // The content is that phrase: it starts at the adverb or the preposition and holds no "that" clause.
  if (contentStart > prep.start || contentStart < words[cueTo]!.start) return false;
  const next = words[k + 1];
  if (!next || next.punct || lex.notName.has(next.text) || lex.partsOfDay.has(next.lower) || startsWithNumber(next.text)) return false;
  for (let i = k + 1; i < words.length && words[i]!.start < contentEnd; i++) if (words[i]!.lower === 'that') return false;
  return true;
}
