import type { Document } from './document.js';
import type { Diagnostic, Finding, FindingKind } from './finding.js';
import { createResources, type ResourceId, type Resources } from './resources.js';

/** Everything an analysis may know besides the document; no clock, no environment. */
export interface RunContext {
  /** Publication date (`YYYY-MM-DD`) used to anchor relative dates; null when unknown. */
  readonly publishedAt: string | null;
  readonly locale: string;
  /** Free-form options, part of the cache key. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Lexicons, models and tables loaded once per process (see resources.ts). */
  readonly resources: Resources;
}

/**
 * The records of the analyses an analysis declared in `needs` and `uses`, by analysis id. A `uses`
 * entry is absent when that analysis failed or was skipped.
 */
export type AnalysisInputs = Readonly<Record<string, readonly Finding[]>>;

export interface AnalysisOutput {
  readonly findings: readonly Finding[];
  readonly diagnostics?: readonly Diagnostic[];
}

/** A pure, deterministic step of the per-document pipeline. */
export interface Analysis {
  readonly id: string;
  /**
   * Bump on any change of output, lexicon edits included; part of the cache key. The committed
   * manifest (src/analyses/manifest.json) fails a test when the folder changed and this did not.
   */
  readonly version: string;
  /** Hard needs: when one of these failed, this analysis is skipped. */
  readonly needs: readonly string[];
  /** Optional needs: their records are used when present, and this analysis still runs when they failed. */
  readonly uses?: readonly string[];
  /** Every record kind this analysis emits. Each kind has exactly one producing analysis. */
  readonly emits: readonly FindingKind[];
  /** Resources this analysis reads from `context.resources`; their hashes are part of its cache key. */
  readonly resources?: readonly ResourceId[];
  /**
   * False for analyses whose records are cheap to recompute and costly to store (the token table):
   * the engine never stores them and runs them again when an analysis that needs them runs.
   */
  readonly persist?: boolean;
  readonly describe: string;
  run(document: Document, inputs: AnalysisInputs, context: RunContext): AnalysisOutput | readonly Finding[];
}

export function createRunContext(init: Partial<RunContext> = {}): RunContext {
  return Object.freeze({
    publishedAt: init.publishedAt ?? null,
    locale: init.locale ?? 'en',
    options: Object.freeze({ ...(init.options ?? {}) }),
    resources: init.resources ?? createResources([]),
  });
}

/** The analyses whose records this one reads: hard needs first, then optional ones. */
export function inputsOf(analysis: Analysis): readonly string[] {
  return [...analysis.needs, ...(analysis.uses ?? [])];
}
