/**
 * Story-level similarity of two analysed documents, from what claimtrace extracts: TF-IDF cosine of
 * their words, Jaccard of 5-word shingles (MinHash), overlap of entity keys (people, organisations,
 * places), of dates and of figures. `similarityFeatures` gives the signals; `documentSimilarity`
 * combines them with weights fitted on data (see `npm run eval -- corpus`).
 */
import type { AnalysisJson } from '../api/analysis-json.js';
import { keyOfEntity } from './features.js';
import { estimatedJaccard, minhashSignature } from './minhash.js';
import { shingleHashes, wordTexts, wordsOf } from './words.js';

export const SIMILARITY_FEATURES = ['tfidfCosine', 'shingleJaccard', 'entityOverlap', 'placeOverlap', 'personOrgOverlap', 'dateOverlap', 'figureOverlap', 'titleCosine'] as const;
export type SimilarityFeatureName = (typeof SIMILARITY_FEATURES)[number];

export interface TermOptions {
  /** Cut common English suffixes (-s, -es, -ies, -ed, -ing) and keep 8 letters: "detainees" ~ "detained". */
  stem?: boolean;
  /** Term frequency weight: `log` (1 + ln tf) or `raw` (tf). */
  tf?: 'log' | 'raw';
}

function stemOf(word: string): string {
  return word.replace(/(ies|ing|ed|es|s)$/, (m) => (m === 'ies' ? 'y' : '')).slice(0, 8);
}

/** Term counts of a text (folded words of 3+ characters; numbers kept). */
export function termCounts(text: string, options: TermOptions = {}): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of wordTexts(text)) {
    if (word.folded.length < 3) continue;
    const term = options.stem ? stemOf(word.folded) : word.folded;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** Document frequencies over a background collection, as an idf function (smoothed, +1). */
export function inverseDocumentFrequency(texts: Iterable<string>, options: TermOptions = {}): (term: string) => number {
  const df = new Map<string, number>();
  let n = 0;
  for (const text of texts) {
    n++;
    for (const term of termCounts(text, options).keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return (term) => Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1;
}

/** TF-IDF cosine of two texts. */
export function tfidfCosine(a: string, b: string, idf: (term: string) => number, options: TermOptions = {}): number {
  return cosine(termCounts(a, options), termCounts(b, options), idf, options.tf ?? 'log');
}

function cosine(a: Map<string, number>, b: Map<string, number>, idf: (term: string) => number, tf: 'log' | 'raw' = 'log'): number {
  const weight = (count: number) => (tf === 'log' ? 1 + Math.log(count) : count);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, count] of a) {
    const w = weight(count) * idf(term);
    na += w * w;
    const other = b.get(term);
    if (other !== undefined) dot += w * weight(other) * idf(term);
  }
  for (const [term, count] of b) {
    const w = weight(count) * idf(term);
    nb += w * w;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** |A ∩ B| / min(|A|, |B|), 0 when either is empty: one short article inside a long one still overlaps fully. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

function entityKeys(analysis: AnalysisJson, types: readonly string[]): Set<string> {
  return new Set(analysis.entities.filter((e) => types.includes(e.type)).map(keyOfEntity));
}

export function similarityFeatures(a: AnalysisJson, b: AnalysisJson, idf: (term: string) => number = () => 1, options: TermOptions = {}): Record<SimilarityFeatureName, number> {
  const shingles = (text: string) => minhashSignature(Uint32Array.from(new Set(shingleHashes(wordsOf(text).hashes, 5))));
  const dates = (x: AnalysisJson) => new Set(x.dates.filter((d) => d.granularity !== 'duration' && !d.value.startsWith('XXXX')).map((d) => d.value.slice(0, 7)));
  const figures = (x: AnalysisJson) => new Set(x.figures.map((f) => `${f.value ?? f.min}|${f.unit ?? ''}`));
  return {
    tfidfCosine: tfidfCosine(a.document.text, b.document.text, idf, options),
    shingleJaccard: estimatedJaccard(shingles(a.document.text), shingles(b.document.text)),
    entityOverlap: overlap(entityKeys(a, ['person', 'organization', 'place', 'group']), entityKeys(b, ['person', 'organization', 'place', 'group'])),
    placeOverlap: overlap(entityKeys(a, ['place']), entityKeys(b, ['place'])),
    personOrgOverlap: overlap(entityKeys(a, ['person', 'organization']), entityKeys(b, ['person', 'organization'])),
    dateOverlap: overlap(dates(a), dates(b)),
    figureOverlap: overlap(figures(a), figures(b)),
    titleCosine: tfidfCosine(a.document.title ?? '', b.document.title ?? '', idf, options),
  };
}

/**
 * The setting chosen by `npm run eval -- corpus` (nested cross-validation on the SemEval-2022 Task 8
 * English pairs, the same choice on every fold): stemmed terms, raw term frequency, and the square
 * root of the TF-IDF cosine; entity overlap added nothing there.
 */
export const STORY_SIMILARITY: Required<TermOptions> & { power: number } = { stem: true, tf: 'raw', power: 0.5 };

/** Story similarity of two texts in [0, 1] with the chosen setting and an idf over a background collection. */
export function storySimilarity(a: string, b: string, idf: (term: string) => number): number {
  return tfidfCosine(a, b, idf, STORY_SIMILARITY) ** STORY_SIMILARITY.power;
}

/** A weighted sum of the features plus an intercept (weights by feature name). */
export function documentSimilarity(features: Readonly<Record<SimilarityFeatureName, number>>, weights: Readonly<Record<string, number>>): number {
  let score = weights.intercept ?? 0;
  for (const name of SIMILARITY_FEATURES) score += (weights[name] ?? 0) * features[name];
  return score;
}
