/**
 * Corpus benchmark: N documents made from the BBC corpus (read in place from ../shared/data/bbc)
 * repeated with new ids and light edits, each analysed by the whole per-document pipeline and added
 * to the corpus index one after the other (the incremental path: every document is linked through
 * the candidate indexes as it arrives), then the corpus object rendered.
 *
 * Copy k of BBC article j (k = 0 is the article as published) gets the id `<topic>/<file>~k` and,
 * for k > 0, light edits chosen by a seeded generator: two words replaced by other words of the same
 * article, and a sentence of the article repeated at its end. One thread does everything. Reported:
 * wall and CPU seconds (`process.cpuUsage`, user + system) of the analysis and of the corpus steps,
 * and peak resident memory (`process.resourceUsage().maxRSS`). `--write` writes
 * bench/results/<date>-corpus.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { displayPath, today } from '../eval/paths.js';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { CorpusIndex, documentFeatures, outletTable, type DocumentFeatures } from '../src/corpus/index.js';
import { writeCorpusObject } from '../src/engine/corpus.js';
import type { Store } from '../src/store/store.js';
import { analyzeText } from '../src/engine/analyze-text.js';
import { toolVersion } from '../src/engine/tool-version.js';
import { loadBbc } from './bbc.js';
import type { AnalysisJson } from '../src/api/analysis-json.js';
import { carryOver, offsetKeepingVariant, textOfVariant, variant } from './corpus-variants.js';
import { parseFlags } from './format.js';

const { flags } = parseFlags(process.argv.slice(2), new Set(['--documents', '--threads', '--progress', '--analyses', '--out', '--max-members']));
const progressEvery = Math.max(1, Number(flags.get('--progress') ?? 10_000));
const total = Number(flags.get('--documents') ?? 100_000);
const threads = Math.max(0, Number(flags.get('--threads') ?? 0));
const write = flags.has('--write');
const reuseAnalyses = flags.has('--reuse-analyses');

const base = loadBbc().docs;
const positions = new Map(base.map((d, j) => [d.id, j]));
const index = new CorpusIndex({ outlets: outletTable() });
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
let indexMs = 0;
let analyseCpuMs = 0;
let bytes = 0;

// With --threads 0 everything runs on this thread and the CPU time of each step is exact; with
// workers, they analyse and this thread adds the documents to the index in id order as they come
// (Node 20 has no per-thread CPU clock, so only the whole process's CPU time is known then).
const pending = new Map<number, DocumentFeatures>();
let next = 0;
let indexCpuMs = 0;
/**
 * With --reuse-analyses the 2,225 articles are analysed once and their analyses kept in a JSON Lines
 * file outside the repository (`--analyses FILE`, default in the system's temporary folder, named by
 * the tool version): the stored analyses of a real run. Each pass over the articles (one copy of
 * each) streams that file, so no more than one analysis is in memory at a time.
 */
