/**
 * The features of check-worthiness, one function for training and for the analysis: the records the
 * earlier analyses made for a sentence (figures, dates, entities, quotes and their cue stance,
 * framing marks), word classes (negation, comparatives, superlatives, person, tense and modality),
 * and hashed word and character n-grams. At training time each CheckThat! sentence is run through the
 * pipeline as a document of its own and fed here with its records, so that train and run features
 * are computed by the same code from the same kinds of record.
 */
import type { AnalysisInputs } from '../../core/analysis.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import type { Resources } from '../../core/resources.js';
import { resourceValue } from '../../core/resources.js';
import { combine, featureId, hashLower, hashString } from '../../learn/hash.js';
import { DETECT_FRAMING_ID } from '../detect-framing/detect-framing.js';
import { EXTRACT_DATES_ID } from '../extract-dates/extract-dates.js';
import { EXTRACT_FIGURES_ID } from '../extract-figures/extract-figures.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { derivedFrom } from '../memo.js';
import { RESOLVE_ALIASES_ID } from '../resolve-aliases/resolve-aliases.js';
import type { TokenTable } from '../segment-text/segment-text.js';
import type { ClaimWordsRow, IrregularVerbsRow } from '../resources.js';
import { IRREGULAR_VERBS } from '../extract-quotes/resource-ids.js';
import { CLAIM_WORDS } from './resource-ids.js';

/** Feature templates, in id order; the model file lists them. */
export const TEMPLATES = [
  'word',
  'word-bigram',
  'char-3',
  'char-4',
  'word-class',
  'tense',
  'figure-count',
  'figure-unit',
  'figure-approx',
  'figure-counted',
  'date-count',
  'date-granularity',
  'entity-type',
  'entity-count',
  'quote',
  'quote-stance',
  'quote-cue',
  'framing',
  'length',
  'first-word',
  'number-shape',
  'record-pair',
] as const;

const T = Object.fromEntries(TEMPLATES.map((name, i) => [name, i])) as { readonly [K in (typeof TEMPLATES)[number]]: number };

/** Word classes and past forms, built once per resource value. */
export interface ClaimLexicon {
  /** Lower-case word -> hashes of its classes. */
  readonly classes: ReadonlyMap<string, readonly number[]>;
  readonly pastForms: ReadonlySet<string>;
  readonly participles: ReadonlySet<string>;
  /** Members of the tense classes of the table, for the tense feature. */
  readonly pastAux: ReadonlySet<string>;
  readonly perfectAux: ReadonlySet<string>;
  readonly future: ReadonlySet<string>;
  readonly presentAux: ReadonlySet<string>;
}

const buildLexicon = derivedFrom((words: readonly ClaimWordsRow[], irregular: readonly IrregularVerbsRow[]): ClaimLexicon => {
  const classes = new Map<string, number[]>();
  for (const row of words) {
    const list = classes.get(row.word) ?? [];
    list.push(hashString(row.class));
    classes.set(row.word, list);
  }
  const of = (name: string): Set<string> => new Set(words.filter((row) => row.class === name).map((row) => row.word));
  return {
    classes,
    pastAux: of('past-auxiliary'),
    perfectAux: of('perfect-auxiliary'),
    future: of('future'),
    presentAux: of('present-auxiliary'),
    pastForms: new Set(irregular.map((row) => row.past)),
    participles: new Set(irregular.map((row) => row.participle)),
  };
});

export function claimLexicon(resources: Resources): ClaimLexicon {
  return buildLexicon(resourceValue(resources, CLAIM_WORDS), resourceValue(resources, IRREGULAR_VERBS));
}

interface Ranged {
  readonly span: { readonly start: number; readonly end: number };
}

/** An entity mention with the entity it belongs to. */
export interface MentionRef {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly entityId: string;
}

/** The records of a document that claims rest on, each list sorted by start. */
export interface DocumentRecords {
  readonly figures: readonly Finding<'figure'>[];
  readonly dates: readonly Finding<'date-mention'>[];
  readonly mentions: readonly MentionRef[];
  readonly quotes: readonly Finding<'quote'>[];
  readonly framing: readonly Finding<'framing-mark'>[];
}

const byStart = <R extends Ranged>(list: R[]): R[] => list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

/** Gathers the records of the analyses rank-claims uses; an analysis that failed gives none. */
export function documentRecords(inputs: AnalysisInputs): DocumentRecords {
  const mentions: MentionRef[] = [];
  for (const entity of findingsOfKind(inputs[RESOLVE_ALIASES_ID] ?? [], 'entity')) {
    for (const m of entity.data.mentions) mentions.push({ start: m.start, end: m.end, type: entity.data.type, entityId: entity.id });
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    figures: byStart(findingsOfKind(inputs[EXTRACT_FIGURES_ID] ?? [], 'figure')),
    dates: byStart(findingsOfKind(inputs[EXTRACT_DATES_ID] ?? [], 'date-mention')),
    mentions,
    quotes: byStart(findingsOfKind(inputs[EXTRACT_QUOTES_ID] ?? [], 'quote')),
    framing: byStart(findingsOfKind(inputs[DETECT_FRAMING_ID] ?? [], 'framing-mark')),
  };
}

