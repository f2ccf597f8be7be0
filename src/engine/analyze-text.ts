import type { AnalysisJson } from '../api/analysis-json.js';
import { createRunContext, type RunContext } from '../core/analysis.js';
import { createDocument, type Document, type DocumentFormat } from '../core/document.js';
import { runAnalyses, type AnalysesResult, type RunOptions } from '../core/run-analyses.js';
import { hashText } from './hash-text.js';
import { loadDefaultPipeline, type Pipeline } from './pipeline.js';
import { toAnalysisJson } from './to-analysis-json.js';

export interface AnalyzeOptions {
  /** Publication date `YYYY-MM-DD`; overrides the document's own when given. */
  publishedAt?: string | null;
  options?: Record<string, unknown>;
}

export interface AnalyzeTextOptions extends AnalyzeOptions {
  id?: string;
  title?: string | null;
  url?: string | null;
  format?: DocumentFormat;
}

/** The document with the caller's publication date applied. */
export function withPublishedAt(document: Document, publishedAt: string | null | undefined): Document {
  if (publishedAt === undefined || publishedAt === document.publishedAt) return document;
  return createDocument({ ...document, publishedAt });
}

export function contextFor(document: Document, pipeline: Pipeline, options: Record<string, unknown> = {}): RunContext {
  return createRunContext({ publishedAt: document.publishedAt, options, resources: pipeline.resources });
}

/** Runs a pipeline over one document: the engine's one way of calling the core runner. */
export function runPipeline(document: Document, pipeline: Pipeline, context: RunContext, options: RunOptions = {}): AnalysesResult {
  return runAnalyses(document, pipeline.analyses, context, options);
}

/** Runs the whole per-document pipeline on a document and returns the contract object. */
export function analyzeDocument(document: Document, options: AnalyzeOptions = {}): AnalysisJson {
  const pipeline = loadDefaultPipeline();
  const effective = withPublishedAt(document, options.publishedAt);
  const result = runPipeline(effective, pipeline, contextFor(effective, pipeline, options.options));
  return toAnalysisJson(effective, result);
}

/**
 * Analyses a string. The library entry point: returns the same `claimtrace/analysis@1` object
 * that `claimtrace analyze --json` prints. Without an `id` the document is named after its text.
 */
export function analyzeText(text: string, options: AnalyzeTextOptions = {}): AnalysisJson {
  const contentHash = hashText(text);
  const document = createDocument({
    id: options.id ?? contentHash.slice(0, 12),
    text,
    contentHash,
    title: options.title ?? null,
    url: options.url ?? null,
    publishedAt: options.publishedAt ?? null,
    format: options.format ?? 'text',
  });
  return analyzeDocument(document, options);
}
