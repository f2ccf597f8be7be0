/**
 * The PostgreSQL store (`--db postgres://…`): the same `Store` interface and the same contract suite
 * as the SQLite store, for several analysis workers on several machines writing to one database.
 *
 * What is stored is encoded exactly as in SQLite (the text compressed with the preset dictionary,
 * runs and records as one compressed record set, `record-sets.ts`), so the two stores read the same
 * values back; validation and encoding run before the write transaction starts (`prepare-save.ts`),
 * and checks, cursors and result shapes are the ones the SQLite store uses (`store-common.ts`). Saving a document whose id is stored replaces it in place (`ON CONFLICT`), so
 * a document written twice, by a retried job or by two workers, is stored once.
 *
 * The store opens a connection pool at once and migrates on first use: every method waits for the
 * migrations, which take an advisory lock so that workers starting together migrate once.
 */
import pg from 'pg';
import type { Finding } from '../../core/finding.js';
import { StoreValueError } from '../codec.js';
import { requireString, toPreparedSave, type CheckedSave, type PreparedSave } from '../prepare-save.js';
import { foldNocase } from '../record-sets.js';
import {
  DEFAULT_ITERATE_PAGE,
  DOCUMENT_META_COLUMNS,
  RECORD_SCAN_PAGE,
  RecordPageWalk,
  SNIPPET_ELLIPSIS,
  SNIPPET_TOKENS,
  auditEntryOf,
  auditPage,
  auditRange,
  auditRowValues,
  contentHashLimit,
  documentPage,
  documentRange,
  findingsOfRecordSet,
  hasPhrases,
  pageSizeOf,
  pagesOf,
  reviewKey,
  reviewRowValues,
  reviewValue,
  runsOfRecordSet,
  searchMarks,
  searchTerms,
  toHit,
  toMeta,
  toReview,
  toSummary,
  tokenize,
  type AuditRow,
  type DocumentMetaRow,
  type RecordSetRow,
  type ReviewRow,
} from '../store-common.js';
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
} from '../store.js';
import { inflateText } from '../text-codec.js';
import { POSTGRES_MIGRATIONS, latestPostgresSchemaVersion } from './schema.js';

/** Candidate documents read per query while phrases are checked in the text. */
const SEARCH_SCAN_PAGE = 200;
/** The advisory lock key the migrations hold ("claimtrace" in ASCII, cut to 32 bits). */
const MIGRATION_LOCK = 0x636c6169;
/** Connections per store: one writer and a few readers. */
const POOL_SIZE = 4;

const META = DOCUMENT_META_COLUMNS;

export interface PostgresStoreOptions {
  /** The PostgreSQL schema (namespace) to keep the tables in, created when missing; `public` by default. */
  schema?: string;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

/** BIGINT columns (document numbers, audit ids) as JavaScript numbers: they stay far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The database could not be reached or opened: a message for the user, not a bug. */
export class StoreOpenError extends Error {}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

export class PostgresStore implements Store {
  private readonly ready: Promise<void>;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    where: string,
  ) {
    this.ready = this.migrate().catch((error: unknown) => {
      throw new StoreOpenError(`cannot open the PostgreSQL database ${where}: ${error instanceof Error ? error.message : String(error)}`);
    });
    // Nobody may be waiting yet; the first call reports the failure.
    this.ready.catch(() => undefined);
  }

