/**
 * `eval sentences`: segment-text's sentence boundaries against the gold sentences of CoNLL-2003 and MEANTIME
 * English (definitions in `../scorers/sentences.ts`, data in `../datasets/sentences.ts`).
 *
 *   npm run eval -- sentences [--part meantime-train|meantime-test|conll-train|conll-valid]... [--verbose] [--examples N] [--out DIR] [--no-write]
 *
 * MEANTIME's Airbus and Apple articles and CoNLL-2003 train are the train parts: their errors may be read
 * (`--verbose` prints every one, the report keeps a few). MEANTIME's GM and stock-market articles and CoNLL-2003
 * valid are only measured: no error of theirs is printed or written. MEANTIME's breaks are the cleaner gold;
 * CoNLL's come from an automatic splitter with systematic errors (see `../datasets/sentences.ts`).
 * Only segment-text runs, with the bundled resources. Writes eval/reports/<date>-sentences.md and .json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundledResources } from '../../src/analyses/resources.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { findingsOfKind, type Finding } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { hashText } from '../../src/engine/hash-text.js';
import { loadSentenceGold, SENTENCE_PARTS, type SentencePart } from '../datasets/sentences.js';
import { displayPath, freshReportBase, repoRoot, today } from '../paths.js';
import { prf, scoreBoundaries, type BoundaryCounts, type BoundaryScore } from '../scorers/sentences.js';

export interface SentencesEvalOptions {
  parts: SentencePart[];
  verbose: boolean;
  examples: number;
  write: boolean;
  outDir: string;
}

export const DEFAULT_SENTENCES_OPTIONS: SentencesEvalOptions = { parts: [...SENTENCE_PARTS], verbose: false, examples: 10, write: true, outDir: path.join(repoRoot, 'eval', 'reports') };

const TRAIN_PARTS: readonly SentencePart[] = ['meantime-train', 'conll-train'];

const PART_NAMES: Record<SentencePart, string> = {
  'meantime-train': 'MEANTIME Airbus+Apple (train: errors read)',
  'meantime-test': 'MEANTIME GM+stock (measured only)',
  'conll-train': 'CoNLL-2003 train, automatic breaks (train: errors read)',
  'conll-valid': 'CoNLL-2003 valid, automatic breaks (measured only)',
};

export interface PartResult {
  part: SentencePart;
  documents: number;
  given: number;
  score: BoundaryScore;
}

interface ErrorExample {
  kind: 'split' | 'joined';
  id: string;
  excerpt: string;
}

function excerpt(text: string, at: number): string {
  return `${text.slice(Math.max(0, at - 50), at)}|${text.slice(at, at + 30)}`.replace(/\s*\n\s*/g, ' / ');
}

export function scorePart(part: SentencePart, examples: ErrorExample[] | null): PartResult {
  const context = createRunContext({ resources: createResources([...bundledResources]) });
  const docs = loadSentenceGold(part);
  const total: BoundaryCounts = { tp: 0, fp: 0, fn: 0 };
  let given = 0;
  for (const gold of docs) {
    const document = createDocument({ id: gold.id, text: gold.text, contentHash: hashText(gold.text) });
    const findings = segmentText.run(document, {}, context) as Finding[];
    const starts = findingsOfKind(findings, 'sentence').map((s) => s.span.start);
    const result = scoreBoundaries(gold, starts);
    total.tp += result.tp;
    total.fp += result.fp;
    total.fn += result.fn;
    given += gold.given.length;
    if (examples) {
      for (const at of result.falsePositives) examples.push({ kind: 'split', id: gold.id, excerpt: excerpt(gold.text, at) });
      for (const at of result.falseNegatives) examples.push({ kind: 'joined', id: gold.id, excerpt: excerpt(gold.text, at) });
    }
  }
  return { part, documents: docs.length, given, score: prf(total) };
}

const pct = (x: number): string => (100 * x).toFixed(2);

export function runSentencesEval(options: SentencesEvalOptions, command: string): void {
  const results: PartResult[] = [];
  const examples: ErrorExample[] = [];
  for (const part of options.parts) results.push(scorePart(part, TRAIN_PARTS.includes(part) ? examples : null));
  const table = [
    '| part | documents | given breaks | scored gold | TP | FP (split) | FN (joined) | P | R | F1 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${PART_NAMES[r.part]} | ${r.documents} | ${r.given} | ${r.score.tp + r.score.fn} | ${r.score.tp} | ${r.score.fp} | ${r.score.fn} | ${pct(r.score.precision)} | ${pct(r.score.recall)} | ${pct(r.score.f1)} |`),
  ].join('\n');
  console.log(table);
  if (options.verbose) for (const e of examples) console.log(`${e.kind}\t${e.id}\t${e.excerpt}`);
  if (!options.write) return;
  fs.mkdirSync(options.outDir, { recursive: true });
  const base = freshReportBase(options.outDir, `${today()}-sentences`, fs.existsSync);
  const shown = (kind: ErrorExample['kind']) => examples.filter((e) => e.kind === kind).slice(0, options.examples).map((e) => `- \`${e.id}\`: ${e.excerpt.replace(/`/g, "'")}`);
  const md = [
    '# Sentence boundaries',
    '',
    `Command: \`${command}\`. segment-text version ${segmentText.version}.`,
    '',
    'A boundary is where a sentence starts. Gold sentences are joined by a space after final punctuation (those',
    'boundaries are scored) and by a line break otherwise (given by the layout, not scored); see',
    '`eval/scorers/sentences.ts`. FP: segment-text split where the gold has no boundary; FN: it joined two gold sentences.',
    '',
    table,
    '',
    ...(options.examples === 0 ? [] : [
    `## Errors on the train parts (first ${options.examples} of each kind; the \`|\` marks the boundary)`,
    '',
    '**Split (FP):**',
    '',
    ...shown('split'),
    '',
    '**Joined (FN):**',
    '',
    ...shown('joined'),
    '',
    ]),
  ].join('\n');
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify({ command, version: segmentText.version, parts: results }, null, 2)}\n`);
  console.log(`wrote ${displayPath(base)}.md and .json`);
}
