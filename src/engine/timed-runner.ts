/**
 * The per-document time budget. Analyses are synchronous code, so one that loops or backtracks for
 * minutes cannot be interrupted on the thread that runs it: documents are analysed on a worker
 * thread (`analysis-worker.ts`), and when one takes longer than the budget the worker is terminated.
 * The analysis that was running is then stopped: the document is analysed again on a new worker with
 * that analysis failing at once ("stopped: ... time budget"), so it gets an error diagnostic, the
 * analyses that need it are skipped, and every other analysis still runs. Each attempt has the whole
 * budget; a document takes at most (stopped analyses + 1) budgets. Its stored runs keep the failure,
 * so `analyze --retry-failed` runs the stopped analysis again later.
 *
 * A runner takes up to `DEPTH` documents at once (decision 0083): the worker analyses them in the order
 * they were sent, so the next one is already waiting on the worker when it finishes one, and the
 * worker does not go to sleep between documents only to be woken by the next request (each wake-up of
 * a sleeping thread cost 0.4-1.4 ms of CPU on the machine measured, per document). A document's budget
 * starts when it is the oldest unanswered one, i.e. when the worker reaches it. When the worker is
 * stopped, the documents still waiting on it are sent again to the next worker.
 */
import { Worker } from 'node:worker_threads';
import type { Document } from '../core/document.js';
import type { AnalysesResult, StoredRun } from '../core/run-analyses.js';
import type { PreparedSave } from '../store/prepare-save.js';
import type { RunRecord, StoredSetBytes } from '../store/store.js';
import { RUNNING_SLOTS, runningAnalysis, runningRequest, type AnalysisReply, type AnalysisRequest } from './analysis-worker.js';
import type { Pipeline, PipelineSpec } from './pipeline.js';

/**
 * What a runner on another thread needs to prepare the document's save there (`analyzeAgainstStore`
 * with a store), so that the findings cross to the writer as bytes rather than as objects.
 */
export interface SaveRequest {
  /** Each analysis's cache key, by analysis id. */
  keys: Record<string, string>;
  /** The stored runs reused, by analysis id. */
  reused: Record<string, RunRecord>;
  /** Nothing to save when no stored analysis ran: the stored copy is already this document. */
  unlessCached: boolean;
}

/**
 * A runner's result. `save`: the prepared save (its `analysedAt` left for the caller to set), null
 * when there is nothing to save; absent when the runner did not prepare one (the caller builds it).
 * `json`: the document's contract JSON, `JSON.stringify(toAnalysisJson(document, result))`, made on
 * the runner's thread. When it is given, `findings` is empty unless the caller must build the save
 * (a save was asked for and `save` is absent): the findings reach the caller as that text only.
 */
export interface RunnerResult extends AnalysesResult {
  save?: PreparedSave | null;
  json?: string;
}

/**
 * Reused findings still as the store keeps them: the runner's thread decodes them
 * (`findingsOfStoredSet`) into the `findings` of the reused runs named in `analyses`, whose entries in
 * `reuse` then come with no findings of their own. Decoding them there spares the thread that reads
 * the store both the decoding and the copy of every finding across threads (decision 0100).
 */
export interface StoredFindings {
  set: StoredSetBytes;
  analyses: string[];
}

/** Runs the pipeline on a document; what `analyzeAgainstStore` and `analyzeInputs` call when given. */
export type PipelineRunner = (
  document: Document,
  options: Record<string, unknown>,
  reuse: ReadonlyMap<string, StoredRun>,
  save?: SaveRequest,
  stored?: StoredFindings,
) => Promise<RunnerResult>;

export class TimeBudgetError extends Error {}

/** Documents one runner takes at once (sent to its worker before the one ahead of them is done). */
export const DEPTH = 2;

/** How a request sent to a worker ends: its reply, its budget run out, or sent again to a new worker. */
type Outcome = AnalysisReply | 'timeout' | 'resend';