/** The records of one sentence. */
export interface SentenceRecords {
  readonly figures: readonly Finding<'figure'>[];
  readonly dates: readonly Finding<'date-mention'>[];
  readonly mentions: readonly MentionRef[];
  /** Quotes with a content piece or cue inside the sentence. */
  readonly quotes: readonly Finding<'quote'>[];
  readonly framing: readonly Finding<'framing-mark'>[];
}

/** First index whose start is >= `start` (lists sorted by start). */
function lowerBound(n: number, startOf: (i: number) => number, start: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(mid) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function within<R extends Ranged>(list: readonly R[], start: number, end: number): R[] {
  const out: R[] = [];
  for (let i = lowerBound(list.length, (k) => list[k]!.span.start, start); i < list.length && list[i]!.span.start < end; i++) out.push(list[i]!);
  return out;
}

function quotesTouching(quotes: readonly Finding<'quote'>[], start: number, end: number): Finding<'quote'>[] {
  const out: Finding<'quote'>[] = [];
  for (const q of quotes) {
    if (q.span.start >= end) break;
    if (q.span.end <= start) continue;
    const inside = q.data.contents.some((c) => c.start < end && c.end > start) || (q.data.cue !== null && q.data.cue.span.start >= start && q.data.cue.span.start < end);
    if (inside) out.push(q);
  }
  return out;
}

/** The records that start inside [start, end), and the quotes that reach into it. */
export function recordsIn(records: DocumentRecords, start: number, end: number): SentenceRecords {
  const m = records.mentions;
  const mentions: MentionRef[] = [];
  for (let i = lowerBound(m.length, (k) => m[k]!.start, start); i < m.length && m[i]!.start < end; i++) mentions.push(m[i]!);
  return {
    figures: within(records.figures, start, end),
    dates: within(records.dates, start, end),
    mentions,
    quotes: quotesTouching(records.quotes, start, end),
    framing: within(records.framing, start, end),
  };
}

const countBucket = (n: number): number => (n >= 3 ? 3 : n);

function lengthBucket(words: number): number {
  if (words <= 4) return 0;
  if (words <= 8) return 1;
  if (words <= 15) return 2;
  if (words <= 25) return 3;
  if (words <= 40) return 4;
  return 5;
}

const BOUNDARY = hashString('<s>');
const END = hashString('</s>');
const NUMBER = hashString('<num>');
const APOSTROPHE = 0x2019;

/** Growable list of feature ids, reused across sentences. */
export class FeatureBuffer {
  private ids = new Int32Array(512);
  length = 0;
  push(id: number): void {
    if (this.length === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.length++] = id;
  }
  clear(): void {
    this.length = 0;
  }
  result(): Int32Array {
    return this.ids.slice(0, this.length);
  }
}

/** Lower-case word with ’ as ', as the word-class table writes it. */
function normalisedLower(text: string, start: number, end: number): string {
  const raw = text.slice(start, end).toLowerCase();
  return raw.indexOf('’') >= 0 ? raw.replace(/’/g, "'") : raw;
}

/** Character n-grams of a lower-cased word with boundary marks, hashed without building strings. */
function charGrams(text: string, start: number, end: number, n: number, template: number, mask: number, out: FeatureBuffer): void {
  // Position -1 and `end - start` are the boundary marks.
  const length = end - start;
  for (let i = -1; i + n <= length + 1; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + n; k++) {
      let c = k < 0 || k >= length ? 32 : text.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 48 && c <= 57) c = 48;
      else if (c === APOSTROPHE) c = 39;
      h ^= c;
      h = Math.imul(h, 0x01000193);
    }
    out.push(featureId(template, h >>> 0, mask));
  }
}

/** Token types of segment-text's table. */
const WORD = 0;
const NUMBER_TOKEN = 1;

/**
 * The features of the sentence made of tokens [from, to) of the table, with its records, appended to
 * `out`. `mask` is the hash table size minus one.
 */
