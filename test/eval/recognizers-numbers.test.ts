// The Recognizers-Text English Number and NumberWithUnit cases that fit the Figure contract (MIT,
// © Microsoft Corporation; see recognizers-numbers/ATTRIBUTION.md), each a test: every expected
// quantity found with its value (a range: its bounds; a currency: its ISO code), no ordinal read as a
// figure, and in the number model no other figure. The cases claimtrace does not pass yet are skipped
// with their reasons (rewritten by `npm run eval -- figures --export-specs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { FigureSpecCase } from '../../eval/datasets/recognizers-numbers.js';
import { checkSpecCase } from '../../eval/scorers/figures.js';
import { analyzeText } from '../../src/engine/analyze-text.js';

type StoredCase = FigureSpecCase & { status: 'pass' | 'fail'; reasons: string[] };

const cases = JSON.parse(readFileSync(new URL('./recognizers-numbers/cases.json', import.meta.url), 'utf8')) as StoredCase[];

describe('Recognizers-Text Number and NumberWithUnit cases', () => {
  it('the copied cases are there, most of them passing', () => {
    assert.ok(cases.length > 500);
    assert.ok(cases.filter((c) => c.status === 'pass').length > cases.length / 2);
  });
  for (const c of cases) {
    const skip = c.status === 'fail' ? c.reasons.join('; ') : undefined;
    it(`${c.id}: ${c.input.slice(0, 80)}`, { skip }, () => {
      const figures = analyzeText(c.input).figures;
      const check = checkSpecCase(c, figures);
      assert.deepEqual(check.reasons, []);
    });
  }
});
