/**
 * `eval claims`: check-worthiness of rank-claims against CheckThat! 2024 Task 1 English (F1 of the Yes
 * class, the lab's measure), on dev and dev-test, with train cross-validation beside them, the
 * calibration of the scores (reliability diagram and expected calibration error), and two reference
 * points: predicting Yes everywhere, and a plain bag-of-words logistic regression trained the same way.
 * Each sentence goes through the whole pipeline as a document and is scored by the analysis's own
 * `scoreSentences` with the committed model. Writes eval/reports/<date>-claims.md and .json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { createResources } from '../../src/core/resources.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { scoreSentences } from '../../src/analyses/rank-claims/rank-claims.js';
import { CLAIM_MODEL } from '../../src/analyses/rank-claims/resource-ids.js';
import { hashText } from '../../src/engine/hash-text.js';
import { modelResources } from '../../src/engine/load-models.js';
import { featureId, hashLower, combine } from '../../src/learn/hash.js';
import { binaryLogOdds } from '../../src/learn/logistic-regression.js';
import { createPrng } from '../../src/learn/prng.js';
import {
  bestThreshold,
  CLAIM_SETTINGS,
  claimFeatures,
  crossValidateClaims,
  f1Yes,
  platt,
  recordPipeline,
  reliability,
  toExamples,
  trainClaimModel,
  type BinaryScores,
  type ReliabilityBin,
} from '../../scripts/train-claims.js';
import { loadCheckThat, type CheckThatRow, type CheckThatSplit } from '../datasets/checkthat.js';
import { displayPath, repoRoot, today } from '../paths.js';
import { measureClaimsSpeed, type ClaimsSpeed } from './claims-speed.js';
import { priorShiftCheck, type PriorShiftRow } from './claims-prior-shift.js';
import { estimatePrior } from '../../src/learn/prior-shift.js';

export interface ClaimsEvalOptions {
  cv: boolean;
  /** Time rank-claims alone on the BBC texts (eval/tasks/claims-speed.ts). */
  speed: boolean;
  baseline: boolean;
  write: boolean;
  outDir: string;
}

export const DEFAULT_CLAIMS_OPTIONS: ClaimsEvalOptions = { cv: true, speed: true, baseline: true, write: true, outDir: path.join(repoRoot, 'eval', 'reports') };

interface SplitResult {
  split: CheckThatSplit;
  sentences: number;
  yes: number;
  /** Items that segment-text split into more than one sentence (the item's score is its best sentence's). */
  multiSentence: number;
  atThreshold: BinaryScores;
  atHalf: BinaryScores;
  allYes: BinaryScores;
  ece: number;
  /** ECE of the regression's own probability (the sigmoid of its log-odds), before Platt scaling. */
  eceUncalibrated: number;
  bins: ReliabilityBin[];
  /** The threshold a reader of this split alone would have chosen, and its F1: for context, never used. */
  hindsight: { threshold: number; f1: number };
  /** 95 % percentile bootstrap interval of F1 (Yes) at the model threshold (sentences resampled, seeded). */
  f1Interval: [number, number];
  /** Mean calibrated score: what the model expects the share of Yes to be, beside the real share. */
  meanScore: number;
  /** The share of Yes estimated from the unlabelled scores by EM (Saerens et al. 2002), train's share as the start. */
  emShare: number;
}

const BOOTSTRAP_SAMPLES = 2000;

/** Percentile bootstrap of F1 (Yes) over sentences: how much the figure moves with the sample (seeded). */
export function bootstrapF1(labels: readonly number[], predicted: readonly number[], samples = BOOTSTRAP_SAMPLES, seed = 20261201): [number, number] {
  const prng = createPrng(seed);
  const n = labels.length;
  const values: number[] = [];
  for (let s = 0; s < samples; s++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let k = 0; k < n; k++) {
      const i = prng.int(n);
      if (predicted[i] && labels[i]) tp++;
      else if (predicted[i]) fp++;
      else if (labels[i]) fn++;
    }
    values.push(tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(0.025 * samples)]!, values[Math.min(samples - 1, Math.ceil(0.975 * samples) - 1)]!];
}

/** Scores each sentence through the pipeline and the analysis's scoring, as `analyze` would. */
function scoreRows(rows: readonly CheckThatRow[]): { scores: number[]; multiSentence: number } {
  const resources = createResources([...bundledResources, ...modelResources()]);
  const context = createRunContext({ resources });
  const pipeline = recordPipeline();
  let multiSentence = 0;
  const scores = rows.map((row, i) => {
    const document = createDocument({ id: `ct24-${row.id}-${i}`, text: row.text, contentHash: hashText(row.text) });
    const result = runAnalyses(document, pipeline, context);
    const scored = scoreSentences(document, result.findings, context);
    if (scored.length > 1) multiSentence++;
    return scored.reduce((best, s) => Math.max(best, s.score), 0);
  });
  return { scores, multiSentence };
}

