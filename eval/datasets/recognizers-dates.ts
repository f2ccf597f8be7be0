/**
 * The Recognizers-Text English DateTime cases that fit the DateMention contract, copied into
 * test/eval/recognizers-text/ (MIT, © Microsoft Corporation; LICENSE and ATTRIBUTION.md beside them):
 * cases whose every expected result is a date, date range or duration with one plain TIMEX3 value (a
 * day, month, year, season, quarter, week, decade or duration; not an interval in parentheses, not a
 * time), and the cases that expect nothing. Offsets there are end-exclusive (the spec's inclusive `End`
 * plus one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths.js';

export interface RecognizerResult {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The spec's TIMEX. */
  readonly timex: string;
  /** The spec's resolved values (past and future readings of a partial date). */
  readonly values: readonly string[];
}

export interface RecognizerCase {
  /** Index of the case in the spec file. */
  readonly case: number;
  readonly input: string;
  readonly referenceDate: string;
  readonly results: readonly RecognizerResult[];
}

export interface PredictedDate {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export const RECOGNIZERS_CASES = path.join(repoRoot, 'test', 'eval', 'recognizers-text', 'datetime-cases.json');

export function loadRecognizerCases(): RecognizerCase[] {
  return JSON.parse(fs.readFileSync(RECOGNIZERS_CASES, 'utf8')) as RecognizerCase[];
}

/** Null when the predictions match the case (same spans, an accepted value, nothing else); else why not. */
export function caseFailure(c: RecognizerCase, predicted: readonly PredictedDate[]): string | null {
  const reasons: string[] = [];
  for (const r of c.results) {
    const same = predicted.find((p) => p.start === r.start && p.end === r.end);
    const overlapping = predicted.find((p) => p.start < r.end && r.start < p.end);
    if (!overlapping) reasons.push(`missed "${r.text}" (${r.timex})`);
    else if (!same) reasons.push(`span "${c.input.slice(overlapping.start, overlapping.end)}" for "${r.text}"`);
    else if (same.value !== r.timex && !r.values.includes(same.value)) reasons.push(`value ${same.value} for "${r.text}", expected ${r.timex}`);
  }
  for (const p of predicted) {
    if (!c.results.some((r) => p.start < r.end && r.start < p.end)) reasons.push(`extra "${c.input.slice(p.start, p.end)}" (${p.value})`);
  }
  return reasons.length ? reasons.join('; ') : null;
}
