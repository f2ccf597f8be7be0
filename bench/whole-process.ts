/**
 * Whole-process benchmark: the built `claimtrace` command on a JSON Lines corpus, as a user runs it.
 *
 *   npm run build
 *   npm run bench -- corpus-jsonl --copies 4            # writes <tmp>/claimtrace-bench/bbc-x4.jsonl
 *   npm run bench -- whole-process <tmp>/claimtrace-bench/bbc-x4.jsonl [options]
 *
 * Runs, each as a child process, stdout to /dev/null:
 *
 *   no-store   node bin/claimtrace.js analyze FILE --json --no-store
 *   db         node bin/claimtrace.js analyze FILE --json --db <tmp>/….sqlite      (a new database)
 *   db-again   the same command on the database db left: everything is in the store (opt-in)
 *
 * and measures wall time, MB/s of input (the file's bytes) and of text (the records' `text` fields),
 * documents/s (records in the file), the child's peak RSS (`/usr/bin/time -f %M` where present, else
 * VmHWM from /proc/<pid>/status polled every 20 ms) and, with a database, its size (with -wal and
 * -shm) over the text size. Prints a table; `--write` also writes bench/results/<date>-whole-process.json.
 * See bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { displayPath, repoRoot, today } from '../eval/paths.js';
import { fix, MB, parseFlags, table } from './format.js';

const USAGE = `usage: npm run bench -- whole-process FILE.jsonl [options]
  --modes LIST     comma-separated: no-store, db, db-again (default no-store,db)
  --repeat N       runs per mode; the table shows the fastest, the JSON all (default 1)
  --timeout S      time limit per run, seconds (default 1800)
  --cli PATH       the command to run (default bin/claimtrace.js; needs npm run build)
  --rss proc|time  how to read the peak RSS (default: time when /usr/bin/time exists, else proc)
  --keep-db        keep the database (its path is printed)
  --write          also write bench/results/<date>-whole-process.json
  --out DIR        results folder (default bench/results)
`;

type Mode = 'no-store' | 'db' | 'db-again';
const MODES: Mode[] = ['no-store', 'db', 'db-again'];
const TIME_BIN = '/usr/bin/time';

interface InputStats {
  file: string;
  bytes: number;
  records: number;
  textBytes: number;
  badLines: number;
}

/** Counts the records of a JSON Lines file and the UTF-8 bytes of their `text` fields. */
export async function inputStats(file: string): Promise<InputStats> {
  const stats: InputStats = { file, bytes: fs.statSync(file).size, records: 0, textBytes: 0, badLines: 0 };
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as { text?: unknown };
      stats.records++;
      if (typeof record.text === 'string') stats.textBytes += Buffer.byteLength(record.text, 'utf8');
    } catch {
      stats.badLines++;
    }
  }
  return stats;
}

interface RunResult {
  mode: Mode;
  status: 'ok' | 'error' | 'timeout';
  exitCode: number | null;
  wallSeconds: number;
  peakRssBytes: number | null;
  rssMethod: 'time' | 'proc';
  userSeconds: number | null;
  systemSeconds: number | null;
  dbBytes: number | null;
  stderrTail: string;
}

