import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding } from '../core/finding.js';
import { StoreValueError } from './codec.js';
import { requireString, toPreparedSave, type CheckedSave, type PreparedSave } from './prepare-save.js';
import { keysOfRecordSet } from './record-sets.js';
import {
  DEFAULT_ITERATE_PAGE,
  DOCUMENT_META_COLUMNS,
  RECORD_SCAN_PAGE,
  RecordPageWalk,
  SNIPPET_ELLIPSIS,
  SNIPPET_TOKENS,
  contentHashLimit,
  documentPage,
  documentRange,
  findingsOfRecordSet,
  hasPhrases,
  pageSizeOf,
  pagesOf,
  runsOfRecordSet,
  searchMarks,
  searchTerms,
  toHit,
  toMeta,
  toSummary,
  type DocumentMetaRow,
  type RecordSetRow,
} from './store-common.js';
import { inflateText, registerTextFunctions } from './text-codec.js';

export { encodeRecordSetOf, optionalString, prepareSave, requireString, type PreparedSave } from './prepare-save.js';
import { latestSchemaVersion, migrate, schemaVersion } from './schema.js';
import { ReviewTables } from './review-tables.js';
import type {
  AuditEntry,
  CorpusClusterRow,
  CorpusDocumentRow,
  CorpusLinkRow,
  CorpusUpdate,
  DocumentSave,
  DocumentSummary,
  Page,
  RecordQuery,
  Review,
  ReviewInput,
  RunRecord,
  Store,
  StoredDocument,
  StoredRecord,
  StoredSetBytes,
  TextSearchHit,
  TextSearchOptions,
} from './store.js';

/** How long a connection waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * 16 KiB database pages hold six or seven news articles each; with 4 KiB pages a 2.3 KB article
 * leaves most of a page empty (docs/decisions/0007-store-layout.md).
 */
const PAGE_SIZE = 16384;
/** Page cache per connection, in KiB: 16 MiB (64 MiB bought little speed and cost 57 MiB of peak RSS with the writer thread). */
const CACHE_KIB = 16384;
/** FTS5 automerge: how many segments of one level are merged at once. */
const FTS_AUTOMERGE = 8;
/** Pages of index merged when closing after a small write (see tidyAfterWrites). */
const FTS_MERGE_PAGES = 500;

/** Migrations that free most of a filled file's pages: after them the file is compacted. */
const COMPACTING_MIGRATIONS: readonly number[] = [2, 4];

interface StoredSetRow {
  data: Buffer;
  text_z: Buffer;
  record_counts: string;
  error_count: number;
}

interface ReplaceRow {
  doc: number;
  title: string | null;
  text_z: Buffer;
}

