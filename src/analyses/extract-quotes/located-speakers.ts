/**
 * A speaker written with where they are: `BBC correspondent Simon Hall at Postbridge on Dartmoor in the West
 * Country said`, `The court in Washington found`, `traders in Asia said`. The name right before the cue is a
 * place; the speaker is the person, body or noun phrase before the chain of places (`location-link` words of
 * `word-classes.tsv`: `in`, `at`, `on`, `near`, `outside`, each followed by a capitalised run, `the` allowed).
 * A run opened by an article (`the West Country`) is a place or a body and the chain goes on past it; a run
 * with no article before it that ends the chain is the speaker's name.
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';
import { joinWords, nameEndingAt, nameWithoutTitles, simpleNounPhraseEndingAt, type SpeakerMatch } from './find-speaker.js';

/** How many places a chain may hold. */
const MAX_PLACES = 4;

/**
 * The speaker before the places that end at word `last` (inclusive), the last of them starting at `nameStart`;
 * null when the word before `nameStart` (or before its `the`) is no location link, or nothing speaks before.
 */
export function speakerBeforePlaces(lex: QuoteLexicon, words: readonly Word[], nameStart: number, last: number, min: number, role: string | null, roleWords: Word[]): SpeakerMatch | null {
  let start = nameStart;
  for (let hops = 0; hops < MAX_PLACES; hops++) {
    const linkAt = words[start - 1]?.lower === 'the' ? start - 2 : start - 1;
    const link = words[linkAt];
    if (!link || linkAt - 1 < min || link.punct || !lex.locationLinks.has(link.lower)) return null;
    const before = words[linkAt - 1]!;
    if (before.punct) return null;
    const previous = nameEndingAt(lex, words, linkAt, min);
    if (previous !== -1) {
      const article = words[previous - 1];
      // "in the West Country": a run after an article is a place; walk on to what comes before its link.
      if (article && previous - 1 >= min && !article.punct && article.lower === 'the' && lex.locationLinks.has(words[previous - 2]?.lower ?? '')) {
        start = previous;
        continue;
      }
      // The next link back: "Simon Hall at Postbridge on Dartmoor": Postbridge is a place after "at".
      const further = words[previous - 1];
      if (further && !further.punct && lex.locationLinks.has(further.lower) && previous - 2 >= min && !words[previous - 2]!.punct) {
        start = previous;
        continue;
      }
      // "The Mail on Sunday's Financial Mail said": a run opened by an article and linked by a location word is
      // one name, not a speaker and a place.
      if (article && previous - 1 >= min && !article.punct && article.lower === 'the') return null;
      const { name } = nameWithoutTitles(lex, words.slice(previous, linkAt));
      if (!name) return null;
      return { from: previous, to: linkAt, name, kind: 'name', role: role ?? joinWords(words.slice(linkAt, last + 1)) };
    }
    if (before.capital || lex.functionWords.has(before.lower) || lex.cues.forms.has(before.lower)) return null;
    // "Marc Ostwald, a strategist at Monument Securities told Reuters", "Howard Archer, economist at Global Insight
    // said": an apposition whose closing comma is missing; the name that opens the sentence before the comma is the
    // speaker, the apposition its role.
    let k = linkAt - 1;
    while (k - 1 >= min && linkAt - k < 5 && !words[k - 1]!.punct && !words[k - 1]!.capital && (!lex.functionWords.has(words[k - 1]!.lower) || lex.determiners.has(words[k - 1]!.lower))) k--;
    if (words[k - 1]?.text === ',' && k - 2 >= min) {
      const named = nameEndingAt(lex, words, k - 1, min);
      if (named !== -1 && (named === min || words[named - 1]!.punct)) {
        const { name } = nameWithoutTitles(lex, words.slice(named, k - 1));
        if (name) return { from: named, to: k - 1, name, kind: 'name', role: role ?? joinWords(words.slice(k, last + 1)) };
      }
    }
    // "traders in Asia said", "The court in Washington found": a noun phrase before the places.
    const phrase = simpleNounPhraseEndingAt(lex, words, linkAt - 1, min, role, roleWords);
    // A phrase that runs over a clause word ("a four-month high as cold weather in the US") is no speaker.
    if (!phrase || words.slice(phrase.from, linkAt).some((w) => lex.clauseLinks.has(w.lower))) return null;
    return { from: phrase.from, to: last + 1, name: joinWords(words.slice(phrase.from, last + 1)), kind: 'noun-phrase', role };
  }
  return null;
}
