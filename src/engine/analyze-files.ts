/**
 * The batch behind `claimtrace analyze`: reads every input as a stream, analyses each document
 * (reusing every stored analysis whose cache key still matches), saves documents many to a
 * transaction, and yields one result per document or per problem once its save is committed. A
 * failing input, document or save becomes a `failed` result for that one item and the batch goes
 * on; nothing here throws for bad input, and nothing already stored is lost.
 */
import type { AnalysisJson, DiagnosticJson } from '../api/analysis-json.js';
import type { Document } from '../core/document.js';
import type { SaveInput, Store } from '../store/store.js';
import { contextFor, runPipeline } from './analyze-text.js';
import { toAnalysisJson } from './to-analysis-json.js';
import { withAnalysis, withAnalysisFrom } from './lazy-analysis.js';
import { countInputs } from './count-inputs.js';
import { loadDefaultPipeline, type Pipeline } from './pipeline.js';
import { readInputs, type ReadOutcome } from './read-inputs.js';
import { analyzeAgainstStore, UnsavedSaves } from './stored-analysis.js';
import { DEPTH, TimedRunner, type PipelineRunner, type RunnerResult } from './timed-runner.js';
import { AnalysisPool } from './analysis-pool.js';

export type InputResult =
  | {
      kind: 'analysed';
      analysis: AnalysisJson;
      /**
       * `analysis` as one line of JSON, exactly `JSON.stringify(analysis)`, when it was serialised on
       * an analysis thread: printing it spares serialising it again on the main thread.
       */
      json?: string;
      source: string;
      cached: boolean;
      ran: string[];
      /** Error diagnostics in `analysis`, when known without reading it (a copied analysis has none). */
      errorCount?: number;
    }
  | { kind: 'failed'; source: string; diagnostic: DiagnosticJson }
  | { kind: 'skipped'; source: string; reason: string };

export interface AnalyzeProgress {
  /** Results produced so far (documents, failures and skipped files). */
  done: number;
  /** Expected number of results, or null when it cannot be known cheaply (stdin). */
  total: number | null;
  /** The source of the result just finished. */
  source: string;
}

export interface AnalyzeInputsOptions {
  /** `YYYY-MM-DD` (or an ISO timestamp, cut to its date); wins over every date found in the inputs. */
  publishedAt?: string | null;
  /** Where results are looked up and saved; null analyses without storing anything. */
  store: Store | null;
  /** Read for the input `-`; defaults to `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /** The clock for `analysedAt`; the engine reads no other wall clock. */
  now?: () => string;
  /** Called after each result. When given, the inputs are counted first (see `countInputs`). */
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Analyses and resources to use; the registry with the bundled lexicons by default. */
  pipeline?: Pipeline;
  /** Documents per write transaction (default 50). */
  batchSize?: number;
  /** Longest a result waits for its batch to be written, in milliseconds (default 1000). */
  flushMs?: number;
  /**
   * Longest the analyses of one document may run, in milliseconds; an analysis still running then is
   * stopped with an error diagnostic (see timed-runner.ts). Null or absent: no limit, and documents
   * are analysed on this thread.
   */
  timeBudgetMs?: number | null;
  /**
   * Documents analysed at once, each on a worker thread of a pool (default 1: one at a time, on a
   * worker thread only when there is a time budget). Results, the store and the output do not depend
   * on it. A pipeline that a worker thread cannot build (no spec) is analysed one at a time.
   */
  jobs?: number;
  /** Longest text analysed as one document, in UTF-16 units (default `MAX_DOCUMENT_CHARS`). */
  maxDocumentChars?: number;
  /**
   * False when the caller reads no result's `analysis` (only counts and failures, `analyze --quiet`):
   * a document whose stored analyses are all copied from a stored copy of its text is then saved
   * without being sent to an analysis thread or decoded. Default true.
   */
  analysisNeeded?: boolean;
}

/**
 * 8 Mi characters, about 1,500 times a long news article: a text longer than this is not an article
 * (a whole archive on one line, a log file) and is refused with its size rather than analysed for
 * minutes into gigabytes of records that SQLite then cannot store in one value.
 */
export const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_FLUSH_MS = 1000;

