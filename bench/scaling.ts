/**
 * Scaling check: is the whole per-document analysis linear in the input size?
 *
 *   npm run bench -- scaling [--mb N] [--repeat N] [--timeout S] [--only NAME,...] [--pipeline engine|core]
 *                            [--fail-above R] [--write] [--out DIR]
 *
 * Times one call of the whole per-document pipeline (engine `analyzeText`, or, with `--pipeline core`
 * or when the engine does not load, core `runAnalyses` over the registry with the bundled resources)
 * on each input at sizes n, 2n and 4n, and reports the times and the ratios t(2n)/t(n) and
 * t(4n)/t(2n): about 2 means linear, about 4 quadratic. Inputs: `quote-dense` (a paragraph of quotes,
 * pronouns and attributions repeated to N, 2N and 4N MB; N = --mb, default 1) and every pathological
 * input of bench/pathological.ts at its own size ×1, ×2, ×4. Each (input, size) runs in its own child
 * process with a time limit, after a warm-up on short texts and one untimed call on the input; the time
 * is the median of --repeat calls.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { displayPath, repoRoot, today } from '../eval/paths.js';
import { fix, MB, median, parseFlags, table } from './format.js';
import { PATHOLOGICAL, repeatTo } from './pathological.js';

const USAGE = `usage: npm run bench -- scaling [options]
  --mb N            size n of the quote-dense input in MB (default 1: 1, 2 and 4 MB)
  --repeat N        timed calls per input and size; the median is reported (default 3)
  --timeout S       time limit per input and size, seconds (default 120)
  --only A,B        only these inputs (quote-dense and the pathological names)
  --pipeline P      engine (analyzeText, default) or core (runAnalyses over the registry)
  --fail-above R    exit 1 when a CPU-time ratio over times of 5 ms or more exceeds R (e.g. 3)
  --write           also write bench/results/<date>-scaling.json
  --out DIR         results folder (default bench/results)
`;

const SCALES = [1, 2, 4] as const;

/**
 * One paragraph of ordinary quote-dense news prose: direct quotes with trailing, leading and split
 * attributions, pronoun speakers, an according-to, a mixed quote, figures and dates. `{i}` varies the
 * text from one repetition to the next.
 */
const QUOTE_DENSE_PARAGRAPH =
  '“We will rebuild the {i} bridges before the spring floods,” said Mayor Anna Keller, who spoke at City Hall on Tuesday. ' +
  'She added: “Nobody in this city should wait longer than 30 days for a repair.” ' +
  'Critics were not convinced. According to councillor James Ortiz, the plan “does not add up”, and he told reporters that ' +
  '“the money for district {i} is simply not there,” pointing to a £4.5m shortfall. ' +
  '“It is there,” Keller replied. “We found it in the March 2025 budget, and we will spend it,” she said, ' +
  'while the city’s treasurer, Maria Lopez, said the figures were “under review”.\n\n';

export function quoteDense(bytes: number): string {
  return repeatTo(QUOTE_DENSE_PARAGRAPH, bytes);
}

interface InputSpec {
  name: string;
  description: string;
  make(scale: number): string;
}

function inputs(mb: number): InputSpec[] {
  return [
    {
      name: 'quote-dense',
      description: `a paragraph of quotes, pronouns and attributions repeated to ${mb} MB × scale`,
      make: (scale) => quoteDense(mb * MB * scale),
    },
    ...PATHOLOGICAL.map((p) => ({ name: p.name, description: p.description, make: (scale: number) => p.make(scale) })),
  ];
}

type Pipeline = 'engine' | 'core';

interface ChildResult {
  pipeline: Pipeline;
  pipelineNote: string | null;
  bytes: number;
  chars: number;
  ms: number[];
  /** Process CPU time (user + system, all threads) of each call: unlike wall time, not inflated by other load. */
  cpuMs: number[];
  quotes: number;
}

// ---------------------------------------------------------------------------------------------
// Child: one input at one size.

async function loadAnalyze(wanted: Pipeline): Promise<{ pipeline: Pipeline; note: string | null; run: (text: string, id: string) => number }> {
  if (wanted === 'engine') {
    try {
      const { analyzeText } = await import('../src/engine/analyze-text.js');
      return { pipeline: 'engine', note: null, run: (text, id) => analyzeText(text, { id }).quotes.length };
    } catch (err) {
      const note = `engine did not load (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); timed core runAnalyses instead`;
      return { ...(await loadAnalyze('core')), note };
    }
  }
  const { runAnalyses } = await import('../src/core/run-analyses.js');
  const { createRunContext } = await import('../src/core/analysis.js');
  const { createDocument } = await import('../src/core/document.js');
  const { createResources } = await import('../src/core/resources.js');
  const { analyses } = await import('../src/analyses/index.js');
  const { bundledResources } = await import('../src/analyses/resources.js');
  const { dateChooserResource } = await import('../src/engine/load-models.js');
  const context = createRunContext({ resources: createResources([...bundledResources, dateChooserResource()]) });
  return {
    pipeline: 'core',
    note: null,
    run: (text, id) => {
      const contentHash = createHash('sha256').update(text).digest('hex');
      const document = createDocument({ id, text, contentHash, title: null, url: null, publishedAt: null, format: 'text' });
      const result = runAnalyses(document, analyses, context);
      return Object.values(result.findings)
        .flat()
        .filter((f) => f.kind === 'quote').length;
    },
  };
}

