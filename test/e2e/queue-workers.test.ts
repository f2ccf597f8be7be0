// Scale-out end to end, on the built binary: 200 documents enqueued in Redis, two `claimtrace worker`
// processes writing to one PostgreSQL database, one of them killed with SIGKILL while it holds a job
// (frozen first, so that it cannot finish the job in between). Every document must be stored exactly
// once, the killed worker's job must be finished by the other, and a job that cannot succeed must be
// retried and then shown as failed with its reason.
// Needs CLAIMTRACE_TEST_POSTGRES_URL and CLAIMTRACE_TEST_REDIS_URL (.ci/run starts both servers).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pg from 'pg';
import { writeArticles } from '../helpers/crash-test.js';
import { postgresTestUrl, redisTestUrl, skipMessage } from '../helpers/servers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');
const postgresUrl = postgresTestUrl();
const redisUrl = redisTestUrl();
const DOCUMENTS = 200;

interface Running {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function start(args: string[], onLine: (line: string) => void = () => undefined): Running {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      onLine(line);
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) lines.push(`stderr: ${stderr}`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const running = start(args);
  const code = await running.exited;
  return { code, stdout: running.lines.join('\n') };
}

/** Job ids of the `started` lines of a worker not followed by a `finished` or `failed` line. */
function unfinished(lines: readonly string[]): string[] {
  const open = new Set<string>();
  for (const line of lines) {
    const [kind, jobId] = line.split(' ');
    if (kind === 'started') open.add(jobId!);
    else if (kind === 'finished' || kind === 'failed') open.delete(jobId!);
  }
  return [...open];
}

if (postgresUrl === null || redisUrl === null) {
  describe('workers on Redis and PostgreSQL', () => {
    it('process a queue with one worker killed', { skip: skipMessage(postgresUrl === null ? 'CLAIMTRACE_TEST_POSTGRES_URL' : 'CLAIMTRACE_TEST_REDIS_URL') }, () => undefined);
  });
} else {
  const name = `ct_e2e_${process.pid}`;
  const databaseUrl = (() => {
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  let work: string;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'dist/ is missing: run `npm run build` (npm test does it)');
    work = mkdtempSync(join(tmpdir(), 'claimtrace-queue-'));
    await admin(`CREATE DATABASE ${name}`);
  });
  after(async () => {
    rmSync(work, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const queue = new Queue(name, { connection: { url: redisUrl } });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  describe('workers on Redis and PostgreSQL', () => {
    it('store each of 200 documents exactly once with one of two workers killed midway, and show a failed job with its reason', async () => {
      writeArticles(join(work, 'in'), DOCUMENTS);
      const queueArgs = ['--redis', redisUrl, '--queue', name];
      const enqueued = await run(['enqueue', join(work, 'in'), ...queueArgs]);
      assert.equal(enqueued.code, 0, enqueued.stdout);
      // A job no worker can do (no text): tried twice with backoff, then left in the failed list.
      const queue = new Queue(name, { connection: { url: redisUrl } });
      await queue.add('analyze', { id: 'broken' }, { attempts: 2, backoff: { type: 'exponential', delay: 300 }, removeOnFail: false });

      const workerArgs = ['worker', '--db', databaseUrl, ...queueArgs, '--jobs', '1', '--lock-duration', '2', '--exit-when-drained'];
      let killedWith: string[] | null = null;
      let stopping = false;
      // When a `started` line arrives the first worker is frozen (SIGSTOP), so that it cannot finish the
      // job while the test decides; once the lines already sent are read, it is killed if it holds a job it
      // has not reported finished, and let go on to try again with a later job otherwise.
      const first: Running = start(workerArgs, (line) => {
        const finished = first.lines.filter((l) => l.startsWith('finished ')).length;
        if (killedWith !== null || stopping || finished < 20 || !line.startsWith('started ')) return;
        stopping = true;
        first.child.kill('SIGSTOP');
        setTimeout(() => {
          const open = unfinished(first.lines);
          if (open.length > 0) {
            killedWith = open;
            first.child.kill('SIGKILL');
          } else {
            stopping = false;
            first.child.kill('SIGCONT');
          }
        }, 300);
      });
      const second = start(workerArgs);
      assert.equal(await first.exited, null, 'the first worker was killed');
      assert.ok(killedWith !== null && (killedWith as string[]).length > 0, `the first worker was killed with a job in hand: ${first.lines.slice(-3).join(' | ')}`);
      assert.equal(await second.exited, 0, second.lines.slice(-5).join('\n'));

      // Each document stored exactly once.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ documents: number; distinct_ids: number; without_records: number }>(
          `SELECT count(*)::int AS documents, count(DISTINCT id)::int AS distinct_ids,
                  (SELECT count(*)::int FROM documents d WHERE NOT EXISTS (SELECT 1 FROM record_sets r WHERE r.doc = d.doc)) AS without_records
           FROM documents`,
        );
        assert.deepEqual(rows[0], { documents: DOCUMENTS, distinct_ids: DOCUMENTS, without_records: 0 });
      } finally {
        await client.end();
      }

      // The killed worker's job was done by the other one.
      const secondPid = String(second.child.pid);
      for (const jobId of killedWith as unknown as string[]) {
        const job = await queue.getJob(jobId);
        assert.ok(job, `job ${jobId} is kept`);
        assert.ok(await job.isCompleted(), `job ${jobId} completed`);
        assert.equal(String(job.returnvalue.worker).split(':').pop(), secondPid, `job ${jobId} was finished by the second worker`);
      }
      await queue.close();

      const report = await run(['jobs', ...queueArgs, '--json']);
      const parsed = JSON.parse(report.stdout) as { counts: Record<string, number>; failed: Array<{ documentId: string; attempts: number; reason: string }> };
      assert.deepEqual(parsed.counts, { waiting: 0, active: 0, delayed: 0, completed: DOCUMENTS, failed: 1 });
      assert.equal(parsed.failed.length, 1);
      assert.equal(parsed.failed[0]!.documentId, 'broken');
      assert.equal(parsed.failed[0]!.attempts, 2);
      assert.ok(parsed.failed[0]!.reason.length > 0);
    });
  });
}