export function sentenceFeatures(
  text: string,
  tokens: TokenTable,
  from: number,
  to: number,
  records: SentenceRecords,
  lex: ClaimLexicon,
  mask: number,
  out: FeatureBuffer,
): void {
  let previous = BOUNDARY;
  let words = 0;
  let past = false;
  let perfect = false;
  let future = false;
  let presentAux = false;
  let perfectAuxAt = -10;
  let firstSeen = false;
  const classSeen = new Set<number>();
  for (let i = from; i < to; i++) {
    const start = tokens.starts[i]!;
    const end = tokens.ends[i]!;
    const type = tokens.types[i]!;
    let h: number;
    if (type === NUMBER_TOKEN) {
      h = NUMBER;
      // The number's shape: digits as 0, so "50" and "73" share "00".
      let s = 0x811c9dc5;
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k);
        s ^= c >= 48 && c <= 57 ? 48 : c;
        s = Math.imul(s, 0x01000193);
      }
      out.push(featureId(T['number-shape'], s >>> 0, mask));
    } else h = hashLower(text, start, end);
    if (type === WORD || type === NUMBER_TOKEN) words++;
    out.push(featureId(T.word, h, mask));
    out.push(featureId(T['word-bigram'], combine(previous, h), mask));
    previous = h;
    if (type === WORD) {
      if (!firstSeen) {
        out.push(featureId(T['first-word'], h, mask));
        firstSeen = true;
      }
      if (end - start >= 2) {
        charGrams(text, start, end, 3, T['char-3'], mask, out);
        if (end - start >= 3) charGrams(text, start, end, 4, T['char-4'], mask, out);
      }
      const lower = normalisedLower(text, start, end);
      const classes = lex.classes.get(lower);
      if (classes) for (const c of classes) classSeen.add(c);
      if (lower.endsWith("n't")) classSeen.add(NEGATION);
      const verbish = lower.length > 4 && lower.endsWith('ed');
      if (lex.pastForms.has(lower) || lex.pastAux.has(lower) || (verbish && i - perfectAuxAt > 2)) past = true;
      if (lex.perfectAux.has(lower)) perfectAuxAt = i;
      else if (i - perfectAuxAt <= 2 && (verbish || lex.participles.has(lower) || lower === 'been')) perfect = true;
      if (lex.future.has(lower)) future = true;
      if (lex.presentAux.has(lower)) presentAux = true;
    }
  }
  out.push(featureId(T['word-bigram'], combine(previous, END), mask));
  for (const c of classSeen) out.push(featureId(T['word-class'], c, mask));
  const tense = perfect ? 'perfect' : past ? 'past' : future ? 'future' : presentAux ? 'present' : 'none';
  out.push(featureId(T.tense, hashString(tense), mask));
  out.push(featureId(T.length, lengthBucket(words), mask));

  const figures = records.figures;
  out.push(featureId(T['figure-count'], countBucket(figures.length), mask));
  for (const f of figures) {
    out.push(featureId(T['figure-unit'], hashString(f.data.unit ?? '-'), mask));
    out.push(featureId(T['figure-approx'], hashString(f.data.approx), mask));
    out.push(featureId(T['figure-counted'], f.data.counted === null ? 0 : 1, mask));
  }
  out.push(featureId(T['date-count'], countBucket(records.dates.length), mask));
  for (const d of records.dates) out.push(featureId(T['date-granularity'], hashString(d.data.granularity), mask));
  const types = new Map<string, number>();
  for (const m of records.mentions) types.set(m.type, (types.get(m.type) ?? 0) + 1);
  out.push(featureId(T['entity-count'], countBucket(records.mentions.length), mask));
  for (const [type, n] of types) out.push(featureId(T['entity-type'], combine(hashString(type), countBucket(n)), mask));
  out.push(featureId(T.quote, records.quotes.length > 0 ? 1 : 0, mask));
  for (const q of records.quotes) {
    out.push(featureId(T.quote, hashString(q.data.type), mask));
    if (q.data.cue) {
      out.push(featureId(T['quote-stance'], hashString(q.data.cue.stance), mask));
      out.push(featureId(T['quote-cue'], hashString(q.data.cue.lemma), mask));
    }
  }
  for (const mark of records.framing) out.push(featureId(T.framing, hashString(`${mark.data.category}/${mark.data.voice}`), mask));
  // Pairs of record facts: a figure with a date, a figure said in the first person, a named entity in the past tense.
  const facts: number[] = [hashString(`tense:${tense}`)];
  if (figures.length > 0) facts.push(hashString('figure'));
  if (records.dates.length > 0) facts.push(hashString('date'));
  if (records.mentions.length > 0) facts.push(hashString('entity'));
  if (classSeen.has(FIRST_SINGULAR)) facts.push(hashString('first-singular'));
  if (classSeen.has(FIRST_PLURAL)) facts.push(hashString('first-plural'));
  if (classSeen.has(SECOND_PERSON)) facts.push(hashString('second-person'));
  if (classSeen.has(NEGATION)) facts.push(hashString('negation'));
  if (classSeen.has(COMPARATIVE)) facts.push(hashString('comparative'));
  for (let a = 0; a < facts.length; a++) for (let b = a + 1; b < facts.length; b++) out.push(featureId(T['record-pair'], combine(facts[a]!, facts[b]!), mask));
}

const NEGATION = hashString('negation');
const COMPARATIVE = hashString('comparative');
const FIRST_SINGULAR = hashString('first-singular');
const FIRST_PLURAL = hashString('first-plural');
const SECOND_PERSON = hashString('second-person');

