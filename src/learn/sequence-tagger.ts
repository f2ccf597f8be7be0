/**
 * An averaged perceptron sequence tagger (Collins 2002) over hashed features, decoded by Viterbi
 * with first-order label transitions and the constraints of the label set's scheme, BILOU or BIO
 * (`spanConstraints`: a BILOU span cannot be left open, a BIO I-T follows only B-T or I-T).
 *
 * A sequence of n tokens comes as `features`: n × F feature ids (F per token, each already hashed
 * into [0, buckets)), and the labels as indices into the label set. Weights are laid out
 * `emission[feature * L + label]` and `transition[(previous + 1) * L + label]` (row 0: sentence
 * start).
 */
import { spanConstraints } from './bilou.js';
import { decodeModelFile, denseArray, encodeModelFile, ModelFormatError, quantise, type ModelHeader } from './model-file.js';
import { createPrng, shuffleInPlace } from './prng.js';

/**
 * The non-zero emission weights of a loaded model, by hashed feature: a bitset of the features that
 * have any weight (`bits`), and for the r-th such feature its entries `rowStart[r]..rowStart[r + 1]`,
 * each `weight << 8 | label`. `bitRank` interleaves each 32-bit word of the bitset with the count of
 * set bits before it, so a lookup reads three places (word and rank, row start, entries). A few MB
 * where the dense table would be buckets × labels Int16 values, so lookups stay in cache and loading
 * allocates little.
 */
export interface SparseEmission {
  readonly bits: Uint32Array;
  readonly bitRank: Uint32Array;
  readonly rowStart: Uint32Array;
  readonly entries: Int32Array;
}

export interface TaggerWeights {
  /** Dense `emission[feature * L + label]` (training); null when `sparse` holds them. */
  readonly emission: ArrayLike<number> | null;
  readonly sparse?: SparseEmission;
  readonly transition: ArrayLike<number>;
}

export interface SequenceTagger {
  readonly labels: readonly string[];
  readonly featuresPerToken: number;
  readonly buckets: number;
  readonly weights: TaggerWeights;
  /** The file header, for a loaded model. */
  readonly header?: ModelHeader;
}

export interface TrainingSequence {
  readonly features: Int32Array;
  readonly labels: Uint8Array;
}

export const SEQUENCE_TAGGER_KIND = 'sequence-tagger';

interface Constraints {
  readonly allowedEnd: Uint8Array;
  /** Index of the label `O`, or -1 when the set has none. */
  readonly outside: number;
  /** Labels allowed right after an `O` (a sequence that continues one ending outside a name). */
  readonly afterOutside: Uint8Array;
  /** Labels that an `O` may follow (a sequence followed by a token outside a name). */
  readonly beforeOutside: Uint8Array;
  /** Start row: labels allowed first. */
  readonly first: Uint8Array;
  /** For label y, the allowed previous labels are prevIndex[prevStart[y] .. prevStart[y + 1]]. */
  readonly prevStart: Int32Array;
  readonly prevIndex: Int32Array;
  /**
   * The distinct sets of allowed previous labels (under BILOU: one for O, B-* and U-*, whose previous
   * label is O, L-* or U-*; one per type for I-T and L-T, after B-T or I-T): set k's members are
   * setIndex[setStart[k] .. setStart[k + 1]] in increasing order, and the labels that follow them
   * userIndex[userStart[k] .. userStart[k + 1]].
   */
  readonly sets: number;
  readonly setStart: Int32Array;
  readonly setIndex: Int32Array;
  readonly userStart: Int32Array;
  readonly userIndex: Int32Array;
}

