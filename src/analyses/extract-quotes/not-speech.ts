/**
 * Indirect matches whose cue word is used in a sense that reports no speech (decision 0137), counted on PolNeAR
 * train: the verb with a preposition that makes it an act or a comparison (`adding to his wins`, `compared with
 * last year`, class `non-speech-sense`: the cue lemma and the word right after it), a cue form that is a noun in
 * news (`Clinton emails released on Friday`, class `noun-form`), and a content that is only where or how the words
 * were said (`…, the director said in a statement.`, `Cruz said at the time.`): the words themselves stand in
 * the sentence before, and the prepositional phrase is no statement; and a state of mind reported inside another
 * quote of the same person (`She said she believes …`).
 */
import { adverbialClauseTail } from './adverbial-tail.js';
import type { CueMatch, SpeakerMatch } from './find-speaker.js';
import type { IndirectMatch } from './find-indirect.js';
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** How many words after the determiner the noun of the occasion may stand (`in a September 16 email`). */
const OCCASION_REACH = 5;

export function notSpeech(lex: QuoteLexicon, words: readonly Word[], cue: CueMatch, speaker: SpeakerMatch | null, start: number, end: number, others: readonly IndirectMatch[] = []): boolean {
  const after = words[cue.to];
  const lemma = cue.entry.lemma;
  // `Sexton said he thinks many back Trump …`: a state of mind of the speaker's own pronoun right after `said (that)`
  // is what the outer quote reports, not a second statement (class `inner-state-cue`, the outer verbs
  // `inner-state-frame`). Only when that outer quote was found in the same words and holds this one.
  // `told The Associated Press that he thinks …`: the outer content opens with the pronoun or the `that` before it.
  if (speaker?.kind === 'pronoun' && lex.innerStateCues.has(lemma) && nextToCue(lex, words, speaker.to, cue.from)) {
    const opens = words[speaker.from]!.start;
    const that = words[speaker.from - 1]?.lower === 'that' ? words[speaker.from - 1]!.start : opens;
    if (others.some((m) => m.words === words && lex.innerStateFrames.has(m.cue.entry.lemma) && (m.start === opens || m.start === that) && m.end >= end)) return true;
  }
  if (after && !after.punct && lemma.indexOf(' ') === -1 && lex.nonSpeechSenses.hasPair(lemma, after.lower)) return true;
  const form = words[cue.from]!;
  if (!form.capital && form.lower.endsWith('s')) {
    // `the reporters took notes`, `the prime minister took questions`, `the firms gave hints about`: a cue form in -s
    // right after the simple past of an irregular verb (class `irregular-past`) is that verb's object, a plural noun;
    // `the candidates received ten questions on …`: the same with a number between the past verb and the noun.
    const before = words[cue.from - 1];
    const verb = words[cue.from - 2];
    // Not when the past verb ends the speaker's phrase (`The letter the council sent says …`, find-speaker's
    // reducedRelativeSpeaker): there it is the verb of a relative clause and the form in -s is the cue.
    const relative = speaker?.relativeClause === true && speaker.to === cue.from;
    if (before && !before.punct && after?.lower !== 'that' && !relative) {
      if (lex.irregularPasts.has(before.lower)) return true;
      if (verb && !verb.punct && (lex.numberWords.has(before.lower) || /^\d+$/u.test(before.text)) && (lex.irregularPasts.has(verb.lower) || /\p{Ll}ed$/u.test(verb.lower))) return true;
    }
    // `The mayor said two reports had been filed`: a cue form in -s followed by an auxiliary or a form of `be` is a
    // plural noun, the subject of that verb. Not after a pronoun or a name, where the verb's object is a relative
    // pronoun or a gap before it (`which he believes will make…`, `that Clinton hopes can help…`), nor after a
    // relative word before the speaker (`what the government says are changing needs`).
    const beforeSpeaker = speaker ? (words[speaker.from - 1]?.lower ?? '') : '';
    const gapped = speaker?.kind === 'pronoun' || speaker?.kind === 'name' || lex.relatives.has(beforeSpeaker) || lex.leadingRelatives.has(beforeSpeaker);
    if (!gapped && after && !after.punct && (lex.finiteAuxiliaries.has(after.lower) || lex.beForms.has(after.lower))) return true;
  }
  // `judges nominated by Republican presidents`, `a practice criticized by Miller`: an -ed form right before `by` and a
  // word not in -ing is a passive participle; what follows names who did it, not what was said (`responded by
  // saying that …` stays).
  if (after?.lower === 'by' && after.start === start && /\p{Ll}ed$/u.test(words[cue.to - 1]!.lower) && passiveAgent(words, cue.to + 1)) return true;
  // `The White House refers to the president's office`: a gloss of a name or a term (class `gloss-form`), unless `as`
  // names what the speaker called something (`Christie refers to the candidate as “Mr. Trump”`).
  if (lex.glossForms.has(form.lower) && !words.some((w) => w.lower === 'as' && w.start >= start && w.end <= end)) return true;
  if (lex.nounForms.has(words[cue.to - 1]!.lower)) return true;
  // The content opens right after the cue and is a prepositional phrase to the end of the sentence: a name (`in The
  // Intercept`, `on Facebook`) or a determiner or possessive before a noun of the occasion or the medium, class
  // `occasion-noun` (`in a statement`, `at the time`, `in his memo to the council`; not `at least six planes
  // filled …`, `in favor of …`, `scoffed at the idea of …`).
  if (!after || after.start !== start || !lex.adjunctPrepositions.has(after.lower)) return false;
  const object = words[cue.to + 1];
  if (!object || object.punct) return false;
  if (!/^\p{Lu}/u.test(object.text)) {
    if (!(lex.determiners.has(object.lower) || lex.possessives.has(object.lower))) return false;
    let k = cue.to + 2;
    while (k < words.length && k <= cue.to + OCCASION_REACH && !words[k]!.punct && !lex.occasionNouns.has(words[k]!.lower)) k++;
    if (!words[k] || !lex.occasionNouns.has(words[k]!.lower)) return false;
  }
  let to = cue.to;
  while (to < words.length && words[to]!.end <= end) to++;
  if (words[to]?.text === '.') to++;
  if (to !== words.length || !adverbialClauseTail(lex, words, cue.to, to)) return false;
  // `Charles claimed at the time not to know …`: a negated infinitive after the phrase is what was claimed, and
  // `Ardern said at a press conference yesterday morning the gun laws should be changed` a clause: a negator, an
  // auxiliary, a form of `be`, a finite verb or a cue form in the phrase keeps the content.
  for (let i = cue.to; i < to; i++) {
    const w = words[i]!.lower;
    if (lex.negators.has(w) || lex.auxiliaries.has(w) || lex.beForms.has(w) || lex.finiteVerbs.has(w) || lex.cues.forms.has(w)) return false;
  }
  return true;
}

/** Only words of the `auxiliary` class between the speaker and the cue (`she did feel`, `he also believes`). */
function nextToCue(lex: QuoteLexicon, words: readonly Word[], speakerTo: number, cueFrom: number): boolean {
  for (let i = speakerTo; i < cueFrom; i++) if (!lex.auxiliaries.has(words[i]!.lower)) return false;
  return true;
}

/** The words from `i` make an agent (`by the U.S.`, `by many`), not a means (`by saying`, `by abruptly blocking`). */
function passiveAgent(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w || w.punct) return false;
  if (w.lower.endsWith('ing')) return false;
  return !(w.lower.endsWith('ly') && (words[i + 1]?.lower ?? '').endsWith('ing'));
}
