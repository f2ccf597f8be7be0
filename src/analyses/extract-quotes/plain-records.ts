/**
 * The records extract-quotes hands out, made by constructors instead of object literals: plain objects all the
 * same, with their fields in the order of the literals they replace, that start young in V8's heap when a
 * caller keeps every document's records (core/plain-record.ts; docs/performance.md, "extract-quotes, round 4").
 */
import type { CueJson, QuoteDateJson, QuoteJson, QuoteType, SpanJson, SpeakerJson } from '../../api/analysis-json.js';
import type { Finding } from '../../core/finding.js';
import { plainRecord } from '../../core/plain-record.js';
import type { Span } from '../../core/span.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** `{ start, end, text }`. */
export const SpanRecord = plainRecord(function (this: SpanJson, start: number, end: number, text: string) {
  this.start = start;
  this.end = end;
  this.text = text;
});

/** `{ span, lemma, stance }`, and `phrase` after them when there is one. */
export const CueRecord = plainRecord(function (this: CueJson, span: SpanJson, lemma: string, stance: CueJson['stance'], phrase: SpanJson | null) {
  this.span = span;
  this.lemma = lemma;
  this.stance = stance;
  if (phrase) this.phrase = phrase;
});

/** `{ mention, role, entityId, name, basis, reason }`, and `antecedent` after them when there is one. */
export const SpeakerRecord = plainRecord(function (
  this: SpeakerJson,
  mention: SpanJson | null,
  role: string | null | undefined,
  entityId: string | null,
  name: string | null,
  basis: SpeakerJson['basis'],
  reason: string,
  antecedent: SpanJson | null | undefined,
) {
  this.mention = mention;
  this.role = role as string | null;
  this.entityId = entityId;
  this.name = name;
  this.basis = basis;
  this.reason = reason;
  if (antecedent) (this as { antecedent?: SpanJson }).antecedent = antecedent;
});

type QuoteData = Omit<QuoteJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

/** `{ type, content, contents, cue, speaker, date, voice }` of a quote record. */
export const QuoteDataRecord = plainRecord(function (
  this: Writable<QuoteData>,
  type: QuoteType,
  content: SpanJson,
  contents: SpanJson[],
  cue: CueJson | null,
  speaker: SpeakerJson | null,
  date: QuoteDateJson | null,
  voice: QuoteData['voice'],
) {
  this.type = type;
  this.content = content;
  this.contents = contents;
  this.cue = cue;
  this.speaker = speaker;
  this.date = date;
  this.voice = voice;
});

/** `{ id, analysis, kind, span, data, basis, reason }` of a quote, and `evidence` after them when there is some. */
export const QuoteFinding = plainRecord(function (
  this: Writable<Finding<'quote'>>,
  id: string,
  analysis: string,
  span: Span,
  data: QuoteData,
  basis: Finding<'quote'>['basis'],
  reason: string,
  evidence: string[] | null,
) {
  this.id = id;
  this.analysis = analysis;
  this.kind = 'quote';
  this.span = span;
  this.data = data;
  this.basis = basis;
  this.reason = reason;
  if (evidence) this.evidence = evidence;
});