/** VmHWM (peak resident set) of a live process, in bytes; null when it cannot be read. */
export function readVmHwm(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

const dbSize = (db: string) => fileSize(db) + fileSize(`${db}-wal`) + fileSize(`${db}-shm`);

function runOnce(mode: Mode, cli: string, input: string, db: string, rss: 'time' | 'proc', timeoutS: number): Promise<RunResult> {
  const args = [cli, 'analyze', input, '--json', ...(mode === 'no-store' ? ['--no-store'] : ['--db', db])];
  const timeOut = path.join(os.tmpdir(), `claimtrace-bench-time-${process.pid}-${Date.now()}.txt`);
  const [command, argv] = rss === 'time' ? [TIME_BIN, ['-f', '%M %U %S', '-o', timeOut, process.execPath, ...args]] : [process.execPath, args];
  const devNull = fs.openSync('/dev/null', 'w');
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd: repoRoot, stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      stderr = (stderr + s).slice(-4000);
    });
    let peak: number | null = null;
    const poll = () => {
      if (rss !== 'proc' || child.pid === undefined) return;
      const v = readVmHwm(child.pid);
      if (v !== null && (peak === null || v > peak)) peak = v;
    };
    const timer = setInterval(poll, 20);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('exit', () => poll());
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      clearTimeout(killer);
      fs.closeSync(devNull);
      let user: number | null = null;
      let sys: number | null = null;
      if (rss === 'time') {
        try {
          // GNU time writes "Command exited with non-zero status N" first when the command failed.
          const last = fs.readFileSync(timeOut, 'utf8').trim().split('\n').pop() ?? '';
          const [maxKb, u, s] = last.split(/\s+/).map(Number);
          if (Number.isFinite(maxKb)) peak = maxKb! * 1024;
          if (Number.isFinite(u)) user = u!;
          if (Number.isFinite(s)) sys = s!;
        } catch {
          /* no report: killed */
        }
        fs.rmSync(timeOut, { force: true });
      }
      resolve({
        mode,
        status: timedOut ? 'timeout' : code === 0 ? 'ok' : 'error',
        exitCode: code,
        wallSeconds,
        peakRssBytes: peak,
        rssMethod: rss,
        userSeconds: user,
        systemSeconds: sys,
        dbBytes: mode === 'no-store' ? null : dbSize(db),
        stderrTail: stderr.trim().split('\n').slice(-5).join('\n'),
      });
    });
  });
}

