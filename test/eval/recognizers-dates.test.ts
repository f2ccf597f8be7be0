// The Recognizers-Text English DateTime cases that fit the DateMention contract (MIT, © Microsoft
// Corporation; see recognizers-text/ATTRIBUTION.md), each a test: spans and values must match. The cases
// claimtrace does not pass yet are skipped with the reason listed in recognizers-text/known-failures.json
// (rewritten by `npm run eval -- dates --update-known-failures`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { caseFailure, loadRecognizerCases } from '../../eval/datasets/recognizers-dates.js';
import { predictDates } from '../../eval/tasks/dates.js';

const known = JSON.parse(readFileSync(new URL('./recognizers-text/known-failures.json', import.meta.url), 'utf8')) as Record<string, string>;
const cases = loadRecognizerCases();

describe('Recognizers-Text DateTime cases', () => {
  it('the copied cases are there', () => assert.ok(cases.length > 300));
  for (const c of cases) {
    const skip = known[String(c.case)];
    it(`case ${c.case}: ${c.input}`, { skip }, () => {
      const predicted = predictDates({ id: `case-${c.case}`, text: c.input, publishedAt: c.referenceDate, timexes: [] });
      assert.equal(caseFailure(c, predicted), null);
    });
  }
});
