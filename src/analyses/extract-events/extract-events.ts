import type { EventFigureJson, EventJson, SpanJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { firstStartingAtOrAfter, lastAtOrBefore } from '../../core/search.js';
import { spanAt, spansOverlap, type Span } from '../../core/span.js';
import { EXTRACT_DATES_ID } from '../extract-dates/extract-dates.js';
import { EXTRACT_FIGURES_ID } from '../extract-figures/extract-figures.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { RESOLVE_ALIASES_ID } from '../resolve-aliases/resolve-aliases.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { eventLexicon, WORD, type EventLexicon, type Modality, type TriggerEntry } from './lexicon.js';
import { EXTRACT_EVENTS_RESOURCES } from './resource-ids.js';

export type EventData = Omit<EventJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

declare module '../../core/finding.js' {
  interface FindingDataMap {
    event: EventData;
  }
}

export const EXTRACT_EVENTS_ID = 'extract-events';

interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower case. */
  readonly text: string;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

interface Mention extends Range {
  readonly entityId: string;
  readonly place: boolean;
}

interface FigureRef extends Range {
  readonly id: string;
  /** End of the counted noun when there is one, else of the figure. */
  readonly tail: number;
  readonly counting: Range | null;
}

interface Candidate {
  readonly entry: TriggerEntry;
  /** Word indexes in the sentence, end-exclusive. */
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
  readonly context: string | null;
}

/** Words between a counted figure and a verb trigger after it: `1,200 protesters were detained`. */
const SUBJECT_GAP =
  /^(?:\s+(?:in|from|across|at|on|of)(?:\s+[^\s,.;:!?"“”]+){1,3})?[\s,]*(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|allegedly|also|later|then|all|who|subsequently|initially)\s+)*$/i;
/** A figure right after one of these is inside a prepositional phrase, never the subject of a verb after it. */
const PREPOSITION_BEFORE = /\b(?:in|from|across|at|on|of|to|by|with|for)\s+$/i;
/** Words between a verb trigger and the figure it counts: `police arrested at least 1,200`. */
const OBJECT_GAP = /^\s*(?:(?:a|an|the|some|another|further|about|around|nearly|almost|roughly|approximately|an estimated)\s+)*$/i;
/** Words between a noun trigger and a figure of its participants: `the arrest of 30 activists`, `a rally of 20,000`. */
const NOUN_GAP = /^\s*(?:of|by|involving|attended by|among|with)\s+(?:(?:the|some|about|around|nearly|almost|roughly|an estimated)\s+)*$/i;
/** Prepositions that introduce the place of an event. */
const PLACE_PREPOSITION = /\b(?:in|at|near|outside|across|throughout|from)\s+(?:the\s+)?$/i;

function toSpanJson(span: Span): SpanJson {
  return { start: span.start, end: span.end, text: span.text };
}

function wordsOf(text: string, range: Range): Word[] {
  const out: Word[] = [];
  const slice = text.slice(range.start, range.end);
  for (const m of slice.matchAll(WORD)) {
    out.push({ start: range.start + m.index!, end: range.start + m.index! + m[0].length, text: m[0].toLowerCase().replace(/’/g, "'") });
  }
  return out;
}

function matchesAt(words: readonly Word[], at: number, phrase: readonly string[]): boolean {
  if (at < 0 || at + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) if (words[at + k]!.text !== phrase[k]) return false;
  return true;
}

/** The first word index where `phrase` is written outside [skipFirst, skipLast), or -1. */
function findPhrase(words: readonly Word[], phrase: readonly string[], skipFirst = -1, skipLast = -1): number {
  if (phrase.length === 0) return -1;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (i < skipLast && i + phrase.length > skipFirst) continue;
    if (matchesAt(words, i, phrase)) return i;
  }
  return -1;
}

/** Triggers of one sentence, longest form first at each word, never overlapping. */
function findTriggers(lex: EventLexicon, text: string, words: readonly Word[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < words.length; i++) {
    const entries = lex.triggers.get(words[i]!.text);
    if (!entries) continue;
    const entry = entries.find((e) => matchesAt(words, i, e.words));
    if (!entry) continue;
    const last = i + entry.words.length;
    const previous = out[out.length - 1];
    // "ceasefire agreement", "strike action": two triggers of one type written together are one event,
    // typed by the first (the more specific modifier).
    if (previous && previous.last === i && previous.entry.type === entry.type && /^[\s-]*$/.test(text.slice(previous.end, words[i]!.start))) {
      out[out.length - 1] = { ...previous, last, end: words[last - 1]!.end };
    } else {
      out.push({ entry, first: i, last, start: words[i]!.start, end: words[last - 1]!.end, context: null });
    }
    i = last - 1;
  }
  return out;
}

/** Drops triggers inside a blocking phrase and those whose sense needs a context the sentence lacks. */
function keepByContext(
  lex: EventLexicon,
  words: readonly Word[],
  candidates: readonly Candidate[],
  counted: (candidate: Candidate) => string | null,
): Candidate[] {
  if (candidates.length === 0) return [];
  const blocked: Range[] = [];
  for (const phrase of lex.blockers) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (matchesAt(words, i, phrase)) blocked.push({ start: i, end: i + phrase.length });
    }
  }
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    if (blocked.some((b) => b.start < candidate.last && candidate.first < b.end)) continue;
    const needs = candidate.entry.needs;
    if (needs === null) {
      out.push(candidate);
      continue;
    }
    const phrases = lex.contexts.get(needs) ?? [];
    const found = phrases.find((phrase) => findPhrase(words, phrase, candidate.first, candidate.last) !== -1);
    if (found) {
      out.push({ ...candidate, context: `${needs}: ${found.join(' ')}` });
      continue;
    }
    // A crowd counted by the event itself ("a rally of 20,000 people") is context enough.
    const figure = needs === 'street' || needs === 'labour' ? counted(candidate) : null;
    if (figure !== null) out.push({ ...candidate, context: `${needs}: counted by ${figure}` });
  }
  return out;
}

