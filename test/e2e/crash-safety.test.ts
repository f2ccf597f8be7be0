// Nothing stored is lost: `claimtrace analyze` killed with SIGKILL mid-batch (a smaller run of the
// kill test; `npm run kill-test` runs it over 1,000 documents), and two `analyze` processes writing
// to one database while others read it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { crashTest, writeArticles } from '../helpers/crash-test.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');
let work: string;

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'dist/ is missing: run `npm run build` (npm test does it)');
  work = mkdtempSync(join(tmpdir(), 'claimtrace-crash-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CLAIMTRACE_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('crash safety', () => {
  it('kill -9 mid-batch: what was printed is stored, the file is sound, the rerun finishes from the cache', async () => {
    // 400 documents and a kill after 20 printed: the rest cannot be stored before the kill lands, however
    // fast the machine (with 60, a fast run had stored them all).
    const report = await crashTest(join(work, 'kill'), 400, 20);
    assert.equal(report.printedButMissing, 0);
    assert.equal(report.integrityAfterKill, 'ok');
    assert.ok(report.printedBeforeKill >= 20);
    assert.ok(report.storedAfterKill < 400, `the kill came too late to test anything (${report.storedAfterKill} stored)`);
    assert.equal(report.rerunExitCode, 0, report.rerunSummary);
    assert.ok(report.rerunFromCache >= report.storedAfterKill, report.rerunSummary);
    assert.equal(report.storedAfterRerun, 400);
    assert.equal(report.integrityAfterRerun, 'ok');
  });
});

describe('concurrency', () => {
  it('two analyze processes on one database, with readers, give no error and lose no write', async () => {
    const db = join(work, 'shared.sqlite');
    writeArticles(join(work, 'one'), 40);
    writeArticles(join(work, 'two'), 40);
    const writers = [run(['analyze', join(work, 'one')], db), run(['analyze', join(work, 'two'), join(work, 'one', 'article-00001.txt')], db)];
    let writing = true;
    const readers = [0, 1].map(async () => {
      let reads = 0;
      while (writing) {
        const listed = await run(['list', '--json'], db);
        assert.equal(listed.code, 0, listed.stderr);
        JSON.parse(listed.stdout);
        reads++;
      }
      return reads;
    });
    const results = await Promise.all(writers);
    writing = false;
    const reads = await Promise.all(readers);
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.ok(reads.every((n) => n >= 1));
    // 40 + 40 distinct files (the repeated one is the same document): every one stored once.
    const handle = new Database(db, { readonly: true });
    try {
      assert.equal((handle.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, 80);
      assert.equal((handle.pragma('integrity_check') as Array<{ integrity_check: string }>)[0]!.integrity_check, 'ok');
    } finally {
      handle.close();
    }
  });

  it('claimtrace serve answers while claimtrace analyze writes to the same store, and sees every write', async () => {
    const db = join(work, 'served.sqlite');
    writeArticles(join(work, 'first'), 5);
    writeArticles(join(work, 'later'), 30);
    assert.equal((await run(['analyze', join(work, 'first')], db)).code, 0);
    const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 60_000);
        server.stdout.on('data', () => {
          const match = /claimtrace UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const writer = run(['analyze', join(work, 'later')], db);
      let writing = true;
      let answered = 0;
      const reader = (async () => {
        while (writing) {
          for (const route of ['api/health', 'api/documents?limit=50']) {
            const response = await fetch(`${url}${route}`);
            assert.equal(response.status, 200, route);
            await response.json();
            answered++;
          }
        }
      })();
      const written = await writer;
      writing = false;
      await reader;
      assert.equal(written.code, 0, written.stderr);
      assert.ok(answered >= 2, 'the server answered while the writer ran');
      const health = (await (await fetch(`${url}api/health`)).json()) as { documents: number };
      assert.equal(health.documents, 35, 'the server sees every document the other process wrote');
    } finally {
      server.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
