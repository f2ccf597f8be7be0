/**
 * A participle cue after a preposition of the `participle-preposition` class continues the clause of its
 * subject (decision 0103): `Bolton distanced himself from the movement by saying he would be willing to help`,
 * `Trump said the deadlock has kept us safe before claiming that open borders …`. The speaker is the subject
 * that opens the clause. PolNeAR train: after by, while, after, before, when or in such a participle is a gold cue
 * 88 times in 138, none of them read before; the rule keeps `by`, `after` and `before` (37 of 48 predictions
 * matched), whose precision is well above the break-even, and leaves `in`, `while`, `when` (9 of 22).
 */
import type { QuoteLexicon } from './lexicon.js';
import type { SpeakerMatch } from './find-speaker.js';
import type { Word } from './words.js';

/** True when the `-ing` cue at `cueFrom` follows a preposition of the class, not at the start of the sentence. */
export function afterParticiplePreposition(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): boolean {
  const before = words[cueFrom - 1];
  return cueFrom >= 2 && before !== undefined && !before.punct && !before.capital && lex.participlePrepositions.has(before.lower);
}

/** The subject of the clause before the preposition at `cueFrom - 1`, read by `subjectOf`, when it names people or a body. */
export function participleSubject(words: readonly Word[], cueFrom: number, subjectOf: (before: number) => SpeakerMatch | null): SpeakerMatch | null {
  const speaker = subjectOf(cueFrom - 1);
  return speaker && speaker.to <= cueFrom - 1 ? speaker : null;
}
