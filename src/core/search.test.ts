import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstAtOrAfter, lastAtOrBefore } from './search.js';

describe('binary search over sorted offsets', () => {
  const starts = [0, 10, 10, 25, 40];
  const key = (i: number) => starts[i]!;
  it('finds the last key at or before a position', () => {
    assert.equal(lastAtOrBefore(starts.length, key, -1), -1);
    assert.equal(lastAtOrBefore(starts.length, key, 0), 0);
    assert.equal(lastAtOrBefore(starts.length, key, 10), 2);
    assert.equal(lastAtOrBefore(starts.length, key, 24), 2);
    assert.equal(lastAtOrBefore(starts.length, key, 99), 4);
    assert.equal(lastAtOrBefore(0, key, 5), -1);
  });
  it('finds the first key at or after a position', () => {
    assert.equal(firstAtOrAfter(starts.length, key, -1), 0);
    assert.equal(firstAtOrAfter(starts.length, key, 10), 1);
    assert.equal(firstAtOrAfter(starts.length, key, 11), 3);
    assert.equal(firstAtOrAfter(starts.length, key, 41), 5);
    assert.equal(firstAtOrAfter(0, key, 5), 0);
  });
});
