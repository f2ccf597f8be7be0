import type { Migration } from '../schema.js';

/**
 * Reviews and their audit log (additive: new tables only). A review is a person's decision about
 * one record or entity of one document: a quote accepted or rejected, its speaker changed, an
 * entity merged into another or a mention split off. `reviews` keeps the decision in force per
 * target and facet; `review_log` keeps every change with who, when, before and after, and is never
 * updated or deleted. Neither references `documents`: re-analysing a document replaces its records
 * but leaves its reviews, which the engine re-anchors by their span (`anchor_*`).
 */
export const reviewsMigration: Migration = {
  id: 5,
  name: 'reviews',
  sql: `
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
) WITHOUT ROWID;

CREATE TABLE review_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
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
`,
};
