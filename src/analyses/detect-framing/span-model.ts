/**
 * The learned span model of detect-framing: an averaged perceptron BILOU tagger from `src/learn`
 * (models/framing.model, trained by `npm run train -- framing` on the PTC training articles) that
 * marks framing phrases the tables do not list. It reads each sentence's words with the lexicon's
 * own marks as features, so the tables and the model work together.
 *
 * Even-handedness: a word inside an entity mention (a person, party, country, group) is not itself a
 * feature; it is seen as `<name>`, with its shape. The model cannot learn that the name of one side
 * predicts framing, and the same frame aimed at either side gets the same features.
 *
 * The same code computes the features for training (scripts/train-framing.ts) and at run time, so
 * they cannot drift apart.
 */
import * as hash from '../../learn/hash.js';

import type { SequenceTagger } from '../../learn/sequence-tagger.js';
import type { Tokens } from './words.js';

// Module-level copies of the functions called per word: a call through an import binding can cost a
// property read each time when the code is run as transpiled CommonJS.
const combine = hash.combine;
const fmix32 = hash.fmix32;
const hashLower = hash.hashLower;
const hashString = hash.hashString;

/** The feature templates, in the order of a token's features (written into the model file). */
export const SPAN_TEMPLATES = [
  'bias',
  'word',
  'word-1',
  'word+1',
  'word-1|word',
  'word|word+1',
  'suffix3',
  'shape',
  'mark',
  'mark-1',
  'mark+1',
  'gap-before',
  'gap-after',
  'place',
  'word-2',
  'word+2',
  'mark-2',
  'mark+2',
  'marks-near',
  'cluster-4',
  'cluster-8',
  'cluster-12',
  'cluster-8-1',
  'cluster-8+1',
] as const;

/** Bits of a word's cluster path the `cluster-*` templates read (`cluster-8-1`, `cluster-8+1`: the neighbours' 8 bits). */
export const CLUSTER_BITS = [4, 8, 12] as const;

/**
 * detect-framing's word classes (models/framing.clusters, learned without labels by `npm run train --
 * framing`): the model's word key (`lowerKey`) to a cluster path of `src/learn/word-clusters.ts`. A word
 * that is not in it, a side's placeholder and the sentence edges have cluster 0.
 */
export type FramingClusters = ReadonlyMap<number, number>;

export const NO_CLUSTERS: FramingClusters = new Map();

/** The first `bits` bits of `path` (a path with a leading 1 bit, as `pathPrefix`); 0 stays 0. */
function prefixOf(path: number, bits: number): number {
  if (path === 0) return 0;
  const length = 31 - Math.clz32(path);
  return length <= bits ? path : path >>> (length - bits);
}

export const SPAN_FEATURES = SPAN_TEMPLATES.length;

/** The one span type of the tagger: a framing phrase. */
export const SPAN_TYPE = 'F';

/** What the model needs of a document besides its tokens: per token, the lexicon mark on it, its voice, and whether it names a side. */
export interface SpanInput {
  readonly text: string;
  /** The model's tokens: the document's words, with each side's run of words read as one token. */
  readonly words: Tokens;
  /** Per token, its first word in the document's words; one more entry, the word count. */
  readonly firstWord: Int32Array;
  /** Per token: 0 for no mark, else 2 × (category index + 1), + 1 on a mark's first word. */
  readonly mark: Uint8Array;
  /** Per token: 1 inside a quote's content. */
  readonly quoted: Uint8Array;
  /** Per token: 1 when it names a side (masked as `<name>`, and never inside a model phrase). */
  readonly name: Uint8Array;
  /** Per sentence: written in title case, as headlines are. */
  readonly headline: readonly boolean[];
}

const NAME = hashString('<name>');
/** Per template, the seed `featureId` mixes with the value (computed once: the same ids as `featureId(template, value, mask)`). */
const SEED = SPAN_TEMPLATES.map((_, t) => fmix32(t + 0x51ed27));
const BOUNDARY = hashString('<s>');
const END = hashString('</s>');

