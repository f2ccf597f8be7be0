/**
 * The check-worthiness model of rank-claims (`npm run train -- claims`): word clusters learned from
 * unlabelled text (the train sentences, the BBC and the Wikinews articles), then logistic regression
 * over the features of src/analyses/rank-claims/features.ts, trained on CheckThat! 2024 English train,
 * with Platt scaling and the decision threshold fitted on out-of-fold scores of train cross-validation.
 * dev and dev-test are only measured. Deterministic: same data and code, same clusters, model and card bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadCheckThat, type CheckThatRow } from '../eval/datasets/checkthat.js';
import { loadWikinews } from '../eval/datasets/wikinews.js';
import { loadBbc } from '../bench/bbc.js';
import { segmentText } from '../src/analyses/segment-text/segment-text.js';
import { CLAIM_CLUSTERS } from '../src/analyses/rank-claims/resource-ids.js';
import { DEFAULT_WORD_CLUSTER_OPTIONS, formatWordClusters, learnWordClusters, parseWordClusters, type ClusterPath, type WordClusterOptions } from '../src/learn/word-clusters.js';
import { hashString } from '../src/learn/hash.js';
import { analyses } from '../src/analyses/index.js';
import { bundledResources } from '../src/analyses/resources.js';
import { claimLexicon, CLUSTER_PREFIXES, documentRecords, FeatureBuffer, hashWord, recordsIn, sentenceFeatures, TEMPLATES } from '../src/analyses/rank-claims/features.js';
import { RANK_CLAIMS_ID } from '../src/analyses/rank-claims/rank-claims.js';
import { claimWordsHash } from '../src/analyses/rank-claims/data/claim-words.generated.js';
import { irregularVerbsHash } from '../src/analyses/extract-quotes/data/irregular-verbs.generated.js';
import { tokenTable } from '../src/analyses/segment-text/tokens.js';
import { SEGMENT_TEXT_ID } from '../src/analyses/segment-text/segment-text.js';
import { createRunContext } from '../src/core/analysis.js';
import { createDocument } from '../src/core/document.js';
import { createResources, type Resource } from '../src/core/resources.js';
import { runAnalyses } from '../src/core/run-analyses.js';
import { hashText } from '../src/engine/hash-text.js';
import { ENTITY_MODEL } from '../src/analyses/detect-entities/resource-ids.js';
import { averageLogisticRegressions, binaryLogOdds, encodeLogisticRegression, trainLogisticRegression, type ClassifierExample, type LogisticRegression } from '../src/learn/logistic-regression.js';
import { decodeSequenceTagger } from '../src/learn/sequence-tagger.js';
import { dateChooserResource, decodeClaimModel, readModelFile } from '../src/engine/load-models.js';

export const CLAIM_LABELS = ['No', 'Yes'] as const;

export const CLAIM_SETTINGS = {
  seed: 20261212,
  buckets: 1 << 18,
  folds: 5,
  /**
   * Cross-validation scores 1..maxCvEpochs epochs and keeps the smallest count within
   * CLAIM_EPOCH_TOLERANCE of the best mean fold F1. With 6 the best mean was at the range's edge (the
   * curve still rising); 12 holds its peak (10) inside the range (decision 0132).
   */
  maxCvEpochs: 12,
  learningRate: 0.005,
  l2: 1e-5,
  average: true,
  /**
   * Bagging over debates: the model is the mean of `bags` regressions, each trained with one of `bags`
   * debate folds of its training data left out (1: a single regression on all of it). Chosen by train
   * cross-validation (decision 0057); the mean of linear models is one linear model of the same size.
   */
  bags: 4,
};

/** The analyses before rank-claims: what a sentence is run through to get its records. */
export function recordPipeline() {
  const upTo = analyses.findIndex((a) => a.id === RANK_CLAIMS_ID);
  return upTo < 0 ? analyses : analyses.slice(0, upTo);
}

