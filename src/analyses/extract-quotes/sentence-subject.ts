/**
 * The subject that opens a sentence, for a reporting verb whose speaker the word-by-word reading before the
 * cue does not find (decision 0091). Three shapes, each common in news and each read whole, from the start
 * of the sentence to the cue:
 *
 * - a name with one or more appositions: `Jillian Chase, 27, a Tinder user in New York, said …`,
 *   `Vice President Joseph R. Biden Jr. said …`;
 * - people or a body with what qualifies them: `Aides to Clinton say …`, `Supporters who have heard
 *   directly from the campaign say …`, `Her advisers and allies say …`, `Forbes and Wealth-X say …`;
 * - a share of a poll: `Sixty-six percent said …`, `Nearly nine out of 10 say …`, `About one in five say …`.
 *
 * Everything between the subject's head and the cue must be a qualifier (a relative clause, an apposition
 * between commas, a prepositional phrase): a finite verb or another cue there means the sentence opened
 * with a clause of its own, and nothing is returned.
 */
import { joinWords, nameWithoutTitles, type SpeakerMatch } from './find-speaker.js';
import type { QuoteLexicon } from './lexicon.js';
import { startsWithNumber, type Word } from './words.js';

/** The longest subject read, in words. */
const MAX_SUBJECT_WORDS = 45;
/** The most words before the head of a noun phrase (`Her`, `many diehard`). */
const MAX_WORDS_BEFORE_HEAD = 3;
/** A plural noun of people by its ending: "supporters", "economists", "executives". */
const AGENT_PLURAL = /(?:ists|ers|ors|ians|ants|ents|ives)$/u;
const NO_SUBJECT_PUNCT = new Set(['“', '”', '"', '«', '»', '‘', '`', ';', ':', '?', '!', '—', '–']);

function isNumberWord(lex: QuoteLexicon, word: Word | undefined): boolean {
  if (!word || word.punct) return false;
  if (startsWithNumber(word.text)) return true;
  // Split only a hyphenated word ("twenty-five"): a word without a hyphen is its one part.
  const lower = word.lower;
  return lower.includes('-') ? lower.split('-').every((part) => lex.numberWords.has(part)) : lex.numberWords.has(lower);
}

/** `opening`: the word opens the sentence, so its capital says nothing. */
function isPersonNoun(lex: QuoteLexicon, word: Word | undefined, opening = false): boolean {
  if (!word || word.punct || (word.capital && !opening)) return false;
  return lex.collective.has(word.lower) || lex.bodyNouns.has(word.lower) || (word.lower.length > 5 && AGENT_PLURAL.test(word.lower));
}

function isNameWord(lex: QuoteLexicon, word: Word | undefined): boolean {
  if (!word || word.punct) return false;
  return (word.capital && !lex.notName.has(word.text)) || lex.nameParticles.has(word.lower);
}

/** Whether words [from, to) qualify a head: no finite verb or cue outside a relative clause or an apposition. */
function onlyQualifiers(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): boolean {
  let relative = false;
  for (let k = from; k < to; k++) {
    const w = words[k]!;
    if (w.punct) {
      if (NO_SUBJECT_PUNCT.has(w.text)) return false;
      // A comma opens an apposition or a relative clause set off by commas; the next one closes it.
      if (w.text === ',') relative = !relative;
      continue;
    }
    if (lex.relatives.has(w.lower) || w.lower === 'whom' || w.lower === 'whose') relative = true;
    if (relative) continue;
    if (lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.auxiliaries.has(w.lower) || lex.cues.forms.has(w.lower)) return false;
  }
  return true;
}

/** The share of a poll opening words [s, e): `Sixty-six percent`, `nine out of 10`, `one in five`; its end, or -1. */
function shareEnd(lex: QuoteLexicon, words: readonly Word[], s: number, e: number): number {
  let k = s;
  // "About", "Nearly", "Just over", "More than": at most two lower-case words before the number.
  while (k < Math.min(e, s + 2) && !isNumberWord(lex, words[k]) && !words[k]!.punct) k++;
  if (!isNumberWord(lex, words[k])) return -1;
  k++;
  if (k < e && (lex.percentWords.has(words[k]!.lower) || words[k]!.text === '%')) return k + 1;
  if (words[k]?.lower === 'out' && words[k + 1]?.lower === 'of' && isNumberWord(lex, words[k + 2])) return k + 3;
  if (words[k]?.lower === 'in' && isNumberWord(lex, words[k + 1])) return k + 2;
  return -1;
}

/**
 * The speaker that opens the sentence `words` and ends before the cue at word `cueFrom` (auxiliaries and
 * adverbs in between are skipped); null when the words before the cue are not one subject.
 */