/** Hash of the non-space characters between two positions (at most four), or of nothing. */
function gapHash(text: string, from: number, to: number): number {
  let h = 0x9e3779b1;
  let kept = 0;
  for (let i = from; i < to && kept < 4; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) continue;
    h = combine(h, c === 10 || c === 13 ? 10 : c);
    kept++;
  }
  return h;
}

/** Per-word hashes that do not depend on the neighbours, computed once per document. */
export interface WordHashes {
  readonly word: Uint32Array;
  /** Per word, its cluster path (0 for none): filled for training and tests only; the scorer folds clusters into its word memo. */
  readonly cluster: Uint32Array;
  readonly suffix: Uint32Array;
  readonly shape: Uint32Array;
  readonly gapBefore: Uint32Array;
}

export function wordHashes(input: SpanInput, clusters: FramingClusters = NO_CLUSTERS): WordHashes {
  const n = input.words.count;
  const hashes = { word: new Uint32Array(n), cluster: new Uint32Array(n), suffix: new Uint32Array(n), shape: new Uint32Array(n), gapBefore: new Uint32Array(n + 1) };
  fillWordHashes(input, hashes);
  for (let i = 0; i < n; i++) hashes.cluster[i] = clusters.get(hashes.word[i]!) ?? 0;
  return hashes;
}

/** Reused by `tagSpans` (the hashes do not outlive a call): one set of arrays instead of four new ones per document. */
let pooledHashes: WordHashes = { word: new Uint32Array(0), cluster: new Uint32Array(0), suffix: new Uint32Array(0), shape: new Uint32Array(0), gapBefore: new Uint32Array(1) };

function pooledWordHashes(input: SpanInput): WordHashes {
  const n = input.words.count;
  if (pooledHashes.word.length < n) {
    const size = 2 * n + 64;
    pooledHashes = { word: new Uint32Array(size), cluster: pooledHashes.cluster, suffix: new Uint32Array(size), shape: new Uint32Array(size), gapBefore: new Uint32Array(size + 1) };
  }
  fillWordHashes(input, pooledHashes);
  return pooledHashes;
}

/** The per-word hashes of `input` into the first `count` (+ 1 for `gapBefore`) places of `out` (not `cluster`). */
function fillWordHashes(input: SpanInput, out: WordHashes): void {
  const { text, words, name } = input;
  const n = words.count;
  const { word, suffix, shape, gapBefore } = out;
  const { starts, ends, capital, lowerKey } = words;
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    const length = end - start;
    if (name[i]) {
      word[i] = NAME;
      suffix[i] = NAME;
      // A side's shape says nothing about which side it is.
      shape[i] = 255;
    } else {
      word[i] = lowerKey[i]!;
      suffix[i] = hashLower(text, Math.max(start, end - 3), end);
      // 2 for a word in capitals (`NATO`), 1 for a capitalised one, 0 else.
      let caps = 0;
      if (capital[i]) {
        caps = length > 1 ? 2 : 1;
        for (let k = start; k < end && caps === 2; k++) {
          const c = text.charCodeAt(k);
          if (c < 65 || c > 90) caps = 1;
        }
      }
      shape[i] = caps * 16 + Math.min(length, 15);
    }
    gapBefore[i] = gapHash(text, i === 0 ? Math.max(0, start - 4) : ends[i - 1]!, start);
  }
  gapBefore[n] = n === 0 ? 0 : gapHash(text, ends[n - 1]!, Math.min(text.length, ends[n - 1]! + 4));
}

/**
 * The features of words `from .. to - 1` (one sentence) into `out` (SPAN_FEATURES per word), hashed
 * into `mask + 1` buckets.
 */