/** The sigmoid of the log-odds behind a Platt-calibrated score p = 1 / (1 + exp(-(a z + b))). */
export function uncalibrated(p: number, a: number, b: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return 1 / (1 + Math.exp(-(Math.log(q / (1 - q)) - b) / a));
}

function measure(split: CheckThatSplit, rows: readonly CheckThatRow[], scores: readonly number[], threshold: number, multiSentence: number, platt: { plattA: number; plattB: number }, trainShare: number): SplitResult {
  const labels = rows.map((r) => (r.label === 'Yes' ? 1 : 0));
  const { bins, ece } = reliability(scores, labels);
  const eceUncalibrated = reliability(
    scores.map((p) => uncalibrated(p, platt.plattA, platt.plattB)),
    labels,
  ).ece;
  const predicted = scores.map((s) => (s >= threshold ? 1 : 0));
  return {
    split,
    sentences: rows.length,
    yes: labels.reduce((a: number, b) => a + b, 0),
    multiSentence,
    atThreshold: f1Yes(labels, predicted),
    atHalf: f1Yes(labels, scores.map((s) => (s >= 0.5 ? 1 : 0))),
    allYes: f1Yes(labels, labels.map(() => 1)),
    ece,
    eceUncalibrated,
    bins,
    hindsight: bestThreshold(scores, labels),
    f1Interval: bootstrapF1(labels, predicted),
    meanScore: scores.reduce((a, b) => a + b, 0) / scores.length,
    emShare: estimatePrior(scores, trainShare).prior,
  };
}

/** Word unigrams and bigrams only, hashed the same way: the plain bag-of-words reference. */
function bagOfWords(text: string, mask: number): Int32Array {
  const out: number[] = [];
  let previous = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const h = hashLower(text, m.index!, m.index! + m[0].length);
    out.push(featureId(0, h, mask), featureId(1, combine(previous, h), mask));
    previous = h;
  }
  return Int32Array.from(out);
}

interface BaselineResult {
  epochs: number;
  threshold: number;
  cvF1: number;
  devTest: BinaryScores;
  dev: BinaryScores;
}

/** The bag-of-words logistic regression, trained and calibrated exactly as the shipped model is. */
function bagOfWordsBaseline(train: readonly CheckThatRow[], dev: readonly CheckThatRow[], devTest: readonly CheckThatRow[]): BaselineResult {
  const mask = CLAIM_SETTINGS.buckets - 1;
  const examples = toExamples(train.map((r) => bagOfWords(r.text, mask)), train);
  const cv = crossValidateClaims(examples, train.map((r) => r.id), CLAIM_SETTINGS, () => {});
  const model = trainClaimModel(examples, train.map((r) => r.id), CLAIM_SETTINGS, cv.epochs);
  const at = (rows: readonly CheckThatRow[]) =>
    f1Yes(
      rows.map((r) => (r.label === 'Yes' ? 1 : 0)),
      rows.map((r) => (platt(binaryLogOdds(model, bagOfWords(r.text, mask)), cv.plattA, cv.plattB) >= cv.threshold ? 1 : 0)),
    );
  return { epochs: cv.epochs, threshold: cv.threshold, cvF1: cv.f1.f1, dev: at(dev), devTest: at(devTest) };
}

const pct = (x: number) => (100 * x).toFixed(1);
const prf = (s: BinaryScores) => `${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}**`;

