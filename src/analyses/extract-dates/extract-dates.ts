import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { lastAtOrBefore } from '../../core/search.js';
import { spanAt, type Span } from '../../core/span.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { parseDay } from './calendar.js';
import { dateLexicon, type DateLexicon, type Mod } from './lexicon.js';
import { joinTimes, recogniseAll, settleOverlaps, type Granularity, type TimexType } from './recognise.js';
import { applyModifiers, findRanges, resolveDraft, yearsBackOf, type Earlier } from './resolve.js';
import { candidateFeatures, chooseCandidate, decisionOf, granularityOfValue, type Decision } from './chooser.js';
import { DATE_CHOOSER, EXTRACT_DATES_RESOURCES, type DateChooserModel } from './resource-ids.js';
import { resourceValue } from '../../core/resources.js';
import type { Draft } from './recognise.js';

export interface DateMentionData {
  readonly span: Span;
  /** TIMEX3 value: `2018-01-11`, `2017-12`, `1988-SU`, `P12D`, `PRESENT_REF`, `XXXX-11-17`. */
  readonly value: string;
  readonly granularity: Granularity;
  readonly mod: Mod | null;
  /** `publishedAt`, the id of the date record it counts from, or null when stated in full. */
  readonly anchor: string | null;
  /** Added field: the TIMEX3 type. */
  readonly type: TimexType;
  /** Added field: the id of the other end when two mentions are written as one range ("from 2001 to 2009"). */
  readonly range: string | null;
}

declare module '../../core/finding.js' {
  interface FindingDataMap {
    'date-mention': DateMentionData;
  }
}

export const EXTRACT_DATES_ID = 'extract-dates';

const futureRegex = new WeakMap<object, RegExp>();

/**
 * A fronted date followed by its clause's subject and a verb in -ed ("In March, he debuted", "On Monday, the
 * company announced"): the clause is in the past tense.
 */
const SUBJECT_PAST_AFTER = /^\s*,\s+(?:he|she|it|they|we|I|(?:the|a|an|his|her|its|their)\s+[a-z]+|[A-Z][a-z]+)\s+[a-z]{2,}ed\b/;

