/**
 * PTC, the Propaganda Techniques Corpus (SemEval-2020 Task 11), training articles with their span
 * gold, read in place from `../shared/data/ptc` (see its FORMAT.md). Gold offsets are code points
 * over the file as decoded (a leading BOM kept); they are converted here to the UTF-16 offsets that
 * the rest of claimtrace uses, so a span's text is `text.slice(start, end)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface PtcSpan {
  readonly start: number;
  readonly end: number;
}

export interface PtcTechniqueSpan extends PtcSpan {
  readonly technique: string;
}

export interface PtcArticle {
  readonly id: string;
  readonly text: string;
  /** Task SI gold (span identification), UTF-16 offsets, as listed (not merged). */
  readonly spans: readonly PtcSpan[];
  /** Task TC gold (technique per span), UTF-16 offsets. */
  readonly techniques: readonly PtcTechniqueSpan[];
}

export function ptcRoot(): string {
  return path.join(dataRoot(), 'ptc');
}

/** code point offset -> UTF-16 offset, for every code point boundary of `text`. */
function codePointOffsets(text: string): number[] {
  const out: number[] = [];
  let k = 0;
  for (const ch of text) {
    out.push(k);
    k += ch.length;
  }
  out.push(k);
  return out;
}

function readLabels(file: string): string[][] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

/** All training articles, sorted by id. */
export function loadPtc(root: string = ptcRoot()): PtcArticle[] {
  const articles = path.join(root, 'train', 'train-articles');
  const si = path.join(root, 'train', 'train-labels-task1-span-identification');
  const tc = path.join(root, 'train', 'train-labels-task2-technique-classification');
  if (!fs.existsSync(articles)) throw new Error(`PTC not found at ${articles}`);
  const ids = fs
    .readdirSync(articles)
    .map((name) => /^article(\d+)\.txt$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
  return ids.map((id) => {
    const text = fs.readFileSync(path.join(articles, `article${id}.txt`), 'utf8');
    const u16 = codePointOffsets(text);
    const at = (cp: string): number => {
      const value = u16[Number(cp)];
      if (value === undefined) throw new Error(`article ${id}: offset ${cp} is past the end`);
      return value;
    };
    const spans = readLabels(path.join(si, `article${id}.task1-SI.labels`)).map(([, s, e]) => ({ start: at(s!), end: at(e!) }));
    const techniques = readLabels(path.join(tc, `article${id}.task2-TC.labels`)).map(([, technique, s, e]) => ({ technique: technique!, start: at(s!), end: at(e!) }));
    return { id, text, spans, techniques };
  });
}
