import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AnalysisJson, SpanJson } from '../api/analysis-json.js';
import { migrate } from './schema.js';
import type { DocumentSummary, RecordQuery, SaveInput, Store, StoredRecord, TextSearchHit } from './store.js';

/** How long a connection waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** Marks around each matched term in `searchText` snippets. */
const SNIPPET_OPEN = '[';
const SNIPPET_CLOSE = ']';
const SNIPPET_ELLIPSIS = '…';
const SNIPPET_TOKENS = 16;

/** Contract array -> the `kind` its records get in the `records` table. */
const RECORD_KINDS = {
  entities: 'entity',
  quotes: 'quote',
  figures: 'figure',
  dates: 'date',
  framing: 'framing',
  claims: 'claim',
  events: 'event',
} as const;

type RecordArray = keyof typeof RECORD_KINDS;

interface DocumentRow {
  id: string;
  title: string | null;
  url: string | null;
  published_at: string | null;
  format: string;
  content_hash: string;
  length: number;
  source: string | null;
  analysed_at: string;
  quote_count: number;
  error_count: number;
}

interface RecordRow {
  document_id: string;
  kind: string;
  record_id: string;
  analysis: string;
  start: number;
  end: number;
  speaker: string | null;
  json: string;
}

interface RecordInsert {
  kind: string;
  recordId: string;
  analysis: string;
  start: number;
  end: number;
  speaker: string | null;
  json: string;
}

