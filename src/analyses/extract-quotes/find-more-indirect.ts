/**
 * Attributions that the clause patterns of find-indirect.ts do not reach, each fitted on PolNeAR train
 * (counts in docs/analyses/extract-quotes.md):
 *
 * - `according to X` anywhere after the start of the sentence, however long the clause before it and
 *   whatever follows the source: `…, according to a new poll by the Harvard Institute of Politics.`,
 *   `… delegates according to a count by The Associated Press`, `… (93 percent were white, according to
 *   exit polls)`, `…, according to the Tax Policy Center - half what …`;
 * - a passive with its agent: `O’Malley’s move was first reported by MSNBC`, `The operation was
 *   condemned by members of the European Union`, `It was announced by the ministry that …`.
 *
 * Like the rest of the indirect rules they read one sentence and a bounded number of words around each
 * cue, so the pass stays linear.
 */
import type { QuoteLexicon } from './lexicon.js';
import { clauseAfterSource } from './split-contents.js';
import { cueAt, joinWords, nameWithoutTitles, speakerAfter, speakerBefore, type CueMatch, type SpeakerMatch } from './find-speaker.js';
import { apposedName } from './speaker-names.js';
import type { IndirectMatch } from './find-indirect.js';
import { clauseEnd, trimEnd } from './content-end.js';
import { numberColon, startsWithNumber, type Word } from './words.js';
import { askedQuestions, evidenceAttributions, expectedTo, refusals } from './find-evidence.js';
import { pollFrame } from './poll-frame.js';
import { sentenceSubject } from './sentence-subject.js';
import { nameBeforeClause } from './source-clause.js';

/** The most words a source after "according to" or "by" may have. */
const MAX_SOURCE_WORDS = 20;
/** The most words the subject of a passive attribution may have. */
const MAX_SUBJECT_WORDS = 12;

const contentWordsIn = (words: readonly Word[], from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (!words[i]!.punct) n++;
  return n;
};

/** Punctuation that may stand inside a source or a subject: abbreviations, possessives, slashes (a lone `-` is a dash). */
const inPhrase = (w: Word): boolean => !w.punct || w.text === '.' || w.text === '’' || w.text === "'" || w.text === '/' || w.text === '&';

/** One past the last word of the phrase that starts at `from`: up to clause punctuation, at most MAX_SOURCE_WORDS words. */
function phraseEnd(lex: QuoteLexicon, words: readonly Word[], from: number): number {
  let end = from;
  // "by the ministry that …": a "that" after the first word opens a clause.
  // "by his son Abhijit Mukherjee via Twitter": a channel preposition (class `channel-preposition`) ends it too.
  while (end < words.length && end - from < MAX_SOURCE_WORDS && inPhrase(words[end]!) && !(end > from && (words[end]!.lower === 'that' || lex.channelPrepositions.has(words[end]!.lower) || timeAdverbialAt(lex, words, end)))) end++;
  // A full stop that ends the sentence is not part of the phrase.
  while (end > from && words[end - 1]!.punct) end--;
  return end;
}

/** "on Monday", "in March", "on 4 March": a preposition before a day, a month or a number ends a source. */
function timeAdverbialAt(lex: QuoteLexicon, words: readonly Word[], at: number): boolean {
  const next = words[at + 1];
  return lex.adverbialOpeners.has(words[at]!.lower) && next !== undefined && !next.punct && (lex.notName.has(next.text) || startsWithNumber(next.text));
}

/**
 * Where the clause that ends at word `before` starts: after the last `;`, `:` or open `(` before it, else the
 * sentence start. A parenthesis closed before the cue (`British Columbia (B.C.), Canada`) is inside the clause.
 */
function clauseStartBefore(words: readonly Word[], before: number): number {
  let closed = 0;
  for (let i = before - 1; i >= 0; i--) {
    const t = words[i]!.text;
    if (t === ')') closed++;
    else if (t === '(' && closed > 0) closed--;
    else if (t === ';' || t === '(' || (t === ':' && !numberColon(words, i))) return i + 1;
  }
  return 0;
}