/**
 * The embedded store: one SQLite file in WAL mode, so the server can read while the CLI writes.
 * All SQL of the project lives here and in `migrations/`.
 */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly saveTransaction: (saves: readonly CheckedSave[]) => void;
  private readonly deleteTransaction: (documentId: string) => boolean;
  /** Documents written through this connection (counted inside transactions that may roll back: an upper bound). */
  private written = 0;
  private readonly reviews: ReviewTables;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.reviews = new ReviewTables(db);
    // IMMEDIATE takes the write lock before the first read, so a writer in another process makes
    // this one wait (busy_timeout) instead of failing when a read lock cannot be upgraded.
    this.saveTransaction = db.transaction((saves: readonly CheckedSave[]) => {
      for (const save of saves) this.writeDocument(save);
    }).immediate;
    this.deleteTransaction = db.transaction((documentId: string) => this.removeDocument(documentId)).immediate;
  }

  /**
   * Opens (or creates) the database at `path`, creating its parent directory when missing, and
   * applies pending migrations. `:memory:` gives a private in-memory database (no WAL).
   */
  static open(path: string): SqliteStore {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Only a new file takes them (before its first table); see compactAfterConversion for old ones.
      // An existing file is left alone: even a no-op auto_vacuum pragma bumps its header's change counter.
      if ((db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0) {
        db.pragma(`page_size = ${PAGE_SIZE}`);
        // Pages freed by merging the full-text index go back to the disk when the store closes.
        db.pragma('auto_vacuum = INCREMENTAL');
      }
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL cannot corrupt the file; a power cut may lose only the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      registerTextFunctions(db);
      db.function('claimtrace_id_starts_with', { deterministic: true }, (id: unknown, lowerPrefix: unknown) =>
        typeof id === 'string' && typeof lowerPrefix === 'string' && id.toLowerCase().startsWith(lowerPrefix) ? 1 : 0,
      );
      // A larger page cache keeps the record indexes' inner pages in memory during batch writes.
      db.pragma(`cache_size = -${CACHE_KIB}`);
      const applied = migrate(db);
      if (applied.some((id) => COMPACTING_MIGRATIONS.includes(id))) compactAfterConversion(db);
      // Merge full-text segments less eagerly: batch writes make many small segments, and merging
      // them 8 at a time instead of 4 cut write time by about a fifth at a negligible query cost.
      db.exec(`INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', ${FTS_AUTOMERGE})`);
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async saveBatch(saves: readonly (DocumentSave | PreparedSave)[]): Promise<void> {
    // Everything that can fail without touching the database (a value JSON cannot hold, a missing
    // id, a duplicate record) fails here, before the transaction; what fails inside it rolls the
    // whole batch back.
    if (!Array.isArray(saves)) throw new StoreValueError('saveBatch: expected an array of saves');
    const prepared = saves.map((save, index) => toPreparedSave(save, index));
    if (prepared.length === 0) return;
    this.saveTransaction(prepared);
  }

  async getDocument(documentId: string): Promise<StoredDocument | null> {
    const row = this.statements.getDocument.get(documentId) as (DocumentMetaRow & { text_z: Buffer }) | undefined;
    if (!row) return null;
    return { ...toMeta(row), text: inflateText(row.text_z) };
  }

  async getRuns(documentId: string): Promise<RunRecord[]> {
    return runsOfRecordSet(this.statements.getRecordSet.get(documentId) as { data: Buffer; text_z: Buffer } | undefined);
  }

  async getFindings(documentId: string, options: { analyses?: readonly string[] } = {}): Promise<Finding[]> {
    return findingsOfRecordSet(this.statements.getRecordSet.get(documentId) as { data: Buffer; text_z: Buffer } | undefined, options.analyses);
  }

  async getStoredSet(documentId: string): Promise<StoredSetBytes | null> {
    const row = this.statements.getStoredSet.get(documentId) as StoredSetRow | undefined;
    return row ? { data: row.data, textZ: row.text_z, recordCounts: row.record_counts, errorCount: row.error_count } : null;
  }

  async findByContentHash(contentHash: string, options: { limit?: number } = {}): Promise<string[]> {
    const rows = options.limit === undefined ? this.statements.findByContentHash.all(contentHash) : this.statements.findByContentHashLimit.all(contentHash, contentHashLimit(options.limit));
    return (rows as Array<{ id: string }>).map((row) => row.id);
  }

  async listDocuments(options: { limit?: number; after?: string } = {}): Promise<Page<DocumentSummary>> {
    const { limit, after } = documentRange(options);
    return documentPage(this.statements.listDocuments.all(after, limit + 1) as DocumentMetaRow[], limit);
  }

  async *iterateDocuments(options: { pageSize?: number } = {}): AsyncIterable<DocumentSummary> {
    const limit = options.pageSize ?? DEFAULT_ITERATE_PAGE;
    yield* pagesOf((after) => this.listDocuments({ limit, after }));
  }

  async countDocuments(): Promise<number> {
    return (this.statements.countDocuments.get() as { count: number }).count;
  }

  async queryRecords(query: RecordQuery): Promise<Page<StoredRecord>> {
    // Reads the record sets in document order from the cursor's document until the page is full.
    const walk = new RecordPageWalk(query);
    const s = this.statements;
    if (query.documentId !== undefined) {
      const document = s.getDoc.get(query.documentId) as { doc: number } | undefined;
      if (!document) return { items: [], next: null };
      const set = document.doc >= walk.from ? (s.getRecordSetByDoc.get(document.doc) as RecordSetRow | undefined) : undefined;
      walk.take(set ? [set] : [], true);
    } else if (query.key !== undefined) {
      while (walk.take(s.scanRecordSetsByKey.all(query.key, walk.from, RECORD_SCAN_PAGE) as RecordSetRow[]));
    } else {
      while (walk.take(s.scanRecordSets.all(walk.from, RECORD_SCAN_PAGE) as RecordSetRow[]));
    }
    return walk.page();
  }

  async *iterateRecords(
    query: Omit<RecordQuery, 'after' | 'limit'> & { pageSize?: number },
  ): AsyncIterable<StoredRecord> {
    const { pageSize, ...filter } = query;
    const limit = pageSize ?? DEFAULT_ITERATE_PAGE;
    yield* pagesOf((after) => this.queryRecords({ ...filter, limit, after }));
  }

  async searchText(query: string, options: TextSearchOptions = {}): Promise<TextSearchHit[]> {
    const search = toFtsQuery(query);
    if (search === null) return [];
    const limit = sqlLimit(options.limit);
    const marks = searchMarks(options);
    try {
      return this.search(search, limit, marks);
    } catch (error) {
      // A word this code keeps whole but the index's tokenizer splits (a character the two read
      // differently) would be a phrase, which the index cannot answer: nothing is found.
      if (error instanceof Database.SqliteError && /phrase/i.test(error.message)) return [];
      throw error;
    }
  }

  private search(search: { match: string; phrases: string[][] }, limit: number, marks: { open: string; close: string }): TextSearchHit[] {
    if (search.phrases.length === 0) {
      const rows = this.statements.searchText.all(marks.open, marks.close, search.match, limit) as SearchRow[];
      return rows.map((row) => toHit(row, row.snippet));
    }
    // The index knows which column holds a word, not where: a phrase ("crack down" from
    // `crack-down`) is found as its words, then checked against the title and text themselves.
    const hits: TextSearchHit[] = [];
    if (limit === 0) return hits;
    for (const row of this.statements.searchTextWithContent.iterate(marks.open, marks.close, search.match) as IterableIterator<SearchRow & { text: string }>) {
      if (!hasPhrases(row.title, row.text, search.phrases)) continue;
      hits.push(toHit(row, row.snippet));
      if (hits.length === limit) break;
    }
    return hits;
  }

  async findDocumentsByIdPrefix(prefix: string, options: { limit?: number } = {}): Promise<DocumentSummary[]> {
    const typed = requireString(prefix, 'findDocumentsByIdPrefix: prefix');
    if (typed === '') return [];
    // Ids are compared in lower case as JavaScript folds them (SQLite's own lower() and LIKE fold
    // ASCII only); a scan of the id column is cheap next to anything a person waits for.
    const rows = this.statements.findByIdPrefix.all(typed.toLowerCase(), sqlLimit(options.limit)) as DocumentMetaRow[];
    return rows.map(toSummary);
  }

  async deleteDocument(documentId: string): Promise<boolean> {
    return this.deleteTransaction(documentId);
  }

  async getSetting(name: string): Promise<string | null> {
    const row = this.statements.getSetting.get(requireString(name, 'getSetting: name')) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async putSetting(name: string, value: string | null): Promise<void> {
    requireString(name, 'putSetting: name');
    if (value === null) this.statements.deleteSetting.run(name);
    else this.statements.putSetting.run(name, requireString(value, 'putSetting: value'));
  }

  async putReview(input: ReviewInput): Promise<AuditEntry> {
    return this.reviews.putReview(input);
  }

  async getReviews(options: { documentId?: string } = {}): Promise<Review[]> {
    return this.reviews.getReviews(options.documentId);
  }

  async listAudit(options: { documentId?: string; limit?: number; after?: string } = {}): Promise<Page<AuditEntry>> {
    return this.reviews.listAudit(options);
  }

  async *iterateCorpusDocuments(options: { pageSize?: number } = {}): AsyncIterable<CorpusDocumentRow> {
    const limit = pageSizeOf(options.pageSize, 'iterateCorpusDocuments');
    for (let after = 0; ; ) {
      const rows = this.statements.corpusDocuments.all(after, limit) as Array<CorpusDocumentRow & { doc: number }>;
      for (const { doc: _doc, ...row } of rows) yield row;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]!.doc;
    }
  }

  async *iterateCorpusLinks(options: { pageSize?: number } = {}): AsyncIterable<CorpusLinkRow> {
    const limit = pageSizeOf(options.pageSize, 'iterateCorpusLinks');
    for (let after = 0; ; ) {
      const rows = this.statements.corpusLinks.all(after, limit) as Array<CorpusLinkRow & { seq: number }>;
      for (const { seq: _seq, ...row } of rows) yield row;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async getCorpusClusters(): Promise<CorpusClusterRow[]> {
    return this.statements.corpusClusters.all() as CorpusClusterRow[];
  }

  async saveCorpusUpdate(update: CorpusUpdate): Promise<void> {
    if (!update || !Array.isArray(update.documents) || !Array.isArray(update.links) || (update.clusters !== null && !Array.isArray(update.clusters))) {
      throw new StoreValueError('saveCorpusUpdate: expected { documents: [], links: [], clusters: [] | null }');
    }
    this.corpusTransaction(update);
  }

  async clearCorpus(): Promise<void> {
    this.db.exec('DELETE FROM corpus_links; DELETE FROM corpus_clusters; DELETE FROM corpus_documents;');
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.written > 0) this.tidyAfterWrites();
    this.db.close();
  }

  /**
   * After writes, merges the full-text index's segments (batch writes leave many small ones, a
   * third of the index on news text) and gives the freed pages back to the disk. A run that wrote a
   * tenth of the documents or more merges all of it ('optimize', about 0.1 s per thousand
   * documents); a smaller one merges a bounded amount, so adding one document to a large store
   * stays cheap. Busy or read-only: the index stays as it was, which costs only space.
   */
  private tidyAfterWrites(): void {
    try {
      const total = (this.statements.countDocuments.get() as { count: number }).count;
      if (this.written * 10 >= total) this.db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')");
      else this.db.exec(`INSERT INTO documents_fts (documents_fts, rank) VALUES ('merge', ${FTS_MERGE_PAGES})`);
      if ((this.db.pragma('auto_vacuum', { simple: true }) as number) === 2) this.db.pragma('incremental_vacuum');
    } catch {
      // See above.
    }
  }

  /**
   * Copies the whole database to `destination` with SQLite's online backup: a consistent snapshot
   * even while other connections write (WAL), including what is still in the write-ahead log.
   * `destination` must not exist, so a backup never overwrites anything.
   */
  async backup(destination: string): Promise<void> {
    if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file for the backup`);
    mkdirSync(dirname(destination), { recursive: true });
    await this.db.backup(destination);
    const copy = new Database(destination, { fileMustExist: true });
    try {
      // A backup file is self-contained: no write-ahead log beside it.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  }

  /** SQLite's own check of the file (`PRAGMA integrity_check`): `['ok']` when it is sound. */
  async checkIntegrity(): Promise<string[]> {
    return (this.db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  }

  /**
   * Replaces the database at `target` with the backup at `source`, after checking that the backup is
   * a sound claimtrace database that this version can read; the backup is then brought to the
   * current schema like any database that is opened. The copy goes through SQLite's backup API into
   * the target, so a target in WAL mode is replaced whole, never mixed with its old log.
   */
  static async restore(source: string, target: string): Promise<void> {
    if (!existsSync(source)) throw new Error(`${source} does not exist`);
    let backup: Database.Database;
    try {
      backup = new Database(source, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new Error(`${source} cannot be opened as a database (${(error as Error).message})`);
    }
    try {
      let problems: string[];
      try {
        problems = (backup.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
      } catch (error) {
        throw new Error(`${source} is not a database (${(error as Error).message})`);
      }
      if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(`${source} is damaged: ${problems.slice(0, 5).join('; ')}`);
      const hasTables = backup.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'documents')").get() as { n: number };
      if (hasTables.n !== 2) throw new Error(`${source} is not a claimtrace database`);
      const version = schemaVersion(backup);
      if (version > latestSchemaVersion()) {
        throw new Error(`${source} has schema version ${version}, newer than this version of claimtrace supports (${latestSchemaVersion()}); upgrade claimtrace`);
      }
      mkdirSync(dirname(target), { recursive: true });
      await backup.backup(target);
    } finally {
      backup.close();
    }
    // Applies the migrations a backup from an older version lacks.
    SqliteStore.open(target).db.close();
  }

  private readonly corpusTransaction = (update: CorpusUpdate): void => {
    const s = this.statements;
    const docOf = (id: string, what: string): number => {
      const row = s.getDoc.get(requireString(id, what)) as { doc: number } | undefined;
      if (!row) throw new StoreValueError(`${what}: no stored document ${JSON.stringify(id)}`);
      return row.doc;
    };
    this.db
      .transaction(() => {
        for (const row of update.documents) {
          s.putCorpusDocument.run(
            docOf(row.documentId, 'saveCorpusUpdate: document'),
            requireString(row.contentHash, 'saveCorpusUpdate: contentHash'),
            requireString(row.version, 'saveCorpusUpdate: version'),
            docOf(row.representative, 'saveCorpusUpdate: representative'),
            requireString(row.features, 'saveCorpusUpdate: features'),
          );
        }
        for (const link of update.links) {
          if (link.kind !== 'origin' && link.kind !== 'claim') throw new StoreValueError(`saveCorpusUpdate: link kind ${JSON.stringify(link.kind)} is not origin or claim`);
          s.insertCorpusLink.run(docOf(link.documentA, 'saveCorpusUpdate: link'), docOf(link.documentB, 'saveCorpusUpdate: link'), link.kind, requireString(link.data, 'saveCorpusUpdate: link data'));
        }
        if (update.clusters !== null) {
          s.deleteCorpusClusters.run();
          update.clusters.forEach((cluster, seq) => {
            s.insertCorpusCluster.run(seq, requireString(cluster.id, 'saveCorpusUpdate: cluster id'), requireString(cluster.kind, 'saveCorpusUpdate: cluster kind'), cluster.independentSources, cluster.documents, requireString(cluster.data, 'saveCorpusUpdate: cluster data'));
          });
        }
      })
      .immediate();
  };

  private writeDocument(save: CheckedSave): void {
    const s = this.statements;
    this.written++;
    const document = save.document;
    const existing = s.getForReplace.get(document.id) as ReplaceRow | undefined;
    let doc: number;
    if (existing) {
      doc = existing.doc;
      // Same title and text: the full-text entry is still right (the usual case when re-analysing).
      // Deflate is deterministic: the same text compresses to the same bytes.
      const reindex = existing.title !== document.title || !existing.text_z.equals(save.textZ);
      // An external-content index forgets a row only when told the exact values it indexed.
      if (reindex) s.deleteFts.run(doc, existing.title, inflateText(existing.text_z));
      this.deleteKeysOf(doc);
      s.updateDocument.run(
        document.title, document.url, document.publishedAt, document.format, document.contentHash, document.length,
        document.source, save.analysedAt, save.recordCounts, save.errorCount, save.textZ, doc,
      );
      if (reindex) s.insertFts.run(doc, document.title, document.text);
    } else {
      doc = Number(
        s.insertDocument.run(
          document.id, document.title, document.url, document.publishedAt, document.format, document.contentHash,
          document.length, document.source, save.analysedAt, save.recordCounts, save.errorCount, save.textZ,
        ).lastInsertRowid,
      );
      s.insertFts.run(doc, document.title, document.text);
    }
    s.putRecordSet.run(doc, save.data);
    for (const key of save.keys) s.insertKey.run(key, doc);
  }

  /** Removes a document's rows from `record_keys`, found through its record set (the table has no index by document). */
  private deleteKeysOf(doc: number): void {
    const row = this.statements.getRecordSetData.get(doc) as { data: Buffer } | undefined;
    if (!row) return;
    for (const key of keysOfRecordSet(row.data)) this.statements.deleteKey.run(key, doc);
  }

  private removeDocument(documentId: string): boolean {
    const existing = this.statements.getForReplace.get(documentId) as ReplaceRow | undefined;
    if (!existing) return false;
    this.statements.deleteFts.run(existing.doc, existing.title, inflateText(existing.text_z));
    this.deleteKeysOf(existing.doc);
    // Its record set goes with it (ON DELETE CASCADE).
    this.statements.deleteDocument.run(existing.doc);
    return true;
  }

}

const SEARCH_SELECT = `SELECT documents.id AS id, documents.title AS title, documents.source AS source,
       documents.published_at AS published_at,
       snippet(documents_fts, -1, ?, ?, '${SNIPPET_ELLIPSIS}', ${SNIPPET_TOKENS}) AS snippet
FROM documents_fts JOIN documents ON documents.doc = documents_fts.rowid
WHERE documents_fts MATCH ?
ORDER BY bm25(documents_fts, 2.0, 1.0), documents.doc`;

interface SearchRow {
  id: string;
  title: string | null;
  source: string | null;
  published_at: string | null;
  snippet: string;
}

function prepareStatements(db: Database.Database) {
  return {
    getDocument: db.prepare(`SELECT ${DOCUMENT_META_COLUMNS}, text_z FROM documents WHERE id = ?`),
    getDoc: db.prepare('SELECT doc FROM documents WHERE id = ?'),
    getForReplace: db.prepare('SELECT doc, title, text_z FROM documents WHERE id = ?'),
    getRecordSet: db.prepare(
      'SELECT r.data, d.text_z FROM documents d JOIN record_sets r ON r.doc = d.doc WHERE d.id = ?',
    ),
    getRecordSetByDoc: db.prepare(
      'SELECT r.doc, d.id AS document_id, r.data, d.text_z FROM record_sets r JOIN documents d ON d.doc = r.doc WHERE r.doc = ?',
    ),
    scanRecordSets: db.prepare(
      `SELECT r.doc, d.id AS document_id, r.data, d.text_z FROM record_sets r JOIN documents d ON d.doc = r.doc
       WHERE r.doc >= ? ORDER BY r.doc LIMIT ?`,
    ),
    scanRecordSetsByKey: db.prepare(
      `SELECT k.doc, d.id AS document_id, r.data, d.text_z FROM record_keys k
       JOIN record_sets r ON r.doc = k.doc JOIN documents d ON d.doc = k.doc
       WHERE k.key = ? AND k.doc >= ? ORDER BY k.doc LIMIT ?`,
    ),
    findByContentHash: db.prepare('SELECT id FROM documents WHERE content_hash = ? ORDER BY doc'),
    findByContentHashLimit: db.prepare('SELECT id FROM documents WHERE content_hash = ? ORDER BY doc LIMIT ?'),
    getStoredSet: db.prepare(
      'SELECT r.data, d.text_z, d.record_counts, d.error_count FROM documents d JOIN record_sets r ON r.doc = d.doc WHERE d.id = ?',
    ),
    listDocuments: db.prepare(`SELECT ${DOCUMENT_META_COLUMNS} FROM documents WHERE doc > ? ORDER BY doc LIMIT ?`),
    countDocuments: db.prepare('SELECT count(*) AS count FROM documents'),
    findByIdPrefix: db.prepare(
      `SELECT ${DOCUMENT_META_COLUMNS} FROM documents WHERE claimtrace_id_starts_with(id, ?) ORDER BY doc LIMIT ?`,
    ),
    searchText: db.prepare(`${SEARCH_SELECT} LIMIT ?`),
    searchTextWithContent: db.prepare(SEARCH_SELECT.replace('AS snippet', 'AS snippet, claimtrace_inflate(documents.text_z) AS text')),
    insertDocument: db.prepare(
      `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, source, analysed_at,
                              record_counts, error_count, text_z)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateDocument: db.prepare(
      `UPDATE documents SET title = ?, url = ?, published_at = ?, format = ?, content_hash = ?, length = ?, source = ?,
                            analysed_at = ?, record_counts = ?, error_count = ?, text_z = ?
       WHERE doc = ?`,
    ),
    deleteDocument: db.prepare('DELETE FROM documents WHERE doc = ?'),
    getSetting: db.prepare('SELECT value FROM settings WHERE name = ?'),
    corpusDocuments: db.prepare(
      `SELECT c.doc, d.id AS documentId, c.content_hash AS contentHash, c.version, r.id AS representative, c.features
       FROM corpus_documents c JOIN documents d ON d.doc = c.doc JOIN documents r ON r.doc = c.representative
       WHERE c.doc > ? ORDER BY c.doc LIMIT ?`,
    ),
    corpusLinks: db.prepare(
      `SELECT l.seq, a.id AS documentA, b.id AS documentB, l.kind, l.data
       FROM corpus_links l JOIN documents a ON a.doc = l.doc_a JOIN documents b ON b.doc = l.doc_b
       WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
    ),
    corpusClusters: db.prepare('SELECT id, kind, independent_sources AS independentSources, documents, data FROM corpus_clusters ORDER BY seq'),
    putCorpusDocument: db.prepare(
      `INSERT INTO corpus_documents (doc, content_hash, version, representative, features) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (doc) DO UPDATE SET content_hash = excluded.content_hash, version = excluded.version,
         representative = excluded.representative, features = excluded.features`,
    ),
    insertCorpusLink: db.prepare('INSERT INTO corpus_links (doc_a, doc_b, kind, data) VALUES (?, ?, ?, ?)'),
    deleteCorpusClusters: db.prepare('DELETE FROM corpus_clusters'),
    insertCorpusCluster: db.prepare('INSERT INTO corpus_clusters (seq, id, kind, independent_sources, documents, data) VALUES (?, ?, ?, ?, ?, ?)'),
    putSetting: db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    deleteSetting: db.prepare('DELETE FROM settings WHERE name = ?'),
    insertFts: db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)'),
    deleteFts: db.prepare("INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)"),
    getRecordSetData: db.prepare('SELECT data FROM record_sets WHERE doc = ?'),
    deleteKey: db.prepare('DELETE FROM record_keys WHERE key = ? AND doc = ?'),
    insertKey: db.prepare('INSERT OR IGNORE INTO record_keys (key, doc) VALUES (?, ?)'),
    putRecordSet: db.prepare('INSERT INTO record_sets (doc, data) VALUES (?, ?) ON CONFLICT (doc) DO UPDATE SET data = excluded.data'),
  };
}

/** SQLite reads a negative LIMIT as "no limit". */
function sqlLimit(limit: number | undefined): number {
  return limit === undefined ? -1 : Math.max(0, Math.floor(limit));
}

/**
 * After a schema-1 file is converted, most of its pages are free (the text was stored three
 * times); VACUUM gives them back to the disk. Another process holding the file makes it fail,
 * which costs only the space, so a failure is ignored.
 */
function compactAfterConversion(db: Database.Database): void {
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const total = db.pragma('page_count', { simple: true }) as number;
  if (free < 256 || free < total / 4) return;
  try {
    // WAL files keep their page size; leaving WAL for the VACUUM lets it take PAGE_SIZE.
    db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } catch {
    // Busy or read-only: the file keeps its free pages and reuses them for new documents.
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error, and the phrases to
 * check (`searchTerms`): every word becomes a quoted FTS5 string, and all must match (FTS operators
 * typed by the user, `OR`, `NEAR`, `*`, `col:`, are plain words). Null means nothing is left to
 * search for.
 */
function toFtsQuery(query: string): { match: string; phrases: string[][] } | null {
  const terms = searchTerms(query);
  if (terms === null) return null;
  return { match: terms.words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' '), phrases: terms.phrases };
}
