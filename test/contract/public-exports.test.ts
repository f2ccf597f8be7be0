// Pins the library API: a change here is a change for everyone who embeds claimtrace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as claimtrace from '../../src/index.js';

test('the package exports exactly the documented runtime values', () => {
  assert.deepEqual(Object.keys(claimtrace).sort(), ['ANALYSIS_SCHEMA', 'analyzeDocument', 'analyzeText', 'createDocument']);
  assert.equal(claimtrace.ANALYSIS_SCHEMA, 'claimtrace/analysis@1');
});

test('analyzeText returns an analysis@1 object with every contract array', () => {
  const result = claimtrace.analyzeText('“It works,” said Ada Lovelace.', { publishedAt: '2024-01-02', id: 'doc-1' });
  assert.equal(result.schema, 'claimtrace/analysis@1');
  assert.equal(result.document.id, 'doc-1');
  assert.equal(result.document.publishedAt, '2024-01-02');
  for (const key of ['entities', 'quotes', 'figures', 'dates', 'framing', 'claims', 'events', 'diagnostics'] as const) {
    assert.ok(Array.isArray(result[key]), `${key} is an array`);
  }
  assert.equal(result.quotes[0]?.speaker?.name, 'Ada Lovelace');
});
