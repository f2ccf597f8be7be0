/**
 * The SQL of reviews and their audit log (migration `0005-reviews`), kept beside `sqlite-store.ts`
 * so that the record tables and these stay independent. `SqliteStore` delegates to `ReviewTables`;
 * the checks, row values and result shapes are the ones the PostgreSQL store uses (`store-common.ts`).
 */
import type Database from 'better-sqlite3';
import {
  auditEntryOf,
  auditPage,
  auditRange,
  auditRowValues,
  reviewKey,
  reviewRowValues,
  reviewValue,
  toReview,
  type AuditRow,
  type ReviewRow,
} from './store-common.js';
import type { AuditEntry, Page, Review, ReviewInput } from './store.js';

export class ReviewTables {
  private readonly get: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly all: Database.Statement;
  private readonly ofDocument: Database.Statement;
  private readonly log: Database.Statement;
  private readonly logOfDocument: Database.Statement;
  private readonly put: (input: ReviewInput, value: string | null) => AuditEntry;

  constructor(db: Database.Database) {
    this.get = db.prepare('SELECT value FROM reviews WHERE document_id = ? AND target_kind = ? AND target = ? AND facet = ?');
    this.upsert = db.prepare(
      `INSERT INTO reviews (document_id, target_kind, target, facet, action, value, anchor_start, anchor_end, anchor_text, who, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id, target_kind, target, facet) DO UPDATE SET
         action = excluded.action, value = excluded.value, anchor_start = excluded.anchor_start,
         anchor_end = excluded.anchor_end, anchor_text = excluded.anchor_text, who = excluded.who, at = excluded.at`,
    );
    this.remove = db.prepare('DELETE FROM reviews WHERE document_id = ? AND target_kind = ? AND target = ? AND facet = ?');
    this.insertLog = db.prepare(
      `INSERT INTO review_log (document_id, target_kind, target, facet, action, before, after, who, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const reviewOrder = 'ORDER BY document_id, target_kind, target, facet';
    this.all = db.prepare(`SELECT * FROM reviews ${reviewOrder}`);
    this.ofDocument = db.prepare(`SELECT * FROM reviews WHERE document_id = ? ${reviewOrder}`);
    this.log = db.prepare('SELECT * FROM review_log WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.logOfDocument = db.prepare('SELECT * FROM review_log WHERE document_id = ? AND id < ? ORDER BY id DESC LIMIT ?');
    this.put = db.transaction((input: ReviewInput, value: string | null): AuditEntry => {
      const key = reviewKey(input);
      const before = (this.get.get(...key) as { value: string } | undefined)?.value ?? null;
      if (value === null) this.remove.run(...key);
      else this.upsert.run(...reviewRowValues(input, value));
      const id = Number(this.insertLog.run(...auditRowValues(input, before, value)).lastInsertRowid);
      return auditEntryOf(id, input, before, value);
    }).immediate;
  }

  putReview(input: ReviewInput): AuditEntry {
    return this.put(input, reviewValue(input));
  }

  getReviews(documentId: string | undefined): Review[] {
    return ((documentId === undefined ? this.all.all() : this.ofDocument.all(documentId)) as ReviewRow[]).map(toReview);
  }

  listAudit(options: { documentId?: string; limit?: number; after?: string }): Page<AuditEntry> {
    const { limit, before } = auditRange(options);
    const rows = (
      options.documentId === undefined ? this.log.all(before, limit + 1) : this.logOfDocument.all(options.documentId, before, limit + 1)
    ) as AuditRow[];
    return auditPage(rows, limit);
  }
}