/** How the word clusters are learned (src/learn/word-clusters.ts). */
export const CLAIM_CLUSTER_OPTIONS: WordClusterOptions = DEFAULT_WORD_CLUSTER_OPTIONS;

/** The key of the boundary around a sentence, the context beyond its ends (never a word's key). */
const CLUSTER_BOUNDARY = hashString('<s>');
/** The key the features give every number token (features.ts: `NUMBER`). */
const NUMBER_KEY = hashString('<num>');

/**
 * Each sentence of a text as the token keys the features look clusters up by: `hashWord` of a token,
 * one key for every number. Sentences as segment-text splits them.
 */
export function clusterSequences(text: string): number[][] {
  const document = createDocument({ id: 'cluster-text', text, contentHash: hashText(text) });
  const result = runAnalyses(document, [segmentText], createRunContext({ resources: createResources(bundledResources) }));
  const tokens = tokenTable(result.findings[SEGMENT_TEXT_ID] ?? []);
  const out: number[][] = [];
  for (let i = 0; i < tokens.count; i++) {
    const s = tokens.sentences[i]!;
    while (out.length <= s) out.push([]);
    out[s]!.push(tokens.types[i] === 1 ? NUMBER_KEY : hashWord(text, tokens.starts[i]!, tokens.ends[i]!));
  }
  return out.filter((s) => s.length > 0);
}

/**
 * The unlabelled text the clusters are learned from: the train sentences (not dev or dev-test), the
 * 2,225 BBC articles and the 295 Wikinews articles, read in place from ../shared/data.
 */
export function clusterTexts(train: readonly CheckThatRow[]): { texts: string[]; sources: string } {
  const bbc = loadBbc().docs.map((d) => d.text);
  const wikinews = loadWikinews().map((a) => a.text);
  return {
    texts: [...train.map((r) => r.text), ...bbc, ...wikinews],
    sources: `${train.length} CheckThat! 2024 train sentences, ${bbc.length} BBC News articles (Greene & Cunningham 2006), ${wikinews.length} Wikinews articles (2019-2020)`,
  };
}

/** Learns the clusters of the features from `texts`; returns them as the file text and as read back. */
export function learnClaimClusters(texts: readonly string[]): { text: string; clusters: Map<number, ClusterPath> } {
  const sequences: number[][] = [];
  for (const t of texts) for (const s of clusterSequences(t)) sequences.push(s);
  const text = formatWordClusters(learnWordClusters(sequences, CLUSTER_BOUNDARY, CLAIM_CLUSTER_OPTIONS));
  return { text, clusters: parseWordClusters(text) };
}

const cachedResources = new Map<string, ReturnType<typeof createResources>>();

/**
 * The bundled tables, the entity model and the dates chooser (the analyses before rank-claims need no
 * claims model) and the word clusters: those given, or the committed `models/claims.clusters`.
 */
export function featureResources(clusters?: { text: string; clusters: ReadonlyMap<number, ClusterPath> }) {
  const file = clusters ? null : readModelFile('claims.clusters');
  const hash = clusters ? sha256(clusters.text) : file!.hash;
  let resources = cachedResources.get(hash);
  if (!resources) {
    const entities = readModelFile('entities.model');
    const value = clusters ? clusters.clusters : parseWordClusters(new TextDecoder().decode(file!.bytes));
    const list: Resource[] = [...bundledResources, { id: ENTITY_MODEL, hash: entities.hash, value: decodeSequenceTagger(entities.bytes) }, dateChooserResource(), { id: CLAIM_CLUSTERS, hash, value }];
    resources = createResources(list);
    cachedResources.set(hash, resources);
  }
  return resources;
}

/**
 * The features of each sentence, computed as the analysis computes them: the sentence is run through
 * the pipeline as a document of its own and its records and tokens go to `sentenceFeatures`.
 */
