// The pieces of the claims model's fitting and evaluation that decide its figures: debate folds, Platt scaling,
// the threshold search (and its nested cross-validation) and the bootstrap interval, on small inputs whose answers are known.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bagSubsets, bestThreshold, debateFolds, f1Yes, fitPlatt, nestedThresholdCv, platt } from '../../scripts/train-claims.js';
import { bootstrapF1 } from '../../eval/tasks/claims.js';
import { createPrng } from '../../src/learn/prng.js';

test('debate folds are contiguous ranges of the sorted ids, whatever the file order', () => {
  // Three debates of four sentences each (ids 100-103, 200-203, 300-303), listed shuffled.
  const ids = ['201', '100', '302', '203', '101', '300', '102', '200', '303', '103', '202', '301'];
  const fold = debateFolds(ids, 3);
  const foldOf = (id: string) => fold[ids.indexOf(id)]!;
  for (const debate of ['10', '20', '30']) {
    const folds = new Set([0, 1, 2, 3].map((k) => foldOf(`${debate}${k}`)));
    assert.equal(folds.size, 1, `debate ${debate}xx is split over folds ${[...folds].join(', ')}`);
  }
  assert.deepEqual([foldOf('100'), foldOf('200'), foldOf('300')], [0, 1, 2]);
});

test('debate folds have sizes within one of each other and compare ids as numbers', () => {
  const ids = Array.from({ length: 23 }, (_, i) => String(i * 7 + 5)).reverse();
  const fold = debateFolds(ids, 5);
  const sizes = [0, 1, 2, 3, 4].map((f) => fold.filter((x) => x === f).length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `fold sizes ${sizes.join(', ')}`);
  // '12' sorts before '5' as a string, after it as a number.
  const numeric = debateFolds(['12', '5', '40', '9'], 2);
  assert.deepEqual(numeric, [1, 0, 1, 0]);
});

test('Platt scaling recovers the slope and offset that generated the labels', () => {
  const prng = createPrng(7);
  const z: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 20000; i++) {
    const v = prng.next() * 8 - 4;
    z.push(v);
    labels.push(prng.next() < platt(v, 1.5, -0.7) ? 1 : 0);
  }
  const { a, b } = fitPlatt(z, labels);
  assert.ok(Math.abs(a - 1.5) < 0.1, `a = ${a}`);
  assert.ok(Math.abs(b + 0.7) < 0.1, `b = ${b}`);
});

test('the threshold search finds the cut between separable scores, the lowest on ties', () => {
  const scores = [0.1, 0.2, 0.3, 0.62, 0.7, 0.9];
  const labels = [0, 0, 0, 1, 1, 1];
  const { threshold, f1 } = bestThreshold(scores, labels);
  assert.equal(f1, 1);
  assert.equal(threshold, 0.31);
});

test('the bootstrap interval is seeded, holds the point figure, and is a point for a perfect predictor', () => {
  const prng = createPrng(11);
  const labels = Array.from({ length: 300 }, () => (prng.next() < 0.3 ? 1 : 0));
  const predicted = labels.map((y) => (prng.next() < 0.8 ? y : 1 - y));
  const point = f1Yes(labels, predicted).f1;
  const [lo, hi] = bootstrapF1(labels, predicted, 500);
  assert.ok(lo < point && point < hi, `${lo} < ${point} < ${hi}`);
  assert.ok(hi - lo > 0.02 && hi - lo < 0.3, `width ${hi - lo}`);
  assert.deepEqual(bootstrapF1(labels, predicted, 500), [lo, hi]);
  assert.deepEqual(bootstrapF1(labels, labels, 200), [1, 1]);
});

test('bag members each leave out one whole debate fold; one bag is all the data', () => {
  // Four debates of three sentences (ids 10-12, 20-22, 30-32, 40-42), listed shuffled.
  const ids = ['31', '10', '42', '20', '11', '40', '32', '21', '12', '30', '22', '41'];
  const subsets = bagSubsets(ids, 4);
  assert.equal(subsets.length, 4);
  const left = subsets.map((s) => ids.filter((_, i) => !s.includes(i)).map(Number).sort((a, b) => a - b));
  assert.deepEqual(left, [
    [10, 11, 12],
    [20, 21, 22],
    [30, 31, 32],
    [40, 41, 42],
  ]);
  // Every sentence is in all members but one.
  for (let i = 0; i < ids.length; i++) assert.equal(subsets.filter((s) => s.includes(i)).length, 3);
  assert.deepEqual(bagSubsets(ids, 1), [[...ids.keys()]]);
  assert.throws(() => bagSubsets(ids, 0), /positive integer/);
});

test('the nested threshold of a fold is fitted without its labels', () => {
  // Five folds of 200 sentences; log-odds separate the classes with some overlap.
  const prng = createPrng(3);
  const n = 1000;
  const fold = Array.from({ length: n }, (_, i) => Math.floor(i / 200));
  const labels = Array.from({ length: n }, () => (prng.next() < 0.3 ? 1 : 0));
  const z = labels.map((y) => (y ? 1 : -1) * 1.5 + (prng.next() - 0.5) * 4);
  const nested = nestedThresholdCv(z, labels, fold, 5);
  assert.equal(nested.thresholds.length, 5);
  assert.ok(nested.f1.f1 > 0.5 && nested.f1.f1 <= 1);
  // Relabelling fold 2 changes every other fold's threshold basis, never its own.
  const flipped = labels.map((y, i) => (fold[i] === 2 ? 1 - y : y));
  const again = nestedThresholdCv(z, flipped, fold, 5);
  assert.equal(again.thresholds[2], nested.thresholds[2]);
  assert.deepEqual(again.foldF1[2], f1Yes(flipped.slice(400, 600), z.slice(400, 600).map((v) => (platt(v, ...plattOf(z, labels, fold, 2)) >= nested.thresholds[2]! ? 1 : 0))).f1);
});

/** Platt's a and b fitted on the folds other than `f`, as `nestedThresholdCv` fits them. */
function plattOf(z: number[], labels: number[], fold: number[], f: number): [number, number] {
  const keep = [...fold.keys()].filter((i) => fold[i] !== f);
  const { a, b } = fitPlatt(
    keep.map((i) => z[i]!),
    keep.map((i) => labels[i]!),
  );
  return [a, b];
}
