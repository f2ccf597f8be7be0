import type Database from 'better-sqlite3';
import type { Finding } from '../../core/finding.js';
import { encodeFinding, encodeJson } from '../codec.js';
import { compressText } from '../text-codec.js';
import type { Migration } from '../schema.js';

/**
 * Schema 2: the text of a document is stored once.
 *
 * - `documents` gets an INTEGER PRIMARY KEY `doc` (AUTOINCREMENT: save order, never reused, kept by
 *   VACUUM) beside its text id, and no longer holds the whole analysis as JSON.
 * - The text is stored once, compressed (`text_z`, raw DEFLATE; see `text-codec.ts`).
 * - `documents_fts` is an external-content FTS5 index over the view `documents_content` (title and
 *   inflated text, rowid = `doc`), so the text is not copied into it; `SqliteStore` keeps it in sync. It records
 *   which column a word is in but not where (`detail = column`: half the size of `full`); the
 *   store checks multi-word phrases against the text itself (docs/decisions/0007-store-layout.md).
 * - `runs`: what each analysis did on a document (version, cache key, status, diagnostics).
 * - `records`: one row per finding with generic columns; its JSON holds the rest of the finding
 *   with spans over the document text written as `{"$span":[start,end]}` (see `codec.ts`).
 *
 * A schema-1 database is converted without losing what it holds: every contract record becomes a
 * finding, the diagnostics become runs whose cache key (`schema-1:` + the old key) matches nothing
 * the engine computes, so those documents are analysed again the next time they are seen.
 */
export const SCHEMA_2_SQL = `
CREATE TABLE documents (
  doc           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
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
  text_z        BLOB NOT NULL
);

CREATE INDEX documents_content_hash ON documents (content_hash);

-- The full-text index reads titles and texts through this view: texts are stored compressed
-- (text-codec.ts), and claimtrace_inflate is registered on every connection.
CREATE VIEW documents_content AS
  SELECT doc, title, claimtrace_inflate(text_z) AS text FROM documents;

CREATE TABLE runs (
  doc         INTEGER NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  analysis    TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     TEXT NOT NULL,
  cache_key   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
  diagnostics TEXT NOT NULL,
  duration_ms REAL,
  PRIMARY KEY (doc, analysis)
) WITHOUT ROWID;

CREATE TABLE records (
  doc       INTEGER NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  start     INTEGER NOT NULL,
  "end"     INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  record_id TEXT NOT NULL,
  analysis  TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  key       TEXT,
  json      TEXT NOT NULL,
  PRIMARY KEY (doc, start, "end", kind, record_id, analysis)
) WITHOUT ROWID;

CREATE INDEX records_kind ON records (kind, doc, start, "end", record_id, analysis);
CREATE INDEX records_key ON records (key COLLATE NOCASE, doc, start, "end", kind, record_id, analysis)
  WHERE key IS NOT NULL;

CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title,
  text,
  content = 'documents_content',
  content_rowid = 'doc',
  tokenize = 'unicode61 remove_diacritics 2',
  detail = column
);
`;

/** Schema-1 contract arrays -> the kind of the findings they become, in contract order. */
const SCHEMA_1_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['entities', 'entity'],
  ['quotes', 'quote'],
  ['figures', 'figure'],
  ['dates', 'date-mention'],
  ['framing', 'framing-mark'],
  ['claims', 'claim'],
  ['events', 'event'],
];

const PAGE = 200;

interface OldSpan {
  start: number;
  end: number;
  text: string;
}

type OldRecord = Record<string, unknown> & { id: string; analysis: string; reason?: string; evidence?: string[] };

interface OldDiagnostic {
  severity: string;
  message: string;
  span: OldSpan | null;
  analysis: string;
}

interface OldDocumentRow {
  old_rowid: number;
  id: string;
  title: string | null;
  url: string | null;
  published_at: string | null;
  format: string;
  content_hash: string;
  length: number;
  text: string;
  source: string | null;
  cache_key: string;
  analysed_at: string;
  analysis_json: string;
}

export const textOnceMigration: Migration = {
  id: 2,
  name: 'text-once',
  up(db: Database.Database): void {
    db.exec(`
      DROP TABLE documents_fts;
      DROP INDEX documents_content_hash;
      DROP INDEX documents_analysed_at;
      DROP INDEX records_kind;
      DROP INDEX records_speaker;
      DROP INDEX records_position;
      ALTER TABLE records RENAME TO records_v1;
      ALTER TABLE documents RENAME TO documents_v1;
    `);
    db.exec(SCHEMA_2_SQL);
    copySchema1Documents(db);
    db.exec(`
      DROP TABLE records_v1;
      DROP TABLE documents_v1;
      INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
    `);
  },
};

