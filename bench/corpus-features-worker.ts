/**
 * A worker of the corpus benchmark with `--reuse-analyses --threads N`: streams the stored analyses,
 * and for copies i = start, start + step, ... carries the article's analysis over to the copy and
 * computes its corpus features, which it sends to the main thread (typed arrays transferred, not
 * copied). At most `window` documents are in flight: past that it waits until the main thread says
 * it has indexed more, so a fast worker never piles up features in memory.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisJson } from '../src/api/analysis-json.js';
import { documentFeatures, outletTable, type DocumentFeatures } from '../src/corpus/index.js';
import { loadBbc } from './bbc.js';
import { carryOver, offsetKeepingVariant } from './corpus-variants.js';

const { start, step, total, window, analysesFile } = workerData as { start: number; step: number; total: number; window: number; analysesFile: string };
const base = loadBbc().docs;
const outlets = outletTable();
let sent = 0;
let indexed = 0;
let wake: (() => void) | null = null;
parentPort!.on('message', (message: { next: number }) => {
  // The main thread has indexed documents 0 .. next-1; this worker's among them:
  indexed = Math.max(0, Math.ceil((message.next - start) / step));
  wake?.();
});

function buffersOf(features: DocumentFeatures): ArrayBuffer[] {
  const buffers = new Set<ArrayBufferLike>([features.words.hashes.buffer, features.words.starts.buffer, features.words.ends.buffer, features.quoted.buffer, features.signature.buffer, features.anchors.buffer]);
  for (const s of features.statements) {
    buffers.add(s.words.buffer);
    buffers.add(s.grams.buffer);
  }
  for (const f of features.figures) buffers.add(f.context.buffer);
  return [...buffers] as ArrayBuffer[];
}

for (let pass = 0; pass * base.length < total; pass++) {
  const lines = readline.createInterface({ input: fs.createReadStream(analysesFile, 'utf8'), crlfDelay: Infinity });
  let j = 0;
  for await (const line of lines) {
    if (!line) continue;
    const i = pass * base.length + j++;
    if (i >= total) break;
    if (i % step !== start) continue;
    while (sent - indexed >= window) await new Promise<void>((resolve) => (wake = resolve));
    const made = offsetKeepingVariant(base, i);
    const features = documentFeatures(carryOver(JSON.parse(line) as AnalysisJson, made.id, made.text), outlets);
    parentPort!.postMessage({ i, features, bytes: Buffer.byteLength(made.text, 'utf8') }, buffersOf(features));
    sent++;
  }
  lines.close();
}
// Every document sent; the main thread ends this worker when it reads this (messages keep their order).
parentPort!.postMessage({ done: true });