export function claimFeatures(rows: readonly CheckThatRow[], buckets = CLAIM_SETTINGS.buckets, resources = featureResources()): Int32Array[] {
  const pipeline = recordPipeline();
  const context = createRunContext({ resources });
  const lex = claimLexicon(resources, buckets - 1);
  const buffer = new FeatureBuffer();
  return rows.map((row, i) => {
    const document = createDocument({ id: `ct24-${row.id}-${i}`, text: row.text, contentHash: hashText(row.text) });
    const result = runAnalyses(document, pipeline, context);
    const tokens = tokenTable(result.findings[SEGMENT_TEXT_ID] ?? []);
    buffer.clear();
    sentenceFeatures(row.text, tokens, 0, tokens.count, recordsIn(documentRecords(result.findings), 0, row.text.length), lex, buckets - 1, buffer);
    return buffer.result();
  });
}

export function toExamples(features: readonly Int32Array[], rows: readonly CheckThatRow[]): ClassifierExample[] {
  return features.map((f, i) => ({ features: f, label: rows[i]!.label === 'Yes' ? 1 : 0 }));
}

/**
 * Folds of whole debates: the train file lists its sentences shuffled, but a sentence id numbers the
 * sentences of one debate consecutively (ClaimBuster's numbering), so folds are contiguous ranges of
 * the sorted ids. A held-out fold is then debates the model has not seen, as dev-test is, instead of
 * neighbours of training sentences. Ties (none in the data) keep file order.
 */
export function debateFolds(ids: readonly string[], k: number): number[] {
  const n = ids.length;
  const order = ids.map((id, i) => ({ id: Number(id), i })).sort((a, b) => a.id - b.id || a.i - b.i);
  const fold = new Array<number>(n);
  order.forEach(({ i }, rank) => (fold[i] = Math.min(k - 1, Math.floor((rank * k) / n))));
  return fold;
}

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export function f1Yes(labels: ArrayLike<number>, predicted: ArrayLike<number>): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] && labels[i]) tp++;
    else if (predicted[i]) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, fp, fn };
}

/**
 * Platt scaling (Platt 1999) as Lin, Lin & Weng (2007) fit it: a and b maximising the likelihood of
 * the smoothed targets under p = 1 / (1 + exp(-(a z + b))), by Newton's method with a backtracking
 * line search (plain Newton diverges on well-separated scores). Deterministic.
 */
export function fitPlatt(z: ArrayLike<number>, labels: ArrayLike<number>): { a: number; b: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const target = (i: number) => (labels[i] ? hi : lo);
  // -log likelihood, computed without overflow.
  const loss = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < z.length; i++) {
      const v = a * z[i]! + b;
      const t = target(i);
      f += v >= 0 ? (1 - t) * v + Math.log1p(Math.exp(-v)) : -t * v + Math.log1p(Math.exp(v));
    }
    return f;
  };
  let a = 1;
  let b = Math.log((positives + 1) / (negatives + 1));
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * z[i]! + b)));
      const d = p - target(i);
      const w = p * (1 - p);
      ga += d * z[i]!;
      gb += d;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    }
    if (Math.abs(ga) < 1e-7 && Math.abs(gb) < 1e-7) break;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    let step = 1;
    while (step > 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next < current + 1e-4 * step * (ga * da + gb * db)) {
        a += step * da;
        b += step * db;
        current = next;
        break;
      }
      step /= 2;
    }
    if (step <= 1e-10) break;
  }
  return { a, b };
}

export const platt = (z: number, a: number, b: number): number => 1 / (1 + Math.exp(-(a * z + b)));

/** The threshold (a multiple of 0.01) with the best F1 of the Yes class; the lowest on ties. */
export function bestThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  for (let k = 5; k <= 95; k++) {
    const threshold = k / 100;
    const predicted = Array.from({ length: scores.length }, (_, i) => (scores[i]! >= threshold ? 1 : 0));
    const { f1 } = f1Yes(labels, predicted);
    if (f1 > best.f1 + 1e-12) best = { threshold, f1 };
  }
  return best;
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  meanScore: number;
  positiveRate: number;
}

