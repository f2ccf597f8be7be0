/**
 * The store interface. `sqlite-store.ts` is the embedded implementation; the PostgreSQL store of
 * the scale-out work implements the same interface and passes the same async contract suite
 * (test/contract/store-contract.ts). The store knows documents, analysis runs and records with
 * generic columns (analysis, kind, span, an index key); what a record means is the engine's business.
 * Only types are imported from the rest of the project.
 */
import type { DocumentFormat } from '../core/document.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import type { PreparedSave } from './prepare-save.js';

/** A document as stored, without its text. */
export interface StoredDocumentMeta {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  format: DocumentFormat;
  /** sha256 hex of the text: the cache and duplicate detection use it. */
  contentHash: string;
  /** Length of the text in UTF-16 units. */
  length: number;
  /** Where the document came from (a path, `-`, a URL); informational. */
  source: string | null;
  /** ISO timestamp of the save that wrote this document (supplied by the caller). */
  analysedAt: string;
}

export interface StoredDocument extends StoredDocumentMeta {
  /** The text, stored once; every stored span is an offset into it. */
  text: string;
}

export type StoredRunStatus = 'ok' | 'failed' | 'skipped';

/** What one analysis did on one document. */
export interface RunRecord {
  analysis: string;
  version: string;
  /** Per-analysis cache key (engine/cache-key.ts): a stored run is reused only when it matches. */
  cacheKey: string;
  status: StoredRunStatus;
  diagnostics: Diagnostic[];
  durationMs: number | null;
}

/** A record to store, with the key it is found by (a speaker or claimant name), chosen by the engine. */
export interface RecordInput {
  finding: Finding;
  key: string | null;
}

export interface DocumentSave {
  document: Omit<StoredDocument, 'analysedAt' | 'length'>;
  analysedAt: string;
  /** Every run of this analysis pass; replaces all runs stored for the document. */
  runs: RunRecord[];
  /** The records of persisted analyses, in output order; replaces all records stored for the document. */
  records: RecordInput[];
}

/** What `saveBatch` takes: a save as built, or one already checked and encoded (`prepareSave`). */
export type SaveInput = DocumentSave | PreparedSave;

export interface DocumentSummary extends StoredDocumentMeta {
  /** Stored records by kind (`quote: 3`). */
  recordCounts: Record<string, number>;
  /** Error diagnostics across the document's runs. */
  errorCount: number;
}

/** A keyset page: pass `next` back as `after` for the following page; null when there is none. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface RecordQuery {
  documentId?: string;
  kind?: string;
  analysis?: string;
  /** Case-insensitive match on the record's key (speaker or claimant name). */
  key?: string;
  /** Records whose span overlaps [start, end) (needs documentId). */
  overlaps?: { start: number; end: number };
  /** Cursor from a previous page. */
  after?: string;
  limit?: number;
}

export interface StoredRecord {
  documentId: string;
  analysis: string;
  kind: string;
  recordId: string;
  start: number;
  end: number;
  key: string | null;
  /** The finding as saved, span texts restored from the document text. */
  finding: Finding;
}

export interface TextSearchHit {
  documentId: string;
  title: string | null;
  /** Where the document came from (a path, `-`, a URL, a record), as stored. */
  source: string | null;
  publishedAt: string | null;
  /** The matched words between the `marks` given (by default `[` and `]`), cut with `…`. */
  snippet: string;
}

export interface TextSearchOptions {
  limit?: number;
  /** What the snippet puts around each matched word; `[` and `]` when not given. */
  marks?: { open: string; close: string };
}

/** What a review decides about: `status` (accept/reject), `speaker` (a quote's speaker), `entity` (merge/split). */
export type ReviewFacet = 'status' | 'speaker' | 'entity';

/** Where the reviewed record sat in the text when it was reviewed: used to find it again after re-analysis. */
export interface ReviewAnchor {
  start: number;
  end: number;
  text: string;
}

/** One review action as the caller asks for it; `value: null` withdraws the decision in force for that facet. */
export interface ReviewInput {
  documentId: string;
  /** `quote`, `entity`, ...: the contract kind of the target. */
  targetKind: string;
  /** The record or entity id within the document. */
  target: string;
  facet: ReviewFacet;
  /** `accept`, `reject`, `set-speaker`, `merge`, `split`, `clear`: informational, kept in the log. */
  action: string;
  /** The decision (any JSON value), or null to withdraw it. */
  value: unknown;
  anchor: ReviewAnchor | null;
  /** Who made the change (a name or `local`). */
  who: string;
  /** ISO timestamp, supplied by the caller (the store reads no clock). */
  at: string;
}

/** A decision in force. */
export interface Review {
  documentId: string;
  targetKind: string;
  target: string;
  facet: ReviewFacet;
  action: string;
  value: unknown;
  anchor: ReviewAnchor | null;
  who: string;
  at: string;
}

/** One line of the audit log: never changed once written. */
export interface AuditEntry {
  id: number;
  documentId: string;
  targetKind: string;
  target: string;
  facet: ReviewFacet;
  action: string;
  /** The value in force before (null: none). */
  before: unknown;
  /** The value in force after (null: withdrawn). */
  after: unknown;
  who: string;
  at: string;
}

/**
 * What the corpus index keeps of one document (`claimtrace corpus`). The store keeps the strings;
 * what they mean is the engine's and the corpus layer's business.
 */
export interface CorpusDocumentRow {
  documentId: string;
  /** The content hash of the text the features were computed from. */
  contentHash: string;
  /** Version of the corpus rules and outlets table the features were made with. */
  version: string;
  /** The document that represents it in the candidate indexes (itself, or an earlier near-duplicate). */
  representative: string;
  features: string;
}

