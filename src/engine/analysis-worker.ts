/**
 * The thread behind the per-document time budget (`timed-runner.ts`): it builds its pipeline once,
 * then analyses each document it is sent and sends the result back. Before each analysis starts it
 * writes which one into a slot of memory shared with the main thread (`RUNNING_SLOTS`), so that the
 * main thread, when the budget runs out, knows which analysis to stop; a message per analysis (twelve
 * a document) cost about 0.5-0.9 CPU s per 1,000 articles and woke the main thread each time. Analyses
 * named in `stop` are not run: they fail with the budget's message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis } from '../core/analysis.js';
import { createDocument, type Document } from '../core/document.js';
import type { Finding } from '../core/finding.js';
import { runAnalyses, type AnalysesResult, type StoredRun } from '../core/run-analyses.js';
import { contextFor } from './analyze-text.js';
import type { Pipeline } from './pipeline.js';
import { isContractKind, toAnalysisJson } from './to-analysis-json.js';
import { prepareSave, type PreparedSave } from '../store/prepare-save.js';
import { buildSave, byAnalysis, persistedRan } from './stored-analysis.js';
import type { SaveRequest, StoredFindings } from './timed-runner.js';
import { findingsOfStoredSet } from '../store/store-common.js';

export interface AnalysisRequest {
  id: number;
  document: Document;
  options: Record<string, unknown>;
  /** Stored runs to reuse instead of running, by analysis id. */
  reuse: Record<string, StoredRun>;
  /** Analyses stopped on an earlier attempt, with the message their failure gives. */
  stop: string[];
  stopMessage: string;
  /** With a store: prepare the document's save here and send it with the result. */
  save?: SaveRequest;
  /** Findings of reused runs to decode here, into those runs of `reuse` (timed-runner.ts). */
  stored?: StoredFindings;
}

export type AnalysisReply =
  /** `analyses`: the pipeline's analysis ids, in order; the running slot holds an index into them. */
  | { kind: 'ready'; analyses: string[] }
  | { kind: 'load-failed'; message: string }
  | { kind: 'done'; id: number; result: AnalysesResult; json: string; save?: PreparedSave | null }
  | { kind: 'error'; id: number; message: string };

/**
 * What the worker shares with the main thread: an `Int32Array` over a `SharedArrayBuffer` of
 * `RUNNING_SLOTS` slots, handed over in the worker's data as `running`. Slot `REQUEST` holds the id
 * of the request being analysed, slot `ANALYSIS` the index (from 1; 0: none yet) of the analysis that
 * request is running. The worker writes both with `Atomics.store`; the main thread reads them when a
 * document's budget runs out (`runningAnalysis`).
 */
export const RUNNING_SLOTS = 2;
const REQUEST = 0;
const ANALYSIS = 1;

/** The id of the request the worker is on, or last was on (0: none yet). */
export function runningRequest(slots: Int32Array): number {
  return Atomics.load(slots, REQUEST);
}

/**
 * The analysis that request `id` is running, read from the shared slots, or undefined when the worker
 * has not started it (or has moved on to another request). `ids`: the worker's analysis ids.
 */
export function runningAnalysis(slots: Int32Array, id: number, ids: readonly string[]): string | undefined {
  const request = Atomics.load(slots, REQUEST);
  const index = Atomics.load(slots, ANALYSIS);
  // The request slot is read again: the worker writes it after clearing the analysis slot, so both
  // reads agreeing means the index belongs to this request.
  if (request !== id || Atomics.load(slots, REQUEST) !== id || index === 0) return undefined;
  return ids[index - 1];
}

/**
 * Serves analysis requests on this worker thread with the pipeline `build` makes from the spec's
 * argument. Called by a worker entry module (`pipeline-worker.ts` for the default pipeline), which
 * imports its pipeline statically.
 */
