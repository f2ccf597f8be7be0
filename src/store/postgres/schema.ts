/**
 * The PostgreSQL store's schema and its migrations, numbered on their own (a PostgreSQL database is
 * never a SQLite file, so the two histories are independent). Each migration runs in one
 * transaction with the `schema_migrations` row that records it; a database written by a newer
 * claimtrace (a higher number than this code knows) is refused, never changed.
 *
 * The layout follows the SQLite store's (decision 0007): a document's text compressed once, its runs
 * and records as one compressed record set, record keys in their own table to find documents by
 * speaker or claimant. Full-text search has no FTS5 here: each document keeps its words (folded as
 * SQLite's `unicode61 remove_diacritics 2` tokenizer folds them, by the same code) in a text array
 * with a GIN index, so both stores find the same documents for the same query.
 */
export interface PostgresMigration {
  id: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
CREATE TABLE documents (
  doc           BIGSERIAL PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  id_folded     TEXT NOT NULL,
  title         TEXT,
  url           TEXT,
  published_at  TEXT,
  format        TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  length        INTEGER NOT NULL,
  source        TEXT,
  analysed_at   TEXT NOT NULL,
  record_counts TEXT NOT NULL,
  error_count   INTEGER NOT NULL,
  text_z        BYTEA NOT NULL,
  words         TEXT[] NOT NULL,
  title_words   TEXT[] NOT NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash, doc);
CREATE INDEX documents_id_folded ON documents (id_folded text_pattern_ops);
CREATE INDEX documents_words ON documents USING GIN (words);

CREATE TABLE record_sets (
  doc  BIGINT PRIMARY KEY REFERENCES documents (doc) ON DELETE CASCADE,
  data BYTEA NOT NULL
);

-- Keys folded as SQLite's NOCASE folds them (ASCII letters only), as the record query compares them.
CREATE TABLE record_keys (
  key TEXT NOT NULL,
  doc BIGINT NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  PRIMARY KEY (key, doc)
);
CREATE INDEX record_keys_doc ON record_keys (doc);

CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE reviews (
  document_id  TEXT NOT NULL,
  target_kind  TEXT NOT NULL,
  target       TEXT NOT NULL,
  facet        TEXT NOT NULL,
  action       TEXT NOT NULL,
  value        TEXT NOT NULL,
  anchor_start INTEGER,
  anchor_end   INTEGER,
  anchor_text  TEXT,
  who          TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (document_id, target_kind, target, facet)
);
CREATE TABLE review_log (
  id           BIGSERIAL PRIMARY KEY,
  document_id  TEXT NOT NULL,
  target_kind  TEXT NOT NULL,
  target       TEXT NOT NULL,
  facet        TEXT NOT NULL,
  action       TEXT NOT NULL,
  before       TEXT,
  after        TEXT,
  who          TEXT NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX review_log_document ON review_log (document_id, id);

CREATE TABLE corpus_documents (
  doc            BIGINT PRIMARY KEY REFERENCES documents (doc) ON DELETE CASCADE,
  content_hash   TEXT NOT NULL,
  version        TEXT NOT NULL,
  representative BIGINT NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  features       TEXT NOT NULL
);
CREATE INDEX corpus_documents_representative ON corpus_documents (representative);
CREATE TABLE corpus_links (
  seq   BIGSERIAL PRIMARY KEY,
  doc_a BIGINT NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  doc_b BIGINT NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  kind  TEXT NOT NULL,
  data  TEXT NOT NULL
);
CREATE INDEX corpus_links_doc_a ON corpus_links (doc_a);
CREATE INDEX corpus_links_doc_b ON corpus_links (doc_b);
CREATE TABLE corpus_clusters (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  kind                TEXT NOT NULL,
  independent_sources INTEGER NOT NULL,
  documents           INTEGER NOT NULL,
  data                TEXT NOT NULL
);
`,
  },
];

export function latestPostgresSchemaVersion(): number {
  return POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.id;
}
