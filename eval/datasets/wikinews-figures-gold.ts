/**
 * The hand-annotated Wikinews figures set (`eval/datasets/wikinews-figures/`, CC BY 2.5, Wikinews
 * contributors; see its README.md and GUIDE.md): Wikinews sentences with their quantities written as NewsQuant
 * writes them, plus the span of each quantity in its sentence. Its errors may be read (a train split).
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths.js';
import type { NewsQuantQuantity, NewsQuantSentence } from './newsquant.js';

export interface WikinewsFigureQuantity {
  start: number;
  end: number;
  text: string;
  change: string;
  value: string;
  unit: string;
  normalized_unit: string;
}

export interface WikinewsFigureSentence {
  url: string;
  date: string;
  title: string;
  start: number;
  text: string;
  candidate: number;
  batch: number;
  quantities: WikinewsFigureQuantity[];
}

export const WIKINEWS_FIGURES_GOLD = path.join(repoRoot, 'eval', 'datasets', 'wikinews-figures', 'gold.json');

export function loadWikinewsFiguresGold(file = WIKINEWS_FIGURES_GOLD): WikinewsFigureSentence[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { sentences: WikinewsFigureSentence[] }).sentences;
}

/** The set's sentences in NewsQuant's shape (index = position in the file), for the NewsQuant scorer. */
export function wikinewsFiguresAsNewsQuant(sentences = loadWikinewsFiguresGold()): NewsQuantSentence[] {
  return sentences.map((s, index) => {
    for (const q of s.quantities) {
      if (s.text.slice(q.start, q.end) !== q.text) throw new Error(`wikinews figures gold: sentence ${s.candidate}, span ${q.start}-${q.end} is not "${q.text}"`);
    }
    const quantities: NewsQuantQuantity[] = s.quantities.map((q) => ({ change: q.change, value: q.value, unit: q.unit, normalizedUnit: q.normalized_unit, concept: '-' }));
    return { index, text: s.text, quantities };
  });
}

/**
 * A sentence written as NewsQuant's cleaned text shows it: commas and apostrophes (straight and curly) removed
 * without a space in their place (`1,720` → `1720`, `the company's` → `the companys`, `said, adding` → `said
 * adding`), as in the sentences of NewsQuant's fold A. The gold values do not change; the spans are not used.
 */
export function withoutCommasAndApostrophes(text: string): string {
  return text.replace(/[,'\u2018\u2019]/g, '');
}

/** The set in NewsQuant's shape with commas and apostrophes removed as NewsQuant removes them (a train part). */
export function wikinewsFiguresWithoutCommas(sentences = loadWikinewsFiguresGold()): NewsQuantSentence[] {
  return wikinewsFiguresAsNewsQuant(sentences).map((s) => ({ ...s, text: withoutCommasAndApostrophes(s.text) }));
}