function removeDb(db: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${db}${suffix}`, { force: true });
}

async function main(argv: string[]): Promise<void> {
  const fail = (message: string): never => {
    console.error(`whole-process: ${message}\n\n${USAGE}`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseFlags(argv, new Set(['--modes', '--repeat', '--timeout', '--cli', '--rss', '--out']));
  } catch (err) {
    return fail((err as Error).message);
  }
  const { flags, rest } = parsed;
  if (flags.has('--help')) {
    console.log(USAGE);
    return;
  }
  for (const f of flags.keys()) {
    if (!['--modes', '--repeat', '--timeout', '--cli', '--rss', '--out', '--keep-db', '--write'].includes(f)) fail(`unknown option ${f}`);
  }
  if (rest.length !== 1) fail('give one JSON Lines file (build one with: npm run bench -- corpus-jsonl --copies 4)');
  const input = path.resolve(rest[0]!);
  if (!fs.existsSync(input)) fail(`no such file: ${input}`);
  const modes = (flags.get('--modes') ?? 'no-store,db').split(',').filter(Boolean) as Mode[];
  for (const m of modes) if (!MODES.includes(m)) fail(`unknown mode ${m} (known: ${MODES.join(', ')})`);
  if (modes.includes('db-again') && !modes.includes('db')) fail('db-again needs db before it');
  const repeat = Number(flags.get('--repeat') ?? 1);
  const timeoutS = Number(flags.get('--timeout') ?? 1800);
  if (!Number.isInteger(repeat) || repeat < 1) fail('--repeat needs an integer >= 1');
  if (!(timeoutS > 0)) fail('--timeout needs a positive number');
  const cli = path.resolve(repoRoot, flags.get('--cli') ?? 'bin/claimtrace.js');
  if (!fs.existsSync(cli)) fail(`no such command: ${cli}`);
  if (!flags.has('--cli') && !fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) fail('dist/ is missing: run npm run build first');
  const hasTime = fs.existsSync(TIME_BIN);
  const rss = (flags.get('--rss') ?? (hasTime ? 'time' : 'proc')) as 'time' | 'proc';
  if (rss !== 'time' && rss !== 'proc') fail('--rss is proc or time');
  if (rss === 'time' && !hasTime) fail(`${TIME_BIN} is not installed; use --rss proc`);

  const stats = await inputStats(input);
  console.log(
    `input ${input}: ${fix(stats.bytes / MB)} MB, ${stats.records} records, texts ${fix(stats.textBytes / MB)} MB` +
      (stats.badLines ? `, ${stats.badLines} lines that are not JSON` : ''),
  );
  console.log(`command: node ${displayPath(cli)} analyze FILE --json (--no-store | --db DB) > /dev/null; ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`);

  const runs: RunResult[] = [];
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-bench-db-'));
  const db = path.join(dbDir, 'whole-process.sqlite');
  try {
    for (let r = 0; r < repeat; r++) {
      for (const mode of modes) {
        if (mode === 'db') removeDb(db);
        const result = await runOnce(mode, cli, input, db, rss, timeoutS);
        runs.push(result);
        console.log(
          `  ${mode}${repeat > 1 ? ` #${r + 1}` : ''}: ${result.status}, ${fix(result.wallSeconds, 1)} s` +
            (result.peakRssBytes !== null ? `, peak RSS ${fix(result.peakRssBytes / 2 ** 20, 0)} MiB` : '') +
            (result.status !== 'ok' && result.stderrTail ? `\n    ${result.stderrTail.split('\n').join('\n    ')}` : ''),
        );
      }
    }
  } finally {
    if (flags.has('--keep-db')) console.log(`\ndatabase kept: ${db}`);
    else fs.rmSync(dbDir, { recursive: true, force: true });
  }

  const best = modes.map((mode) => {
    const ok = runs.filter((r) => r.mode === mode && r.status === 'ok');
    return ok.length ? ok.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a)) : runs.find((r) => r.mode === mode)!;
  });
  const mib = (b: number | null) => (b === null ? '-' : fix(b / 2 ** 20, 0));
  console.log('');
  console.log(
    table(
      ['mode', 'status', 'wall s', 'cpu s', 'MB/s in', 'MB/s text', 'docs/s', 'peak RSS MiB', 'db MB', 'db/text'],
      best.map((r) => {
        const ok = r.status === 'ok';
        return [
          r.mode,
          r.status === 'error' ? `exit ${r.exitCode}` : r.status,
          fix(r.wallSeconds, 2),
          r.userSeconds !== null && r.systemSeconds !== null ? fix(r.userSeconds + r.systemSeconds, 2) : '-',
          ok ? fix(stats.bytes / MB / r.wallSeconds) : '-',
          ok ? fix(stats.textBytes / MB / r.wallSeconds) : '-',
          ok ? fix(stats.records / r.wallSeconds, 0) : '-',
          mib(r.peakRssBytes),
          r.dbBytes === null ? '-' : fix(r.dbBytes / MB),
          r.dbBytes === null || stats.textBytes === 0 ? '-' : fix(r.dbBytes / stats.textBytes),
        ];
      }),
    ),
  );
  console.log(`\npeak RSS from ${rss === 'time' ? `${TIME_BIN} (%M)` : '/proc/<pid>/status VmHWM, polled every 20 ms'}; wall time includes start-up and reading the input.`);

  if (flags.has('--write')) {
    const outDir = flags.has('--out') ? path.resolve(flags.get('--out')!) : path.join(repoRoot, 'bench', 'results');
    const result = {
      date: today(),
      kind: 'whole-process',
      environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: os.cpus()[0]?.model ?? null, logicalCpus: os.cpus().length },
      // The file name only: the corpus lives outside the repository, and its path says nothing about it.
      input: { name: path.basename(input), bytes: stats.bytes, records: stats.records, textBytes: stats.textBytes },
      options: { modes, repeat, timeoutS, rss },
      runs: runs.map((r) => ({
        ...r,
        mbPerSecondInput: r.status === 'ok' ? stats.bytes / MB / r.wallSeconds : null,
        mbPerSecondText: r.status === 'ok' ? stats.textBytes / MB / r.wallSeconds : null,
        docsPerSecond: r.status === 'ok' ? stats.records / r.wallSeconds : null,
        dbOverText: r.dbBytes === null || stats.textBytes === 0 ? null : r.dbBytes / stats.textBytes,
        stderrTail: r.status === 'ok' ? undefined : r.stderrTail,
      })),
    };
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${result.date}-whole-process.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${displayPath(file)}`);
  }
  if (runs.some((r) => r.status !== 'ok')) process.exitCode = 1;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