interface Pending {
  result: InputResult;
  save: SaveInput | null;
}

export async function* analyzeInputs(inputs: string[], options: AnalyzeInputsOptions): AsyncGenerator<InputResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const pipeline = options.pipeline ?? loadDefaultPipeline();
  const store = options.store;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const total = options.onProgress ? await countInputs(inputs) : null;
  let done = 0;
  const readOptions = {
    publishedAt: options.publishedAt ?? null,
    ...(options.stdin ? { stdin: options.stdin } : {}),
  };

  // One batch is collected while the one before it is written: with a store that writes on another
  // thread (openStore's backgroundWrites) writing overlaps with analysing. A batch's results are
  // yielded once it is committed, so a result on stdout means the document is stored.
  let pending: Pending[] = [];
  let pendingSince = 0;
  let pendingSaves = 0;
  // Saves not yet committed: a later document with the same id or text reuses them from memory
  // instead of waiting for the write.
  const unsaved = new UnsavedSaves();
  let inFlight: { batch: Pending[]; written: Promise<void> } | null = null;
  const settle = async (): Promise<InputResult[]> => {
    if (!inFlight) return [];
    const { batch, written } = inFlight;
    await written;
    inFlight = null;
    for (const item of batch) if (item.save) unsaved.settle(item.save);
    return batch.map((item) => item.result);
  };
  const dispatch = async (): Promise<InputResult[]> => {
    const done = await settle();
    const batch = pending;
    inFlight = { batch, written: store ? writeBatch(store, batch) : Promise.resolve() };
    pending = [];
    pendingSaves = 0;
    return done;
  };

  // With more than one job, documents are analysed on a pool of worker threads, several at a time;
  // their results are still taken (stored, yielded, counted) in input order, so the store and the
  // output are the same for every N. A document waits for any earlier one with the same id or the
  // same text still being analysed, so it finds that one's results exactly as it would one by one.
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const pool = jobs > 1 && pipeline.spec ? new AnalysisPool(pipeline, jobs, options.timeBudgetMs ?? null) : null;
  const timed = !pool && options.timeBudgetMs ? new TimedRunner(pipeline, options.timeBudgetMs) : null;
  const runner = pool?.run ?? timed?.run ?? null;
  // Documents in flight: with analysis threads, each thread has the next document waiting while it
  // analyses one (DEPTH, decision 0083), so it never sleeps between documents, and reading, parsing
  // and writing on this thread overlap the analyses.
  const windowSize = pool ? jobs * DEPTH : timed ? DEPTH : 1;
  const started: Array<Promise<Pending>> = [];
  const analysing = new Map<string, Promise<void>>();

  const start = (outcome: ReadOutcome): Promise<Pending> => {
    if (outcome.kind === 'failure') return Promise.resolve({ result: { kind: 'failed', source: outcome.source, diagnostic: outcome.diagnostic }, save: null });
    if (outcome.kind === 'skipped') return Promise.resolve({ result: { kind: 'skipped', source: outcome.source, reason: outcome.reason }, save: null });
    const document = outcome.document;
    const limit = options.maxDocumentChars ?? MAX_DOCUMENT_CHARS;
    if (document.text.length > limit) {
      const source = document.source ?? document.id;
      return Promise.resolve({
        result: failure(
          source,
          'engine',
          `${source}: the text is ${document.text.length.toLocaleString('en')} characters long, over the ${limit.toLocaleString('en')} ` +
            'one document may have; split it into articles (a JSON Lines file with one article per line is read line by line)',
        ),
        save: null,
      });
    }
    const keys = [`id:${document.id}`, `text:${document.contentHash}`];
    const earlier = keys.map((key) => analysing.get(key)).filter((wait): wait is Promise<void> => wait !== undefined);
    const item = (async (): Promise<Pending> => {
      if (earlier.length > 0) await Promise.all(earlier);
      const item = await analyzeOne(document, store, pipeline, now, unsaved, runner, options.analysisNeeded ?? true);
      // What the reader assumed (an encoding) is shown with the document's diagnostics; it is not stored.
      if (outcome.warnings && item.result.kind === 'analysed') {
        const { json: _text, ...analysed } = item.result;
        item.result = { ...analysed, analysis: { ...analysed.analysis, diagnostics: [...outcome.warnings, ...analysed.analysis.diagnostics] } };
      }
      if (item.save) unsaved.add(item.save);
      return item;
    })();
    const finished = item.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) analysing.set(key, finished);
    void finished.then(() => {
      for (const key of keys) if (analysing.get(key) === finished) analysing.delete(key);
    });
    return item;
  };

  const take = async (item: Pending): Promise<InputResult[]> => {
    if (pending.length === 0) pendingSince = Date.now();
    pending.push(item);
    if (item.save) pendingSaves++;
    done++;
    options.onProgress?.({ done, total, source: item.result.source });
    // Failures and skipped files wait with the documents so that results keep their order; they are
    // bounded too, so a directory of unreadable files does not pile up.
    if (pendingSaves >= batchSize || pending.length >= batchSize * 4 || Date.now() - pendingSince >= flushMs) return dispatch();
    return [];
  };

  try {
    for await (const outcome of readInputs(inputs, readOptions)) {
      started.push(start(outcome));
      while (started.length >= windowSize) yield* await take(await started.shift()!);
    }
    while (started.length > 0) yield* await take(await started.shift()!);
    if (pending.length > 0) yield* await dispatch();
    yield* await settle();
  } finally {
    await pool?.close();
    await timed?.close();
  }
}

