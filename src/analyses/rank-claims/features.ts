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
import { fmix32, hashString } from '../../learn/hash.js';
import { pathPrefix } from '../../learn/word-clusters.js';
import { DETECT_FRAMING_ID, FRAMING_MODEL_REASON } from '../detect-framing/detect-framing.js';
import { EXTRACT_DATES_ID } from '../extract-dates/extract-dates.js';
import { EXTRACT_FIGURES_ID } from '../extract-figures/extract-figures.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { derivedFrom } from '../memo.js';
import { RESOLVE_ALIASES_ID } from '../resolve-aliases/resolve-aliases.js';
import type { TokenTable } from '../segment-text/segment-text.js';
import type { ClaimWordsRow, IrregularVerbsRow } from '../resources.js';
import { IRREGULAR_VERBS } from '../extract-quotes/resource-ids.js';
import { CLAIM_CLUSTERS, CLAIM_WORDS } from './resource-ids.js';
import type { ClusterPath } from '../../learn/word-clusters.js';
import { firstAtOrAfter, lastAtOrBefore } from '../../core/search.js';

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
  // Word-cluster back-off: the path of each token's cluster cut at each length of CLUSTER_PREFIXES.
  'cluster-4',
  'cluster-6',
  'cluster-8',
  'cluster-10',
  'cluster-12',
] as const;

/** The prefix lengths of a cluster path that are features, in the order of the `cluster-*` templates. */
export const CLUSTER_PREFIXES = [4, 6, 8, 10, 12] as const;

const T = Object.fromEntries(TEMPLATES.map((name, i) => [name, i])) as { readonly [K in (typeof TEMPLATES)[number]]: number };

/**
 * `featureId` of the learning module (learn/hash.ts) with each template's hash computed once, and its
 * `combine` and `fmix32` written out here: calls across modules cost a getter each when the sources run
 * through tsx (as the benchmark and training do), and this runs for every character n-gram.
 * A test checks that `fid` equals `featureId`.
 */
