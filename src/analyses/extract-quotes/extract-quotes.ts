import type { CueJson, QuoteJson, QuoteType, SpanJson, SpeakerJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';
import { createRecordIds, recordId } from '../../core/record-id.js';
import { compareSpans, spanAt, type Span } from '../../core/span.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { RESOLVE_ALIASES_ID } from '../resolve-aliases/resolve-aliases.js';
import { EXTRACT_DATES_ID } from '../extract-dates/extract-dates.js';
import { quoteDate } from './quote-date.js';
import { cueAt, invertedCueAt, nameWithoutTitles, speakerAfter, speakerBefore, type CueMatch, type SpeakerMatch } from './find-speaker.js';
import { createEntityIndex, pronounGender, type EntityIndex } from './entity-speakers.js';
import { quoteLexicon, type QuoteLexicon } from './lexicon.js';
import { EXTRACT_QUOTES_RESOURCES } from './resource-ids.js';
import { findQuotedStretches, type QuotedStretch } from './find-quote-marks.js';
import { countTermsIn, countWordsIn, createWordIndex, isSpaceUnit, onlyPunctuation, type Word, type WordIndex } from './words.js';
import { clauseSubject, headlineAttribution, indirectInSentence, labelAttribution, labelColon, possessedName, skipAddressee } from './find-indirect.js';
import { findEdits, STITCHED_FRAGMENTS } from './find-edits.js';
import { afterToListener, withAttitudeObject, withCuePhrase, withCuePreposition, withSpeakerPhrase } from './attribution-phrases.js';
import { thatClauseOfQuote } from './that-clause.js';
import { coverageOnly } from './coverage-cues.js';
import { notSpeech } from './not-speech.js';
import { afterConnective, leadingPiece } from './leading-piece.js';
import { isProgressive } from './progressive.js';
import { openingSubject } from './find-more-indirect.js';
import { afterParticiplePreposition } from './participle-after-preposition.js';
import { firstAtOrAfter } from '../../core/search.js';
import { bodySpeaker, itSpeaker, type BodySpeaker } from './it-speakers.js';
import { linkFollowOnQuotes } from './follow-on-quotes.js';

export type QuoteData = Omit<QuoteJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

/**
 * Words in quotation marks that are not speech: a scare quote (`the so-called “peace plan”`, `the
 * “peaceful” march`), a name or title (`the film “Heat”`), or a term (`the word “woke”`). An internal
 * record (no contract array): the framing analysis can read it to mark scare quotes.
 */
export interface QuotedTermData {
  kind: 'scare-quote' | 'name-or-title' | 'term';
  /** The words between the marks. */
  term: SpanJson;
}

declare module '../../core/finding.js' {
  interface FindingDataMap {
    quote: QuoteData;
    'quoted-term': QuotedTermData;
  }
}

export const EXTRACT_QUOTES_ID = 'extract-quotes';

/** How far (in UTF-16 units) before and after a quote an attribution is looked for. */
const ATTRIBUTION_WINDOW = 400;

interface Range {
  start: number;
  end: number;
}

interface Attribution {
  /** Null when no reporting verb was written. */
  cue: CueMatch | null;
  speaker: SpeakerMatch | null;
  words: readonly Word[];
  /** Offset just after the attribution (speaker or cue, whichever ends last). */
  end: number;
  rule: string;
}

interface Draft {
  type: QuoteType;
  pieces: Range[];
  /** Span of the whole content for mixed quotes (the reported clause). */
  clause: Range | null;
  attribution: Attribution | null;
  /** A speaker carried over from an earlier quote. */
  inherited: Draft | null;
  rule: string;
  paragraph: number;
  /** Where the quote and its attribution end; a following quote that starts right here continues it. */
  reach: number;
}

/** A draft, its fields always in this order: one hidden class for every draft (no spread of a base object). */
function draftRecord(paragraph: number, inherited: Draft | null, type: QuoteType, pieces: Range[], clause: Range | null, attribution: Attribution | null, rule: string, reach: number): Draft {
  return { paragraph, inherited, type, pieces, clause, attribution, rule, reach };
}

/** The text without the punctuation that ends it (a scan: `/[.,!?;:]+$/` is quadratic on a run of marks). */
function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '.,!?;:'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** A name, title or term in quotation marks ("the so-called “Resistance Units.”"), not a quote. */
function isNameOrTerm(lex: QuoteLexicon, text: string, content: Range, open: number): boolean {
  // Most quotes are longer than a name: counted without copying the words.
  const terms = countTermsIn(text, content.start, content.end, 9);
  if (terms === 0) return true;
  if (terms > 8) return subtitledTitle(lex, withoutEndPunctuation(text.slice(content.start, content.end)));
  const inner = withoutEndPunctuation(text.slice(content.start, content.end));
  const words = inner.match(/[\p{L}\p{N}][\p{L}\p{N}’'\-.]*/gu) ?? [];
  if (words.length === 0) return true;
  if (words.length > 8) return false;
  if (/[.!?]\s/u.test(inner)) return false;
  const lead = text.slice(Math.max(0, open - 40), open);
  if (lex.namingCue.test(lead.trimEnd().replace(/[,:]$/, '').trimEnd() + '') && words.length <= 8) return true;
  const titleCase = words.every((w, i) => (i > 0 && lex.smallWords.has(w)) || /^[\p{Lu}\p{N}]/u.test(w));
  return (titleCase && words.length <= 6) || subtitledTitle(lex, inner);
}

/** The most letters of a subhead in single quotation marks. */
const SUBHEAD_CHARS = 60;

/**
 * A subhead in single quotation marks, a paragraph of its own (`'A fight from start to finish.'`, `– ‘Who cares?’ –`):
 * the writer's heading over the next section, no quote (decision 0137; PolNeAR train: 10 such quotes, none matched a
 * gold attribution; a headline in single marks stays a quote). Quotes in double marks that make a paragraph are speech, as
 * most are.
 */
function subhead(text: string, stretch: QuotedStretch, afterStart: number): boolean {
  if (!stretch.closed || stretch.openLength !== 1 || !(text[stretch.open] === '‘' || text[stretch.open] === "'")) return false;
  if (stretch.close - stretch.open > SUBHEAD_CHARS) return false;
  let i = stretch.open;
  while (i > 0 && text[i - 1] !== '\n') {
    if (!/[\s–—-]/u.test(text[i - 1]!)) return false;
    i--;
  }
  // A headline in single marks quotes someone of the article (`'Donald Trump is not a racist, guys.'`).
  if (i === 0) return false;
  let j = afterStart;
  while (j < text.length && text[j] !== '\n') {
    if (!/[\s–—.-]/u.test(text[j]!)) return false;
    j++;
  }
  return true;
}

/**
 * The headline of a linked article with its byline: `—"An NYPD sketch artist gets a gallery show," by Hyperallergic's
 * Carey Dunne: http://…`. A comma closes the quoted words, inside or right after the mark, and `by` and a capital
 * follow: the quoted words name a piece, nobody says them (decision 0137; PolNeAR train: 9 such partial quotes, none
 * matched a gold attribution). Without the comma `by` is the agent of a passive (`were “both nauseated and terrified”
 * by Trump`).
 */
function bylinedTitle(text: string, close: number, afterStart: number): boolean {
  const after = text.slice(afterStart, afterStart + 24);
  const comma = text[close - 1] === ',' || after.startsWith(',');
  return comma && /^,?[ \t]*by[ \t]+\p{Lu}/u.test(after);
}

/** The most words of a title with a subtitle (`Perfect Enough: Carly Fiorina and the Reinvention of Hewlett-Packard`). */
const SUBTITLED_TITLE_WORDS = 12;

/**
 * A title in title case with a subtitle after a colon: `The Trumps: Three Generations That Built an Empire`, `13
 * Hours: The Secret Soldiers of Benghazi` name a book or a film, they quote nobody (decision 0137; PolNeAR train: 7
 * such quotes, none matched a gold attribution).
 */
function subtitledTitle(lex: QuoteLexicon, inner: string): boolean {
  const colon = inner.indexOf(': ');
  if (colon <= 0 || !/^[\p{Lu}\p{N}]/u.test(inner.slice(colon + 2)) || /[.!?]\s/u.test(inner)) return false;
  const words = inner.match(/[\p{L}\p{N}][\p{L}\p{N}’'\-.]*/gu) ?? [];
  return words.length >= 3 && words.length <= SUBTITLED_TITLE_WORDS && words.every((w, i) => (i > 0 && lex.smallWords.has(w)) || /^[\p{Lu}\p{N}]/u.test(w));
}

function toSpanJson(span: Span): SpanJson {
  return { start: span.start, end: span.end, text: span.text };
}

/** Trims whitespace on both sides, and the comma that American style puts inside the closing mark. */
function contentRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && isSpaceUnit(text.charCodeAt(s))) s++;
  while (e > s && isSpaceUnit(text.charCodeAt(e - 1))) e--;
  while (e > s && (text[e - 1] === ',' || text[e - 1] === '—' || text[e - 1] === '–')) e--;
  while (e > s && isSpaceUnit(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/** True for a period that ends an abbreviation or initial ("Rep.", "D-Ore.", "J."), not a sentence. */
function isAbbreviationPeriod(words: readonly Word[], j: number): boolean {
  const previous = words[j - 1];
  return previous !== undefined && !previous.punct && previous.capital && previous.text.replace(/^.*-/, '').length <= 4;
}

/** Attribution after the closing mark: “…,” said X / “…,” X said / “…,” X, a spokeswoman for Y, said. */
function trailingAttribution(lex: QuoteLexicon, words: readonly Word[]): Attribution | null {
  let k = 0;
  while (k < words.length && words[k]!.punct && ',.;!?—–-'.includes(words[k]!.text)) k++;
  if (k >= words.length || words[k]!.punct) return null;
  // (A) cue first: "said Anna de Vries", "ridiculously added Smith", "according to the union".
  for (const at of [k, k + 1]) {
    const cue = cueAt(lex, words, at);
    if (!cue || cue.from !== k || words[cue.to - 1]!.lower.endsWith('ing')) continue;
    const speaker = speakerAfter(lex, words, cue.to, words.length);
    if (speaker) return { cue, speaker, words, end: words[speaker.to - 1]!.end, rule: 'cue-then-speaker-after-quote' };
  }
  // (B) speaker first: "he said", "Smith told reporters", "X, a spokeswoman for Y, said",
  //     "harbour authority spokeswoman Eva Lind said".
  for (let j = k + 1; j < Math.min(words.length, k + 20); j++) {
    const w = words[j]!;
    if (w.punct && ('!?;:“"'.includes(w.text) || (w.text === '.' && !isAbbreviationPeriod(words, j)))) break;
    const cue = cueAt(lex, words, j);
    if (!cue || words[cue.to - 1]!.lower.endsWith('ing')) continue;
    // “…” in the attack according to a hospital spokesperson: the source of `according to` follows it, and the
    // words before it are no speaker of it (version 34).
    if (cue.entry.lemma === 'according to') break;
    const speaker = speakerBefore(lex, words, cue.from, k);
    if (!speaker) break;
    let lead = words.slice(k, speaker.from);
    // "another regular passenger, Rosa Lind, said": a description set off by a comma before the name is its role.
    if (lead.length >= 3 && lead[lead.length - 1]!.text === ',' && speaker.kind === 'name' && lex.determiners.has(lead[0]!.lower)) lead = lead.slice(0, -1);
    if (speaker.from === k || (lead.length <= 6 && lead.every((x) => !x.punct))) {
      // Words before the name are its role ("harbour authority spokeswoman Eva Lind"); an article alone is not,
      // nor a mood ("an angry Hollande").
      const hasRole = lead.some((x) => !lex.determiners.has(x.lower) && !lex.moodAdjectives.has(x.lower));
      const withRole: SpeakerMatch = hasRole && !speaker.role ? { from: speaker.from, to: speaker.to, name: speaker.name, kind: speaker.kind, role: lead.map((x) => x.text).join(' ') } : speaker;
      return { cue, speaker: withRole, words, end: words[cue.to - 1]!.end, rule: 'speaker-then-cue-after-quote' };
    }
    // "Karl Weiss, the head of the Leeds state transport union, said": a cue form inside an
    // apposition (a noun there) is passed over for the verb after the apposition's closing comma.
    if (!words[j - 1]!.punct && !words[j + 1]?.punct && words.slice(j + 1, j + 6).some((x) => x.text === ',')) continue;
    break;
  }
  return null;
}

interface LeadingMatch extends Attribution {
  /** Offset where the reported material starts (after the cue and an optional "that"). */
  reportStart: number;
  direct: boolean;
}


/** True when the words from `from` are punctuation only, or a comma, at most 16 words and a closing comma or colon. */
function onlyApposition(words: readonly Word[], from: number): boolean {
  const rest = words.slice(from);
  if (rest.every((w) => w.punct)) return true;
  const last = rest[rest.length - 1]!;
  return rest[0]!.text === ',' && (last.text === ',' || last.text === ':') && rest.length <= 18;
}

/** Subject pronouns that name a speaker: `it` (`It’s become …`) opens a clause about something else. */
const PERSONAL_SUBJECTS = new Set(['he', 'she', 'they', 'we', 'i']);

/** A cue word that is a past form of its verb: not the lemma, not an `-s` or `-ing` form. */
function pastForm(word: string, lemma: string): boolean {
  return word !== lemma && !/(?:s|ing)$/.test(word);
}

/** Attribution before the opening mark: X said: “…” / According to X, “…” / X said the union was “…”. */
function leadingAttribution(lex: QuoteLexicon, words: readonly Word[]): LeadingMatch | null {
  const candidates: LeadingMatch[] = [];
  for (let j = 0; j < words.length; j++) {
    const inverted = j === 0 ? invertedCueAt(lex, words, 0) : null;
    const cue = inverted ?? cueAt(lex, words, j);
    if (!cue) continue;
    let speaker: SpeakerMatch | null;
    let after: number;
    if (inverted || cue.entry.lemma === 'according to') {
      speaker = speakerAfter(lex, words, cue.to, words.length);
      if (!speaker) continue;
      // A sentence that opens on its cue holds nothing but the speaker (and an apposition set off by commas) before
      // the mark: "Said Dorothy Poynter, who grew up with Ali, “…”"; "Planned Parenthood's president …" is no cue.
      if (inverted && !onlyApposition(words, speaker.to)) continue;
      after = speaker.to;
      while (after < words.length && words[after]!.punct && words[after]!.text !== ',') after++;
      if (words[after]?.text === ',') after++;
    } else if (words[cue.to - 1]!.lower.endsWith('ing') && !isProgressive(lex, words, cue.from)) {
      // "Smith rejected the plan, saying …": the speaker is the subject of the clause.
      // "The union issued a statement saying that …": a reporting noun with its determiner before the participle
      // takes the place of the comma; the statement is the subject's.
      // A time adverbial may stand between the noun and the participle (`released a statement Wednesday saying`,
      // `issued a report this month charging`).
      let at = cue.from - 1;
      if (words[at]?.text === ',') at--;
      while (at > cue.from - 5 && words[at] && !words[at]!.punct && (lex.timeNouns.has(words[at]!.lower) || lex.partsOfDay.has(words[at]!.lower) || lex.timeDeictics.has(words[at]!.lower) || (words[at]!.capital && lex.notName.has(words[at]!.text) && words[at]!.text.endsWith('day')))) at--;
      const noun = words[at];
      // The determiner follows the verb that issued the statement, not a preposition (`the report on the statement saying …`).
      const verb = words[at - 2];
      const ofStatement = noun !== undefined && !noun.punct && lex.reportingNouns.has(noun.lower) && lex.determiners.has(words[at - 1]?.lower ?? '') && verb !== undefined && !verb.punct && !verb.capital && !lex.functionWords.has(verb.lower) && !lex.determiners.has(verb.lower);
      // "McConnell deflected questions before saying, “…”": after `by`, `after`, `before` (participle-preposition,
      // as for reported speech, decision 0103).
      const afterPreposition = afterParticiplePreposition(lex, words, cue.from);
      if (words[cue.from - 1]?.text !== ',' && !ofStatement && !afterPreposition) continue;
      // "The mayor of London, Sadiq Khan, gave his condolences via Twitter, adding, “…”": the speaker phrase
      // that opens the clause, as for an indirect quote (find-indirect.ts).
      speaker = clauseSubject(lex, words, cue.from - 1) ?? openingSubject(lex, words, cue.from - 1);
      // After a preposition, a determiner alone is no subject (`The drivers went home before saying …` read `drivers`
      // as the verb).
      if (!speaker || (afterPreposition && speaker.to - speaker.from === 1 && lex.determiners.has(words[speaker.from]!.lower))) continue;
      after = cue.to;
    } else {
      speaker = speakerBefore(lex, words, cue.from, 0);
      // "who stepped down from his Treasury post to stand …": no verb after a possessive and a name (version 34).
      if (speaker && possessedName(lex, words, speaker)) continue;
      // "the fact that more customers are calling 'on the move'": a progressive after a relative word is the
      // writer's clause, not an attribution.
      if (speaker && speaker.kind === 'noun-phrase' && lex.relatives.has(words[speaker.from]!.lower)) continue;
      // A second verb of the same subject ("X said … and claimed that “…”") is the quote's cue: the
      // stance comes from the verb that introduces the quoted words.
      if (!speaker && words[cue.from - 1]?.lower === 'and' && candidates.length > 0) speaker = candidates[candidates.length - 1]!.speaker;
      // "Duda also characterised the deaths as “crushing” and wrote “…”": with no attribution before it, a
      // coordinated cue takes the subject of the sentence (as `indirect-coordinated-cue` does).
      // Only a past form (`wrote`, `added`: `interviews and tweets` is a noun), and a subject that is a name or a
      // personal pronoun (`It’s become such a presence that Sanders … and called` has another clause's subject).
      if (!speaker && words[cue.from - 1]?.lower === 'and' && candidates.length === 0 && cue.from >= 2 && pastForm(words[cue.to - 1]!.lower, cue.entry.lemma)) {
        const subject = clauseSubject(lex, words, cue.from - 1);
        if (subject && subject.to < cue.from - 1 && (subject.kind === 'name' ? !lex.pronouns.has(words[subject.from]!.lower.replace(/[’']s$/u, '')) : PERSONAL_SUBJECTS.has(words[subject.from]!.lower))) speaker = subject;
      }
      if (!speaker) continue;
      after = cue.to;
      // `went on to say the plan was “…”`: the infinitive belongs to the cue's phrase, not to the reported clause.
      if (cue.entry.lemma === 'go on' && words[after]?.lower === 'to' && words[after + 1] && lex.cues.forms.has(words[after + 1]!.lower)) after += 2;
    }
    const gap = words.slice(after);
    const thatAt = gap.findIndex((w) => w.lower === 'that');
    const lastGap = gap[gap.length - 1];
    const gapWords = gap.filter((w) => !w.punct);
    // Direct: nothing of the writer's between the cue and the mark but an addressee or a colon.
    const direct =
      gap.length === 0 ||
      (gapWords.length <= 6 && lastGap !== undefined && (lastGap.text === ':' || lastGap.text === ',')) ||
      (gapWords.length === 1 && gapWords[0]!.lower === 'that') ||
      (gapWords.length <= 3 && thatAt === gap.length - 1);
    if (!direct && gapWords.length > 40) continue;
    let reportStart = words[after]?.start ?? Number.NaN;
    // `The golf industry, she said, is “…”`: the comma that closes a parenthetical attribution is not part of the
    // reported clause (the clause's first piece stands before it, leading-piece.ts).
    // A comma then `and` / `but` stays: it opens a clause of the writer's (CLAUSE_BREAK).
    const afterComma = words[after]?.text === ',' ? words[after + 1] : undefined;
    if (!direct && afterComma && !afterComma.punct && afterComma.lower !== 'and' && afterComma.lower !== 'but') reportStart = afterComma.start;
    // "told the Independent the Tories' plans were “…”": the addressee of tell/ask is not part of the reported clause.
    if (!direct && (cue.entry.lemma === 'tell' || cue.entry.lemma === 'ask' || cue.entry.lemma === 'assure')) {
      const listenerEnd = skipAddressee(lex, words, after);
      const opener = words[listenerEnd];
      // Only when a subject opens the clause after it: a pronoun, an article or a name (not "a town hall in Salem").
      if (listenerEnd > after && opener && !opener.punct && (opener.capital || lex.determiners.has(opener.lower) || lex.pronouns.has(opener.lower.split(/[’']/u)[0]!))) reportStart = opener.start;
      // `The plan, she told reporters, would “…”`: the listener and the comma that closes the attribution.
      const afterListener = words[listenerEnd + 1];
      if (listenerEnd > after && opener?.text === ',' && afterListener && !afterListener.punct && afterListener.lower !== 'and' && afterListener.lower !== 'but') reportStart = afterListener.start;
    }
    if (thatAt !== -1 && gap.slice(0, thatAt).filter((w) => !w.punct).length <= 5) reportStart = gap[thatAt]!.start; // the clause keeps its "that", as indirect content does
    const attributionEnd = Math.max(words[cue.to - 1]!.end, words[speaker.to - 1]!.end);
    candidates.push({ cue, speaker, words, end: attributionEnd, rule: direct ? 'speaker-cue-before-quote' : 'quote-inside-reported-clause', reportStart, direct });
  }
  if (candidates.length === 0) return null;
  // The cue nearest the mark decides a direct quote; otherwise the first attribution of the
  // sentence governs the reported clause ("Berg said … that the mayor once called the port “…”").
  const last = candidates[candidates.length - 1]!;
  if (last.direct) return last;
  const first = candidates.find((c) => c.speaker?.kind !== 'noun-phrase') ?? candidates[0]!;
  // "Ryan praised Rubio's record and said the senator can “bring us together”": a second verb of the same
  // subject governs the quoted words; the first verb's content stops before "and" (an indirect quote of its
  // own, found beside the quote). Decision 0116.
  let governing = first;
  for (let i = candidates.indexOf(first) + 1; i < candidates.length; i++) {
    const next = candidates[i]!;
    const link = words[next.cue!.from - 1]?.lower;
    if (next.speaker !== governing.speaker || (link !== 'and' && link !== 'but') || Number.isNaN(next.reportStart)) break;
    governing = next;
  }
  // "Ryan endorsed Cruz on Monday, saying he “…”": a participle after a comma whose subject is the governing
  // speaker governs the quoted words as well; the first verb keeps the clause before the comma (an indirect
  // quote of its own, found beside the quote). A manner cue (`smiling at`) and the `not-indirect-cue` class do not.
  for (let i = candidates.indexOf(governing) + 1; i < candidates.length; i++) {
    const next = candidates[i]!;
    if (Number.isNaN(next.reportStart) || words[next.cue!.from - 1]?.text !== ',' || !words[next.cue!.to - 1]!.lower.endsWith('ing')) continue;
    if (next.speaker!.from !== governing.speaker!.from || next.cue!.entry.stance === 'manner' || lex.notIndirectCues.has(next.cue!.entry.lemma)) continue;
    governing = next;
    break;
  }
  return governing;
}

/** A sentence that ends with an attribution: "…, she said." / "…, Smith said on Monday." */
function sentenceFinalAttribution(lex: QuoteLexicon, words: readonly Word[]): Attribution | null {
  for (let c = words.length - 1; c >= 0; c--) {
    if (words[c]!.text !== ',') continue;
    const tail = words.slice(c);
    const match = trailingAttribution(lex, tail);
    if (!match) return null;
    const endIndex = tail.findIndex((w) => w.end === match.end);
    const rest = tail.slice(endIndex + 1).filter((w) => !w.punct);
    if (rest.length > 4) return null;
    return { cue: match.cue, speaker: match.speaker, words: match.words, end: match.end, rule: 'attribution-at-sentence-end' };
  }
  return null;
}

/**
 * The attribution that closes a sentence after a comma and is followed by an adverbial or a participle
 * clause: “Democrats had “put the biggest crack” yet in the glass ceiling, she said in a video message to
 * the convention.”, “Trump’s “excesses” are sickening, Hollande said Tuesday in Paris, noting …”. What
 * follows the attribution opens with a preposition, a time word or `, <participle cue>`, holds no finite
 * verb and at most 12 words. Up to the last four commas are tried, from the end.
 */
function closingAttributionWithAdverbial(lex: QuoteLexicon, words: readonly Word[]): Attribution | null {
  let commas = 0;
  for (let c = words.length - 1; c >= 0 && commas < 4; c--) {
    if (words[c]!.text !== ',') continue;
    commas++;
    const tail = words.slice(c);
    const match = trailingAttribution(lex, tail);
    if (!match || !match.cue) continue;
    const endIndex = tail.findIndex((w) => w.end === match.end);
    const rest = tail.slice(endIndex + 1);
    const first = rest[0];
    if (!first) continue;
    if (first.text === ',') {
      // ", noting …", ", adding …": a participle opens the next attribution.
      const next = rest[1];
      if (next && next.lower.endsWith('ing') && lex.cues.forms.has(next.lower)) return { ...match, rule: 'attribution-at-sentence-end' };
      continue;
    }
    if (first.punct || !(lex.adverbialOpeners.has(first.lower) || lex.notName.has(first.text) || lex.partsOfDay.has(first.lower))) continue;
    let words12 = 0;
    let ok = true;
    for (const w of rest) {
      if (w.punct) {
        if (w.text === ',' || w.text === '.') continue;
        ok = false;
        break;
      }
      if (++words12 > 12 || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.pronouns.has(w.lower) || w.lower === 'that') {
        ok = false;
        break;
      }
    }
    if (ok) return { ...match, rule: 'attribution-at-sentence-end' };
  }
  return null;
}

/**
 * The words after a quote's closing mark continue the clause the quote sits in: the quoted words end
 * without sentence punctuation and the next word is a lower-case word that is no conjunction ("“liberals”
 * allowed terrorism to flourish"), not punctuation or an attribution.
 */
function fragmentOfClause(lex: QuoteLexicon, text: string, stretch: QuotedStretch, afterWords: readonly Word[]): boolean {
  if (!stretch.closed || /[.,;:!?…]/u.test(text[stretch.close - 1] ?? '')) return false;
  const next = afterWords[0];
  if (!next || next.punct || next.capital || lex.cues.forms.has(next.lower) || lex.pronouns.has(next.lower)) return false;
  return next.lower !== 'and' && next.lower !== 'but' && next.lower !== 'or' && next.lower !== 'as';
}

/** Where a mixed quote's reported clause ends: the sentence end, or before a second attribution. */
function clauseEnd(lex: QuoteLexicon, text: string, from: number, sentenceEnd: number, cueWord: string): number {
  const rest = text.slice(from, sentenceEnd);
  const cut = /(?:(?:,|(?<![\s,]))\s+(?:and|but)\s+(?:\p{Ll}+\s+)?(?=\p{Ll}+ed\b|said\b|told\b|added\b))|,\s+according to\b|;\s/u.exec(rest);
  let end = cut ? from + cut.index : sentenceEnd;
  // "He says he respects Clinton and calls her “…”", "calling it “disqualifying” and asserting that …": a cue in
  // the form of the first one (`-s`, `-ing`) after "and"/"but" is a second verb of the same subject (decision 0116).
  const ending = /ing$/u.test(cueWord) ? 'ing' : /[^s]s$/u.test(cueWord) ? 's' : null;
  if (ending) {
    const coordinated = /(?:,|(?<![\s,]))\s+(?:and|but)\s+(?:(\p{Ll}+)\s+)?(\p{Ll}+)\b/gu;
    for (let m = coordinated.exec(rest); m && from + m.index < end; m = coordinated.exec(rest)) {
      const verb = lex.cues.forms.has(m[2]!) ? m[2]! : m[1] && lex.cues.forms.has(m[1]) ? m[1] : null;
      if (verb && verb.endsWith(ending) && (ending !== 's' || !verb.endsWith('ss'))) {
        end = from + m.index;
        break;
      }
    }
  }
  while (end > from && /[\s.,;:!?]/u.test(text[end - 1]!)) end--;
  // Keep a closing mark that ends the clause.
  if (/[”"’»]/u.test(text[end] ?? '') && end < sentenceEnd) end++;
  return end;
}

/**
 * The cue as the verb, noun or phrase that marks the report, without the auxiliaries and adverbs before
 * it ("has also said" -> "said"), as the Wikinews annotation guide has it; PolNeAR marks them too (see
 * decision 0018). A manner adverb right before the verb is part of the cue ("smugly added").
 */
function cueJson(text: string, words: readonly Word[], cue: CueMatch | null): CueJson | null {
  if (!cue) return null;
  return {
    span: toSpanJson(spanAt(text, words[cue.from]!.start, words[cue.to - 1]!.end)),
    lemma: cue.entry.lemma,
    stance: cue.manner ? 'manner' : cue.entry.stance,
  };
}

/** An age written as a noun (`30-year-old`), as resolve-aliases reads it after `the`. */
const AGE_NOUN = /^\d{1,3}-year-old$/u;

/**
 * Turns the written speaker into the contract's speaker, through the entities of resolve-aliases:
 * the entity whose mention the written speaker is gives `entityId` and the canonical `name` (a
 * surname becomes the full name, a bound role noun the person); a pronoun takes the entity
 * resolve-aliases linked it to (`basis: "inferred"`, with `speaker.antecedent`); a representative written after
 * an organisation's name (`an ICE spokeswoman`) takes the organisation (inferred). A pronoun no entity
 * claims ("they", "we", "I", a "he" with no person before it) gives `name: null`: the mention is the
 * pronoun, and nothing is guessed. Without entities (resolve-aliases failed, or found none) names
 * stay as written and `entityId` is null.
 */
function resolveSpeaker(lex: QuoteLexicon, text: string, attribution: Attribution, entities: EntityIndex): SpeakerJson {
  const speaker = attribution.speaker!;
  const words = attribution.words;
  const mention = spanAt(text, words[speaker.from]!.start, words[speaker.to - 1]!.end);
  const written = toSpanJson(mention);
  if (speaker.kind === 'pronoun') {
    const link = entities.pronoun(mention);
    if (link) return speakerRecord(written, speaker.role, link.entity.id, link.entity.data.name, 'inferred', link.reason, link.antecedent);
    return speakerRecord(written, speaker.role, null, null, 'inferred', 'unresolved-pronoun', null);
  }
  // A noun phrase is the entity of its head, which ends before the first "of"/"for"/"at": "early results of exit
  // polls conducted for The Associated Press" are not the Associated Press, "a spokeswoman for the union" not the union.
  let headTo = speaker.to;
  if (speaker.kind === 'noun-phrase') {
    for (let k = speaker.from + 1; k < speaker.to; k++) {
      if (!words[k]!.punct && lex.headLinks.has(words[k]!.lower)) {
        headTo = k;
        break;
      }
    }
  }
  const head = headTo === speaker.to ? mention : { start: mention.start, end: words[headTo - 1]!.end };
  if (speaker.kind === 'noun-phrase') {
    // A definite description resolve-aliases linked to an earlier entity ("According to the union" after "the
    // FNV union"): the link is inferred, as a pronoun's is.
    // `The 40-year-old comic said`: resolve-aliases links the age with its article (`the 40-year-old`), the noun after it aside.
    const link = entities.pronoun(head) ?? (headTo - speaker.from > 2 && words[speaker.from]!.lower === 'the' && AGE_NOUN.test(words[speaker.from + 1]!.text) ? entities.pronoun({ start: mention.start, end: words[speaker.from + 1]!.end }) : null);
    if (link) return speakerRecord(written, speaker.role, link.entity.id, link.entity.data.name, 'inferred', link.reason, link.antecedent);
  }
  const entity = entities.speakerAt(head, speaker.kind === 'name' ? speaker.name : null, speaker.kind === 'noun-phrase');
  if (!entity && speaker.kind === 'noun-phrase' && headTo - speaker.from >= 3) {
    // `an ICE spokeswoman`, `a Treasury official`: the organisation named right before the head is the body spoken for.
    // `the ADB report`, `The NAO report`: the organisation named right before a document's noun is the body whose
    // document speaks; the mention keeps the document.
    const headWord = words[headTo - 1]!.lower;
    const reason = lex.representativeNouns.has(headWord) ? 'representative-of-body' : headTo === speaker.to && lex.evidenceNouns.has(headWord) ? 'document-of-body' : null;
    const body = reason ? entities.organizationEndingAt(mention.start, words[headTo - 2]!.end) : null;
    if (body) return speakerRecord(written, speaker.role, body.id, body.data.name, 'inferred', reason!, null);
  }
  if (entity) {
    // A noun phrase ("the prime minister") names the person only through an earlier apposition.
    const basis = speaker.kind === 'noun-phrase' ? 'inferred' : 'stated';
    return speakerRecord(written, speaker.role, entity.id, entity.data.name, basis, attribution.rule, null);
  }
  return speakerRecord(written, speaker.role, null, speaker.name, 'stated', attribution.rule, null);
}

/**
 * A speaker record, its fields always in this order (the order of the JSON output): one literal with an
 * antecedent and one without, instead of a spread per speaker, which gives every object its own
 * hidden class and sends each reader of speakers down V8's slow path.
 */
function speakerRecord(mention: SpanJson | null, role: string | null | undefined, entityId: string | null, name: string | null, basis: SpeakerJson['basis'], reason: string, antecedent: SpanJson | null | undefined): SpeakerJson {
  // An apposition with no words before the name gives no role (`The mayor of London, Sadiq Khan, gave …, adding`).
  if (role === '') role = null;
  if (antecedent) return { mention, role, entityId, name, basis, reason, antecedent } as SpeakerJson;
  return { mention, role, entityId, name, basis, reason };
}

/**
 * An object pronoun speaker (`According to him, …`) that resolve-aliases left without an antecedent (it
 * links subject pronouns) takes the speaker of the quote before it, as a run of quotes continues its
 * speaker: that speaker must be a person written in the same or the previous paragraph whose linked
 * pronouns agree in gender. Subject pronouns it left unresolved stay so: it found no person of their
 * gender before them, and on PolNeAR train the previous speaker was often the wrong one.
 */
function previousSpeakerForPronoun(speaker: SpeakerJson, paragraph: number, previous: { paragraph: number; speaker: SpeakerJson } | null, entities: EntityIndex): SpeakerJson | null {
  const gender = speaker.mention ? pronounGender(speaker.mention.text) : null;
  if (!gender || !previous || previous.paragraph < paragraph - 1) return null;
  const { entityId, name, mention } = previous.speaker;
  if (!entityId || !entities.fitsPronoun(entityId, gender)) return null;
  return speakerRecord(speaker.mention, speaker.role, entityId, name, 'inferred', 'pronoun-previous-speaker', mention);
}

/**
 * A `they` speaker that resolve-aliases left without an antecedent (it links `they` to organisations and groups
 * only) takes the speaker of the quote before it when that is a plural description of people, written in the
 * same or the previous paragraph: a determiner and a `collective` head (`The researchers said … . They also
 * reported, "…"`). The name stays the description, with no entity. Entity speakers are left out: on PolNeAR
 * train the previous body or group was more often wrong than right (`Obama`, `Republican`, `Syrian`).
 */
function previousPluralSpeaker(lex: QuoteLexicon, speaker: SpeakerJson, paragraph: number, previous: { paragraph: number; speaker: SpeakerJson } | null): SpeakerJson | null {
  if (!previous || previous.paragraph < paragraph - 1) return null;
  const { entityId, name, mention } = previous.speaker;
  if (entityId || !mention) return null;
  const words = mention.text.split(/\s+/u);
  if (words.length < 2 || !lex.determiners.has(words[0]!.toLowerCase()) || !lex.collective.has(words[words.length - 1]!)) return null;
  return speakerRecord(speaker.mention, speaker.role, entityId, name, 'inferred', 'pronoun-previous-speaker', mention);
}

/**
 * An `it` speaker (resolve-aliases links `its` but not `it`, which mostly names things) takes the speaker of the
 * quote before it in the same paragraph when that is an organisation entity: `The Aviation Herald reported … .
 * It cited the Air Force as stating …` (inferred). A person or group before it, or one in an earlier paragraph,
 * gives nothing.
 */
function previousOrganization(lex: QuoteLexicon, speaker: SpeakerJson, paragraph: number, previous: { paragraph: number; speaker: SpeakerJson } | null, entities: EntityIndex): SpeakerJson | null {
  if (!previous || previous.paragraph !== paragraph) return null;
  const { entityId, name, mention } = previous.speaker;
  // "The Demos report looked at … It found that …": a body or a document named by a singular noun phrase, with no
  // entity of its own, is what `it` goes on to report; the speaker keeps that phrase as its name.
  if (!entityId) return mention && singularBodyOrDocument(lex, mention.text) ? speakerRecord(speaker.mention, speaker.role, null, name, 'inferred', 'pronoun-previous-speaker', mention) : null;
  if (!entities.isOrganization(entityId)) return null;
  return speakerRecord(speaker.mention, speaker.role, entityId, name, 'inferred', 'pronoun-previous-speaker', mention);
}

/**
 * Whether a speaker phrase is a singular body or document: opened by `the`, `a`, `an` or `this`, its last word a
 * `body-noun` or an `evidence-noun` not in the plural (`the report`, `The Demos report`, `a survey`, `the
 * committee`; not `the polls`, `Analysts`).
 */
function singularBodyOrDocument(lex: QuoteLexicon, phrase: string): boolean {
  const words = phrase.toLowerCase().split(/\s+/u);
  const head = words[words.length - 1]!;
  if (words.length < 2 || !lex.bodyPhraseOpeners.has(words[0]!)) return false;
  if (!lex.bodyNouns.has(head) && !lex.evidenceNouns.has(head)) return false;
  return !head.endsWith('s') || /(?:sis|us|ss)$/u.test(head);
}

/** Where the writer's sentence goes on after a reported clause: a semicolon, ", and", ", but". */
const CLAUSE_BREAK = /;|,\s+(?:and|but)\s/u;

/** Finds direct, mixed and partial quotations with their cue and speaker. */
export const extractQuotes: Analysis = {
  id: EXTRACT_QUOTES_ID,
  version: '46',
  needs: [SEGMENT_TEXT_ID],
  // Both optional: quotes still come out, without entity ids or statement dates, when either failed.
  uses: [RESOLVE_ALIASES_ID, EXTRACT_DATES_ID],
  emits: ['quote', 'quoted-term'],
  resources: EXTRACT_QUOTES_RESOURCES,
  describe: 'Reported speech: direct, mixed and partial quotes in quotation marks and indirect quotes without them, with cue, stance and speaker.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    const { text } = document;
    const lex = quoteLexicon(context.resources);
    const { paragraphs, sentences } = segmentsOf(inputs[SEGMENT_TEXT_ID] ?? []);
    const stretches = findQuotedStretches(text, paragraphs);
    const drafts: Draft[] = [];
    let previous: Draft | null = null;

    const index = createWordIndex(text);
    const terms: Finding[] = [];
    for (const stretch of stretches) {
      const draft = classify(lex, text, index, stretch, sentences, previous);
      if (!draft) {
        const term = quotedTerm(lex, text, stretch);
        if (term) terms.push(term);
        continue;
      }
      if (draft.attribution) draft.attribution = compactAttribution(draft.attribution);
      if (draft === previous) continue; // joined into the previous quote
      drafts.push(draft);
      previous = draft;
    }
    const kept = withoutDirectInsideMixed(drafts);
    const absorbed = new Set<Draft>();
    kept.push(...indirectDrafts(lex, text, index, paragraphs, sentences, kept, absorbed));
    const quotes = absorbed.size === 0 ? kept : kept.filter((draft) => !absorbed.has(draft));
    if (quotes.length === 0) return terms;
    const dates = dateMentionsOf(inputs[EXTRACT_DATES_ID] ?? []).sort((a, b) => a.span.start - b.span.start);
    return [...toFindings(lex, text, quotes, () => createEntityIndex(inputs[RESOLVE_ALIASES_ID] ?? []), sentences, dates, index), ...terms];
  },
};

/**
 * The paragraph spans and the sentence records of segment-text, in one loop of this module's own:
 * the shared `findingsOfKind` reads the records of every analysis, so in a full pipeline its reads
 * of `kind` go through V8's slowest (megamorphic) path.
 */
function segmentsOf(segments: readonly Finding[]): { paragraphs: Span[]; sentences: Finding<'sentence'>[] } {
  const paragraphs: Span[] = [];
  const sentences: Finding<'sentence'>[] = [];
  for (let i = 0; i < segments.length; i++) {
    const finding = segments[i]!;
    if (finding.kind === 'paragraph') paragraphs.push(finding.span);
    else if (finding.kind === 'sentence') sentences.push(finding as Finding<'sentence'>);
  }
  return { paragraphs, sentences };
}

/** The date mentions of extract-dates, in their order: a loop of this module's own, as in `segmentsOf`. */
function dateMentionsOf(findings: readonly Finding[]): Finding<'date-mention'>[] {
  const dates: Finding<'date-mention'>[] = [];
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]!;
    if (finding.kind === 'date-mention') dates.push(finding as Finding<'date-mention'>);
  }
  return dates;
}

/** A closed quoted stretch that is not a quote, as an internal `quoted-term` record; null when it is empty. */
function quotedTerm(lex: QuoteLexicon, text: string, stretch: QuotedStretch): Finding<'quoted-term'> | null {
  if (!stretch.closed) return null;
  const content = contentRange(text, stretch.open + stretch.openLength, stretch.close);
  const inner = text.slice(content.start, content.end);
  const wordCount = countWordsIn(text, content.start, content.end, 9);
  if (wordCount === 0 || wordCount > 8) return null;
  const lead = text.slice(Math.max(0, stretch.open - 40), stretch.open).trimEnd().replace(/[,:]$/, '').trimEnd();
  const named = lex.namingCue.exec(lead);
  const words = withoutFinalPunctuation(inner).match(/[\p{L}\p{N}][\p{L}\p{N}’'\-.]*/gu) ?? [];
  const titleCase = words.length > 0 && words.every((w, i) => (i > 0 && lex.smallWords.has(w)) || /^[\p{Lu}\p{N}]/u.test(w));
  // "so-called" always distances the writer from the words; other naming cues introduce a name or a term.
  const kind: QuotedTermData['kind'] = named && /so-called\s*$/i.test(named[0]) ? 'scare-quote' : titleCase ? 'name-or-title' : named ? 'term' : 'scare-quote';
  const span = spanAt(text, content.start, content.end);
  return {
    id: recordId('qt', span),
    analysis: EXTRACT_QUOTES_ID,
    kind: 'quoted-term',
    span,
    data: { kind, term: toSpanJson(span) },
    basis: 'stated',
    reason: `quoted-term/${kind}`,
  };
}

/** Where a draft's cue starts, or -1 without a cue. */
function cueStart(draft: Draft): number {
  const attribution = draft.attribution;
  return attribution?.cue ? attribution.words[attribution.cue.from]!.start : -1;
}

/**
 * A mixed quote holds the quoted fragments of its reported clause. When the first fragment was taken
 * for a direct quote of the same attribution ("Trump says “…” because “…”"), it would count twice: the
 * direct quote is dropped.
 */
function withoutDirectInsideMixed(drafts: readonly Draft[]): Draft[] {
  const mixedByCue = new Map<number, Range>();
  for (const draft of drafts) if (draft.type === 'mixed' && draft.clause && cueStart(draft) !== -1) mixedByCue.set(cueStart(draft), draft.clause);
  if (mixedByCue.size === 0) return drafts.slice();
  return drafts.filter((draft) => {
    if (draft.type !== 'direct' || cueStart(draft) === -1) return true;
    const clause = mixedByCue.get(cueStart(draft));
    return !(clause && draft.pieces.every((p) => p.start >= clause.start - 1 && p.end <= clause.end + 1));
  });
}

/**
 * A quote in marks that is only a fragment of a reported clause running from `start` to `end`: a partial
 * quote with no attribution of its own, one piece, inside the clause and not at its start, its opening mark
 * right after a word (no punctuation between them: `had “a conflict`, not `said: “…`).
 */
function withinClause(text: string, draft: Draft, start: number, end: number): boolean {
  if (draft.type !== 'partial' || draft.attribution || draft.pieces.length !== 1) return false;
  const piece = draft.pieces[0]!;
  if (piece.start <= start + 1 || piece.end > end + 1) return false;
  let i = piece.start - 1;
  while (i > start && /[“"‘«'`]/u.test(text[i]!)) i--;
  if (!/\s/u.test(text[i] ?? '')) return false;
  while (i > start && /\s/u.test(text[i]!)) i--;
  return /[\p{L}\p{N}]/u.test(text[i] ?? '');
}

/** The longest stretch of a sentence read for reported speech (UTF-16 units): run-on text stays linear. */
const INDIRECT_SENTENCE_WINDOW = 1500;

/** Ranges already taken by quotes in quotation marks (their pieces, clause and attribution). */
function takenRanges(drafts: readonly Draft[]): Range[] {
  const ranges: Range[] = [];
  for (const draft of drafts) {
    for (const piece of draft.pieces) ranges.push(piece);
    if (draft.clause) ranges.push(draft.clause);
    const words = draft.attribution?.words;
    if (words && words.length > 0) ranges.push({ start: words[0]!.start, end: words[words.length - 1]!.end });
  }
  return ranges.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Sorts a few ranges by start in place, keeping the order of equal starts, as a stable `sort` does: the
 * built-in sort copies the array into a work area of its own on every call, and this runs for every
 * sentence beside a quote, with one to three ranges.
 */
function sortByStart(ranges: Range[]): void {
  for (let i = 1; i < ranges.length; i++) {
    const range = ranges[i]!;
    let k = i;
    while (k > 0 && ranges[k - 1]!.start > range.start) {
      ranges[k] = ranges[k - 1]!;
      k--;
    }
    ranges[k] = range;
  }
}

/** Where a draft's pieces and clause start and end. */
function draftExtent(draft: Draft): Range {
  // A draft has at least one piece; starting from it keeps both numbers small integers (no Infinity).
  let start = draft.pieces[0]!.start;
  let end = draft.pieces[0]!.end;
  for (const piece of draft.clause ? [...draft.pieces, draft.clause] : draft.pieces) {
    start = Math.min(start, piece.start);
    end = Math.max(end, piece.end);
  }
  return { start, end };
}

/** A paragraph that may open with a speaker label in capitals ("JAKE TAPPER:"). */
const LABEL_START = /^[\p{Lu}][\p{Lu}\s.'’-]{0,40}:/u;

/** How far a transcript turn (`NAME: …`) is read (UTF-16 units): run-on text stays linear. */
const TRANSCRIPT_WINDOW = 5000;

/**
 * Reported speech without quotation marks, in every sentence no quote in marks has taken: transcript
 * turns (`JAKE TAPPER: …`, a whole paragraph), headlines that attribute, and indirect speech.
 */
function indirectDrafts(lex: QuoteLexicon, text: string, index: WordIndex, paragraphs: readonly Span[], sentences: readonly Finding[], drafts: readonly Draft[], absorbed: Set<Draft>): Draft[] {
  const taken = takenRanges(drafts);
  const out: Draft[] = [];
  let t = 0;
  let maxEnd = -1;
  let turnEnd = -1;
  const draftOf = (type: QuoteType, start: number, end: number, cue: CueMatch, speaker: SpeakerMatch | null, words: readonly Word[], rule: string, paragraph: number, reach: number): Draft => {
    const attribution: Attribution = { cue, speaker, words, end: Math.max(words[cue.to - 1]!.end, speaker ? words[speaker.to - 1]!.end : 0), rule };
    return draftRecord(paragraph, null, type, [{ start, end }], null, compactAttribution(attribution), rule, reach);
  };
  // Where cue forms occur, scanned sentence by sentence up to the first one: a sentence with none is skipped unread.
  const cueAts = lex.cueScanner.cursor(text);
  // Drafts in text order with their extent, and those that reach into the current sentence.
  const placed = drafts
    .map((draft) => {
      const { start, end } = draftExtent(draft);
      return { draft, start, end };
    })
    .sort((a, b) => a.start - b.start);
  let d = 0;
  let active: typeof placed = [];
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    const { start, end } = sentence.span;
    // Ranges that end before this sentence can never overlap a later one.
    while (t < taken.length && taken[t]!.start < end) {
      maxEnd = Math.max(maxEnd, taken[t]!.end);
      t++;
    }
    if (start < turnEnd) continue;
    const paragraph = (sentence.data as { paragraph: number }).paragraph;
    const windowEnd = Math.min(end, start + INDIRECT_SENTENCE_WINDOW);
    const hasCue = cueAts.firstIn(start, windowEnd) !== -1;
    if (maxEnd > start) {
      // A sentence that also holds a quote in marks: reported speech beside it ("X said A and claimed that “B”").
      while (d < placed.length && placed[d]!.start < end) active.push(placed[d++]!);
      active = active.filter((a) => a.end > start);
      if (hasCue) out.push(...indirectBesideQuotes(lex, text, index, active.map((a) => a.draft), sentence.span, paragraph, absorbed));
      continue;
    }
    const paragraphSpan = paragraphs[paragraph];
    const opensParagraph = paragraphSpan !== undefined && paragraphSpan.start === start;
    // Most sentences report nothing: a sentence with no cue form, no label and not the headline is skipped unread.
    if (!hasCue && !(opensParagraph && (s === 0 || LABEL_START.test(text.slice(start, Math.min(windowEnd, start + 50)))))) continue;
    const words = index.scan(start, windowEnd);
    if (opensParagraph) {
      // A transcript turn runs to the end of its paragraph; a headline is the document's first paragraph.
      const colon = labelColon(lex, words, s === 0);
      const turnTo = Math.min(paragraphSpan.end, start + TRANSCRIPT_WINDOW);
      if (colon !== -1 && !(t < taken.length && taken[t]!.start < turnTo)) {
        const { cue, speaker } = labelAttribution(lex, words, colon);
        const content = contentRange(text, words[colon]!.end, turnTo);
        out.push(draftOf(s === 0 ? 'indirect' : 'direct', content.start, content.end, cue, speaker, words, s === 0 ? 'headline-label' : 'transcript-label', paragraph, turnTo));
        turnEnd = turnTo;
        continue;
      }
      if (s === 0) {
        const headline = headlineAttribution(lex, words);
        if (headline) {
          out.push(draftOf('indirect', headline.start, headline.end, headline.cue, headline.speaker, words, headline.rule, paragraph, end));
          continue;
        }
      }
    }
    const matches = indirectInSentence(lex, words);
    for (const match of matches) {
      if (coverageOnly(lex, match.words, match.cue.to, match.cue.entry.lemma, match.start, match.end, match.rule)) continue;
      if (notSpeech(lex, match.words, match.cue, match.speaker, match.start, match.end, matches)) continue;
      const draft = draftOf('indirect', match.start, match.end, match.cue, match.speaker, match.words, match.rule, paragraph, end);
      if (match.pieces) draft.pieces = match.pieces.map((p) => ({ start: p.start, end: p.end }));
      out.push(draft);
    }
  }
  return out;
}

/**
 * Whether three words or more (not punctuation) lie in a stretch of the sentence that no held range (the pieces and
 * clauses of its quotes, sorted by start) reaches into: what `indirectBesideQuotes` asks of every content it keeps.
 * A content kept starts outside every held range and stops at the first one that starts after it, and it counts
 * three words or more from its start; so its first three words start outside every held range and no held range
 * starts after the first of them and before the end of the third. When no three words are so placed, no content
 * can be kept, whatever the rules find: the answer is then false, and the records are those of running them. A
 * change to those filters must change this check with them (decision 0145).
 */
function roomForContent(words: readonly Word[], held: readonly Range[]): boolean {
  let count = 0;
  let runFrom = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.punct) continue;
    // A held range that starts after the run's first word and before this word ends cuts the run there.
    if (count > 0) {
      for (let r = 0; r < held.length; r++) {
        const at = held[r]!.start;
        if (at >= w.end) break;
        if (at > runFrom) {
          count = 0;
          break;
        }
      }
    }
    if (count === 0) {
      // A run starts only at a word whose start no held range holds.
      if (heldAt(held, w.start)) continue;
      runFrom = w.start;
    }
    if (++count >= 3) return true;
  }
  return false;
}

/**
 * Whether a word (not punctuation) that no held range holds ends before the start of a piece of one of the quotes:
 * where a reported clause could start and run over that piece (decision 0144).
 */
function wordBeforeAPiece(words: readonly Word[], held: readonly Range[], inside: readonly Draft[]): boolean {
  let lastPiece = -1;
  for (const draft of inside) for (const piece of draft.pieces) lastPiece = Math.max(lastPiece, piece.start);
  for (const w of words) {
    if (w.end > lastPiece) return false;
    if (!w.punct && !heldAt(held, w.start)) return true;
  }
  return false;
}

/** Whether a range of `held` (sorted by start) holds the offset. */
function heldAt(held: readonly Range[], offset: number): boolean {
  for (let r = 0; r < held.length && held[r]!.start <= offset; r++) if (held[r]!.end > offset) return true;
  return false;
}

/**
 * Reported speech in a sentence that holds a quote in marks. The quotes' speakers are the subjects a
 * coordinated verb takes ("Bakker said the union was “…” and claimed that losses …"); what the quotes
 * hold (their pieces and reported clause) is never reported speech again, and a content stops where
 * a quote begins.
 */
function indirectBesideQuotes(lex: QuoteLexicon, text: string, index: WordIndex, drafts: readonly Draft[], sentence: Span, paragraph: number, absorbed: Set<Draft>): Draft[] {
  const { start, end } = sentence;
  const windowEnd = Math.min(end, start + INDIRECT_SENTENCE_WINDOW);
  const inside: Draft[] = [];
  for (const draft of drafts) if (draft.pieces.some((p) => p.end > start && p.start < end) || (draft.clause && draft.clause.end > start && draft.clause.start < end)) inside.push(draft);
  const words = index.between(start, windowEnd);
  // The index of the word that starts at an offset (words are in text order), or undefined.
  const wordAt = (offset: number): number | undefined => {
    const lo = firstAtOrAfter(words.length, (i) => words[i]!.start, offset);
    return lo < words.length && words[lo]!.start === offset ? lo : undefined;
  };
  const subjects: SpeakerMatch[] = [];
  const cues = new Set<number>();
  const held: Range[] = [];
  for (const draft of inside) {
    for (const piece of draft.pieces) held.push(piece);
    if (draft.clause) held.push(draft.clause);
    const attribution = draft.attribution;
    if (!attribution) continue;
    if (attribution.cue) cues.add(attribution.words[attribution.cue.from]!.start);
    const speaker = attribution.speaker;
    if (!speaker) continue;
    const from = wordAt(attribution.words[speaker.from]!.start);
    const last = wordAt(attribution.words[speaker.to - 1]!.start);
    if (from !== undefined && last !== undefined) subjects.push({ from, to: last + 1, name: speaker.name, kind: speaker.kind, role: speaker.role });
  }
  sortByStart(held);
  const out: Draft[] = [];
  // Most sentences beside quotes hold no stretch a content could fill (`“…,” he said.`): the rules are not run. A
  // clause that runs over quoted words (decision 0144) needs no three words of its own, only a word outside every
  // held range before a quote's piece: with one, the rules run.
  if (!roomForContent(words, held) && !wordBeforeAPiece(words, held, inside)) return out;
  const matches = indirectInSentence(lex, words, subjects);
  for (const match of matches) {
    // A content split by its attribution is left to sentences without quotes in marks.
    if (match.pieces) continue;
    if (cues.has(words[match.cue.from]!.start)) continue;
    if (notSpeech(lex, match.words, match.cue, match.speaker, match.start, match.end, matches)) continue;
    if (heldAt(held, match.start)) continue;
    // Quoted words inside the reported clause that nobody else says (`said the judge had “a conflict of
    // interest” in the case`): the clause runs over them and is a mixed quote (decision 0144).
    // Not when a `that` stands between the speaker and the cue: the cue may be in a clause of its own whose subject
    // was not read (`… such a presence that Baker thanked them and called the union “…”`).
    const sure = !match.speaker || !match.words.slice(match.speaker.to, match.cue.from).some((w) => w.lower === 'that');
    const fragments = sure ? inside.filter((draft) => withinClause(text, draft, match.start, match.end)) : [];
    let stop = match.end;
    for (const range of held) if (range.end > match.start && range.start < stop && !fragments.some((f) => f.pieces.includes(range))) stop = Math.min(stop, range.start);
    const runsOver = fragments.filter((f) => f.pieces[0]!.end <= stop);
    if (runsOver.length > 0 && stop === match.end) {
      for (const f of runsOver) absorbed.add(f);
      const attribution: Attribution = { cue: match.cue, speaker: match.speaker, words: match.words, end: Math.max(match.words[match.cue.to - 1]!.end, match.speaker ? match.words[match.speaker.to - 1]!.end : 0), rule: match.rule };
      const clause = { start: match.start, end: match.end };
      out.push(draftRecord(paragraph, null, 'mixed', [clause], clause, compactAttribution(attribution), 'quoted-words-inside-reported-clause', end));
      continue;
    }
    // Back to the last word before the quote, without the punctuation before it.
    let k = words.length - 1;
    while (k >= 0 && words[k]!.end > stop) k--;
    while (k >= 0 && words[k]!.punct) k--;
    if (k < 0 || words[k]!.end <= match.start) continue;
    let n = 0;
    for (const w of words) if (w.start >= match.start && w.end <= words[k]!.end && !w.punct) n++;
    if (n < 3) continue;
    const contentEnd = words[k]!.end;
    const attribution: Attribution = { cue: match.cue, speaker: match.speaker, words: match.words, end: Math.max(match.words[match.cue.to - 1]!.end, match.speaker ? match.words[match.speaker.to - 1]!.end : 0), rule: match.rule };
    out.push(draftRecord(paragraph, null, 'indirect', [{ start: match.start, end: contentEnd }], null, compactAttribution(attribution), match.rule, end));
  }
  return out;
}

function classify(lex: QuoteLexicon, text: string, index: WordIndex, stretch: QuotedStretch, sentences: readonly Finding[], previous: Draft | null): Draft | null {
  const content = contentRange(text, stretch.open + stretch.openLength, stretch.close);
  if (content.end <= content.start || countWordsIn(text, content.start, content.end, 1) === 0) return null;
  const openIndex = lastStartingAtOrBefore(sentences, stretch.open);
  const closeIndex = lastStartingAtOrBefore(sentences, Math.max(stretch.open, stretch.close - 1));
  const openSentence = sentences[openIndex];
  let closeSentence = sentences[closeIndex];
  if (!openSentence || !closeSentence) return null;
  const paragraph = (openSentence.data as { paragraph: number }).paragraph;
  const afterStart = stretch.close + stretch.closeLength;
  // Attributions sit close to their quote; the windows keep run-on text (no sentence breaks for
  // megabytes) linear.
  const beforeWords = index.between(Math.max(openSentence.span.start, stretch.open - ATTRIBUTION_WINDOW), stretch.open);
  const afterWords = stretch.closed ? index.between(afterStart, Math.max(afterStart, Math.min(closeSentence.span.end, afterStart + ATTRIBUTION_WINDOW))) : [];
  let trailing = afterWords.length > 0 ? trailingAttribution(lex, afterWords) : null;
  let leading = beforeWords.length > 0 ? leadingAttribution(lex, beforeWords) : null;
  const beforeIsEmpty = onlyPunctuation(beforeWords);
  let afterIsEmpty = onlyPunctuation(afterWords);

  // The quote ends its sentence and the attribution is the next one: “Why now?” Berg asked.
  if (stretch.closed && afterIsEmpty && !trailing) {
    const next = sentences[closeIndex + 1];
    if (next && (next.data as { paragraph: number }).paragraph === paragraph && /^\s*$/u.test(text.slice(afterStart, next.span.start))) {
      const nextWords = index.between(next.span.start, Math.min(next.span.end, next.span.start + ATTRIBUTION_WINDOW));
      const match = trailingAttribution(lex, nextWords);
      if (match) {
        const endIndex = nextWords.findIndex((w) => w.end === match.end);
        if (nextWords.slice(endIndex + 1).filter((w) => !w.punct).length <= 4) {
          trailing = { cue: match.cue, speaker: match.speaker, words: match.words, end: match.end, rule: 'attribution-in-next-sentence' };
          closeSentence = next;
          afterIsEmpty = false;
        }
      }
    }
  }

  // The previous sentence introduces the quote: “The mayor went on:” / “He said:”.
  if (beforeIsEmpty && !leading && openIndex > 0) {
    const previousSentence = sentences[openIndex - 1]!;
    if (/:\s*$/u.test(previousSentence.span.text) && (previousSentence.data as { paragraph: number }).paragraph >= paragraph - 1) {
      const match = leadingAttribution(lex, index.between(Math.max(previousSentence.span.start, previousSentence.span.end - ATTRIBUTION_WINDOW), previousSentence.span.end));
      if (match && match.direct) leading = { cue: match.cue, speaker: match.speaker, words: match.words, end: match.end, rule: 'attribution-in-previous-sentence', reportStart: match.reportStart, direct: match.direct };
    }
  }

  // “Hewitt argued that “liberals” allowed terrorism to flourish”: the reported clause goes on after the
  // mark, so the quoted words are a fragment of it (a mixed quote), not the utterance.
  // "Ada Okafor, the council leader, gave the protesters a blunt message: “…”": no cue, but a clause that ends on a
  // colon right before the mark (or a sentence that does, before a quotation that opens its own); its subject speaks.
  if (!leading && !trailing && stretch.closed) {
    const subject = subjectBeforeColon(lex, text, index, sentences, openIndex, paragraph, beforeWords, beforeIsEmpty);
    if (subject) leading = subject;
  }
  if (leading && leading.direct && !trailing && !Number.isNaN(leading.reportStart) && fragmentOfClause(lex, text, stretch, afterWords)) leading = { ...leading, direct: false, rule: 'quote-inside-reported-clause' };
  const directByLeading = leading !== null && leading.direct;
  // “Nusra is Al Qaeda,” Mr. Kerry said: quoted words that open the sentence and end with a comma, a question
  // or an exclamation mark inside the marks before an attribution are speech, however much they look like a title.
  const spokenEnd = trailing !== null && beforeIsEmpty && /[,?!]/u.test(text[stretch.close - 1] ?? '');
  const nameLike = !spokenEnd && isNameOrTerm(lex, text, content, stretch.open);

  // 1. The whole utterance is quoted and the attribution follows it.
  if (trailing && (beforeIsEmpty || directByLeading) && !nameLike) {
    // The attribution runs to the end of its sentence ("…,” said X, a spokeswoman for Y.).
    const reach = Math.max(trailing.end, closeSentence.span.end);
    // The last paragraph of a quote over several paragraphs: its attribution is the whole quote's.
    if (stretch.continues && previous && previous.type === 'direct' && previous.attribution === null && previous.paragraph >= paragraph - 1) {
      previous.pieces.push(content);
      previous.attribution = trailing;
      previous.inherited = null;
      previous.rule = trailing.rule;
      previous.paragraph = paragraph;
      previous.reach = reach;
      return previous;
    }
    return draftRecord(paragraph, null, 'direct', [content], null, trailing, trailing.rule, reach);
  }
  // 2. The attribution leads into the quote. When it is the very attribution that followed the
  //    previous quote (“…,” the minister said, “…”), the two pieces are one quote.
  if (leading && leading.direct && previous?.attribution?.cue && leading.cue && !nameLike) {
    const previousCue = previous.attribution.words[previous.attribution.cue.from]!.start;
    if (previousCue === leading.words[leading.cue.from]!.start && (afterIsEmpty || !trailing)) {
      previous.pieces.push(content);
      previous.reach = afterIsEmpty ? closeSentence.span.end : afterStart;
      return previous;
    }
  }
  if (leading && leading.direct && (afterIsEmpty || !trailing) && !nameLike) {
    const reach = afterIsEmpty ? closeSentence.span.end : afterStart;
    // X said that “…”: the quoted words are the complement of a reported clause opened by its "that".
    const thatClause = stretch.closed && afterIsEmpty ? thatClauseOfQuote(text, leading, stretch.open, afterStart) : null;
    if (thatClause) return draftRecord(paragraph, null, 'mixed', [thatClause], thatClause, leading, 'quoted-words-after-that', reach);
    return draftRecord(paragraph, null, 'direct', [content], null, leading, leading.rule, reach);
  }
  // 3. A quoted fragment inside a reported clause: X said the union was “holding the city hostage”.
  //    A fragment after a clause break (", and the “peaceful” march") is the writer's again, not the report's.
  if (leading && !leading.direct && !Number.isNaN(leading.reportStart) && !nameLike && !CLAUSE_BREAK.test(text.slice(leading.reportStart, stretch.open))) {
    // `told the Washington Post in a written statement, “I really don’t …”`: words after the cue that end on a
    // comma, then a quotation that opens a sentence, are the cue's adjuncts, not a reported clause (decision 0115).
    if (quotationAfterAdjuncts(text, leading.reportStart, stretch.open, content.start)) {
      return draftRecord(paragraph, null, 'direct', [content], null, { ...leading, rule: QUOTE_AFTER_ADJUNCTS }, QUOTE_AFTER_ADJUNCTS, afterIsEmpty ? closeSentence.span.end : afterStart);
    }
    const end = clauseEnd(lex, text, afterStart, closeSentence.span.end, leading.words[leading.cue ? leading.cue.to - 1 : 0]?.lower ?? '');
    const clause = contentRange(text, leading.reportStart, Math.max(end, afterStart));
    // Several quoted fragments in one reported clause make one mixed quote.
    if (previous?.clause && previous.clause.start < clause.end && clause.start < previous.clause.end) return previous;
    return draftRecord(paragraph, null, 'mixed', [clause], clause, leading, leading.rule, afterStart);
  }
  // 4. Writer's words, a quoted fragment, then the attribution: The union was “holding the city hostage,” Bakker said.
  if (trailing && !beforeIsEmpty && !nameLike) {
    const clause = contentRange(text, openSentence.span.start, afterStart);
    if (previous?.clause && previous.clause.start < clause.end && clause.start < previous.clause.end) {
      // The clause already holds an earlier fragment: widen it to this one and take the attribution.
      previous.clause = { start: previous.clause.start, end: Math.max(previous.clause.end, clause.end) };
      previous.pieces = [previous.clause];
      previous.attribution = previous.attribution ?? trailing;
      return previous;
    }
    return draftRecord(paragraph, null, 'mixed', [clause], clause, trailing, 'quote-inside-clause-then-attribution', trailing.end);
  }
  if (nameLike) return null;
  // 5. The sentence ends with its attribution: “Nobody asked us” before the vote, she said.
  if (!afterIsEmpty) {
    const final = sentenceFinalAttribution(lex, afterWords) ?? closingAttributionWithAdverbial(lex, afterWords);
    if (final) {
      const commaAt = final.words[0]!.start;
      const clause = contentRange(text, openSentence.span.start, commaAt);
      if (previous?.clause && previous.clause.start < clause.end && clause.start < previous.clause.end) return previous;
      return draftRecord(paragraph, null, 'mixed', [clause], clause, final, final.rule, closeSentence.span.end);
    }
  }
  // 6. No attribution of its own: a continuation of the previous quote, a new quote by the same
  //    speaker, or a partial quote in the writer's sentence.
  const standalone = beforeIsEmpty && (afterIsEmpty || !stretch.closed);
  if (standalone && subhead(text, stretch, afterStart)) return null;
  if (previous && previous.type === 'direct') {
    const sameParagraph = previous.paragraph === paragraph || (stretch.continues && previous.paragraph === paragraph - 1);
    const gap = text.slice(previous.reach, stretch.open);
    if (sameParagraph && standalone && /^[\s\p{P}]*$/u.test(gap.replace(/[“"«]/gu, ''))) {
      previous.pieces.push(content);
      // A quote over several paragraphs now reaches into this one.
      if (stretch.continues) previous.paragraph = paragraph;
      previous.reach = stretch.closed ? afterStart : content.end;
      return previous;
    }
  }
  if (previous && standalone && continuesAfterAttribution(text, sentences, previous, paragraph, stretch.open)) {
    previous.pieces.push(content);
    previous.paragraph = paragraph;
    previous.reach = stretch.closed ? afterStart : content.end;
    return previous;
  }
  if (standalone) {
    const inherited = previous && previous.paragraph >= paragraph - 1 && (previous.attribution || previous.inherited) ? previous : null;
    return draftRecord(paragraph, inherited, 'direct', [content], null, null, inherited ? 'same-speaker-as-previous-quote' : 'unattributed-quote', stretch.closed ? afterStart : content.end);
  }
  if (countWordsIn(text, content.start, content.end, 4) < 4) return null; // scare quotes and short terms
  if (bylinedTitle(text, stretch.close, afterStart)) return null;
  const inherited = previous && previous.paragraph === paragraph && (previous.attribution || previous.inherited) ? previous : null;
  const label = inherited ? null : labelBeforeQuote(lex, index, sentences, openIndex, stretch.open);
  if (label) return draftRecord(paragraph, null, 'partial', [content], null, label, label.rule, afterStart);
  return draftRecord(paragraph, inherited, 'partial', [content], null, null, 'quoted-fragment-in-writer-sentence', afterStart);
}

/**
 * The subject of the clause that ends on a colon right before a quotation, when no cue was found: in the same
 * sentence (`beforeWords` end on the colon) or, for a quotation that opens its sentence, in the sentence before it
 * (same or previous paragraph). A name, a noun phrase or a personal pronoun (`he`, `she`, `they`, `we`, `I`);
 * `it` and demonstratives are not speakers here (`Wait, it gets better:`).
 */
function subjectBeforeColon(lex: QuoteLexicon, text: string, index: WordIndex, sentences: readonly Finding[], openIndex: number, paragraph: number, beforeWords: readonly Word[], beforeIsEmpty: boolean): LeadingMatch | null {
  let words: readonly Word[] = beforeWords;
  if (beforeIsEmpty) {
    const previous = sentences[openIndex - 1];
    if (!previous || (previous.data as { paragraph: number }).paragraph < paragraph - 1 || !/:\s*$/u.test(previous.span.text)) return null;
    words = index.between(Math.max(previous.span.start, previous.span.end - ATTRIBUTION_WINDOW), previous.span.end);
  }
  let colon = words.length - 1;
  while (colon >= 0 && words[colon]!.punct && words[colon]!.text !== ':') colon--;
  if (colon < 2 || words[colon]!.text !== ':') return null;
  // "The rise in fares did not surprise Ben Cole - More from Cole:": a name after a dash is the label.
  const dashed = nameAfterDash(lex, words, colon);
  if (dashed) return { cue: null, speaker: dashed, words, end: words[dashed.to - 1]!.end, rule: 'subject-before-colon', reportStart: Number.NaN, direct: true };
  // The speaker phrase with its role words first (`Council leader Ada Okafor gave …`), else the plain subject
  // (a pronoun, a name right before its verb).
  const speaker = openingSubject(lex, words, colon) ?? clauseSubject(lex, words, colon);
  if (!speaker || speaker.to >= colon) return null;
  if (speaker.kind === 'pronoun' && !PERSONAL_SUBJECTS.has(words[speaker.from]!.lower)) return null;
  return { cue: null, speaker, words, end: words[speaker.to - 1]!.end, rule: 'subject-before-colon', reportStart: Number.NaN, direct: true };
}

/** The name between the last dash before `colon` and the colon, after an optional `More from` (`- Transport Watch:`). */
function nameAfterDash(lex: QuoteLexicon, words: readonly Word[], colon: number): SpeakerMatch | null {
  let dash = colon - 1;
  while (dash >= 0 && colon - dash <= 8 && !(words[dash]!.punct && /^[-–—]$/u.test(words[dash]!.text))) dash--;
  if (dash < 1 || colon - dash > 8 || !(words[dash]!.punct && /^[-–—]$/u.test(words[dash]!.text))) return null;
  // After `More from`, the name.
  let from = dash + 1;
  for (let k = dash + 1; k < colon; k++) if (!words[k]!.capital && !lex.nameParticles.has(words[k]!.lower) && words[k]!.lower !== 'and') from = k + 1;
  if (from >= colon) return null;
  for (let k = from; k < colon; k++) if (words[k]!.punct || !(words[k]!.capital || lex.nameParticles.has(words[k]!.lower) || words[k]!.lower === 'and')) return null;
  if (lex.notName.has(words[from]!.text) && from === colon - 1) return null;
  const { name } = nameWithoutTitles(lex, words.slice(from, colon));
  return { from, to: colon, name, kind: 'name', role: null };
}

/**
 * The speaker label that opens the headline (`Okafor: Council Will Keep ‘every library open for another year’`) or a
 * transcript turn in capitals (`TRUMP: …`) holding a quoted fragment with no attribution of its own: the
 * label is its speaker and the colon its cue, as for the label's own turn (indirectDrafts).
 */
function labelBeforeQuote(lex: QuoteLexicon, index: WordIndex, sentences: readonly Finding[], openIndex: number, open: number): Attribution | null {
  const sentence = sentences[openIndex];
  if (!sentence) return null;
  const headline = openIndex === 0;
  const start = sentence.span.start;
  const previous = sentences[openIndex - 1];
  // A transcript turn opens its paragraph.
  if (!headline && previous && (previous.data as { paragraph: number }).paragraph === (sentence.data as { paragraph: number }).paragraph) return null;
  const words = index.between(start, Math.min(sentence.span.end, start + ATTRIBUTION_WINDOW));
  const colon = labelColon(lex, words, headline);
  if (colon === -1 || words[colon]!.end > open) return null;
  const { cue, speaker } = labelAttribution(lex, words, colon);
  return { cue, speaker, words, end: words[colon]!.end, rule: headline ? 'headline-label' : 'transcript-label' };
}

/**
 * Whether the words from `reportStart` to the opening mark at `open` are adjuncts of the cue and the quotation
 * at `contentStart` is the utterance: they end on a comma right before the mark, do not open with `that`, and
 * the quotation opens with a capital letter. PolNeAR train: of 19 such mixed contents, the gold content started
 * at the quotation 14 times and at the adjuncts twice.
 */
const QUOTE_AFTER_ADJUNCTS = 'quote-after-cue-and-adjuncts';

function quotationAfterAdjuncts(text: string, reportStart: number, open: number, contentStart: number): boolean {
  const lead = text.slice(reportStart, open);
  if (!/,[ \t]*$/u.test(lead) || /^that\b/iu.test(lead)) return false;
  return /^\p{Lu}/u.test(text.slice(contentStart, contentStart + 1));
}

/** The most words of the attribution's sentence after its cue and speaker before a continued quotation (`said on Monday in a statement to reporters.`). */
const REST_WORDS = 40;

/**
 * A quotation with no attribution of its own that goes on with the quote before it, whose attribution
 * followed that quote's words (decision 0115): `“A ‘b’ c,” X said. “D”` in the same paragraph after a mixed
 * quote (or opening the next paragraph), or `“A,” X said.` closing a paragraph and `“D”` opening the next.
 * PolNeAR train gives both pieces to one attribution 50 times of 51 after a mixed quote in the same paragraph,
 * 5 of 7 in the next, and 28 of 40 after a direct quote (a further 10 had no gold attribution at all).
 */
function continuesAfterAttribution(text: string, sentences: readonly Finding[], previous: Draft, paragraph: number, open: number): boolean {
  const attribution = previous.attribution;
  if (!attribution?.cue || previous.inherited) return false;
  const last = previous.pieces[previous.pieces.length - 1]!;
  if (attribution.words[attribution.cue.from]!.start < last.end) return false;
  // The rest of the attribution's sentence (`said on Monday.`) may stand between them, without a quotation mark.
  const sentence = sentences[lastStartingAtOrBefore(sentences, Math.max(0, previous.reach - 1))];
  let from = previous.reach;
  if (sentence && sentence.span.end > from && sentence.span.end <= open) {
    const rest = text.slice(from, sentence.span.end);
    if (!/[“”"«»]/u.test(rest) && countWordsIn(text, from, sentence.span.end, REST_WORDS + 1) <= REST_WORDS) from = sentence.span.end;
  }
  const gap = text.slice(from, open);
  if (!/^[\s\p{P}]*$/u.test(gap.replace(/[“"«]/gu, ''))) return false;
  if (previous.type === 'mixed') return previous.paragraph === paragraph || previous.paragraph === paragraph - 1;
  return previous.type === 'direct' && previous.paragraph === paragraph - 1;
}

/**
 * Keeps only the words of the cue and the speaker: a draft lives until the end of the run, and the
 * whole window of words it was found in would otherwise be kept for every quote of the document.
 */
function compactAttribution(attribution: Attribution): Attribution {
  const { cue, speaker, words } = attribution;
  // One literal for every compacted attribution: the fields a leading match adds are not read after this.
  if (!cue && !speaker) return { cue, speaker, words: [], end: attribution.end, rule: attribution.rule };
  const lo = cue && speaker ? Math.min(cue.from, speaker.from) : (cue ?? speaker)!.from;
  const hi = cue && speaker ? Math.max(cue.to, speaker.to) : (cue ?? speaker)!.to;
  if (lo === 0 && hi === words.length) return { cue, speaker, words, end: attribution.end, rule: attribution.rule };
  return {
    cue: cue ? { from: cue.from - lo, to: cue.to - lo, entry: cue.entry, manner: cue.manner } : null,
    speaker: speaker ? { from: speaker.from - lo, to: speaker.to - lo, name: speaker.name, kind: speaker.kind, role: speaker.role } : null,
    words: words.slice(lo, hi),
    end: attribution.end,
    rule: attribution.rule,
  };
}

/**
 * Whether [start, end) overlaps a piece or reported clause of any draft: a binary search over the ranges
 * sorted by start, with the furthest end reached so far, so a quote-dense text stays linear-logarithmic.
 */
function takenBy(drafts: readonly Draft[]): (start: number, end: number) => boolean {
  // Built on first use: most quotes have no piece before their attribution to check.
  let ranges: Range[] | null = null;
  let reach: Float64Array | null = null;
  return (start, end) => {
    if (ranges === null || reach === null) {
      ranges = [];
      for (const d of drafts) {
        for (const p of d.pieces) ranges.push(p);
        if (d.clause) ranges.push(d.clause);
      }
      ranges.sort((a, b) => a.start - b.start);
      reach = new Float64Array(ranges.length);
      let furthest = -1;
      for (let i = 0; i < ranges.length; i++) reach[i] = furthest = Math.max(furthest, ranges[i]!.end);
    }
    // The last range starting before `end`; any range up to it that ends after `start` overlaps.
    const sorted = ranges;
    const lo = firstAtOrAfter(sorted.length, (i) => sorted[i]!.start, end);
    return lo > 0 && reach[lo - 1]! > start;
  };
}

function toFindings(lex: QuoteLexicon, text: string, drafts: Draft[], entityIndex: () => EntityIndex, sentences: readonly Finding[], dates: readonly Finding[], words: WordIndex): Finding[] {
  if (drafts.length === 0) return [];
  // Built on the first speaker to resolve: quotes without a written speaker need no entity.
  let index: EntityIndex | null = null;
  const entities = (): EntityIndex => (index ??= entityIndex());
  const resolved = new Map<Draft, SpeakerJson | null>();
  const ordered = drafts.slice().sort((a, b) => a.pieces[0]!.start - b.pieces[0]!.start);
  linkFollowOnQuotes(ordered, sentences);
  let lastPerson: { paragraph: number; speaker: SpeakerJson } | null = null;
  let lastBody: BodySpeaker | null = null;
  let lastSpeaker: { paragraph: number; speaker: SpeakerJson } | null = null;
  for (const draft of ordered) {
    if (draft.attribution?.speaker) {
      const speaker = resolveSpeaker(lex, text, draft.attribution, entities());
      const unresolved = speaker.reason === 'unresolved-pronoun' && speaker.mention ? speaker.mention.text : null;
      const continued =
        unresolved !== null && lex.objectPronouns.has(unresolved.toLowerCase())
          ? previousSpeakerForPronoun(speaker, draft.paragraph, lastPerson, entities())
          : unresolved !== null && /^they$/iu.test(unresolved)
            ? previousPluralSpeaker(lex, speaker, draft.paragraph, lastSpeaker)
            : unresolved !== null && /^it$/iu.test(unresolved)
              ? (itSpeaker(text, speaker, sentences, lastBody, entities(), (w) => lex.cues.forms.has(w)) ?? previousOrganization(lex, speaker, draft.paragraph, lastSpeaker, entities()))
              : null;
      resolved.set(draft, continued ?? speaker);
    } else if (draft.inherited) {
      const source = resolved.get(draft.inherited);
      resolved.set(
        draft,
        // An unresolved speaker keeps its pronoun as mention: it is all there is to show.
        source ? speakerRecord(source.name === null ? source.mention : null, source.role, source.entityId, source.name, 'inferred', 'same-speaker-as-previous-quote', (source as { antecedent?: SpanJson }).antecedent) : null,
      );
    } else resolved.set(draft, null);
    const speaker = resolved.get(draft);
    if (speaker?.entityId && speaker.mention) {
      lastPerson = { paragraph: draft.paragraph, speaker };
      // A person quoted after the body ends its run: a later `it` no longer reaches back to it.
      lastBody = bodySpeaker(speaker, sentences, entities());
    }
    if (speaker?.mention && speaker.name) lastSpeaker = { paragraph: draft.paragraph, speaker };
  }
  const taken = takenBy(ordered);
  const records = ordered.map((draft) => {
    let pieces = draft.pieces.map((p) => spanAt(text, p.start, p.end));
    const cue = withCuePhrase(lex, text, words, draft.attribution ? cueJson(text, draft.attribution.words, draft.attribution.cue) : null);
    const speaker = withSpeakerPhrase(lex, text, words, resolved.get(draft) ?? null, cue, sentences, pieces);
    let type = draft.type;
    let clause = draft.clause;
    // The words of the same clause before the attribution (`The move, Carr explained, was …`, decision 0091).
    const lead = cue && speaker ? leadingPiece(lex, text, pieces, speaker, cue, draft.type === 'direct', sentences[lastStartingAtOrBefore(sentences, cue.span.start)]?.span.start ?? 0, taken) : null;
    if (lead) {
      pieces = [spanAt(text, lead.piece.start, lead.piece.end), ...pieces];
      if (type === 'direct') type = 'mixed';
      if (clause) clause = { start: lead.piece.start, end: clause.end };
    }
    // A preposition the verb takes belongs to the cue (`warned about the costs`, decision 0115).
    let verb = cue;
    const moved = withCuePreposition(lex, text, cue, pieces[0]);
    if (moved) {
      verb = moved.cue;
      if (clause && clause.start === pieces[0]!.start) clause = { start: moved.start, end: clause.end };
      pieces = [spanAt(text, moved.start, pieces[0]!.end), ...pieces.slice(1)];
    }
    // `expressed concern that …`: the attitude named between the cue and `that` joins the cue phrase (decision 0141).
    verb = withAttitudeObject(lex, text, verb, pieces[0]) ?? verb;
    // `wrote to the council that …`: the listener after the cue is not what was said (decision 0136).
    const listened = type === 'indirect' || type === 'mixed' ? afterToListener(lex, text, verb, pieces[0]) : null;
    if (listened !== null) {
      if (clause && clause.start === pieces[0]!.start) clause = { start: listened, end: clause.end };
      pieces = [spanAt(text, listened, pieces[0]!.end), ...pieces.slice(1)];
    }
    // `Still, golf clubs are “…”`: a connective that opens the content is the writer's (decision 0136).
    const connective = type === 'indirect' || type === 'mixed' ? afterConnective(lex, text, pieces[0]!) : null;
    if (connective !== null) {
      if (clause && clause.start === pieces[0]!.start) clause = { start: connective, end: clause.end };
      pieces = [spanAt(text, connective, pieces[0]!.end), ...pieces.slice(1)];
    }
    const content = clause ? spanAt(text, clause.start, clause.end) : spanAt(text, pieces[0]!.start, pieces[pieces.length - 1]!.end);
    return { draft, type, content, pieces, cue: verb, speaker };
  });
  records.sort((a, b) => compareSpans(a.content, b.content));
  // Ids come from the content span (`q120-188`), so they survive re-analysis by a later version.
  const ids = createRecordIds();
  return records.map((record) => {
    const dated = quoteDate(record.cue?.span ?? null, record.pieces, sentences, dates);
    const data: QuoteData = {
      type: record.type,
      content: toSpanJson(record.content),
      contents: record.pieces.map(toSpanJson),
      cue: record.cue,
      speaker: record.speaker,
      date: dated?.date ?? null,
      voice: 'quoted',
    };
    // Edits are read in quoted words only: a direct quote's pieces (an indirect or mixed clause is the writer's own wording).
    if (record.type === 'direct' || record.type === 'partial') {
      const edited = findEdits(data.contents);
      if (edited) {
        data.edits = edited.edits;
        data.editorShare = edited.editorShare;
        if (edited.warnings.length > 0) data.warnings = edited.warnings;
      } else if (data.contents.length >= STITCHED_FRAGMENTS) {
        data.warnings = [`stitched from ${data.contents.length} fragments: the writer cut the quotation ${data.contents.length - 1} times`];
      }
    }
    const finding: Finding<'quote'> = {
      id: ids('q', record.content),
      analysis: EXTRACT_QUOTES_ID,
      kind: 'quote',
      span: record.content,
      data,
      basis: record.speaker?.basis ?? 'stated',
      reason: record.draft.rule,
      ...(dated ? { evidence: [dated.evidence] } : {}),
    };
    return finding;
  });
}

/** The text without the run of `. , ! ? ; :` that ends it (a scan: a `[…]+$` pattern is quadratic on a long run). */
function withoutFinalPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '.,!?;:'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