export function sentenceSubject(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): SpeakerMatch | null {
  let e = cueFrom;
  while (e > 0 && !words[e - 1]!.punct && (lex.auxiliaries.has(words[e - 1]!.lower) || (words[e - 1]!.lower.endsWith('ly') && !lex.negators.has(words[e - 1]!.lower)))) e--;
  let s = 0;
  while (s < e && words[s]!.punct && words[s]!.text !== '(') s++;
  // A leading conjunction: "But many supporters say …".
  if (s < e && lex.clauseLinks.has(words[s]!.lower)) s++;
  if (words[s]?.text === ',') s++;
  if (e - s < 1 || e - s > MAX_SUBJECT_WORDS) return null;
  // A share of a poll.
  const share = shareEnd(lex, words, s, e);
  if (share !== -1) {
    if (!onlyQualifiers(lex, words, share, e)) return null;
    return { from: s, to: share, name: joinWords(words.slice(s, share)), kind: 'noun-phrase', role: null };
  }
  const first = words[s]!;
  if (first.punct) return null;
  // People or a body: a person noun near the start, then qualifiers up to the cue.
  let head = s;
  let modifiers = 0;
  while (head < Math.min(e, s + MAX_WORDS_BEFORE_HEAD) && !isPersonNoun(lex, words[head], head === s)) {
    const w = words[head]!;
    if (w.punct || (w.capital && head > s)) break;
    // Before the head: articles, possessives and at most one modifier that does not look like a verb.
    if (!lex.determiners.has(w.lower) && !lex.possessives.has(w.lower)) {
      if (lex.functionWords.has(w.lower) || /(?:ed|s)$/u.test(w.lower) || lex.cues.forms.has(w.lower) || ++modifiers > 1) break;
    }
    head++;
  }
  if (head < e && isPersonNoun(lex, words[head], head === s)) return peopleSubject(lex, words, s, head, e);
  // A name, alone or with appositions between commas, or two names joined by "and".
  if (isNameWord(lex, first) && !lex.functionWords.has(first.lower) && !lex.pronouns.has(first.lower) && !lex.adverbialOpeners.has(first.lower) && !lex.notApposition.has(first.lower)) {
    let k = s;
    while (k < e && (isNameWord(lex, words[k]) || (words[k]!.text === '.' && k > s))) k++;
    if (k === e) return named(lex, words, s, e, null);
    if (words[k]!.lower === 'and' && isNameWord(lex, words[k + 1])) {
      let m = k + 1;
      while (m < e && isNameWord(lex, words[m])) m++;
      if (m === e) return { from: s, to: e, name: joinWords(words.slice(s, e)), kind: 'name', role: null };
      return null;
    }
    // Appositions: the last word before the cue closes the last one.
    if (words[k]!.text !== ',' || words[e - 1]!.text !== ',' || e - 1 <= k + 1) return null;
    for (let m = k; m < e; m++) if (NO_SUBJECT_PUNCT.has(words[m]!.text)) return null;
    return named(lex, words, s, k, joinWords(words.slice(k + 1, e - 1)));
  }
  return null;
}

/** People or a body whose head noun is word `head`, qualified up to the cue at `e`. */
function peopleSubject(lex: QuoteLexicon, words: readonly Word[], s: number, head: number, e: number): SpeakerMatch | null {
  let to = head + 1;
  // "The state officials", "campaign aides": a second person noun is the head, the first its modifier.
  while (to < e && to - head < 3 && isPersonNoun(lex, words[to])) to++;
  // "advisers and allies": a second person noun joined by "and".
  const second = words[to + 1];
  if (words[to]?.lower === 'and' && second && !second.punct && !second.capital && (isPersonNoun(lex, second) || /s$/u.test(second.lower)) && !lex.functionWords.has(second.lower)) to += 2;
  if (to < e) {
    const next = words[to]!;
    // A comma, a relative word or a preposition ("Aides to Clinton", "Executives for Mondelez, which …").
    // "The state officials whose laws were struck down", "Democrats trying to regain the Senate" (decision 0106).
    const opensQualifier = next.text === ',' || lex.relatives.has(next.lower) || next.lower === 'whose' || participleQualifier(lex, next) || lex.headLinks.has(next.lower) || lex.placeLinks.has(next.lower) || (lex.functionWords.has(next.lower) && !lex.determiners.has(next.lower) && next.lower !== 'and');
    if (!opensQualifier || !onlyQualifiers(lex, words, to, e)) return null;
  }
  return { from: s, to, name: joinWords(words.slice(s, to)), kind: 'noun-phrase', role: null };
}

/** A present participle that opens a qualifier of the head (`trying`, `hoping`), not a cue form. */
function participleQualifier(lex: QuoteLexicon, word: Word): boolean {
  return !word.punct && !word.capital && word.lower.length > 5 && word.lower.endsWith('ing') && !lex.cues.forms.has(word.lower) && !lex.functionWords.has(word.lower);
}

function named(lex: QuoteLexicon, words: readonly Word[], from: number, to: number, role: string | null): SpeakerMatch | null {
  if (to - from > 8) return null;
  const { name } = nameWithoutTitles(lex, words.slice(from, to));
  return name ? { from, to, name, kind: 'name', role } : null;
}