interface InFlight {
  settle: (outcome: Outcome) => void;
  /** The budget's timer, set once the request is the oldest unanswered one. */
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The worker of a spec. From the TypeScript sources (tests, tsx) the entry is started by a bootstrap
 * that registers tsx in the new thread first, since Node 20 does not carry a loader registered with
 * `--import` into worker threads.
 */
function startWorker(spec: PipelineSpec, running: SharedArrayBuffer): Worker {
  const workerData = { argument: spec.argument, running };
  if (!spec.worker.endsWith('.ts')) return new Worker(new URL(spec.worker), { workerData });
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(spec.worker)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

interface Live {
  worker: Worker;
  ready: Promise<void>;
  /** Shared with the worker: the request it is analysing and the analysis it is running (analysis-worker.ts). */
  slots: Int32Array;
  /** The worker's analysis ids, in order, from its ready message. */
  analyses: string[];
  /** The requests sent and not yet answered, oldest first (the order the worker takes them in). */
  inFlight: Map<number, InFlight>;
  dead: Error | null;
}

export class TimedRunner {
  private live: Live | null = null;
  private nextId = 1;
  private closed = false;
  private readonly spec: PipelineSpec;

  /** `budgetMs` null: no limit (the worker pool of `--jobs` without a budget). */
  constructor(pipeline: Pipeline, private readonly budgetMs: number | null) {
    if (!pipeline.spec) throw new TimeBudgetError('a time budget needs a pipeline that a worker thread can build (one with a spec)');
    if (budgetMs !== null && !(budgetMs > 0)) throw new TimeBudgetError(`the time budget must be positive, got ${budgetMs}`);
    this.spec = pipeline.spec;
  }

  /** The runner function to hand to the engine. */
  get run(): PipelineRunner {
    return (document, options, reuse, save, stored) => this.analyse(document, options, reuse, save, stored);
  }

  async analyse(
    document: Document,
    options: Record<string, unknown>,
    reuse: ReadonlyMap<string, StoredRun>,
    save?: SaveRequest,
    stored?: StoredFindings,
  ): Promise<RunnerResult> {
    const stop: string[] = [];
    const budgetMs = this.budgetMs;
    const stopMessage = `stopped: it ran longer than the time budget of ${formatSeconds(budgetMs ?? 0)} per document`;
    for (;;) {
      if (this.closed) throw new Error('the analysis runner is closed');
      const live = this.start();
      await live.ready;
      const id = this.nextId++;
      const request: AnalysisRequest = {
        id,
        document,
        options,
        reuse: Object.fromEntries(reuse),
        stop,
        stopMessage,
        ...(save ? { save } : {}),
        ...(stored ? { stored: { set: { data: ownBytes(stored.set.data), textZ: ownBytes(stored.set.textZ) }, analyses: stored.analyses } } : {}),
      };
      const outcome = await new Promise<Outcome>((settle) => {
        live.inFlight.set(id, { settle });
        live.worker.postMessage(request);
        this.startBudget(live);
      });
      if (outcome === 'resend') continue;
      if (outcome !== 'timeout') {
        if (outcome.kind === 'done') {
          const { findings, diagnostics, runs } = outcome.result;
          return { findings, diagnostics, runs, json: outcome.json, ...(outcome.save !== undefined ? { save: outcome.save } : {}) };
        }
        if (outcome.kind === 'error') throw new Error(outcome.message);
        throw new Error(`unexpected reply from the analysis worker: ${outcome.kind}`);
      }
      const culprit = runningAnalysis(live.slots, id, live.analyses);
      await this.kill();
      if (culprit === undefined || stop.includes(culprit)) {
        throw new TimeBudgetError(`the analysis took longer than the time budget of ${formatSeconds(budgetMs ?? 0)} per document and was stopped`);
      }
      stop.push(culprit);
    }
  }

  /** Starts the budget of the oldest unanswered request, the one the worker is on (once). */
  private startBudget(live: Live): void {
    if (this.budgetMs === null || live.dead) return;
    const first = live.inFlight.entries().next();
    if (first.done) return;
    const [id, request] = first.value;
    request.timer ??= setTimeout(() => this.finish(live, id, 'timeout'), this.budgetMs);
  }

  /** Ends a request with its outcome; after a reply the next request's budget starts. */
  private finish(live: Live, id: number, outcome: Outcome): void {
    const request = live.inFlight.get(id);
    if (!request) return;
    live.inFlight.delete(id);
    clearTimeout(request.timer);
    request.settle(outcome);
    if (outcome !== 'timeout') this.startBudget(live);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.kill();
  }

  private start(): Live {
    if (this.live && !this.live.dead) return this.live;
    const running = new SharedArrayBuffer(RUNNING_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const worker = startWorker(this.spec, running);
    let ready!: () => void;
    let failed!: (error: Error) => void;
    const live: Live = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        ready = resolve;
        failed = reject;
      }),
      slots: new Int32Array(running),
      analyses: [],
      inFlight: new Map(),
      dead: null,
    };
    // Whoever is waiting learns of a worker that died (an out-of-memory crash, a throw while loading).
    // A worker that dies after it was ready fails the request it was on (or the oldest) only: the
    // others waiting on it go to the next worker, so one document that crashes its worker does not
    // fail the documents sent with it.
    let started = false;
    const die = (error: Error): void => {
      if (live.dead) return;
      live.dead = error;
      failed(error);
      const ids = [...live.inFlight.keys()];
      const on = runningRequest(live.slots);
      const culprit = ids.includes(on) ? on : ids[0];
      for (const id of ids) {
        this.finish(live, id, !started || id === culprit ? { kind: 'error', id, message: error.message } : 'resend');
      }
    };
    worker.on('message', (reply: AnalysisReply) => {
      if (reply.kind === 'ready') {
        live.analyses = reply.analyses;
        started = true;
        ready();
      } else if (reply.kind === 'load-failed') die(new Error(`the analysis worker could not build the pipeline: ${reply.message}`));
      else this.finish(live, reply.id, reply);
    });
    worker.on('error', (error) => die(error));
    worker.on('exit', (code) => die(new Error(`the analysis worker stopped (exit code ${code})`)));
    // The ready promise may be rejected with nobody waiting yet.
    live.ready.catch(() => undefined);
    this.live = live;
    return live;
  }

  private async kill(): Promise<void> {
    const live = this.live;
    this.live = null;
    if (!live) return;
    live.dead ??= new Error('stopped');
    // The requests still waiting on this worker go to the next one; after close they fail.
    for (const [id, request] of [...live.inFlight]) {
      live.inFlight.delete(id);
      clearTimeout(request.timer);
      request.settle(this.closed ? { kind: 'error', id, message: 'the analysis runner is closed' } : 'resend');
    }
    await live.worker.terminate();
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * The bytes in an `ArrayBuffer` of their own: a message copies a typed array's whole buffer, and a
 * `Buffer` may be a view into a larger one (Node's pool).
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
