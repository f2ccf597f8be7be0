/**
 * The `kill -9` test: `claimtrace analyze` (the built binary) over many documents is killed with
 * SIGKILL once some results are out, then run again. What must hold: every document whose result was
 * printed before the kill is stored (a result is printed only after its batch is committed); the
 * database passes `PRAGMA integrity_check`; the rerun takes what was committed from the cache, finishes
 * the rest, and stores every document exactly once. Used by test/e2e/crash-safety.test.ts (a small
 * run) and `npm run kill-test` (1,000 documents).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');

export interface CrashReport {
  documents: number;
  /** Results printed before the kill. */
  printedBeforeKill: number;
  /** Documents in the database right after the kill. */
  storedAfterKill: number;
  integrityAfterKill: string;
  /** Of the printed results, how many were missing from the database (must be 0). */
  printedButMissing: number;
  rerunExitCode: number | null;
  rerunSummary: string;
  /** Documents the rerun took from the cache (at least what was stored). */
  rerunFromCache: number;
  storedAfterRerun: number;
  integrityAfterRerun: string;
}

/** `count` distinct articles: the bundled ones, each made distinct by a numbered dateline. */
export function writeArticles(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const seeds = readdirSync(join(root, 'test', 'corpus'))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(root, 'test', 'corpus', name), 'utf8'));
  for (const line of readFileSync(join(root, 'demo', 'wikinews-sample.jsonl'), 'utf8').trim().split('\n')) {
    seeds.push((JSON.parse(line) as { text: string }).text);
  }
  for (let i = 0; i < count; i++) {
    const text = `DESK ${i + 1} — ${seeds[i % seeds.length]!}`;
    writeFileSync(join(dir, `article-${String(i + 1).padStart(5, '0')}.txt`), text);
  }
}

function inspect(db: string): { ids: Set<string>; integrity: string } {
  const handle = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const ids = new Set((handle.prepare('SELECT id FROM documents').all() as Array<{ id: string }>).map((row) => row.id));
    const integrity = (handle.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
    return { ids, integrity };
  } finally {
    handle.close();
  }
}

/** Runs the test in `workDir` (made if missing): `documents` articles, SIGKILL after `killAfter` results. */
export async function crashTest(workDir: string, documents: number, killAfter: number): Promise<CrashReport> {
  const articles = join(workDir, 'articles');
  const db = join(workDir, 'crash.sqlite');
  writeArticles(articles, documents);
  const env = { ...process.env, CLAIMTRACE_DB: db };
  const child = spawn(process.execPath, [bin, 'analyze', articles, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const printed: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        printed.push((JSON.parse(buffered.slice(0, newline)) as { document: { id: string } }).document.id);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
      if (printed.length >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.resume();
  });
  const afterKill = inspect(db);
  const printedButMissing = printed.filter((id) => !afterKill.ids.has(id)).length;
  const rerun = spawnSync(process.execPath, [bin, 'analyze', articles], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const summary = rerun.stderr.trim().split('\n').pop() ?? '';
  const fromCache = Number(/\((\d+) from cache\)/.exec(summary)?.[1] ?? NaN);
  const afterRerun = inspect(db);
  return {
    documents,
    printedBeforeKill: printed.length,
    storedAfterKill: afterKill.ids.size,
    integrityAfterKill: afterKill.integrity,
    printedButMissing,
    rerunExitCode: rerun.status,
    rerunSummary: summary,
    rerunFromCache: fromCache,
    storedAfterRerun: afterRerun.ids.size,
    integrityAfterRerun: afterRerun.integrity,
  };
}
