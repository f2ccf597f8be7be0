/**
 * Scale-out over BullMQ and Redis (`claimtrace enqueue`, `claimtrace worker`, `claimtrace jobs`):
 * one queue of documents, any number of worker processes on any number of machines, one store
 * (PostgreSQL) they all write to.
 *
 * - A job carries one document (its text and facts, as read by `enqueue`).
 * - A worker analyses it against the store exactly as `analyze` does (stored analyses whose cache key
 *   still matches are reused) on a pool of analysis threads, and writes it in one transaction.
 *   Writes are idempotent: a document is saved by its id and replaces what was stored under it, so a
 *   job run twice (retried, or taken over from a worker that died after writing) stores it once.
 * - A job that fails is retried with exponential backoff; after its last attempt it stays in the
 *   failed list with its reason (`claimtrace jobs`), from which it can be retried.
 * - A worker that dies holds its jobs' locks until they expire; another worker's stalled-job check
 *   then puts them back in the queue and they run again.
 */
import { hostname } from 'node:os';
import { pid } from 'node:process';
import type { ConnectionOptions, Job } from 'bullmq';
import type { Document, DocumentFormat } from '../core/document.js';
import { createDocument } from '../core/document.js';
import type { Store } from '../store/store.js';
import { contextFor } from './analyze-text.js';
import { AnalysisPool } from './analysis-pool.js';
import { MAX_DOCUMENT_CHARS } from './analyze-files.js';
import type { Pipeline } from './pipeline.js';
import { readInputs } from './read-inputs.js';
import { analyzeAgainstStore } from './stored-analysis.js';

/**
 * BullMQ (and ioredis under it) is loaded by the queue commands only: importing it costs about 0.4 CPU
 * seconds, which every other command (`analyze` among them) would pay at start-up through the engine's
 * entry module (docs/performance.md).
 */
async function bullmq(): Promise<typeof import('bullmq')> {
  return import('bullmq');
}

export const DEFAULT_QUEUE = 'claimtrace-analyze';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Attempts per job before it is left in the failed list. */
export const DEFAULT_ATTEMPTS = 3;
/** First retry after this many milliseconds, then twice as long each time. */
export const DEFAULT_BACKOFF_MS = 2000;
/** Completed jobs kept in Redis (the store has the results); older ones are removed, so Redis stays small. */
const KEEP_COMPLETED = 1000;
/** Jobs added to Redis per round trip by `enqueue`. */
const ADD_BATCH = 200;

/** What a job carries: a document as read, without anything derived from it elsewhere. */
export interface DocumentJobData {
  id: string;
  text: string;
  contentHash: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  format: DocumentFormat;
  source: string | null;
}

/** What a finished job returns (kept with the completed job). */
export interface DocumentJobResult {
  documentId: string;
  cached: boolean;
  ran: string[];
  errors: number;
  stored: boolean;
  /** The worker that did it: host name and process id. */
  worker: string;
}

export function redisConnection(url: string): ConnectionOptions {
  // Workers block on Redis; they must wait for it, not give up after a number of retries.
  return { url, maxRetriesPerRequest: null };
}

export interface EnqueueOptions {
  redisUrl: string;
  queue?: string;
  publishedAt?: string | null;
  attempts?: number;
  backoffMs?: number;
  stdin?: NodeJS.ReadableStream;
  /** Called for an input that cannot be read or is too long; the others are still enqueued. */
  onProblem?: (source: string, message: string) => void;
}

/** Reads the inputs as `analyze` does and adds one job per document; returns how many were added. */
export async function enqueueInputs(inputs: string[], options: EnqueueOptions): Promise<{ added: number; problems: number }> {
  const { Queue } = await bullmq();
  const queue = new Queue<DocumentJobData, DocumentJobResult>(options.queue ?? DEFAULT_QUEUE, { connection: redisConnection(options.redisUrl) });
  const jobOptions = {
    attempts: options.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
    removeOnComplete: { count: KEEP_COMPLETED },
    removeOnFail: false,
  };
  let added = 0;
  let problems = 0;
  let batch: Array<{ name: string; data: DocumentJobData; opts: typeof jobOptions }> = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await queue.addBulk(batch);
    added += batch.length;
    batch = [];
  };
  try {
    const readOptions = { publishedAt: options.publishedAt ?? null, ...(options.stdin ? { stdin: options.stdin } : {}) };
    for await (const outcome of readInputs(inputs, readOptions)) {
      if (outcome.kind === 'failure') {
        problems++;
        options.onProblem?.(outcome.source, outcome.diagnostic.message);
        continue;
      }
      if (outcome.kind === 'skipped') continue;
      const document = outcome.document;
      if (document.text.length > MAX_DOCUMENT_CHARS) {
        problems++;
        options.onProblem?.(document.source ?? document.id, `the text is ${document.text.length.toLocaleString('en')} characters long, over the ${MAX_DOCUMENT_CHARS.toLocaleString('en')} one document may have`);
        continue;
      }
      batch.push({ name: 'analyze', data: jobDataOf(document), opts: jobOptions });
      if (batch.length >= ADD_BATCH) await flush();
    }
    await flush();
  } finally {
    await queue.close();
  }
  return { added, problems };
}