/**
 * The embedded store: one SQLite file in WAL mode, so the server can read while the CLI writes.
 * All SQL of the project lives here and in `migrations/`.
 */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly saveTransaction: (input: PreparedSave) => void;
  private readonly deleteTransaction: (documentId: string) => boolean;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    // IMMEDIATE takes the write lock before the first read, so a writer in another process makes
    // this one wait (busy_timeout) instead of failing when a read lock cannot be upgraded.
    this.saveTransaction = db.transaction((input: PreparedSave) => this.writeDocument(input)).immediate;
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
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL cannot corrupt the file; a power cut may lose only the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  save(input: SaveInput): void {
    // Everything that can fail without touching the database (a value JSON cannot hold, a
    // malformed object) fails here, before the transaction; what fails inside it rolls back.
    this.saveTransaction(prepareSave(input));
  }

  findCached(contentHash: string, cacheKey: string): AnalysisJson | null {
    const row = this.statements.findCached.get(contentHash, cacheKey) as { analysis_json: string } | undefined;
    return row ? (JSON.parse(row.analysis_json) as AnalysisJson) : null;
  }

  getAnalysis(documentId: string): AnalysisJson | null {
    const row = this.statements.getAnalysis.get(documentId) as { analysis_json: string } | undefined;
    return row ? (JSON.parse(row.analysis_json) as AnalysisJson) : null;
  }

  listDocuments(options: { limit?: number; offset?: number } = {}): DocumentSummary[] {
    const rows = this.statements.listDocuments.all(sqlLimit(options.limit), Math.max(0, options.offset ?? 0)) as DocumentRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      url: row.url,
      publishedAt: row.published_at,
      format: row.format,
      contentHash: row.content_hash,
      length: row.length,
      source: row.source,
      analysedAt: row.analysed_at,
      quoteCount: row.quote_count,
      errorCount: row.error_count,
    }));
  }

  countDocuments(): number {
    return (this.statements.countDocuments.get() as { count: number }).count;
  }

  queryRecords(query: RecordQuery): StoredRecord[] {
    if (query.overlaps && query.documentId === undefined) {
      throw new Error('queryRecords: `overlaps` needs `documentId` (offsets mean nothing across documents)');
    }
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.documentId !== undefined) {
      where.push('document_id = ?');
      params.push(query.documentId);
    }
    if (query.kind !== undefined) {
      where.push('kind = ?');
      params.push(query.kind);
    }
    if (query.speaker !== undefined) {
      where.push('speaker = ? COLLATE NOCASE');
      params.push(query.speaker);
    }
    if (query.overlaps) {
      // Half-open spans [start, end) overlap when each starts before the other ends.
      where.push('start < ? AND "end" > ?');
      params.push(query.overlaps.end, query.overlaps.start);
    }
    const sql =
      'SELECT document_id, kind, record_id, analysis, start, "end", speaker, json FROM records' +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY document_id, start, "end", kind, record_id LIMIT ?';
    params.push(sqlLimit(query.limit));
    const rows = this.db.prepare(sql).all(...params) as RecordRow[];
    return rows.map((row) => ({
      documentId: row.document_id,
      kind: row.kind,
      recordId: row.record_id,
      analysis: row.analysis,
      start: row.start,
      end: row.end,
      speaker: row.speaker,
      json: JSON.parse(row.json) as unknown,
    }));
  }

  searchText(query: string, options: { limit?: number } = {}): TextSearchHit[] {
    const match = toFtsQuery(query);
    if (match === null) return [];
    const rows = this.statements.searchText.all(match, sqlLimit(options.limit)) as Array<{
      id: string;
      title: string | null;
      snippet: string;
    }>;
    return rows.map((row) => ({ documentId: row.id, title: row.title, snippet: row.snippet }));
  }

  deleteDocument(documentId: string): boolean {
    return this.deleteTransaction(documentId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private writeDocument(input: PreparedSave): void {
    const { analysis, source, cacheKey, analysedAt } = input.save;
    const document = analysis.document;
    this.removeDocument(document.id);
    const fts = this.statements.insertFts.run(document.title ?? '', document.text);
    this.statements.insertDocument.run({
      id: document.id,
      title: document.title,
      url: document.url,
      published_at: document.publishedAt,
      format: document.format,
      content_hash: document.contentHash,
      length: document.length,
      text: document.text,
      source,
      cache_key: cacheKey,
      analysed_at: analysedAt,
      quote_count: analysis.quotes.length,
      error_count: analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      fts_rowid: fts.lastInsertRowid,
      analysis_json: input.analysisJson,
    });
    for (const record of input.records) {
      this.statements.insertRecord.run(
        document.id,
        record.kind,
        record.recordId,
        record.analysis,
        record.start,
        record.end,
        record.speaker,
        record.json,
      );
    }
  }

  private removeDocument(documentId: string): boolean {
    const row = this.statements.findFtsRowid.get(documentId) as { fts_rowid: number } | undefined;
    if (!row) return false;
    this.statements.deleteFts.run(row.fts_rowid);
    this.statements.deleteRecords.run(documentId);
    this.statements.deleteDocument.run(documentId);
    return true;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    findCached: db.prepare(
      'SELECT analysis_json FROM documents WHERE content_hash = ? AND cache_key = ? ORDER BY analysed_at DESC, id LIMIT 1',
    ),
    getAnalysis: db.prepare('SELECT analysis_json FROM documents WHERE id = ?'),
    listDocuments: db.prepare(
      `SELECT id, title, url, published_at, format, content_hash, length, source, analysed_at, quote_count, error_count
       FROM documents ORDER BY analysed_at, id LIMIT ? OFFSET ?`,
    ),
    countDocuments: db.prepare('SELECT count(*) AS count FROM documents'),
    searchText: db.prepare(
      `SELECT documents.id AS id, documents.title AS title,
              snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '${SNIPPET_ELLIPSIS}', ${SNIPPET_TOKENS}) AS snippet
       FROM documents_fts JOIN documents ON documents.fts_rowid = documents_fts.rowid
       WHERE documents_fts MATCH ?
       ORDER BY bm25(documents_fts, 2.0, 1.0), documents.id
       LIMIT ?`,
    ),
    findFtsRowid: db.prepare('SELECT fts_rowid FROM documents WHERE id = ?'),
    deleteFts: db.prepare('DELETE FROM documents_fts WHERE rowid = ?'),
    deleteRecords: db.prepare('DELETE FROM records WHERE document_id = ?'),
    deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
    insertFts: db.prepare('INSERT INTO documents_fts (title, text) VALUES (?, ?)'),
    insertDocument: db.prepare(
      `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, text, source, cache_key,
                              analysed_at, quote_count, error_count, fts_rowid, analysis_json)
       VALUES (@id, @title, @url, @published_at, @format, @content_hash, @length, @text, @source, @cache_key,
               @analysed_at, @quote_count, @error_count, @fts_rowid, @analysis_json)`,
    ),
    insertRecord: db.prepare(
      'INSERT INTO records (document_id, kind, record_id, analysis, start, "end", speaker, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

interface PreparedSave {
  save: SaveInput;
  analysisJson: string;
  records: RecordInsert[];
}

function prepareSave(input: SaveInput): PreparedSave {
  const analysis = input.analysis;
  if (analysis?.schema !== 'claimtrace/analysis@1') {
    throw new Error(`save: expected a claimtrace/analysis@1 object, got schema ${JSON.stringify(analysis?.schema)}`);
  }
  if (typeof analysis.document?.id !== 'string' || analysis.document.id === '') {
    throw new Error('save: the analysis has no document id');
  }
  const records: RecordInsert[] = [];
  for (const array of Object.keys(RECORD_KINDS) as RecordArray[]) {
    for (const record of analysis[array]) {
      const span = mainSpan(array, record);
      records.push({
        kind: RECORD_KINDS[array],
        recordId: record.id,
        analysis: record.analysis,
        start: span.start,
        end: span.end,
        speaker: speakerOf(array, record),
        json: JSON.stringify(record),
      });
    }
  }
  return { save: input, analysisJson: JSON.stringify(analysis), records };
}

type AnyRecord = AnalysisJson[RecordArray][number];

/** The span a record is sorted and searched by: a quote's content, an entity's first mention, else `span`. */
function mainSpan(array: RecordArray, record: AnyRecord): { start: number; end: number } {
  if (array === 'quotes') return (record as AnalysisJson['quotes'][number]).content;
  if (array === 'entities') {
    const entity = record as AnalysisJson['entities'][number];
    const first = [...entity.mentions, ...entity.pronounMentions].sort(compareSpanJson)[0];
    // An entity known only from elsewhere has no position; an empty span at 0 overlaps nothing.
    return first ?? { start: 0, end: 0 };
  }
  return (record as { span: SpanJson }).span;
}

function compareSpanJson(a: SpanJson, b: SpanJson): number {
  return a.start - b.start || a.end - b.end;
}

function speakerOf(array: RecordArray, record: AnyRecord): string | null {
  if (array === 'quotes') return (record as AnalysisJson['quotes'][number]).speaker?.name ?? null;
  if (array === 'figures') return (record as AnalysisJson['figures'][number]).claimant?.name ?? null;
  if (array === 'claims') return (record as AnalysisJson['claims'][number]).claimant?.name ?? null;
  return null;
}

/** SQLite reads a negative LIMIT as "no limit". */
function sqlLimit(limit: number | undefined): number {
  return limit === undefined ? -1 : Math.max(0, Math.floor(limit));
}

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: each
 * whitespace-separated term becomes a quoted phrase (inner `"` doubled), and the phrases are
 * ANDed. FTS operators typed by the user (`OR`, `NEAR`, `*`, `col:`) are read as plain words; a
 * term such as `crack-down` becomes the phrase "crack down". Terms without a letter or digit
 * cannot match anything and are dropped; null means nothing is left to search for.
 */
function toFtsQuery(query: string): string | null {
  const terms = query
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .map((term) => `"${term.replace(/"/g, '""')}"`);
  return terms.length > 0 ? terms.join(' ') : null;
}
