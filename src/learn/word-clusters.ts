/**
 * Word clusters learned from unlabelled text, for back-off features: words that occur in the same
 * contexts share a cluster, so a classifier can give a rare or unseen-in-training word the weight its
 * cluster learned from the frequent ones (the use Brown clusters have in Koo, Carreras & Collins 2008
 * and Turian, Ratinov & Bengio 2010).
 *
 * The clustering is distributional and divisive, so that each word gets a bit-string path whose
 * prefixes are coarser clusters, as in Brown clustering:
 * - each word of the vocabulary (seen at least `minCount` times) is described by its left and right
 *   neighbours among the `contextSize` most frequent words, weighted by positive pointwise mutual
 *   information (Church & Hanks 1990) and normalised to unit length;
 * - a cluster is split in two by principal direction divisive partitioning (Boley 1998: the sign of
 *   each member's projection on the first principal component of the cluster, found by power
 *   iteration from a fixed start), refined by a few rounds of spherical 2-means (Dhillon & Modha 2001);
 * - splitting stops at `depth` levels or at clusters smaller than `minClusterSize`.
 *
 * Words are hash keys (the caller's word hash), so no text is stored. Deterministic: the same token
 * streams and options give the same paths, on every machine (no randomness, fixed iteration counts,
 * ties broken by key).
 */

export interface WordClusterOptions {
  /** Words seen fewer times get no cluster. */
  readonly minCount: number;
  /** Number of most frequent words used as left/right context dimensions. */
  readonly contextSize: number;
  /** Bits of the longest path. At most 15 (paths are stored in 16 bits with a leading 1). */
  readonly depth: number;
  /** A cluster with fewer members is not split. */
  readonly minClusterSize: number;
  /** Power iterations per split. */
  readonly powerIterations: number;
  /** Spherical 2-means rounds after each split. */
  readonly refineIterations: number;
}

export const DEFAULT_WORD_CLUSTER_OPTIONS: WordClusterOptions = {
  minCount: 5,
  contextSize: 800,
  depth: 12,
  minClusterSize: 8,
  powerIterations: 30,
  refineIterations: 5,
};

/**
 * A word's cluster: the path from the root, as an integer with a leading 1 bit (so `0b1` is the root,
 * `0b10` and `0b11` its halves); `pathBits` gives its length.
 */
export type ClusterPath = number;

export const pathBits = (path: ClusterPath): number => 31 - Math.clz32(path);

/** The first `bits` bits of a path (the whole path when it is shorter). */
export function pathPrefix(path: ClusterPath, bits: number): ClusterPath {
  const length = pathBits(path);
  return length <= bits ? path : path >>> (length - bits);
}

/**
 * Sentences (or documents) as sequences of word keys; a boundary key separates the ends. `boundary`
 * is used as the context beyond a sequence's ends and is never clustered.
 */
