/**
 * Per-analysis throughput over the BBC texts, two ways, side by side:
 * - in the pipeline: the whole pipeline document by document, each analysis timed by the runner's own
 *   clock (`durationMs` of every run). Between two documents the other analyses run, so each analysis
 *   starts every document with its code and tables partly out of the CPU caches;
 * - alone: each analysis over all the texts before the next, on the records the pipeline gave it (its
 *   real inputs, built before the clock starts), the way a benchmark of one component runs it. The gap
 *   between the two columns is what the analyses cost each other in the caches (docs/performance.md).
 *
 *   npm run bench -- analyses [--limit N] [--repeat N] [--wall] [--write]
 *
 * The runner's clock is the process's CPU time (`process.cpuUsage()`, user + system), so MB/s per core
 * is UTF-8 megabytes (10^6 bytes) of text per CPU second of that analysis: other processes on a shared
 * machine do not slow it the way they slow wall time. It includes V8's background threads (garbage
 * collection, compilation) while the analysis runs, so it is on the safe side. `--wall` times with
 * `performance.now()` instead (the figure of a quiet machine). `--repeat` keeps the fastest pass per
 * analysis (the first pass also pays for warming up). Also prints the load time of the pipeline
 * (lexicons and models). `--write` writes bench/results/<date>-analyses.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { displayPath, today } from '../eval/paths.js';
import { loadBbc } from './bbc.js';
import { fix, MB, parseFlags, table } from './format.js';

const { flags } = parseFlags(process.argv.slice(2), new Set(['--limit', '--repeat']));
const limit = flags.has('--limit') ? Number(flags.get('--limit')) : undefined;
const repeat = Math.max(1, Number(flags.get('--repeat') ?? 2));
const clockName = flags.has('--wall') ? 'wall' : 'cpu';

/** Milliseconds of CPU time of this process (user + system, all its threads). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const clock = clockName === 'wall' ? () => performance.now() : cpuMs;

const loadStart = performance.now();
const { loadDefaultPipeline } = await import('../src/engine/pipeline.js');
const { contextFor, runPipeline } = await import('../src/engine/analyze-text.js');
const { createDocument } = await import('../src/core/document.js');
const { hashText } = await import('../src/engine/hash-text.js');
const pipeline = loadDefaultPipeline();
const loadMs = performance.now() - loadStart;

const corpus = loadBbc(limit);
const documents = corpus.docs.map((doc) => createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) }));
const best = new Map<string, number>();
for (let pass = 0; pass < repeat; pass++) {
  const totals = new Map<string, number>();
  for (const document of documents) {
    const result = runPipeline(document, pipeline, contextFor(document, pipeline), { clock });
    for (const [id, run] of Object.entries(result.runs)) totals.set(id, (totals.get(id) ?? 0) + (run.durationMs ?? 0));
  }
  for (const [id, ms] of totals) best.set(id, Math.min(best.get(id) ?? Infinity, ms));
}

// Alone: the pipeline's records of one more, untimed pass are each analysis's inputs (kept out of the timed
// passes, so that holding them does not weigh on those passes' garbage collection); each analysis then runs
// over every document before the next analysis starts.
const contexts = documents.map((document) => contextFor(document, pipeline));
const recorded = documents.map((document, i) => runPipeline(document, pipeline, contexts[i]!).findings);
const bestAlone = new Map<string, number>();
for (const analysis of pipeline.analyses) {
  const inputs = recorded.map((findings) => {
    const own: Record<string, unknown> = {};
    for (const need of [...analysis.needs, ...(analysis.uses ?? [])]) if (findings[need] !== undefined) own[need] = findings[need];
    return Object.freeze(own) as Parameters<typeof analysis.run>[1];
  });
  for (let pass = 0; pass < repeat; pass++) {
    const started = clock();
    for (let i = 0; i < documents.length; i++) analysis.run(documents[i]!, inputs[i]!, contexts[i]!);
    const ms = clock() - started;
    bestAlone.set(analysis.id, Math.min(bestAlone.get(analysis.id) ?? Infinity, ms));
  }
}
const rows = pipeline.analyses.map((analysis) => {
  const ms = best.get(analysis.id) ?? 0;
  const aloneMs = bestAlone.get(analysis.id) ?? 0;
  return {
    analysis: analysis.id,
    version: analysis.version,
    seconds: ms / 1000,
    mbPerSecond: corpus.bytes / MB / (ms / 1000),
    aloneSeconds: aloneMs / 1000,
    aloneMbPerSecond: corpus.bytes / MB / (aloneMs / 1000),
  };
});
const total = rows.reduce((sum, row) => sum + row.seconds, 0);
const totalAlone = rows.reduce((sum, row) => sum + row.aloneSeconds, 0);
const unit = clockName === 'cpu' ? 'CPU seconds' : 'seconds (wall)';
console.log(`BBC texts: ${documents.length} documents, ${fix(corpus.bytes / MB)} MB; pipeline loaded in ${fix(loadMs, 0)} ms (wall); best of ${repeat} passes; ${unit}; first columns in the pipeline document by document, \"alone\" each analysis over all texts before the next\n`);
console.log(
  table(
    ['analysis', 'version', clockName === 'cpu' ? 'cpu s' : 'wall s', 'MB/s per core', 'alone s', 'alone MB/s per core'],
    [
      ...rows.map((row) => [row.analysis, row.version, fix(row.seconds), fix(row.mbPerSecond, 1), fix(row.aloneSeconds), fix(row.aloneMbPerSecond, 1)]),
      ['whole pipeline', '', fix(total), fix(corpus.bytes / MB / total, 1), fix(totalAlone), fix(corpus.bytes / MB / totalAlone, 1)],
    ],
  ),
);
if (flags.has('--write')) {
  const out = path.join(fileURLToPath(new URL('./results/', import.meta.url)), `${today()}-analyses.json`);
  fs.writeFileSync(out, `${JSON.stringify({ date: today(), documents: documents.length, megabytes: corpus.bytes / MB, loadMs, repeat, clock: clockName, analyses: rows }, null, 2)}\n`);
  console.log(`\nwrote ${displayPath(out)}`);
}