async function child(name: string, scale: number, repeat: number, pipeline: Pipeline, mb: number): Promise<ChildResult> {
  const spec = inputs(mb).find((i) => i.name === name);
  if (!spec) throw new Error(`unknown input ${name}`);
  const analyze = await loadAnalyze(pipeline);
  const warm = '“We will see,” the spokeswoman said on Monday. She added that 40% of voters agreed, according to a poll.\n\n';
  for (let i = 0; i < 30; i++) analyze.run(warm.repeat(1 + (i % 5)), 'warm');
  const text = spec.make(scale);
  // One untimed call on the input itself: the first call on a large text still tunes the JIT and grows the heap.
  analyze.run(text, `${name}-x${scale}`);
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let quotes = 0;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    quotes = analyze.run(text, `${name}-x${scale}`);
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { pipeline: analyze.pipeline, pipelineNote: analyze.note, bytes: Buffer.byteLength(text, 'utf8'), chars: text.length, ms, cpuMs, quotes };
}

// ---------------------------------------------------------------------------------------------
// Parent

interface Row {
  input: string;
  description: string;
  sizes: {
    scale: number;
    bytes: number | null;
    ms: number | null;
    cpuMs: number | null;
    msAll: number[];
    cpuMsAll: number[];
    quotes: number | null;
    status: 'ok' | 'timeout' | 'error';
    message?: string;
  }[];
  /** t(2n)/t(n) and t(4n)/t(2n) of the median wall times. */
  ratios: (number | null)[];
  /** The same over the median CPU times. */
  cpuRatios: (number | null)[];
}

