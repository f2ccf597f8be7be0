import type { Migration } from '../schema.js';

/**
 * The corpus state (claimtrace corpus): what the corpus index keeps of each document, the links it
 * found between documents and between their records, each with its reasons, and the claim clusters
 * last rendered. New tables only. Rows follow their documents: deleting a document deletes its corpus
 * row, its links and nothing else (the engine then rebuilds the corpus state).
 */
export const corpusMigration: Migration = {
  id: 6,
  name: 'corpus',
  sql: `
CREATE TABLE corpus_documents (
  doc            INTEGER PRIMARY KEY NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  content_hash   TEXT NOT NULL,
  version        TEXT NOT NULL,
  representative INTEGER NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  features       TEXT NOT NULL
);
CREATE TABLE corpus_links (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_a INTEGER NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  doc_b INTEGER NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  kind  TEXT NOT NULL,
  data  TEXT NOT NULL
);
CREATE INDEX corpus_links_doc_a ON corpus_links (doc_a);
CREATE INDEX corpus_links_doc_b ON corpus_links (doc_b);
CREATE INDEX corpus_documents_representative ON corpus_documents (representative);
CREATE TABLE corpus_clusters (
  seq                 INTEGER PRIMARY KEY NOT NULL,
  id                  TEXT NOT NULL UNIQUE,
  kind                TEXT NOT NULL,
  independent_sources INTEGER NOT NULL,
  documents           INTEGER NOT NULL,
  data                TEXT NOT NULL
);
`,
};