/** Ten equal-width bins of the score and the expected calibration error (count-weighted |rate - score|). */
export function reliability(scores: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const sum = new Array<number>(bins).fill(0);
  const pos = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(bins - 1, Math.floor(scores[i]! * bins));
    sum[b] += scores[i]!;
    pos[b] += labels[i]!;
    count[b]++;
  }
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const meanScore = count[b] ? sum[b]! / count[b]! : 0;
    const positiveRate = count[b] ? pos[b]! / count[b]! : 0;
    ece += (count[b]! / scores.length) * Math.abs(positiveRate - meanScore);
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: count[b]!, meanScore, positiveRate });
  }
  return { bins: out, ece };
}

export interface ClaimsCv {
  /** Mean F1 (Yes) over the held-out folds after each epoch, at the best pooled out-of-fold threshold of the uncalibrated score. */
  meansByEpoch: number[];
  epochs: number;
  /** Out-of-fold log-odds of every train sentence at the chosen epoch count. */
  outOfFold: Float64Array;
  /** Per fold F1 at the chosen threshold, after calibration. */
  foldF1: number[];
  plattA: number;
  plattB: number;
  threshold: number;
  /** Pooled out-of-fold F1 at the threshold, and the calibration of the out-of-fold scores. */
  f1: BinaryScores;
  ece: number;
  /** The threshold procedure itself cross-validated (see `nestedThresholdCv`). */
  nested: NestedThreshold;
}

export interface NestedThreshold {
  /** For each fold, the threshold fitted without it. */
  thresholds: number[];
  /** For each fold, its F1 at that threshold. */
  foldF1: number[];
  /** Pooled over the folds. */
  f1: BinaryScores;
}

/**
 * One fold's calibration, fitted on the other folds only: the Platt scaling of their out-of-fold log-odds
 * and the F1-best threshold on the scaled scores; with the indices fitted on and held out.
 */
export function foldCalibration(
  outOfFold: ArrayLike<number>,
  labels: ArrayLike<number>,
  fold: readonly number[],
  f: number,
): { fit: number[]; held: number[]; a: number; b: number; threshold: number } {
  const fit = [...fold.keys()].filter((i) => fold[i] !== f);
  const held = [...fold.keys()].filter((i) => fold[i] === f);
  const { a, b } = fitPlatt(
    fit.map((i) => outOfFold[i]!),
    fit.map((i) => labels[i]!),
  );
  const { threshold } = bestThreshold(
    fit.map((i) => platt(outOfFold[i]!, a, b)),
    fit.map((i) => labels[i]!),
  );
  return { fit, held, a, b, threshold };
}

/**
 * The decision threshold cross-validated: for each fold, Platt scaling and the threshold are fitted on the
 * out-of-fold log-odds of the other folds only and applied to it, so that no sentence's label helps choose
 * the threshold it is judged at. The pooled F1 estimates how the threshold chosen on all of train does on
 * new debates (the shipped threshold is fitted on every fold's out-of-fold scores).
 */
export function nestedThresholdCv(outOfFold: ArrayLike<number>, labels: ArrayLike<number>, fold: readonly number[], folds: number): NestedThreshold {
  const predicted = new Uint8Array(labels.length);
  const thresholds: number[] = [];
  const foldF1: number[] = [];
  for (let f = 0; f < folds; f++) {
    const { held, a, b, threshold } = foldCalibration(outOfFold, labels, fold, f);
    thresholds.push(threshold);
    for (const i of held) predicted[i] = platt(outOfFold[i]!, a, b) >= threshold ? 1 : 0;
    foldF1.push(
      f1Yes(
        held.map((i) => labels[i]!),
        held.map((i) => predicted[i]!),
      ).f1,
    );
  }
  return { thresholds, foldF1, f1: f1Yes(labels, predicted) };
}