const constraintCache = new WeakMap<readonly string[], Constraints>();
function constraints(labels: readonly string[]): Constraints {
  let c = constraintCache.get(labels);
  if (!c) {
    const L = labels.length;
    const { allowed, allowedEnd } = spanConstraints(labels);
    const prevStart = new Int32Array(L + 1);
    const prev: number[] = [];
    for (let y = 0; y < L; y++) {
      prevStart[y] = prev.length;
      for (let p = 0; p < L; p++) if (allowed[(p + 1) * L + y]) prev.push(p);
    }
    prevStart[L] = prev.length;
    const setKeys = new Map<string, number>();
    const members: number[][] = [];
    const users: number[][] = [];
    for (let y = 0; y < L; y++) {
      const list = prev.slice(prevStart[y], prevStart[y + 1]);
      const key = list.join(',');
      let k = setKeys.get(key);
      if (k === undefined) {
        setKeys.set(key, (k = members.length));
        members.push(list);
        users.push([]);
      }
      users[k]!.push(y);
    }
    const offsets = (lists: number[][]) => Int32Array.from([0, ...lists.map((_, i) => lists.slice(0, i + 1).reduce((n, l) => n + l.length, 0))]);
    const outside = labels.indexOf('O');
    const afterOutside = new Uint8Array(L);
    const beforeOutside = new Uint8Array(L);
    if (outside >= 0) {
      for (let y = 0; y < L; y++) {
        afterOutside[y] = allowed[(outside + 1) * L + y]!;
        beforeOutside[y] = allowed[(y + 1) * L + outside]!;
      }
    }
    c = {
      allowedEnd,
      outside,
      afterOutside,
      beforeOutside,
      first: allowed.slice(0, L),
      prevStart,
      prevIndex: Int32Array.from(prev),
      sets: members.length,
      setStart: offsets(members),
      setIndex: Int32Array.from(members.flat()),
      userStart: offsets(users),
      userIndex: Int32Array.from(users.flat()),
    };
    constraintCache.set(labels, c);
  }
  return c;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The sparse form of a buckets × labels emission table given by its non-zero flat indices (increasing) and values. */
export function sparseEmission(buckets: number, L: number, indices: ArrayLike<number>, values: ArrayLike<number>): SparseEmission {
  const words = Math.ceil(buckets / 32);
  const bits = new Uint32Array(words);
  let rows = 0;
  let lastRow = -1;
  for (let k = 0; k < indices.length; k++) {
    const row = Math.floor(indices[k]! / L);
    if (row !== lastRow) {
      if (row < lastRow) throw new Error('sparse indices must increase');
      bits[row >>> 5]! |= 1 << (row & 31);
      rows++;
      lastRow = row;
    }
  }
  const bitRank = new Uint32Array(2 * words);
  let before = 0;
  for (let w = 0; w < words; w++) {
    bitRank[2 * w] = bits[w]!;
    bitRank[2 * w + 1] = before;
    before += popcount(bits[w]!);
  }
  const rowStart = new Uint32Array(rows + 1);
  const entries = new Int32Array(indices.length);
  let r = -1;
  lastRow = -1;
  for (let k = 0; k < indices.length; k++) {
    const row = Math.floor(indices[k]! / L);
    if (row !== lastRow) {
      rowStart[++r] = k;
      lastRow = row;
    }
    const value = values[k]!;
    if (value !== Math.trunc(value) || value < -32768 || value > 32767) throw new Error('sparse weights must be Int16 values');
    entries[k] = (value << 8) | (indices[k]! - row * L);
  }
  rowStart[rows] = indices.length;
  return { bits, bitRank, rowStart, entries };
}

let scoreBuffer = new Float64Array(0);
let backBuffer = new Uint8Array(0);
let emitBuffer = new Float64Array(0);
let boundBuffer = new Float64Array(0);
let intBuffer = new Int32Array(0);

/** Emission scores of `n` tokens into `emit[t * L + label]`. */
function emissionScores(tagger: SequenceTagger, features: Int32Array, n: number, emit: Float64Array): void {
  const L = tagger.labels.length;
  const F = tagger.featuresPerToken;
  const sparse = tagger.weights.sparse;
  if (sparse) {
    // Integer sums (exact, like the Float64 ones they replace) are cheaper per weight.
    if (intBuffer.length < n * L) intBuffer = new Int32Array(n * L * 2);
    const acc = intBuffer;
    acc.fill(0, 0, n * L);
    for (let t = 0; t < n; t++) {
      const base = t * F;
      const at = t * L;
      for (let k = 0; k < F; k++) addFeatureWeights(sparse, features[base + k]!, acc, at);
    }
    for (let i = 0; i < n * L; i++) emit[i] = acc[i]!;
    return;
  }
  const emission = tagger.weights.emission!;
  emit.fill(0, 0, n * L);
  for (let t = 0; t < n; t++) {
    const base = t * F;
    const at = t * L;
    for (let k = 0; k < F; k++) {
      const row = features[base + k]! * L;
      for (let y = 0; y < L; y++) emit[at + y] += emission[row + y]!;
    }
  }
}

/**
 * The best label sequence for `n` tokens, written into `out` (length ≥ n), among the sequences the
 * BILOU constraints allow. Ties go to the lower label index, so decoding is deterministic.
 */
export function viterbi(tagger: SequenceTagger, features: Int32Array, n: number, out: Uint8Array): void {
  if (n === 0) return;
  const L = tagger.labels.length;
  if (emitBuffer.length < n * L) emitBuffer = new Float64Array(n * L * 2);
  emissionScores(tagger, features, n, emitBuffer);
  decodeEmissions(tagger, emitBuffer, n, out);
}

/**
 * Adds the emission weights of hashed feature `f` into `acc[at + label]` (a loaded, sparse model).
 * Integer sums, so callers may add a token's features in any grouping and get the same scores.
 */
export function addFeatureWeights(sparse: SparseEmission, f: number, acc: Float64Array | Int32Array, at: number): void {
  const { bitRank, rowStart, entries } = sparse;
  const w = (f >>> 5) << 1;
  const word = bitRank[w]!;
  const bit = 1 << (f & 31);
  if ((word & bit) === 0) return;
  const r = bitRank[w + 1]! + popcount(word & (bit - 1));
  const end = rowStart[r + 1]!;
  for (let j = rowStart[r]!; j < end; j++) {
    const e = entries[j]!;
    acc[at + (e & 0xff)] += e >> 8;
  }
}

/** Subtracts what `addFeatureWeights` adds: exact, the sums being integers. */
export function subtractFeatureWeights(sparse: SparseEmission, f: number, acc: Int32Array, at: number): void {
  const { bitRank, rowStart, entries } = sparse;
  const w = (f >>> 5) << 1;
  const word = bitRank[w]!;
  const bit = 1 << (f & 31);
  if ((word & bit) === 0) return;
  const r = bitRank[w + 1]! + popcount(word & (bit - 1));
  const end = rowStart[r + 1]!;
  for (let j = rowStart[r]!; j < end; j++) {
    const e = entries[j]!;
    acc[at + (e & 0xff)] -= e >> 8;
  }
}

const loadedBounds = new WeakMap<ArrayLike<number>, Float64Array>();

/**
 * Per set member (by its position j in setIndex): its smallest and largest transition to the set's
 * users, `bound[2j]` and `bound[2j + 1]`. Kept per transition table for a loaded model (its weights
 * never change); recomputed per call for a model in training, whose table changes between calls.
 */
function transitionBounds(tagger: SequenceTagger, c: Constraints): Float64Array {
  const { transition, sparse } = tagger.weights;
  if (sparse) {
    const kept = loadedBounds.get(transition);
    if (kept) return kept;
  }
  const L = tagger.labels.length;
  const { sets, setStart, setIndex, userStart, userIndex } = c;
  const members = setIndex.length;
  let bound: Float64Array;
  if (sparse) bound = new Float64Array(2 * members);
  else {
    if (boundBuffer.length < 2 * members) boundBuffer = new Float64Array(2 * members);
    bound = boundBuffer;
  }
  for (let k = 0; k < sets; k++) {
    for (let j = setStart[k]!; j < setStart[k + 1]!; j++) {
      const row = (setIndex[j]! + 1) * L;
      let lo = Infinity;
      let hi = -Infinity;
      for (let u = userStart[k]!; u < userStart[k + 1]!; u++) {
        const w = transition[row + userIndex[u]!]!;
        if (w < lo) lo = w;
        if (w > hi) hi = w;
      }
      bound[2 * j] = lo;
      bound[2 * j + 1] = hi;
    }
  }
  if (sparse) loadedBounds.set(transition, bound);
  return bound;
}

const loadedSingles = new WeakMap<ArrayLike<number>, Float64Array>();

/**
 * For a range of one token with an `O` on both sides, per label: its transition from `O` plus its
 * transition to `O`, or -Infinity where the constraints allow the label not after or not before an
 * `O`. The weights are integers, so emission + this sum is exactly what the full search adds in two
 * steps. Kept per transition table of a loaded model (only loaded models take this path).
 */
function singleTokenScores(tagger: SequenceTagger, c: Constraints): Float64Array {
  const { transition } = tagger.weights;
  let single = loadedSingles.get(transition);
  if (!single) {
    const L = tagger.labels.length;
    const o = c.outside;
    single = new Float64Array(L);
    for (let y = 0; y < L; y++) single[y] = c.afterOutside[y] && c.beforeOutside[y] ? transition[(o + 1) * L + y]! + transition[(y + 1) * L + o]! : -Infinity;
    loadedSingles.set(transition, single);
  }
  return single;
}

/**
 * Viterbi over emission scores already summed (`emit[t * L + label]`, n tokens): the same decoding
 * as `viterbi`, for callers that compute emissions their own way (detect-entities reuses the part of
 * a token's score that depends only on its word).
 *
 * Labels that share their allowed previous labels (a set) are decoded together. At each step, when
 * one member p of a set beats every other member q for every label that follows the set — p's score
 * plus its smallest transition to those labels exceeds q's score plus q's largest — p is the best
 * previous label of all of them and the step costs one addition per label; otherwise every member is
 * tried, as in the plain search. Rounding is monotonic, so the test holds for the sums as computed,
 * and it requires strict wins, so the path and its tie-breaking (the lower label index) are exactly
 * those of the plain search.
 */
export function decodeEmissions(tagger: SequenceTagger, emit: Float64Array, n: number, out: Uint8Array): void {
  decodeRange(tagger, emit, 0, n, out, false, false);
}

/**
 * `decodeEmissions` of tokens `from..to` of a longer sequence (`emit` and `out` indexed by the
 * sequence's token), for a caller that knows the tokens around the range are outside any name:
 * `afterOutside` when the token before `from` is `O` (the range starts as after an `O`, with its
 * transitions, instead of as a sentence), `beforeOutside` when the token at `to` is `O` (the range
 * ends on a label that an `O` may follow, and that transition counts). The best sequence of the whole
 * under those labels around the range is the best of the range under these conditions.
 */
export function decodeRange(tagger: SequenceTagger, emit: Float64Array, from: number, to: number, out: Uint8Array, afterOutside: boolean, beforeOutside: boolean): void {
  const n = to - from;
  if (n <= 0) return;
  const L = tagger.labels.length;
  const { transition } = tagger.weights;
  const c = constraints(tagger.labels);
  const { first, sets, setStart, setIndex, userStart, userIndex } = c;
  if ((afterOutside || beforeOutside) && c.outside < 0) throw new Error('the label set has no O');
  const base = from * L;
  if (n === 1 && afterOutside && beforeOutside && tagger.weights.sparse) {
    // One token between two O's: the best label by its emission plus its two transitions with O.
    const single = singleTokenScores(tagger, c);
    let best = -Infinity;
    let arg = 0;
    for (let y = 0; y < L; y++) {
      const s = emit[base + y]! + single[y]!;
      if (s > best) {
        best = s;
        arg = y;
      }
    }
    out[from] = arg;
    return;
  }
  const startRow = afterOutside ? (c.outside + 1) * L : 0;
  const startAllowed = afterOutside ? c.afterOutside : first;
  const allowedEnd = beforeOutside ? c.beforeOutside : c.allowedEnd;
  if (scoreBuffer.length < n * L) {
    scoreBuffer = new Float64Array(n * L * 2);
    backBuffer = new Uint8Array(n * L * 2);
  }
  const score = scoreBuffer;
  const back = backBuffer;
  const bound = transitionBounds(tagger, c);
  for (let y = 0; y < L; y++) score[y] = startAllowed[y] ? emit[base + y]! + transition[startRow + y]! : -Infinity;
  for (let t = 1; t < n; t++) {
    const at = t * L;
    const prevAt = at - L;
    for (let k = 0; k < sets; k++) {
      const from = setStart[k]!;
      const to = setStart[k + 1]!;
      const usersFrom = userStart[k]!;
      const usersTo = userStart[k + 1]!;
      // The member with the highest floor, then whether any other member can reach it.
      let lead = -1;
      let floor = -Infinity;
      for (let j = from; j < to; j++) {
        const lo = score[prevAt + setIndex[j]!]! + bound[2 * j]!;
        if (lo > floor) {
          floor = lo;
          lead = j;
        }
      }
      let alone = lead >= 0;
      for (let j = from; j < to && alone; j++) if (j !== lead && score[prevAt + setIndex[j]!]! + bound[2 * j + 1]! >= floor) alone = false;
      if (alone) {
        const p = setIndex[lead]!;
        const s = score[prevAt + p]!;
        const row = (p + 1) * L;
        for (let u = usersFrom; u < usersTo; u++) {
          const y = userIndex[u]!;
          score[at + y] = s + transition[row + y]! + emit[base + at + y]!;
          back[at + y] = p;
        }
        continue;
      }
      for (let u = usersFrom; u < usersTo; u++) {
        const y = userIndex[u]!;
        let best = -Infinity;
        let arg = 0;
        for (let j = from; j < to; j++) {
          const p = setIndex[j]!;
          const s = score[prevAt + p]! + transition[(p + 1) * L + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        score[at + y] = best + emit[base + at + y]!;
        back[at + y] = arg;
      }
    }
  }
  const lastAt = (n - 1) * L;
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (!allowedEnd[y]) continue;
    const s = beforeOutside ? score[lastAt + y]! + transition[(y + 1) * L + c.outside]! : score[lastAt + y]!;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[from + n - 1] = arg;
  for (let t = n - 1; t > 0; t--) out[from + t - 1] = back[t * L + out[from + t]!]!;
}

export interface PerceptronOptions {
  readonly labels: readonly string[];
  readonly featuresPerToken: number;
  readonly buckets: number;
  readonly epochs: number;
  readonly seed: number;
  /** Called after each epoch with the averaged weights so far (for learning curves). */
  readonly onEpoch?: (epoch: number, tagger: SequenceTagger) => void;
}

/** Trains an averaged perceptron; the same data, options and seed give the same weights. */
export function trainPerceptron(data: readonly TrainingSequence[], options: PerceptronOptions): SequenceTagger {
  const { labels, featuresPerToken: F, buckets, seed } = options;
  const L = labels.length;
  if ((buckets & (buckets - 1)) !== 0) throw new Error('buckets must be a power of two');
  const w = new Float64Array(buckets * L);
  const u = new Float64Array(buckets * L);
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  const current: SequenceTagger = { labels, featuresPerToken: F, buckets, weights: { emission: w, transition: tw } };
  const order = data.map((_, i) => i);
  const prng = createPrng(seed);
  let c = 1;
  let predicted = new Uint8Array(16);
  const averaged = (): SequenceTagger => {
    const emission = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) emission[i] = w[i]! - u[i]! / c;
    const transition = new Float32Array(tw.length);
    for (let i = 0; i < tw.length; i++) transition[i] = tw[i]! - tu[i]! / c;
    return { labels, featuresPerToken: F, buckets, weights: { emission, transition } };
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, prng);
    for (const index of order) {
      const { features, labels: gold } = data[index]!;
      const n = gold.length;
      if (predicted.length < n) predicted = new Uint8Array(n * 2);
      viterbi(current, features, n, predicted);
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = predicted[t]!;
        if (g !== p) {
          for (let k = 0; k < F; k++) {
            const row = features[t * F + k]! * L;
            w[row + g]! += 1;
            u[row + g]! += c;
            w[row + p]! -= 1;
            u[row + p]! -= c;
          }
        }
        const gPrev = t === 0 ? 0 : gold[t - 1]! + 1;
        const pPrev = t === 0 ? 0 : predicted[t - 1]! + 1;
        if (g !== p || gPrev !== pPrev) {
          tw[gPrev * L + g]! += 1;
          tu[gPrev * L + g]! += c;
          tw[pPrev * L + p]! -= 1;
          tu[pPrev * L + p]! -= c;
        }
      }
      c++;
    }
    options.onEpoch?.(epoch, averaged());
  }
  return averaged();
}

