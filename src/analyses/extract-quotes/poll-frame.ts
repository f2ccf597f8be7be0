/**
 * A poll that frames the sentence: `In a Washington Post-ABC News poll released Sunday, just 8 percent of
 * Democrats said …`, `In exit polls, voters in both parties were unhappy …`. PolNeAR annotates the poll as the
 * source, `In` as the cue and the clause after the comma as the content (decision 0103). Only at the start of a
 * sentence, with a noun of the `poll-frame-noun` class (`poll`, `survey`…) in a noun phrase that holds no verb
 * or relative word (`In eight of nine states where exit polls were conducted, …` is a place, not a poll).
 * PolNeAR train: sentence-initial `In … poll/survey …,` is a gold cue 17 times in 22.
 */
import type { QuoteLexicon } from './lexicon.js';
import { joinWords, type CueMatch } from './find-speaker.js';
import type { IndirectMatch } from './find-indirect.js';
import { clauseEnd } from './content-end.js';
import { startsWithNumber, type Word } from './words.js';

/** The longest poll phrase between `In` and its comma, in words. */
const MAX_FRAME_WORDS = 16;

export function pollFrame(lex: QuoteLexicon, words: readonly Word[], minWords: number): IndirectMatch[] {
  const first = words[0];
  const open = words[1];
  if (!first || first.text !== 'In' || !open || open.punct || startsWithNumber(open.text) || lex.numberWords.has(open.lower)) return [];
  let comma = -1;
  let poll = false;
  for (let k = 1; k < Math.min(words.length, MAX_FRAME_WORDS + 2); k++) {
    const w = words[k]!;
    if (w.text === ',') {
      comma = k;
      break;
    }
    if (w.punct && w.text !== '.' && w.text !== '-' && w.text !== '/' && w.text !== '’' && w.text !== "'") return [];
    if (lex.relatives.has(w.lower) || w.lower === 'that' || w.lower === 'where' || w.lower === 'when' || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower)) return [];
    if (lex.pollFrameNouns.has(w.lower)) poll = true;
  }
  if (comma === -1 || !poll) return [];
  // "In the latest poll, conducted in May, Clinton led …": a participle set off by commas belongs to the poll (decision 0126).
  const sourceEnd = comma;
  const participle = words[comma + 1];
  if (participle && !participle.punct && !participle.capital && participle.lower.endsWith('ed')) {
    for (let k = comma + 2; k < Math.min(words.length, comma + 10); k++) {
      const w = words[k]!;
      if (w.text === ',') {
        comma = k;
        break;
      }
      if (w.punct && w.text !== '.' && w.text !== '-') break;
    }
  }
  const end = clauseEnd(words, comma + 1, lex.coordinationFocus);
  let n = 0;
  for (let k = comma + 1; k < end; k++) if (!words[k]!.punct) n++;
  if (n < minWords) return [];
  const cue: CueMatch = { from: 0, to: 1, entry: { lemma: 'in', stance: 'neutral', reason: 'word-classes/poll-frame-noun' }, manner: false };
  const speaker = { from: 1, to: sourceEnd, name: joinWords(words.slice(1, sourceEnd)), kind: 'noun-phrase' as const, role: null };
  return [{ start: words[comma + 1]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'indirect-poll-frame' }];
}
