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

function excludedUrls(): Set<string> {
  const out = new Set<string>();
  for (const line of fs.readFileSync(path.join(repoRoot, 'demo', 'wikinews-sample.jsonl'), 'utf8').split('\n')) {
    if (line.trim()) out.add(normUrl((JSON.parse(line) as { url: string }).url));
  }
  const quotes = JSON.parse(fs.readFileSync(path.join(repoRoot, 'eval', 'datasets', 'wikinews-quotes', 'gold.json'), 'utf8')) as { articles: { url: string }[] };
  for (const a of quotes.articles) out.add(normUrl(a.url));
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

export function candidates(): SelectedSentence[] {
  const raw = fs.readFileSync(path.join(dataRoot(), 'wikinews', 'wikinews_2020.csv'), 'utf8');
  const [, ...rows] = parseCsv(raw);
  const skip = excludedUrls();
  const out: SelectedSentence[] = [];
  for (const row of rows) {
    if (row.length !== 4) continue;
    const [url, date, title, text] = row as [string, string, string, string];
    if (title.startsWith('TEST PAGE:') || text.startsWith('This article requires pre-publication review') || skip.has(normUrl(url))) continue;
    for (const s of splitSentences(text)) {
      if (/\d/.test(s.text) || NUMBER_WORD.test(s.text)) out.push({ url, date, title, start: s.start, text: s.text });
    }
  }
  return out;
}

/**
 * Pass 1 (batch 1): candidates 0, STEP, 2·STEP, …; pass 2 (batch 2), taken when pass 1 held fewer than the 250
 * quantities aimed at: candidates STEP/2, STEP/2 + STEP, ….
 */
export function selectedPass(pass: number): (SelectedSentence & { candidate: number })[] {
  const offset = pass === 1 ? 0 : STEP / 2;
  return candidates()
    .map((s, candidate) => ({ ...s, candidate }))
    .filter((s) => s.candidate % STEP === offset);
}

if (process.argv[1] && process.argv[1].endsWith('select.ts')) {
  if (process.argv.includes('--count')) console.log(candidates().length);
  else console.log(JSON.stringify(selectedPass(Number(process.argv[2] ?? '1')), null, 1));
}
