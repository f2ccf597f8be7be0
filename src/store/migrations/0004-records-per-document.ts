import type Database from 'better-sqlite3';
import { encodeRecordSet, hasDictionaryHeader, type StoredRecordRow, type StoredRunRow } from '../record-sets.js';
import { compressText, inflateText } from '../text-codec.js';
import type { Migration } from '../schema.js';

/**
 * Schema 4: a document's runs and records are one compressed value (`record-sets.ts`) instead of a
 * row each. With six analyses storing their records, one row per record (plus two indexes over
 * them) made the database 11.2 times its text on the BBC corpus; this layout brings it under 2
 * (docs/decisions/0007-store-layout.md).
 *
 * - `record_sets`: one row per document with its runs and records.
 * - `record_keys`: the distinct record keys (speaker or claimant names) of each document, so that a
 *   query by key reads only the documents that have it. NOCASE, as the old `records_key` index.
 *
 * Queries by kind, analysis or span read the documents' record sets in document order and filter
 * them in code (`SqliteStore.queryRecords`).
 *
 * Texts are rewritten with the texts' preset dictionary (`text-codec.ts`), and the full-text index
 * is rebuilt with `detail = none`: it keeps which documents hold a word, not in which column, at
 * 40 % of the size. The store already checked multi-word phrases against the text itself.
 */
export const SCHEMA_4_SQL = `
CREATE TABLE record_sets (
  doc  INTEGER PRIMARY KEY REFERENCES documents (doc) ON DELETE CASCADE,
  data BLOB NOT NULL
);

-- No index by document: the store deletes a document's keys one by one, reading them from its
-- record set, so the table is its primary key alone.
CREATE TABLE record_keys (
  key TEXT NOT NULL COLLATE NOCASE,
  doc INTEGER NOT NULL,
  PRIMARY KEY (key, doc)
) WITHOUT ROWID;
`;

export const FTS_4_SQL = `
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title,
  text,
  content = 'documents_content',
  content_rowid = 'doc',
  tokenize = 'unicode61 remove_diacritics 2',
  detail = none
);
`;

const PAGE = 500;

interface RunRow {
  analysis: string;
  version: string;
  cache_key: string;
  status: string;
  diagnostics: string;
  duration_ms: number | null;
}

interface RecordRow {
  analysis: string;
  kind: string;
  record_id: string;
  start: number;
  end: number;
  key: string | null;
  json: string;
}

export const recordsPerDocumentMigration: Migration = {
  id: 4,
  name: 'records-per-document',
  up(db: Database.Database): void {
    db.exec(SCHEMA_4_SQL);
    const docs = db.prepare('SELECT doc FROM documents WHERE doc > ? ORDER BY doc LIMIT ?');
    const runs = db.prepare(
      'SELECT analysis, version, cache_key, status, diagnostics, duration_ms FROM runs WHERE doc = ? ORDER BY seq',
    );
    const records = db.prepare('SELECT analysis, kind, record_id, start, "end", key, json FROM records WHERE doc = ? ORDER BY seq');
    const insertSet = db.prepare('INSERT INTO record_sets (doc, data) VALUES (?, ?)');
    const insertKey = db.prepare('INSERT OR IGNORE INTO record_keys (key, doc) VALUES (?, ?)');
    let after = 0;
    for (;;) {
      const page = (docs.all(after, PAGE) as Array<{ doc: number }>).map((row) => row.doc);
      if (page.length === 0) break;
      for (const doc of page) {
        const runRows = (runs.all(doc) as RunRow[]).map(
          (row): StoredRunRow => [row.analysis, row.version, row.cache_key, row.status, JSON.parse(row.diagnostics) as unknown, row.duration_ms],
        );
        const recordRows = records.all(doc) as RecordRow[];
        const set = recordRows.map(
          (row): StoredRecordRow => [row.analysis, row.kind, row.record_id, row.start, row.end, row.key, JSON.parse(row.json) as Record<string, unknown>],
        );
        insertSet.run(doc, encodeRecordSet({ runs: runRows, records: set }));
        for (const row of recordRows) if (row.key !== null) insertKey.run(row.key, doc);
      }
      after = page[page.length - 1]!;
    }
    db.exec('DROP TABLE records; DROP TABLE runs;');

    const texts = db.prepare('SELECT doc, text_z FROM documents WHERE doc > ? ORDER BY doc LIMIT ?');
    const updateText = db.prepare('UPDATE documents SET text_z = ? WHERE doc = ?');
    after = 0;
    for (;;) {
      const page = texts.all(after, PAGE) as Array<{ doc: number; text_z: Buffer }>;
      if (page.length === 0) break;
      for (const row of page) {
        if (!hasDictionaryHeader(row.text_z)) updateText.run(compressText(inflateText(row.text_z)), row.doc);
      }
      after = page[page.length - 1]!.doc;
    }
    db.exec('DROP TABLE documents_fts;');
    db.exec(FTS_4_SQL);
    db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');");
  },
};
