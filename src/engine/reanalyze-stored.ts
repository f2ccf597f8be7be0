/**
 * Analysing again what is already stored, from the stored text: `claimtrace analyze --retry-failed`
 * (the documents whose last run had errors, every analysis whose stored run is not a clean match run
 * again) and `claimtrace reanalyze --only <analysis>` (one analysis over every stored document, after
 * a lexicon or model change, the others' stored results kept as they are).
 */
import type { DiagnosticJson } from '../api/analysis-json.js';
import { createDocument, type Document } from '../core/document.js';
import type { SaveInput, Store } from '../store/store.js';
import { contextFor } from './analyze-text.js';
import type { AnalyzeProgress, InputResult } from './analyze-files.js';
import { loadDefaultPipeline, type Pipeline } from './pipeline.js';
import { analyzeAgainstStore } from './stored-analysis.js';
import { TimedRunner } from './timed-runner.js';

export interface ReanalyzeOptions {
  /** `failed`: only documents with error diagnostics; `all`: every stored document. */
  select: 'failed' | 'all';
  /** Re-run this analysis only, keeping every other stored run. */
  only?: string;
  pipeline?: Pipeline;
  now?: () => string;
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Documents per write transaction (default 50). */
  batchSize?: number;
  /** Per-document time budget in milliseconds, as for `analyzeInputs`. */
  timeBudgetMs?: number | null;
}

export class ReanalyzeError extends Error {}

/** The analyses `--only` may name: those whose results are stored. */
export function storedAnalysisIds(pipeline: Pipeline = loadDefaultPipeline()): string[] {
  return pipeline.analyses.filter((analysis) => analysis.persist !== false).map((analysis) => analysis.id);
}

/**
 * Analyses stored documents again and saves them, yielding one result per document once its save is
 * committed. Throws `ReanalyzeError` before any work when `only` names no stored analysis.
 */
export async function* reanalyzeStored(store: Store, options: ReanalyzeOptions): AsyncGenerator<InputResult> {
  const pipeline = options.pipeline ?? loadDefaultPipeline();
  const now = options.now ?? (() => new Date().toISOString());
  if (options.only !== undefined && !storedAnalysisIds(pipeline).includes(options.only)) {
    throw new ReanalyzeError(`"${options.only}" is not an analysis whose results are stored; choose one of ${storedAnalysisIds(pipeline).join(', ')}`);
  }
  // The ids first: documents are replaced while the list is walked.
  const ids: string[] = [];
  for await (const summary of store.iterateDocuments()) {
    if (options.select === 'all' || summary.errorCount > 0) ids.push(summary.id);
  }
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const timed = options.timeBudgetMs ? new TimedRunner(pipeline, options.timeBudgetMs) : null;
  try {
    yield* reanalyzeIds(store, ids, pipeline, now, options, batchSize, timed);
  } finally {
    await timed?.close();
  }
}

async function* reanalyzeIds(
  store: Store,
  ids: readonly string[],
  pipeline: Pipeline,
  now: () => string,
  options: ReanalyzeOptions,
  batchSize: number,
  timed: TimedRunner | null,
): AsyncGenerator<InputResult> {
  let pending: Array<{ result: InputResult; save: SaveInput | null }> = [];
  let done = 0;
  const flush = async (): Promise<InputResult[]> => {
    const batch = pending;
    pending = [];
    const saves = batch.filter((item) => item.save !== null);
    if (saves.length > 0) {
      try {
        await store.saveBatch(saves.map((item) => item.save!));
      } catch {
        for (const item of saves) {
          try {
            await store.saveBatch([item.save!]);
          } catch (error) {
            item.result = failed(item.result.source, 'store', `${item.result.source}: could not save the analysis (${messageOf(error)})`);
          }
        }
      }
    }
    return batch.map((item) => item.result);
  };
  for (const id of ids) {
    const stored = await store.getDocument(id);
    if (!stored) continue; // deleted meanwhile
    const document: Document = createDocument({
      id: stored.id,
      text: stored.text,
      contentHash: stored.contentHash,
      title: stored.title,
      url: stored.url,
      publishedAt: stored.publishedAt,
      format: stored.format,
      source: stored.source,
    });
    const source = stored.source ?? stored.id;
    try {
      const outcome = await analyzeAgainstStore(document, store, pipeline, contextFor(document, pipeline), now, {
        ...(options.only !== undefined ? { only: options.only } : {}),
        ...(timed ? { runner: timed.run } : {}),
      });
      pending.push({ result: { kind: 'analysed', analysis: outcome.analysis, source, cached: outcome.cached, ran: outcome.ran }, save: outcome.save });
    } catch (error) {
      pending.push({ result: failed(source, 'engine', `${source}: analysis failed (${messageOf(error)})`), save: null });
    }
    done++;
    options.onProgress?.({ done, total: ids.length, source });
    if (pending.length >= batchSize) yield* await flush();
  }
  yield* await flush();
}

function failed(source: string, analysis: string, message: string): InputResult {
  const diagnostic: DiagnosticJson = { severity: 'error', message, span: null, analysis };
  return { kind: 'failed', source, diagnostic };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
