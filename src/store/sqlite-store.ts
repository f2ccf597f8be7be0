import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding } from '../core/finding.js';
import { decodeFinding, decodeJson, encodeFinding, encodeJson, StoreValueError } from './codec.js';
import { compressText, inflateText, registerTextFunctions } from './text-codec.js';
import { migrate } from './schema.js';
import type {
  CorpusClusterRow,
  CorpusDocumentRow,
  CorpusLinkRow,
  CorpusUpdate,
  DocumentSave,
  DocumentSummary,
  Page,
  RecordQuery,
  RunRecord,
  Store,
  StoredDocument,
  StoredRecord,
  StoredRunStatus,
  TextSearchHit,
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

/** Page sizes when the caller gives none. */
const DEFAULT_PAGE = 100;
const DEFAULT_ITERATE_PAGE = 500;

/** Marks around each matched term in `searchText` snippets. */
const SNIPPET_OPEN = '[';
const SNIPPET_CLOSE = ']';
const SNIPPET_ELLIPSIS = '…';
const SNIPPET_TOKENS = 16;

/** The migration that introduced this layout; after converting a filled schema-1 file, the file is compacted. */
const TEXT_ONCE_MIGRATION = 2;

const RUN_STATUSES: ReadonlySet<string> = new Set<StoredRunStatus>(['ok', 'failed', 'skipped']);

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

interface RecordRow {
  doc: number;
  document_id: string;
  analysis: string;
  kind: string;
  record_id: string;
  start: number;
  end: number;
  key: string | null;
  json: string;
}

interface RunRow {
  analysis: string;
  version: string;
  cache_key: string;
  status: StoredRunStatus;
  diagnostics: string;
  duration_ms: number | null;
}

/** One document save, validated and encoded before the write transaction starts. */
interface PreparedSave {
  document: {
    id: string;
    title: string | null;
    url: string | null;
    publishedAt: string | null;
    format: string;
    contentHash: string;
    length: number;
    source: string | null;
    text: string;
  };
  analysedAt: string;
  /** The text compressed for storage (text-codec.ts), made before the transaction. */
  textZ: Buffer;
  recordCounts: string;
  errorCount: number;
  runs: Array<{ analysis: string; version: string; cacheKey: string; status: string; diagnostics: string; durationMs: number | null }>;
  records: Array<{ analysis: string; kind: string; id: string; start: number; end: number; key: string | null; json: string }>;
}

interface ReplaceRow {
  doc: number;
  title: string | null;
  text_z: Buffer;
}

/** The sort key of a record page: document, start, end, kind, record id, analysis. */
type RecordCursor = [doc: number, start: number, end: number, kind: string, recordId: string, analysis: string];

/**
 * The embedded store: one SQLite file in WAL mode, so the server can read while the CLI writes.
 * All SQL of the project lives here and in `migrations/`.
 */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly saveTransaction: (saves: readonly PreparedSave[]) => void;
  private readonly deleteTransaction: (documentId: string) => boolean;
  private readonly recordQueries = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
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
      // Only a new file takes it (before its first table); see compactAfterConversion for old ones.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL cannot corrupt the file; a power cut may lose only the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      registerTextFunctions(db);
      // A larger page cache keeps the record indexes' inner pages in memory during batch writes.
      db.pragma(`cache_size = -${CACHE_KIB}`);
      const applied = migrate(db);
      if (applied.includes(TEXT_ONCE_MIGRATION)) compactAfterConversion(db);
      // Merge full-text segments less eagerly: batch writes make many small segments, and merging
      // them 8 at a time instead of 4 cut write time by about a fifth at a negligible query cost.
      db.exec(`INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', ${FTS_AUTOMERGE})`);
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async saveBatch(saves: readonly DocumentSave[]): Promise<void> {
    // Everything that can fail without touching the database (a value JSON cannot hold, a missing
    // id, a duplicate record) fails here, before the transaction; what fails inside it rolls the
    // whole batch back.
    if (!Array.isArray(saves)) throw new StoreValueError('saveBatch: expected an array of saves');
    const prepared = saves.map((save, index) => prepareSave(save, index));
    if (prepared.length === 0) return;
    this.saveTransaction(prepared);
  }

  async getDocument(documentId: string): Promise<StoredDocument | null> {
    const row = this.statements.getDocument.get(documentId) as (DocumentMetaRow & { text_z: Buffer }) | undefined;
    if (!row) return null;
    return { ...toMeta(row), text: inflateText(row.text_z) };
  }

  async getRuns(documentId: string): Promise<RunRecord[]> {
    const rows = this.statements.getRuns.all(documentId) as RunRow[];
    if (rows.length === 0) return [];
    const text = rows.some((row) => row.diagnostics.includes('"$span"')) ? this.textOfId(documentId) : '';
    return rows.map((row) => ({
      analysis: row.analysis,
      version: row.version,
      cacheKey: row.cache_key,
      status: row.status,
      diagnostics: decodeJson(row.diagnostics, text) as RunRecord['diagnostics'],
      durationMs: row.duration_ms,
    }));
  }

  async getFindings(documentId: string, options: { analyses?: readonly string[] } = {}): Promise<Finding[]> {
    const row = this.statements.getText.get(documentId) as { doc: number; text_z: Buffer } | undefined;
    if (!row) return [];
    const document = { doc: row.doc, text: inflateText(row.text_z) };
    const rows = (
      options.analyses === undefined
        ? this.statements.getFindings.all(document.doc)
        : this.statements.getFindingsOf.all(document.doc, JSON.stringify([...options.analyses]))
    ) as RecordRow[];
    return rows.map((row) => decodeFinding(row, document.text));
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.documentId !== undefined) {
      const document = this.statements.getDoc.get(query.documentId) as { doc: number } | undefined;
      if (!document) return { items: [], next: null };
      where.push('r.doc = ?');
      params.push(document.doc);
    }
    if (query.kind !== undefined) {
      where.push('r.kind = ?');
      params.push(query.kind);
    }
    if (query.analysis !== undefined) {
      where.push('r.analysis = ?');
      params.push(query.analysis);
    }
    if (query.key !== undefined) {
      // `key IS NOT NULL` lets SQLite use the partial index `records_key`.
      where.push('r.key = ? COLLATE NOCASE AND r.key IS NOT NULL');
      params.push(query.key);
    }
    if (query.overlaps) {
      // Half-open spans [start, end) overlap when each starts before the other ends.
      where.push('r.start < ? AND r."end" > ?');
      params.push(query.overlaps.end, query.overlaps.start);
    }
    if (query.after !== undefined) {
      where.push('(r.doc, r.start, r."end", r.kind, r.record_id, r.analysis) > (?, ?, ?, ?, ?, ?)');
      params.push(...decodeRecordCursor(query.after));
    }
    const sql =
      'SELECT r.doc, d.id AS document_id, r.analysis, r.kind, r.record_id, r.start, r."end", r.key, r.json' +
      ' FROM records r JOIN documents d ON d.doc = r.doc' +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY r.doc, r.start, r."end", r.kind, r.record_id, r.analysis LIMIT ?';
    params.push(limit + 1);
    const rows = this.recordQuery(sql).all(...params) as RecordRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const texts = new Map<number, string>();
    const items = page.map((row): StoredRecord => {
      let text = texts.get(row.doc);
      if (text === undefined) {
        text = inflateText((this.statements.getTextByDoc.get(row.doc) as { text_z: Buffer }).text_z);
        texts.set(row.doc, text);
      }
      return {
        documentId: row.document_id,
        analysis: row.analysis,
        kind: row.kind,
        recordId: row.record_id,
        start: row.start,
        end: row.end,
        key: row.key,
        finding: decodeFinding(row, text),
      };
    });
    const last = more ? page[page.length - 1] : undefined;
    return {
      items,
      next: last ? encodeCursor(['r', last.doc, last.start, last.end, last.kind, last.record_id, last.analysis]) : null,
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

  async searchText(query: string, options: { limit?: number } = {}): Promise<TextSearchHit[]> {
    const search = toFtsQuery(query);
    if (search === null) return [];
    const limit = sqlLimit(options.limit);
    try {
      return this.search(search, limit);
    } catch (error) {
      // A word this code keeps whole but the index's tokenizer splits (a character the two read
      // differently) would be a phrase, which the index cannot answer: nothing is found.
      if (error instanceof Database.SqliteError && /phrase/i.test(error.message)) return [];
      throw error;
    }
  }

  private search(search: { match: string; phrases: string[][] }, limit: number): TextSearchHit[] {
    if (search.phrases.length === 0) {
      const rows = this.statements.searchText.all(search.match, limit) as SearchRow[];
      return rows.map(toHit);
    }
    // The index knows which column holds a word, not where: a phrase ("crack down" from
    // `crack-down`) is found as its words, then checked against the title and text themselves.
    const hits: TextSearchHit[] = [];
    if (limit === 0) return hits;
    for (const row of this.statements.searchTextWithContent.iterate(search.match) as IterableIterator<SearchRow & { text: string }>) {
      if (!search.phrases.every((phrase) => containsPhrase(row.title ?? '', phrase) || containsPhrase(row.text, phrase))) continue;
      hits.push(toHit(row));
      if (hits.length === limit) break;
    }
    return hits;
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
    if (this.db.open) this.db.close();
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
      s.deleteRuns.run(doc);
      s.deleteRecords.run(doc);
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
    save.runs.forEach((run, seq) => {
      s.insertRun.run(doc, seq, run.analysis, run.version, run.cacheKey, run.status, run.diagnostics, run.durationMs);
    });
    save.records.forEach((record, seq) => {
      s.insertRecord.run(doc, seq, record.analysis, record.kind, record.id, record.start, record.end, record.key, record.json);
    });
  }

  private removeDocument(documentId: string): boolean {
    const existing = this.statements.getForReplace.get(documentId) as ReplaceRow | undefined;
    if (!existing) return false;
    this.statements.deleteFts.run(existing.doc, existing.title, inflateText(existing.text_z));
    // Runs and records go with it (ON DELETE CASCADE).
    this.statements.deleteDocument.run(existing.doc);
    return true;
  }

  private textOfId(documentId: string): string {
    const row = this.statements.getText.get(documentId) as { text_z: Buffer } | undefined;
    return row ? inflateText(row.text_z) : '';
  }

  private recordQuery(sql: string): Database.Statement {
    let statement = this.recordQueries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.recordQueries.set(sql, statement);
    }
    return statement;
  }
}