/** Tags one sequence: label indices. */
export function tagSequence(tagger: SequenceTagger, features: Int32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  viterbi(tagger, features, n, out);
  return out;
}

export interface SequenceTaggerFileInfo {
  readonly name: string;
  readonly templates: readonly string[];
  readonly dataHash: string;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
}

/** Serialises a trained tagger into the model file format (weights quantised to Int16). */
export function encodeSequenceTagger(tagger: SequenceTagger, info: SequenceTaggerFileInfo): Uint8Array {
  if (!tagger.weights.emission) throw new Error('only a trained (dense) tagger can be saved');
  if (info.templates.length !== tagger.featuresPerToken) throw new Error(`${info.templates.length} templates for ${tagger.featuresPerToken} features per token`);
  const { scale, values } = quantise([tagger.weights.emission, tagger.weights.transition]);
  return encodeModelFile(
    {
      kind: SEQUENCE_TAGGER_KIND,
      name: info.name,
      templates: info.templates,
      labels: tagger.labels,
      buckets: tagger.buckets,
      scale,
      dataHash: info.dataHash,
      settings: info.settings,
    },
    [
      { name: 'emission', values: values[0]! },
      { name: 'transition', values: values[1]! },
    ],
  );
}

/**
 * Loads a tagger from a model file and checks that it is one: kind, array names and sizes
 * (buckets × labels, (labels + 1) × labels). The emission weights stay Int16 and sparse
 * (`SparseEmission`): decoding only compares sums, which the shared scale does not change.
 */