export function sentenceFeatures(input: SpanInput, hashes: WordHashes, from: number, to: number, mask: number, out: Int32Array, clusters: FramingClusters = NO_CLUSTERS): void {
  const { words, mark, quoted, headline } = input;
  const { word, cluster, suffix, shape, gapBefore } = hashes;
  // The sentence edges' cluster, looked up as any other key (none): the scorer's memo does the same.
  const edgeBefore = clusters.get(BOUNDARY) ?? 0;
  const edgeAfter = clusters.get(END) ?? 0;
  const F = SPAN_FEATURES;
  const headlineFlag = headline[words.sentence[from]!] ? 4 : 0;
  for (let i = from; i < to; i++) {
    const o = (i - from) * F;
    const w = word[i]!;
    const wm1 = i > from ? word[i - 1]! : BOUNDARY;
    const wp1 = i + 1 < to ? word[i + 1]! : END;
    const m = mark[i]!;
    const mm1 = i > from ? mark[i - 1]! : 255;
    const mp1 = i + 1 < to ? mark[i + 1]! : 255;
    out[o] = combine(SEED[0]!, 1) & mask;
    out[o + 1] = combine(SEED[1]!, w) & mask;
    out[o + 2] = combine(SEED[2]!, wm1) & mask;
    out[o + 3] = combine(SEED[3]!, wp1) & mask;
    out[o + 4] = combine(SEED[4]!, combine(wm1, w)) & mask;
    out[o + 5] = combine(SEED[5]!, combine(w, wp1)) & mask;
    out[o + 6] = combine(SEED[6]!, suffix[i]!) & mask;
    out[o + 7] = combine(SEED[7]!, shape[i]!) & mask;
    out[o + 8] = combine(SEED[8]!, m) & mask;
    out[o + 9] = combine(SEED[9]!, mm1) & mask;
    out[o + 10] = combine(SEED[10]!, mp1) & mask;
    out[o + 11] = combine(SEED[11]!, gapBefore[i]!) & mask;
    out[o + 12] = combine(SEED[12]!, gapBefore[i + 1]!) & mask;
    out[o + 13] = combine(SEED[13]!, quoted[i]! + 2 * (i === from ? 1 : 0) + headlineFlag + 8 * (i + 1 === to ? 1 : 0)) & mask;
    out[o + 14] = combine(SEED[14]!, i - 2 >= from ? word[i - 2]! : BOUNDARY) & mask;
    out[o + 15] = combine(SEED[15]!, i + 2 < to ? word[i + 2]! : END) & mask;
    out[o + 16] = combine(SEED[16]!, i - 2 >= from ? mark[i - 2]! : 255) & mask;
    out[o + 17] = combine(SEED[17]!, i + 2 < to ? mark[i + 2]! : 255) & mask;
    out[o + 18] = combine(SEED[18]!, marksNear(mark, i, from, to)) & mask;
    const c = cluster[i]!;
    out[o + 19] = combine(SEED[19]!, prefixOf(c, 4)) & mask;
    out[o + 20] = combine(SEED[20]!, prefixOf(c, 8)) & mask;
    out[o + 21] = combine(SEED[21]!, prefixOf(c, 12)) & mask;
    out[o + 22] = combine(SEED[22]!, prefixOf(i > from ? cluster[i - 1]! : edgeBefore, 8)) & mask;
    out[o + 23] = combine(SEED[23]!, prefixOf(i + 1 < to ? cluster[i + 1]! : edgeAfter, 8)) & mask;
  }
}

/**
 * The `marks-near` value of token `i` in `from .. to - 1`: how many other tokens within three places
 * carry a table or rule mark (at most 3), plus 4 when the token itself does: the lexicons over a wider
 * window than `mark±1`, `mark±2`.
 */
function marksNear(mark: Uint8Array, i: number, from: number, to: number): number {
  let near = 0;
  const lo = Math.max(from, i - 3);
  const hi = Math.min(to - 1, i + 3);
  for (let j = lo; j <= hi; j++) if (j !== i && mark[j] !== 0) near++;
  return (near > 3 ? 3 : near) + (mark[i] !== 0 ? 4 : 0);
}

/** The sentences as word ranges: `[first word, last word + 1)` each, empty ones left out. */
export function sentenceWordRanges(words: Pick<Tokens, 'count' | 'sentence'>): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  for (let i = 1; i <= words.count; i++) {
    if (i === words.count || words.sentence[i] !== words.sentence[from]) {
      if (i > from) out.push({ from, to: i });
      from = i;
    }
  }
  return out;
}