/** Forward over punctuation that opens a content. */
function trimStart(words: readonly Word[], start: number, end: number): number {
  while (start < end && words[start]!.punct && !/[“"‘«]/u.test(words[start]!.text)) start++;
  return start;
}

/**
 * The source after "according to" or a passive's "by": a name (with an apposition as its role) when the
 * name is the whole phrase, else the noun phrase to the next clause punctuation ("a new poll by the
 * Harvard University Institute of Politics", "exit polls", "three people briefed on the discussions").
 */
function sourceAt(lex: QuoteLexicon, words: readonly Word[], from: number): SpeakerMatch | null {
  const end = phraseEnd(lex, words, from);
  if (end === from) return null;
  const first = words[from]!;
  if (lex.functionWords.has(first.lower) && !lex.determiners.has(first.lower)) return null;
  // "according to plan", "according to tradition": a bare singular noun is a standard, not a source.
  if (end === from + 1 && !first.capital && !lex.collective.has(first.lower) && !/s$/.test(first.lower)) return null;
  // "according to Wasef archaeologists have not found …": the writer's clause begins in the phrase; the name is the source.
  const cut = nameBeforeClause(lex, words, from, end);
  if (cut >= 0) return { from, to: cut, name: joinWords(words.slice(from, cut)), kind: 'name', role: null };
  const named = speakerAfter(lex, words, from, end);
  // "Ukrainian politicians and officials who worked with him": a capitalised word that opens a longer phrase is no name.
  if (named && (named.kind === 'pronoun' || (named.kind === 'name' && (named.to === end || words[named.to]!.punct || lex.nameParticles.has(words[named.to]!.lower))))) return named;
  // "according to CNN who reported the plan": a relative clause after the name describes it; the name is the source.
  if (named && named.kind === 'name' && named.to < end && lex.relatives.has(words[named.to]!.lower) && (named.from === from || (named.from === from + 1 && lex.determiners.has(first.lower)))) return { ...named, from };
  if (named && named.kind === 'name' && named.to < end) return { from, to: end, name: joinWords(words.slice(from, end)), kind: 'noun-phrase', role: null };
  // "claimed by the Houthi movement in Yemen": the phrase without the place that locates it, which is its role.
  if (named && named.kind === 'noun-phrase' && named.role !== null && named.from === from && lex.determiners.has(first.lower)) return named;
  // "confirmed by his son, Wolfgang Van Halen": a name set off after the description is the source.
  const apposed = lex.determiners.has(first.lower) ? apposedName(lex, words, from, end, words.length) : null;
  if (apposed) {
    const { name } = nameWithoutTitles(lex, words.slice(apposed.from, apposed.to));
    if (name) return { from: apposed.from, to: apposed.to, name, kind: 'name', role: joinWords(words.slice(from, end)) };
  }
  return { from, to: end, name: joinWords(words.slice(from, end)), kind: 'noun-phrase', role: null };
}

/**
 * "according to X" after the start of the sentence. The content is the clause before it; when fewer
 * than three words stand there ("In 2014, according to the FBI, …"), the clause after the source.
 * Cues that find-indirect.ts already read (`cues`, word indexes) are skipped.
 */
export function accordingToInside(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>, minWords: number): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 1; j + 2 < words.length; j++) {
    if (words[j]!.lower !== 'according' || words[j + 1]!.lower !== 'to' || cues.has(j)) continue;
    const cue = cueAt(lex, words, j);
    if (!cue || cue.entry.lemma !== 'according to') continue;
    const speaker = sourceAt(lex, words, cue.to);
    if (!speaker) continue;
    const start = trimStart(words, clauseStartBefore(words, j), j);
    const end = trimEnd(words, start, j);
    // "The IMF said that, according to data …, growth had slowed": the words before end on the "that" of
    // another attribution; what the source reports is the clause after it.
    if (contentWordsIn(words, start, end) >= minWords && words[end - 1]!.lower !== 'that') {
      // "A, then, according to X, fled": the clause goes on after the source, a second piece.
      const rest = clauseAfterSource(lex, words, phraseEnd(lex, words, speaker.to), words[end - 1]!);
      if (rest) {
        const pieces = [
          { start: words[start]!.start, end: words[end - 1]!.end },
          { start: words[rest.from]!.start, end: words[rest.to - 1]!.end },
        ];
        out.push({ start: pieces[0]!.start, end: pieces[1]!.end, cue, speaker, words, rule: 'according-to-inside-content', pieces });
        j = rest.to - 1;
        continue;
      }
      out.push({ start: words[start]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'according-to-inside-sentence' });
      j = speaker.to - 1;
      continue;
    }
    // The content after the source and its apposition: "In 2014, according to the FBI, violent crime fell".
    let k = phraseEnd(lex, words, speaker.to);
    if (words[k]?.text !== ',') continue;
    k++;
    let stop = k;
    while (stop < words.length && words[stop]!.text !== ';' && words[stop]!.text !== ')') stop++;
    stop = trimEnd(words, k, stop);
    if (contentWordsIn(words, k, stop) < minWords) continue;
    out.push({ start: words[k]!.start, end: words[stop - 1]!.end, cue, speaker, words, rule: 'according-to-inside-sentence' });
    j = stop - 1;
  }
  return out;
}

