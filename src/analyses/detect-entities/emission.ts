/**
 * Emission scores of the entity model for a loaded (sparse) model, computed with the part that depends
 * only on a word reused. Most of a token's 29 features are functions of one token's characters: its own
 * word, lower case, shape, affixes and gazetteer bits, and its neighbours' lower case, shape and
 * gazetteer bits. Per distinct word form the summed weights of those features are kept, as the token
 * itself and as the token one or two before or after another; a sentence then adds five such vectors
 * per token plus the few features that join neighbours (bigrams, the shape trigram). The weights are
 * integers, so the sums are exactly those of `sentenceFeatures` + the tagger's own emission scores,
 * and the labels are the same.
 *
 * The memo is keyed by the model and gazetteer objects (loaded once per process) and bounded; it
 * never changes a result.
 */
import { addFeatureWeights, type SequenceTagger, type SparseEmission } from '../../learn/sequence-tagger.js';
import { combine } from '../../learn/hash.js';
import {
  CASE_ALL_UPPER,
  CASE_CAPITALISED,
  CASE_OTHER_LOWER,
  caseOfCounts,
  feature,
  SENTINEL_AFTER,
  SENTINEL_BEFORE,
  TOKEN_VALUES,
  tokenCase,
  tokenValues,
  TV_AFFIX,
  TV_FLAGS,
  TV_GAZETTEER,
  TV_LOWER,
  TV_SHAPE,
  TV_WORD,
  type Gazetteer,
} from './features.js';

/** One word form: its hashes and its summed weights in several positions. */
interface WordEntry {
  readonly word: string;
  /** Never reused within a memo, so the bigram cache cannot confuse two words. */
  readonly id: number;
  /** Hash of the word's code units (the memo's own, for its table). */
  readonly hash: number;
  readonly lower: number;
  readonly shape: number;
  readonly flags: number;
  /** `tokenCase` bits. */
  readonly caseBits: number;
  /**
   * L scores each: [0] the word's own features except flags and sentence case (templates 0–11, 21),
   * [1] as the previous token (13, 17, 22), [2] two before (14, 27), [3] the next token (15, 18, 23),
   * [4] two after (16, 28).
   */
  readonly sums: Int32Array;
  /** Own features with flags (12), sentence case (24, 25) and an edge's bigram, per (first, last, sentence case): built when first needed. */
  variants: Int32Array | null;
  built: number;
}

interface Memo {
  readonly gazetteer: Gazetteer;
  /** Open addressing by `WordEntry.hash`, TABLE_SIZE slots: found from the text without slicing it. */
  readonly table: (WordEntry | undefined)[];
  size: number;
  nextId: number;
  /** The sentinels' sums as neighbours: before the first token (as [1], [2]) and after the last (as [3], [4]). */
  readonly sentinels: Int32Array;
}

/** Distinct word forms kept per model; past this the memo starts again (results never depend on it). */
const MAX_WORDS = 1 << 17;
const TABLE_SIZE = MAX_WORDS * 2;
const memos = new WeakMap<SequenceTagger, Memo>();

function memoFor(model: SequenceTagger, gazetteer: Gazetteer, sparse: SparseEmission, mask: number): Memo {
  let memo = memos.get(model);
  if (!memo || memo.gazetteer !== gazetteer) {
    const L = model.labels.length;
    const sentinels = new Int32Array(5 * L);
    addFeatureWeights(sparse, feature(13, SENTINEL_BEFORE, mask), sentinels, L);
    addFeatureWeights(sparse, feature(17, SENTINEL_BEFORE, mask), sentinels, L);
    addFeatureWeights(sparse, feature(22, -1, mask), sentinels, L);
    addFeatureWeights(sparse, feature(14, SENTINEL_BEFORE, mask), sentinels, 2 * L);
    addFeatureWeights(sparse, feature(27, SENTINEL_BEFORE, mask), sentinels, 2 * L);
    addFeatureWeights(sparse, feature(15, SENTINEL_AFTER, mask), sentinels, 3 * L);
    addFeatureWeights(sparse, feature(18, SENTINEL_AFTER, mask), sentinels, 3 * L);
    addFeatureWeights(sparse, feature(23, -1, mask), sentinels, 3 * L);
    addFeatureWeights(sparse, feature(16, SENTINEL_AFTER, mask), sentinels, 4 * L);
    addFeatureWeights(sparse, feature(28, SENTINEL_AFTER, mask), sentinels, 4 * L);
    memo = { gazetteer, table: new Array<WordEntry | undefined>(TABLE_SIZE).fill(undefined), size: 0, nextId: 0, sentinels };
    memos.set(model, memo);
  }
  return memo;
}

const scratch = new Int32Array(TOKEN_VALUES);

