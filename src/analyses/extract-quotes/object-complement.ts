/**
 * Verbs that name or characterise something report speech with an object and its complement, not only with a
 * `that` clause (decision 0103): `They called him a political opportunist`, `calling them “very boring tax
 * returns”`, `64 percent call him competent`, `Obama has described the dinner as Washington celebrating
 * itself`. The content is the object and the complement, as PolNeAR marks it. Without a complement the verb is
 * an act (`called her at one point`, `called him just before he boarded`, `described the scene`).
 *
 * - `object-complement-cue` (`call`): an object pronoun followed by a word that is no function word (`him a
 *   liar`, `it “absurd”`), or an object of up to six words followed by a quotation mark (`called the show “the
 *   conservative news show of record”`). PolNeAR train: 77 of 100 `call` + pronoun + complement are gold cues.
 * - `as-complement-cue` (`describe`): an object of one to six words, then `as` (`described his leadership
 *   skills as a “work in progress”`). PolNeAR train: 58 of 73 are gold cues.
 * - `person-object-cue` (`attack`, `back`): a name or an object pronoun as object (`attacked Rubio for not
 *   answering`; `attacked an army base` stays an act), and `with-object-cue` (`agree`): a `with` phrase
 *   (`agreed with the analysis`; `agreed to a ceasefire` stays an act). Decision 0106.
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

const OPENING_MARK = /^["“‘«`']+$/u;
/** Object pronouns of a naming verb; `it`, `this` and the reflexives beside the `object-pronoun` class. */
const NAMED_OBJECTS = new Set(['it', 'this', 'himself', 'herself', 'themselves', 'itself']);
const MAX_OBJECT_WORDS = 6;

/** True when the words from `from` are an object and its complement for the cue `lemma`. */
export function objectComplement(lex: QuoteLexicon, words: readonly Word[], lemma: string, from: number): boolean {
  const object = words[from];
  if (!object || object.punct) return false;
  if (lex.objectComplementCues.has(lemma)) {
    if (lex.objectPronouns.has(object.lower) || NAMED_OBJECTS.has(object.lower)) {
      const next = words[from + 1];
      if (!next) return false;
      if (OPENING_MARK.test(next.text)) return true;
      return !next.punct && !lex.functionWords.has(next.lower) && !lex.adverbialOpeners.has(next.lower) && !lex.auxiliaries.has(next.lower);
    }
    let content = false;
    for (let k = from; k < Math.min(words.length, from + MAX_OBJECT_WORDS + 1); k++) {
      const w = words[k]!;
      if (OPENING_MARK.test(w.text)) return content;
      if (w.punct && w.text !== '’' && w.text !== "'") return false;
      if (lex.functionWords.has(w.lower) && !lex.possessives.has(w.lower)) return false;
      if (!lex.determiners.has(w.lower)) content = true;
    }
    return false;
  }
  // "Clinton attacked Trump", "Sanders backed her": a named person or an object pronoun (decision 0106).
  if (lex.personObjectCues.has(lemma) && (lex.objectPronouns.has(object.lower) || (object.capital && !lex.functionWords.has(object.lower) && !lex.determiners.has(object.lower)))) return true;
  // "agreed with the analysis" (not "agreed to a ceasefire").
  if (lex.withObjectCues.has(lemma) && object.lower === 'with') return true;
  if (lex.asComplementCues.has(lemma)) {
    for (let k = from + 1; k < Math.min(words.length, from + MAX_OBJECT_WORDS + 1); k++) {
      const w = words[k]!;
      if (w.lower === 'as') return words[k + 1] !== undefined && !words[k + 1]!.punct;
      if (w.punct && w.text !== '’' && w.text !== "'") return false;
    }
  }
  return false;
}