/**
 * A phrase without the words that name a side: a mark points at the wording, not at whom it is
 * aimed at, so `the despicable attack on the officers` and `… on the marchers` give the same marks.
 * The pieces between side words are kept.
 */
function pushWithoutSides(side: Uint8Array, start: number, end: number, out: { start: number; end: number }[]): void {
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || side[i]) {
      if (i > from) out.push({ start: from, end: i });
      from = i + 1;
    }
  }
}

/** Longest sentence the tagger reads at once; a longer run of words is read in pieces of this size. */
export const MAX_SEQUENCE = 200;

/** A framing model as the analysis holds it: the tagger, its dense emission weights and the bias on O. */
export interface LoadedSpanModel {
  readonly tagger: SequenceTagger;
  /** The word classes the `cluster-*` templates read (models/framing.clusters). */
  readonly clusters: FramingClusters;
  /** Emission weights `dense[feature * 5 + label]` (`denseEmission`). */
  readonly dense: Int16Array;
  readonly outsideBias: number;
}

/**
 * A memo from a 32-bit value (a word hash, a suffix hash) to the weight rows of the features that
 * value gives, so a frequent word costs one probe instead of a hash and a table read per template.
 * Open addressing on the value's low bits (the values are already mixed hashes), the full value kept
 * as the key: a hit returns exactly the rows `featureId` would find. Emptied when half full, between
 * sentences only, so slots stay valid while a sentence is scored.
 */
class RowMemo {
  readonly keys: Uint32Array;
  readonly used: Uint8Array;
  readonly rows: Int32Array;
  count = 0;
  private readonly slotMask: number;
  constructor(
    bits: number,
    /** Values per slot: 5 per template. */
    readonly width: number,
    private readonly fill: (value: number, rows: Int32Array, at: number) => void,
  ) {
    this.keys = new Uint32Array(1 << bits);
    this.used = new Uint8Array(1 << bits);
    this.rows = new Int32Array((1 << bits) * width);
    this.slotMask = (1 << bits) - 1;
  }
  /** Empties the memo when it could fill up while `upcoming` more values are looked up. */
  reserve(upcoming: number): void {
    if (this.count + upcoming > (this.slotMask + 1) >>> 1) {
      this.used.fill(0);
      this.count = 0;
    }
  }
  /** The slot of `value`, its rows filled on first sight. */
  slot(value: number): number {
    const { keys, used, slotMask } = this;
    let i = value & slotMask;
    while (used[i] === 1) {
      if (keys[i] === value) return i;
      i = (i + 1) & slotMask;
    }
    used[i] = 1;
    keys[i] = value;
    this.count++;
    this.fill(value, this.rows, i * this.width);
    return i;
  }
}

/** Weight rows of a model, ready for scoring: small-valued templates as tables, word-keyed ones memoised. */
interface ScoringTables {
  /** 256 values × 5 labels each. */
  readonly shape: Int32Array;
  readonly mark: Int32Array;
  readonly markBefore: Int32Array;
  readonly markAfter: Int32Array;
  readonly markBefore2: Int32Array;
  readonly markAfter2: Int32Array;
  /** 8 values × 5 labels (`marksNear`). */
  readonly marksNear: Int32Array;
  /** 16 values × 5 labels, each with the bias row added. */
  readonly place: Int32Array;
  /** The rows of the six mark templates of a token with no mark within three places, added. */
  readonly unmarked: Int32Array;
  /**
   * Per word hash: its rows as `word`, as `word-1` (of the next word), as `word+1` (of the previous
   * one), as `word-2` and as `word+2`; its cluster's rows (`cluster-4/8/12`, `cluster-8-1`,
   * `cluster-8+1`) added to the first three, since a cluster depends on the word alone.
   */
  readonly words: RowMemo;
  readonly suffixes: RowMemo;
  /** Per gap hash: its rows as `gap-before` and as `gap-after` (of the previous word). */
  readonly gaps: RowMemo;
}

/** Values per word slot: the rows of `word`, `word-1`, `word+1`, `word-2`, `word+2`. */
const WORD_ROW = 25;

const tablesOf = new WeakMap<Int16Array, { clusters: FramingClusters; tables: ScoringTables }>();