function diagram(bins: readonly ReliabilityBin[]): string {
  const rows = bins.map((b) => {
    const bar = '#'.repeat(Math.round(b.positiveRate * 20)).padEnd(20, '.');
    return `| ${b.lo.toFixed(1)}–${b.hi.toFixed(1)} | ${b.count} | ${b.count ? b.meanScore.toFixed(2) : '-'} | ${b.count ? b.positiveRate.toFixed(2) : '-'} | \`${b.count ? bar : ''}\` |`;
  });
  return ['| score bin | sentences | mean score | share Yes | share Yes (bar, 20 = 100 %) |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function runClaimsEval(options: ClaimsEvalOptions, command: string): void {
  const model = modelResources().find((r) => r.id === CLAIM_MODEL)!.value as { threshold: number; plattA: number; plattB: number };
  const train = loadCheckThat('train');
  const dev = loadCheckThat('dev');
  const devTest = loadCheckThat('dev-test');
  const results: SplitResult[] = [];
  const scoresOf = new Map<CheckThatSplit, number[]>();
  for (const data of [dev, devTest]) {
    const split = data === dev ? 'dev' : 'dev-test';
    const { scores, multiSentence } = scoreRows(data.rows);
    scoresOf.set(split, scores);
    const r = measure(split, data.rows, scores, model.threshold, multiSentence, model, train.rows.filter((row) => row.label === 'Yes').length / train.rows.length);
    results.push(r);
    console.log(`${split}: F1(Yes) ${pct(r.atThreshold.f1)} (P ${pct(r.atThreshold.precision)}, R ${pct(r.atThreshold.recall)}) at ${model.threshold}; ECE ${r.ece.toFixed(3)}`);
  }
  let cv: ReturnType<typeof crossValidateClaims> | null = null;
  let cvCalibration: { bins: ReliabilityBin[]; ece: number } | null = null;
  let cvUncalibratedEce: number | null = null;
  let priorShift: PriorShiftRow[] | null = null;
  if (options.cv) {
    console.log('train cross-validation...');
    const labels = train.rows.map((r) => (r.label === 'Yes' ? 1 : 0));
    cv = crossValidateClaims(toExamples(claimFeatures(train.rows), train.rows), train.rows.map((r) => r.id), CLAIM_SETTINGS, () => {});
    // The out-of-fold log-odds under the Platt fit on all of them (the fit the shipped model carries).
    const calibrated = Array.from(cv.outOfFold, (z) => platt(z, cv!.plattA, cv!.plattB));
    cvCalibration = reliability(calibrated, labels);
    cvUncalibratedEce = reliability(
      Array.from(cv.outOfFold, (z) => 1 / (1 + Math.exp(-z))),
      labels,
    ).ece;
    console.log(`train CV: F1(Yes) ${pct(cv.f1.f1)} at ${cv.threshold}; folds ${cv.foldF1.map(pct).join(', ')}; nested threshold ${pct(cv.nested.f1.f1)}`);
    priorShift = priorShiftCheck(
      cv.outOfFold,
      labels,
      train.rows.map((r) => r.id),
      CLAIM_SETTINGS.folds,
    );
  }
  let baseline: BaselineResult | null = null;
  if (options.baseline) {
    console.log('bag-of-words baseline...');
    baseline = bagOfWordsBaseline(train.rows, dev.rows, devTest.rows);
    console.log(`bag-of-words: dev-test F1(Yes) ${pct(baseline.devTest.f1)}`);
  }
  let speed: ClaimsSpeed | null = null;
  if (options.speed) {
    speed = measureClaimsSpeed();
    console.log(`speed: ${speed.mbPerSecond.toFixed(2)} MB per CPU second (${speed.mbPerWallSecond.toFixed(2)} per wall second)`);
  }
  const devTestResult = results.find((r) => r.split === 'dev-test')!;
  const devResult = results.find((r) => r.split === 'dev')!;
  // Context for the question which split may choose the threshold: the one that dev alone would choose.
  const devThreshold = devResult.hindsight.threshold;
  const devTestAtDevThreshold = f1Yes(
    devTest.rows.map((r) => (r.label === 'Yes' ? 1 : 0)),
    scoresOf.get('dev-test')!.map((s) => (s >= devThreshold ? 1 : 0)),
  );
  // Which splits Platt scaling helps: the error after it against the error of the regression's own sigmoid.
  const calibrationMoves = { lowered: [] as string[], raised: [] as string[] };
  const moves: [string, number, number][] = results.map((r) => [r.split, r.eceUncalibrated, r.ece]);
  if (cvUncalibratedEce !== null && cvCalibration) moves.push(['train out-of-fold', cvUncalibratedEce, cvCalibration.ece]);
  for (const [split, before, after] of moves) (after < before ? calibrationMoves.lowered : calibrationMoves.raised).push(split);
  const date = today();
  const md = `# Evaluation: claims (rank-claims check-worthiness), ${date}

Command: \`${command}\`. Data: CheckThat! 2024 Task 1 English (\`${displayPath(path.dirname(train.file))}\`, read in place).
Model: \`models/claims.model\` as committed (threshold ${model.threshold}, Platt a = ${model.plattA}, b = ${model.plattB}).

Measure: F1 of the \`Yes\` class (the lab's official measure). Each sentence runs through the whole pipeline as a
document and is scored by \`scoreSentences\` of rank-claims, as \`claimtrace analyze\` scores it; a sentence is
predicted \`Yes\` when its calibrated score is at or above the model's threshold (fitted on train cross-validation,
never on dev or dev-test). An item that segment-text splits into several sentences takes its best sentence's score
(dev: ${results[0]!.multiSentence} items, dev-test: ${devTestResult.multiSentence}).

## F1 of Yes

| split | sentences | Yes | precision | recall | F1 (Yes) | 95 % interval | F1 at 0.5 | all-Yes F1 |
|---|---|---|---|---|---|---|---|---|
${cv ? `| train, 5-fold CV (out-of-fold, folds of whole debates) | ${train.rows.length} | ${train.rows.filter((r) => r.label === 'Yes').length} | ${prf(cv.f1)} | folds ${pct(Math.min(...cv.foldF1))}–${pct(Math.max(...cv.foldF1))} | - | ${pct(f1Yes(train.rows.map((r) => (r.label === 'Yes' ? 1 : 0)), train.rows.map(() => 1)).f1)} |\n` : ''}${results
    .map((r) => `| ${r.split} (measured only) | ${r.sentences} | ${r.yes} | ${prf(r.atThreshold)} | ${pct(r.f1Interval[0])}–${pct(r.f1Interval[1])} | ${pct(r.atHalf.f1)} | ${pct(r.allYes.f1)} |`)
    .join('\n')}

The 95 % interval is a percentile bootstrap over the sentences of the split (${BOOTSTRAP_SAMPLES} resamples, seeded): with
${devTestResult.yes} \`Yes\` sentences, dev-test's F1 moves by several points with the sample alone.

${cv ? `Train cross-validation: ${cv.epochs} epochs (chosen by it), per-fold F1 at the threshold ${cv.foldF1.map(pct).join(', ')}. The threshold procedure itself cross-validated (nested: each fold judged at the Platt scaling and threshold fitted on the other folds' out-of-fold scores): thresholds ${cv.nested.thresholds.join(', ')}, pooled F1 **${pct(cv.nested.f1.f1)}** (folds ${cv.nested.foldF1.map(pct).join(', ')}), against ${pct(cv.f1.f1)} at the threshold fitted on all folds.` : 'Train cross-validation not run (--no-cv).'}
${baseline ? `\nReference, plain bag-of-words logistic regression (word unigrams and bigrams only; same learner, cross-validation, calibration and threshold fitting on train): train CV F1 ${pct(baseline.cvF1)}, dev F1 ${pct(baseline.dev.f1)}, dev-test F1 **${pct(baseline.devTest.f1)}** (P ${pct(baseline.devTest.precision)}, R ${pct(baseline.devTest.recall)}), threshold ${baseline.threshold}.\n` : ''}
In hindsight (for context only, not a result: it is chosen on the split it is measured on), the best threshold on
dev-test would have been ${devTestResult.hindsight.threshold} with F1 ${pct(devTestResult.hindsight.f1)}: dev-test has ${pct(devTestResult.yes / devTestResult.sentences)} % Yes against
${pct(train.rows.filter((r) => r.label === 'Yes').length / train.rows.length)} % in train, so a threshold fitted on train is high for it.

Which split may choose the threshold: not dev-test (the issue and the project's rule), and dev would not help. The
threshold that dev alone would choose is ${devThreshold} (dev F1 ${pct(devResult.hindsight.f1)}); at it, dev-test scores ${pct(devTestAtDevThreshold.f1)}, lower than at
the train threshold, because dev has train's share of \`Yes\` (${pct(devResult.yes / devResult.sentences)} %) and dev-test does not. The model's mean score,
which is its estimate of the share of \`Yes\`, against the real share: ${results.map((r) => `${r.split} ${pct(r.meanScore)} % vs ${pct(r.yes / r.sentences)} %`).join(', ')}.

${
    priorShift
      ? `## Adapting to the input's share of \`Yes\` (checked on train only)

The share of \`Yes\` of unlabelled input can be estimated from its calibrated scores by EM (Saerens, Latinne &
Decaestecker 2002), without labels: ${results.map((r) => `${r.split} ${pct(r.emShare)} % (real ${pct(r.yes / r.sentences)} %)`).join(', ')}. Whether deciding by it would help is
checked on train's debate folds, where the truth is known (\`eval/tasks/claims-prior-shift.ts\`): each fold's
out-of-fold scores, calibrated and thresholded as fitted on the other folds, as they are and resampled to other
shares of \`Yes\` (20 draws per fold), decided by the fixed threshold or adapted (scores re-weighted to the EM
estimate, then the sentences that maximise the expected F1):

| folds resampled to | real share | EM estimate (mean) | mean error of the estimate | F1 fixed threshold | F1 adapted | adapted better |
|---|---|---|---|---|---|---|
${priorShift.map((r) => `| ${r.target === null ? 'as they are' : `${pct(r.target)} % Yes`} | ${pct(r.real)} % | ${pct(r.estimated)} % | ${pct(r.estimateError)} points | ${pct(r.fixedF1)} | ${pct(r.adaptedF1)} | ${r.adaptedWins} of ${r.cases} |`).join('\n')}

The adapted decision is ${priorShift.every((r) => r.adaptedF1 <= r.fixedF1) ? 'worse than the fixed threshold at every share' : priorShift.every((r) => r.adaptedF1 >= r.fixedF1) ? 'better than the fixed threshold at every share' : `better at ${priorShift.filter((r) => r.adaptedF1 > r.fixedF1).map((r) => (r.target === null ? 'the folds as they are' : `${pct(r.target)} %`)).join(', ')} and worse at ${priorShift.filter((r) => r.adaptedF1 <= r.fixedF1).map((r) => (r.target === null ? 'the folds as they are' : `${pct(r.target)} %`)).join(', ')}`}: it is not used (decision 0065).

`
      : ''
  }## Calibration

Expected calibration error (10 equal-width bins, weighted by the sentences in each): ${results.map((r) => `${r.split} **${r.ece.toFixed(3)}**`).join(', ')}${cvCalibration ? `, train out-of-fold ${cvCalibration.ece.toFixed(3)}` : ''}.

Platt scaling (fitted on train's out-of-fold log-odds only) against the regression's own probability, the sigmoid of
its log-odds, ECE before → after: ${results.map((r) => `${r.split} ${r.eceUncalibrated.toFixed(3)} → ${r.ece.toFixed(3)}`).join(', ')}${cvUncalibratedEce !== null && cvCalibration ? `, train out-of-fold ${cvUncalibratedEce.toFixed(3)} → ${cvCalibration.ece.toFixed(3)}` : ''}.
Platt's slope a = ${model.plattA} (${model.plattA < 1 ? 'below 1: the out-of-fold log-odds are over-confident' : 'above 1: the out-of-fold log-odds are under-confident'}); it lowers the error on ${calibrationMoves.lowered.join(', ') || 'no split'} and raises it on ${calibrationMoves.raised.join(', ') || 'no split'}.
No fit on train can correct the share of \`Yes\`: dev-test's error is mostly the label-rate shift (mean score
against real share above).

### Reliability diagram, dev-test

${diagram(devTestResult.bins)}

### Reliability diagram, dev

${diagram(results[0]!.bins)}
${cvCalibration ? `\n### Reliability diagram, train out-of-fold\n\n${diagram(cvCalibration.bins)}\n` : ''}
## Speed

${
    speed
      ? `rank-claims alone (the analyses before it run untimed), over the ${speed.documents} BBC articles (${speed.megabytes.toFixed(2)} MB), one core, fastest of ${speed.passes} passes after a warm-up: **${speed.mbPerSecond.toFixed(2)} MB per CPU second** (${speed.mbPerWallSecond.toFixed(2)} MB per wall second; load average ${speed.loadAverage.toFixed(1)} at the end, so wall time is inflated by other work on the machine). ${speed.claims} claims.`
      : 'Not measured (--no-speed).'
  }

## Reading
- dev resembles train (the same debates' era; FORMAT.md), so its figures are optimistic; dev-test is a different part
  of the collection, and the official 2024 test (not available here) was newer material still: a plain bag-of-words
  model is reported at 0.77 on dev-test and 0.59 on the official test. Anchors on the official test: all-Yes 0.41,
  the best system about 0.80.
- Acceptance asks for F1 ≥ 0.80 on dev-test: ${devTestResult.atThreshold.f1 >= 0.8 ? 'met' : `**not met** (${pct(devTestResult.atThreshold.f1)})`}.
`;
  // The model's decision settings only: the decoded model holds every weight, which is not a figure.
  const json = { date, command, model: { threshold: model.threshold, plattA: model.plattA, plattB: model.plattB }, results, devThreshold: { threshold: devThreshold, devTest: devTestAtDevThreshold }, speed, cv: cv ? { epochs: cv.epochs, f1: cv.f1, foldF1: cv.foldF1, threshold: cv.threshold, meansByEpoch: cv.meansByEpoch, ece: cvCalibration?.ece, eceUncalibrated: cvUncalibratedEce, nested: cv.nested } : null, priorShift, baseline };
  if (!options.write) {
    console.log(md);
    return;
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const base = path.join(options.outDir, `${date}-claims`);
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${displayPath(base)}.md and .json`);
}