const TEMPLATE_HASHES = TEMPLATES.map((_, i) => fmix32(i + 0x51ed27));
export function fid(template: number, value: number, mask: number): number {
  let h = (Math.imul(TEMPLATE_HASHES[template]!, 0x9e3779b1) ^ value) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/** `combine` of learn/hash.ts, written out for the same reason. */
function pair(a: number, b: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** What the features know of a word of the tables: its classes and its tense roles (the bits below). */
export interface WordInfo {
  /** Hashes of its classes in claim-words.tsv, in table order. */
  readonly classes: readonly number[];
  readonly roles: number;
}

const PAST_FORM = 1;
const PARTICIPLE = 2;
const PAST_AUX = 4;
const PERFECT_AUX = 8;
const FUTURE = 16;
const PRESENT_AUX = 32;

/** The tense role of a word-table class. */
const ROLE_OF_CLASS: Readonly<Record<string, number>> = { 'past-auxiliary': PAST_AUX, 'perfect-auxiliary': PERFECT_AUX, future: FUTURE, 'present-auxiliary': PRESENT_AUX };

/** Word classes and tense roles, built once per resource value. */
export interface ClaimLexicon {
  /** Keyed by `hashWord` of the word: one look-up per word, and the hot path builds no strings. */
  readonly words: ReadonlyMap<number, WordInfo>;
  /** A token's key (`hashWord`, or the number key) to the features of its cluster path prefixes, one per `cluster-*` template. */
  readonly clusters: ReadonlyMap<number, Int32Array>;
  /** The hash table size minus one that `clusters` holds feature ids for. */
  readonly mask: number;
}

/** Hash of a word lower-cased, with ’ read as ' (the table writes "don't"); FNV-1a finished by fmix32. */
export function hashWord(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return pair(0, h >>> 0);
}

const buildLexicon = derivedFrom((rows: readonly ClaimWordsRow[], irregular: readonly IrregularVerbsRow[], paths: ReadonlyMap<number, ClusterPath>, maskBox: { mask: number }): ClaimLexicon => {
  const words = new Map<number, { classes: number[]; roles: number }>();
  const entry = (word: string): { classes: number[]; roles: number } => {
    const key = hashWord(word);
    let info = words.get(key);
    if (!info) words.set(key, (info = { classes: [], roles: 0 }));
    return info;
  };
  for (const row of rows) {
    const info = entry(row.word);
    info.classes.push(hashString(row.class));
    info.roles |= ROLE_OF_CLASS[row.class] ?? 0;
  }
  for (const row of irregular) {
    entry(row.past).roles |= PAST_FORM;
    entry(row.participle).roles |= PARTICIPLE;
  }
  // The cluster features of each word, computed once: a look-up per token at run time.
  const clusters = new Map<number, Int32Array>();
  const first = T['cluster-4'];
  for (const [key, path] of paths) clusters.set(key, Int32Array.from(CLUSTER_PREFIXES, (bits, j) => fid(first + j, pathPrefix(path, bits), maskBox.mask)));
  return { words, clusters, mask: maskBox.mask };
});

/** One object per hash table size, so that the memo above keys on it. */
const maskBoxes = new Map<number, { mask: number }>();

/**
 * The word tables and clusters of the features, for a hash table of `mask + 1` buckets (the model's).
 */
export function claimLexicon(resources: Resources, mask: number): ClaimLexicon {
  let box = maskBoxes.get(mask);
  if (!box) maskBoxes.set(mask, (box = { mask }));
  return buildLexicon(resourceValue(resources, CLAIM_WORDS), resourceValue(resources, IRREGULAR_VERBS), resourceValue(resources, CLAIM_CLUSTERS), box);
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

/**
 * Records of one kind sorted by start, with their starts in a typed array beside them: every kind has
 * this one shape, so the look-ups below are the same code for all of them, and a sentence's records are
 * found by a binary search over numbers.
 */
export interface SortedRecords<R> {
  readonly items: readonly R[];
  readonly starts: Int32Array;
}

/** The records of a document that claims rest on, each kind sorted by start. */
export interface DocumentRecords {
  readonly figures: SortedRecords<Finding<'figure'>>;
  readonly dates: SortedRecords<Finding<'date-mention'>>;
  readonly mentions: SortedRecords<MentionRef>;
  readonly quotes: SortedRecords<Finding<'quote'>>;
  /** For each quote (in start order), the furthest end of its span and those before it: where the quotes that reach a sentence begin. */
  readonly quoteReach: Int32Array;
  readonly framing: SortedRecords<Finding<'framing-mark'>>;
}

/** Findings sorted by start, then end (a stable sort; lists already in order, the usual case, are only checked). */
function sortedFindings<R extends Ranged>(items: R[]): SortedRecords<R> {
  const starts = new Int32Array(items.length);
  let sorted = true;
  for (let i = 0; i < items.length; i++) {
    const span = items[i]!.span;
    starts[i] = span.start;
    if (i > 0 && sorted) {
      const before = items[i - 1]!.span;
      if (before.start > span.start || (before.start === span.start && before.end > span.end)) sorted = false;
    }
  }
  if (sorted) return { items, starts };
  items.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 0; i < items.length; i++) starts[i] = items[i]!.span.start;
  return { items, starts };
}

/** The findings of one kind in an analysis's output (or none when it failed or did not run). */
function ofKind<K extends 'figure' | 'date-mention' | 'quote' | 'framing-mark'>(findings: readonly Finding[] | undefined, kind: K): Finding<K>[] {
  const out: Finding<K>[] = [];
  if (findings) for (const f of findings) if (f.kind === kind) out.push(f as Finding<K>);
  return out;
}

/** Gathers the records of the analyses rank-claims uses, once per document; an analysis that failed gives none. */
export function documentRecords(inputs: AnalysisInputs): DocumentRecords {
  const mentions: MentionRef[] = [];
  for (const entity of findingsOfKind(inputs[RESOLVE_ALIASES_ID] ?? [], 'entity')) {
    for (const m of entity.data.mentions) mentions.push({ start: m.start, end: m.end, type: entity.data.type, entityId: entity.id });
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  const mentionStarts = new Int32Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) mentionStarts[i] = mentions[i]!.start;
  const quotes = sortedFindings(ofKind(inputs[EXTRACT_QUOTES_ID], 'quote'));
  const quoteReach = new Int32Array(quotes.items.length);
  let reach = -1;
  for (let i = 0; i < quotes.items.length; i++) quoteReach[i] = reach = Math.max(reach, quotes.items[i]!.span.end);
  // The table and rule marks: the claims model was trained on those, and the span model's phrases (tuned for
  // recall on propaganda spans) would shift its input.
  const framing = ofKind(inputs[DETECT_FRAMING_ID], 'framing-mark').filter((m) => m.reason !== FRAMING_MODEL_REASON);
  return {
    figures: sortedFindings(ofKind(inputs[EXTRACT_FIGURES_ID], 'figure')),
    dates: sortedFindings(ofKind(inputs[EXTRACT_DATES_ID], 'date-mention')),
    mentions: { items: mentions, starts: mentionStarts },
    quotes,
    quoteReach,
    framing: sortedFindings(framing),
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

/** Shared by every sentence without records of a kind; never written to. */
const NONE: readonly never[] = Object.freeze([]);

function within<R>(sorted: SortedRecords<R>, start: number, end: number): readonly R[] {
  const starts = sorted.starts;
  const from = firstAtOrAfter(starts.length, (i) => starts[i]!, start);
  let to = from;
  while (to < starts.length && starts[to]! < end) to++;
  return to === from ? NONE : sorted.items.slice(from, to);
}

/** Quotes with a content piece overlapping [start, end) or a cue starting inside it. */
function quotesTouching(records: DocumentRecords, start: number, end: number): readonly Finding<'quote'>[] {
  const quotes = records.quotes.items;
  const starts = records.quotes.starts;
  let out: Finding<'quote'>[] | null = null;
  // Quotes before the first whose reach passes `start` all end at or before it.
  const reach = records.quoteReach;
  for (let i = lastAtOrBefore(reach.length, (k) => reach[k]!, start) + 1; i < quotes.length && starts[i]! < end; i++) {
    const q = quotes[i]!;
    if (q.span.end <= start) continue;
    let inside = q.data.cue !== null && q.data.cue.span.start >= start && q.data.cue.span.start < end;
    const contents = q.data.contents;
    for (let c = 0; c < contents.length && !inside; c++) inside = contents[c]!.start < end && contents[c]!.end > start;
    if (inside) (out ??= []).push(q);
  }
  return out ?? NONE;
}

/** The records that start inside [start, end), and the quotes that reach into it. */
export function recordsIn(records: DocumentRecords, start: number, end: number): SentenceRecords {
  return {
    figures: within(records.figures, start, end),
    dates: within(records.dates, start, end),
    mentions: within(records.mentions, start, end),
    quotes: quotesTouching(records, start, end),
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

/**
 * `hashString` of the short values of records (units, granularities, entity types, cue lemmas…), each
 * computed once: a small closed set of strings, looked up instead of hashed again for every sentence.
 */
const valueHashes = new Map<string, number>();
function valueHash(value: string): number {
  let h = valueHashes.get(value);
  if (h === undefined) {
    h = hashString(value);
    if (valueHashes.size < 4096) valueHashes.set(value, h);
  }
  return h;
}

/** The hash of each framing category and voice as `category/voice`, built once per pair. */
const framingHashes = new Map<string, Map<string, number>>();
function framingHash(category: string, voice: string): number {
  let byVoice = framingHashes.get(category);
  if (!byVoice) framingHashes.set(category, (byVoice = new Map()));
  let h = byVoice.get(voice);
  if (h === undefined) byVoice.set(voice, (h = hashString(`${category}/${voice}`)));
  return h;
}

const TENSES = ['perfect', 'past', 'future', 'present', 'none'] as const;
/** Each tense's hash, and its hash as a fact of the record pairs (`tense:<tense>`). */
const TENSE_HASH = Object.fromEntries(TENSES.map((t) => [t, hashString(t)])) as Record<(typeof TENSES)[number], number>;
const TENSE_FACT = Object.fromEntries(TENSES.map((t) => [t, hashString(`tense:${t}`)])) as Record<(typeof TENSES)[number], number>;
const FACT_FIGURE = hashString('figure');
const FACT_DATE = hashString('date');
const FACT_ENTITY = hashString('entity');

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
  /** A copy of the ids. */
  result(): Int32Array {
    return this.ids.slice(0, this.length);
  }
  /** The ids without copying: valid until the next `push` or `clear`. */
  view(): Int32Array {
    return this.ids.subarray(0, this.length);
  }
}

/** The 4-gram hashes of the current word, pushed after its 3-grams (the order the model was trained with). */
let fourGrams = new Int32Array(64);

/**
 * Character 3- and 4-grams of a lower-cased word with boundary marks (digits read as 0), hashed without
 * building strings, in one pass: the hash of a 4-gram continues the hash of the 3-gram it starts with.
 * Pushes every 3-gram, then every 4-gram. Words of one letter have none, of two letters only 3-grams.
 */
function charGrams(text: string, start: number, end: number, mask: number, out: FeatureBuffer): void {
  // Position -1 and `length` are the boundary marks.
  const length = end - start;
  if (length < 2) return;
  if (fourGrams.length < length + 2) fourGrams = new Int32Array(length * 2 + 2);
  let fours = 0;
  for (let i = -1; i + 3 <= length + 1; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + 4 && k <= length; k++) {
      let c = k < 0 || k >= length ? 32 : text.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 48 && c <= 57) c = 48;
      else if (c === APOSTROPHE) c = 39;
      h ^= c;
      h = Math.imul(h, 0x01000193);
      if (k === i + 2) out.push(fid(T['char-3'], h >>> 0, mask));
      else if (k === i + 3 && length >= 3) fourGrams[fours++] = fid(T['char-4'], h >>> 0, mask);
    }
  }
  for (let f = 0; f < fours; f++) out.push(fourGrams[f]!);
}

/** Token types of segment-text's table. */
const WORD = 0;
const NUMBER_TOKEN = 1;

/**
 * The summed weight of each word's cluster features in a model's log-odds table: a word's cluster
 * features are always the same ids, so scoring can add one number per token instead of reading five
 * weights (built once per model and clusters).
 */
export const clusterWeights = derivedFrom((weights: Float64Array, lex: ClaimLexicon): ReadonlyMap<number, number> => {
  const out = new Map<number, number>();
  for (const [key, ids] of lex.clusters) {
    let sum = 0;
    for (let j = 0; j < ids.length; j++) sum += weights[ids[j]!]!;
    out.set(key, sum);
  }
  return out;
});

/**
 * The features of the sentence made of tokens [from, to) of the table, with its records, appended to
 * `out`. `mask` is the hash table size minus one. With `summed` (from `clusterWeights`), a token's
 * cluster features are not appended: the sum of their weights is added up and returned instead (0
 * without it).
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
  summed: ReadonlyMap<number, number> | null = null,
): number {
  let clusterSum = 0;
  let previous = BOUNDARY;
  let words = 0;
  let past = false;
  let perfect = false;
  let future = false;
  let presentAux = false;
  let perfectAuxAt = -10;
  let firstSeen = false;
  const classSeen: number[] = [];
  if (lex.mask !== mask) throw new RangeError(`sentenceFeatures: the lexicon's cluster features are for ${lex.mask + 1} buckets, not ${mask + 1}`);
  const clusters = lex.clusters;
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
      out.push(fid(T['number-shape'], s >>> 0, mask));
    } else h = hashWord(text, start, end);
    if (type === WORD || type === NUMBER_TOKEN) words++;
    out.push(fid(T.word, h, mask));
    if (summed) clusterSum += summed.get(h) ?? 0;
    else {
      const cluster = clusters.get(h);
      if (cluster) for (let j = 0; j < cluster.length; j++) out.push(cluster[j]!);
    }
    out.push(fid(T['word-bigram'], pair(previous, h), mask));
    previous = h;
    if (type === WORD) {
      if (!firstSeen) {
        out.push(fid(T['first-word'], h, mask));
        firstSeen = true;
      }
      charGrams(text, start, end, mask, out);
      const info = lex.words.get(h);
      const roles = info ? info.roles : 0;
      if (info) for (const c of info.classes) if (!classSeen.includes(c)) classSeen.push(c);
      const length = end - start;
      const last = text.charCodeAt(end - 1) | 32;
      const beforeLast = text.charCodeAt(end - 2);
      // "-n't" (didn't, won’t) is a negation; "-ed" in a word of five letters or more reads as a past form.
      if (length >= 4 && last === 116 && (beforeLast === 39 || beforeLast === 0x2019) && (text.charCodeAt(end - 3) | 32) === 110 && !classSeen.includes(NEGATION)) classSeen.push(NEGATION);
      const verbish = length > 4 && last === 100 && (beforeLast | 32) === 101;
      if (roles & (PAST_FORM | PAST_AUX) || (verbish && i - perfectAuxAt > 2)) past = true;
      if (roles & PERFECT_AUX) perfectAuxAt = i;
      else if (i - perfectAuxAt <= 2 && (verbish || roles & PARTICIPLE || h === BEEN)) perfect = true;
      if (roles & FUTURE) future = true;
      if (roles & PRESENT_AUX) presentAux = true;
    }
  }
  out.push(fid(T['word-bigram'], pair(previous, END), mask));
  for (const c of classSeen) out.push(fid(T['word-class'], c, mask));
  const tense = perfect ? 'perfect' : past ? 'past' : future ? 'future' : presentAux ? 'present' : 'none';
  out.push(fid(T.tense, TENSE_HASH[tense], mask));
  out.push(fid(T.length, lengthBucket(words), mask));

  const figures = records.figures;
  out.push(fid(T['figure-count'], countBucket(figures.length), mask));
  for (const f of figures) {
    out.push(fid(T['figure-unit'], valueHash(f.data.unit ?? '-'), mask));
    out.push(fid(T['figure-approx'], valueHash(f.data.approx), mask));
    out.push(fid(T['figure-counted'], f.data.counted === null ? 0 : 1, mask));
  }
  out.push(fid(T['date-count'], countBucket(records.dates.length), mask));
  for (const d of records.dates) out.push(fid(T['date-granularity'], valueHash(d.data.granularity), mask));
  const types = new Map<string, number>();
  for (const m of records.mentions) types.set(m.type, (types.get(m.type) ?? 0) + 1);
  out.push(fid(T['entity-count'], countBucket(records.mentions.length), mask));
  for (const [type, n] of types) out.push(fid(T['entity-type'], pair(valueHash(type), countBucket(n)), mask));
  out.push(fid(T.quote, records.quotes.length > 0 ? 1 : 0, mask));
  for (const q of records.quotes) {
    out.push(fid(T.quote, valueHash(q.data.type), mask));
    if (q.data.cue) {
      out.push(fid(T['quote-stance'], valueHash(q.data.cue.stance), mask));
      out.push(fid(T['quote-cue'], valueHash(q.data.cue.lemma), mask));
    }
  }
  for (const mark of records.framing) out.push(fid(T.framing, framingHash(mark.data.category, mark.data.voice), mask));
  // Pairs of record facts: a figure with a date, a figure said in the first person, a named entity in the past tense.
  const facts: number[] = [TENSE_FACT[tense]];
  if (figures.length > 0) facts.push(FACT_FIGURE);
  if (records.dates.length > 0) facts.push(FACT_DATE);
  if (records.mentions.length > 0) facts.push(FACT_ENTITY);
  if (classSeen.includes(FIRST_SINGULAR)) facts.push(FIRST_SINGULAR);
  if (classSeen.includes(FIRST_PLURAL)) facts.push(FIRST_PLURAL);
  if (classSeen.includes(SECOND_PERSON)) facts.push(SECOND_PERSON);
  if (classSeen.includes(NEGATION)) facts.push(NEGATION);
  if (classSeen.includes(COMPARATIVE)) facts.push(COMPARATIVE);
  for (let a = 0; a < facts.length; a++) for (let b = a + 1; b < facts.length; b++) out.push(fid(T['record-pair'], pair(facts[a]!, facts[b]!), mask));
  return clusterSum;
}

const NEGATION = hashString('negation');
const COMPARATIVE = hashString('comparative');
const FIRST_SINGULAR = hashString('first-singular');
const FIRST_PLURAL = hashString('first-plural');
const SECOND_PERSON = hashString('second-person');
const BEEN = hashWord('been');

