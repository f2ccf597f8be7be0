/**
 * `eval claims`: would adapting the decision to the share of `Yes` of the input help? dev-test has 34 %
 * `Yes` against train's 24 %, and nothing may be fitted on its labels; its unlabelled scores, though, are
 * input like any other, and Saerens et al. (2002) estimate the share of positives of unlabelled data from
 * calibrated probabilities by EM. This checks the adaptation on train only, where the truth is known: each
 * debate fold's out-of-fold log-odds are calibrated (Platt scaling) and thresholded as fitted on the other
 * folds, as they are, and resampled to other shares of `Yes`; then the fixed threshold is compared with the
 * adapted decision (probabilities re-weighted to the EM estimate, the items chosen that maximise the
 * expected F1). No dev or dev-test label is read.
 */
import { adjustToPrior, estimatePrior, expectedF1Selection } from '../../src/learn/prior-shift.js';
import { createPrng } from '../../src/learn/prng.js';
import { debateFolds, f1Yes, foldCalibration, platt } from '../../scripts/train-claims.js';

export interface PriorShiftRow {
  /** The share of `Yes` the folds were resampled to; null: the folds as they are. */
  target: number | null;
  /** Mean over folds and draws: the real share, the EM estimate, and F1 of `Yes` by each decision. */
  real: number;
  estimated: number;
  /** Mean absolute error of the estimate. */
  estimateError: number;
  fixedF1: number;
  adaptedF1: number;
  /** Folds × draws on which the adapted decision beat the fixed threshold. */
  adaptedWins: number;
  cases: number;
}

export const PRIOR_SHIFT_TARGETS = [null, 0.15, 0.34, 0.45] as const;

/**
 * The fixed train threshold against EM adaptation on resampled debate folds of train (`draws` seeded
 * resamples per fold and target; a fold is resampled by dropping `No` or `Yes` sentences at random).
 */
export function priorShiftCheck(outOfFold: ArrayLike<number>, labels: readonly number[], ids: readonly string[], folds: number, draws = 20, seed = 20261202): PriorShiftRow[] {
  const fold = debateFolds(ids, folds);
  const rows: PriorShiftRow[] = [];
  for (const target of PRIOR_SHIFT_TARGETS) {
    let real = 0;
    let estimated = 0;
    let error = 0;
    let fixedF1 = 0;
    let adaptedF1 = 0;
    let wins = 0;
    let cases = 0;
    for (let f = 0; f < folds; f++) {
      const { fit, held, a, b, threshold } = foldCalibration(outOfFold, labels, fold, f);
      const trainPrior = fit.reduce((s, i) => s + labels[i]!, 0) / fit.length;
      const prng = createPrng(seed + f);
      for (let d = 0; d < (target === null ? 1 : draws); d++) {
        let sample = held;
        if (target !== null) {
          const yes = held.filter((i) => labels[i]);
          const no = held.filter((i) => !labels[i]);
          const share = yes.length / held.length;
          if (target > share) {
            const keep = (yes.length * (1 - target)) / target / no.length;
            sample = [...yes, ...no.filter(() => prng.next() < keep)];
          } else {
            const keep = (no.length * target) / (1 - target) / yes.length;
            sample = [...no, ...yes.filter(() => prng.next() < keep)];
          }
        }
        const p = sample.map((i) => platt(outOfFold[i]!, a, b));
        const y = sample.map((i) => labels[i]!);
        const share = y.reduce((s, v) => s + v, 0) / y.length;
        const { prior } = estimatePrior(p, trainPrior);
        const fixed = f1Yes(
          y,
          p.map((v) => (v >= threshold ? 1 : 0)),
        ).f1;
        const adapted = f1Yes(y, expectedF1Selection(p.map((v) => adjustToPrior(v, trainPrior, prior)))).f1;
        real += share;
        estimated += prior;
        error += Math.abs(prior - share);
        fixedF1 += fixed;
        adaptedF1 += adapted;
        if (adapted > fixed) wins++;
        cases++;
      }
    }
    rows.push({ target, real: real / cases, estimated: estimated / cases, estimateError: error / cases, fixedF1: fixedF1 / cases, adaptedF1: adaptedF1 / cases, adaptedWins: wins, cases });
  }
  return rows;
}
