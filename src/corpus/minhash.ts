/**
 * MinHash signatures over word shingles and locality-sensitive hashing by bands, the candidate
 * search for near-duplicate documents: two documents land in a common bucket with probability
 * 1 - (1 - J^ROWS)^BANDS for Jaccard similarity J of their shingle sets, so the corpus never compares
 * all pairs. With 16 bands of 4 rows: J = 0.9 -> 1.00, J = 0.7 -> 0.98, J = 0.5 -> 0.64, J = 0.3 -> 0.12.
 */
import { fmix32 } from './words.js';

export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = SIGNATURE_SIZE / BANDS;

/** Fixed odd multipliers and offsets for the SIGNATURE_SIZE hash functions (splitmix-style, seed 1). */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE * 2);
  let state = 1;
  for (let i = 0; i < seeds.length; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(state) | (i % 2 === 0 ? 1 : 0);
  }
  return seeds;
})();

/** The signature of a set of shingle hashes; all 0xffffffff for an empty set. */
export function minhashSignature(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32((Math.imul(x, SEEDS[2 * i]!) + SEEDS[2 * i + 1]!) >>> 0);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity: the share of equal positions. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / SIGNATURE_SIZE;
}

/** One bucket key per band (band number in the low bits, so bands never share a bucket). */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = 0x3c6ef372 + band;
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h ^ signature[band * ROWS + r]!, 0x01000193));
    keys.push((h >>> 0) * BANDS + band);
  }
  return keys;
}

/**
 * Buckets of items by key with a cap per bucket: a bucket that fills up (boilerplate shared by
 * thousands of documents) stops taking items, so memory and candidate lists stay bounded.
 */
export class BucketIndex {
  private readonly buckets = new Map<number, number[]>();
  constructor(private readonly cap: number) {}

  add(key: number, item: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, [item]);
    else if (bucket.length < this.cap && bucket[bucket.length - 1] !== item) bucket.push(item);
  }

  get(key: number): readonly number[] {
    return this.buckets.get(key) ?? EMPTY;
  }

  get size(): number {
    return this.buckets.size;
  }
}

const EMPTY: readonly number[] = [];
