import type { Document } from './document.js';
import type { Diagnostic, Finding } from './finding.js';

/** Everything an analysis may know besides the document; no clock, no environment. */
export interface RunContext {
  /** Publication date (`YYYY-MM-DD`) used to anchor relative dates; null when unknown. */
  readonly publishedAt: string | null;
  readonly locale: string;
  /** Free-form options, part of the cache key. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** The records of the analyses an analysis declared in `needs`, by analysis id. */
export type AnalysisInputs = Readonly<Record<string, readonly Finding[]>>;

export interface AnalysisOutput {
  readonly findings: readonly Finding[];
  readonly diagnostics?: readonly Diagnostic[];
}

/** A pure, deterministic step of the per-document pipeline. */
export interface Analysis {
  readonly id: string;
  /** Bump on any change of output; part of the cache key. */
  readonly version: string;
  readonly needs: readonly string[];
  readonly describe: string;
  run(document: Document, inputs: AnalysisInputs, context: RunContext): AnalysisOutput | readonly Finding[];
}

export function createRunContext(init: Partial<RunContext> = {}): RunContext {
  return Object.freeze({
    publishedAt: init.publishedAt ?? null,
    locale: init.locale ?? 'en',
    options: Object.freeze({ ...(init.options ?? {}) }),
  });
}
