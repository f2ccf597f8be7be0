import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding } from '../core/finding.js';
import { decodeFindingParts, StoreValueError } from './codec.js';
import { optionalString, requireString, runRecordsOf, toPreparedSave, type PreparedSave } from './prepare-save.js';
import { decodeRecordSet, foldNocase, type StoredRecordRow } from './record-sets.js';
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

/** Page sizes when the caller gives none. */
const DEFAULT_PAGE = 100;
const DEFAULT_ITERATE_PAGE = 500;

/** Marks around each matched term in `searchText` snippets. */
const SNIPPET_OPEN = '[';
const SNIPPET_CLOSE = ']';
const SNIPPET_ELLIPSIS = '…';
const SNIPPET_TOKENS = 16;

/** Migrations that free most of a filled file's pages: after them the file is compacted. */
const COMPACTING_MIGRATIONS: readonly number[] = [2, 4];
/** Documents read per query while a record query walks the record sets. */
const RECORD_SCAN_PAGE = 64;

const DOCUMENT_META_COLUMNS =
  'doc, id, title, url, published_at, format, content_hash, length, source, analysed_at, record_counts, error_count';

interface DocumentMetaRow {
  doc: number;
  id: string;
  title: string | null;
  url: string | null;
  published_at: string | null;
  format: string;
  content_hash: string;
  length: number;
  source: string | null;
  analysed_at: string;
  record_counts: string;
  error_count: number;
}

interface RecordSetRow {
  doc: number;
  document_id: string;
  data: Buffer;
}

interface ReplaceRow {
  doc: number;
  title: string | null;
  text_z: Buffer;
}

/** The sort key of a record page: document, start, end, kind, record id, analysis. */
export type RecordCursor = [doc: number, start: number, end: number, kind: string, recordId: string, analysis: string];

