/**
 * The worker pool behind `analyze --jobs N`: N analysis worker threads (each a `TimedRunner`, so
 * each keeps the per-document time budget), each given up to `DEPTH` documents at a time (the next one
 * waits on the worker while it analyses one). A document goes to the worker with the fewest, or waits
 * for one; workers start on first use, so a run of one document starts one thread. The
 * caller keeps the order of results (analyze-files.ts): the pool only decides which thread runs what,
 * and every thread builds the same pipeline from the same spec, so what a document gets does not
 * depend on the thread or on N.
 */
import { availableParallelism } from 'node:os';
import type { Document } from '../core/document.js';
import type { StoredRun } from '../core/run-analyses.js';
import type { Pipeline } from './pipeline.js';
import { DEPTH, TimedRunner, type PipelineRunner, type RunnerResult, type SaveRequest, type StoredFindings } from './timed-runner.js';

/** The default of `--jobs`: one worker per core the process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private readonly waiting: Array<(runner: TimedRunner) => void> = [];
  private readonly runners: TimedRunner[];
  /** Documents handed to each runner and not yet back, by runner. */
  private readonly load: Map<TimedRunner, number>;
  private closed = false;

  /** `budgetMs` null: no time limit per document. Throws when the pipeline has no worker spec. */
  constructor(pipeline: Pipeline, size: number, budgetMs: number | null) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a worker pool needs at least one worker, got ${size}`);
    this.runners = Array.from({ length: size }, () => new TimedRunner(pipeline, budgetMs));
    this.load = new Map(this.runners.map((runner) => [runner, 0]));
  }

  get size(): number {
    return this.runners.length;
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
    const runner = await this.acquire();
    try {
      return await runner.analyse(document, options, reuse, save, stored);
    } finally {
      this.release(runner);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.runners.map((runner) => runner.close()));
  }

  private acquire(): Promise<TimedRunner> {
    if (this.closed) return Promise.reject(new Error('the analysis worker pool is closed'));
    const runner = this.leastLoaded();
    if (runner) {
      this.load.set(runner, this.load.get(runner)! + 1);
      return Promise.resolve(runner);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * The runner with the fewest documents, below `DEPTH` (a runner queues the next document on its
   * worker while it analyses one, timed-runner.ts); on a tie the first, so workers that have started
   * are used before a new one is started only when they are idle.
   */
  private leastLoaded(): TimedRunner | undefined {
    let best: TimedRunner | undefined;
    for (const runner of this.runners) {
      const load = this.load.get(runner)!;
      if (load < DEPTH && (best === undefined || load < this.load.get(best)!)) best = runner;
    }
    return best;
  }

  private release(runner: TimedRunner): void {
    const next = this.waiting.shift();
    if (next) next(runner);
    else this.load.set(runner, this.load.get(runner)! - 1);
  }
}
