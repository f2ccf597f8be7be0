import type { Migration } from '../schema.js';

/**
 * The first schema: documents with their whole analysis@1 object, one row per contract record
 * for queries, and a full-text index over title and text.
 *
 * `documents_fts` is a plain FTS5 table (it keeps its own copy of title and text) rather than an
 * external-content one: external content needs a rowid that VACUUM cannot renumber, and
 * `documents` is keyed by its text id. `documents.fts_rowid` points at the document's FTS row,
 * and `SqliteStore` replaces or deletes both in the same transaction.
 */
export const initialMigration: Migration = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE documents (
  id            TEXT PRIMARY KEY NOT NULL,
  title         TEXT,
  url           TEXT,
  published_at  TEXT,
  format        TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  length        INTEGER NOT NULL,
  text          TEXT NOT NULL,
  source        TEXT,
  cache_key     TEXT NOT NULL,
  analysed_at   TEXT NOT NULL,
  quote_count   INTEGER NOT NULL,
  error_count   INTEGER NOT NULL,
  fts_rowid     INTEGER NOT NULL UNIQUE,
  analysis_json TEXT NOT NULL
);

CREATE INDEX documents_content_hash ON documents (content_hash, cache_key);
CREATE INDEX documents_analysed_at ON documents (analysed_at, id);

CREATE TABLE records (
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  analysis    TEXT NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  speaker     TEXT,
  json        TEXT NOT NULL,
  PRIMARY KEY (document_id, kind, record_id)
);

CREATE INDEX records_kind ON records (kind);
CREATE INDEX records_speaker ON records (speaker COLLATE NOCASE);
CREATE INDEX records_position ON records (document_id, start, "end");

CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title,
  text,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
