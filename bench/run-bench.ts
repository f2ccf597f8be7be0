/**
 * Throughput benchmark.
 *
 *   npm run bench -- [--limit N] [--repeat N] [--warmup N] [--no-peer] [--no-pathological]
 *                    [--patho-timeout S] [--out DIR] [--no-write]
 *
 * Reads the BBC News corpus in place from ../shared/data/bbc (2,225 articles, ~5 MB; not part of
 * this repository), warms up, then times `analyzeText` over every article on the main thread, one
 * document after the other, and the npm packages `quote-parser` and `wink-nlp` (tokens, POS,
 * sentences, entities) on the same texts in the same run.
 * Then times a few pathological inputs generated in memory, each in its own child process with a time
 * limit. Prints a table and writes bench/results/<YYYY-MM-DD>.json. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { analyzeText as AnalyzeText } from '../src/engine/analyze-text.js';
import { dataRoot, displayPath, repoRoot, today } from '../eval/paths.js';
import { rawQuoteParser, quoteParserVersion } from '../eval/peers/quote-parser.js';
import { winkAnalyse, winkVersion } from '../eval/peers/wink.js';
import { loadBbc, type BenchDoc } from './bbc.js';
import { PATHOLOGICAL, type PathologicalResult, type PathologicalTool } from './pathological.js';

interface Options {
  limit?: number;
  repeat: number;
  warmup: number;
  peer: boolean;
  pathological: boolean;
  pathoTimeoutS: number;
  outDir: string;
  write: boolean;
}

const USAGE = `usage: tsx bench/run-bench.ts [options]
       tsx bench/run-bench.ts scaling|corpus-jsonl|whole-process|analyses|analysis-thread|corpus [options]   (see bench/README.md)
  --limit N            only the first N BBC files (topic, then file name order)
  --repeat N           timed passes over the corpus (default 1)
  --warmup N           documents analysed once before timing (default 200, capped at the corpus size)
  --no-peer            skip the quote-parser and wink-nlp comparisons
  --no-pathological    skip the pathological inputs
  --patho-timeout S    time limit per pathological input and tool, seconds (default 20)
  --out DIR            results folder (default bench/results)
  --no-write           print only
`;

function fail(message: string): never {
  console.error(`run-bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    repeat: 1,
    warmup: 200,
    peer: true,
    pathological: true,
    pathoTimeoutS: 20,
    outDir: path.join(repoRoot, 'bench', 'results'),
    write: true,
  };
  const int = (name: string, v: string | undefined, min = 0) => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < min) fail(`${name} needs an integer >= ${min}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--limit':
        opts.limit = int('--limit', value(), 1);
        break;
      case '--repeat':
        opts.repeat = int('--repeat', value(), 1);
        break;
      case '--warmup':
        opts.warmup = int('--warmup', value());
        break;
      case '--no-peer':
        opts.peer = false;
        break;
      case '--no-pathological':
        opts.pathological = false;
        break;
      case '--patho-timeout':
        opts.pathoTimeoutS = int('--patho-timeout', value(), 1);
        break;
      case '--out': {
        const v = value();
        if (!v) fail('--out needs a folder');
        opts.outDir = path.resolve(v);
        break;
      }
      case '--no-write':
        opts.write = false;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        fail(`unknown option ${a}`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Timing {
  documents: number;
  passes: number;
  mb: number;
  seconds: number;
  cpuSeconds: number;
  mbPerSecond: number;
  docsPerSecond: number;
  msPerDoc: { mean: number; p50: number; p95: number; max: number; maxDoc: string };
  failures: { doc: string; message: string }[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const MB = 1_000_000;

function timeOver(docs: BenchDoc[], passes: number, fn: (doc: BenchDoc) => void, sample?: () => void): Timing {
  const samples: number[] = [];
  const failures: { doc: string; message: string }[] = [];
  let total = 0;
  let maxMs = -1;
  let maxDoc = '';
  const cpu0 = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++) {
    for (const doc of docs) {
      const t0 = performance.now();
      try {
        fn(doc);
      } catch (err) {
        if (pass === 0) failures.push({ doc: doc.id, message: err instanceof Error ? err.message : String(err) });
      }
      const ms = performance.now() - t0;
      total += ms;
      samples.push(ms);
      if (ms > maxMs) {
        maxMs = ms;
        maxDoc = doc.id;
      }
      sample?.();
    }
  }
  const cpu = process.cpuUsage(cpu0);
  samples.sort((a, b) => a - b);
  const seconds = total / 1000;
  const mb = (docs.reduce((n, d) => n + d.bytes, 0) * passes) / MB;
  return {
    documents: docs.length,
    passes,
    mb,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mbPerSecond: seconds > 0 ? mb / seconds : 0,
    docsPerSecond: seconds > 0 ? (docs.length * passes) / seconds : 0,
    msPerDoc: {
      mean: samples.length ? total / samples.length : 0,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      max: Math.max(0, maxMs),
      maxDoc,
    },
    failures,
  };
}

interface PathoRow {
  name: string;
  description: string;
  chars: number;
  bytes: number;
  results: Record<string, { status: 'ok' | 'timeout' | 'error'; ms: number | null; outputs: number | null; message?: string }>;
}

function runPathological(tool: PathologicalTool, name: string, timeoutS: number): PathoRow['results'][string] {
  const script = fileURLToPath(new URL('./pathological.ts', import.meta.url));
  const res = spawnSync(process.execPath, [...process.execArgv, script, tool, name], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { status: 'timeout', ms: null, outputs: null };
  if (res.signal === 'SIGTERM' && res.status === null) return { status: 'timeout', ms: null, outputs: null };
  if (res.status !== 0) {
    const message = (res.stderr || String(res.error ?? '')).trim().split('\n').slice(-1)[0] ?? 'failed';
    return { status: 'error', ms: null, outputs: null, message: message.slice(0, 200) };
  }
  const line = res.stdout.trim().split('\n').pop() ?? '';
  const r = JSON.parse(line) as PathologicalResult;
  return { status: 'ok', ms: r.ms, outputs: r.outputs };
}

// ---------------------------------------------------------------------------------------------
// Output

const fix = (x: number, d = 2) => x.toFixed(d);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  // Loaded here, not at the top, so that the subcommands below run whatever state the engine is in.
  const analyzeText: typeof AnalyzeText = (await import('../src/engine/analyze-text.js')).analyzeText;
  const corpus = loadBbc(opts.limit);
  if (corpus.docs.length === 0) fail('no BBC document found');
  const docs = corpus.docs;
  console.log(
    `BBC corpus: ${docs.length} documents (${corpus.unique} distinct texts), ${fix(corpus.bytes / MB)} MB UTF-8, from ${displayPath(path.join(dataRoot(), 'bbc'))}`,
  );

  // Warm-up: JIT, lexicons and caches.
  const warm = docs.slice(0, Math.min(opts.warmup, docs.length));
  for (const d of warm) {
    try {
      analyzeText(d.text, { id: d.id });
    } catch {
      /* counted in the timed pass */
    }
    if (opts.peer) {
      rawQuoteParser(d.text);
      winkAnalyse(d.text);
    }
  }

  // claimtrace, main thread, one document after the other.
  let heapPeak = 0;
  let rssPeakSampled = 0;
  let n = 0;
  const output = { quotes: 0, docsWithQuotes: 0, entities: 0, figures: 0, dates: 0, claims: 0 };
  const sample = () => {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used > heapPeak) heapPeak = used;
    if (++n % 25 === 0) {
      const rss = process.memoryUsage.rss();
      if (rss > rssPeakSampled) rssPeakSampled = rss;
    }
  };
  let firstPass = true;
  let seen = 0;
  const claimtrace = timeOver(
    docs,
    opts.repeat,
    (d) => {
      const out = analyzeText(d.text, { id: d.id });
      if (firstPass) {
        output.quotes += out.quotes.length;
        if (out.quotes.length > 0) output.docsWithQuotes++;
        output.entities += out.entities.length;
        output.figures += out.figures.length;
        output.dates += out.dates.length;
        output.claims += out.claims.length;
        if (++seen === docs.length) firstPass = false;
      }
    },
    sample,
  );
  const maxRssAfterClaimtrace = process.resourceUsage().maxRSS * 1024;

  // quote-parser on the same texts.
  let peer: (Timing & { version: string; quotes: number }) | null = null;
  if (opts.peer) {
    let quotes = 0;
    let count = 0;
    const t = timeOver(docs, opts.repeat, (d) => {
      const q = rawQuoteParser(d.text);
      if (count++ < docs.length) quotes += q;
    });
    peer = { ...t, version: quoteParserVersion(), quotes };
  }

  // wink-nlp (tokens, POS, sentences, entities) on the same texts: the speed reference of issue 17.
  let wink: (Timing & { version: string; entities: number }) | null = null;
  if (opts.peer) {
    let entities = 0;
    let count = 0;
    const t = timeOver(docs, opts.repeat, (d) => {
      const out = winkAnalyse(d.text);
      if (count++ < docs.length) entities += out.entities;
    });
    wink = { ...t, version: winkVersion(), entities };
  }

  console.log(
    `\nwarm-up ${warm.length} documents; ${opts.repeat} timed pass(es); main thread, one document at a time (${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})\n`,
  );
  const row = (name: string, t: Timing) => [
    name,
    String(t.documents * t.passes),
    fix(t.mb),
    fix(t.seconds),
    fix(t.cpuSeconds),
    fix(t.mbPerSecond),
    fix(t.docsPerSecond, 0),
    fix(t.msPerDoc.p50, 3),
    fix(t.msPerDoc.p95, 3),
    fix(t.msPerDoc.max, 2),
    String(t.failures.length),
  ];
  console.log(
    table(
      ['system', 'docs', 'MB', 's', 'cpu s', 'MB/s', 'docs/s', 'p50 ms', 'p95 ms', 'max ms', 'failed'],
      [
        row('claimtrace', claimtrace),
        ...(peer ? [row(`quote-parser ${peer.version}`, peer)] : []),
        ...(wink ? [row(`wink-nlp ${wink.version}`, wink)] : []),
      ],
    ),
  );
  if (wink) {
    console.log(
      `\nclaimtrace / wink-nlp, MB per CPU second: ${fix(claimtrace.mb / claimtrace.cpuSeconds)} / ${fix(wink.mb / wink.cpuSeconds)} = ` +
        `${fix(claimtrace.mb / claimtrace.cpuSeconds / (wink.mb / wink.cpuSeconds))}× (target ≥ 3×)`,
    );
  }
  console.log(
    `\nclaimtrace memory: peak RSS ${fix(maxRssAfterClaimtrace / 2 ** 20, 0)} MiB (process, after the claimtrace pass), peak heap used ${fix(heapPeak / 2 ** 20, 0)} MiB`,
  );
  console.log(
    `claimtrace output (first pass): ${output.quotes} quotes in ${output.docsWithQuotes} documents, ${output.entities} entities, ${output.figures} figures, ${output.dates} dates, ${output.claims} claims` +
      (peer ? `; quote-parser: ${peer.quotes} quotes` : ''),
  );
  if (claimtrace.failures.length) {
    console.log(`claimtrace failed on ${claimtrace.failures.length} documents, first: ${claimtrace.failures[0].doc}: ${claimtrace.failures[0].message}`);
  }
  console.log(`slowest document: ${claimtrace.msPerDoc.maxDoc} (${fix(claimtrace.msPerDoc.max)} ms)`);

  const patho: PathoRow[] = [];
  if (opts.pathological) {
    console.log(`\npathological inputs (each in its own process, limit ${opts.pathoTimeoutS} s per input and tool):`);
    const tools: PathologicalTool[] = opts.peer ? ['claimtrace', 'quote-parser'] : ['claimtrace'];
    for (const p of PATHOLOGICAL) {
      const text = p.make();
      const r: PathoRow = { name: p.name, description: p.description, chars: text.length, bytes: Buffer.byteLength(text, 'utf8'), results: {} };
      for (const tool of tools) r.results[tool] = runPathological(tool, p.name, opts.pathoTimeoutS);
      patho.push(r);
    }
    const cell = (x: PathoRow['results'][string] | undefined) =>
      !x ? '-' : x.status === 'ok' ? `${fix(x.ms ?? 0, 1)} ms` : x.status === 'timeout' ? `> ${opts.pathoTimeoutS} s` : 'error';
    console.log(
      table(
        ['input', 'KB', ...tools.map((t) => `${t}`)],
        patho.map((r) => [r.name, fix(r.bytes / 1024, 0), ...tools.map((t) => cell(r.results[t]))]),
      ),
    );
    for (const r of patho) {
      for (const [tool, x] of Object.entries(r.results)) if (x.status === 'error') console.log(`  ${r.name} / ${tool}: ${x.message}`);
    }
  }

  if (!opts.write) return;
  const result = {
    date: today(),
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpu: os.cpus()[0]?.model ?? null,
      logicalCpus: os.cpus().length,
      thread: 'main thread, one document at a time',
    },
    options: { limit: opts.limit ?? null, repeat: opts.repeat, warmup: warm.length, peer: opts.peer, pathologicalTimeoutS: opts.pathoTimeoutS },
    corpus: {
      name: 'BBC News (Greene & Cunningham 2006)',
      documents: docs.length,
      distinctTexts: corpus.unique,
      bytes: corpus.bytes,
      mb: corpus.bytes / MB,
      latin1Fallback: corpus.latin1Fallback,
    },
    claimtrace: {
      ...claimtrace,
      memory: { peakRssBytes: maxRssAfterClaimtrace, sampledPeakRssBytes: rssPeakSampled, peakHeapUsedBytes: heapPeak },
      output,
    },
    peer: peer ? { name: 'quote-parser', ...peer } : null,
    wink: wink ? { name: 'wink-nlp', ...wink } : null,
    pathological: patho,
  };
  fs.mkdirSync(opts.outDir, { recursive: true });
  const file = path.join(opts.outDir, `${result.date}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${displayPath(file)}`);
}

// `npm run bench -- scaling ...`, `-- corpus-jsonl ...` and `-- whole-process ...` run the other bench
// scripts (bench/README.md); anything else is the throughput benchmark.
const SUBCOMMANDS: Record<string, string> = {
  scaling: './scaling.ts',
  'corpus-jsonl': './make-bbc-jsonl.ts',
  'whole-process': './whole-process.ts',
  analyses: './per-analysis.ts',
  'analysis-thread': './analysis-thread.ts',
  corpus: './corpus.ts',
};
const sub = SUBCOMMANDS[process.argv[2] ?? ''];
if (sub) {
  const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL(sub, import.meta.url)), ...process.argv.slice(3)], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
} else {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
