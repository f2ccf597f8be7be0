/**
 * Microsoft Recognizers-Text English Number and NumberWithUnit specs (MIT, © Microsoft Corporation),
 * read in place from `../shared/data/recognizers-specs/`. Each spec case becomes a figure case: the
 * expected quantities (value, bounds, ISO currency) as 0-based end-exclusive spans (the specs' `End` is
 * inclusive), and for ordinals the spans where the contract wants no figure.
 *
 * A case fits the contract when all its results are quantities the contract has: numbers, percentages,
 * number ranges, currencies, dimensions, temperatures and ages (ordinals as spans with no figure).
 * Left out, with the reason counted in the report: relative ordinals ("last", "next"), results that
 * are years under the contract (a four-digit whole number 1000–2100), parts of dotted codes
 * ("192.168.1.2": an address is not a figure), negative cases of the typed models (an empty result in
 * the currency model says only that there is no currency) and cases from the non-default modes
 * (`*ExperimentalMode`, `*PercentMode`, `*SuppressExtendedTypes`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface ExpectedQuantity {
  start: number;
  end: number;
  text: string;
  type: string;
  /** Exact value, or null for a range. */
  value: number | null;
  min: number | null;
  max: number | null;
  /** ISO 4217 code for currencies, when the spec gives one. */
  currency: string | null;
}

export interface FigureSpecCase {
  id: string;
  file: string;
  input: string;
  /** Quantities that must be found. */
  expected: ExpectedQuantity[];
  /** Spans (ordinals) where no figure may be. */
  noFigure: { start: number; end: number; text: string }[];
}

export const SPEC_FILES = [
  'Number/English/NumberModel.json',
  'Number/English/NumberRangeModel.json',
  'Number/English/PercentModel.json',
  'Number/English/OrdinalModel.json',
  'NumberWithUnit/English/CurrencyModel.json',
  'NumberWithUnit/English/DimensionModel.json',
  'NumberWithUnit/English/TemperatureModel.json',
  'NumberWithUnit/English/AgeModel.json',
] as const;

interface RawResult {
  Text: string;
  TypeName?: string;
  Typename?: string;
  Resolution?: Record<string, string | undefined> | null;
  Start: number;
  End: number;
}

interface RawCase {
  Input: string;
  Results: RawResult[];
}

export interface LoadedSpecs {
  cases: FigureSpecCase[];
  /** Cases left out, by reason. */
  excluded: Record<string, number>;
  total: number;
}

function interval(value: string): { min: number | null; max: number | null } | null {
  const m = /^[[(]\s*(-?[\d.]*)\s*,\s*(-?[\d.]*)\s*[\])]$/.exec(value);
  if (!m) return null;
  return { min: m[1] ? Number(m[1]) : null, max: m[2] ? Number(m[2]) : null };
}

function isYear(text: string): boolean {
  return /^\d{4}$/.test(text) && Number(text) >= 1000 && Number(text) <= 2100;
}

export function specsRoot(): string {
  return path.join(dataRoot(), 'recognizers-specs');
}

export function loadFigureSpecs(root = specsRoot()): LoadedSpecs {
  const cases: FigureSpecCase[] = [];
  const excluded: Record<string, number> = {};
  let total = 0;
  const exclude = (reason: string) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
  for (const file of SPEC_FILES) {
    const raw = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8').replace(/^\uFEFF/, '')) as RawCase[];
    raw.forEach((c, i) => {
      total++;
      const expected: ExpectedQuantity[] = [];
      const noFigure: FigureSpecCase['noFigure'] = [];
      let reason: string | null = null;
      for (const r of c.Results) {
        const type = (r.TypeName ?? r.Typename ?? '').toLowerCase();
        const span = { start: r.Start, end: r.End + 1, text: c.Input.slice(r.Start, r.End + 1) };
        const res = r.Resolution ?? {};
        if (type === 'ordinal') {
          noFigure.push(span);
          continue;
        }
        if (type === 'ordinal.relative') {
          reason = 'relative ordinal (no quantity)';
          break;
        }
        if (/\d+\.\d+\.\d+/.test(c.Input.slice(Math.max(0, r.Start - 8), r.End + 9))) {
          reason = 'part of a dotted code or address';
          break;
        }
        if (type === 'numberrange') {
          const bounds = interval(res.value ?? '');
          if (!bounds) {
            reason = 'range without bounds';
            break;
          }
          expected.push({ ...span, type, value: null, min: bounds.min, max: bounds.max, currency: null });
          continue;
        }
        const value = Number(String(res.value ?? '').replace(/%$/, ''));
        if (res.value === undefined || !Number.isFinite(value)) {
          reason = 'no numeric value';
          break;
        }
        if (isYear(span.text)) {
          reason = 'a year (not a figure under the contract)';
          break;
        }
        expected.push({ ...span, type, value, min: null, max: null, currency: type === 'currency' ? (res.isoCurrency ?? null) : null });
      }
      if (!reason && c.Results.length === 0 && !file.endsWith('NumberModel.json')) reason = 'negative case of a typed model (says nothing about other quantities)';
      if (reason) return exclude(reason);
      cases.push({ id: `${path.basename(file, '.json')}#${i}`, file: path.basename(file), input: c.Input, expected, noFigure });
    });
  }
  return { cases, excluded, total };
}