/** A link between two documents (`origin`: same origin) or between two of their records (`claim`). */
export interface CorpusLinkRow {
  documentA: string;
  documentB: string;
  kind: 'origin' | 'claim';
  /** The link with its reasons, as JSON. */
  data: string;
}

export interface CorpusClusterRow {
  id: string;
  kind: string;
  independentSources: number;
  documents: number;
  /** The claim cluster (claimtrace/corpus@1), as JSON. */
  data: string;
}

export interface CorpusUpdate {
  /** New or replaced corpus rows (one per document id). */
  documents: readonly CorpusDocumentRow[];
  /** Links to append. */
  links: readonly CorpusLinkRow[];
  /** The clusters as they stand after the update; replaces every stored cluster. Null keeps them. */
  clusters: readonly CorpusClusterRow[] | null;
}

/** A record set and its document's text, compressed as stored (`record-sets.ts`, `text-codec.ts`). */
export interface StoredSetBytes {
  data: Uint8Array;
  textZ: Uint8Array;
  /**
   * The document's record counts (JSON) and error count as stored beside the set, when the store
   * gives them: with them a document of the same text can be saved as a copy of these bytes
   * (`analyze` of a repeated text, decision 0111) instead of being encoded again.
   */
  recordCounts?: string;
  errorCount?: number;
}

export interface Store {
  /**
   * Saves documents in one transaction: all of them or none. A document with an id already stored is
   * replaced (its runs and records with it); any other stored document is untouched. A save may come
   * already prepared (`prepareSave`, prepare-save.ts), encoded on the thread that analysed it.
   */
  saveBatch(saves: readonly SaveInput[]): Promise<void>;
  getDocument(documentId: string): Promise<StoredDocument | null>;
  getRuns(documentId: string): Promise<RunRecord[]>;
  /** The stored findings of a document in saved order, optionally only those of some analyses. */
  getFindings(documentId: string, options?: { analyses?: readonly string[] }): Promise<Finding[]>;
  /**
   * A document's record set and text as stored, undecoded (null when it has none), for a caller
   * that decodes the findings elsewhere (`findingsOfStoredSet` gives what `getFindings` gives): the
   * analysis threads of `analyze` read reused findings from these bytes, so that the thread that
   * reads the store neither decodes them nor copies them across threads as objects. Optional: a
   * store without it is read through `getFindings`.
   */
  getStoredSet?(documentId: string): Promise<StoredSetBytes | null>;
  /**
   * Ids of stored documents whose text has this content hash, in save order; with `limit`, only the
   * first ones (a text stored a million times is looked up by every new copy of it).
   */
  findByContentHash(contentHash: string, options?: { limit?: number }): Promise<string[]>;
  /** One page of documents in save order (a replaced document keeps its place). */
  listDocuments(options?: { limit?: number; after?: string }): Promise<Page<DocumentSummary>>;
  /** Every document, read page by page: memory stays flat however many there are. */
  iterateDocuments(options?: { pageSize?: number }): AsyncIterable<DocumentSummary>;
  countDocuments(): Promise<number>;
  /** One page of records, ordered by document (save order), then start, end, kind, id. */
  queryRecords(query: RecordQuery): Promise<Page<StoredRecord>>;
  iterateRecords(query: Omit<RecordQuery, 'after' | 'limit'> & { pageSize?: number }): AsyncIterable<StoredRecord>;
  searchText(query: string, options?: TextSearchOptions): Promise<TextSearchHit[]>;
  /**
   * Documents whose id starts with `prefix`, compared without regard to case, in save order, at most
   * `limit` (all when not given). An exact id is found by its whole self, so callers resolve
   * git-style abbreviated ids with it.
   */
  findDocumentsByIdPrefix(prefix: string, options?: { limit?: number }): Promise<DocumentSummary[]>;
  /** A setting of the whole database by name (e.g. `aliases`: the user's alias table), or null. */
  getSetting(name: string): Promise<string | null>;
  /** Sets a setting; null removes it. */
  putSetting(name: string, value: string | null): Promise<void>;
  deleteDocument(documentId: string): Promise<boolean>;
  /** A consistent copy of the whole store in a new file `destination`, taken while others may write. */
  backup(destination: string): Promise<void>;
  /** The backend's own consistency check: `['ok']` when sound, else the problems found. */
  checkIntegrity(): Promise<string[]>;
  /**
   * Records a review decision and its audit line in one transaction and returns the line. Reviews are
   * kept apart from a document's records: replacing or re-analysing the document leaves them.
   */
  putReview(input: ReviewInput): Promise<AuditEntry>;
  /** The decisions in force, of one document or of all, ordered by document, target kind, target, facet. */
  getReviews(options?: { documentId?: string }): Promise<Review[]>;
  /** The audit log, newest first, optionally of one document; keyset pages like `listDocuments`. */
  listAudit(options?: { documentId?: string; limit?: number; after?: string }): Promise<Page<AuditEntry>>;
  /** Corpus rows in document save order, page by page. */
  iterateCorpusDocuments(options?: { pageSize?: number }): AsyncIterable<CorpusDocumentRow>;
  /** Corpus links in the order they were saved, page by page. */
  iterateCorpusLinks(options?: { pageSize?: number }): AsyncIterable<CorpusLinkRow>;
  /** The stored claim clusters in their saved order. */
  getCorpusClusters(): Promise<CorpusClusterRow[]>;
  /**
   * Saves corpus rows, links and clusters in one transaction. A row or link naming a document that
   * is not stored fails the whole update.
   */
  saveCorpusUpdate(update: CorpusUpdate): Promise<void>;
  /** Removes every corpus row, link and cluster (documents stay). */
  clearCorpus(): Promise<void>;
  close(): Promise<void>;
}