function copySchema1Documents(db: Database.Database): void {
  const page = db.prepare(
    `SELECT rowid AS old_rowid, id, title, url, published_at, format, content_hash, length, text, source, cache_key,
            analysed_at, analysis_json
     FROM documents_v1 WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
  );
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, source, analysed_at,
                            record_counts, error_count, text_z)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRun = db.prepare(
    'INSERT INTO runs (doc, seq, analysis, version, cache_key, status, diagnostics, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
  );
  const insertRecord = db.prepare(
    'INSERT INTO records (doc, seq, analysis, kind, record_id, start, "end", key, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after) as OldDocumentRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.old_rowid;
      const where = `migrating document ${JSON.stringify(row.id)}`;
      let analysis: Record<string, unknown>;
      try {
        analysis = JSON.parse(row.analysis_json) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${where}: its stored analysis is not JSON (${(error as Error).message})`);
      }
      const findings: Array<{ finding: Finding; key: string | null }> = [];
      for (const [array, kind] of SCHEMA_1_KINDS) {
        const records = (analysis[array] ?? []) as OldRecord[];
        for (const record of records) findings.push({ finding: toFinding(kind, record), key: keyOf(kind, record) });
      }
      const diagnostics = (analysis.diagnostics ?? []) as OldDiagnostic[];
      const analyses: string[] = [];
      for (const name of [...findings.map((f) => f.finding.analysis), ...diagnostics.map((d) => d.analysis)]) {
        if (!analyses.includes(name)) analyses.push(name);
      }
      const counts: Record<string, number> = {};
      for (const { finding } of findings) counts[finding.kind] = (counts[finding.kind] ?? 0) + 1;
      const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
      const doc = insertDocument.run(
        row.id, row.title, row.url, row.published_at, row.format, row.content_hash, row.length, row.source,
        row.analysed_at, JSON.stringify(sortedCounts(counts)), errorCount, compressText(row.text),
      ).lastInsertRowid;
      analyses.forEach((name, seq) => {
        const own = diagnostics.filter((d) => d.analysis === name);
        const failed = own.some((d) => d.severity === 'error');
        insertRun.run(
          doc, seq, name, 'migrated', `schema-1:${row.cache_key}`, failed ? 'failed' : 'ok',
          encodeJson(own, row.text, `${where}: diagnostics of ${name}`),
        );
      });
      findings.forEach(({ finding, key }, seq) => {
        const encoded = encodeFinding(finding, row.text, `${where}: ${finding.kind} ${finding.id}`);
        insertRecord.run(doc, seq, encoded.analysis, encoded.kind, encoded.id, encoded.start, encoded.end, key, encoded.json);
      });
    }
  }
}

/** `{id, analysis, kind, span, data, reason, evidence}` from a schema-1 contract record. */
function toFinding(kind: string, record: OldRecord): Finding {
  const { id, analysis, reason, evidence, ...data } = record;
  const finding: Record<string, unknown> = { id, analysis, kind, span: mainSpan(kind, record), data };
  if (reason !== undefined) finding.reason = reason;
  if (evidence !== undefined) finding.evidence = evidence;
  return finding as unknown as Finding;
}

/** The span schema 1 sorted records by: a quote's content, an entity's first mention, else `span`. */
function mainSpan(kind: string, record: OldRecord): OldSpan {
  if (kind === 'quote') return record.content as OldSpan;
  if (kind === 'entity') {
    const mentions = [...((record.mentions ?? []) as OldSpan[]), ...((record.pronounMentions ?? []) as OldSpan[])];
    const first = mentions.sort((a, b) => a.start - b.start || a.end - b.end)[0];
    return first ?? { start: 0, end: 0, text: '' };
  }
  return record.span as OldSpan;
}

/** Schema 1's `speaker` column: the quote's speaker or the figure's or claim's claimant. */
function keyOf(kind: string, record: OldRecord): string | null {
  if (kind === 'quote') return (record.speaker as { name?: string } | null)?.name ?? null;
  if (kind === 'figure' || kind === 'claim') return (record.claimant as { name?: string } | null)?.name ?? null;
  return null;
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of Object.keys(counts).sort()) out[kind] = counts[kind]!;
  return out;
}