function modalityOf(lex: EventLexicon, words: readonly Word[], first: number): Modality {
  for (let i = first - 1; i >= Math.max(0, first - 3); i--) {
    const word = words[i]!.text;
    if (word.endsWith("n't")) return 'negated';
    for (const cue of lex.modality) {
      const at = i - cue.words.length + 1;
      if (cue.words[0] !== "n't" && matchesAt(words, at, cue.words)) return cue.modality;
    }
  }
  return 'asserted';
}

function distance(a: Range, b: Range): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}


function within<T extends Range>(list: readonly T[], range: Range): T[] {
  const out: T[] = [];
  for (let i = firstStartingAtOrAfter(list, range.start); i < list.length && list[i]!.start < range.end; i++) {
    if (list[i]!.end <= range.end) out.push(list[i]!);
  }
  return out;
}

function placeOf(text: string, mentions: readonly Mention[], trigger: Range): string | null {
  const places = mentions.filter((m) => m.place);
  if (places.length === 0) return null;
  const introduced = places.filter((m) => PLACE_PREPOSITION.test(text.slice(Math.max(0, m.start - 16), m.start)));
  const pool = introduced.length > 0 ? introduced : places;
  return pool.slice().sort((a, b) => distance(a, trigger) - distance(b, trigger) || a.start - b.start)[0]!.entityId;
}

/** A passive verb trigger: `was arrested`, `were reportedly detained`, `had been jailed`. */
const PASSIVE_BEFORE = /\b(?:was|were|been|being|be|is|are|get|got|gets)\s+(?:(?:reportedly|allegedly|later|also|then|subsequently)\s+)?$/i;
/** The agent of a passive verb: `arrested by police`. */
const BY_AFTER = /^\s+(?:(?:\p{L}+\s+){0,3})?by\s/iu;

