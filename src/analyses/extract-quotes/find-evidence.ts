/**
 * Two attributions PolNeAR annotates that name no person in the subject of a speech verb (decision 0094):
 *
 * - a poll, a survey, a study or a set of records that shows, finds or suggests something: `A CBS poll
 *   showed things a little differently`, `Exit polling showed that Clinton won every demographic`,
 *   `The poll found that 43% of Ohio voters support …`, and after the content: `…, a Quinnipiac
 *   University poll shows.` The subject is the source, the verb the cue (`evidence-noun` and
 *   `evidence-cue` classes). Without such a subject these verbs still need a `that` clause
 *   (`needs-that`), so `showed contempt` stays an act;
 * - a question put to the speaker, the questioner unnamed: `Asked whether the campaign should take
 *   responsibility, …`, `… he said when asked about Trump's temperament`: the cue is `asked`, the
 *   content the question (from `if`/`whether`/a wh-word, or what follows `about`) to the next comma;
 *   the speaker is nobody (`null`), as in PolNeAR's attributions without a source.
 *
 * Both read one sentence, a bounded number of words around each cue.
 */
import type { QuoteLexicon } from './lexicon.js';
import { cueAt, joinWords, type CueMatch, type SpeakerMatch } from './find-speaker.js';
import type { IndirectMatch } from './find-indirect.js';
import { clauseEnd, trimEnd } from './content-end.js';
import { startsWithNumber, type Word } from './words.js';

/** The most words of a poll's subject ("A poll conducted by voters in Saturday’s primary"). */
const MAX_SUBJECT_WORDS = 14;
/** The most words before the evidence noun in its subject ("the latest Washington Post-ABC News poll"). */
const MAX_WORDS_BEFORE_HEAD = 7;
/** The most words a question after "asked" may have before it is cut. */
const MAX_QUESTION_WORDS = 40;

const wordsIn = (words: readonly Word[], from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (!words[i]!.punct) n++;
  return n;
};

/** Punctuation that may stand inside a subject: abbreviations, possessives, slashes, hyphens. */
const inPhrase = (w: Word): boolean => !w.punct || w.text === '.' || w.text === '’' || w.text === "'" || w.text === '/' || w.text === '&' || w.text === '-';

/**
 * The subject that ends right before the cue at `cueFrom` (auxiliaries and adverbs skipped, "has
 * also shown"), when its head is an evidence noun among its first words: "the poll", "A Wall Street
 * Journal/NBC News poll", "Surveys of caucus-goers taken as they entered caucus sites". The subject
 * runs from the clause start (after a comma, a leading "But" or "And" left out); it holds no relative
 * pronoun and no negation stands before the cue.
 */
function evidenceSubject(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): SpeakerMatch | null {
  let end = cueFrom;
  while (end > 0 && !words[end - 1]!.punct && lex.auxiliaries.has(words[end - 1]!.lower)) {
    if (lex.negators.has(words[end - 1]!.lower)) return null;
    end--;
  }
  let start = end;
  while (start > 0 && end - start < MAX_SUBJECT_WORDS + 1 && inPhrase(words[start - 1]!)) start--;
  if (start > 0 && inPhrase(words[start - 1]!)) return null;
  while (start < end && lex.clauseLinks.has(words[start]!.lower) && !lex.determiners.has(words[start]!.lower)) start++;
  if (end <= start || wordsIn(words, start, end) > MAX_SUBJECT_WORDS) return null;
  let head = -1;
  for (let i = start; i < Math.min(end, start + MAX_WORDS_BEFORE_HEAD + 1); i++) {
    const w = words[i]!;
    if (!w.punct && lex.evidenceNouns.has(w.lower)) {
      head = i;
      break;
    }
    // Before the head: determiners, numbers, names and modifiers, not a clause ("that", "they", "would").
    if (!w.punct && !lex.determiners.has(w.lower) && (lex.functionWords.has(w.lower) || lex.pronouns.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.cues.forms.has(w.lower))) return null;
  }
  if (head === -1) return null;
  for (let i = head + 1; i < end; i++) if (lex.relatives.has(words[i]!.lower) || words[i]!.lower === 'that') return null;
  return { from: start, to: end, name: joinWords(words.slice(start, end)), kind: 'noun-phrase', role: null };
}

