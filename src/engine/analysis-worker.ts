/**
 * The thread behind the per-document time budget (`timed-runner.ts`): it builds its pipeline once,
 * then analyses each document it is sent and sends the result back. Before each
 * analysis starts it says which one, so that the main thread, when the budget runs out, knows which
 * analysis to stop. Analyses named in `stop` are not run: they fail with the budget's message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis } from '../core/analysis.js';
import { createDocument, type Document } from '../core/document.js';
import type { Finding } from '../core/finding.js';
import { runAnalyses, type AnalysesResult, type StoredRun } from '../core/run-analyses.js';
import { contextFor } from './analyze-text.js';
import type { Pipeline } from './pipeline.js';
import { isContractKind } from './to-analysis-json.js';
import { prepareSave, type PreparedSave } from '../store/prepare-save.js';
import { buildSave, persistedRan } from './stored-analysis.js';
import type { SaveRequest } from './timed-runner.js';

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
}

export type AnalysisReply =
  | { kind: 'ready' }
  | { kind: 'load-failed'; message: string }
  | { kind: 'running'; id: number; analysis: string }
  | { kind: 'done'; id: number; result: AnalysesResult; save?: PreparedSave | null }
  | { kind: 'error'; id: number; message: string };

/**
 * Serves analysis requests on this worker thread with the pipeline `build` makes from the spec's
 * argument. Called by a worker entry module (`pipeline-worker.ts` for the default pipeline), which
 * imports its pipeline statically.
 */
export async function serveAnalyses(build: (argument: unknown) => Pipeline | Promise<Pipeline>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveAnalyses must run on a worker thread');
  const send = (reply: AnalysisReply): void => port.postMessage(reply);
  let pipeline: Pipeline;
  try {
    pipeline = await build((workerData as { argument?: unknown } | null)?.argument);
    send({ kind: 'ready' });
  } catch (error) {
    send({ kind: 'load-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }

  const unpersisted = new Set(pipeline.analyses.filter((analysis) => analysis.persist === false).map((analysis) => analysis.id));
  port.on('message', (request: AnalysisRequest) => {
    try {
      const document = createDocument(request.document);
      const analyses: Analysis[] = pipeline.analyses.map((analysis) => ({
        ...analysis,
        run: request.stop.includes(analysis.id)
          ? () => {
              throw new Error(request.stopMessage);
            }
          : (doc, inputs, context) => {
              send({ kind: 'running', id: request.id, analysis: analysis.id });
              return analysis.run(doc, inputs, context);
            },
      }));
      const result = runAnalyses(document, analyses, contextFor(document, pipeline, request.options), {
        reuse: (analysis) => request.reuse[analysis.id] ?? null,
        clock: () => performance.now(),
      });
      const save = request.save ? saveOf(document, result, pipeline, request.save) : undefined;
      send({ kind: 'done', id: request.id, result: replyOf(result, unpersisted), ...(save !== undefined ? { save } : {}) });
    } catch (error) {
      send({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
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
 * The result as sent back: what the main thread reads of it. The findings of an analysis that is
 * not persisted (tokens, sentences, entity mentions) are neither saved nor shown, except those of a
 * contract kind (`toAnalysisJson`), and copying them across threads cost about a fifth of the
 * analysis time on BBC articles; they are left out.
 */
function replyOf(result: AnalysesResult, unpersisted: ReadonlySet<string>): AnalysesResult {
  if (unpersisted.size === 0) return result;
  const findings: Record<string, readonly Finding[]> = {};
  for (const [id, list] of Object.entries(result.findings)) {
    findings[id] = unpersisted.has(id) ? list.filter((finding) => isContractKind(finding.kind) || finding.kind === 'framing-profile') : list;
  }
  return { ...result, findings };
}