function scoringTables(dense: Int16Array, mask: number, clusters: FramingClusters): ScoringTables {
  const known = tablesOf.get(dense);
  if (known && known.clusters === clusters) return known.tables;
  const copy = (template: number, value: number, out: Int32Array, at: number): void => {
    const row = combine(SEED[template]!, value) & mask;
    for (let y = 0; y < 5; y++) out[at + y] = dense[row * 5 + y]!;
  };
  const add = (template: number, value: number, out: Int32Array, at: number): void => {
    const row = combine(SEED[template]!, value) & mask;
    for (let y = 0; y < 5; y++) out[at + y]! += dense[row * 5 + y]!;
  };
  const table = (template: number, values: number): Int32Array => {
    const out = new Int32Array(values * 5);
    for (let v = 0; v < values; v++) copy(template, v, out, v * 5);
    return out;
  };
  const bias = new Int32Array(5);
  copy(0, 1, bias, 0);
  const place = table(13, 16);
  for (let k = 0; k < place.length; k++) place[k]! += bias[k % 5]!;
  const marks = [table(8, 256), table(9, 256), table(10, 256), table(16, 256), table(17, 256), table(18, 8)] as const;
  const unmarked = new Int32Array(5);
  for (const rows of marks) for (let y = 0; y < 5; y++) unmarked[y]! += rows[y]!;
  const tables: ScoringTables = {
    unmarked,
    shape: table(7, 256),
    mark: marks[0],
    markBefore: marks[1],
    markAfter: marks[2],
    markBefore2: marks[3],
    markAfter2: marks[4],
    marksNear: marks[5],
    place,
    words: new RowMemo(16, WORD_ROW, (value, rows, at) => {
      copy(1, value, rows, at);
      copy(2, value, rows, at + 5);
      copy(3, value, rows, at + 10);
      copy(14, value, rows, at + 15);
      copy(15, value, rows, at + 20);
      const c = clusters.get(value) ?? 0;
      add(19, prefixOf(c, 4), rows, at);
      add(20, prefixOf(c, 8), rows, at);
      add(21, prefixOf(c, 12), rows, at);
      add(22, prefixOf(c, 8), rows, at + 5);
      add(23, prefixOf(c, 8), rows, at + 10);
    }),
    suffixes: new RowMemo(14, 5, (value, rows, at) => copy(6, value, rows, at)),
    gaps: new RowMemo(12, 10, (value, rows, at) => {
      copy(11, value, rows, at);
      copy(12, value, rows, at + 5);
    }),
  };
  tablesOf.set(dense, { clusters, tables });
  return tables;
}

let wordSlots = new Int32Array(0);
let gapSlots = new Int32Array(0);
/** Per token, the `word-1|word` and `word|word+1` rows added: read in a loop of their own (below). */
let bigramRows = new Int32Array(0);
let pairRows = new Int32Array(0);

/**
 * The emission scores of words `from .. to - 1` (one sentence, at most MAX_SEQUENCE words) into
 * `emit[(i - from) * 5 + label]`, `outsideBias` added to O: exactly the sums of the weights of the
 * features `sentenceFeatures` gives (integer sums), read through small tables and memos instead of
 * hashing every template of every word.
 *
 * The two bigram templates are the only reads that land anywhere in the whole weight table (a
 * sentence's word pairs are mostly new), so they are gathered first in a loop that does nothing else:
 * its reads do not depend on each other and their cache misses overlap. The pair hash of `word|word+1`
 * of a token is the `word-1|word` pair of the next one, so each pair is hashed once.
 */
