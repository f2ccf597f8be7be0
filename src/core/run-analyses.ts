import type { Analysis, AnalysisInputs, RunContext } from './analysis.js';
import type { Document } from './document.js';
import type { Diagnostic, Finding } from './finding.js';

export class RegistryError extends Error {}

/**
 * Checks an ordered list of analyses: ids unique, every `needs` entry registered earlier.
 * Called at start-up so that a wrong order fails loudly before any document is read.
 */
export function validateRegistry(analyses: readonly Analysis[]): void {
  const seen = new Set<string>();
  for (const analysis of analyses) {
    if (seen.has(analysis.id)) throw new RegistryError(`analysis "${analysis.id}" is registered twice`);
    for (const need of analysis.needs) {
      if (!seen.has(need)) {
        const later = analyses.some((a) => a.id === need);
        throw new RegistryError(
          later
            ? `analysis "${analysis.id}" needs "${need}", which is registered after it; move "${need}" earlier`
            : `analysis "${analysis.id}" needs "${need}", which is not registered`,
        );
      }
    }
    seen.add(analysis.id);
  }
}

export interface AnalysesResult {
  /** Findings by analysis id, in registry order. */
  readonly findings: Readonly<Record<string, readonly Finding[]>>;
  readonly diagnostics: readonly Diagnostic[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs each analysis in order with the findings of what it needs. A throw becomes an error
 * diagnostic on this document, and analyses that needed the failed one are skipped.
 */
export function runAnalyses(document: Document, analyses: readonly Analysis[], context: RunContext): AnalysesResult {
  validateRegistry(analyses);
  const findings: Record<string, readonly Finding[]> = {};
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  for (const analysis of analyses) {
    const missing = analysis.needs.filter((need) => failed.has(need));
    if (missing.length > 0) {
      failed.add(analysis.id);
      diagnostics.push({
        severity: 'error',
        message: `skipped because ${missing.map((m) => `"${m}"`).join(', ')} failed`,
        span: null,
        analysis: analysis.id,
      });
      continue;
    }
    const inputs: Record<string, readonly Finding[]> = {};
    for (const need of analysis.needs) inputs[need] = findings[need]!;
    try {
      const output = analysis.run(document, inputs as AnalysisInputs, context);
      const list = Array.isArray(output) ? (output as readonly Finding[]) : (output as { findings: readonly Finding[] }).findings;
      const extra = Array.isArray(output) ? [] : ((output as { diagnostics?: readonly Diagnostic[] }).diagnostics ?? []);
      findings[analysis.id] = Object.freeze([...list]);
      diagnostics.push(...extra);
    } catch (error) {
      failed.add(analysis.id);
      diagnostics.push({ severity: 'error', message: `failed: ${errorMessage(error)}`, span: null, analysis: analysis.id });
    }
  }
  return { findings, diagnostics };
}
