/**
 * The analysis loop alone, pass by pass, on the main thread or on a worker thread: where the CPU of
 * `analyze`'s analysis thread goes that `npm run bench -- analyses` (warm, best of its passes) does
 * not see.
 *
 *   npm run bench -- analysis-thread [--input FILE.jsonl] [--limit N] [--passes N] [--worker]
 *                    [--as-cli] [--budget N] [--switch DOCS:BUDGET] [--young MB] [--dist]
 *
 * Each document is analysed as the bench does (`runPipeline`), or with `--as-cli` as the analysis
 * worker of `claimtrace analyze` does (a structured clone of the document, the wrapped analyses with
 * the shared running slot, `reuse`, `toAnalysisJson` + `JSON.stringify`, and on a worker the reply
 * posted to the main thread). Per pass it prints the CPU of the thread that runs the loop (from
 * `/proc/thread-self/schedstat`, exact, this thread only), the CPU of the whole process (all threads,
 * V8's compiler and GC threads included), the wall time, the time in garbage collection of this thread,
 * and the wall time of each analysis (the runner's clock). Before the passes: the time to import the
 * pipeline's modules and to decode each model, on the thread that runs the loop.
 *
 * `--input`: a JSON Lines file of `{ id, text }` records (default: the BBC articles, `--limit` first).
 * `--budget N`: V8's interrupt budget, set before any analysis code is loaded, as the CLI does
 * (decision 0067; default: V8's own); `--switch DOCS:BUDGET` sets it to BUDGET after DOCS documents
 * (counted over the passes). `--young MB`: the worker's `resourceLimits.maxYoungGenerationSizeMb`.
 * `--dist`: the compiled `dist/` build instead of the TypeScript sources (run `npm run build` first).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadBbc } from './bbc.js';
import { fix, MB, parseFlags, table } from './format.js';

interface Settings {
  input?: string;
  limit?: number;
  passes: number;
  asCli: boolean;
  dist: boolean;
  /** After this many documents, set V8's interrupt budget to `budget`. */
  switchAt?: { documents: number; budget: number };
}

interface PassResult {
  pass: number;
  threadCpuS: number;
  processCpuS: number;
  wallS: number;
  gcS: number;
  gcCount: number;
  /** With `--as-cli`: CPU of this thread making the contract JSON and posting it. */
  outputS: number;
  analyses: Record<string, number>;
}

interface ThreadReport {
  thread: 'main' | 'worker';
  importS: number;
  models: Record<string, number>;
  documents: number;
  megabytes: number;
  newSpaceMb: number;
  passes: PassResult[];
}

/** CPU seconds of the calling thread, exact (the scheduler's run time). */
function threadCpuS(): number {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e9;
}

function processCpuS(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function readDocs(settings: Settings): { id: string; text: string }[] {
  if (settings.input) {
    const lines = fs.readFileSync(settings.input, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const docs = lines.map((line) => JSON.parse(line) as { id: string; text: string });
    return settings.limit ? docs.slice(0, settings.limit) : docs;
  }
  return loadBbc(settings.limit).docs.map(({ id, text }) => ({ id, text }));
}

/** The loop, on whichever thread calls it. */
async function runLoop(settings: Settings, send?: (json: string) => void): Promise<ThreadReport> {
  const base = settings.dist ? '../dist/' : '../src/';
  let t = threadCpuS();
  const { loadDefaultPipeline } = (await import(`${base}engine/pipeline.js`)) as typeof import('../src/engine/pipeline.js');
  const { contextFor, runPipeline } = (await import(`${base}engine/analyze-text.js`)) as typeof import('../src/engine/analyze-text.js');
  const { createDocument } = (await import(`${base}core/document.js`)) as typeof import('../src/core/document.js');
  const { hashText } = (await import(`${base}engine/hash-text.js`)) as typeof import('../src/engine/hash-text.js');
  const { runAnalyses } = (await import(`${base}core/run-analyses.js`)) as typeof import('../src/core/run-analyses.js');
  const { toAnalysisJson } = (await import(`${base}engine/to-analysis-json.js`)) as typeof import('../src/engine/to-analysis-json.js');
  const { modelResources } = (await import(`${base}engine/load-models.js`)) as typeof import('../src/engine/load-models.js');
  const pipeline = loadDefaultPipeline();
  const importS = threadCpuS() - t;
  const models: Record<string, number> = {};
  for (const resource of modelResources()) {
    t = threadCpuS();
    void resource.value;
    models[resource.id] = threadCpuS() - t;
  }

  const docs = readDocs(settings);
  const bytes = docs.reduce((n, doc) => n + Buffer.byteLength(doc.text, 'utf8'), 0);
  const documents = docs.map((doc) => createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) }));

  // As the CLI's analysis worker runs them (analysis-worker.ts): wrapped once, recording themselves in
  // a shared slot before each run.
  const slots = new Int32Array(new SharedArrayBuffer(8));
  const wrapped = pipeline.analyses.map((analysis, index) => ({
    ...analysis,
    run: (doc: Parameters<typeof analysis.run>[0], inputs: Parameters<typeof analysis.run>[1], context: Parameters<typeof analysis.run>[2]) => {
      Atomics.store(slots, 1, index + 1);
      return analysis.run(doc, inputs, context);
    },
  }));


  const passes: PassResult[] = [];
  for (let pass = 1; pass <= settings.passes; pass++) {
    const totals: Record<string, number> = {};
    let outputS = 0;
    const parts = [0, 0, 0, 0];
    const profiler = new GCProfiler();
    profiler.start();
    const startThread = threadCpuS();
    const startProcess = processCpuS();
    const startWall = performance.now();
    for (let i = 0; i < documents.length; i++) {
      if (settings.switchAt && (pass - 1) * documents.length + i === settings.switchAt.documents) {
        setFlagsFromString(`--interrupt-budget=${settings.switchAt.budget}`);
      }
      let result;
      if (settings.asCli) {
        const document = createDocument(structuredClone(documents[i]!));
        Atomics.store(slots, 1, 0);
        Atomics.store(slots, 0, i + 1);
        result = runAnalyses(document, wrapped, contextFor(document, pipeline, {}), { reuse: () => null, clock: () => performance.now() });
        const t0 = threadCpuS();
        const t1 = threadCpuS();
        const object = toAnalysisJson(document, result);
        const t2 = threadCpuS();
        const json = JSON.stringify(object);
        const t3 = threadCpuS();
        send?.(json);
        const t4 = threadCpuS();
        outputS += t4 - t1 - (t1 - t0) * 3;
        parts[0] += t1 - t0;
        parts[1] += t2 - t1;
        parts[2] += t3 - t2;
        parts[3] += t4 - t3;
      } else {
        const document = documents[i]!;
        result = runPipeline(document, pipeline, contextFor(document, pipeline), { clock: () => performance.now() });
      }
      for (const [id, run] of Object.entries(result.runs)) totals[id] = (totals[id] ?? 0) + (run.durationMs ?? 0) / 1000;
    }
    const gcs = profiler.stop()?.statistics ?? [];
    if (settings.asCli) {
      console.log(`pass ${pass}, the output: toAnalysisJson ${fix(parts[1]!)}, JSON.stringify ${fix(parts[2]!)}, posting ${fix(parts[3]!)} CPU s (reading the clock: ${fix(parts[0]!)} per two reads)`);
    }
    passes.push({
      pass,
      threadCpuS: threadCpuS() - startThread,
      processCpuS: processCpuS() - startProcess,
      wallS: (performance.now() - startWall) / 1000,
      gcS: gcs.reduce((sum, gc) => sum + gc.cost, 0) / 1e6,
      gcCount: gcs.length,
      outputS,
      analyses: totals,
    });
  }
  const { getHeapSpaceStatistics } = await import('node:v8');
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    thread: isMainThread ? 'main' : 'worker',
    importS,
    models,
    documents: documents.length,
    megabytes: bytes / MB,
    newSpaceMb: (newSpace?.space_size ?? 0) / 2 ** 20,
    passes,
  };
}

