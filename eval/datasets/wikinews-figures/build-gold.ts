/**
 * Writes `gold.json` from the selected sentences (select.ts) and an annotation list read by hand, one quantity
 * a line: `n|span|change|value|unit|normalized_unit`, or `n|span|@k|change|…` for the k-th occurrence of the span
 * in sentence n. Offsets are computed here and checked (`text.slice(start, end) === span`); a span that is not
 * found stops the build. Usage: `npx tsx eval/datasets/wikinews-figures/build-gold.ts BATCH ANNOTATIONS.txt`
 * (batch 1: the first pass of the selection, batch 2: the second, batch 3: the 2019 pass); an existing gold.json keeps
 * its other batches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../paths.js';
import { selectedPass, yearOfBatch, type SelectedSentence } from './select.js';
import type { WikinewsFigureQuantity } from '../wikinews-figures-gold.js';

/** One quantity of the gold, as the loader reads it. */
export type GoldQuantity = WikinewsFigureQuantity;

export interface GoldSentence extends SelectedSentence {
  /** Position among the candidates of the selection rule. */
  candidate: number;
  batch: number;
  quantities: GoldQuantity[];
}

const GOLD = path.join(repoRoot, 'eval', 'datasets', 'wikinews-figures', 'gold.json');

function build(batch: number, annotationFile: string): void {
  const chosen = selectedPass(batch);
  const lines = fs.readFileSync(annotationFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const byCandidate = new Map<number, GoldQuantity[]>();
  for (const line of lines) {
    const parts = line.split('|');
    const n = Number(parts[0]);
    const span = parts[1]!;
    let occurrence = 1;
    let rest = parts.slice(2);
    if (rest[0]?.startsWith('@')) {
      occurrence = Number(rest[0].slice(1));
      rest = rest.slice(1);
    }
    const [change, value, unit, normalized] = rest;
    if (!change || !value || !unit || !normalized || rest.length !== 4) throw new Error(`bad line: ${line}`);
    if (!['=', '~', '>', '<', 'up', 'down'].includes(change)) throw new Error(`bad change: ${line}`);
    if (!/^-?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$/.test(value)) throw new Error(`bad value: ${line}`);
    const s = chosen.find((c) => c.candidate === n);
    if (!s) throw new Error(`candidate ${n} is not in batch ${batch}: ${line}`);
    // A space of the list matches a no-break space of the text too.
    const pattern = new RegExp(span.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \u00a0\u202f]'), 'g');
    let found: RegExpExecArray | null = null;
    for (let k = 0; k < occurrence; k++) {
      found = pattern.exec(s.text);
      if (!found) throw new Error(`span not found (occurrence ${occurrence}): ${line}`);
    }
    const at = found!.index;
    const list = byCandidate.get(n) ?? [];
    list.push({ start: at, end: at + found![0].length, text: found![0], change, value, unit, normalized_unit: normalized });
    byCandidate.set(n, list);
  }
  const sentences: GoldSentence[] = chosen.map((s) => ({
    ...s,
    batch,
    quantities: (byCandidate.get(s.candidate) ?? []).sort((a, b) => a.start - b.start),
  }));
  for (const s of sentences) for (const q of s.quantities) if (s.text.slice(q.start, q.end) !== q.text) throw new Error(`offset check failed: ${s.candidate}`);
  const previous: GoldSentence[] = fs.existsSync(GOLD) ? (JSON.parse(fs.readFileSync(GOLD, 'utf8')) as { sentences: GoldSentence[] }).sentences : [];
  // The 2020 batches first (candidates of one numbering), then the 2019 batch (its own numbering).
  const all = [...previous.filter((s) => s.batch !== batch), ...sentences].sort((a, b) => yearOfBatch(b.batch) - yearOfBatch(a.batch) || a.candidate - b.candidate);
  const out = {
    $comment: 'Hand-annotated quantities in sentences of Wikinews articles (CC BY 2.5, Wikinews contributors); see README.md and GUIDE.md. Offsets are 0-based, end-exclusive UTF-16 indices into each sentence text; `start` of a sentence is its offset in the article text.',
    sentences: all,
  };
  fs.writeFileSync(GOLD, `${JSON.stringify(out, null, 1)}\n`);
  const q = all.reduce((n, s) => n + s.quantities.length, 0);
  console.log(`wrote gold.json: ${all.length} sentences, ${q} quantities`);
}

build(Number(process.argv[2]), process.argv[3]!);