function jobDataOf(document: Document): DocumentJobData {
  return {
    id: document.id,
    text: document.text,
    contentHash: document.contentHash,
    title: document.title,
    url: document.url,
    publishedAt: document.publishedAt,
    format: document.format,
    source: document.source,
  };
}

export interface WorkerOptions {
  redisUrl: string;
  store: Store;
  pipeline: Pipeline;
  queue?: string;
  /** Documents analysed at once, each on an analysis thread (default 1). */
  jobs?: number;
  /** Longest one document's analyses may run, in milliseconds; null: no limit. */
  timeBudgetMs: number | null;
  /** How long a job's lock lasts without renewal: a dead worker's job runs again after about this long (default 30 s). */
  lockMs?: number;
  now?: () => string;
  onJob?: (event: { kind: 'started' | 'finished' | 'failed'; jobId: string; documentId: string; detail: string }) => void;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, and closes the threads (not the store). */
  close(): Promise<void>;
  /** Resolves when the worker stops (after `close`, or when its connection fails for good). */
  closed: Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { Worker } = await bullmq();
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const pool = new AnalysisPool(options.pipeline, jobs, options.timeBudgetMs);
  const now = options.now ?? (() => new Date().toISOString());
  const lockMs = options.lockMs ?? 30_000;
  const identity = `${hostname()}:${pid}`;
  const processJob = async (job: Job<DocumentJobData, DocumentJobResult>): Promise<DocumentJobResult> => {
    const document = createDocument(job.data);
    options.onJob?.({ kind: 'started', jobId: job.id ?? '', documentId: document.id, detail: `attempt ${job.attemptsMade + 1}` });
    const outcome = await analyzeAgainstStore(document, options.store, options.pipeline, contextFor(document, options.pipeline), now, { runner: pool.run });
    if (outcome.save) await options.store.saveBatch([outcome.save]);
    const errors = outcome.analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    return { documentId: document.id, cached: outcome.cached, ran: outcome.ran, errors, stored: outcome.save !== null, worker: identity };
  };
  const worker = new Worker<DocumentJobData, DocumentJobResult>(options.queue ?? DEFAULT_QUEUE, processJob, {
    connection: redisConnection(options.redisUrl),
    concurrency: jobs,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.round(lockMs / 2)),
    // A job whose worker died is taken over; one that kills every worker that takes it fails after two.
    maxStalledCount: 2,
  });
  worker.on('completed', (job, result) =>
    options.onJob?.({ kind: 'finished', jobId: job.id ?? '', documentId: result.documentId, detail: result.cached ? 'from cache' : `ran ${result.ran.length}` }),
  );
  worker.on('failed', (job, error) =>
    options.onJob?.({ kind: 'failed', jobId: job?.id ?? '', documentId: job?.data.id ?? '', detail: `attempt ${job?.attemptsMade ?? '?'}: ${error.message}` }),
  );
  // Connection errors are retried by the client; they must not end the process.
  worker.on('error', () => undefined);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  worker.on('closed', () => resolveClosed());
  await worker.waitUntilReady();
  let closing: Promise<void> | null = null;
  return {
    close: () => {
      closing ??= (async () => {
        await worker.close();
        await pool.close();
        resolveClosed();
      })();
      return closing;
    },
    closed,
  };
}

export interface QueueReport {
  counts: Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', number>;
  failed: Array<{ jobId: string; documentId: string; source: string | null; attempts: number; reason: string; failedAt: string | null }>;
}

/** The queue's counts and its failed jobs (at most `limit`, newest first). */
export async function queueReport(options: { redisUrl: string; queue?: string; limit?: number }): Promise<QueueReport> {
  const { Queue } = await bullmq();
  const queue = new Queue<DocumentJobData, DocumentJobResult>(options.queue ?? DEFAULT_QUEUE, { connection: redisConnection(options.redisUrl) });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const failedJobs = await queue.getFailed(0, Math.max(0, (options.limit ?? 50) - 1));
    return {
      counts: {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
      },
      failed: failedJobs.map((job) => ({
        jobId: job.id ?? '',
        documentId: job.data.id,
        source: job.data.source,
        attempts: job.attemptsMade,
        reason: job.failedReason ?? '',
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
    };
  } finally {
    await queue.close();
  }
}

/** Puts every failed job back in the queue; returns how many. */
export async function retryFailedJobs(options: { redisUrl: string; queue?: string }): Promise<number> {
  const { Queue } = await bullmq();
  const queue = new Queue<DocumentJobData, DocumentJobResult>(options.queue ?? DEFAULT_QUEUE, { connection: redisConnection(options.redisUrl) });
  try {
    const failed = await queue.getJobCountByTypes('failed');
    await queue.retryJobs({ state: 'failed', count: 1000 });
    return failed;
  } finally {
    await queue.close();
  }
}
