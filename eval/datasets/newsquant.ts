/**
 * NewsQuant (CQE, EMNLP 2023), read in place from `../shared/data/newsquant/dev.json` (no licence
 * stated: never copied into the repository). 290 news sentences with their quantities; no character
 * offsets. See that folder's FORMAT.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface NewsQuantQuantity {
  /** `=`, `~`, `>`, `<`, `up`, `down`. */
  change: string;
  /** A number, or a range `low-high`. */
  value: string;
  unit: string;
  normalizedUnit: string;
  concept: string;
}

export interface NewsQuantSentence {
  index: number;
  text: string;
  quantities: NewsQuantQuantity[];
}

export function newsquantPath(): string {
  return path.join(dataRoot(), 'newsquant', 'dev.json');
}

export function loadNewsQuant(file = newsquantPath()): NewsQuantSentence[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { text: string; quantities: Record<string, string>[] }[];
  return raw.map((entry, index) => ({
    index,
    text: entry.text,
    quantities: entry.quantities.map((q) => ({
      change: q.change ?? '=',
      value: q.value ?? '',
      unit: q.unit ?? '-',
      normalizedUnit: q.normalized_unit ?? '-',
      concept: q.referred_concepts ?? '-',
    })),
  }));
}

/** A gold value as a number or a `[low, high]` pair; null when it is neither (left out of scoring). */
export function parseGoldValue(value: string): number | [number, number] | null {
  const v = value.trim();
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(v)) return Number(v);
  const m = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/.exec(v);
  if (m) return [Number(m[1]), Number(m[2])];
  return null;
}
