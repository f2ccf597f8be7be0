import type { AnalysisJson } from '../api/analysis-json.js';
import { createRunContext } from '../core/analysis.js';
import { createDocument, type Document, type DocumentFormat } from '../core/document.js';
import { runAnalyses, validateRegistry } from '../core/run-analyses.js';
import { analyses } from '../analyses/index.js';
import { hashText } from './hash-text.js';
import { toAnalysisJson } from './to-analysis-json.js';

validateRegistry(analyses);

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

/** Runs the whole per-document pipeline on a document and returns the contract object. */
export function analyzeDocument(document: Document, options: AnalyzeOptions = {}): AnalysisJson {
  const publishedAt = options.publishedAt !== undefined ? options.publishedAt : document.publishedAt;
  const effective = publishedAt === document.publishedAt ? document : createDocument({ ...document, publishedAt });
  const context = createRunContext({ publishedAt: effective.publishedAt, options: options.options ?? {} });
  const result = runAnalyses(effective, analyses, context);
  return toAnalysisJson(effective, result);
}

/**
 * Analyses a string. The library entry point: returns the same `claimtrace/analysis@1` object
 * that `claimtrace analyze --json` prints.
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
