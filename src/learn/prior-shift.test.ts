import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adjustToPrior, estimatePrior, expectedF1Selection } from './prior-shift.js';
import { createPrng } from './prng.js';

/**
 * Items of two classes whose score x is normal with mean +1 (positive) or -1 (negative), a share
 * `prior` of them positive, with the exact probability of being positive under the share `trainPrior`
 * (Bayes' rule on the two normal densities): a classifier perfectly calibrated on data of `trainPrior`.
 */
function sample(n: number, prior: number, trainPrior: number, seed: number): { p: number[]; y: number[] } {
  const prng = createPrng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - prng.next())) * Math.cos(2 * Math.PI * prng.next());
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = prng.next() < prior ? 1 : 0;
    const x = normal() + (label ? 1 : -1);
    // log-likelihood ratio of N(1,1) against N(-1,1) is 2x.
    const logOdds = 2 * x + Math.log(trainPrior / (1 - trainPrior));
    p.push(1 / (1 + Math.exp(-logOdds)));
    y.push(label);
  }
  return { p, y };
}

test('prior shift: EM recovers the share of positives of unlabelled data from calibrated probabilities', () => {
  for (const prior of [0.1, 0.24, 0.4]) {
    const { p, y } = sample(20_000, prior, 0.24, 11);
    const real = y.reduce((a, b) => a + b, 0) / y.length;
    const estimate = estimatePrior(p, 0.24);
    assert.ok(estimate.converged);
    assert.ok(Math.abs(estimate.prior - real) < 0.015, `share ${real.toFixed(3)}, estimated ${estimate.prior.toFixed(3)}`);
  }
});

test('prior shift: adjusting to the same share changes nothing; to a higher share raises every probability', () => {
  for (const p of [0.01, 0.3, 0.5, 0.99]) {
    assert.ok(Math.abs(adjustToPrior(p, 0.24, 0.24) - p) < 1e-12);
    assert.ok(adjustToPrior(p, 0.24, 0.34) > p);
  }
  assert.equal(adjustToPrior(0, 0.24, 0.5), 0);
  assert.equal(adjustToPrior(1, 0.24, 0.5), 1);
  assert.deepEqual(estimatePrior([], 0.3), { prior: 0.3, iterations: 0, converged: true });
  assert.throws(() => estimatePrior([0.5], 1), /training share/);
});

test('prior shift: the expected-F1 selection takes the most probable items, and all of them when all are likely', () => {
  assert.deepEqual([...expectedF1Selection([0.9, 0.05, 0.8, 0.1])], [1, 0, 1, 0]);
  assert.deepEqual([...expectedF1Selection([0.9, 0.9, 0.9])], [1, 1, 1]);
  assert.deepEqual([...expectedF1Selection([])], []);
  // On calibrated data its F1 is close to the best fixed threshold's.
  const { p, y } = sample(5000, 0.3, 0.3, 5);
  const chosen = expectedF1Selection(p);
  const f1 = (pred: ArrayLike<number>) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < y.length; i++) {
      if (pred[i] && y[i]) tp++;
      else if (pred[i]) fp++;
      else if (y[i]) fn++;
    }
    return (2 * tp) / (2 * tp + fp + fn);
  };
  let best = 0;
  for (let t = 0.05; t < 0.95; t += 0.01) best = Math.max(best, f1(p.map((v) => (v >= t ? 1 : 0))));
  assert.ok(f1(chosen) > best - 0.02, `expected-F1 selection ${f1(chosen).toFixed(3)}, best threshold ${best.toFixed(3)}`);
});
