/**
 * The SQL of reviews and their audit log (migration `0005-reviews`), kept beside `sqlite-store.ts`
 * so that the record tables and these stay independent. `SqliteStore` delegates to `ReviewTables`.
 */
import type Database from 'better-sqlite3';
import { StoreValueError } from './codec.js';
import type { AuditEntry, Page, Review, ReviewAnchor, ReviewFacet, ReviewInput } from './store.js';

const FACETS: readonly ReviewFacet[] = ['status', 'speaker', 'entity'];
const DEFAULT_PAGE = 100;

interface ReviewRow {
  document_id: string;
  target_kind: string;
  target: string;
  facet: ReviewFacet;
  action: string;
  value: string;
  anchor_start: number | null;
  anchor_end: number | null;
  anchor_text: string | null;
  who: string;
  at: string;
}

interface LogRow {
  id: number;
  document_id: string;
  target_kind: string;
  target: string;
  facet: ReviewFacet;
  action: string;
  before: string | null;
  after: string | null;
  who: string;
  at: string;
}

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
      const key = [input.documentId, input.targetKind, input.target, input.facet];
      const before = (this.get.get(...key) as { value: string } | undefined)?.value ?? null;
      if (value === null) this.remove.run(...key);
      else {
        const anchor = input.anchor;
        this.upsert.run(...key, input.action, value, anchor?.start ?? null, anchor?.end ?? null, anchor?.text ?? null, input.who, input.at);
      }
      const info = this.insertLog.run(...key, input.action, before, value, input.who, input.at);
      return {
        id: Number(info.lastInsertRowid),
        documentId: input.documentId,
        targetKind: input.targetKind,
        target: input.target,
        facet: input.facet,
        action: input.action,
        before: before === null ? null : JSON.parse(before),
        after: value === null ? null : JSON.parse(value),
        who: input.who,
        at: input.at,
      };
    }).immediate;
  }

  putReview(input: ReviewInput): AuditEntry {
    checkInput(input);
    let value: string | null;
    try {
      value = input.value === null || input.value === undefined ? null : JSON.stringify(input.value);
    } catch (error) {
      throw new StoreValueError(`putReview: the value cannot be stored as JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (value === undefined) throw new StoreValueError('putReview: the value cannot be stored as JSON');
    return this.put(input, value);
  }

  getReviews(documentId: string | undefined): Review[] {
    const rows = (documentId === undefined ? this.all.all() : this.ofDocument.all(documentId)) as ReviewRow[];
    return rows.map((row) => ({
      documentId: row.document_id,
      targetKind: row.target_kind,
      target: row.target,
      facet: row.facet,
      action: row.action,
      value: JSON.parse(row.value),
      anchor: anchorOf(row),
      who: row.who,
      at: row.at,
    }));
  }

  listAudit(options: { documentId?: string; limit?: number; after?: string }): Page<AuditEntry> {
    const limit = options.limit ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
    const before = options.after === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(options.after);
    const rows = (
      options.documentId === undefined ? this.log.all(before, limit + 1) : this.logOfDocument.all(options.documentId, before, limit + 1)
    ) as LogRow[];
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      documentId: row.document_id,
      targetKind: row.target_kind,
      target: row.target,
      facet: row.facet,
      action: row.action,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
      who: row.who,
      at: row.at,
    }));
    const next = rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null;
    return { items, next };
  }
}

function anchorOf(row: ReviewRow): ReviewAnchor | null {
  if (row.anchor_start === null || row.anchor_end === null || row.anchor_text === null) return null;
  return { start: row.anchor_start, end: row.anchor_end, text: row.anchor_text };
}

function checkInput(input: ReviewInput): void {
  if (input === null || typeof input !== 'object') throw new StoreValueError('putReview: no review');
  for (const field of ['documentId', 'targetKind', 'target', 'action', 'who', 'at'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') throw new StoreValueError(`putReview: ${field} must be a non-empty string`);
  }
  if (!FACETS.includes(input.facet)) throw new StoreValueError(`putReview: unknown facet ${JSON.stringify(input.facet)} (known: ${FACETS.join(', ')})`);
  const anchor = input.anchor;
  if (anchor !== null && anchor !== undefined) {
    if (!Number.isInteger(anchor.start) || !Number.isInteger(anchor.end) || anchor.start < 0 || anchor.end < anchor.start || typeof anchor.text !== 'string') {
      throw new StoreValueError('putReview: the anchor must be { start, end, text } with 0 <= start <= end');
    }
  }
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify(['a', id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values[0] !== 'a' || !Number.isInteger(values[1])) {
    throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  }
  return values[1] as number;
}