export function spanEmissions(model: LoadedSpanModel, input: SpanInput, hashes: WordHashes, from: number, to: number, emit: Float64Array): void {
  const { dense, outsideBias } = model;
  const mask = model.tagger.buckets - 1;
  const T = scoringTables(dense, mask, model.clusters);
  const { words, mark, quoted, headline } = input;
  const { word, suffix, shape, gapBefore } = hashes;
  const n = to - from;
  if (wordSlots.length < n + 2) {
    wordSlots = new Int32Array(2 * n + 4);
    gapSlots = new Int32Array(2 * n + 4);
    pairRows = new Int32Array(2 * n + 4);
    bigramRows = new Int32Array((2 * n + 4) * 5);
  }
  T.words.reserve(n + 2);
  T.gaps.reserve(n + 1);
  T.suffixes.reserve(n);
  // Pair k is (word k - 1, word k) with the sentence edges around: token t's left pair is k = t, its right pair k = t + 1.
  const seedLeft = SEED[4]!;
  const seedRight = SEED[5]!;
  let previous = BOUNDARY;
  for (let k = 0; k <= n; k++) {
    const w = k < n ? word[from + k]! : END;
    pairRows[k] = combine(previous, w);
    previous = w;
  }
  for (let t = 0; t < n; t++) {
    const left = (combine(seedLeft, pairRows[t]!) & mask) * 5;
    const right = (combine(seedRight, pairRows[t + 1]!) & mask) * 5;
    const at = t * 5;
    bigramRows[at] = dense[left]! + dense[right]!;
    bigramRows[at + 1] = dense[left + 1]! + dense[right + 1]!;
    bigramRows[at + 2] = dense[left + 2]! + dense[right + 2]!;
    bigramRows[at + 3] = dense[left + 3]! + dense[right + 3]!;
    bigramRows[at + 4] = dense[left + 4]! + dense[right + 4]!;
  }
  // Slots of the words with the sentence edges around them: wordSlots[0] is the start, wordSlots[n + 1] the end.
  wordSlots[0] = T.words.slot(BOUNDARY);
  for (let t = 0; t < n; t++) wordSlots[t + 1] = T.words.slot(word[from + t]!);
  wordSlots[n + 1] = T.words.slot(END);
  for (let t = 0; t <= n; t++) gapSlots[t] = T.gaps.slot(gapBefore[from + t]!);
  const wordRows = T.words.rows;
  const gapRows = T.gaps.rows;
  const suffixRows = T.suffixes.rows;
  const headlineFlag = headline[words.sentence[from]!] ? 4 : 0;
  const { shape: shapeRows, mark: markRows, markBefore: beforeRows, markAfter: afterRows, place: placeRows } = T;
  const { markBefore2: before2Rows, markAfter2: after2Rows, marksNear: nearRows, unmarked } = T;
  const suffixes = T.suffixes;
  for (let t = 0; t < n; t++) {
    const i = from + t;
    const own = wordSlots[t + 1]! * WORD_ROW;
    const before = wordSlots[t]! * WORD_ROW + 5;
    const after = wordSlots[t + 2]! * WORD_ROW + 10;
    // wordSlots[0] is the sentence start, wordSlots[n + 1] its end.
    const before2 = wordSlots[t >= 2 ? t - 1 : 0]! * WORD_ROW + 15;
    const after2 = wordSlots[t + 2 < n ? t + 3 : n + 1]! * WORD_ROW + 20;
    const suf = suffixes.slot(suffix[i]!) * 5;
    const gb = gapSlots[t]! * 10;
    const ga = gapSlots[t + 1]! * 10 + 5;
    const sh = shape[i]! * 5;
    // The place table holds the bias row too.
    const pl = (quoted[i]! + (t === 0 ? 2 : 0) + headlineFlag + (t + 1 === n ? 8 : 0)) * 5;
    const at = t * 5;
    for (let y = 0; y < 5; y++) {
      emit[at + y] =
        wordRows[own + y]! +
        wordRows[before + y]! +
        wordRows[after + y]! +
        bigramRows[at + y]! +
        suffixRows[suf + y]! +
        shapeRows[sh + y]! +
        gapRows[gb + y]! +
        gapRows[ga + y]! +
        placeRows[pl + y]! +
        wordRows[before2 + y]! +
        wordRows[after2 + y]!;
    }
    // The six lexicon-mark templates: one constant row for a token with no mark within two places and
    // none within three (most tokens), else the six rows.
    const lo = t >= 3 ? i - 3 : from;
    const hi = t + 3 < n ? i + 3 : to - 1;
    let any = t < 2 || t + 2 >= n ? 1 : 0;
    for (let j = lo; j <= hi && any === 0; j++) any = mark[j]!;
    if (any === 0) {
      for (let y = 0; y < 5; y++) emit[at + y] += unmarked[y]!;
    } else {
      const mb2 = (t >= 2 ? mark[i - 2]! : 255) * 5;
      const ma2 = (t + 2 < n ? mark[i + 2]! : 255) * 5;
      const nr = marksNear(mark, i, from, to) * 5;
      const mk = mark[i]! * 5;
      const mb = (t > 0 ? mark[i - 1]! : 255) * 5;
      const ma = (t + 1 < n ? mark[i + 1]! : 255) * 5;
      for (let y = 0; y < 5; y++) {
        emit[at + y] += markRows[mk + y]! + beforeRows[mb + y]! + afterRows[ma + y]! + before2Rows[mb2 + y]! + after2Rows[ma2 + y]! + nearRows[nr + y]!;
      }
    }
    emit[at] += outsideBias;
  }
}