/** The be-form that makes the participle at `cueFrom` passive ("was first reported", "has been widely condemned"), or -1. */
function passiveBe(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): number {
  for (let i = cueFrom - 1; i >= Math.max(0, cueFrom - 3); i--) {
    const w = words[i]!;
    if (w.punct) return -1;
    if (lex.beForms.has(w.lower)) return i;
    if (!/ly$/.test(w.lower) && !lex.auxiliaries.has(w.lower)) return -1;
  }
  return -1;
}

/**
 * A passive with its agent: "O’Malley’s move was first reported by MSNBC" (content the subject, source
 * the agent), "It was announced by the ministry that …" (content the clause after the agent). The subject
 * is the words between the clause start and the be-form, at most MAX_SUBJECT_WORDS and no relative
 * pronoun ("the deal, which was condemned by …" names its content elsewhere).
 */
export function passiveWithAgent(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>, minWords: number): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let b = 2; b + 1 < words.length; b++) {
    if (words[b]!.lower !== 'by') continue;
    const form = words[b - 1]!.lower;
    const entry = words[b - 1]!.punct ? undefined : lex.cues.forms.get(form);
    // A past participle of a reporting verb ("reported", "condemned"), not its base form or a verb of position only the agent makes.
    if (!entry || cues.has(b - 1) || /(?:ing|s)$/.test(form) || form === entry.lemma || lex.notIndirectCues.has(entry.lemma) || lex.needsThat.has(entry.lemma)) continue;
    const cue: CueMatch = { from: b - 1, to: b, entry, manner: false };
    const be = passiveBe(lex, words, cue.from);
    if (be < 1) continue;
    const speaker = sourceAt(lex, words, b + 1);
    // The agent is a name, a pronoun or a phrase opened by a determiner ("written by men" names authors, not speakers).
    if (!speaker || !(speaker.kind !== 'noun-phrase' || lex.determiners.has(words[speaker.from]!.lower) || agentHead(lex, words, speaker))) continue;
    // The auxiliary of "has been", "had been", "will be" belongs to the verb, not to the subject.
    let subjectEnd = be;
    while (subjectEnd > 0 && !words[subjectEnd - 1]!.punct && lex.auxiliaries.has(words[subjectEnd - 1]!.lower)) subjectEnd--;
    const subjectStart = trimStart(words, clauseStartAt(words, subjectEnd), subjectEnd);
    if (subjectEnd <= subjectStart) continue;
    const subject = words.slice(subjectStart, subjectEnd);
    if (subject.some((w) => lex.relatives.has(w.lower))) continue;
    if (subject.length === 1 && (subject[0]!.lower === 'it' || subject[0]!.lower === 'there')) {
      // "It was announced by the ministry that …": the clause after the agent.
      if (subject[0]!.lower !== 'it') continue;
      const k = speaker.to;
      if (words[k]?.lower !== 'that') continue;
      let stop = k + 1;
      while (stop < words.length && words[stop]!.text !== ';') stop++;
      stop = trimEnd(words, k, stop);
      if (contentWordsIn(words, k + 1, stop) < minWords) continue;
      out.push({ start: words[k]!.start, end: words[stop - 1]!.end, cue, speaker, words, rule: 'indirect-passive-with-agent' });
      b = stop - 1;
      continue;
    }
    if (subject.length > MAX_SUBJECT_WORDS || lex.pronouns.has(subject[subject.length - 1]!.lower) || contentWordsIn(words, subjectStart, subjectEnd) < Math.min(2, minWords)) continue;
    out.push({ start: words[subjectStart]!.start, end: words[subjectEnd - 1]!.end, cue, speaker, words, rule: 'indirect-passive-with-agent' });
    b = speaker.to - 1;
  }
  return out;
}

/** A plural noun of people or bodies by its ending: "members", "officials", "specialists". */
const AGENT_PLURAL = /(?:ists|ers|ors|ians|ants|ents|ives|als)$/;

