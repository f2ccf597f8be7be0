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
import { addFeatureWeights, subtractFeatureWeights, type SequenceTagger, type SparseEmission } from '../../learn/sequence-tagger.js';
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

/**
 * The memo, in flat typed arrays (one record per word form, by id, so a token's scores are found
 * with few memory reads): an open-addressing table from the word's hash to its id, the word's code
 * units (to tell two words with one hash apart), its feature hashes and case bits, and STRIDE = 5 × L summed
 * scores: [0, L) the own scores of a token inside an ordinary sentence (templates 0–12, 21, and 24, 25
 * for sentence case 0), [L, 2L) as the previous token (13, 17, 22), [2L, 3L) two before (14, 27),
 * [3L, 4L) the next token (15, 18, 23), [4L, 5L) two after (16, 28). Id 0 is the sentinel (its neighbour
 * scores are those of the sentence's edges). The own scores of a token at a sentence's edge or in a
 * headline are a variant of the first row, kept in a cache beside the memo (`variantRow`).
 */
interface Memo {
  readonly gazetteer: Gazetteer;
  readonly L: number;
  /** Per slot (SLOT_INTS values): the word's hash, its id + 1 (0: empty), where its code units start in `chars`, and their count; so a probe reads one place before comparing the code units. */
  readonly slots: Int32Array;
  size: number;
  capacity: number;
  chars: Uint16Array;
  charsUsed: number;
  lower: Int32Array;
  shape: Int32Array;
  flags: Int32Array;
  caseBits: Int32Array;
  sums: Int32Array;
}

/** Distinct word forms kept per model; past this the memo starts again (results never depend on it). */
const MAX_WORDS = 1 << 16;
const TABLE_SIZE = MAX_WORDS * 2;
const SLOT_INTS = 4;
const SENTINEL_ID = 0;
const FIRST_ID = 1;
/** Rows of L scores per word form. */
const STRIDE_ROWS = 5;
const memos = new WeakMap<SequenceTagger, Memo>();

function allocate(memo: Memo, capacity: number): void {
  const L = memo.L;
  const grow = <T extends Int32Array | Uint16Array>(old: T, size: number): T => {
    const next = new (old.constructor as { new (n: number): T })(size);
    next.set(old.subarray(0, Math.min(old.length, size)));
    return next;
  };
  memo.lower = grow(memo.lower, capacity);
  memo.shape = grow(memo.shape, capacity);
  memo.flags = grow(memo.flags, capacity);
  memo.caseBits = grow(memo.caseBits, capacity);
  memo.sums = grow(memo.sums, capacity * STRIDE_ROWS * L);
  memo.capacity = capacity;
}

function memoFor(model: SequenceTagger, gazetteer: Gazetteer, sparse: SparseEmission, mask: number): Memo {
  let memo = memos.get(model);
  if (!memo || memo.gazetteer !== gazetteer) {
    const L = model.labels.length;
    const empty = new Int32Array(0);
    memo = {
      gazetteer,
      L,
      slots: new Int32Array(TABLE_SIZE * SLOT_INTS),
      size: FIRST_ID,
      capacity: 0,
      chars: new Uint16Array(1 << 16),
      charsUsed: 0,
      lower: empty,
      shape: empty,
      flags: empty,
      caseBits: empty,
      sums: empty,
    };
    allocate(memo, 1 << 12);
    const sums = memo.sums;
    const at = SENTINEL_ID * STRIDE_ROWS * L;
    addFeatureWeights(sparse, feature(13, SENTINEL_BEFORE, mask), sums, at + L);
    addFeatureWeights(sparse, feature(17, SENTINEL_BEFORE, mask), sums, at + L);
    addFeatureWeights(sparse, feature(22, -1, mask), sums, at + L);
    addFeatureWeights(sparse, feature(14, SENTINEL_BEFORE, mask), sums, at + 2 * L);
    addFeatureWeights(sparse, feature(27, SENTINEL_BEFORE, mask), sums, at + 2 * L);
    addFeatureWeights(sparse, feature(15, SENTINEL_AFTER, mask), sums, at + 3 * L);
    addFeatureWeights(sparse, feature(18, SENTINEL_AFTER, mask), sums, at + 3 * L);
    addFeatureWeights(sparse, feature(23, -1, mask), sums, at + 3 * L);
    addFeatureWeights(sparse, feature(16, SENTINEL_AFTER, mask), sums, at + 4 * L);
    addFeatureWeights(sparse, feature(28, SENTINEL_AFTER, mask), sums, at + 4 * L);
    memo.shape[SENTINEL_ID] = 0;
    memos.set(model, memo);
  }
  return memo;
}

