/**
 * The selection rule of the Wikinews figures set (README.md, "Selection"), fixed before any sentence was read:
 * prints the chosen sentences as JSON (url, date, sentence start in the article text, text). Run with
 * `npx tsx eval/datasets/wikinews-figures/select.ts [--count]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot, repoRoot } from '../../paths.js';
import { parseCsv } from '../news-similarity.js';

/** Every STEP-th candidate sentence, counting from candidate 0. */
export const STEP = 8;

const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half)\b/i;
/** Words before a full stop that do not end a sentence. */
const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Prof', 'Gen', 'Lt', 'Col', 'Sgt', 'Rep', 'Sen', 'Gov', 'Jr', 'Sr', 'No', 'vs', 'Inc', 'Co', 'Corp', 'Ltd', 'U.S', 'U.K', 'a.m', 'p.m']);

export interface SelectedSentence {
  url: string;
  date: string;
  title: string;
  /** Offset of the sentence in the article's text (0-based UTF-16). */
  start: number;
  text: string;
}

const normUrl = (u: string): string => u.replace('//wiki/', '/wiki/');

/** A dateline line that opens most 2019 texts (`Friday, January 4, 2019`): the publication date, not article prose. */
const DATELINE = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? [A-Z][a-z]+ \d{1,2},? \d{4}$/;

/** The set (and year) each batch is drawn from: batches 1 and 2 from 2020, batch 3 from 2019. */
export function yearOfBatch(batch: number): number {
  return batch === 3 ? 2019 : 2020;
}

function excludedUrls(withDates: boolean): Set<string> {
  const out = new Set<string>();
  for (const line of fs.readFileSync(path.join(repoRoot, 'demo', 'wikinews-sample.jsonl'), 'utf8').split('\n')) {
    if (line.trim()) out.add(normUrl((JSON.parse(line) as { url: string }).url));
  }
  const quotes = JSON.parse(fs.readFileSync(path.join(repoRoot, 'eval', 'datasets', 'wikinews-quotes', 'gold.json'), 'utf8')) as { articles: { url: string }[] };
  for (const a of quotes.articles) out.add(normUrl(a.url));
  if (withDates) {
    // Batch 3 also leaves out the Wikinews dates set (annotated after batches 1 and 2 were drawn; it holds 2020 articles only).
    const dates = JSON.parse(fs.readFileSync(path.join(repoRoot, 'eval', 'datasets', 'wikinews-dates', 'gold.json'), 'utf8')) as { articles: { url: string }[] };
    for (const a of dates.articles) out.add(normUrl(a.url));
  }
  return out;
}

/** Sentences of one paragraph: a break after `.`, `!` or `?` (and a closing mark) before white space and a capital, digit or opening mark. */
export function splitSentences(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const paragraph = /[^\n]+/g;
  for (let p = paragraph.exec(text); p; p = paragraph.exec(text)) {
    const para = p[0];
    let from = 0;
    const boundary = /[.!?]["”’')]*(\s+)(?=["“‘(]?[A-Z0-9])/g;
    for (let b = boundary.exec(para); b; b = boundary.exec(para)) {
      const before = /(\S+)[.!?]["”’')]*$/.exec(para.slice(from, b.index + b[0].length - b[1]!.length));
      const word = before?.[1] ?? '';
      if (ABBREVIATIONS.has(word) || /^[A-Z]$/.test(word)) continue;
      const end = b.index + b[0].length - b[1]!.length;
      out.push({ start: p.index + from, text: para.slice(from, end) });
      from = b.index + b[0].length;
    }
    out.push({ start: p.index + from, text: para.slice(from) });
  }
  return out
    .map((s) => {
      const lead = s.text.length - s.text.trimStart().length;
      return { start: s.start + lead, text: s.text.trim() };
    })
    .filter((s) => s.text.length > 0);
}

/**
 * Candidate sentences of one year's file. 2020 (batches 1 and 2) as first drawn; 2019 (batch 3) also leaves out
 * the dates set's articles and the dateline line that opens most 2019 texts.
 */
export function candidates(year = 2020): SelectedSentence[] {
  const raw = fs.readFileSync(path.join(dataRoot(), 'wikinews', `wikinews_${year}.csv`), 'utf8');
  const [, ...rows] = parseCsv(raw);
  const later = year !== 2020;
  const skip = excludedUrls(later);
  const out: SelectedSentence[] = [];
  for (const row of rows) {
    if (row.length !== 4) continue;
    const [url, date, title, text] = row as [string, string, string, string];
    if (title.startsWith('TEST PAGE:') || text.startsWith('This article requires pre-publication review') || skip.has(normUrl(url))) continue;
    for (const s of splitSentences(text)) {
      if (later && DATELINE.test(s.text)) continue;
      if (/\d/.test(s.text) || NUMBER_WORD.test(s.text)) out.push({ url, date, title, start: s.start, text: s.text });
    }
  }
  return out;
}

/** Batch 3 takes every BATCH3_STEP-th candidate of the 2019 file, counting from candidate 0. */
export const BATCH3_STEP = 3;

/**
 * Pass 1 (batch 1): candidates 0, STEP, 2·STEP, …; pass 2 (batch 2), taken when pass 1 held fewer than the 250
 * quantities aimed at: candidates STEP/2, STEP/2 + STEP, …. Pass 3 (batch 3): candidates 0, 3, 6, … of the 2019
 * file (numbered on their own), aimed at 120 sentences or more with a quantity.
 */
export function selectedPass(pass: number): (SelectedSentence & { candidate: number })[] {
  if (pass === 3) {
    return candidates(2019)
      .map((s, candidate) => ({ ...s, candidate }))
      .filter((s) => s.candidate % BATCH3_STEP === 0);
  }
  const offset = pass === 1 ? 0 : STEP / 2;
  return candidates()
    .map((s, candidate) => ({ ...s, candidate }))
    .filter((s) => s.candidate % STEP === offset);
}

if (process.argv[1] && process.argv[1].endsWith('select.ts')) {
  if (process.argv.includes('--count')) console.log(candidates(Number(process.argv[3] ?? '2020')).length);
  else console.log(JSON.stringify(selectedPass(Number(process.argv[2] ?? '1')), null, 1));
}