/** The head of a bare noun phrase (the word before its first "of"/"for"/"at", or its last word) names people or a body. */
function agentHead(lex: QuoteLexicon, words: readonly Word[], phrase: SpeakerMatch): boolean {
  let head = phrase.to - 1;
  for (let i = phrase.from + 1; i < phrase.to; i++) {
    if (lex.headLinks.has(words[i]!.lower)) {
      head = i - 1;
      break;
    }
  }
  const w = words[head]!.lower;
  return lex.collective.has(w) || (w.length > 5 && AGENT_PLURAL.test(w));
}

/** Where the clause that holds word `before - 1` starts: after the last clause punctuation before it, else the sentence start. */
function clauseStartAt(words: readonly Word[], before: number): number {
  for (let i = before - 1; i >= 0; i--) if (words[i]!.punct && !inPhrase(words[i]!)) return i + 1;
  return 0;
}

/** A singular or plural noun of a person by its ending: "lawyer", "analysts", "spokeswoman", "politician". */
const PERSON_NOUN = /(?:ists?|ers?|ors?|ians?|ants?|ents?|[mM][ae]n|persons?|people|ees?)$/;

/** The head of a noun phrase speaker names people or a body ("the group", "a spokeswoman for the union", "officials"). */
export function speakingHead(lex: QuoteLexicon, words: readonly Word[], speaker: SpeakerMatch): boolean {
  let head = speaker.to - 1;
  for (let i = speaker.from + 1; i < speaker.to; i++) {
    if (lex.headLinks.has(words[i]!.lower)) {
      head = i - 1;
      break;
    }
  }
  const w = words[head]!;
  const lower = w.lower.replace(/[’']s?$/, '');
  const singular = lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.replace(/s$/, '');
  if (w.capital || lex.collective.has(lower) || lex.bodyNouns.has(lower) || lex.bodyNouns.has(singular) || lex.titles.has(w.text) || lex.titles.has(lower.charAt(0).toUpperCase() + lower.slice(1))) return true;
  // "agreement", "settlement": -ment nouns are things, "government" a body.
  if (/ments?$/.test(lower)) return lower.startsWith('government');
  return PERSON_NOUN.test(lower) || startsWithNumber(lower) || lex.percentWords.has(lower);
}

/**
 * "The agreement seeks to remove tariffs", "its advertising plans …": a cue of an act or an intention
 * (the `act-cue` class) whose speaker is a noun phrase that names no person or body reports no
 * position. Names and pronouns are kept.
 */
export function actWithoutAgent(lex: QuoteLexicon, match: IndirectMatch): boolean {
  const speaker = match.speaker;
  if (!speaker || speaker.kind !== 'noun-phrase' || !lex.actCues.has(match.cue.entry.lemma)) return false;
  return !speakingHead(lex, match.words, speaker);
}

/**
 * A reporting noun with its owner after it, then a "that" clause: "the claim by Mr. Smith that the vote
 * was rigged", "suggestions by the news media that …". The owner is the speaker, the noun the cue.
 */
export function reportingNounBy(lex: QuoteLexicon, words: readonly Word[], cues: ReadonlySet<number>, minWords: number): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 1; j + 3 < words.length; j++) {
    const noun = words[j]!;
    if (noun.punct || noun.capital || words[j + 1]!.lower !== 'by' || cues.has(j)) continue;
    const entry = lex.reportingNouns.get(noun.lower);
    if (!entry) continue;
    const speaker = sourceAt(lex, words, j + 2);
    if (!speaker || words[speaker.to]?.lower !== 'that') continue;
    const t = speaker.to;
    const end = clauseEnd(words, t + 1, lex.coordinationFocus);
    if (contentWordsIn(words, t + 1, end) < minWords) continue;
    out.push({ start: words[t]!.start, end: words[end - 1]!.end, cue: { from: j, to: j + 1, entry, manner: false }, speaker, words, rule: 'indirect-reporting-noun' });
    j = end - 1;
  }
  return out;
}

const NO_CUES: ReadonlySet<number> = new Set<number>();

/** The attributions of this module in one sentence, beside those find-indirect.ts found (`found`). */
export function moreIndirect(lex: QuoteLexicon, words: readonly Word[], found: readonly IndirectMatch[], minWords: number): IndirectMatch[] {
  // Most sentences report nothing: they share one empty set instead of making their own.
  const cues = found.length === 0 ? NO_CUES : new Set<number>();
  for (const f of found) (cues as Set<number>).add(f.cue.from);
  return [
    ...accordingToInside(lex, words, cues, minWords),
    ...passiveWithAgent(lex, words, cues, minWords),
    ...reportingNounBy(lex, words, cues, minWords),
    ...evidenceAttributions(lex, words, cues, minWords),
    ...askedQuestions(lex, words, cues),
    ...pollFrame(lex, words, minWords),
    // "Turnout is expected to fall, a Marist College survey shows": the survey's content, not a second record.
    ...expectedTo(lex, words, cues, minWords).filter((m) => !found.some((f) => f.start < m.end && m.start < f.end)),
    ...refusals(lex, words, cues, minWords, (cueFrom) => refusalSpeaker(lex, words, cueFrom)),
  ];
}