function runChild(name: string, scale: number, opts: { repeat: number; pipeline: Pipeline; mb: number; timeoutS: number }): { result?: ChildResult; status: 'ok' | 'timeout' | 'error'; message?: string } {
  const script = fileURLToPath(import.meta.url);
  const res = spawnSync(
    process.execPath,
    [...process.execArgv, script, '--child', name, String(scale), String(opts.repeat), opts.pipeline, String(opts.mb)],
    { cwd: repoRoot, encoding: 'utf8', timeout: opts.timeoutS * 1000, maxBuffer: 16 * 1024 * 1024 },
  );
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (res.signal === 'SIGTERM' && res.status === null)) return { status: 'timeout' };
  if (res.status !== 0) {
    const message = (res.stderr || String(res.error ?? '')).trim().split('\n').slice(-1)[0] ?? 'failed';
    return { status: 'error', message: message.slice(0, 300) };
  }
  const line = res.stdout.trim().split('\n').pop() ?? '';
  return { status: 'ok', result: JSON.parse(line) as ChildResult };
}

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseFlags(argv, new Set(['--mb', '--repeat', '--timeout', '--only', '--pipeline', '--fail-above', '--out']));
  } catch (err) {
    console.error(`scaling: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const { flags, rest } = parsed;
  if (flags.has('--help') || rest.length) {
    console.log(USAGE);
    process.exit(rest.length ? 2 : 0);
  }
  const num = (name: string, def: number) => {
    const v = flags.get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) {
      console.error(`scaling: ${name} needs a positive number\n\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const opts = {
    mb: num('--mb', 1),
    repeat: Math.round(num('--repeat', 3)),
    timeoutS: num('--timeout', 120),
    pipeline: (flags.get('--pipeline') ?? 'engine') as Pipeline,
    failAbove: flags.has('--fail-above') ? num('--fail-above', 3) : null,
  };
  if (opts.pipeline !== 'engine' && opts.pipeline !== 'core') {
    console.error(`scaling: --pipeline is engine or core\n\n${USAGE}`);
    process.exit(2);
  }
  const known = inputs(opts.mb);
  const only = flags.get('--only')?.split(',').filter(Boolean);
  for (const name of only ?? []) {
    if (!known.some((i) => i.name === name)) {
      console.error(`scaling: unknown input ${name} (known: ${known.map((i) => i.name).join(', ')})`);
      process.exit(2);
    }
  }
  const selected = only ? known.filter((i) => only.includes(i.name)) : known;

  console.log(
    `scaling check: ${opts.pipeline} pipeline, sizes n, 2n, 4n, median of ${opts.repeat} call(s), each size in its own process (limit ${opts.timeoutS} s); ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`,
  );
  const rows: Row[] = [];
  const notes = new Set<string>();
  let pipelineUsed: Pipeline = opts.pipeline;
  for (const spec of selected) {
    const row: Row = { input: spec.name, description: spec.description, sizes: [], ratios: [], cpuRatios: [] };
    for (const scale of SCALES) {
      const r = runChild(spec.name, scale, opts);
      if (r.result?.pipelineNote) notes.add(r.result.pipelineNote);
      if (r.result) pipelineUsed = r.result.pipeline;
      row.sizes.push({
        scale,
        bytes: r.result?.bytes ?? null,
        ms: r.result ? median(r.result.ms) : null,
        cpuMs: r.result ? median(r.result.cpuMs) : null,
        msAll: r.result?.ms ?? [],
        cpuMsAll: r.result?.cpuMs ?? [],
        quotes: r.result?.quotes ?? null,
        status: r.status,
        ...(r.message ? { message: r.message } : {}),
      });
      process.stdout.write(`  ${spec.name} ×${scale}: ${r.status === 'ok' ? `${fix(median(r.result!.ms), 1)} ms` : r.status}\n`);
      if (r.status !== 'ok') break; // a larger size would only take longer
    }
    const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && a > 0 ? b / a : null);
    for (let i = 1; i < row.sizes.length; i++) {
      row.ratios.push(ratio(row.sizes[i - 1]!.ms, row.sizes[i]!.ms));
      row.cpuRatios.push(ratio(row.sizes[i - 1]!.cpuMs, row.sizes[i]!.cpuMs));
    }
    rows.push(row);
  }

  const cellMs = (s: Row['sizes'][number] | undefined) =>
    !s ? '-' : s.status === 'ok' ? fix(s.ms ?? 0, 1) : s.status === 'timeout' ? `> ${opts.timeoutS} s` : 'error';
  const cellRatio = (x: number | null | undefined) => (x === null || x === undefined ? '-' : fix(x, 2));
  console.log('');
  console.log(
    table(
      ['input', 'n KB', 'ms n', 'ms 2n', 'ms 4n', '2n/n', '4n/2n', 'cpu 2n/n', 'cpu 4n/2n', 'MB/s 4n', 'quotes 4n'],
      rows.map((r) => {
        const big = r.sizes[2];
        return [
          r.input,
          r.sizes[0]?.bytes != null ? fix(r.sizes[0].bytes / 1024, 0) : '-',
          cellMs(r.sizes[0]),
          cellMs(r.sizes[1]),
          cellMs(r.sizes[2]),
          cellRatio(r.ratios[0]),
          cellRatio(r.ratios[1]),
          cellRatio(r.cpuRatios[0]),
          cellRatio(r.cpuRatios[1]),
          big?.ms && big.bytes ? fix(big.bytes / MB / (big.ms / 1000)) : '-',
          big?.quotes != null ? String(big.quotes) : '-',
        ];
      }),
    ),
  );
  console.log(
    '\nms: median wall time of one call. Ratios: ≈2 linear, ≈4 quadratic; below a few milliseconds they are mostly noise.\n' +
      'cpu ratios use process CPU time (user + system) instead of wall time: on a busy machine wall time swells with\n' +
      'the load, CPU time much less, so trust the cpu columns when the two disagree.',
  );
  for (const note of notes) console.log(`note: ${note}`);
  for (const r of rows) for (const s of r.sizes) if (s.status === 'error') console.log(`  ${r.input} ×${s.scale}: ${s.message}`);

  let failed = rows.some((r) => r.sizes.some((s) => s.status !== 'ok'));
  if (opts.failAbove !== null) {
    for (const r of rows) {
      r.cpuRatios.forEach((ratio, i) => {
        const base = r.sizes[i]!.ms ?? 0;
        if (ratio !== null && base >= 5 && ratio > opts.failAbove!) {
          console.log(`superlinear: ${r.input} cpu t(${2 ** (i + 1)}n)/t(${2 ** i}n) = ${fix(ratio)} > ${opts.failAbove}`);
          failed = true;
        }
      });
    }
  }

  if (flags.has('--write')) {
    const outDir = flags.has('--out') ? path.resolve(flags.get('--out')!) : path.join(repoRoot, 'bench', 'results');
    const result = {
      date: today(),
      kind: 'scaling',
      environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: os.cpus()[0]?.model ?? null },
      options: { mb: opts.mb, repeat: opts.repeat, timeoutS: opts.timeoutS, pipeline: pipelineUsed },
      notes: [...notes],
      inputs: rows,
    };
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${result.date}-scaling.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${displayPath(file)}`);
  }
  if (failed) process.exitCode = 1;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, name, scale, repeat, pipeline, mb] = argv;
    child(name!, Number(scale), Number(repeat), pipeline as Pipeline, Number(mb)).then(
      (r) => console.log(JSON.stringify(r)),
      (err) => {
        console.error(err instanceof Error ? err.stack : String(err));
        process.exit(1);
      },
    );
  } else {
    main(argv).catch((err) => {
      console.error(err instanceof Error ? err.stack : String(err));
      process.exit(1);
    });
  }
}
