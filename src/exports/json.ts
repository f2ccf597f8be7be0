/**
 * `json`: one object `{ schema: "claimtrace/export@1", documents: [AnalysisJson…], corpus }`.
 * `jsonl`: one contract object per line, exactly the lines `claimtrace analyze --json` prints, then the
 * corpus object on a last line when there is one.
 */
import type { AnalysisJson } from '../api/analysis-json.js';
import type { ExportOptions, ExportResult } from './types.js';

export const EXPORT_SCHEMA = 'claimtrace/export@1';

export function exportJson(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const content = `${JSON.stringify({ schema: EXPORT_SCHEMA, tool: { name: 'claimtrace', version: options.toolVersion }, documents: analyses, corpus: options.corpus ?? null })}\n`;
  return { format: 'json', files: [{ name: 'claimtrace.json', mediaType: 'application/json', content }], messages: [], count: analyses.length };
}

export function exportJsonl(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const lines = analyses.map((a) => JSON.stringify(a));
  if (options.corpus !== undefined && options.corpus !== null) lines.push(JSON.stringify(options.corpus));
  return {
    format: 'jsonl',
    files: [{ name: 'claimtrace.jsonl', mediaType: 'application/jsonl', content: lines.length ? `${lines.join('\n')}\n` : '' }],
    messages: [],
    count: analyses.length,
  };
}