function print(report: ThreadReport, label: string): void {
  console.log(`${label}: ${report.documents} documents, ${fix(report.megabytes)} MB; on the ${report.thread} thread; new space ${fix(report.newSpaceMb, 1)} MiB`);
  console.log(`importing the pipeline ${fix(report.importS)} CPU s; decoding the models: ${Object.entries(report.models).map(([id, s]) => `${id} ${fix(s, 3)}`).join(', ')} CPU s\n`);
  const ids = Object.keys(report.passes[0]?.analyses ?? {});
  console.log(
    table(
      ['pass', 'thread CPU s', 'MB per thread CPU s', 'process CPU s', 'wall s', 'GC s (count)', 'output CPU s', ...ids],
      report.passes.map((p) => [
        String(p.pass),
        fix(p.threadCpuS),
        fix(report.megabytes / p.threadCpuS, 2),
        fix(p.processCpuS),
        fix(p.wallS),
        `${fix(p.gcS)} (${p.gcCount})`,
        fix(p.outputS),
        ...ids.map((id) => fix(p.analyses[id] ?? 0)),
      ]),
    ),
  );
}

if (isMainThread) {
  const { flags } = parseFlags(process.argv.slice(2), new Set(['--input', '--limit', '--passes', '--budget', '--young', '--switch']));
  const settings: Settings = {
    ...(flags.has('--input') ? { input: flags.get('--input')! } : {}),
    ...(flags.has('--limit') ? { limit: Number(flags.get('--limit')) } : {}),
    passes: Math.max(1, Number(flags.get('--passes') ?? 3)),
    asCli: flags.has('--as-cli'),
    dist: flags.has('--dist'),
  };
  if (flags.has('--switch')) {
    const [documents, budget] = flags.get('--switch')!.split(':').map(Number);
    settings.switchAt = { documents: documents!, budget: budget! };
  }
  if (flags.has('--budget')) setFlagsFromString(`--interrupt-budget=${Number(flags.get('--budget'))}`);
  const label = `${settings.input ?? 'BBC'}${settings.asCli ? ', as the CLI' : ''}${flags.has('--budget') ? `, interrupt budget ${flags.get('--budget')}` : ''}${flags.has('--switch') ? `, then ${flags.get('--switch')}` : ''}`;
  if (flags.has('--worker')) {
    const young = flags.has('--young') ? { resourceLimits: { maxYoungGenerationSizeMb: Number(flags.get('--young')) } } : {};
    const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(bootstrap, { eval: true, workerData: settings, ...young });
    let received = 0;
    worker.on('message', (message: { report?: ThreadReport; json?: string }) => {
      if (message.report) print(message.report, label);
      else received++;
    });
    await new Promise<void>((resolve, reject) => {
      worker.on('exit', () => resolve());
      worker.on('error', reject);
    });
    if (received > 0) console.log(`\nreplies received on the main thread: ${received}`);
  } else {
    print(await runLoop(settings), label);
  }
} else {
  const port = parentPort!;
  const report = await runLoop(workerData as Settings, (json) => port.postMessage({ json }));
  port.postMessage({ report });
}