export function trainerOptions(settings: typeof CLAIM_SETTINGS, epochs: number) {
  return { labels: CLAIM_LABELS, buckets: settings.buckets, epochs, seed: settings.seed, learningRate: settings.learningRate, l2: settings.l2, average: settings.average };
}

/**
 * The training sets of the members of a bag over `ids`: with `bags` > 1, the indices of `ids` with one
 * of `bags` debate folds left out, for each fold; with 1, all of them.
 */
export function bagSubsets(ids: readonly string[], bags: number): number[][] {
  if (!Number.isInteger(bags) || bags < 1) throw new RangeError(`bagSubsets: bags must be a positive integer, not ${bags}`);
  const all = [...ids.keys()];
  if (bags === 1) return [all];
  const fold = debateFolds(ids, bags);
  return Array.from({ length: bags }, (_, b) => all.filter((i) => fold[i] !== b));
}

/** The model of `settings` trained for `epochs` on the examples (a bag over their debates, see `bags`). */
export function trainClaimModel(examples: readonly ClassifierExample[], ids: readonly string[], settings: typeof CLAIM_SETTINGS, epochs: number): LogisticRegression {
  if (ids.length !== examples.length) throw new RangeError(`trainClaimModel: ${ids.length} ids for ${examples.length} examples`);
  const members = bagSubsets(ids, settings.bags).map((subset) =>
    trainLogisticRegression(
      subset.map((i) => examples[i]!),
      trainerOptions(settings, epochs),
    ),
  );
  return members.length === 1 ? members[0]! : averageLogisticRegressions(members);
}

/** Within this much mean CV F1 of the best epoch count, the smallest count is chosen. */
export const CLAIM_EPOCH_TOLERANCE = 0.002;

