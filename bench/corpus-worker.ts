/** A worker of the corpus benchmark: analyses documents i = start, start + step, ... and sends their features. */
import { parentPort, workerData } from 'node:worker_threads';
import { documentFeatures, outletTable } from '../src/corpus/index.js';
import { analyzeText } from '../src/engine/analyze-text.js';
import { loadBbc } from './bbc.js';
import { variant } from './corpus-variants.js';

const { start, step, total } = workerData as { start: number; step: number; total: number };
const base = loadBbc().docs;
const outlets = outletTable();
for (let i = start; i < total; i += step) {
  const { id, text } = variant(base, i);
  const features = documentFeatures(analyzeText(text, { id }), outlets);
  parentPort!.postMessage({ i, features, bytes: Buffer.byteLength(text, 'utf8') });
}
