/**
 * A speaker named before a non-restrictive relative clause whose verb is the cue: `…, echoing Ted Cruz, who
 * said he would only use waterboarding sparingly`, `Jeb Bush, who announced he is suspending his campaign`.
 * The words right before the cue are `who` (a function word, no speaker of its own); the person or body is
 * the name or noun phrase that ends before the comma in front of it. Counted on PolNeAR train (decision 0103).
 * A restrictive clause (`those who said …`, `voters who say …`) is left alone: its antecedent is a class of
 * people picked out by what they said, and the rules that read polls keep their own shares.
 */
import type { QuoteLexicon } from './lexicon.js';
import { speakerBefore, type SpeakerMatch } from './find-speaker.js';
import type { Word } from './words.js';

/** The index of `who` in `, who [auxiliaries] CUE` before the cue at `cueFrom`, or -1. */
export function relativeWho(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): number {
  let i = cueFrom - 1;
  // `who` is in the auxiliary class (it may stand between a speaker and a cue), so the walk stops on it.
  while (i >= 0 && !words[i]!.punct && words[i]!.lower !== 'who' && words[i]!.lower !== 'which' && lex.auxiliaries.has(words[i]!.lower)) i--;
  // `which` for a body or a record: `The Huffington Post, which originally said it would …` (decision 0114).
  return i >= 2 && (words[i]!.lower === 'who' || words[i]!.lower === 'which') && words[i - 1]!.text === ',' ? i : -1;
}

/** The antecedent of `, who [auxiliaries] CUE`, or null. */
export function relativeSpeaker(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): SpeakerMatch | null {
  const i = relativeWho(lex, words, cueFrom);
  if (i === -1) return null;
  const speaker = speakerBefore(lex, words, i - 1, 0);
  if (!speaker || speaker.kind === 'pronoun') return null;
  return speaker;
}

/**
 * Where the content of an attribution in a relative clause ends (`X, who said …`, whichever rule found the
 * speaker): the relative clause closes at a comma followed by the main clause's verb (`Kevin Cramer, who formally endorsed Trump on Sunday, had worked quietly …`: a
 * finite verb, a form of *be* or a past form in `-ed`); else at `end`.
 */
export function relativeClauseEnd(lex: QuoteLexicon, words: readonly Word[], from: number, end: number): number {
  for (let i = from + 1; i < end - 1; i++) {
    if (words[i]!.text !== ',') continue;
    const next = words[i + 1]!;
    if (next.punct || next.capital) continue;
    if (lex.finiteVerbs.has(next.lower) || lex.beForms.has(next.lower) || /ed$/u.test(next.lower)) return i;
  }
  return end;
}
