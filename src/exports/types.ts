import type { AnalysisJson } from '../api/analysis-json.js';

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'web-annotation', 'claimreview', 'acled', 'plover', 'citron', 'graph'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_TABLES = ['quotes', 'figures', 'claims', 'entities', 'events'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export interface ExportOptions {
  /** The claimtrace version, written into the records that name their producer. */
  readonly toolVersion: string;
  /** Today as `YYYY-MM-DD`, passed in (exports read no clock): ClaimReview `datePublished`, PLOVER `coded_date`. */
  readonly today: string;
  /** CSV and ACLED: start each file with a UTF-8 byte order mark, for spreadsheets that need one. */
  readonly bom?: boolean;
  /** CSV: only this table (default: all five, one file each). */
  readonly table?: CsvTable;
  /** graph: GEXF 1.3 (default) or GraphML. */
  readonly graphFormat?: 'gexf' | 'graphml';
  /** claimreview: the lowest check-worthiness exported (default 0.5). */
  readonly minCheckWorthiness?: number;
  /** json / jsonl: the `claimtrace/corpus@1` object to add, when the corpus analyses ran. */
  readonly corpus?: unknown;
}

/** One output file: its suggested name (no folder), media type and content. */
export interface ExportFile {
  readonly name: string;
  readonly mediaType: string;
  readonly content: string;
}

export interface ExportResult {
  readonly format: ExportFormat;
  readonly files: readonly ExportFile[];
  /** What a user should know: records left out and why, an empty result. */
  readonly messages: readonly string[];
  /** How many records were written (documents for json/jsonl, rows, annotations, nodes + edges). */
  readonly count: number;
}

export type Exporter = (analyses: readonly AnalysisJson[], options: ExportOptions) => ExportResult;