export function learnWordClusters(sequences: Iterable<ArrayLike<number>>, boundary: number, options: WordClusterOptions = DEFAULT_WORD_CLUSTER_OPTIONS): Map<number, ClusterPath> {
  if (options.depth < 1 || options.depth > 15) throw new RangeError(`learnWordClusters: depth ${options.depth} is outside 1..15`);
  const seqs: ArrayLike<number>[] = [...sequences];
  // Counts, then the vocabulary (count desc, key asc).
  const counts = new Map<number, number>();
  for (const s of seqs) for (let i = 0; i < s.length; i++) counts.set(s[i]!, (counts.get(s[i]!) ?? 0) + 1);
  counts.delete(boundary);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const vocab = ranked.filter(([, n]) => n >= options.minCount).map(([k]) => k);
  const row = new Map<number, number>();
  vocab.forEach((k, i) => row.set(k, i));
  // Context dimensions: the boundary, then the most frequent words; left contexts first, right after.
  const contextKeys = [boundary, ...ranked.slice(0, options.contextSize).map(([k]) => k)];
  const contextOf = new Map<number, number>();
  contextKeys.forEach((k, i) => contextOf.set(k, i));
  const C = contextKeys.length;
  const dims = 2 * C;
  const cooc: Map<number, number>[] = vocab.map(() => new Map());
  const at = (s: ArrayLike<number>, i: number) => (i < 0 || i >= s.length ? boundary : s[i]!);
  for (const s of seqs) {
    for (let i = 0; i < s.length; i++) {
      const r = row.get(s[i]!);
      if (r === undefined) continue;
      const left = contextOf.get(at(s, i - 1));
      const right = contextOf.get(at(s, i + 1));
      const m = cooc[r]!;
      if (left !== undefined) m.set(left, (m.get(left) ?? 0) + 1);
      if (right !== undefined) m.set(C + right, (m.get(C + right) ?? 0) + 1);
    }
  }
  // PPMI, unit length, as sparse rows (indices increasing).
  const columnTotal = new Float64Array(dims);
  let total = 0;
  for (const m of cooc)
    for (const [d, n] of m) {
      columnTotal[d] += n;
      total += n;
    }
  const indices: Int32Array[] = [];
  const values: Float64Array[] = [];
  cooc.forEach((m, r) => {
    let rowTotal = 0;
    for (const n of m.values()) rowTotal += n;
    const entries = [...m].sort((a, b) => a[0] - b[0]);
    const idx: number[] = [];
    const val: number[] = [];
    for (const [d, n] of entries) {
      const pmi = Math.log((n * total) / (rowTotal * columnTotal[d]!));
      if (pmi > 0) {
        idx.push(d);
        val.push(pmi);
      }
    }
    let norm = 0;
    for (const v of val) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    indices[r] = Int32Array.from(idx);
    values[r] = Float64Array.from(val, (v) => v / norm);
  });
  const paths = new Int32Array(vocab.length).fill(1);
  const dot = (r: number, dense: Float64Array): number => {
    const idx = indices[r]!;
    const val = values[r]!;
    let s = 0;
    for (let k = 0; k < idx.length; k++) s += val[k]! * dense[idx[k]!]!;
    return s;
  };
  const addTo = (r: number, dense: Float64Array, factor: number): void => {
    const idx = indices[r]!;
    const val = values[r]!;
    for (let k = 0; k < idx.length; k++) dense[idx[k]!] += factor * val[k]!;
  };
  const normalise = (v: Float64Array): void => {
    let n = 0;
    for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
    n = Math.sqrt(n);
    if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  };
  /** Splits `members` in two; returns the side (0/1) of each member, or null when it cannot be split. */
  const split = (members: number[]): Uint8Array | null => {
    const mean = new Float64Array(dims);
    for (const r of members) addTo(r, mean, 1 / members.length);
    // Power iteration on the covariance (X - mean)^T (X - mean), from a fixed start.
    let v = new Float64Array(dims);
    for (let d = 0; d < dims; d++) v[d] = 1 + ((d * 2654435761) % 1000) / 1000;
    normalise(v);
    const projections = new Float64Array(members.length);
    for (let it = 0; it < options.powerIterations; it++) {
      let meanDot = 0;
      for (let d = 0; d < dims; d++) meanDot += mean[d]! * v[d]!;
      const next = new Float64Array(dims);
      let sumProj = 0;
      members.forEach((r, m) => {
        const p = dot(r, v) - meanDot;
        projections[m] = p;
        sumProj += p;
        addTo(r, next, p);
      });
      for (let d = 0; d < dims; d++) next[d] -= sumProj * mean[d]!;
      normalise(next);
      v = next;
    }
    let meanDot = 0;
    for (let d = 0; d < dims; d++) meanDot += mean[d]! * v[d]!;
    const side = new Uint8Array(members.length);
    members.forEach((r, m) => (side[m] = dot(r, v) - meanDot > 0 ? 1 : 0));
    // Spherical 2-means from that partition.
    for (let it = 0; it < options.refineIterations; it++) {
      const centre = [new Float64Array(dims), new Float64Array(dims)];
      members.forEach((r, m) => addTo(r, centre[side[m]!]!, 1));
      normalise(centre[0]!);
      normalise(centre[1]!);
      let changed = 0;
      members.forEach((r, m) => {
        const s = dot(r, centre[1]!) > dot(r, centre[0]!) ? 1 : 0;
        if (s !== side[m]) changed++;
        side[m] = s;
      });
      if (changed === 0) break;
    }
    let ones = 0;
    for (const s of side) ones += s;
    return ones === 0 || ones === members.length ? null : side;
  };
  let frontier: number[][] = [vocab.map((_, r) => r)];
  for (let level = 0; level < options.depth; level++) {
    const next: number[][] = [];
    for (const members of frontier) {
      if (members.length < options.minClusterSize) continue;
      const side = split(members);
      if (!side) continue;
      const halves: number[][] = [[], []];
      members.forEach((r, m) => {
        paths[r] = (paths[r]! << 1) | side[m]!;
        halves[side[m]!]!.push(r);
      });
      next.push(halves[0]!, halves[1]!);
    }
    frontier = next;
  }
  const out = new Map<number, ClusterPath>();
  vocab.forEach((k, r) => out.set(k, paths[r]!));
  return out;
}

/**
 * Clusters as a TSV text: one `key<TAB>path` line per word, key as 8 hex digits and the path as its
 * bit string, in key order; what `parseWordClusters` reads back.
 */
export function formatWordClusters(clusters: ReadonlyMap<number, ClusterPath>): string {
  const keys = [...clusters.keys()].sort((a, b) => a - b);
  return keys.map((k) => `${(k >>> 0).toString(16).padStart(8, '0')}\t${clusters.get(k)!.toString(2).slice(1)}\n`).join('');
}

export class WordClusterFormatError extends Error {
  constructor(message: string) {
    super(`bad word clusters: ${message}`);
    this.name = 'WordClusterFormatError';
  }
}

export function parseWordClusters(text: string): Map<number, ClusterPath> {
  const out = new Map<number, ClusterPath>();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([0-9a-f]{8})\t([01]{0,15})$/.exec(line);
    if (!m) throw new WordClusterFormatError(`line ${n + 1} is not "<8 hex digits><TAB><bits>"`);
    const key = parseInt(m[1]!, 16) >>> 0;
    if (out.has(key)) throw new WordClusterFormatError(`line ${n + 1} repeats the key ${m[1]}`);
    out.set(key, parseInt(`1${m[2]}`, 2));
  }
  return out;
}
