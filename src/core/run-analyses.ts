import { inputsOf, type Analysis, type AnalysisInputs, type RunContext } from './analysis.js';
import type { Document } from './document.js';
import type { Diagnostic, Finding } from './finding.js';

export class RegistryError extends Error {}

/**
 * Checks an ordered list of analyses: ids unique, every `needs` and `uses` entry registered
 * earlier, and every record kind emitted by exactly one analysis (so each contract array has one
 * producer and a later analysis fills a field by producing the record, not by patching another's).
 * Called at start-up so that a wrong order fails loudly before any document is read.
 */
export function validateRegistry(analyses: readonly Analysis[]): void {
  const seen = new Set<string>();
  const producers = new Map<string, string>();
  for (const analysis of analyses) {
    if (seen.has(analysis.id)) throw new RegistryError(`analysis "${analysis.id}" is registered twice`);
    for (const need of inputsOf(analysis)) {
      if (need === analysis.id) throw new RegistryError(`analysis "${analysis.id}" needs itself`);
      if (!seen.has(need)) {
        const later = analyses.some((a) => a.id === need);
        throw new RegistryError(
          later
            ? `analysis "${analysis.id}" needs "${need}", which is registered after it; move "${need}" earlier`
            : `analysis "${analysis.id}" needs "${need}", which is not registered`,
        );
      }
    }
    for (const kind of analysis.emits) {
      const other = producers.get(kind);
      if (other !== undefined) {
        throw new RegistryError(`record kind "${kind}" is emitted by both "${other}" and "${analysis.id}"; each kind has one producer`);
      }
      producers.set(kind, analysis.id);
    }
    seen.add(analysis.id);
  }
}

export type RunStatus = 'ok' | 'failed' | 'skipped' | 'reused';

export interface AnalysisRun {
  readonly status: RunStatus;
  /** The diagnostics this analysis produced (or that explain why it did not run). */
  readonly diagnostics: readonly Diagnostic[];
  /** Wall time of `run`, in milliseconds; null when no clock was given or it did not run. */
  readonly durationMs: number | null;
}

export interface AnalysesResult {
  /** Findings by analysis id, in registry order; absent for an analysis that failed or was skipped. */
  readonly findings: Readonly<Record<string, readonly Finding[]>>;
  readonly diagnostics: readonly Diagnostic[];
  /** What happened to each analysis, by id. */
  readonly runs: Readonly<Record<string, AnalysisRun>>;
}

/** What a stored run of an analysis left: its records and its diagnostics. */
export interface StoredRun {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface RunOptions {
  /**
   * Stored records of an analysis whose cache key still matches, or null to run it. An analysis
   * that is reused is not run, and neither is an unpersisted one that no running analysis reads.
   */
  reuse?: (analysis: Analysis) => StoredRun | null;
  /** Milliseconds from an arbitrary origin, for `durationMs`; core reads no clock of its own. */
  clock?: () => number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Which analyses must run, given the ones whose stored records are reused. */
function planRuns(analyses: readonly Analysis[], reused: ReadonlyMap<string, StoredRun>): Set<string> {
  const mustRun = new Set<string>();
  for (let i = analyses.length - 1; i >= 0; i--) {
    const analysis = analyses[i]!;
    if (reused.has(analysis.id)) continue;
    const persisted = analysis.persist !== false;
    const readByRunning = analyses.some((later) => mustRun.has(later.id) && inputsOf(later).includes(analysis.id));
    if (persisted || readByRunning) mustRun.add(analysis.id);
  }
  return mustRun;
}

/**
 * Runs each analysis in order with the findings of what it needs and uses. A throw becomes an
 * error diagnostic on this document; analyses that needed the failed one are skipped, and those that
 * only used it run without its records. Findings of a kind the analysis did not declare in `emits`
 * fail the analysis: a kind has one producer.
 */
export function runAnalyses(document: Document, analyses: readonly Analysis[], context: RunContext, options: RunOptions = {}): AnalysesResult {
  validateRegistry(analyses);
  const findings: Record<string, readonly Finding[]> = {};
  const diagnostics: Diagnostic[] = [];
  const runs: Record<string, AnalysisRun> = {};
  const reused = new Map<string, StoredRun>();
  if (options.reuse) {
    for (const analysis of analyses) {
      if (analysis.persist === false) continue;
      const stored = options.reuse(analysis);
      if (stored) reused.set(analysis.id, stored);
    }
  }
  const mustRun = options.reuse ? planRuns(analyses, reused) : new Set(analyses.map((a) => a.id));

  for (const analysis of analyses) {
    const stored = reused.get(analysis.id);
    if (stored) {
      findings[analysis.id] = Object.freeze([...stored.findings]);
      runs[analysis.id] = { status: 'reused', diagnostics: stored.diagnostics, durationMs: null };
      diagnostics.push(...stored.diagnostics);
      continue;
    }
    if (!mustRun.has(analysis.id)) continue;
    const missing = analysis.needs.filter((need) => findings[need] === undefined);
    if (missing.length > 0) {
      const diagnostic: Diagnostic = {
        severity: 'error',
        message: `skipped because ${missing.map((m) => `"${m}"`).join(', ')} failed`,
        span: null,
        analysis: analysis.id,
      };
      diagnostics.push(diagnostic);
      runs[analysis.id] = { status: 'skipped', diagnostics: [diagnostic], durationMs: null };
      continue;
    }
    const own: Diagnostic[] = [];
    const inputs: Record<string, readonly Finding[]> = {};
    for (const need of analysis.needs) inputs[need] = findings[need]!;
    for (const use of analysis.uses ?? []) {
      if (findings[use] !== undefined) inputs[use] = findings[use]!;
      else {
        own.push({ severity: 'warning', message: `ran without "${use}", which did not succeed`, span: null, analysis: analysis.id });
      }
    }
    const started = options.clock?.();
    try {
      const output = analysis.run(document, Object.freeze(inputs) as AnalysisInputs, context);
      const list = Array.isArray(output) ? (output as readonly Finding[]) : (output as AnalysisOutput).findings;
      const extra = Array.isArray(output) ? [] : ((output as AnalysisOutput).diagnostics ?? []);
      const stray = list.find((finding) => !analysis.emits.includes(finding.kind) || finding.analysis !== analysis.id);
      if (stray) {
        throw new Error(
          stray.analysis !== analysis.id
            ? `record ${stray.id} says it comes from "${stray.analysis}"`
            : `emitted a "${stray.kind}" record, which it does not declare in emits`,
        );
      }
      findings[analysis.id] = Object.freeze([...list]);
      own.push(...extra);
      runs[analysis.id] = { status: 'ok', diagnostics: own, durationMs: elapsed(options.clock, started) };
    } catch (error) {
      own.push({ severity: 'error', message: `failed: ${errorMessage(error)}`, span: null, analysis: analysis.id });
      runs[analysis.id] = { status: 'failed', diagnostics: own, durationMs: elapsed(options.clock, started) };
    }
    diagnostics.push(...own);
  }
  return { findings, diagnostics, runs };
}

type AnalysisOutput = { findings: readonly Finding[]; diagnostics?: readonly Diagnostic[] };

function elapsed(clock: (() => number) | undefined, started: number | undefined): number | null {
  if (!clock || started === undefined) return null;
  return Math.max(0, Math.round((clock() - started) * 1000) / 1000);
}
