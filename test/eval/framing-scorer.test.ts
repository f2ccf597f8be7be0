// The SI partial-overlap metric on hand-made spans, checked against values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { charPrecision, mergeSpans, scoreSpans, techniqueRecall } from '../../eval/scorers/framing.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

test('a prediction inside a gold span: precision 1, recall its share', () => {
  // gold "a devastating letter" (20 chars) at 0-20, prediction "devastating" at 2-13.
  const s = scoreSpans([{ predicted: [{ start: 2, end: 13 }], gold: [{ start: 0, end: 20 }] }]);
  close(s.precision, 1);
  close(s.recall, 11 / 20);
  close(s.f1, (2 * 1 * (11 / 20)) / (1 + 11 / 20));
});

test('a prediction outside gold costs precision; a missed gold span costs recall', () => {
  const s = scoreSpans([{ predicted: [{ start: 0, end: 10 }, { start: 50, end: 60 }], gold: [{ start: 0, end: 10 }, { start: 100, end: 110 }] }]);
  close(s.precision, 0.5);
  close(s.recall, 0.5);
  close(s.f1, 0.5);
});

test('overlapping spans are merged on both sides; touching spans are not', () => {
  assert.deepEqual(mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 6 }, { start: 9, end: 12 }]), [
    { start: 0, end: 9 },
    { start: 9, end: 12 },
  ]);
  const s = scoreSpans([{ predicted: [{ start: 0, end: 4 }, { start: 2, end: 8 }], gold: [{ start: 0, end: 8 }] }]);
  close(s.precision, 1);
  close(s.recall, 1);
  assert.equal(s.predicted, 1);
});

test('no predictions and no gold is a perfect score; predictions with no gold score 0', () => {
  assert.equal(scoreSpans([{ predicted: [], gold: [] }]).f1, 1);
  assert.equal(scoreSpans([{ predicted: [{ start: 0, end: 3 }], gold: [] }]).f1, 0);
});

test('technique recall and entry precision count characters', () => {
  const r = techniqueRecall([{ predicted: [{ start: 0, end: 5 }], gold: [{ start: 0, end: 10 }, { start: 20, end: 30 }] }]);
  close(r.recall, 0.25);
  assert.equal(r.gold, 2);
  assert.deepEqual(charPrecision([{ start: 0, end: 10 }], [{ start: 5, end: 20 }]), { inside: 5, total: 10 });
});