export function crossValidateClaims(examples: readonly ClassifierExample[], ids: readonly string[], settings = CLAIM_SETTINGS, log = console.log): ClaimsCv {
  const n = examples.length;
  if (ids.length !== n) throw new RangeError(`crossValidateClaims: ${ids.length} ids for ${n} examples`);
  const fold = debateFolds(ids, settings.folds);
  const labels = Int8Array.from(examples, (e) => e.label);
  const byEpoch: Float64Array[] = Array.from({ length: settings.maxCvEpochs }, () => new Float64Array(n));
  for (let f = 0; f < settings.folds; f++) {
    const inFold = [...Array(n).keys()].filter((i) => fold[i] !== f);
    // The model after epoch e is the model trained for e epochs: one run per fold (per bag) scores every
    // count. A bagged model's log-odds are the mean of its members' (they are linear), so the members'
    // scores are averaged instead of their weights.
    for (const members of bagSubsets(inFold.map((i) => ids[i]!), settings.bags)) {
      trainLogisticRegression(
        members.map((k) => examples[inFold[k]!]!),
        {
          ...trainerOptions(settings, settings.maxCvEpochs),
          onEpoch: (epoch, model) => {
            for (let i = 0; i < n; i++) if (fold[i] === f) byEpoch[epoch - 1]![i] += binaryLogOdds(model, examples[i]!.features) / settings.bags;
          },
        },
      );
    }
    log(`  fold ${f + 1} trained`);
  }
  const foldMean = (z: Float64Array, at: (value: number) => number): number[] =>
    Array.from({ length: settings.folds }, (_, f) => {
      const idx = [...Array(n).keys()].filter((i) => fold[i] === f);
      return f1Yes(
        idx.map((i) => labels[i]!),
        idx.map((i) => at(z[i]!)),
      ).f1;
    });
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const meansByEpoch = byEpoch.map((z) => {
    const { threshold } = bestThreshold(Array.from(z, sigmoid), labels);
    const f = foldMean(z, (v) => (sigmoid(v) >= threshold ? 1 : 0));
    return f.reduce((a, b) => a + b, 0) / f.length;
  });
  const best = Math.max(...meansByEpoch);
  const epochs = meansByEpoch.findIndex((m) => m >= best - CLAIM_EPOCH_TOLERANCE) + 1;
  const outOfFold = byEpoch[epochs - 1]!;
  const { a, b } = fitPlatt(outOfFold, labels);
  const calibrated = Float64Array.from(outOfFold, (z) => platt(z, a, b));
  const { threshold } = bestThreshold(calibrated, labels);
  const f1 = f1Yes(
    labels,
    Array.from(calibrated, (p) => (p >= threshold ? 1 : 0)),
  );
  const foldF1 = foldMean(outOfFold, (z) => (platt(z, a, b) >= threshold ? 1 : 0));
  const nested = nestedThresholdCv(outOfFold, labels, fold, settings.folds);
  return { meansByEpoch, epochs, outOfFold, foldF1, plattA: a, plattB: b, threshold, f1, ece: reliability(calibrated, labels).ece, nested };
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

const pct = (x: number) => (100 * x).toFixed(1);

export function trainClaims(modelsDir: string, args: readonly string[]): void {
  const settings = CLAIM_SETTINGS;
  const train = loadCheckThat('train');
  console.log(`train: ${train.rows.length} sentences from ${train.file}`);
  const unlabelled = clusterTexts(train.rows);
  const clusters = learnClaimClusters(unlabelled.texts);
  console.log(`${clusters.clusters.size} words clustered from ${unlabelled.sources}`);
  const resources = featureResources(clusters);
  const features = claimFeatures(train.rows, settings.buckets, resources);
  const examples = toExamples(features, train.rows);
  console.log('features computed');
  const epochsArg = args.indexOf('--epochs');
  const cv = crossValidateClaims(examples, train.rows.map((r) => r.id), settings);
  cv.meansByEpoch.forEach((m, e) => console.log(`epochs ${e + 1}: mean CV F1 ${m.toFixed(4)}`));
  const epochs = epochsArg >= 0 ? Number(args[epochsArg + 1]) : cv.epochs;
  console.log(`chosen ${epochs} epochs; Platt a=${cv.plattA.toFixed(4)} b=${cv.plattB.toFixed(4)}; threshold ${cv.threshold}; OOF F1 ${cv.f1.f1.toFixed(4)} ECE ${cv.ece.toFixed(4)}; nested threshold CV F1 ${cv.nested.f1.f1.toFixed(4)}`);
  const classifier = trainClaimModel(examples, train.rows.map((r) => r.id), settings, epochs);
  const dataHash = sha256(train.bytes, claimWordsHash, irregularVerbsHash, clusters.text);
  const bytes = encodeLogisticRegression(classifier, {
    name: 'claims',
    templates: TEMPLATES,
    dataHash,
    settings: {
      trainer: 'logistic-regression-sgd',
      epochs,
      epochsBy: epochsArg >= 0 ? 'command line' : `${settings.folds}-fold cross-validation on train`,
      seed: settings.seed,
      learningRate: settings.learningRate,
      l2: settings.l2,
      averaged: settings.average,
      bags: settings.bags,
      plattA: Number(cv.plattA.toFixed(6)),
      plattB: Number(cv.plattB.toFixed(6)),
      threshold: cv.threshold,
      data: 'checkthat2024/CT24_checkworthy_english_train.tsv',
    },
  });
  const model = decodeClaimModel(bytes);
  const measured = (['dev', 'dev-test'] as const).map((split) => {
    const data = loadCheckThat(split);
    const z = claimFeatures(data.rows, settings.buckets, resources).map((f) => binaryLogOdds(model.classifier, f));
    const labels = data.rows.map((r) => (r.label === 'Yes' ? 1 : 0));
    const scores = z.map((v) => platt(v, model.plattA, model.plattB));
    return { split, f1: f1Yes(labels, scores.map((s) => (s >= model.threshold ? 1 : 0))), ece: reliability(scores, labels).ece };
  });
  for (const m of measured) console.log(`${m.split}: F1(Yes) ${m.f1.f1.toFixed(4)} P ${m.f1.precision.toFixed(4)} R ${m.f1.recall.toFixed(4)} ECE ${m.ece.toFixed(4)}`);
  if (args.includes('--no-write')) return;
  fs.mkdirSync(modelsDir, { recursive: true });
  fs.writeFileSync(path.join(modelsDir, 'claims.model'), bytes);
  fs.writeFileSync(path.join(modelsDir, 'claims.clusters'), clusters.text);
  fs.writeFileSync(path.join(modelsDir, 'claims.card.md'), claimsCard({ bytes, dataHash, cv, epochs, measured, trainRows: train.rows, clusters: { size: clusters.clusters.size, bytes: Buffer.byteLength(clusters.text), sources: unlabelled.sources } }));
  console.log(`wrote models/claims.model (${bytes.length} bytes), models/claims.clusters (${clusters.clusters.size} words) and models/claims.card.md`);
}

function claimsCard(info: {
  bytes: Uint8Array;
  dataHash: string;
  cv: ClaimsCv;
  epochs: number;
  measured: { split: string; f1: BinaryScores; ece: number }[];
  trainRows: readonly CheckThatRow[];
  clusters: { size: number; bytes: number; sources: string };
}): string {
  const co = CLAIM_CLUSTER_OPTIONS;
  const s = CLAIM_SETTINGS;
  const { cv } = info;
  const yes = info.trainRows.filter((r) => r.label === 'Yes').length;
  const rows = info.measured.map((m) => `| ${m.split} (measured only) | ${pct(m.f1.precision)} | ${pct(m.f1.recall)} | **${pct(m.f1.f1)}** | ${m.ece.toFixed(3)} |`).join('\n');
  return `# Model card: claims

The check-worthiness model of \`rank-claims\` (\`models/claims.model\`), rebuilt byte for byte by
\`npm run train -- claims\` (scripts/train-claims.ts), together with this card.

## Data and licence
- Training data: CLEF-2024 CheckThat! Lab Task 1, English, \`CT24_checkworthy_english_train.tsv\`
  (${info.trainRows.length} sentences of US presidential debates, ${yes} labelled \`Yes\`), read in place from
  \`../shared/data/checkthat2024/\` and never copied into this repository.
- Licence of the training data: none stated by the lab's copy that was used (re-published by the FactFinders team);
  **research and evaluation use only**. This file holds no text of the data, only hashed feature weights derived
  from it; it is shipped with claimtrace (package \`files\`: \`models\`). Users with a stricter reading can retrain
  on other data with the same script.
- Hash of the training data and the word tables the features read (sha256): \`${info.dataHash}\`.
- Splits: weights, the Platt calibration and the decision threshold are fitted on train only; dev and dev-test
  are only measured. (dev could not help the threshold in any case: it has train's share of \`Yes\`, 23 %, while
  dev-test has 34 %; see docs/decisions/0030-claims-debate-folds-and-the-label-shift.md.)

## Model
- Logistic regression (two classes, \`No\`/\`Yes\`) over hashed binary features, trained by stochastic gradient
  descent with L2 regularisation and the weights averaged over every update (Polyak averaging) (\`src/learn/logistic-regression.ts\`): ${info.epochs} epochs, learning rate
  ${s.learningRate} decaying as 1/(1+epoch), L2 ${s.l2}, seed ${s.seed}, ${s.buckets} hash buckets, weights quantised to
  Int16 with one scale, stored sparse; ${info.bytes.length} bytes.
- Bagged over debates: ${s.bags > 1 ? `the weights are the mean of ${s.bags} such regressions, each trained with one of ${s.bags} debate folds of
  train left out (contiguous ranges of the sentence ids, as below); the mean of linear models is one linear model, so
  the file and the scoring cost what a single regression does` : 'no (a single regression on all of train)'}.
- Feature templates (${TEMPLATES.length}): ${TEMPLATES.map((t) => `\`${t}\``).join(', ')}. The record features come from
  the analyses before rank-claims, run on each training sentence as a document of its own (figures, dates,
  entities, quotes with cue and stance, framing marks); word classes from \`src/analyses/rank-claims/data/claim-words.tsv\`.
- Word clusters (\`models/claims.clusters\`, ${info.clusters.size} words, ${info.clusters.bytes} bytes, built by the same command):
  learned without labels from ${info.clusters.sources}, read in place
  from \`../shared/data/\`. Each word seen at least ${co.minCount} times is described by its left and right neighbours
  among the ${co.contextSize} most frequent words (positive PMI, unit length); clusters are split in two by their
  principal direction, refined by spherical 2-means, to a depth of ${co.depth} bits (\`src/learn/word-clusters.ts\`).
  A token's cluster path cut at ${CLUSTER_PREFIXES.join(', ')} bits gives the \`cluster-*\` features, so that a word rare or
  unseen in train shares the weight its cluster learned. The file holds hashes of the words, not the words.
- Calibration: Platt scaling of the log-odds, fitted on the out-of-fold log-odds of ${s.folds}-fold cross-validation on
  train. The folds are whole debates: contiguous ranges of the sentence ids, which number a debate's sentences
  in order (the train file itself lists them shuffled, so folds in file order would put a sentence's neighbours in
  training): a = ${cv.plattA.toFixed(4)}, b = ${cv.plattB.toFixed(4)}. Decision threshold on the calibrated score: **${cv.threshold}**, the one
  with the best pooled out-of-fold F1 of \`Yes\`.

## Scores (F1 of the \`Yes\` class, the CheckThat! measure)
Train, ${s.folds}-fold cross-validation (each held-out fold scored by a model bagged as above on the other four), mean F1 of the held-out folds by epoch count (at the
best pooled out-of-fold threshold of the uncalibrated score, for each count):

| epochs | ${cv.meansByEpoch.map((_, e) => e + 1).join(' | ')} |
|---|${cv.meansByEpoch.map(() => '---|').join('')}
| mean F1 | ${cv.meansByEpoch.map(pct).join(' | ')} |

Chosen: **${cv.epochs} epochs**, the smallest within ${pct(CLAIM_EPOCH_TOLERANCE)} points of the best mean.

| split | precision | recall | F1 (Yes) | ECE (10 bins) |
|---|---|---|---|---|
| train, out-of-fold (calibrated, threshold ${cv.threshold}) | ${pct(cv.f1.precision)} | ${pct(cv.f1.recall)} | **${pct(cv.f1.f1)}** | ${cv.ece.toFixed(3)} |
${rows}

Folds at the chosen threshold: ${cv.foldF1.map(pct).join(', ')}. The reliability diagram is in the evaluation report
(\`npm run eval -- claims\`).

The threshold procedure cross-validated (nested: for each fold, Platt scaling and the threshold fitted on the other
folds' out-of-fold scores only): thresholds ${cv.nested.thresholds.join(', ')}; pooled F1 **${pct(cv.nested.f1.f1)}** (folds
${cv.nested.foldF1.map(pct).join(', ')}), against ${pct(cv.f1.f1)} with the threshold fitted on every fold.

## Limits
- Debate transcripts (1960–2016), not news prose: a news sentence with a figure and a named source scores as the
  debates taught it, and the threshold was fitted to debate turns. Scores on news are not measured (no gold).
- The official CheckThat! 2024 test set is not available here; dev-test is a different part of the collection from
  train (a higher share of \`Yes\`), and the official test was newer material still.
`;
}