/** A word that can be the verb right after a subject: an auxiliary or modal, a form of "be", a cue, or a past or present-tense form. */
export function verbLike(lex: QuoteLexicon, w: Word): boolean {
  if (w.punct || w.capital) return false;
  if (lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.cues.forms.has(w.lower) || lex.irregularPasts.has(w.lower)) return true;
  if (lex.functionWords.has(w.lower) || lex.determiners.has(w.lower) || lex.pronouns.has(w.lower)) return false;
  return /[^e]ed$|[^s'’]s$/.test(w.lower) && w.lower.length > 3;
}

/**
 * "Sen. Bernie Sanders (I-Vt.) defended his call …, saying …", "Democrat Hillary Clinton has taken a
 * swipe at …, saying …": the speaker phrase that opens the clause and is followed by its verb, when the
 * plain subject rule found none. Looks for the verb among the first 16 words of the clause before the
 * comma at `comma`.
 */
export function openingSubject(lex: QuoteLexicon, words: readonly Word[], comma: number): SpeakerMatch | null {
  let start = 0;
  // After a leading adverbial that ends with a comma ("On Monday, …").
  for (let i = 0; i < Math.min(comma, 8); i++) {
    if (words[i]!.text === ',') {
      start = i + 1;
      break;
    }
  }
  const found = subjectFrom(lex, words, start, comma);
  if (found) return found;
  // The first comma opened an apposition, not closed an adverbial: "Ada Okafor, the council leader, gave …".
  if (start > 0) {
    const opening = subjectFrom(lex, words, 0, comma);
    // The name reaches that comma (a description follows it), as an apposition does.
    if (opening && opening.kind === 'name' && opening.to === start - 1) return opening;
  }
  // A longer adverbial with commas of its own: "At a town meeting in Leeds, Yorkshire, on Monday, Ms. Okafor defended
  // …, saying …": the subject after a later comma among the first 16 words.
  for (let i = start; i < Math.min(comma - 2, 16); i++) {
    if (words[i]!.text !== ',' || i + 1 === start) continue;
    const later = subjectFrom(lex, words, i + 1, comma);
    if (later) return later;
  }
  return null;
}

/** openingSubject from the word at `start`: the speaker phrase that opens there, followed by its verb. */
function subjectFrom(lex: QuoteLexicon, words: readonly Word[], start: number, comma: number): SpeakerMatch | null {
  for (let k = start + 1; k < Math.min(comma, start + 16); k++) {
    const w = words[k]!;
    if (w.text === ',' && k > start + 1) {
      // An apposition between commas is read by speakerBefore itself; go on to the verb after it.
      continue;
    }
    // A word right after a determiner is a noun (`some senators vented`), not the verb.
    if (!verbLike(lex, w) || lex.determiners.has(words[k - 1]!.lower)) continue;
    const speaker = speakerBefore(lex, words, k, start);
    if (!speaker) return null;
    const opens = speaker.from === start || (speaker.from === start + 1 && lex.determiners.has(words[start]!.lower));
    return opens && speaker.kind !== 'pronoun' ? speaker : null;
  }
  return null;
}

/** "…, with Mike Pompeo blaming Iran for the attacks": a name or noun phrase after "with" is the subject of the participle at `cueFrom`. */
export function withParticipleSpeaker(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): SpeakerMatch | null {
  const speaker = speakerBefore(lex, words, cueFrom, Math.max(0, cueFrom - 10));
  if (!speaker || speaker.kind === 'pronoun' || words[speaker.from - 1]?.lower !== 'with') return null;
  return speaker;
}

/** Who refused at word `cueFrom`: the speaker right before it or the sentence's subject, when it names people or a body. */
function refusalSpeaker(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): SpeakerMatch | null {
  const speaker = speakerBefore(lex, words, cueFrom, Math.max(0, cueFrom - 12)) ?? sentenceSubject(lex, words, cueFrom);
  if (!speaker) return null;
  return speaker.kind !== 'noun-phrase' || speakingHead(lex, words, speaker) ? speaker : null;
}
