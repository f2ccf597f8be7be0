import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { freshReportBase, reportCommand } from '../../eval/paths.js';

test('a report of the day that exists is not overwritten: the next free suffix is taken', () => {
  const dir = path.join('reports');
  const files = new Set<string>();
  const exists = (file: string) => files.has(file);
  assert.equal(freshReportBase(dir, '2026-12-01-dates', exists), path.join(dir, '2026-12-01-dates'));
  files.add(path.join(dir, '2026-12-01-dates.md'));
  assert.equal(freshReportBase(dir, '2026-12-01-dates', exists), path.join(dir, '2026-12-01-dates-2'));
  files.add(path.join(dir, '2026-12-01-dates-2.json'));
  assert.equal(freshReportBase(dir, '2026-12-01-dates', exists), path.join(dir, '2026-12-01-dates-3'));
  // Another task's report of the day does not take the name.
  assert.equal(freshReportBase(dir, '2026-12-01-figures', exists), path.join(dir, '2026-12-01-figures'));
});

test('a report records its command without the folder it was written to', () => {
  assert.equal(reportCommand(['quotes', '--split', 'train', '--out', 'scratch/q', '--no-peer']), 'npm run eval -- quotes --split train --no-peer');
  assert.equal(reportCommand(['framing', '--out=elsewhere']), 'npm run eval -- framing');
  // Every other argument, the baseline among them, is kept as given.
  assert.equal(reportCommand(['quotes', '--baseline', 'a.json', '--label', 'x']), 'npm run eval -- quotes --baseline a.json --label x');
});