function nearestIds(mentions: readonly Mention[], trigger: Range, limit = 4): string[] {
  const ids: string[] = [];
  for (const m of mentions.slice().sort((a, b) => distance(a, trigger) - distance(b, trigger) || a.start - b.start)) {
    if (!ids.includes(m.entityId)) ids.push(m.entityId);
    if (ids.length === limit) break;
  }
  return ids;
}

/**
 * Who acts and who undergoes the event, from the named entities (not places) of the sentence. For a
 * verb in the active voice, the names before it act and those after it undergo (`Police arrested
 * Jong`); in the passive, the names before it undergo and a `by` phrase after it acts (`Jong was
 * arrested by police`). A noun names no roles: every name of the sentence is an actor, nearest first.
 */
function rolesOf(text: string, mentions: readonly Mention[], candidate: Candidate): { actors: string[]; recipients: string[] } {
  const people = mentions.filter((m) => !m.place);
  if (candidate.entry.pos !== 'verb') return { actors: nearestIds(people, candidate), recipients: [] };
  const before = people.filter((m) => m.end <= candidate.start);
  const after = people.filter((m) => m.start >= candidate.end);
  const passive = PASSIVE_BEFORE.test(text.slice(Math.max(0, candidate.start - 40), candidate.start)) || /^(?:was|were|been|be)\s/i.test(candidate.entry.form);
  if (!passive) return { actors: nearestIds(before, candidate), recipients: nearestIds(after, candidate) };
  const agent = BY_AFTER.exec(text.slice(candidate.end, candidate.end + 40));
  const agents = agent ? after.filter((m) => m.start >= candidate.end + agent[0].length - 1).slice(0, 1) : [];
  return { actors: agents.map((m) => m.entityId), recipients: nearestIds(before, candidate) };
}

function dateOf(dates: readonly (Range & { id: string })[], trigger: Range): string | null {
  if (dates.length === 0) return null;
  return dates.slice().sort((a, b) => distance(a, trigger) - distance(b, trigger) || a.start - b.start)[0]!.id;
}

/**
 * Which event each figure of a sentence counts: the verb trigger right before it (`killed at least 30
 * people`), the verb trigger after its counted noun (`1,200 protesters were detained`), the noun
 * trigger before it with `of`/`by` (`a rally of 20,000`), or the participant noun it counts
 * (`20,000 protesters`). A figure counts for one event at most; events whose type has no role take none.
 */
function attachFigures(text: string, events: readonly Candidate[], figures: readonly FigureRef[]): Map<Candidate, EventFigureJson[]> {
  const out = new Map<Candidate, EventFigureJson[]>();
  const add = (event: Candidate, figure: FigureRef): void => {
    const list = out.get(event) ?? [];
    list.push({ figureId: figure.id, role: event.entry.role! });
    out.set(event, list);
  };
  const counting = events.filter((e) => e.entry.role !== null);
  for (const figure of figures) {
    const subject = !PREPOSITION_BEFORE.test(text.slice(Math.max(0, figure.start - 12), figure.start));
    const event =
      counting.find((e) => e.entry.pos === 'verb' && e.end <= figure.start && OBJECT_GAP.test(text.slice(e.end, figure.start))) ??
      (subject ? counting.find((e) => e.entry.pos === 'verb' && e.start >= figure.tail && SUBJECT_GAP.test(text.slice(figure.tail, e.start))) : undefined) ??
      counting.find((e) => e.entry.pos !== 'verb' && e.end <= figure.start && NOUN_GAP.test(text.slice(e.end, figure.start))) ??
      counting.find((e) => e.entry.pos === 'participant' && figure.counting !== null && spansOverlap(e, figure.counting));
    if (event) add(event, figure);
  }
  return out;
}

