/**
 * `claimtrace enqueue`, `claimtrace worker` and `claimtrace jobs`: analysis spread over worker
 * processes through a Redis queue (engine/job-queue.ts), all writing to one store.
 */
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_QUEUE,
  DEFAULT_REDIS_URL,
  enqueueInputs,
  loadDefaultPipeline,
  normalisePublishedAt,
  queueReport,
  retryFailedJobs,
  startWorker,
  type Store,
} from '../../engine/index.js';
import { chooseAliasTable } from '../../engine/load-aliases.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { oneLine, plural } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type CliIo, type Command, type OptionSpec } from '../options.js';
import { JOBS_OPTION, jobsOption, TIME_BUDGET_OPTION, timeBudgetMs } from './analyze.js';

const REDIS_OPTION: OptionSpec = {
  name: 'redis',
  type: 'string',
  valueName: 'url',
  describe: `Redis server holding the queue (default: $CLAIMTRACE_REDIS, else ${DEFAULT_REDIS_URL}).`,
};

const QUEUE_OPTION: OptionSpec = {
  name: 'queue',
  type: 'string',
  valueName: 'name',
  describe: `Name of the queue (default ${DEFAULT_QUEUE}); workers take jobs only from the queue they are given.`,
};

function redisUrl(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option !== undefined && option !== '') return option;
  return env.CLAIMTRACE_REDIS || DEFAULT_REDIS_URL;
}

function queueName(option: string | undefined): string {
  return option === undefined || option === '' ? DEFAULT_QUEUE : option;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const enqueueCommand: Command = {
  name: 'enqueue',
  describe: 'Read articles and add one analysis job per document to the Redis queue that `claimtrace worker` processes take jobs from.',
  usage: 'claimtrace enqueue <input...> [--published-at <date>] [--redis <url>] [--queue <name>] [--attempts <n>]',
  arguments: [
    { name: '<input...>', describe: 'Files, directories or - for standard input, read as `analyze` reads them.', required: true, variadic: true },
  ],
  options: [
    { name: 'published-at', type: 'string', valueName: 'date', describe: 'Publication date (YYYY-MM-DD) for every input.' },
    REDIS_OPTION,
    QUEUE_OPTION,
    {
      name: 'attempts',
      type: 'string',
      valueName: 'n',
      describe: `Times a job is tried before it is left in the failed list (default ${DEFAULT_ATTEMPTS}); retries wait 2 s, then 4 s, 8 s, ...`,
    },
  ],
  notes: [
    'Each job carries the document read here (text, title, date, source); the workers need no access to the files. ' +
      'Inputs that cannot be read are reported on stderr and the others are enqueued; the exit code is then 1.',
  ],
  examples: ['claimtrace enqueue articles/ --redis redis://queue.example:6379', 'claimtrace enqueue feed.jsonl --published-at 2024-03-04'],

  async run(args, io) {
    const publishedAtOption = stringOption(args, 'published-at');
    let publishedAt: string | null = null;
    if (publishedAtOption !== undefined) {
      publishedAt = normalisePublishedAt(publishedAtOption);
      if (publishedAt === null) return usageError(io, 'enqueue', `--published-at ${JSON.stringify(publishedAtOption)} is not a date (expected YYYY-MM-DD)`);
    }
    const attemptsOption = stringOption(args, 'attempts');
    const attempts = attemptsOption === undefined ? DEFAULT_ATTEMPTS : Number(attemptsOption);
    if (!Number.isInteger(attempts) || attempts < 1) return usageError(io, 'enqueue', `--attempts ${JSON.stringify(attemptsOption)} is not a whole number of 1 or more`);
    const url = redisUrl(stringOption(args, 'redis'), io.env);
    try {
      const { added, problems } = await enqueueInputs(args.positionals, {
        redisUrl: url,
        queue: queueName(stringOption(args, 'queue')),
        publishedAt,
        attempts,
        stdin: io.stdin,
        onProblem: (source, message) => io.stderr.write(`claimtrace: ${oneLine(source)}: ${oneLine(message)}\n`),
      });
      io.stderr.write(`enqueued ${plural(added, 'document')}${problems > 0 ? `, ${problems} could not be read` : ''}\n`);
      return problems > 0 ? EXIT_FAILURE : EXIT_OK;
    } catch (error) {
      io.stderr.write(`claimtrace enqueue: cannot reach the queue at ${url}: ${messageOf(error)}\n`);
      return EXIT_FAILURE;
    }
  },
};

export const workerCommand: Command = {
  name: 'worker',
  describe: 'Take analysis jobs from the Redis queue and store the results; run one per machine (or several) against one database.',
  usage: 'claimtrace worker [--db <path|url>] [--redis <url>] [--queue <name>] [--jobs <n>] [--time-budget <seconds>] [--lock-duration <seconds>] [--exit-when-drained]',
  arguments: [],
  options: [
    DB_OPTION,
    REDIS_OPTION,
    QUEUE_OPTION,
    JOBS_OPTION,
    TIME_BUDGET_OPTION,
    {
      name: 'lock-duration',
      type: 'string',
      valueName: 'seconds',
      describe: 'How long a job stays locked to this worker without a sign of life (default 30); the job of a worker that died runs again after about this long.',
    },
    { name: 'exit-when-drained', type: 'boolean', describe: 'Stop once no job is waiting, delayed or running (for batch runs); otherwise run until SIGINT or SIGTERM.' },
  ],
  notes: [
    'Prints one line per job (started, finished, failed). A document is saved by its id, replacing what was stored ' +
      'under it, so a job run twice stores its document once. Failed jobs are retried with backoff; see `claimtrace jobs`.',
    'For several machines use one PostgreSQL database (--db postgres://user@host/db) and one Redis; see docs/scale-out.md.',
  ],
  examples: ['claimtrace worker --db postgres://claimtrace@db.example/claimtrace --redis redis://queue.example:6379', 'claimtrace worker --exit-when-drained'],

  async run(args, io) {
    const jobs = jobsOption(stringOption(args, 'jobs'));
    if (typeof jobs === 'string') return usageError(io, 'worker', jobs);
    const budget = timeBudgetMs(stringOption(args, 'time-budget'));
    if (typeof budget === 'string') return usageError(io, 'worker', budget);
    const lockOption = stringOption(args, 'lock-duration');
    const lockSeconds = lockOption === undefined ? 30 : Number(lockOption);
    if (!Number.isFinite(lockSeconds) || lockSeconds < 1) return usageError(io, 'worker', `--lock-duration ${JSON.stringify(lockOption)} is not a number of seconds of 1 or more`);
    const url = redisUrl(stringOption(args, 'redis'), io.env);
    const queue = queueName(stringOption(args, 'queue'));
    const store: Store | null = openStoreOrReport(resolveDbPath(stringOption(args, 'db'), io.env), io);
    if (!store) return EXIT_FAILURE;
    try {
      // The alias table kept in the database, as `analyze` on it would use.
      const pipeline = (await chooseAliasTable(store, undefined)).pipeline ?? loadDefaultPipeline();
      const worker = await startWorker({
        redisUrl: url,
        queue,
        store,
        pipeline,
        jobs,
        timeBudgetMs: budget,
        lockMs: Math.round(lockSeconds * 1000),
        onJob: (event) => io.stdout.write(`${event.kind} ${event.jobId} ${event.documentId} (${oneLine(event.detail)})\n`),
      });
      io.stderr.write(`claimtrace worker: taking jobs from ${queue} with ${plural(jobs, 'analysis thread')}\n`);
      const stop = (): void => void worker.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (flag(args, 'exit-when-drained')) void closeWhenDrained(url, queue, worker);
      await worker.closed;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      return EXIT_OK;
    } catch (error) {
      io.stderr.write(`claimtrace worker: ${messageOf(error)}\n`);
      return EXIT_FAILURE;
    } finally {
      await store.close();
    }
  },
};

/** Closes the worker after two checks in a row, a second apart, find nothing waiting, delayed or running. */
async function closeWhenDrained(url: string, queue: string, worker: { close(): Promise<void> }): Promise<void> {
  let idle = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { counts } = await queueReport({ redisUrl: url, queue, limit: 0 });
    idle = counts.waiting + counts.active + counts.delayed === 0 ? idle + 1 : 0;
    if (idle >= 2) return worker.close();
  }
}