export function decodeSequenceTagger(bytes: Uint8Array): SequenceTagger {
  const { header, arrays } = decodeModelFile(bytes);
  if (header.kind !== SEQUENCE_TAGGER_KIND) throw new ModelFormatError(`kind is "${header.kind}", expected "${SEQUENCE_TAGGER_KIND}"`);
  const L = header.labels.length;
  const emission = arrays.get('emission');
  const transition = arrays.get('transition');
  if (!emission || !transition || arrays.size !== 2) throw new ModelFormatError('a sequence tagger has exactly the arrays "emission" and "transition"');
  if (emission.length !== header.buckets * L) throw new ModelFormatError(`emission has ${emission.length} weights, expected buckets × labels = ${header.buckets * L}`);
  if (transition.length !== (L + 1) * L) throw new ModelFormatError(`transition has ${transition.length} weights, expected (labels + 1) × labels = ${(L + 1) * L}`);
  if (header.templates.length === 0) throw new ModelFormatError('no feature templates');
  if (L > 255) throw new ModelFormatError(`${L} labels, at most 255`);
  let sparse: SparseEmission;
  if (emission.indices) sparse = sparseEmission(header.buckets, L, emission.indices, emission.values);
  else {
    const indices: number[] = [];
    const values: number[] = [];
    emission.values.forEach((v, i) => {
      if (v !== 0) {
        indices.push(i);
        values.push(v);
      }
    });
    sparse = sparseEmission(header.buckets, L, indices, values);
  }
  return {
    labels: header.labels,
    featuresPerToken: header.templates.length,
    buckets: header.buckets,
    weights: { emission: null, sparse, transition: denseArray(transition) },
    header,
  };
}