  /** Connects to the database at `url` (postgres://user@host:port/database) and migrates on first use. */
  static open(url: string, options: PostgresStoreOptions = {}): PostgresStore {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreValueError(`PostgreSQL schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? POOL_SIZE,
      types: TYPES,
      options: `-c search_path=${schema}`,
      application_name: 'claimtrace',
    });
    // An idle connection that the server drops is replaced on the next query; it must not crash the process.
    pool.on('error', () => undefined);
    return new PostgresStore(pool, schema, PostgresStore.describe(url));
  }

  /** Where the store is, for messages (the password left out). */
  static describe(url: string): string {
    try {
      const parsed = new URL(url);
      parsed.password = '';
      return parsed.toString();
    } catch {
      return 'postgres://…';
    }
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const applied = new Set((await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
      const newest = Math.max(0, ...applied);
      if (newest > latestPostgresSchemaVersion()) {
        throw new Error(
          `the PostgreSQL database has schema version ${newest}, newer than this version of claimtrace supports (${latestPostgresSchemaVersion()}); upgrade claimtrace`,
        );
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.id)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    if (this.closed) throw new Error('the store is closed');
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  /** Runs `body` in one transaction on one connection. */
  private async transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the store is closed');
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async saveBatch(saves: readonly (DocumentSave | PreparedSave)[]): Promise<void> {
    if (!Array.isArray(saves)) throw new StoreValueError('saveBatch: expected an array of saves');
    const prepared = saves.map((save, index) => toPreparedSave(save, index));
    if (prepared.length === 0) return;
    await this.transaction(async (client) => {
      for (const save of prepared) await writeDocument(client, save);
    });
  }

  async getDocument(documentId: string): Promise<StoredDocument | null> {
    const [row] = await this.query<DocumentMetaRow & { text_z: Buffer }>(`SELECT ${META}, text_z FROM documents WHERE id = $1`, [documentId]);
    if (!row) return null;
    return { ...toMeta(row), text: inflateText(row.text_z) };
  }

  private async recordSet(documentId: string): Promise<{ data: Buffer; text_z: Buffer } | undefined> {
    const [row] = await this.query<{ data: Buffer; text_z: Buffer }>(
      'SELECT r.data, d.text_z FROM documents d JOIN record_sets r ON r.doc = d.doc WHERE d.id = $1',
      [documentId],
    );
    return row;
  }

  async getRuns(documentId: string): Promise<RunRecord[]> {
    return runsOfRecordSet(await this.recordSet(documentId));
  }

  async getFindings(documentId: string, options: { analyses?: readonly string[] } = {}): Promise<Finding[]> {
    return findingsOfRecordSet(await this.recordSet(documentId), options.analyses);
  }

  async getStoredSet(documentId: string): Promise<StoredSetBytes | null> {
    const [row] = await this.query<{ data: Buffer; text_z: Buffer; record_counts: string; error_count: number }>(
      'SELECT r.data, d.text_z, d.record_counts, d.error_count FROM documents d JOIN record_sets r ON r.doc = d.doc WHERE d.id = $1',
      [documentId],
    );
    return row ? { data: row.data, textZ: row.text_z, recordCounts: row.record_counts, errorCount: Number(row.error_count) } : null;
  }

  async findByContentHash(contentHash: string, options: { limit?: number } = {}): Promise<string[]> {
    const rows =
      options.limit === undefined
        ? await this.query<{ id: string }>('SELECT id FROM documents WHERE content_hash = $1 ORDER BY doc', [contentHash])
        : await this.query<{ id: string }>('SELECT id FROM documents WHERE content_hash = $1 ORDER BY doc LIMIT $2', [contentHash, contentHashLimit(options.limit)]);
    return rows.map((row) => row.id);
  }

  async listDocuments(options: { limit?: number; after?: string } = {}): Promise<Page<DocumentSummary>> {
    const { limit, after } = documentRange(options);
    return documentPage(await this.query<DocumentMetaRow>(`SELECT ${META} FROM documents WHERE doc > $1 ORDER BY doc LIMIT $2`, [after, limit + 1]), limit);
  }

  async *iterateDocuments(options: { pageSize?: number } = {}): AsyncIterable<DocumentSummary> {
    const limit = options.pageSize ?? DEFAULT_ITERATE_PAGE;
    yield* pagesOf((after) => this.listDocuments({ limit, after }));
  }

  async countDocuments(): Promise<number> {
    const [row] = await this.query<{ count: number }>('SELECT count(*)::integer AS count FROM documents');
    return row!.count;
  }

  async queryRecords(query: RecordQuery): Promise<Page<StoredRecord>> {
    // Reads the record sets in document order from the cursor's document until the page is full.
    const walk = new RecordPageWalk(query);
    const select = 'SELECT r.doc, d.id AS document_id, r.data, d.text_z FROM record_sets r JOIN documents d ON d.doc = r.doc';
    if (query.documentId !== undefined) {
      const [document] = await this.query<{ doc: number }>('SELECT doc FROM documents WHERE id = $1', [query.documentId]);
      if (!document) return { items: [], next: null };
      walk.take(document.doc >= walk.from ? await this.query<RecordSetRow>(`${select} WHERE r.doc = $1`, [document.doc]) : [], true);
    } else if (query.key !== undefined) {
      // Keys are stored folded as SQLite's NOCASE folds them.
      const key = foldNocase(query.key);
      const byKey = `${select} JOIN record_keys k ON k.doc = r.doc WHERE k.key = $1 AND r.doc >= $2 ORDER BY r.doc LIMIT $3`;
      while (walk.take(await this.query<RecordSetRow>(byKey, [key, walk.from, RECORD_SCAN_PAGE])));
    } else {
      while (walk.take(await this.query<RecordSetRow>(`${select} WHERE r.doc >= $1 ORDER BY r.doc LIMIT $2`, [walk.from, RECORD_SCAN_PAGE])));
    }
    return walk.page();
  }

  async *iterateRecords(query: Omit<RecordQuery, 'after' | 'limit'> & { pageSize?: number }): AsyncIterable<StoredRecord> {
    const { pageSize, ...filter } = query;
    const limit = pageSize ?? DEFAULT_ITERATE_PAGE;
    yield* pagesOf((after) => this.queryRecords({ ...filter, limit, after }));
  }

  /**
   * Every word of every term must be among the document's words; a term of several words
   * (`crack-down`) must also be those words in a row in the title or in the text, checked here.
   * Documents with more of the words in their title come first, then in save order.
   */
  async searchText(query: string, options: TextSearchOptions = {}): Promise<TextSearchHit[]> {
    const marks = searchMarks(options);
    const terms = searchTerms(query);
    const limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit));
    if (terms === null || limit === 0) return [];
    const { words: distinct, phrases } = terms;
    type Row = { id: string; title: string | null; source: string | null; published_at: string | null; text_z: Buffer };
    const hits: TextSearchHit[] = [];
    const page = phrases.length === 0 && Number.isFinite(limit) ? limit : SEARCH_SCAN_PAGE;
    for (let offset = 0; ; offset += page) {
      const rows = await this.query<Row>(
        `SELECT id, title, source, published_at, text_z FROM documents WHERE words @> $1::text[]
         ORDER BY (SELECT count(*) FROM unnest(title_words) w WHERE w = ANY ($1::text[])) DESC, doc LIMIT $2 OFFSET $3`,
        [distinct, page, offset],
      );
      for (const row of rows) {
        const text = inflateText(row.text_z);
        if (!hasPhrases(row.title, text, phrases)) continue;
        hits.push(toHit(row, snippet(row.title ?? '', text, new Set(distinct), marks)));
        if (hits.length >= limit) return hits;
      }
      if (rows.length < page) return hits;
    }
  }

  async findDocumentsByIdPrefix(prefix: string, options: { limit?: number } = {}): Promise<DocumentSummary[]> {
    const typed = requireString(prefix, 'findDocumentsByIdPrefix: prefix');
    if (typed === '') return [];
    const pattern = `${typed.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const limit = options.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
    const rows = await this.query<DocumentMetaRow>(`SELECT ${META} FROM documents WHERE id_folded LIKE $1 ESCAPE '\\' ORDER BY doc LIMIT $2`, [pattern, limit]);
    return rows.map(toSummary);
  }

  async getSetting(name: string): Promise<string | null> {
    const [row] = await this.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [requireString(name, 'getSetting: name')]);
    return row?.value ?? null;
  }

  async putSetting(name: string, value: string | null): Promise<void> {
    requireString(name, 'putSetting: name');
    if (value === null) await this.query('DELETE FROM settings WHERE name = $1', [name]);
    else {
      await this.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [
        name,
        requireString(value, 'putSetting: value'),
      ]);
    }
  }