export async function serveAnalyses(build: (argument: unknown) => Pipeline | Promise<Pipeline>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveAnalyses must run on a worker thread');
  const send = (reply: AnalysisReply): void => port.postMessage(reply);
  const data = workerData as { argument?: unknown; running?: SharedArrayBuffer } | null;
  // Without shared slots (a caller of its own), nothing is recorded: a stopped worker's culprit is unknown.
  const slots = new Int32Array(data?.running ?? new SharedArrayBuffer(RUNNING_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  let pipeline: Pipeline;
  try {
    pipeline = await build(data?.argument);
    send({ kind: 'ready', analyses: pipeline.analyses.map((analysis) => analysis.id) });
  } catch (error) {
    send({ kind: 'load-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }

  const unpersisted = new Set(pipeline.analyses.filter((analysis) => analysis.persist === false).map((analysis) => analysis.id));
  // The analyses as this thread runs them, built once: each records itself in the shared slot before it
  // runs, and fails at once when the current request stops it. Built per document, they gave every
  // document new objects of new hidden classes, so the property reads in runAnalyses never settled.
  let current: AnalysisRequest | null = null;
  const analyses: Analysis[] = pipeline.analyses.map((analysis, index) => ({
    ...analysis,
    run: (doc, inputs, context) => {
      if (current!.stop.includes(analysis.id)) throw new Error(current!.stopMessage);
      Atomics.store(slots, ANALYSIS, index + 1);
      return analysis.run(doc, inputs, context);
    },
  }));
  port.on('message', (request: AnalysisRequest) => {
    current = request;
    Atomics.store(slots, ANALYSIS, 0);
    Atomics.store(slots, REQUEST, request.id);
    try {
      const document = createDocument(request.document);
      if (request.stored) fillReused(request.reuse, request.stored);
      const result = runAnalyses(document, analyses, contextFor(document, pipeline, request.options), {
        reuse: (analysis) => request.reuse[analysis.id] ?? null,
        clock: () => performance.now(),
      });
      const json = JSON.stringify(toAnalysisJson(document, result));
      const save = request.save ? saveOf(document, result, pipeline, request.save) : undefined;
      // The findings cross only when the main thread still needs them: to build a save that could
      // not be prepared here.
      const findingsNeeded = request.save !== undefined && save === undefined;
      send({ kind: 'done', id: request.id, result: replyOf(result, unpersisted, findingsNeeded), json, ...(save !== undefined ? { save } : {}) });
    } catch (error) {
      send({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
}

/**
 * Puts the stored findings into the reused runs they belong to, as `analyzeAgainstStore` does when
 * it decodes them itself: every reused run named gets its findings in saved order, none when it has
 * none stored.
 */
function fillReused(reuse: Record<string, StoredRun>, stored: StoredFindings): void {
  const grouped = byAnalysis(findingsOfStoredSet(stored.set, stored.analyses));
  for (const id of stored.analyses) {
    const run = reuse[id];
    if (run) reuse[id] = { findings: grouped.get(id) ?? [], diagnostics: run.diagnostics };
  }
}

/**
 * The document's save, prepared (checked and encoded) on this thread: the main thread then passes on
 * bytes and strings to the store's writer instead of copying every finding across threads a second
 * time. Null when nothing is to be saved; undefined when it cannot be prepared (a value the store
 * refuses): the main thread then builds the save itself and the store reports the fault as usual.
 */
function saveOf(document: Document, result: AnalysesResult, pipeline: Pipeline, request: SaveRequest): PreparedSave | null | undefined {
  if (request.unlessCached && !persistedRan(pipeline, result)) return null;
  try {
    const save = buildSave(document, result, pipeline, new Map(Object.entries(request.keys)), new Map(Object.entries(request.reused)), '');
    return prepareSave(save, 0);
  } catch {
    return undefined;
  }
}

/**
 * The result as sent back: what the main thread reads of it. The document's contract JSON travels as
 * text (`json`), made here, so the findings themselves are sent only when `findingsNeeded` (a save
 * to build on the main thread); copying them across threads as objects cost more than the
 * serialising they spared (docs/performance.md, "Fourth round"). Even then, the findings of an
 * analysis that is not persisted (tokens, sentences, entity mentions) are left out: they are neither
 * saved nor shown, except those of a contract kind.
 */
function replyOf(result: AnalysesResult, unpersisted: ReadonlySet<string>, findingsNeeded: boolean): AnalysesResult {
  if (!findingsNeeded) return { findings: {}, diagnostics: result.diagnostics, runs: result.runs };
  if (unpersisted.size === 0) return result;
  const findings: Record<string, readonly Finding[]> = {};
  for (const [id, list] of Object.entries(result.findings)) {
    findings[id] = unpersisted.has(id) ? list.filter((finding) => isContractKind(finding.kind) || finding.kind === 'framing-profile') : list;
  }
  return { ...result, findings };
}
