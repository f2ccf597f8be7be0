/**
 * Exports and imports in the formats of the field, as pure functions over contract objects
 * (`AnalysisJson`): the CLI (`claimtrace export`, `claimtrace import`) and the HTTP API call the same
 * code. Nothing here reads files, a clock or a database; the caller passes the analyses and `today`.
 */
import type { AnalysisJson } from '../api/analysis-json.js';
import { exportAcled } from './acled.js';
import { exportCitron } from './citron.js';
import { exportClaimReview } from './claimreview.js';
import { exportCsv } from './csv.js';
import { exportGraph } from './graph.js';
import { exportJson, exportJsonl } from './json.js';
import { exportPlover } from './plover.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportResult, type Exporter } from './types.js';
import { exportWebAnnotation } from './web-annotation.js';

export * from './types.js';
export { createCodePointIndex, type CodePointIndex } from './code-points.js';
export { csvField, csvText, guardFormula, csvHeader } from './csv.js';
export { ACLED_COLUMNS, acledTypes } from './acled.js';
export { annotationsOf, documentIri, selectorsFor, type Annotation } from './web-annotation.js';
export { claimReviewOf, DEFAULT_MIN_CHECK_WORTHINESS, type ClaimReviewSkeleton } from './claimreview.js';
export { ploverRecord, type PloverRecord } from './plover.js';
export { citronDocument, type CitronDocument, type CitronQuote, type CitronSpan } from './citron.js';
export { buildGraph, toGexf, toGraphml, type Graph } from './graph.js';
export { EXPORT_SCHEMA } from './json.js';
export { anchorQuote, type Anchor, type AnchorStatus } from './reanchor.js';
export {
  annotationItems,
  citronDocuments,
  documentIdFromSource,
  importCitronDocument,
  importWebAnnotations,
  type DocumentLookup,
  type ImportDocument,
  type ImportedItem,
  type ImportError,
  type ImportResult,
} from './import.js';

const EXPORTERS: Record<ExportFormat, Exporter> = {
  json: exportJson,
  jsonl: exportJsonl,
  csv: exportCsv,
  'web-annotation': exportWebAnnotation,
  claimreview: exportClaimReview,
  acled: exportAcled,
  plover: exportPlover,
  citron: exportCitron,
  graph: exportGraph,
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The analyses in `format`: one or more files, with messages about what was left out. */
export function exportAnalyses(format: ExportFormat, analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  return EXPORTERS[format](analyses, options);
}

export const IMPORT_FORMATS = ['web-annotation', 'citron'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