const SEARCH_SELECT = `SELECT documents.id AS id, documents.title AS title,
       snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '${SNIPPET_ELLIPSIS}', ${SNIPPET_TOKENS}) AS snippet
FROM documents_fts JOIN documents ON documents.doc = documents_fts.rowid
WHERE documents_fts MATCH ?
ORDER BY bm25(documents_fts, 2.0, 1.0), documents.doc`;

interface SearchRow {
  id: string;
  title: string | null;
  snippet: string;
}

function toHit(row: SearchRow): TextSearchHit {
  return { documentId: row.id, title: row.title, snippet: row.snippet };
}

function prepareStatements(db: Database.Database) {
  return {
    getDocument: db.prepare(`SELECT ${DOCUMENT_META_COLUMNS}, text_z FROM documents WHERE id = ?`),
    getDoc: db.prepare('SELECT doc FROM documents WHERE id = ?'),
    getText: db.prepare('SELECT doc, text_z FROM documents WHERE id = ?'),
    getTextByDoc: db.prepare('SELECT text_z FROM documents WHERE doc = ?'),
    getForReplace: db.prepare('SELECT doc, title, text_z FROM documents WHERE id = ?'),
    getRuns: db.prepare(
      `SELECT runs.analysis, runs.version, runs.cache_key, runs.status, runs.diagnostics, runs.duration_ms
       FROM runs JOIN documents ON documents.doc = runs.doc WHERE documents.id = ? ORDER BY runs.seq`,
    ),
    getFindings: db.prepare(
      'SELECT analysis, kind, record_id, start, "end", json FROM records WHERE doc = ? ORDER BY seq',
    ),
    getFindingsOf: db.prepare(
      `SELECT analysis, kind, record_id, start, "end", json FROM records
       WHERE doc = ? AND analysis IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    ),
    findByContentHash: db.prepare('SELECT id FROM documents WHERE content_hash = ? ORDER BY doc'),
    listDocuments: db.prepare(`SELECT ${DOCUMENT_META_COLUMNS} FROM documents WHERE doc > ? ORDER BY doc LIMIT ?`),
    countDocuments: db.prepare('SELECT count(*) AS count FROM documents'),
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
    deleteRuns: db.prepare('DELETE FROM runs WHERE doc = ?'),
    deleteRecords: db.prepare('DELETE FROM records WHERE doc = ?'),
    insertRun: db.prepare(
      'INSERT INTO runs (doc, seq, analysis, version, cache_key, status, diagnostics, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertRecord: db.prepare(
      'INSERT INTO records (doc, seq, analysis, kind, record_id, start, "end", key, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

/** Checks and encodes one save; throws `StoreValueError` naming the save and the value at fault. */
function prepareSave(save: DocumentSave, index: number): PreparedSave {
  const where = `saveBatch[${index}]`;
  const document = save?.document;
  if (document === null || typeof document !== 'object') throw new StoreValueError(`${where}: no document`);
  if (typeof document.id !== 'string' || document.id === '') throw new StoreValueError(`${where}: the document has no id`);
  const at = `${where} (document ${JSON.stringify(document.id)})`;
  const text = requireString(document.text, `${at}.text`);
  const prepared: PreparedSave = {
    document: {
      id: document.id,
      title: optionalString(document.title, `${at}.title`),
      url: optionalString(document.url, `${at}.url`),
      publishedAt: optionalString(document.publishedAt, `${at}.publishedAt`),
      format: requireString(document.format, `${at}.format`),
      contentHash: requireString(document.contentHash, `${at}.contentHash`),
      length: text.length,
      source: optionalString(document.source, `${at}.source`),
      text,
    },
    analysedAt: requireString(save.analysedAt, `${at}.analysedAt`),
    textZ: compressText(text),
    recordCounts: '',
    errorCount: 0,
    runs: [],
    records: [],
  };
  if (!Array.isArray(save.runs)) throw new StoreValueError(`${at}.runs: expected an array`);
  if (!Array.isArray(save.records)) throw new StoreValueError(`${at}.records: expected an array`);
  const seenRuns = new Set<string>();
  save.runs.forEach((run, i) => {
    const runAt = `${at}.runs[${i}]`;
    const analysis = requireString(run?.analysis, `${runAt}.analysis`);
    if (analysis === '') throw new StoreValueError(`${runAt}: the run has no analysis name`);
    if (seenRuns.has(analysis)) throw new StoreValueError(`${runAt}: a second run of ${analysis}`);
    seenRuns.add(analysis);
    if (!RUN_STATUSES.has(run.status)) throw new StoreValueError(`${runAt}.status: ${JSON.stringify(run.status)} is not ok, failed or skipped`);
    if (!Array.isArray(run.diagnostics)) throw new StoreValueError(`${runAt}.diagnostics: expected an array`);
    const durationMs = run.durationMs ?? null;
    if (durationMs !== null && (typeof durationMs !== 'number' || !Number.isFinite(durationMs))) {
      throw new StoreValueError(`${runAt}.durationMs: expected a finite number or null`);
    }
    prepared.errorCount += run.diagnostics.filter((diagnostic) => diagnostic?.severity === 'error').length;
    prepared.runs.push({
      analysis,
      version: requireString(run.version, `${runAt}.version`),
      cacheKey: requireString(run.cacheKey, `${runAt}.cacheKey`),
      status: run.status,
      diagnostics: encodeJson(run.diagnostics, text, `${runAt}.diagnostics`),
      durationMs,
    });
  });
  const seenRecords = new Set<string>();
  const counts = new Map<string, number>();
  save.records.forEach((record, i) => {
    const recordAt = `${at}.records[${i}]`;
    if (record === null || typeof record !== 'object') throw new StoreValueError(`${recordAt}: expected { finding, key }`);
    const encoded = encodeFinding(record.finding, text, `${recordAt}.finding`);
    const identity = JSON.stringify([encoded.analysis, encoded.kind, encoded.id]);
    if (seenRecords.has(identity)) {
      throw new StoreValueError(`${recordAt}: a second ${encoded.kind} ${JSON.stringify(encoded.id)} from ${encoded.analysis}`);
    }
    seenRecords.add(identity);
    counts.set(encoded.kind, (counts.get(encoded.kind) ?? 0) + 1);
    prepared.records.push({ ...encoded, key: optionalString(record.key, `${recordAt}.key`) });
  });
  const recordCounts: Record<string, number> = {};
  for (const kind of [...counts.keys()].sort()) recordCounts[kind] = counts.get(kind)!;
  prepared.recordCounts = JSON.stringify(recordCounts);
  return prepared;
}

/** A page size for the iterators: a positive integer, DEFAULT_ITERATE_PAGE when absent. */
function pageSizeOf(value: number | undefined, where: string): number {
  if (value === undefined) return DEFAULT_ITERATE_PAGE;
  if (!Number.isInteger(value) || value < 1) throw new StoreValueError(`${where}: pageSize must be a positive integer`);
  return value;
}

function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new StoreValueError(`${where}: expected a string`);
  return value;
}

/** A string or null; `undefined` is read as null. */
function optionalString(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new StoreValueError(`${where}: expected a string or null`);
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
function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return limit;
}

/** SQLite reads a negative LIMIT as "no limit". */
function sqlLimit(limit: number | undefined): number {
  return limit === undefined ? -1 : Math.max(0, Math.floor(limit));
}

/** Cursors are opaque to callers: base64url of a small JSON array whose first element names the list. */
function encodeCursor(values: readonly unknown[]): string {
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

function decodeDocumentCursor(cursor: string): number {
  const [doc] = parseCursor(cursor, 'd');
  if (!Number.isInteger(doc)) throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  return doc as number;
}

function decodeRecordCursor(cursor: string): RecordCursor {
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
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{Co}\p{M}]+/gu)) {
    const folded = match[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded !== '') tokens.push(folded);
  }
  return tokens;
}

/** True when `phrase` (folded words) occurs as consecutive words of `text`. */
function containsPhrase(text: string, phrase: readonly string[]): boolean {
  const first = phrase[0]!;
  const words = tokenize(text);
  for (let i = words.indexOf(first); i >= 0 && i + phrase.length <= words.length; i = words.indexOf(first, i + 1)) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}