export const jobsCommand: Command = {
  name: 'jobs',
  describe: 'Show the Redis queue: jobs waiting, running, delayed for a retry, done and failed, with why each failed job failed.',
  usage: 'claimtrace jobs [--redis <url>] [--queue <name>] [--json] [--retry-failed]',
  arguments: [],
  options: [
    REDIS_OPTION,
    QUEUE_OPTION,
    { name: 'json', type: 'boolean', describe: 'Print the counts and the failed jobs as one JSON object.' },
    { name: 'retry-failed', type: 'boolean', describe: 'Put every failed job back in the queue.' },
  ],
  notes: ['Completed jobs are counted; Redis keeps the last 1,000 of them (the results are in the database). Failed jobs stay until retried.'],
  examples: ['claimtrace jobs', 'claimtrace jobs --retry-failed'],

  async run(args, io) {
    const url = redisUrl(stringOption(args, 'redis'), io.env);
    const queue = queueName(stringOption(args, 'queue'));
    try {
      if (flag(args, 'retry-failed')) {
        const retried = await retryFailedJobs({ redisUrl: url, queue });
        io.stderr.write(`put ${plural(retried, 'failed job')} back in the queue\n`);
      }
      const report = await queueReport({ redisUrl: url, queue });
      if (flag(args, 'json')) {
        io.stdout.write(`${JSON.stringify(report)}\n`);
        return EXIT_OK;
      }
      printReport(io, queue, report);
      return EXIT_OK;
    } catch (error) {
      io.stderr.write(`claimtrace jobs: cannot reach the queue at ${url}: ${messageOf(error)}\n`);
      return EXIT_FAILURE;
    }
  },
};

function printReport(io: CliIo, queue: string, report: Awaited<ReturnType<typeof queueReport>>): void {
  const { counts } = report;
  io.stdout.write(
    `${queue}: ${counts.waiting} waiting, ${counts.active} running, ${counts.delayed} waiting to retry, ${counts.completed} done, ${counts.failed} failed\n`,
  );
  for (const job of report.failed) {
    io.stdout.write(`  failed ${job.jobId} ${job.documentId}${job.source ? ` (${oneLine(job.source)})` : ''} after ${plural(job.attempts, 'attempt')}: ${oneLine(job.reason)}\n`);
  }
}