let emitBuffer = new Float64Array(0);
let tagBuffer = new Uint8Array(0);
let backBuffer = new Uint8Array(0);

/**
 * `decodeEmissions` of `src/learn` written out for the five labels O, B, I, L, U of one span type
 * (`transition[(previous + 1) * 5 + label]`, row 0 the sentence start): O, B and U follow O, L, U or
 * the start; I and L follow B or I; a sentence ends on O, L or U. The scores are sums of integers, so
 * exact in any order, and ties go to the lower label index as there: the same labels.
 */
export function decodeSpans(transition: ArrayLike<number>, emit: Float64Array, n: number, out: Uint8Array): void {
  if (n === 0) return;
  if (backBuffer.length < n * 5) backBuffer = new Uint8Array(n * 10);
  const back = backBuffer;
  const tr = transition;
  let sO = emit[0]! + tr[0]!;
  let sB = emit[1]! + tr[1]!;
  let sI = -Infinity;
  let sL = -Infinity;
  let sU = emit[4]! + tr[4]!;
  for (let t = 1; t < n; t++) {
    const at = t * 5;
    // O, B, U: after O (row 1), L (row 4) or U (row 5).
    let nO = sO + tr[5]!;
    let bO = 0;
    let v = sL + tr[20]!;
    if (v > nO) (nO = v), (bO = 3);
    v = sU + tr[25]!;
    if (v > nO) (nO = v), (bO = 4);
    let nB = sO + tr[6]!;
    let bB = 0;
    v = sL + tr[21]!;
    if (v > nB) (nB = v), (bB = 3);
    v = sU + tr[26]!;
    if (v > nB) (nB = v), (bB = 4);
    let nU = sO + tr[9]!;
    let bU = 0;
    v = sL + tr[24]!;
    if (v > nU) (nU = v), (bU = 3);
    v = sU + tr[29]!;
    if (v > nU) (nU = v), (bU = 4);
    // I, L: after B (row 2) or I (row 3).
    let nI = sB + tr[12]!;
    let bI = 1;
    v = sI + tr[17]!;
    if (v > nI) (nI = v), (bI = 2);
    let nL = sB + tr[13]!;
    let bL = 1;
    v = sI + tr[18]!;
    if (v > nL) (nL = v), (bL = 2);
    sO = nO + emit[at]!;
    sB = nB + emit[at + 1]!;
    sI = nI + emit[at + 2]!;
    sL = nL + emit[at + 3]!;
    sU = nU + emit[at + 4]!;
    back[at] = bO;
    back[at + 1] = bB;
    back[at + 2] = bI;
    back[at + 3] = bL;
    back[at + 4] = bU;
  }
  let arg = 0;
  let best = sO;
  if (sL > best) (best = sL), (arg = 3);
  if (sU > best) (best = sU), (arg = 4);
  out[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * 5 + out[t]!]!;
}

const prefixesOf = new WeakMap<readonly string[], Uint8Array>();

function labelPrefixes(labels: readonly string[]): Uint8Array {
  let out = prefixesOf.get(labels);
  if (out === undefined) {
    out = Uint8Array.from(labels, (label) => label.charCodeAt(0));
    prefixesOf.set(labels, out);
  }
  return out;
}