/** A word that makes a phrase a finding: a number, a verb form (finite, be, a cue, -ed or -ing), a percent word. */
function statesSomething(lex: QuoteLexicon, w: Word): boolean {
  if (w.punct) return w.text === '%';
  return startsWithNumber(w.text) || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.percentWords.has(w.lower) || lex.cues.forms.has(w.lower) || (!w.capital && /(?:ing|ed)$/.test(w.lower) && w.lower.length > 4);
}

/**
 * "The poll showed that …", "A new study finds …", "…, a Quinnipiac University poll shows.": an
 * evidence verb (not its -ing form: "polls showing Mrs. Clinton leading" is a modifier) after a poll's
 * subject. Cues find-indirect.ts already read (`cues`) are skipped.
 */
export function evidenceAttributions(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>, minWords: number): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 1; j < words.length; j++) {
    const w = words[j]!;
    // A word known to start no cue form is passed over first: most words of a sentence are.
    if (w.cueWords === 0 || w.punct || w.capital || w.lower.endsWith('ing') || cues.has(j)) continue;
    const cue: CueMatch | null = cueAt(lex, words, j);
    if (!cue || cue.to !== j + 1 || !lex.evidenceCues.has(cue.entry.lemma)) continue;
    const speaker = evidenceSubject(lex, words, j);
    if (!speaker) continue;
    const from = cue.to;
    const after = words[from];
    // "…, a Quinnipiac University poll shows.": the content is the clause before the subject's comma.
    if ((after === undefined || (after.punct && !/[“"‘«]/u.test(after.text))) && speaker.from > 1 && words[speaker.from - 1]!.text === ',') {
      let start = 0;
      for (let i = speaker.from - 2; i >= 0; i--) {
        if (words[i]!.text === ';' || words[i]!.text === ':') {
          start = i + 1;
          break;
        }
      }
      const stop = trimEnd(words, start, speaker.from - 1);
      if (wordsIn(words, start, stop) < minWords) continue;
      out.push({ start: words[start]!.start, end: words[stop - 1]!.end, cue, speaker, words, rule: 'indirect-evidence-at-sentence-end' });
      continue;
    }
    if (after === undefined || after.punct) continue;
    const end = clauseEnd(words, from, lex.coordinationFocus);
    if (wordsIn(words, from, end) < minWords) continue;
    // "The report showed sheer contempt for the data": without "that", what is shown is a finding only with a
    // verb or a figure in it ("Clinton leading", "a lead with 46 percent", "Clinton won every demographic").
    if (after.lower !== 'that' && !words.slice(from, end).some((x) => statesSomething(lex, x))) continue;
    out.push({ start: words[from]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'indirect-evidence-subject' });
    j = end - 1;
  }
  return out;
}

/**
 * "Asked whether the campaign should take responsibility, …", "… he said when asked about Trump's
 * temperament": "asked" opening a clause (the sentence start, after a comma or after "when"), followed
 * by a question word; the question up to the next comma is the content, nobody is its speaker.
 */
export function askedQuestions(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 0; j + 2 < words.length; j++) {
    const w = words[j]!;
    if (w.lower !== 'asked' || cues.has(j)) continue;
    const before = words[j - 1];
    if (!(before === undefined || before.text === ',' || before.lower === 'when' || (before.punct && /[“"‘«(—–]/u.test(before.text)))) continue;
    // "Asked by Ann Lee whether …", "Asked on Monday about …", "Asked specifically what …": a short adjunct may
    // stand between the cue and the question (decision 0126); an asker after "by" is the speaker.
    const at = questionAfterAdjunct(lex, words, j + 1);
    if (at === -1) continue;
    const opener = words[at]!;
    // A capitalised cue is a name or a headline word for cueAt; `Asked` opening the sentence is the cue here.
    const entry = j === 0 ? lex.cues.forms.get(w.lower) : cueAt(lex, words, j)?.entry;
    if (!entry || entry.lemma !== 'ask') continue;
    // "asked about X": the cue takes "about", the content is what was asked about.
    const about = opener.lower === 'about' && at === j + 1;
    const cue: CueMatch = { from: j, to: about ? j + 2 : j + 1, entry, manner: false };
    const from = about ? cue.to : at;
    const asker = at > j + 2 && words[j + 1]!.lower === 'by' ? askerBefore(lex, words, j + 2, at) : null;
    let stop = from;
    while (stop < words.length && stop - from < MAX_QUESTION_WORDS && !(words[stop]!.punct && /^[,;:—–]$/u.test(words[stop]!.text))) stop++;
    stop = trimEnd(words, from, stop);
    if (stop <= from || wordsIn(words, from, stop) < 2) continue;
    out.push({ start: words[from]!.start, end: words[stop - 1]!.end, cue, speaker: asker, words, rule: 'indirect-asked-question' });
    j = stop - 1;
  }
  return out;
}

/** The most words of an adjunct between "asked" and its question ("by host Ann Lee", "on Fox News on Sunday"). */
const MAX_ASKED_ADJUNCT_WORDS = 8;

/**
 * The word that opens the question after "asked" at `from - 1`: a question word right after it, or after an
 * adjunct of up to eight words with no punctuation and no verb form of a cue ("by Ann Lee", "on Monday",
 * "specifically"); an infinitive (`to explain …`) after the asker. -1 when none.
 */
function questionAfterAdjunct(lex: QuoteLexicon, words: readonly Word[], from: number): number {
  const first = words[from];
  if (!first || first.punct) return -1;
  // A bare infinitive after "asked" is a request more often than a question (`Asked to leave …`; PolNeAR train: 1
  // gold in 3); after the asker it is the question put (`Asked by Ann Lee to explain …`).
  if (lex.questionOpeners.has(first.lower)) return from;
  for (let k = from + 1; k < words.length && k - from <= MAX_ASKED_ADJUNCT_WORDS; k++) {
    const w = words[k]!;
    if (w.punct && w.text !== '.' && w.text !== '’' && w.text !== "'") return -1;
    if (lex.questionOpeners.has(w.lower) && !w.capital) return k;
    if (w.lower === 'to' && first.lower === 'by') return k;
    if (lex.cues.forms.has(w.lower) || lex.auxiliaries.has(w.lower)) return -1;
  }
  return -1;
}

/** "by Ann Lee whether …", "by a reporter if …": the asker between "by" and the question, a name or a phrase opened by an article. */
function askerBefore(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): SpeakerMatch | null {
  const first = words[from]!;
  if (!(first.capital || first.lower === 'a' || first.lower === 'an' || first.lower === 'the')) return null;
  let end = from;
  while (end < to && !words[end]!.punct) end++;
  if (end !== to) return null;
  // "by Ingraham on Thursday": an adverbial after the asker is not part of it.
  for (let k = from + 1; k < to; k++) if (lex.adverbialOpeners.has(words[k]!.lower)) to = k;
  // "by host Ann Lee": a lower-case role before a name stays in the mention, as PolNeAR's Source has it.
  return { from, to, name: joinWords(words.slice(from, to)), kind: first.capital ? 'name' : 'noun-phrase', role: null };
}

/** "declined", "refuses", "refusing": a form of a verb of the `refusal-verb` or `refusal-of-speech` class (lemmas in -e), else null. */
function refusalLemma(lex: QuoteLexicon, w: Word): string | null {
  if (w.punct) return null;
  const lower = w.lower;
  const known = (stem: string): boolean => lex.refusalVerbs.has(stem) || lex.speechRefusalVerbs.has(stem);
  // The word, then without a final -d or -s, then with -ing for -e; each stem made only when the ending is there.
  if (known(lower)) return lower;
  const last = lower.charCodeAt(lower.length - 1);
  const past = last === 100 || last === 115 ? lower.slice(0, -1) : lower;
  if (known(past)) return past;
  const participle = lower.endsWith('ing') ? `${lower.slice(0, -3)}e` : lower;
  return known(participle) ? participle : null;
}

/**
 * "His representatives declined to comment on whether …", "Mook refused to speculate on …": a refusal
 * to speak or answer is an attribution on PolNeAR train (its content the infinitive clause, `to`
 * included). The speaker is the one right before the verb or the sentence's subject, and must name
 * people or a body (`speaks`): "fees declined to $281 million" has none, and an infinitive opens with a
 * lower-case verb, not a number.
 */
export function refusals(
  lex: QuoteLexicon,
  words: readonly Word[],
  cues: ReadonlySet<number>,
  minWords: number,
  speakerOf: (cueFrom: number) => SpeakerMatch | null,
): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 1; j + 2 < words.length; j++) {
    const w = words[j]!;
    if (w.capital || words[j + 1]!.lower !== 'to' || cues.has(j)) continue;
    const lemma = refusalLemma(lex, w);
    if (!lemma) continue;
    // "declined to comment", "declined to be named"; a verb of the `refusal-of-speech` class only refuses to speak: "refused to say",
    // "refused to endorse" (a cue form), not "refused to intervene", nor "fees declined to $281 million".
    const verb = words[j + 2]!;
    // "declined to be named", "declined to be interviewed": `be` opens a passive infinitive, not a function word's phrase (decision 0126).
    const passive = verb.lower === 'be' && lex.refusalVerbs.has(lemma);
    if (verb.punct || verb.capital || startsWithNumber(verb.text) || lex.determiners.has(verb.lower) || (lex.functionWords.has(verb.lower) && !passive)) continue;
    if (lex.speechRefusalVerbs.has(lemma) && !lex.cues.forms.has(verb.lower)) continue;
    const speaker = speakerOf(j);
    if (!speaker) continue;
    // The infinitive clause ends at the next comma ("declined to comment, citing …").
    let end = clauseEnd(words, j + 1, lex.coordinationFocus);
    for (let k = j + 1; k < end; k++) {
      if (words[k]!.text === ',') {
        end = trimEnd(words, j + 1, k);
        break;
      }
    }
    if (wordsIn(words, j + 1, end) < Math.min(2, minWords)) continue;
    const cue: CueMatch = { from: j, to: j + 1, entry: { lemma, stance: 'neutral', reason: `word-classes/refusal-verb/${lemma}` }, manner: false };
    out.push({ start: words[j + 1]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'indirect-refusal' });
    j = end - 1;
  }
  return out;
}

/**
 * "Trump is expected to deliver a victory speech later tonight": what is expected, nobody named as the
 * one who expects it (PolNeAR annotates it as an attribution without a source). The content is the
 * subject and the infinitive clause, two pieces around the cue ("is expected").
 */
export function expectedTo(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>, minWords: number): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 2; j + 2 < words.length; j++) {
    const w = words[j]!;
    // "is expected to", and the passives of the `passive-report` class: "was asked to name …", "has been
    // criticized for …", "is known for …", "were charged with …" (decision 0114).
    const expected = w.lower === 'expected' && words[j + 1]!.lower === 'to';
    if (!(expected || lex.passiveReports.hasPair(w.lower, words[j + 1]!.lower)) || cues.has(j)) continue;
    // "is expected", "are also widely expected", "was expected": a form of be before it.
    let be = j - 1;
    while (be > 0 && !words[be]!.punct && !lex.beForms.has(words[be]!.lower) && (lex.auxiliaries.has(words[be]!.lower) || words[be]!.lower.endsWith('ly')) && !lex.negators.has(words[be]!.lower)) be--;
    if (!lex.beForms.has(words[be]!.lower)) continue;
    const verb = words[j + 2]!;
    if (verb.punct || (expected && (verb.capital || startsWithNumber(verb.text) || lex.determiners.has(verb.lower)))) continue;
    let subjectEnd = be;
    while (subjectEnd > 0 && !words[subjectEnd - 1]!.punct && lex.auxiliaries.has(words[subjectEnd - 1]!.lower) && !lex.relatives.has(words[subjectEnd - 1]!.lower)) subjectEnd--;
    let subjectStart = subjectEnd;
    while (subjectStart > 0 && subjectEnd - subjectStart < MAX_SUBJECT_WORDS && inPhrase(words[subjectStart - 1]!)) subjectStart--;
    if (subjectStart > 0 && inPhrase(words[subjectStart - 1]!)) continue;
    while (subjectStart < subjectEnd && lex.clauseLinks.has(words[subjectStart]!.lower) && !lex.relatives.has(words[subjectStart]!.lower)) subjectStart++;
    if (subjectEnd <= subjectStart) continue;
    // "which is expected to …", "who might be expected to …": the subject is elsewhere.
    if (words.slice(subjectStart, subjectEnd).some((x) => lex.relatives.has(x.lower))) continue;
    const end = clauseEnd(words, j + 1, lex.coordinationFocus);
    if (wordsIn(words, j + 1, end) < minWords) continue;
    const entry = cueAt(lex, words, j)?.entry;
    if (!entry) continue;
    const pieces = [
      { start: words[subjectStart]!.start, end: words[subjectEnd - 1]!.end },
      { start: words[j + 1]!.start, end: words[end - 1]!.end },
    ];
    out.push({ start: pieces[0]!.start, end: pieces[1]!.end, cue: { from: be, to: j + 1, entry, manner: false }, speaker: null, words, rule: expected ? 'indirect-expected-to' : 'indirect-passive-report', pieces });
    j = end - 1;
  }
  return out;
}