/**
 * Events: protests, riots, strikes, arrests, killings, attacks, executions and agreements found by
 * trigger words (data/triggers.tsv), and statements read from the quotes' cue verbs. Each carries its
 * PLOVER category, actors and place (entity ids), date (a date record) and the figures that count it.
 */
export const extractEvents: Analysis = {
  id: EXTRACT_EVENTS_ID,
  version: '5',
  needs: [SEGMENT_TEXT_ID],
  uses: [RESOLVE_ALIASES_ID, EXTRACT_DATES_ID, EXTRACT_QUOTES_ID, EXTRACT_FIGURES_ID],
  emits: ['event'],
  resources: EXTRACT_EVENTS_RESOURCES,
  describe:
    'Protests, riots, strikes, arrests, killings, attacks, executions, agreements and statements with PLOVER category, actors, place, date and counted figures.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    const { text } = document;
    const lex = eventLexicon(context.resources);
    const sentences: Range[] = findingsOfKind(inputs[SEGMENT_TEXT_ID] ?? [], 'sentence').map((s) => s.span);
    if (sentences.length === 0 && text.length > 0) sentences.push({ start: 0, end: text.length });

    const mentions: Mention[] = [];
    for (const entity of findingsOfKind(inputs[RESOLVE_ALIASES_ID] ?? [], 'entity')) {
      for (const m of entity.data.mentions) mentions.push({ start: m.start, end: m.end, entityId: entity.id, place: entity.data.type === 'place' });
    }
    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    const dates = findingsOfKind(inputs[EXTRACT_DATES_ID] ?? [], 'date-mention')
      .filter((d) => d.data.granularity !== 'duration')
      .map((d) => ({ start: d.span.start, end: d.span.end, id: d.id }))
      .sort((a, b) => a.start - b.start);
    const dateBySpan = new Map(dates.map((d) => [`${d.start}-${d.end}`, d.id]));
    // Only counts of people or things can count an event: no ages, sums of money, percentages or durations.
    const figures: FigureRef[] = findingsOfKind(inputs[EXTRACT_FIGURES_ID] ?? [], 'figure')
      .filter((f) => f.data.unit === null || f.data.unit === 'people')
      .map((f) => ({
        id: f.id,
        start: f.span.start,
        end: f.span.end,
        tail: Math.max(f.span.end, f.data.counting?.span.end ?? 0),
        counting: f.data.counting ? { start: f.data.counting.span.start, end: f.data.counting.span.end } : null,
      }))
      .sort((a, b) => a.start - b.start);
    const quotes = findingsOfKind(inputs[EXTRACT_QUOTES_ID] ?? [], 'quote');
    const cues: Range[] = quotes.flatMap((q) => (q.data.cue ? [q.data.cue.span] : []));
    const speakerMentions: Range[] = quotes.flatMap((q) => (q.data.speaker?.mention ? [q.data.speaker.mention] : []));

    const ids = createRecordIds();
    const out: Finding[] = [];
    const emit = (span: Span, data: EventData, reason: string, extraEvidence: readonly string[]): void => {
      const evidence = [
        ...extraEvidence,
        ...(data.figures ?? []).map((f) => f.figureId),
        ...(data.date ? [data.date] : []),
        ...data.actors,
        ...(data.recipients ?? []),
        ...(data.place ? [data.place] : []),
      ];
      out.push({
        id: ids('v', span),
        analysis: EXTRACT_EVENTS_ID,
        kind: 'event',
        span,
        data,
        basis: 'stated',
        reason,
        ...(evidence.length > 0 ? { evidence: [...new Set(evidence)] } : {}),
      });
    };

    // Offsets of the first words of trigger forms: only the sentences holding one are cut into words.
    const hits: Range[] = [];
    for (const m of text.matchAll(lex.firstWords)) hits.push({ start: m.index!, end: m.index! + m[0].length });
    for (const sentence of sentences) {
      const next = firstStartingAtOrAfter(hits, sentence.start);
      if (next >= hits.length || hits[next]!.start >= sentence.end) continue;
      const words = wordsOf(text, sentence);
      const sentenceFigures = within(figures, sentence);
      const counted = (candidate: Candidate): string | null => {
        const attached = [...attachFigures(text, [candidate], sentenceFigures).values()][0]?.[0];
        const figure = attached ? sentenceFigures.find((f) => f.id === attached.figureId) : undefined;
        return figure ? text.slice(figure.start, figure.tail) : null;
      };
      const found = keepByContext(lex, words, findTriggers(lex, text, words), counted).filter((c) => !cues.some((cue) => spansOverlap(cue, c)));
      // A participant noun ("protesters") is an event only when no other trigger of its type is written.
      const kept = found.filter((c) => c.entry.pos !== 'participant' || !found.some((o) => o.entry.pos !== 'participant' && o.entry.type === c.entry.type));
      if (kept.length === 0) continue;
      // The speaker of an attribution in the sentence claims the event; they are not its actor.
      const inSentence = within(mentions, sentence).filter((m) => !speakerMentions.some((s) => s.start === m.start && s.end === m.end));
      const sentenceDates = within(dates, sentence);
      const attached = attachFigures(text, kept, sentenceFigures);
      for (const candidate of kept) {
        const { entry } = candidate;
        const data: EventData = {
          span: toSpanJson(spanAt(text, candidate.start, candidate.end)),
          type: entry.type,
          plover: entry.plover,
          ...rolesOf(text, inSentence, candidate),
          date: dateOf(sentenceDates, candidate),
          place: placeOf(text, inSentence, candidate),
          lemma: entry.lemma,
          mode: entry.mode,
          modality: modalityOf(lex, words, candidate.first),
          figures: attached.get(candidate) ?? [],
          quoteId: null,
        };
        emit(spanAt(text, candidate.start, candidate.end), data, `triggers/${entry.form}${candidate.context ? `; context ${candidate.context}` : ''}`, []);
      }
    }

    // Statements: one per quote with a cue verb, its speaker the actor, its date the quote's. The place
    // mentions of a sentence are gathered once for all its quotes: a run-on text of one sentence can hold
    // thousands of quotes and of mentions.
    const placesBySentence = new Map<string, Mention[]>();
    for (const quote of quotes) {
      const cue = quote.data.cue;
      if (!cue) continue;
      const at = lastAtOrBefore(sentences.length, (i) => sentences[i]!.start, cue.span.start);
      const sentence = at >= 0 && cue.span.start < sentences[at]!.end ? sentences[at]! : { start: 0, end: text.length };
      const key = `${sentence.start}-${sentence.end}`;
      let sentencePlaces = placesBySentence.get(key);
      if (sentencePlaces === undefined) {
        sentencePlaces = within(mentions, sentence).filter((m) => m.place);
        placesBySentence.set(key, sentencePlaces);
      }
      const speakerId = quote.data.speaker?.entityId ?? null;
      const mention = quote.data.date?.mention ?? null;
      const plover = lex.statementPlover.get(cue.lemma) ?? 'OTHER';
      const data: EventData = {
        span: toSpanJson(spanAt(text, cue.span.start, cue.span.end)),
        type: 'statement',
        plover,
        actors: speakerId ? [speakerId] : [],
        recipients: [],
        date: mention ? (dateBySpan.get(`${mention.start}-${mention.end}`) ?? null) : null,
        place: placeOf(text, sentencePlaces, cue.span),
        lemma: cue.lemma,
        mode: null,
        modality: 'asserted',
        figures: [],
        quoteId: quote.id,
      };
      emit(spanAt(text, cue.span.start, cue.span.end), data, `quote cue ${cue.lemma}; statement-plover/${plover === 'OTHER' ? '(none)' : cue.lemma}`, [quote.id]);
    }
    out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return out;
  },
};