/**
 * The framing phrases the model finds, as ranges `[start, end)` of the document's words (not tokens). `outsideBias` is added to the
 * score of the label O (in the model's quantised units): above 0 the model marks less, below 0 more.
 */
export function tagSpans(model: LoadedSpanModel, input: SpanInput, margins?: number[]): { start: number; end: number }[] {
  const { tagger } = model;
  const hashes = pooledWordHashes(input);
  const L = tagger.labels.length;
  if (L !== 5) throw new Error('the framing model has the five labels O, B-F, I-F, L-F, U-F');
  // The first letter of each label (O, B, I, L, U), read per token.
  const prefixes = labelPrefixes(tagger.labels);
  const spans: { start: number; end: number }[] = [];
  // The sentences of `sentenceWordRanges`, walked in place: no list of ranges is made per document.
  const { count, sentence } = input.words;
  for (let sFrom = 0, sTo = 0; sFrom < count; sFrom = sTo) {
    const s = sentence[sFrom]!;
    sTo = sFrom + 1;
    while (sTo < count && sentence[sTo] === s) sTo++;
    for (let from = sFrom; from < sTo; from += MAX_SEQUENCE) {
      const to = Math.min(sTo, from + MAX_SEQUENCE);
      const n = to - from;
      if (emitBuffer.length < n * L) {
        emitBuffer = new Float64Array(n * L * 2);
        tagBuffer = new Uint8Array(n * 2);
      }
      spanEmissions(model, input, hashes, from, to, emitBuffer);
      decodeSpans(tagger.weights.transition, emitBuffer, n, tagBuffer);
      let open = -1;
      for (let t = 0; t < n; t++) {
        const prefix = prefixes[tagBuffer[t]!]!;
        if (prefix === 85 /* U */) {
          const before = spans.length;
          pushWithoutSides(input.name, from + t, from + t + 1, spans);
          if (margins) pushMargins(emitBuffer, tagBuffer, from, from + t, from + t + 1, spans.length - before, margins);
        } else if (prefix === 66 /* B */) open = from + t;
        else if (prefix === 76 /* L */ && open >= 0) {
          const before = spans.length;
          pushWithoutSides(input.name, open, from + t + 1, spans);
          if (margins) pushMargins(emitBuffer, tagBuffer, from, open, from + t + 1, spans.length - before, margins);
          open = -1;
        }
      }
    }
  }
  // Token ranges back to the document's words.
  const { firstWord } = input;
  for (const span of spans) {
    span.start = firstWord[span.start]!;
    span.end = firstWord[span.end]!;
  }
  return spans;
}

/**
 * The tagger's confidence in a phrase of tokens `start .. end - 1` (sentence piece from `from`): the
 * mean over its tokens of the chosen label's emission score less the score of O (the bias on O
 * included), in the model's quantised units; pushed `count` times, once per piece the phrase gave.
 */
function pushMargins(emit: Float64Array, tags: Uint8Array, from: number, start: number, end: number, count: number, out: number[]): void {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const at = (i - from) * 5;
    sum += emit[at + tags[i - from]!]! - emit[at]!;
  }
  for (let c = 0; c < count; c++) out.push(sum / (end - start));
}

/** The emission weights of a loaded (sparse) tagger as one dense Int16 table, `[feature * labels + label]`. */
export function denseEmission(tagger: SequenceTagger): Int16Array {
  const sparse = tagger.weights.sparse;
  if (!sparse) throw new Error('the framing model must be a loaded (sparse) tagger');
  const L = tagger.labels.length;
  const dense = new Int16Array(tagger.buckets * L);
  const { bits, rowStart, entries } = sparse;
  let r = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      const bit = 31 - Math.clz32(low);
      const feature = w * 32 + bit;
      for (let j = rowStart[r]!; j < rowStart[r + 1]!; j++) {
        const e = entries[j]!;
        dense[feature * L + (e & 0xff)] = e >> 8;
      }
      r++;
      word ^= low;
    }
  }
  return dense;
}