/**
 * The embedded store: one SQLite file in WAL mode, so the server can read while the CLI writes.
 * All SQL of the project lives here and in `migrations/`.
 */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly saveTransaction: (saves: readonly PreparedSave[]) => void;
  private readonly deleteTransaction: (documentId: string) => boolean;
  /** Documents written through this connection (counted inside transactions that may roll back: an upper bound). */
  private written = 0;
  private readonly reviews: ReviewTables;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.reviews = new ReviewTables(db);
    // IMMEDIATE takes the write lock before the first read, so a writer in another process makes
    // this one wait (busy_timeout) instead of failing when a read lock cannot be upgraded.
    this.saveTransaction = db.transaction((saves: readonly PreparedSave[]) => {
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
    const row = this.statements.getRecordSet.get(documentId) as { data: Buffer; text_z: Buffer } | undefined;
    if (!row) return [];
    const { runs } = decodeRecordSet(row.data);
    if (runs.length === 0) return [];
    const text = runs.some((run) => JSON.stringify(run[4]).includes('"$span"')) ? inflateText(row.text_z) : '';
    return runRecordsOf(runs, text);
  }

  async getFindings(documentId: string, options: { analyses?: readonly string[] } = {}): Promise<Finding[]> {
    const row = this.statements.getRecordSet.get(documentId) as { data: Buffer; text_z: Buffer } | undefined;
    if (!row) return [];
    const wanted = options.analyses === undefined ? null : new Set(options.analyses);
    const records = decodeRecordSet(row.data).records.filter((record) => wanted === null || wanted.has(record[0]));
    if (records.length === 0) return [];
    const text = inflateText(row.text_z);
    return records.map((record) => toFinding(record, text));
  }

  async findByContentHash(contentHash: string): Promise<string[]> {
    return (this.statements.findByContentHash.all(contentHash) as Array<{ id: string }>).map((row) => row.id);
  }

  async listDocuments(options: { limit?: number; after?: string } = {}): Promise<Page<DocumentSummary>> {
    const limit = pageLimit(options.limit);
    const after = options.after === undefined ? 0 : decodeDocumentCursor(options.after);
    const rows = this.statements.listDocuments.all(after, limit + 1) as DocumentMetaRow[];
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toSummary);
    const last = more ? rows[limit - 1] : undefined;
    return { items, next: last ? encodeCursor(['d', last.doc]) : null };
  }

  async *iterateDocuments(options: { pageSize?: number } = {}): AsyncIterable<DocumentSummary> {
    const limit = options.pageSize ?? DEFAULT_ITERATE_PAGE;
    let after: string | undefined;
    do {
      const page = await this.listDocuments({ limit, after });
      yield* page.items;
      after = page.next ?? undefined;
    } while (after !== undefined);
  }

  async countDocuments(): Promise<number> {
    return (this.statements.countDocuments.get() as { count: number }).count;
  }

  async queryRecords(query: RecordQuery): Promise<Page<StoredRecord>> {
    if (query.overlaps && query.documentId === undefined) {
      throw new Error('queryRecords: `overlaps` needs `documentId` (offsets mean nothing across documents)');
    }
    const limit = pageLimit(query.limit);
    const cursor = query.after === undefined ? null : decodeRecordCursor(query.after);
    let only: number | null = null;
    if (query.documentId !== undefined) {
      const document = this.statements.getDoc.get(query.documentId) as { doc: number } | undefined;
      if (!document) return { items: [], next: null };
      only = document.doc;
    }
    const key = query.key === undefined ? null : foldNocase(query.key);
    const keep = (record: StoredRecordRow): boolean =>
      (query.kind === undefined || record[1] === query.kind) &&
      (query.analysis === undefined || record[0] === query.analysis) &&
      (key === null || (record[5] !== null && foldNocase(record[5]) === key)) &&
      // Half-open spans [start, end) overlap when each starts before the other ends.
      (query.overlaps === undefined || (record[3] < query.overlaps.end && record[4] > query.overlaps.start));

    // Walk the record sets in document order from the cursor's document, keeping what matches,
    // until one record more than the page is found (that one says whether there is a next page).
    const found: Array<{ set: RecordSetRow & { text_z: Buffer }; records: StoredRecordRow[] }> = [];
    let count = 0;
    let from = cursor ? cursor[0] : 0;
    scan: for (;;) {
      let rows: Array<RecordSetRow & { text_z: Buffer }>;
      if (only !== null) rows = only >= from ? [this.statements.getRecordSetByDoc.get(only) as RecordSetRow & { text_z: Buffer }].filter(Boolean) : [];
      else if (query.key !== undefined) rows = this.statements.scanRecordSetsByKey.all(query.key, from, RECORD_SCAN_PAGE) as typeof rows;
      else rows = this.statements.scanRecordSets.all(from, RECORD_SCAN_PAGE) as typeof rows;
      if (rows.length === 0) break;
      for (const set of rows) {
        let records = decodeRecordSet(set.data).records.filter(keep).sort(compareRecords);
        if (cursor && set.doc === cursor[0]) records = records.filter((record) => compareRecordToCursor(record, cursor) > 0);
        if (records.length === 0) continue;
        found.push({ set, records });
        count += records.length;
        if (count > limit) break scan;
      }
      if (only !== null) break;
      from = rows[rows.length - 1]!.doc + 1;
    }

    const items: StoredRecord[] = [];
    let last: { doc: number; record: StoredRecordRow } | undefined;
    let more = false;
    for (const { set, records } of found) {
      if (items.length === limit) {
        more = true;
        break;
      }
      const text = inflateText(set.text_z);
      for (const record of records) {
        if (items.length === limit) {
          more = true;
          break;
        }
        const [analysis, kind, recordId, start, end, recordKey] = record;
        items.push({ documentId: set.document_id, analysis, kind, recordId, start, end, key: recordKey, finding: toFinding(record, text) });
        last = { doc: set.doc, record };
      }
    }
    return {
      items,
      next:
        more && last
          ? encodeCursor(['r', last.doc, last.record[3], last.record[4], last.record[1], last.record[2], last.record[0]])
          : null,
    };
  }

  async *iterateRecords(
    query: Omit<RecordQuery, 'after' | 'limit'> & { pageSize?: number },
  ): AsyncIterable<StoredRecord> {
    const { pageSize, ...filter } = query;
    const limit = pageSize ?? DEFAULT_ITERATE_PAGE;
    let after: string | undefined;
    do {
      const page = await this.queryRecords({ ...filter, limit, after });
      yield* page.items;
      after = page.next ?? undefined;
    } while (after !== undefined);
  }

  async searchText(query: string, options: TextSearchOptions = {}): Promise<TextSearchHit[]> {
    const search = toFtsQuery(query);
    if (search === null) return [];
    const limit = sqlLimit(options.limit);
    const marks = options.marks ?? { open: SNIPPET_OPEN, close: SNIPPET_CLOSE };
    if (typeof marks.open !== 'string' || typeof marks.close !== 'string') throw new TypeError('searchText: marks must be two strings');
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
      return rows.map(toHit);
    }
    // The index knows which column holds a word, not where: a phrase ("crack down" from
    // `crack-down`) is found as its words, then checked against the title and text themselves.
    const hits: TextSearchHit[] = [];
    if (limit === 0) return hits;
    for (const row of this.statements.searchTextWithContent.iterate(marks.open, marks.close, search.match) as IterableIterator<SearchRow & { text: string }>) {
      if (!search.phrases.every((phrase) => containsPhrase(row.title ?? '', phrase) || containsPhrase(row.text, phrase))) continue;
      hits.push(toHit(row));
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

  private writeDocument(save: PreparedSave): void {
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
    const keys = new Set<string>();
    for (const record of decodeRecordSet(row.data).records) if (record[5] !== null) keys.add(record[5]);
    for (const key of keys) this.statements.deleteKey.run(key, doc);
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

function toHit(row: SearchRow): TextSearchHit {
  return { documentId: row.id, title: row.title, source: row.source, publishedAt: row.published_at, snippet: row.snippet };
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

export function toFinding(record: StoredRecordRow, text: string): Finding {
  const [analysis, kind, recordId, start, end, , rest] = record;
  return decodeFindingParts({ analysis, kind, record_id: recordId, start, end, rest }, text);
}

/** Records within a document sort by start, end, kind, record id and analysis (the page order). */
export function compareRecords(a: StoredRecordRow, b: StoredRecordRow): number {
  return a[3] - b[3] || a[4] - b[4] || compareText(a[1], b[1]) || compareText(a[2], b[2]) || compareText(a[0], b[0]);
}

export function compareRecordToCursor(record: StoredRecordRow, cursor: RecordCursor): number {
  const [, start, end, kind, recordId, analysis] = cursor;
  return record[3] - start || record[4] - end || compareText(record[1], kind) || compareText(record[2], recordId) || compareText(record[0], analysis);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A page size for the iterators: a positive integer, DEFAULT_ITERATE_PAGE when absent. */
export function pageSizeOf(value: number | undefined, where: string): number {
  if (value === undefined) return DEFAULT_ITERATE_PAGE;
  if (!Number.isInteger(value) || value < 1) throw new StoreValueError(`${where}: pageSize must be a positive integer`);
  return value;
}

function toMeta(row: DocumentMetaRow) {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    format: row.format as StoredDocument['format'],
    contentHash: row.content_hash,
    length: row.length,
    source: row.source,
    analysedAt: row.analysed_at,
  };
}

function toSummary(row: DocumentMetaRow): DocumentSummary {
  return { ...toMeta(row), recordCounts: JSON.parse(row.record_counts) as Record<string, number>, errorCount: row.error_count };
}

/** A page size: a positive integer, 100 when not given. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return limit;
}

/** SQLite reads a negative LIMIT as "no limit". */
function sqlLimit(limit: number | undefined): number {
  return limit === undefined ? -1 : Math.max(0, Math.floor(limit));
}

/** Cursors are opaque to callers: base64url of a small JSON array whose first element names the list. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function parseCursor(cursor: string, tag: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values[0] !== tag) throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  return values.slice(1);
}

export function decodeDocumentCursor(cursor: string): number {
  const [doc] = parseCursor(cursor, 'd');
  if (!Number.isInteger(doc)) throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  return doc as number;
}

export function decodeRecordCursor(cursor: string): RecordCursor {
  const values = parseCursor(cursor, 'r');
  const [doc, start, end, kind, recordId, analysis] = values;
  if (
    values.length !== 6 ||
    !Number.isInteger(doc) ||
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    typeof kind !== 'string' ||
    typeof recordId !== 'string' ||
    typeof analysis !== 'string'
  ) {
    throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  }
  return values as RecordCursor;
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
 * check. Each whitespace-separated term is cut into words as the index cuts them; every word
 * becomes a quoted FTS5 string, and all must match (FTS operators typed by the user, `OR`, `NEAR`,
 * `*`, `col:`, are plain words). A term of several words (`crack-down`, `3,000`) must also appear
 * as those words in a row, in the title or in the text: `phrases` lists them for the caller to
 * check, since the index does not keep positions. Terms without a letter or digit are dropped;
 * null means nothing is left to search for.
 */
function toFtsQuery(query: string): { match: string; phrases: string[][] } | null {
  const words: string[] = [];
  const phrases: string[][] = [];
  for (const term of String(query).split(/\s+/u)) {
    const tokens = tokenize(term);
    if (tokens.length === 0) continue;
    words.push(...tokens);
    if (tokens.length > 1) phrases.push(tokens);
  }
  if (words.length === 0) return null;
  return { match: [...new Set(words)].map((word) => `"${word.replace(/"/g, '""')}"`).join(' '), phrases };
}

/**
 * Words as FTS5's `unicode61 remove_diacritics 2` tokenizer makes them: runs of letters, digits,
 * private-use characters and combining marks, folded to lower case without diacritics.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{Co}\p{M}]+/gu)) {
    const folded = match[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded !== '') tokens.push(folded);
  }
  return tokens;
}

/** True when `phrase` (folded words) occurs as consecutive words of `text`. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  const first = phrase[0]!;
  const words = tokenize(text);
  for (let i = words.indexOf(first); i >= 0 && i + phrase.length <= words.length; i = words.indexOf(first, i + 1)) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}