/** A verb in -ed that is not a participle after "is", "are", "be" ("is tipped to", "are expected to"). */
const PARTICIPLE_PAST = /(?<!\b(?:is|are|be|been|being|it's)\s+(?:\w+ly\s+)?)\b[a-z]{2,}ed\b/i;

/** A past auxiliary right after a date, the date being its subject or ending it ("Wednesday were still held"). */
const PAST_RIGHT_AFTER = /^\s+(?:\w+ly\s+)?(?:was|were|had|did)\b/i;

const tenseRegex = new WeakMap<object, { past: RegExp; deadline: RegExp; pastVerb: RegExp; pastVerbAfter: RegExp }>();

/**
 * Past-tense words of the clause ("was", "had": the month–day is the most recent one) and deadline words right
 * before a month–day ("until", "by", "due": the next one), both data.
 */
function tenseCues(lex: ReturnType<typeof dateLexicon>): { past: RegExp; deadline: RegExp; pastVerb: RegExp; pastVerbAfter: RegExp } {
  let re = tenseRegex.get(lex);
  if (!re) {
    re = {
      past: new RegExp(`(?:^|[^\\w'’])(?:${lex.re.pastCue})\\b`, 'i'),
      deadline: new RegExp(`(?:^|[^\\w'’])(?:${lex.re.deadline})\\s+$`, 'i'),
      // "said Friday", "closed on Christmas Day", "the year ended Jan. 31": a past verb right before the date.
      // A participle after a bare "be" is a passive whose tense is the auxiliary's ("will be reviewed on Friday",
      // "are to be screened on Tuesday"), not a past verb.
      pastVerb: new RegExp(`(?:[a-z]ed|(?:^|[^\\w'’])(?:${lex.re.pastVerb}))(?<!(?:^|[^\\w'’])be\\s+\\w+)\\s+(?:on\\s+)?$`, 'i'),
      // "In January, the company brought in…": an irregular past verb later in the clause.
      pastVerbAfter: new RegExp(`(?:^|[^\\w'’])(?:${lex.re.pastVerb})\\b`, 'i'),
    };
    tenseRegex.set(lex, re);
  }
  return re;
}

/** The start of the last clause of a window joined by "and" or "but" and a verb in -ed. */
const JOINED_CLAUSE = /\b(?:and|but)\s+(?:\w+\s+)?\w+ed\b(?![\s\S]*\b(?:and|but)\s)/;

/**
 * The part of a window after the last quotation mark that closes a quote with its punctuation (`,"`, `."`, `",`):
 * the words of a quote do not set the tense of the reporting clause after it (`"… will change", Pompeo told the
 * press on Tuesday`). A title or term in quotation marks (`will publish his "Alternative Budget" on Monday`) has
 * no such punctuation and does not cut the clause.
 */
const QUOTE_CLOSE = /[,.!?]["\u201d]|["\u201d]\s*,/g;

function afterClosedQuote(window: string): string {
  let cut = -1;
  QUOTE_CLOSE.lastIndex = 0;
  for (let m = QUOTE_CLOSE.exec(window); m; m = QUOTE_CLOSE.exec(window)) cut = m.index + m[0].length;
  return cut < 0 ? window : window.slice(cut);
}

/** Words that put the clause in the future (data): a bare "Monday" or "March 3" then means the next one. */
function futureCues(lex: ReturnType<typeof dateLexicon>): RegExp {
  let re = futureRegex.get(lex);
  if (!re) {
    // A cue right after a pluperfect word ("had been scheduled", "had planned to") is a past plan, not a future.
    re = new RegExp(`(?:^|[^\\w'’])(?<!(?:^|[^\\w'’])(?:${lex.re.futureVoid})\\s+)(?:${lex.re.futureCue})\\b`, 'i');
    futureRegex.set(lex, re);
  }
  return re;
}

/** "the nine months", "the first nine months": the year to date of an earnings report, three quarters long. */
const YEAR_TO_DATE = /\bthe\s+(?:first\s+|latest\s+)?(?:nine|9)[\s-]+months?\b/i;

/** A determiner right before a mention: the date premodifies a noun ("the August 1988 cease-fire"). */
const ATTRIBUTIVE = /(?:(?:^|[^\w'’])(?:the|a|an|its|his|her|their|our|this|that)|\w['’]s)\s+$/i;

function lastBefore(starts: readonly number[], pos: number): number {
  return lastAtOrBefore(starts.length, (i) => starts[i]!, pos);
}

/** A name of the `name` rows of relative-words: `Sunday Times`, `Mail on Sunday`, `Sheffield Wednesday`. */
const nameRes = new WeakMap<DateLexicon, RegExp>();

/**
 * Drafts that are part of a name, not dates (version 18): inside a name of the `name` rows (`the Sunday
 * Telegraph`, `Sheffield Wednesday`), or `Noon` or `Midnight` capitalised right after a capitalised word that
 * does not open its sentence (`Jamie Noon`, `Christmas Midnight Mass`: people write `noon`). Not a weekday: US
 * wire copy writes it right after its subject (`The Senate Tuesday approved`; TimeBank loses 0.2 points of
 * relaxed F1 and AQUAINT 1 point when a weekday after a capitalised word is dropped).
 */
function withoutNames(text: string, lex: DateLexicon, drafts: Draft[]): Draft[] {
  let re = nameRes.get(lex);
  if (re === undefined) {
    re = lex.re.name === '' ? /(?!)/g : new RegExp(`(?<![\\p{L}])(?:${lex.re.name})(?![\\p{L}])`, 'gu');
    nameRes.set(lex, re);
  }
  const names: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) names.push([m.index, m.index + m[0].length]);
  return drafts.filter((d) => {
    for (const [start, end] of names) if (d.start < end && start < d.end) return false;
    const word = text.slice(d.start, d.end);
    if (word !== 'Noon' && word !== 'Midnight') return true;
    const from = Math.max(0, d.start - 40);
    const before = /[A-Z][\p{Ll}]+ $/u.exec(text.slice(from, d.start));
    if (before === null) return true;
    // The capitalised word opens its sentence ("By Noon", "At Midnight"): the time stays.
    let i = from + before.index - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    return i < 0 || /[.!?:;"“”'’`\n(]/.test(text[i]!);
  });
}

export const extractDates: Analysis = {
  id: EXTRACT_DATES_ID,
  version: '23',
  needs: [SEGMENT_TEXT_ID],
  emits: ['date-mention'],
  resources: EXTRACT_DATES_RESOURCES,
  describe: 'Dates, times, durations and sets with their TIMEX3 value, anchored to the publication date or the story.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    return findDates(document, inputs, context, resourceValue(context.resources, DATE_CHOOSER));
  },
};

/** One decision of the chooser as the rules saw it: for training (`npm run train -- dates`). */
export interface DecisionRecord {
  readonly draft: Draft;
  readonly decision: Decision;
  readonly features: readonly Int32Array[];
  readonly ruleValue: string;
}

/** Hash-table mask of the chooser's features when no model is loaded (training collects with it). */
export const CHOOSER_BUCKETS = 1 << 16;

/**
 * The analysis itself, with the chooser given (null: the rules alone) and, for training, a callback that
 * sees every decision with its candidates and features.
 */
export function findDates(document: Document, inputs: AnalysisInputs, context: RunContext, chooser: DateChooserModel | null, collect?: (record: DecisionRecord) => void): Finding[] {
  const { text } = document;
  const lex = dateLexicon(context.resources);
  const segments = inputs[SEGMENT_TEXT_ID] ?? [];
  const sentences = findingsOfKind(segments, 'sentence');
  const sentenceStarts = sentences.map((s) => s.span.start);
  const paragraphs = findingsOfKind(segments, 'paragraph').map((p) => p.span.start);
  const future = futureCues(lex);
  const { past, deadline, pastVerb, pastVerbAfter } = tenseCues(lex);
  const published = parseDay(context.publishedAt ?? document.publishedAt);

  const drafts = withoutNames(text, lex, joinTimes(text, settleOverlaps(recogniseAll({ text, lex }))));
  applyModifiers(text, lex, drafts);
  const ranges = findRanges(text, drafts);

  const ids = createRecordIds();
  const idOf = drafts.map((d) => ids('d', d));
  const earlier: Earlier[] = [];
  const findings: Finding<'date-mention'>[] = [];
  /** The text of `pos`'s sentence before it, at most 80 code units. */
  const windowBefore = (pos: number): string => {
    const s = lastBefore(sentenceStarts, pos);
    return text.slice(Math.max(s >= 0 ? sentenceStarts[s]! : 0, pos - 80), pos);
  };
  /** The text after `end` up to the clause's end (a stop, semicolon, colon, line break), at most `max` code units. */
  const clauseAfter = (end: number, max: number): string => /^[^.;:!?\n]*/.exec(text.slice(end, end + max))![0];
  // The future test of a position, asked by the rules and again before the chooser: computed once.
  const futureAt = new Map<number, boolean>();
  const resolveContext = {
    published,
    isFuture(pos: number): boolean {
      let known = futureAt.get(pos);
      if (known === undefined) {
        known = this.futureOf(pos);
        futureAt.set(pos, known);
      }
      return known;
    },
    futureOf(pos: number): boolean {
      // Only the clause the date is in: after the last "and" or "but" that joins another verb.
      const window = afterClosedQuote(windowBefore(pos));
      if (pastVerb.test(window)) return false;
      const cut = window.search(JOINED_CLAUSE);
      return future.test(cut >= 0 ? window.slice(cut) : window);
    },
    tense(start: number, end: number): 'deadline' | 'past' | null {
      const window = afterClosedQuote(windowBefore(start));
      if (deadline.test(window)) return 'deadline';
      if (pastVerb.test(window)) return 'past';
      const cut = window.search(JOINED_CLAUSE);
      const after = clauseAfter(end, 60);
      return past.test(cut >= 0 ? window.slice(cut) : window) || past.test(after) || pastVerbAfter.test(after) || SUBJECT_PAST_AFTER.test(after) ? 'past' : null;
    },
    pastBefore(pos: number): boolean {
      const window = windowBefore(pos);
      return past.test(window) || pastVerbAfter.test(window) || PARTICIPLE_PAST.test(window);
    },
    pastRightAfter: (end: number) => PAST_RIGHT_AFTER.test(text.slice(end, end + 30)),
    pastAfter(end: number): boolean {
      const after = clauseAfter(end, 80);
      return past.test(after) || pastVerbAfter.test(after) || PARTICIPLE_PAST.test(after);
    },
    paragraphOf: (pos: number) => lastBefore(paragraphs, pos),
    sentenceOf: (pos: number) => lastBefore(sentenceStarts, pos),
    yearToDate(pos: number): boolean {
      const s = lastBefore(sentenceStarts, pos);
      return YEAR_TO_DATE.test(text.slice(s >= 0 ? sentenceStarts[s]! : 0, pos));
    },
  };
  const mask = (chooser ? chooser.model.buckets : CHOOSER_BUCKETS) - 1;
  drafts.forEach((d, i) => {
    let resolved = resolveDraft(d, earlier, resolveContext);
    // A year back takes the granularity of the value it reaches ("a year earlier" after a quarter is a quarter).
    let granularity = yearsBackOf(d.spec) !== null ? granularityOfValue(resolved.value) ?? d.granularity : d.granularity;
    const found = chooser || collect ? decisionOf(d, earlier, published, resolved.anchor) : null;
    // A future cue of the clause ("will", "is to", "set to") fixes the direction: the chooser does not turn
    // "will be reviewed on Friday, officials said" into the last Friday.
    // A year back after "the nine months" of its sentence is the year (resolve.ts): no granularity to choose.
    const decision = found && ((found.family === 'direction' && resolveContext.isFuture(d.start)) || (found.family === 'granularity' && yearsBackOf(d.spec) !== null && resolveContext.yearToDate(d.start))) ? null : found;
    if (decision && published) {
      const candidates = decision.candidates.some((c) => c.value === resolved.value) ? decision.candidates : [...decision.candidates, { kind: 'rule', value: resolved.value, anchor: resolved.anchor ?? 'publishedAt' }];
      const full: Decision = { family: decision.family, candidates };
      const features = candidateFeatures(d, full, resolved.value, earlier, { text, published, future: resolveContext.isFuture(d.start), tense: resolveContext.tense(d.start, d.end), paragraph: resolveContext.paragraphOf(d.start) }, mask);
      collect?.({ draft: d, decision: full, features, ruleValue: resolved.value });
      const chosen = chooser ? chooseCandidate(chooser.model, features, full, resolved.value, chooser.margin) : null;
      if (chosen) {
        resolved = { value: chosen.value, basis: 'inferred', anchor: chosen.anchor };
        granularity = granularityOfValue(chosen.value) ?? granularity;
      }
    }
    const id = idOf[i]!;
    const other = ranges.get(i);
    const span = spanAt(text, d.start, d.end);
    findings.push({
      id,
      analysis: EXTRACT_DATES_ID,
      kind: 'date-mention',
      span,
      data: {
        span,
        value: resolved.value,
        granularity,
        mod: d.mod,
        anchor: resolved.anchor,
        type: d.type,
        range: other === undefined ? null : idOf[other]!,
      },
      basis: resolved.basis,
      reason: d.rule,
      ...(resolved.anchor && resolved.anchor !== 'publishedAt' ? { evidence: [resolved.anchor] } : {}),
    });
    if (d.type === 'DATE' || d.type === 'TIME') {
      earlier.push({ id, start: d.start, value: resolved.value, basis: resolved.basis, paragraph: resolveContext.paragraphOf(d.start), sentence: resolveContext.sentenceOf(d.start), attributive: ATTRIBUTIVE.test(text.slice(Math.max(0, d.start - 12), d.start)), chained: resolved.anchor !== null && resolved.anchor !== 'publishedAt' && (d.spec.k === 'story-shift' || d.spec.k === 'unit-shift') });
    }
  });
  return findings;
}