/** The entry of token `[s, e)` of `text`, built on first sight. */
function wordEntry(memo: Memo, text: string, s: number, e: number, sparse: SparseEmission, L: number, mask: number): WordEntry {
  let h = 0x811c9dc5;
  for (let j = s; j < e; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
  const table = memo.table;
  const length = e - s;
  let slot = (h ^ (h >>> 15)) & (TABLE_SIZE - 1);
  for (;;) {
    const entry = table[slot];
    if (entry === undefined) break;
    if (entry.hash === h && entry.word.length === length) {
      let same = true;
      for (let j = 0; j < length; j++) {
        if (entry.word.charCodeAt(j) !== text.charCodeAt(s + j)) {
          same = false;
          break;
        }
      }
      if (same) return entry;
    }
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
  if (memo.size >= MAX_WORDS) {
    table.fill(undefined);
    memo.size = 0;
    slot = (h ^ (h >>> 15)) & (TABLE_SIZE - 1);
  }
  const entry = buildEntry(text.slice(s, e), memo.nextId++, h, memo.gazetteer, sparse, L, mask);
  table[slot] = entry;
  memo.size++;
  return entry;
}

function buildEntry(word: string, id: number, hash: number, gazetteer: Gazetteer, sparse: SparseEmission, L: number, mask: number): WordEntry {
  tokenValues(word, 0, word.length, gazetteer, scratch, 0);
  const lw = scratch[TV_LOWER]!;
  const sh = scratch[TV_SHAPE]!;
  const gz = scratch[TV_GAZETTEER]!;
  const sums = new Int32Array(5 * L);
  addFeatureWeights(sparse, feature(0, 0, mask), sums, 0);
  addFeatureWeights(sparse, feature(1, scratch[TV_WORD]!, mask), sums, 0);
  addFeatureWeights(sparse, feature(2, lw, mask), sums, 0);
  addFeatureWeights(sparse, feature(3, sh, mask), sums, 0);
  for (let k = 0; k < 4; k++) {
    addFeatureWeights(sparse, feature(4 + k, scratch[TV_AFFIX + k]!, mask), sums, 0);
    addFeatureWeights(sparse, feature(8 + k, scratch[TV_AFFIX + 4 + k]!, mask), sums, 0);
  }
  addFeatureWeights(sparse, feature(21, gz, mask), sums, 0);
  addFeatureWeights(sparse, feature(13, lw, mask), sums, L);
  addFeatureWeights(sparse, feature(17, sh, mask), sums, L);
  addFeatureWeights(sparse, feature(22, gz, mask), sums, L);
  addFeatureWeights(sparse, feature(14, lw, mask), sums, 2 * L);
  addFeatureWeights(sparse, feature(27, sh, mask), sums, 2 * L);
  addFeatureWeights(sparse, feature(15, lw, mask), sums, 3 * L);
  addFeatureWeights(sparse, feature(18, sh, mask), sums, 3 * L);
  addFeatureWeights(sparse, feature(23, gz, mask), sums, 3 * L);
  addFeatureWeights(sparse, feature(16, lw, mask), sums, 4 * L);
  addFeatureWeights(sparse, feature(28, sh, mask), sums, 4 * L);
  return { word, id, hash, lower: lw, shape: sh, flags: scratch[TV_FLAGS]!, caseBits: tokenCase(word, 0, word.length, gazetteer), sums, variants: null, built: 0 };
}

/**
 * The word's own sums with flags and sentence case, and at a sentence's edges the bigram with the
 * sentinel (19 for the first token, 20 for the last): variant `(first * 2 + last) * 3 + sentenceCase`.
 */
function ownSums(entry: WordEntry, first: number, last: number, sCase: number, sparse: SparseEmission, L: number, mask: number): number {
  const v = (first * 2 + last) * 3 + sCase;
  if (!entry.variants) entry.variants = new Int32Array(12 * L);
  const at = v * L;
  if (!(entry.built & (1 << v))) {
    const out = entry.variants;
    for (let y = 0; y < L; y++) out[at + y] = entry.sums[y]!;
    addFeatureWeights(sparse, feature(12, entry.flags | first, mask), out, at);
    addFeatureWeights(sparse, feature(24, combine(entry.shape, sCase), mask), out, at);
    addFeatureWeights(sparse, feature(25, combine(entry.lower, sCase), mask), out, at);
    if (first) addFeatureWeights(sparse, feature(19, combine(SENTINEL_BEFORE, entry.lower), mask), out, at);
    if (last) addFeatureWeights(sparse, feature(20, combine(entry.lower, SENTINEL_AFTER), mask), out, at);
    entry.built |= 1 << v;
  }
  return at;
}

/**
 * Direct-mapped caches (a slot is overwritten by the next key that maps to it): the bigram of two
 * adjacent words, 20 for the first and 19 for the second (2L scores), by the words' entry ids; the
 * shape trigram's row (L scores), by feature id.
 */
const PAIR_SLOTS = 1 << 16;
const TRIGRAM_SLOTS = 1 << 12;

interface Caches {
  readonly pairKeys: Int32Array;
  readonly pairSums: Int32Array;
  readonly trigramKeys: Int32Array;
  readonly trigramSums: Int32Array;
}

const caches = new WeakMap<Memo, Caches>();

function cachesFor(memo: Memo, L: number): Caches {
  let c = caches.get(memo);
  if (!c) {
    c = {
      pairKeys: new Int32Array(PAIR_SLOTS * 2).fill(-1),
      pairSums: new Int32Array(PAIR_SLOTS * 2 * L),
      trigramKeys: new Int32Array(TRIGRAM_SLOTS).fill(-1),
      trigramSums: new Int32Array(TRIGRAM_SLOTS * L),
    };
    caches.set(memo, c);
  }
  return c;
}

let entries: WordEntry[] = [];

/**
 * Emission scores `emit[t * L + label]` of tokens `from..to` of `text` under a loaded model (one with
 * `weights.sparse`); returns the sentence case, and writes each token's lower-case hash (`hashLower`
as a signed integer) into `lowers` when given. Equal to the tagger's emission scores over
 * `sentenceFeatures`.
 */
export function sentenceEmissions(
  model: SequenceTagger,
  gazetteer: Gazetteer,
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  from: number,
  to: number,
  emit: Float64Array,
  lowers?: Int32Array,
): number {
  const sparse = model.weights.sparse!;
  const L = model.labels.length;
  const mask = model.buckets - 1;
  const memo = memoFor(model, gazetteer, sparse, mask);
  const { pairKeys, pairSums, trigramKeys, trigramSums } = cachesFor(memo, L);
  const n = to - from;
  if (entries.length < n) entries = new Array<WordEntry>(n * 2);
  let letterWords = 0;
  let upperWords = 0;
  let capitalised = 0;
  let otherLower = 0;
  for (let t = 0; t < n; t++) {
    const entry = wordEntry(memo, text, starts[from + t]!, ends[from + t]!, sparse, L, mask);
    entries[t] = entry;
    if (lowers) lowers[t] = entry.lower;
    const bits = entry.caseBits;
    if (bits === 0) continue;
    letterWords++;
    if (bits & CASE_ALL_UPPER) upperWords++;
    if (bits & CASE_CAPITALISED) capitalised++;
    if (bits & CASE_OTHER_LOWER) otherLower++;
  }
  const sCase = caseOfCounts(letterWords, upperWords, capitalised, otherLower);
  const sentinels = memo.sentinels;
  for (let t = 0; t < n; t++) {
    const entry = entries[t]!;
    const own = ownSums(entry, t === 0 ? 1 : 0, t === n - 1 ? 1 : 0, sCase, sparse, L, mask);
    const ownV = entry.variants!;
    const p1 = t > 0 ? entries[t - 1]!.sums : sentinels;
    const p2 = t > 1 ? entries[t - 2]!.sums : sentinels;
    const n1 = t + 1 < n ? entries[t + 1]!.sums : sentinels;
    const n2 = t + 2 < n ? entries[t + 2]!.sums : sentinels;
    const at = t * L;
    for (let y = 0; y < L; y++) emit[at + y] = ownV[own + y]! + p1[L + y]! + p2[2 * L + y]! + n1[3 * L + y]! + n2[4 * L + y]!;
    // The shape trigram.
    const sh = entry.shape;
    const shPrev = t > 0 ? entries[t - 1]!.shape : SENTINEL_BEFORE;
    const shNext = t + 1 < n ? entries[t + 1]!.shape : SENTINEL_AFTER;
    const f = feature(26, combine(combine(shPrev, sh), shNext), mask);
    const ts = f & (TRIGRAM_SLOTS - 1);
    if (trigramKeys[ts] !== f) {
      trigramSums.fill(0, ts * L, ts * L + L);
      addFeatureWeights(sparse, f, trigramSums, ts * L);
      trigramKeys[ts] = f;
    }
    for (let y = 0, tAt = ts * L; y < L; y++) emit[at + y] += trigramSums[tAt + y]!;
    if (t === 0) continue;
    // The bigram of t − 1 and t: template 20 of t − 1, 19 of t.
    const v = combine(entries[t - 1]!.lower, entry.lower);
    addFeatureWeights(sparse, feature(20, v, mask), emit, at - L);
    addFeatureWeights(sparse, feature(19, v, mask), emit, at);
  }
  return sCase;
}
