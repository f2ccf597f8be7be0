/**
 * The store interface. `sqlite-store.ts` is the only implementation today; a PostgreSQL store for
 * scale-out will implement the same interface and pass the same contract suite
 * (test/contract/store-contract.ts). Only types are imported from the rest of the project.
 */
import type { AnalysisJson } from '../api/analysis-json.js';

/** One record of the contract, flattened for queries. */
export interface StoredRecord {
  documentId: string;
  /** Contract array the record sits in: `quote`, `entity`, `figure`, `date`, `framing`, `claim`, `event`. */
  kind: string;
  recordId: string;
  analysis: string;
  start: number;
  end: number;
  /** Canonical speaker or claimant name, when the record has one. */
  speaker: string | null;
  /** The record exactly as in the analysis JSON. */
  json: unknown;
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  format: string;
  contentHash: string;
  length: number;
  source: string | null;
  analysedAt: string;
  quoteCount: number;
  errorCount: number;
}

export interface SaveInput {
  analysis: AnalysisJson;
  /** Where the document came from (path, `-`, URL); null when unknown. */
  source: string | null;
  /** Identifies the analysis versions and options the result was made with (see engine/cache-key.ts). */
  cacheKey: string;
  /** ISO timestamp supplied by the caller (the store reads no clock of its own). */
  analysedAt: string;
}

export interface RecordQuery {
  documentId?: string;
  kind?: string;
  /** Case-insensitive match on the speaker/claimant name. */
  speaker?: string;
  /** Records whose main span overlaps [start, end) (needs documentId). */
  overlaps?: { start: number; end: number };
  limit?: number;
}

export interface TextSearchHit {
  documentId: string;
  title: string | null;
  snippet: string;
}

export interface Store {
  /** Saves a document and its analysis in one transaction, replacing an older result for the same id. */
  save(input: SaveInput): void;
  /** The stored analysis for a content hash made with the same cache key, or null. */
  findCached(contentHash: string, cacheKey: string): AnalysisJson | null;
  getAnalysis(documentId: string): AnalysisJson | null;
  listDocuments(options?: { limit?: number; offset?: number }): DocumentSummary[];
  countDocuments(): number;
  queryRecords(query: RecordQuery): StoredRecord[];
  searchText(query: string, options?: { limit?: number }): TextSearchHit[];
  deleteDocument(documentId: string): boolean;
  close(): void;
}