const scratch = new Int32Array(TOKEN_VALUES);

/** The id of token `[s, e)` of `text`, its record built on first sight. */
function wordId(memo: Memo, text: string, s: number, e: number, sparse: SparseEmission, mask: number): number {
  let h = 0x811c9dc5;
  for (let j = s; j < e; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
  const slots = memo.slots;
  const length = e - s;
  let slot = (h ^ (h >>> 15)) & (TABLE_SIZE - 1);
  for (;;) {
    const at = slot * SLOT_INTS;
    const id = slots[at + 1]! - 1;
    if (id < 0) break;
    if (slots[at] === h && slots[at + 3] === length) {
      const from = slots[at + 2]!;
      const chars = memo.chars;
      let j = 0;
      while (j < length && chars[from + j] === text.charCodeAt(s + j)) j++;
      if (j === length) return id;
    }
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
  const id = memo.size++;
  if (id >= memo.capacity) allocate(memo, memo.capacity * 2);
  if (memo.charsUsed + length > memo.chars.length) {
    const chars = new Uint16Array(Math.max(memo.chars.length * 2, memo.charsUsed + length));
    chars.set(memo.chars.subarray(0, memo.charsUsed));
    memo.chars = chars;
  }
  const at = slot * SLOT_INTS;
  slots[at] = h;
  slots[at + 1] = id + 1;
  slots[at + 2] = memo.charsUsed;
  slots[at + 3] = length;
  for (let j = s; j < e; j++) memo.chars[memo.charsUsed++] = text.charCodeAt(j);
  buildRecord(memo, id, text, s, e, sparse, mask);
  return id;
}

function buildRecord(memo: Memo, id: number, text: string, s: number, e: number, sparse: SparseEmission, mask: number): void {
  const L = memo.L;
  tokenValues(text, s, e, memo.gazetteer, scratch, 0);
  const lw = scratch[TV_LOWER]!;
  const sh = scratch[TV_SHAPE]!;
  const gz = scratch[TV_GAZETTEER]!;
  const flags = scratch[TV_FLAGS]!;
  memo.lower[id] = lw;
  memo.shape[id] = sh;
  memo.flags[id] = flags;
  memo.caseBits[id] = tokenCase(text, s, e, memo.gazetteer);
  const sums = memo.sums;
  const at = id * STRIDE_ROWS * L;
  sums.fill(0, at, at + STRIDE_ROWS * L);
  addFeatureWeights(sparse, feature(0, 0, mask), sums, at);
  addFeatureWeights(sparse, feature(1, scratch[TV_WORD]!, mask), sums, at);
  addFeatureWeights(sparse, feature(2, lw, mask), sums, at);
  addFeatureWeights(sparse, feature(3, sh, mask), sums, at);
  for (let k = 0; k < 4; k++) {
    addFeatureWeights(sparse, feature(4 + k, scratch[TV_AFFIX + k]!, mask), sums, at);
    addFeatureWeights(sparse, feature(8 + k, scratch[TV_AFFIX + 4 + k]!, mask), sums, at);
  }
  addFeatureWeights(sparse, feature(21, gz, mask), sums, at);
  addFeatureWeights(sparse, feature(12, flags, mask), sums, at);
  addFeatureWeights(sparse, feature(24, combine(sh, 0), mask), sums, at);
  addFeatureWeights(sparse, feature(25, combine(lw, 0), mask), sums, at);
  addFeatureWeights(sparse, feature(13, lw, mask), sums, at + L);
  addFeatureWeights(sparse, feature(17, sh, mask), sums, at + L);
  addFeatureWeights(sparse, feature(22, gz, mask), sums, at + L);
  addFeatureWeights(sparse, feature(14, lw, mask), sums, at + 2 * L);
  addFeatureWeights(sparse, feature(27, sh, mask), sums, at + 2 * L);
  addFeatureWeights(sparse, feature(15, lw, mask), sums, at + 3 * L);
  addFeatureWeights(sparse, feature(18, sh, mask), sums, at + 3 * L);
  addFeatureWeights(sparse, feature(23, gz, mask), sums, at + 3 * L);
  addFeatureWeights(sparse, feature(16, lw, mask), sums, at + 4 * L);
  addFeatureWeights(sparse, feature(28, sh, mask), sums, at + 4 * L);
}

/**
 * Writes into `out[at, at + L)` the word's own scores with flags and sentence case for a token at a
 * sentence's edge or in a headline, with the bigram with the sentinel at an edge (19 for the first
 * token, 20 for the last): the inner-token scores with the flags and case features of case 0 taken
 * out and these put in (integer sums, so exact).
 */
function ownVariant(memo: Memo, id: number, first: number, last: number, sCase: number, sparse: SparseEmission, mask: number, out: Int32Array, at: number): void {
  const L = memo.L;
  const sums = memo.sums;
  const from = id * STRIDE_ROWS * L;
  for (let y = 0; y < L; y++) out[at + y] = sums[from + y]!;
  const lower = memo.lower[id]!;
  const shape = memo.shape[id]!;
  const flags = memo.flags[id]!;
  if (first !== 0 || sCase !== 0) {
    subtractFeatureWeights(sparse, feature(12, flags, mask), out, at);
    subtractFeatureWeights(sparse, feature(24, combine(shape, 0), mask), out, at);
    subtractFeatureWeights(sparse, feature(25, combine(lower, 0), mask), out, at);
    addFeatureWeights(sparse, feature(12, flags | first, mask), out, at);
    addFeatureWeights(sparse, feature(24, combine(shape, sCase), mask), out, at);
    addFeatureWeights(sparse, feature(25, combine(lower, sCase), mask), out, at);
  }
  if (first) addFeatureWeights(sparse, feature(19, combine(SENTINEL_BEFORE, lower), mask), out, at);
  if (last) addFeatureWeights(sparse, feature(20, combine(lower, SENTINEL_AFTER), mask), out, at);
}

/**
 * The offset in `caches.variantSums` of word `id`'s `ownVariant` row for this edge and sentence case,
 * computed on first use and kept in a direct-mapped cache (a slot is overwritten by the next key that
 * maps to it). Most sentences end on the same few tokens (`.`, `"`) and begin with a few words, and
 * every headline word repeats this work, so the six weight lookups of a variant are mostly saved. The
 * cache is emptied whenever the memo's ids start again.
 */
function variantRow(memo: Memo, caches: Caches, id: number, first: number, last: number, sCase: number, sparse: SparseEmission, mask: number): number {
  const key = id * 16 + sCase * 4 + first * 2 + last;
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - VARIANT_BITS);
  const at = slot * memo.L;
  if (caches.variantKeys[slot] !== key) {
    ownVariant(memo, id, first, last, sCase, sparse, mask, caches.variantSums, at);
    caches.variantKeys[slot] = key;
  }
  return at;
}

/** A direct-mapped cache of the shape trigram's row (L scores), by feature id: a slot is overwritten by the next key that maps to it. */
const TRIGRAM_SLOTS = 1 << 12;

/** Slots of the cache of `ownVariant` rows, as a power of two. */
const VARIANT_BITS = 12;

interface Caches {
  readonly trigramKeys: Int32Array;
  readonly trigramSums: Int32Array;
  /** Per slot: the key (id, sentence case, edge) of the `ownVariant` row held there, -1 for none. */
  readonly variantKeys: Int32Array;
  readonly variantSums: Int32Array;
}

const caches = new WeakMap<Memo, Caches>();

function cachesFor(memo: Memo, L: number): Caches {
  let c = caches.get(memo);
  if (!c) {
    c = {
      trigramKeys: new Int32Array(TRIGRAM_SLOTS).fill(-1),
      trigramSums: new Int32Array(TRIGRAM_SLOTS * L),
      variantKeys: new Int32Array(1 << VARIANT_BITS).fill(-1),
      variantSums: new Int32Array((1 << VARIANT_BITS) * L),
    };
    caches.set(memo, c);
  }
  return c;
}

/** Empties a full memo (its ids start again) and the cache of rows kept by id. */
function restart(memo: Memo, caches: Caches): void {
  memo.slots.fill(0);
  memo.size = FIRST_ID;
  memo.charsUsed = 0;
  caches.variantKeys.fill(-1);
}

let ids = new Int32Array(256);

/** What both emission passes read about the model for one sentence (one record, filled by `beginSentence`). */
interface SentenceSetup {
  sparse: SparseEmission;
  L: number;
  mask: number;
  memo: Memo;
  caches: Caches;
}

let setup: SentenceSetup | null = null;

/**
 * The opening of both emission passes over a sentence of `n` tokens: the model's memo and caches, an
 * id buffer of at least `n`, and a full memo started again (between sentences, never inside one: the
 * ids a pass takes must stay valid to its end). Returns one shared record, valid until the next call.
 */
function beginSentence(model: SequenceTagger, gazetteer: Gazetteer, n: number): SentenceSetup {
  const sparse = model.weights.sparse!;
  const L = model.labels.length;
  const mask = model.buckets - 1;
  const memo = memoFor(model, gazetteer, sparse, mask);
  const caches = cachesFor(memo, L);
  if (ids.length < n) ids = new Int32Array(n * 2);
  if (memo.size + n > MAX_WORDS) restart(memo, caches);
  if (setup === null) setup = { sparse, L, mask, memo, caches };
  else {
    setup.sparse = sparse;
    setup.L = L;
    setup.mask = mask;
    setup.memo = memo;
    setup.caches = caches;
  }
  return setup;
}

/**
 * Emission scores `emit[t * L + label]` of tokens `from..to` of `text` under a loaded model (one with
 * `weights.sparse`); returns the sentence case, and writes each token's lower-case hash (`hashLower`
 * as a signed integer) into `lowers` when given. Equal to the tagger's emission scores over
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
  const n = to - from;
  const { sparse, L, mask, memo, caches } = beginSentence(model, gazetteer, n);
  const { trigramKeys, trigramSums } = caches;
  let letterWords = 0;
  let upperWords = 0;
  let capitalised = 0;
  let otherLower = 0;
  for (let t = 0; t < n; t++) {
    const id = wordId(memo, text, starts[from + t]!, ends[from + t]!, sparse, mask);
    ids[t] = id;
    const bits = memo.caseBits[id]!;
    if (bits === 0) continue;
    letterWords++;
    if (bits & CASE_ALL_UPPER) upperWords++;
    if (bits & CASE_CAPITALISED) capitalised++;
    if (bits & CASE_OTHER_LOWER) otherLower++;
  }
  const sCase = caseOfCounts(letterWords, upperWords, capitalised, otherLower);
  // Read after the loop above: building a record may have grown the arrays.
  const { lower } = memo;
  if (lowers) for (let t = 0; t < n; t++) lowers[t] = lower[ids[t]!]!;
  const S = STRIDE_ROWS * L;
  for (let t = 0; t < n; t++) {
    const id = ids[t]!;
    let ownSums = memo.sums;
    let own = id * S;
    if (t === 0 || t === n - 1 || sCase !== 0) {
      own = variantRow(memo, caches, id, t === 0 ? 1 : 0, t === n - 1 ? 1 : 0, sCase, sparse, mask);
      ownSums = caches.variantSums;
    }
    windowEmission(memo, trigramKeys, trigramSums, sparse, mask, L, ids, n, t, ownSums, own, emit);
    const prev = t > 0 ? ids[t - 1]! : SENTINEL_ID;
    const at = t * L;
    if (t === 0) continue;
    // The bigram of t − 1 and t: template 20 of t − 1, 19 of t.
    const v = combine(lower[prev]!, lower[id]!);
    addFeatureWeights(sparse, feature(20, v, mask), emit, at - L);
    addFeatureWeights(sparse, feature(19, v, mask), emit, at);
  }
  return sCase;
}

/**
 * Writes token `t`'s emission scores at `emit[t * L]`: its own row (at `ownSums[own]`: the word's, or
 * a cached variant), the rows of the two words on either side, and the shape trigram's cached sum. The
 * neighbour bigrams are added by the callers, which share or repeat them differently.
 */
function windowEmission(
  memo: Memo,
  trigramKeys: Int32Array,
  trigramSums: Int32Array,
  sparse: SparseEmission,
  mask: number,
  L: number,
  ids: Int32Array,
  n: number,
  t: number,
  ownSums: Int32Array,
  own: number,
  emit: Float64Array,
): void {
  const { sums, shape } = memo;
  const S = STRIDE_ROWS * L;
  const id = ids[t]!;
  const prev = t > 0 ? ids[t - 1]! : SENTINEL_ID;
  const p1 = prev * S + L;
  const p2 = (t > 1 ? ids[t - 2]! : SENTINEL_ID) * S + 2 * L;
  const next = t + 1 < n ? ids[t + 1]! : SENTINEL_ID;
  const n1 = next * S + 3 * L;
  const n2 = (t + 2 < n ? ids[t + 2]! : SENTINEL_ID) * S + 4 * L;
  const at = t * L;
  // The shape trigram.
  const f = feature(26, combine(combine(t > 0 ? shape[prev]! : SENTINEL_BEFORE, shape[id]!), t + 1 < n ? shape[next]! : SENTINEL_AFTER), mask);
  const ts = f & (TRIGRAM_SLOTS - 1);
  if (trigramKeys[ts] !== f) {
    trigramSums.fill(0, ts * L, ts * L + L);
    addFeatureWeights(sparse, f, trigramSums, ts * L);
    trigramKeys[ts] = f;
  }
  const tAt = ts * L;
  for (let y = 0; y < L; y++) emit[at + y] = ownSums[own + y]! + sums[p1 + y]! + sums[p2 + y]! + sums[n1 + y]! + sums[n2 + y]! + trigramSums[tAt + y]!;
}

/**
 * `sentenceEmissions` of an ordinary sentence (sentence case 0) for the tokens `t` (relative to
 * `from`) with `active[t]` set only: the same scores for those tokens; the others are not written,
 * and a word is looked up only when it is active or within two tokens of one (its neighbours'
 * features).
 */
export function activeEmissions(
  model: SequenceTagger,
  gazetteer: Gazetteer,
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  from: number,
  to: number,
  active: Uint8Array,
  emit: Float64Array,
): void {
  const n = to - from;
  const { sparse, L, mask, memo, caches } = beginSentence(model, gazetteer, n);
  const { trigramKeys, trigramSums } = caches;
  // Ids of the active tokens and of the two on either side of each.
  for (let t = 0; t < n; t++) {
    if (active[t] || (t > 0 && active[t - 1]) || (t > 1 && active[t - 2]) || (t + 1 < n && active[t + 1]) || (t + 2 < n && active[t + 2])) {
      ids[t] = wordId(memo, text, starts[from + t]!, ends[from + t]!, sparse, mask);
    }
  }
  const { lower } = memo;
  const S = STRIDE_ROWS * L;
  for (let t = 0; t < n; t++) {
    if (!active[t]) continue;
    const id = ids[t]!;
    let ownSums = memo.sums;
    let own = id * S;
    if (t === 0 || t === n - 1) {
      own = variantRow(memo, caches, id, t === 0 ? 1 : 0, t === n - 1 ? 1 : 0, 0, sparse, mask);
      ownSums = caches.variantSums;
    }
    windowEmission(memo, trigramKeys, trigramSums, sparse, mask, L, ids, n, t, ownSums, own, emit);
    const prev = t > 0 ? ids[t - 1]! : SENTINEL_ID;
    const next = t + 1 < n ? ids[t + 1]! : SENTINEL_ID;
    const at = t * L;
    // The bigrams with the neighbours: template 19 (previous word, this word), 20 (this word, next word).
    if (t > 0) addFeatureWeights(sparse, feature(19, combine(lower[prev]!, lower[id]!), mask), emit, at);
    if (t + 1 < n) addFeatureWeights(sparse, feature(20, combine(lower[id]!, lower[next]!), mask), emit, at);
  }
}