  async deleteDocument(documentId: string): Promise<boolean> {
    // Its record set, keys and corpus rows go with it (ON DELETE CASCADE); reviews stay.
    const rows = await this.query('DELETE FROM documents WHERE id = $1 RETURNING doc', [documentId]);
    return rows.length > 0;
  }

  async backup(destination: string): Promise<void> {
    throw new Error(
      `claimtrace backup copies SQLite stores; back up a PostgreSQL store with pg_dump (nothing was written to ${destination})`,
    );
  }

  /** Every document has its record set and every record set its document (the foreign keys see to the second). */
  async checkIntegrity(): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT d.id FROM documents d LEFT JOIN record_sets r ON r.doc = d.doc WHERE r.doc IS NULL ORDER BY d.doc LIMIT 5',
    );
    return rows.length === 0 ? ['ok'] : rows.map((row) => `document ${JSON.stringify(row.id)} has no record set`);
  }

  async putReview(input: ReviewInput): Promise<AuditEntry> {
    const value = reviewValue(input);
    const key = reviewKey(input);
    const where = 'document_id = $1 AND target_kind = $2 AND target = $3 AND facet = $4';
    return this.transaction(async (client) => {
      // Reviews of one target are made one after the other: the value before is the one replaced.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [JSON.stringify(key)]);
      const before = (await client.query<{ value: string }>(`SELECT value FROM reviews WHERE ${where}`, key)).rows[0]?.value ?? null;
      if (value === null) await client.query(`DELETE FROM reviews WHERE ${where}`, key);
      else {
        await client.query(
          `INSERT INTO reviews (document_id, target_kind, target, facet, action, value, anchor_start, anchor_end, anchor_text, who, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (document_id, target_kind, target, facet) DO UPDATE SET
             action = excluded.action, value = excluded.value, anchor_start = excluded.anchor_start,
             anchor_end = excluded.anchor_end, anchor_text = excluded.anchor_text, who = excluded.who, at = excluded.at`,
          reviewRowValues(input, value),
        );
      }
      const [row] = (
        await client.query<{ id: number }>(
          `INSERT INTO review_log (document_id, target_kind, target, facet, action, before, after, who, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          auditRowValues(input, before, value),
        )
      ).rows;
      return auditEntryOf(row!.id, input, before, value);
    });
  }

  async getReviews(options: { documentId?: string } = {}): Promise<Review[]> {
    const order = 'ORDER BY document_id COLLATE "C", target_kind COLLATE "C", target COLLATE "C", facet COLLATE "C"';
    const rows =
      options.documentId === undefined
        ? await this.query<ReviewRow>(`SELECT * FROM reviews ${order}`)
        : await this.query<ReviewRow>(`SELECT * FROM reviews WHERE document_id = $1 ${order}`, [options.documentId]);
    return rows.map(toReview);
  }

  async listAudit(options: { documentId?: string; limit?: number; after?: string } = {}): Promise<Page<AuditEntry>> {
    const { limit, before } = auditRange(options);
    const rows =
      options.documentId === undefined
        ? await this.query<AuditRow>('SELECT * FROM review_log WHERE id < $1 ORDER BY id DESC LIMIT $2', [before, limit + 1])
        : await this.query<AuditRow>('SELECT * FROM review_log WHERE document_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3', [options.documentId, before, limit + 1]);
    return auditPage(rows, limit);
  }

  async *iterateCorpusDocuments(options: { pageSize?: number } = {}): AsyncIterable<CorpusDocumentRow> {
    const limit = pageSizeOf(options.pageSize, 'iterateCorpusDocuments');
    for (let after = 0; ; ) {
      const rows = await this.query<CorpusDocumentRow & { doc: number }>(
        `SELECT c.doc, d.id AS "documentId", c.content_hash AS "contentHash", c.version, r.id AS representative, c.features
         FROM corpus_documents c JOIN documents d ON d.doc = c.doc JOIN documents r ON r.doc = c.representative
         WHERE c.doc > $1 ORDER BY c.doc LIMIT $2`,
        [after, limit],
      );
      for (const { doc: _doc, ...row } of rows) yield row;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]!.doc;
    }
  }

  async *iterateCorpusLinks(options: { pageSize?: number } = {}): AsyncIterable<CorpusLinkRow> {
    const limit = pageSizeOf(options.pageSize, 'iterateCorpusLinks');
    for (let after = 0; ; ) {
      const rows = await this.query<CorpusLinkRow & { seq: number }>(
        `SELECT l.seq, a.id AS "documentA", b.id AS "documentB", l.kind, l.data
         FROM corpus_links l JOIN documents a ON a.doc = l.doc_a JOIN documents b ON b.doc = l.doc_b
         WHERE l.seq > $1 ORDER BY l.seq LIMIT $2`,
        [after, limit],
      );
      for (const { seq: _seq, ...row } of rows) yield row;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async getCorpusClusters(): Promise<CorpusClusterRow[]> {
    return this.query<CorpusClusterRow>(
      'SELECT id, kind, independent_sources AS "independentSources", documents, data FROM corpus_clusters ORDER BY seq',
    );
  }

  async saveCorpusUpdate(update: CorpusUpdate): Promise<void> {
    if (!update || !Array.isArray(update.documents) || !Array.isArray(update.links) || (update.clusters !== null && !Array.isArray(update.clusters))) {
      throw new StoreValueError('saveCorpusUpdate: expected { documents: [], links: [], clusters: [] | null }');
    }
    await this.transaction(async (client) => {
      const docOf = async (id: string, what: string): Promise<number> => {
        const [row] = (await client.query<{ doc: number }>('SELECT doc FROM documents WHERE id = $1', [requireString(id, what)])).rows;
        if (!row) throw new StoreValueError(`${what}: no stored document ${JSON.stringify(id)}`);
        return row.doc;
      };
      for (const row of update.documents) {
        await client.query(
          `INSERT INTO corpus_documents (doc, content_hash, version, representative, features) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (doc) DO UPDATE SET content_hash = excluded.content_hash, version = excluded.version,
             representative = excluded.representative, features = excluded.features`,
          [
            await docOf(row.documentId, 'saveCorpusUpdate: document'),
            requireString(row.contentHash, 'saveCorpusUpdate: contentHash'),
            requireString(row.version, 'saveCorpusUpdate: version'),
            await docOf(row.representative, 'saveCorpusUpdate: representative'),
            requireString(row.features, 'saveCorpusUpdate: features'),
          ],
        );
      }
      for (const link of update.links) {
        if (link.kind !== 'origin' && link.kind !== 'claim') throw new StoreValueError(`saveCorpusUpdate: link kind ${JSON.stringify(link.kind)} is not origin or claim`);
        await client.query('INSERT INTO corpus_links (doc_a, doc_b, kind, data) VALUES ($1, $2, $3, $4)', [
          await docOf(link.documentA, 'saveCorpusUpdate: link'),
          await docOf(link.documentB, 'saveCorpusUpdate: link'),
          link.kind,
          requireString(link.data, 'saveCorpusUpdate: link data'),
        ]);
      }
      if (update.clusters !== null) {
        await client.query('DELETE FROM corpus_clusters');
        let seq = 0;
        for (const cluster of update.clusters) {
          await client.query('INSERT INTO corpus_clusters (seq, id, kind, independent_sources, documents, data) VALUES ($1, $2, $3, $4, $5, $6)', [
            seq++,
            requireString(cluster.id, 'saveCorpusUpdate: cluster id'),
            requireString(cluster.kind, 'saveCorpusUpdate: cluster kind'),
            cluster.independentSources,
            cluster.documents,
            requireString(cluster.data, 'saveCorpusUpdate: cluster data'),
          ]);
        }
      }
    });
  }

  async clearCorpus(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM corpus_links');
      await client.query('DELETE FROM corpus_clusters');
      await client.query('DELETE FROM corpus_documents');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }

  /** Drops a schema with everything in it (tests: each store of a suite works in a schema of its own). */
  static async dropSchema(url: string, schema: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreValueError(`PostgreSQL schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

async function writeDocument(client: pg.PoolClient, save: CheckedSave): Promise<void> {
  const document = save.document;
  const titleWords = [...new Set(tokenize(document.title ?? ''))];
  const words = [...new Set([...titleWords, ...tokenize(document.text)])];
  // A replaced document keeps its number, so it keeps its place in save order.
  const [row] = (
    await client.query<{ doc: number }>(
      `INSERT INTO documents (id, id_folded, title, url, published_at, format, content_hash, length, source, analysed_at,
                              record_counts, error_count, text_z, words, title_words)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, published_at = excluded.published_at,
         format = excluded.format, content_hash = excluded.content_hash, length = excluded.length, source = excluded.source,
         analysed_at = excluded.analysed_at, record_counts = excluded.record_counts, error_count = excluded.error_count,
         text_z = excluded.text_z, words = excluded.words, title_words = excluded.title_words
       RETURNING doc`,
      [
        document.id, document.id.toLowerCase(), document.title, document.url, document.publishedAt, document.format, document.contentHash,
        document.length, document.source, save.analysedAt, save.recordCounts, save.errorCount, save.textZ, words, titleWords,
      ],
    )
  ).rows;
  const doc = row!.doc;
  await client.query('INSERT INTO record_sets (doc, data) VALUES ($1, $2) ON CONFLICT (doc) DO UPDATE SET data = excluded.data', [doc, save.data]);
  await client.query('DELETE FROM record_keys WHERE doc = $1', [doc]);
  const keys = [...new Set(save.keys.map(foldNocase))];
  if (keys.length > 0) await client.query('INSERT INTO record_keys (key, doc) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [keys, doc]);
}

/**
 * A snippet like FTS5's: from the title when it holds more of the words than the text, else from the
 * text; a window of 16 words placed where most matched words are, the matched words between the
 * marks, `…` where the column was cut.
 */
function snippet(title: string, text: string, words: ReadonlySet<string>, marks: { open: string; close: string }): string {
  const tokensOf = (value: string) =>
    [...value.matchAll(/[\p{L}\p{N}\p{Co}\p{M}]+/gu)].map((match) => ({
      start: match.index!,
      end: match.index! + match[0].length,
      hit: words.has(match[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()),
    }));
  const titleTokens = tokensOf(title);
  const textTokens = tokensOf(text);
  const hitsIn = (tokens: Array<{ hit: boolean }>) => tokens.filter((token) => token.hit).length;
  const [column, tokens] = hitsIn(titleTokens) > hitsIn(textTokens) ? [title, titleTokens] : [text, textTokens];
  let best = 0;
  let bestHits = -1;
  for (let start = 0; start < Math.max(1, tokens.length - SNIPPET_TOKENS + 1); start++) {
    const hits = hitsIn(tokens.slice(start, start + SNIPPET_TOKENS));
    if (hits > bestHits) [best, bestHits] = [start, hits];
  }
  const window = tokens.slice(best, best + SNIPPET_TOKENS);
  if (window.length === 0) return column;
  const from = best === 0 ? 0 : window[0]!.start;
  const to = best + SNIPPET_TOKENS >= tokens.length ? column.length : window[window.length - 1]!.end;
  let out = best === 0 ? '' : SNIPPET_ELLIPSIS;
  let at = from;
  for (const token of window) {
    if (!token.hit) continue;
    out += column.slice(at, token.start) + marks.open + column.slice(token.start, token.end) + marks.close;
    at = token.end;
  }
  out += column.slice(at, to);
  if (to < column.length) out += SNIPPET_ELLIPSIS;
  return out;
}