const analysesFile = flags.get('--analyses') ?? path.join(os.tmpdir(), 'claimtrace-bench', `bbc-analyses-${toolVersion}-${base.length}.jsonl`);
let analysisSetupCpuMs = 0;
async function ensureAnalyses(): Promise<void> {
  if (fs.existsSync(analysesFile)) return;
  const c0 = process.cpuUsage();
  fs.mkdirSync(path.dirname(analysesFile), { recursive: true });
  const partial = `${analysesFile}.partial`;
  const out = fs.openSync(partial, 'w');
  for (const article of base) fs.writeSync(out, `${JSON.stringify(analyzeText(article.text, { id: article.id }))}\n`);
  fs.closeSync(out);
  fs.renameSync(partial, analysesFile);
  const c1 = process.cpuUsage(c0);
  analysisSetupCpuMs = (c1.user + c1.system) / 1000;
  console.log(`analysed ${base.length} articles once into ${analysesFile} (${(analysisSetupCpuMs / 1000).toFixed(1)} s CPU)`);
}
async function* storedAnalyses(): AsyncGenerator<AnalysisJson> {
  const lines = readline.createInterface({ input: fs.createReadStream(analysesFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as AnalysisJson;
}
let readCpuMs = 0;

/** The V8 heap in use after a full collection when the bench runs with --expose-gc, else as it stands. */
function liveHeapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
function cpuSeconds(): number {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1e6;
}
/** Progress at every --progress documents: wall, CPU of all threads, peak RSS, live heap and typed-array memory. */
const progress: { documents: number; wallSeconds: number; cpuSeconds: number; peakRssMiB: number; heapMiB: number; arrayBuffersMiB: number }[] = [];
function report(): void {
  const heapMiB = liveHeapMiB();
  progress.push({
    documents: next,
    wallSeconds: Math.round(performance.now() - wall0) / 1000,
    cpuSeconds: cpuSeconds(),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapMiB: Math.round(heapMiB * 10) / 10,
    arrayBuffersMiB: Math.round((process.memoryUsage().arrayBuffers / 2 ** 20) * 10) / 10,
  });
  console.log(
    `${next} documents: ${((performance.now() - wall0) / 1000).toFixed(0)} s wall, ${cpuSeconds().toFixed(1)} s CPU (all threads), analysis ${(analyseCpuMs / 1000).toFixed(1)} s CPU, ` +
      `corpus index ${(indexCpuMs / 1000).toFixed(1)} s CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, heap ${heapMiB.toFixed(0)} MiB, typed arrays ${progress[progress.length - 1]!.arrayBuffersMiB} MiB, ` +
      `${index.units.length} records, ${index.links.length} record links, ${index.evidence.length} origin links`,
  );
}
function addOne(features: DocumentFeatures, c0: NodeJS.CpuUsage): void {
  const c1 = process.cpuUsage();
  const t0 = performance.now();
  index.addFeatures(features, '');
  indexMs += performance.now() - t0;
  const c2 = process.cpuUsage();
  analyseCpuMs += (c1.user - c0.user + c1.system - c0.system) / 1000;
  indexCpuMs += (c2.user - c1.user + c2.system - c1.system) / 1000;
  next++;
  if (next % progressEvery === 0) report();
}

if (threads === 0 && reuseAnalyses) {
  await ensureAnalyses();
  const outlets = outletTable();
  for (let pass = 0; next < total; pass++) {
    let j = 0;
    let r0 = process.cpuUsage();
    for await (const analysis of storedAnalyses()) {
      const i = pass * base.length + j++;
      if (i >= total) break;
      const r1 = process.cpuUsage();
      readCpuMs += (r1.user - r0.user + r1.system - r0.system) / 1000;
      const made = offsetKeepingVariant(base, i);
      bytes += Buffer.byteLength(made.text, 'utf8');
      addOne(documentFeatures(carryOver(analysis, made.id, made.text), outlets), r1);
      r0 = process.cpuUsage();
    }
  }
} else if (threads === 0) {
  const outlets = outletTable();
  for (let i = 0; i < total; i++) {
    const { id, text } = variant(base, i);
    bytes += Buffer.byteLength(text, 'utf8');
    const c0 = process.cpuUsage();
    addOne(documentFeatures(analyzeText(text, { id }), outlets), c0);
  }
} else if (reuseAnalyses) {
  // Workers carry the stored analyses over to the copies and compute their features; this thread
  // indexes them in id order as they come, and tells the workers how far it got (flow control).
  await ensureAnalyses();
  const WINDOW = 64;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let finished = 0;
    const entry = new URL('./corpus-features-worker.ts', import.meta.url).href;
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
        eval: true,
        workerData: { start: w, step: threads, total, window: WINDOW, analysesFile },
      });
      workers.push(worker);
      worker.on('message', (message: { i: number; features: DocumentFeatures; bytes: number } | { done: true }) => {
        if ('done' in message) {
          void worker.terminate();
          if (++finished === threads) resolve();
          return;
        }
        pending.set(message.i, message.features);
        bytes += message.bytes;
        const before = next;
        while (pending.has(next)) {
          const features = pending.get(next)!;
          pending.delete(next);
          addOne(features, process.cpuUsage());
        }
        if (Math.floor(next / 16) !== Math.floor(before / 16)) for (const other of workers) other.postMessage({ next });
        if (next >= total) for (const other of workers) other.postMessage({ next });
      });
      worker.on('error', reject);
    }
  });
} else await new Promise<void>((resolve, reject) => {
  let finished = 0;
  for (let w = 0; w < threads; w++) {
    // A worker does not inherit tsx's loader: register it there before importing the TypeScript file.
    const entry = new URL('./corpus-worker.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
      eval: true,
      workerData: { start: w, step: threads, total },
    });
    worker.on("message", (message: { i: number; features: DocumentFeatures; bytes: number }) => {
      pending.set(message.i, message.features);
      bytes += message.bytes;
      const t0 = performance.now();
      while (pending.has(next)) {
        const features = pending.get(next)!;
        pending.delete(next);
        index.addFeatures(features, '');
        next++;
        if (next % 10_000 === 0) {
          console.log(`${next} documents: ${((performance.now() - wall0) / 1000).toFixed(0)} s, corpus index ${(indexMs / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
        }
      }
      indexMs += performance.now() - t0;
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (++finished === threads) resolve();
    });
  }
});
if (next !== total) throw new Error(`only ${next} of ${total} documents arrived`);
const r0 = performance.now();
const rc0 = process.cpuUsage();
const textOf = (id: string) => {
  if (!reuseAnalyses) return textOfVariant(base, positions, id);
  const at = id.lastIndexOf('~');
  return offsetKeepingVariant(base, Number(id.slice(at + 1)) * base.length + positions.get(id.slice(0, at))!).text;
};
report();
const indexedRssMiB = process.resourceUsage().maxRSS / 1024;
const indexedHeapMiB = liveHeapMiB();
const indexedArrayBuffersMiB = process.memoryUsage().arrayBuffers / 2 ** 20;
// The corpus object is streamed (a claim cluster at a time) to --out FILE, or only counted, through a
// writable stream that takes a chunk only once the file has it (backpressure: the render waits).
// --max-members N caps the members listed per claim cluster (0: all).
const outPath = flags.get('--out');
const maxMembers = Number(flags.get('--max-members') ?? 0) || undefined;
const outFd = outPath ? fs.openSync(outPath, 'w') : null;
let outputBytes = 0;
let largestChunkBytes = 0;
const counts = { claimClusters: 0, multiSourceClusters: 0, cappedClusters: 0, origins: 0, largestOrigin: 0, entities: 0 };
{
  // Count what is written without parsing it back: the streamed chunks are one cluster or origin each.
  let section: 'clusters' | 'entities' | 'origins' | 'other' = 'other';
  const count = (chunk: string): void => {
    const size = Buffer.byteLength(chunk, 'utf8');
    outputBytes += size;
    largestChunkBytes = Math.max(largestChunkBytes, size);
    if (chunk.endsWith('"claimClusters":[')) section = 'clusters';
    else if (chunk === '],"entities":[') section = 'entities';
    else if (chunk === '],"origins":[') section = 'origins';
    else if (chunk === ']}') section = 'other';
    else if (section === 'entities') counts.entities++;
    else if (section === 'clusters') {
      counts.claimClusters++;
      const sources = /"independentSources":(\d+)/.exec(chunk);
      if (sources && Number(sources[1]) >= 2) counts.multiSourceClusters++;
      if (chunk.includes('"omitted":{')) counts.cappedClusters++;
    } else if (section === 'origins') {
      counts.origins++;
      const documents = /"documents":\[([^\]]*)\]/.exec(chunk);
      counts.largestOrigin = Math.max(counts.largestOrigin, documents ? documents[1]!.split('","').length : 0);
    }
  };
  const sink = new Writable({
    decodeStrings: false,
    highWaterMark: 1 << 20,
    write(chunk: string, _encoding, callback) {
      count(chunk);
      if (outFd === null) callback();
      else fs.write(outFd, chunk, null, 'utf8', (error) => callback(error));
    },
  });
  // The function `claimtrace corpus --json` writes with (engine/corpus.ts): texts are asked for a
  // batch at a time as the pieces need them, here made from the bench's ids instead of read from a store.
  const texts = { getDocument: async (id: string) => ({ text: textOf(id) }) } as unknown as Pick<Store, 'getDocument'>;
  await writeCorpusObject({ index }, texts, sink, { passagesPerEvidence: 1, maxMembers: maxMembers ?? Infinity });
  await new Promise<void>((resolve, reject) => sink.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
if (outFd !== null) fs.closeSync(outFd);
const rc1 = process.cpuUsage(rc0);
const renderMs = performance.now() - r0;
const wallMs = performance.now() - wall0;
const mainCpu = process.cpuUsage(cpu0);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
/**
 * CPU seconds of each thread of this process (Linux: /proc/self/task/<tid>/stat, user + system), the
 * main thread apart: Node 20 has no per-thread CPU clock, and with workers the process total mixes them.
 */
function threadCpuSeconds(): { main: number; others: number[] } | null {
  try {
    const ticks = 100; // USER_HZ on Linux
    const read = (tid: string): number => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    };
    const tids = fs.readdirSync('/proc/self/task');
    const main = read(String(process.pid));
    const others = tids.filter((tid) => tid !== String(process.pid)).map(read).filter((seconds) => seconds >= 0.5).sort((a, b) => b - a);
    return { main, others };
  } catch {
    return null;
  }
}
const result = {
  date: today(),
  documents: total,
  threads,
  // With --reuse-analyses, copies reuse their article's analysis (analysisCpuSeconds then covers the
  // 2,225 articles analysed once, the carrying over and the corpus features).
  reuseAnalyses,
  megabytes: bytes / 1e6,
  wallSeconds: wallMs / 1000,
  // process.cpuUsage covers every thread of the process: analysis in the workers plus the index.
  cpuSeconds: (mainCpu.user + mainCpu.system) / 1e6,
  // Per thread (the workers are the largest of `others`; the rest are V8's collector and compiler threads).
  threadCpuSeconds: threadCpuSeconds(),
  // Exact with --threads 0 only (see above).
  analysisCpuSeconds: threads === 0 ? analyseCpuMs / 1000 : null,
  corpusIndexCpuSeconds: threads === 0 ? indexCpuMs / 1000 : null,
  corpusIndexWallSeconds: indexMs / 1000,
  renderWallSeconds: renderMs / 1000,
  renderCpuSeconds: (rc1.user + rc1.system) / 1e6,
  peakRssMiB,
  // Peak RSS when the last document was indexed (before rendering), and the V8 heap in use then
  // (live objects only when run with --expose-gc).
  heapAfterGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  indexedPeakRssMiB: indexedRssMiB,
  indexedHeapMiB,
  // Typed-array memory (the index's columns) at the same moment: outside the V8 heap figure.
  indexedArrayBuffersMiB,
  progress,
  // With --reuse-analyses: CPU of reading and parsing the stored analyses (inside analysisCpuSeconds' loop, not in it),
  // and of analysing the articles once when the stored file did not exist yet (0 when it did).
  readStoredAnalysesCpuSeconds: reuseAnalyses ? readCpuMs / 1000 : null,
  analyseArticlesOnceCpuSeconds: reuseAnalyses ? analysisSetupCpuMs / 1000 : null,
  outputMegabytes: outputBytes / 1e6,
  largestChunkMegabytes: largestChunkBytes / 1e6,
  maxMembers: maxMembers ?? null,
  maxOldSpaceMiB: Number(/--max-old-space-size=(\d+)/.exec(process.execArgv.join(' ') + ' ' + (process.env.NODE_OPTIONS ?? ''))?.[1] ?? 0) || null,
  output: {
    ...counts,
    units: index.units.length,
    links: index.links.length,
    evidence: index.evidence.length,
  },
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
if (write) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.date}-corpus${reuseAnalyses ? '-reused-analyses' : ''}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${displayPath(file)}`);
}
