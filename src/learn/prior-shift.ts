/**
 * Label-rate (prior) shift: when the share of positives in the data a classifier scores differs from the
 * share it was calibrated on, its calibrated probabilities are off by the ratio of the two. Saerens,
 * Latinne & Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori probabilities")
 * estimate the new share from the unlabelled scores alone by expectation-maximisation, and correct the
 * probabilities with it. Also the plug-in decision that maximises the expected F1 of the positive class
 * under calibrated probabilities (select the top k that maximise 2 Σ p / (k + Σ all p)).
 * Used by the claims evaluation to test whether such an adaptation would help; no analysis uses it.
 */

/** A probability `p` calibrated under the positive share `fromPrior`, re-weighted to the share `toPrior`. */
export function adjustToPrior(p: number, fromPrior: number, toPrior: number): number {
  const a = (toPrior / fromPrior) * p;
  const b = ((1 - toPrior) / (1 - fromPrior)) * (1 - p);
  return a + b > 0 ? a / (a + b) : 0;
}

export interface PriorEstimate {
  /** The estimated share of positives in the scored data. */
  prior: number;
  iterations: number;
  converged: boolean;
}

/**
 * The share of positives of the data whose probabilities (calibrated under `trainPrior`) are
 * `posteriors`, by EM: adjust every probability to the current estimate, take their mean as the next
 * estimate, until it moves by less than `tolerance`. Deterministic; no labels read.
 */
export function estimatePrior(posteriors: ArrayLike<number>, trainPrior: number, maxIterations = 1000, tolerance = 1e-9): PriorEstimate {
  if (!(trainPrior > 0 && trainPrior < 1)) throw new RangeError(`estimatePrior: the training share must be in (0, 1), not ${trainPrior}`);
  if (posteriors.length === 0) return { prior: trainPrior, iterations: 0, converged: true };
  let prior = trainPrior;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let sum = 0;
    for (let i = 0; i < posteriors.length; i++) sum += adjustToPrior(posteriors[i]!, trainPrior, prior);
    const next = Math.min(1 - 1e-9, Math.max(1e-9, sum / posteriors.length));
    const moved = Math.abs(next - prior);
    prior = next;
    if (moved < tolerance) return { prior, iterations: iteration, converged: true };
  }
  return { prior, iterations: maxIterations, converged: false };
}

/**
 * The items to predict positive that maximise the expected F1 of the positive class when each item is
 * positive with its probability: the k most probable, k maximising 2 Σ_top-k p / (k + Σ_all p) (the
 * plug-in approximation of the expectation). Returns a 0/1 prediction per item; ties in probability keep
 * input order.
 */
export function expectedF1Selection(posteriors: ArrayLike<number>): Uint8Array {
  const n = posteriors.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => posteriors[b]! - posteriors[a]! || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += posteriors[i]!;
  let best = 0;
  let bestK = 0;
  let top = 0;
  for (let k = 1; k <= n; k++) {
    top += posteriors[order[k - 1]!]!;
    const expected = (2 * top) / (k + total);
    if (expected > best) [best, bestK] = [expected, k];
  }
  const out = new Uint8Array(n);
  for (let k = 0; k < bestK; k++) out[order[k]!] = 1;
  return out;
}