async function analyzeOne(
  document: Document,
  store: Store | null,
  pipeline: Pipeline,
  now: () => string,
  unsaved: UnsavedSaves,
  runner: PipelineRunner | null,
  analysisNeeded: boolean,
): Promise<Pending> {
  const source = document.source ?? document.id;
  if (!store) {
    try {
      const result: RunnerResult = runner ? await runner(document, {}, new Map()) : runPipeline(document, pipeline, contextFor(document, pipeline));
      const ran = Object.keys(result.runs);
      const json = result.json;
      if (json !== undefined) return { result: withAnalysisFrom({ kind: 'analysed' as const, json, source, cached: false, ran }, json), save: null };
      return { result: { kind: 'analysed', analysis: toAnalysisJson(document, result), source, cached: false, ran }, save: null };
    } catch (error) {
      // runAnalyses turns a throwing analysis into a diagnostic; this is a bug elsewhere.
      return { result: failure(source, 'engine', `${source}: analysis failed (${messageOf(error)})`), save: null };
    }
  }
  try {
    // readInputs has already applied the caller's publication date to the document.
    const outcome = await analyzeAgainstStore(document, store, pipeline, contextFor(document, pipeline), now, {
      unsaved,
      analysisNeeded,
      ...(runner ? { runner } : {}),
    });
    // `analysis` is read from the outcome when first read: it may be parsed from `json` only then.
    const result = withAnalysis(
      {
        kind: 'analysed' as const,
        ...(outcome.json !== undefined ? { json: outcome.json } : {}),
        source,
        cached: outcome.cached,
        ran: outcome.ran,
        ...(outcome.errorCount !== undefined ? { errorCount: outcome.errorCount } : {}),
      },
      () => outcome.analysis,
    );
    return { result, save: outcome.save };
  } catch (error) {
    return { result: failure(source, 'engine', `${source}: analysis failed (${messageOf(error)})`), save: null };
  }
}

/**
 * Writes a batch in one transaction. When that fails, each document is written alone, so one bad
 * document fails by itself and the others are stored; a document whose own write fails becomes a
 * `failed` result, and what was stored before for it stays as it was.
 */
async function writeBatch(store: Store, batch: Pending[]): Promise<void> {
  const saves = batch.filter((item) => item.save !== null);
  if (saves.length === 0) return;
  try {
    await store.saveBatch(saves.map((item) => item.save!));
    return;
  } catch {
    // Fall through: find the document that failed.
  }
  for (const item of saves) {
    try {
      await store.saveBatch([item.save!]);
    } catch (error) {
      const source = item.result.source;
      item.result = failure(source, 'store', `${source}: could not save the analysis (${messageOf(error)})`);
    }
  }
}

function failure(source: string, analysis: string, message: string): InputResult {
  return { kind: 'failed', source, diagnostic: { severity: 'error', message, span: null, analysis } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { countInputs };
