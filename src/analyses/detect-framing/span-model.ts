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
import * as tagging from '../../learn/sequence-tagger.js';
import type { SequenceTagger } from '../../learn/sequence-tagger.js';
import type { Words } from './words.js';

// Module-level copies of the functions called per word: a call through an import binding can cost a
// property read each time when the code is run as transpiled CommonJS.
const combine = hash.combine;
const fmix32 = hash.fmix32;
const hashLower = hash.hashLower;
const hashString = hash.hashString;
const decodeEmissions = tagging.decodeEmissions;

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
] as const;

export const SPAN_FEATURES = SPAN_TEMPLATES.length;

/** The one span type of the tagger: a framing phrase. */
export const SPAN_TYPE = 'F';

/** What the model needs of a document besides its words: per word, the lexicon mark on it, its voice, and whether it names a side. */
export interface SpanInput {
  readonly text: string;
  readonly words: Words;
  /** Per word: 0 for no mark, else 2 × (category index + 1), + 1 on a mark's first word. */
  readonly mark: Uint8Array;
  /** Per word: 1 inside a quote's content. */
  readonly quoted: Uint8Array;
  /** Per word: 1 when it names a side (masked as `<name>`, and never inside a model phrase). */
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
  readonly suffix: Uint32Array;
  readonly shape: Uint32Array;
  readonly gapBefore: Uint32Array;
}

export function wordHashes(input: SpanInput): WordHashes {
  const { text, words, name } = input;
  const n = words.count;
  const word = new Uint32Array(n);
  const suffix = new Uint32Array(n);
  const shape = new Uint32Array(n);
  const gapBefore = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const start = words.starts[i]!;
    const end = words.ends[i]!;
    const length = end - start;
    if (name[i]) {
      word[i] = NAME;
      suffix[i] = NAME;
    } else {
      word[i] = hashLower(text, start, end);
      suffix[i] = hashLower(text, Math.max(start, end - 3), end);
    }
    let upper = 0;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c >= 65 && c <= 90) upper++;
    }
    const caps = words.capital[i] ? (upper === length && length > 1 ? 2 : 1) : 0;
    // A side's shape says nothing about which side it is.
    shape[i] = name[i] ? 255 : caps * 16 + Math.min(length, 15);
    gapBefore[i] = gapHash(text, i === 0 ? Math.max(0, start - 4) : words.ends[i - 1]!, start);
  }
  gapBefore[n] = n === 0 ? 0 : gapHash(text, words.ends[n - 1]!, Math.min(text.length, words.ends[n - 1]! + 4));
  return { word, suffix, shape, gapBefore };
}

/**
 * The features of words `from .. to - 1` (one sentence) into `out` (SPAN_FEATURES per word), hashed
 * into `mask + 1` buckets.
 */
export function sentenceFeatures(input: SpanInput, hashes: WordHashes, from: number, to: number, mask: number, out: Int32Array): void {
  const { words, mark, quoted, headline } = input;
  const { word, suffix, shape, gapBefore } = hashes;
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
  }
}

/** The sentences as word ranges: `[first word, last word + 1)` each, empty ones left out. */
export function sentenceWordRanges(words: Words): { from: number; to: number }[] {
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

let featureBuffer = new Int32Array(0);
let emitBuffer = new Float64Array(0);
let tagBuffer = new Uint8Array(0);

/**
 * The framing phrases the model finds, as word ranges `[start, end)`. `outsideBias` is added to the
 * score of the label O (in the model's quantised units): above 0 the model marks less, below 0 more.
 * `dense` holds the emission weights as `dense[feature * 5 + label]` (`denseEmission`).
 */
export function tagSpans(model: { readonly tagger: SequenceTagger; readonly dense: Int16Array; readonly outsideBias: number }, input: SpanInput): { start: number; end: number }[] {
  const { tagger, dense, outsideBias } = model;
  const hashes = wordHashes(input);
  const mask = tagger.buckets - 1;
  const L = tagger.labels.length;
  if (L !== 5) throw new Error('the framing model has the five labels O, B-F, I-F, L-F, U-F');
  const F = SPAN_FEATURES;
  const spans: { start: number; end: number }[] = [];
  for (const { from: sFrom, to: sTo } of sentenceWordRanges(input.words)) {
    for (let from = sFrom; from < sTo; from += MAX_SEQUENCE) {
      const to = Math.min(sTo, from + MAX_SEQUENCE);
      const n = to - from;
      if (featureBuffer.length < n * F) featureBuffer = new Int32Array(n * F * 2);
      if (emitBuffer.length < n * L) {
        emitBuffer = new Float64Array(n * L * 2);
        tagBuffer = new Uint8Array(n * 2);
      }
      sentenceFeatures(input, hashes, from, to, mask, featureBuffer);
      // Integer sums of the dense Int16 weights (exact), one cache line per feature.
      for (let t = 0; t < n; t++) {
        let s0 = outsideBias;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        const base = t * F;
        for (let k = 0; k < F; k++) {
          const row = featureBuffer[base + k]! * 5;
          s0 += dense[row]!;
          s1 += dense[row + 1]!;
          s2 += dense[row + 2]!;
          s3 += dense[row + 3]!;
          s4 += dense[row + 4]!;
        }
        const at = t * 5;
        emitBuffer[at] = s0;
        emitBuffer[at + 1] = s1;
        emitBuffer[at + 2] = s2;
        emitBuffer[at + 3] = s3;
        emitBuffer[at + 4] = s4;
      }
      decodeEmissions(tagger, emitBuffer, n, tagBuffer);
      let open = -1;
      for (let t = 0; t < n; t++) {
        const label = tagger.labels[tagBuffer[t]!]!;
        const prefix = label.charCodeAt(0);
        if (prefix === 85 /* U */) pushWithoutSides(input.name, from + t, from + t + 1, spans);
        else if (prefix === 66 /* B */) open = from + t;
        else if (prefix === 76 /* L */ && open >= 0) {
          pushWithoutSides(input.name, open, from + t + 1, spans);
          open = -1;
        }
      }
    }
  }
  return spans;
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
