/**
 * What the SQLite and the PostgreSQL store share besides their SQL: the checks on what callers pass,
 * page sizes and keyset cursors, how rows become documents, records, reviews and audit lines, the
 * walk over record sets that fills a page of records, and the words a text search looks for. Each
 * store keeps only its statements, its transactions and what its database does differently (FTS5
 * against a word array, `bm25` against a count of title words).
 *
 * Both stores write the same column order for reviews and audit lines (`reviewRowValues`,
 * `auditRowValues`) and the same cursors, so a cursor or a row means the same in either.
 */
import type { Finding } from '../core/finding.js';
import { decodeFindingParts, StoreValueError } from './codec.js';
import { runRecordsOf } from './prepare-save.js';
import { decodeRecordSet, decodeRecordSetRuns, foldNocase, type StoredRecordRow } from './record-sets.js';
import type {
  AuditEntry,
  DocumentSummary,
  Page,
  RecordQuery,
  Review,
  ReviewAnchor,
  ReviewFacet,
  ReviewInput,
  RunRecord,
  StoredDocument,
  StoredRecord,
  StoredSetBytes,
  TextSearchHit,
  TextSearchOptions,
} from './store.js';
import { inflateText } from './text-codec.js';

/** Page sizes when the caller gives none. */
export const DEFAULT_PAGE = 100;
export const DEFAULT_ITERATE_PAGE = 500;
/** Documents read per query while a record query walks the record sets. */
export const RECORD_SCAN_PAGE = 64;

/** Snippets: words in the window, what marks a cut, and the marks around matched words by default. */
export const SNIPPET_TOKENS = 16;
export const SNIPPET_ELLIPSIS = '…';
const DEFAULT_MARKS = { open: '[', close: ']' };

export const REVIEW_FACETS: readonly ReviewFacet[] = ['status', 'speaker', 'entity'];

/** The columns of a document's summary, as both stores select them. */
export const DOCUMENT_META_COLUMNS =
  'doc, id, title, url, published_at, format, content_hash, length, source, analysed_at, record_counts, error_count';

export interface DocumentMetaRow {
  doc: number;
  id: string;
  title: string | null;
  url: string | null;
  published_at: string | null;
  format: string;
  content_hash: string;
  length: number;
  source: string | null;
  analysed_at: string;
  record_counts: string;
  error_count: number;
}

/** A document's record set with what a page of records needs besides: its id and compressed text. */
export interface RecordSetRow {
  doc: number;
  document_id: string;
  data: Buffer;
  text_z: Buffer;
}

export interface ReviewRow {
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

export interface AuditRow {
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

// ---------------------------------------------------------------------------------------------
// Page sizes and cursors.

/** A page size: a positive integer, 100 when not given. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return limit;
}

/** A page size for the iterators: a positive integer, DEFAULT_ITERATE_PAGE when absent. */
export function pageSizeOf(value: number | undefined, where: string): number {
  if (value === undefined) return DEFAULT_ITERATE_PAGE;
  if (!Number.isInteger(value) || value < 1) throw new StoreValueError(`${where}: pageSize must be a positive integer`);
  return value;
}

/** The `limit` of `findByContentHash`: a positive integer. */
export function contentHashLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new StoreValueError(`findByContentHash: limit must be a positive integer, got ${limit}`);
  return limit;
}

/** Cursors are opaque to callers: base64url of a small JSON array whose first element names the list. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function parseCursor(cursor: string, tag: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values[0] !== tag) throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  return values.slice(1);
}

function decodeNumberCursor(cursor: string, tag: string): number {
  const [value] = parseCursor(cursor, tag);
  if (!Number.isInteger(value)) throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  return value as number;
}

/** The sort key of a record page: document, start, end, kind, record id, analysis. */
export type RecordCursor = [doc: number, start: number, end: number, kind: string, recordId: string, analysis: string];

export function decodeRecordCursor(cursor: string): RecordCursor {
  const values = parseCursor(cursor, 'r');
  const [doc, start, end, kind, recordId, analysis] = values;
  if (
    values.length !== 6 ||
    !Number.isInteger(doc) ||
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    typeof kind !== 'string' ||
    typeof recordId !== 'string' ||
    typeof analysis !== 'string'
  ) {
    throw new RangeError(`invalid page cursor ${JSON.stringify(cursor)}`);
  }
  return values as RecordCursor;
}

/** Every item of a paged list, read page by page. */
export async function* pagesOf<T>(read: (after: string | undefined) => Promise<Page<T>>): AsyncIterable<T> {
  let after: string | undefined;
  do {
    const page = await read(after);
    yield* page.items;
    after = page.next ?? undefined;
  } while (after !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Documents.

/** The page asked for: its size, and the document number it starts after (0: from the first). */
export function documentRange(options: { limit?: number; after?: string }): { limit: number; after: number } {
  const limit = pageLimit(options.limit);
  return { limit, after: options.after === undefined ? 0 : decodeNumberCursor(options.after, 'd') };
}

/** A page of document summaries from up to `limit + 1` rows in save order (the extra row says there is more). */
export function documentPage(rows: readonly DocumentMetaRow[], limit: number): Page<DocumentSummary> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(toSummary);
  const last = more ? rows[limit - 1] : undefined;
  return { items, next: last ? encodeCursor(['d', last.doc]) : null };
}

export function toMeta(row: DocumentMetaRow): Omit<StoredDocument, 'text'> {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    format: row.format as StoredDocument['format'],
    contentHash: row.content_hash,
    length: row.length,
    source: row.source,
    analysedAt: row.analysed_at,
  };
}

export function toSummary(row: DocumentMetaRow): DocumentSummary {
  return { ...toMeta(row), recordCounts: JSON.parse(row.record_counts) as Record<string, number>, errorCount: row.error_count };
}

// ---------------------------------------------------------------------------------------------
// Runs and records.

/** The runs of a document's record set, in saved order; the text is inflated only when a diagnostic has a span. */
export function runsOfRecordSet(row: { data: Buffer; text_z: Buffer } | undefined): RunRecord[] {
  if (!row) return [];
  const runs = decodeRecordSetRuns(row.data);
  if (runs.length === 0) return [];
  const text = runs.some((run) => JSON.stringify(run[4]).includes('"$span"')) ? inflateText(row.text_z) : '';
  return runRecordsOf(runs, text);
}

/** The findings of a document's record set in saved order, of some analyses or of all. */
export function findingsOfRecordSet(row: { data: Buffer; text_z: Buffer } | undefined, analyses: readonly string[] | undefined): Finding[] {
  if (!row) return [];
  const wanted = analyses === undefined ? null : new Set(analyses);
  const records = decodeRecordSet(row.data).records.filter((record) => wanted === null || wanted.has(record[0]));
  if (records.length === 0) return [];
  const text = inflateText(row.text_z);
  return records.map((record) => toFinding(record, text));
}

/** `runsOfRecordSet` over the bytes `Store.getStoredSet` gives. */
export function runsOfStoredSet(set: StoredSetBytes): RunRecord[] {
  return runsOfRecordSet({ data: asBuffer(set.data), text_z: asBuffer(set.textZ) });
}

/** `findingsOfRecordSet` over the bytes `Store.getStoredSet` gives (on whichever thread they were sent to). */
export function findingsOfStoredSet(set: StoredSetBytes, analyses: readonly string[] | undefined): Finding[] {
  return findingsOfRecordSet({ data: asBuffer(set.data), text_z: asBuffer(set.textZ) }, analyses);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toFinding(record: StoredRecordRow, text: string): Finding {
  const [analysis, kind, recordId, start, end, , rest] = record;
  return decodeFindingParts({ analysis, kind, record_id: recordId, start, end, rest }, text);
}

/** Records within a document sort by start, end, kind, record id and analysis (the page order). */
export function compareRecords(a: StoredRecordRow, b: StoredRecordRow): number {
  return a[3] - b[3] || a[4] - b[4] || compareText(a[1], b[1]) || compareText(a[2], b[2]) || compareText(a[0], b[0]);
}

export function compareRecordToCursor(record: StoredRecordRow, cursor: RecordCursor): number {
  const [, start, end, kind, recordId, analysis] = cursor;
  return record[3] - start || record[4] - end || compareText(record[1], kind) || compareText(record[2], recordId) || compareText(record[0], analysis);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One page of `queryRecords`, filled from record sets read in document order. The store reads the
 * sets from `from` on (all of them, those holding the query's key, or the one document asked for)
 * and hands each batch to `take` until it answers false; `page()` then builds the page. The store
 * does the reading so that SQLite's synchronous reads stay in one turn of the event loop.
 */
export class RecordPageWalk {
  readonly limit: number;
  private readonly cursor: RecordCursor | null;
  private readonly keep: (record: StoredRecordRow) => boolean;
  private readonly found: Array<{ set: RecordSetRow; records: StoredRecordRow[] }> = [];
  private count = 0;
  /** The first document number still to read. */
  from: number;

  constructor(query: RecordQuery) {
    if (query.overlaps && query.documentId === undefined) {
      throw new Error('queryRecords: `overlaps` needs `documentId` (offsets mean nothing across documents)');
    }
    this.limit = pageLimit(query.limit);
    this.cursor = query.after === undefined ? null : decodeRecordCursor(query.after);
    this.from = this.cursor ? this.cursor[0] : 0;
    const key = query.key === undefined ? null : foldNocase(query.key);
    const overlaps = query.overlaps;
    this.keep = (record) =>
      (query.kind === undefined || record[1] === query.kind) &&
      (query.analysis === undefined || record[0] === query.analysis) &&
      (key === null || (record[5] !== null && foldNocase(record[5]) === key)) &&
      // Half-open spans [start, end) overlap when each starts before the other ends.
      (overlaps === undefined || (record[3] < overlaps.end && record[4] > overlaps.start));
  }

  /**
   * Keeps what matches in the next record sets, in document order; true when more should be read
   * from `from`, false when the page has one record more than it shows (so there is a next page),
   * the sets ran out, or `last` says there are no others.
   */
  take(rows: readonly RecordSetRow[], last = false): boolean {
    if (rows.length === 0) return false;
    for (const set of rows) {
      let records = decodeRecordSet(set.data).records.filter(this.keep).sort(compareRecords);
      const cursor = this.cursor;
      if (cursor && set.doc === cursor[0]) records = records.filter((record) => compareRecordToCursor(record, cursor) > 0);
      if (records.length === 0) continue;
      this.found.push({ set, records });
      this.count += records.length;
      if (this.count > this.limit) return false;
    }
    if (last) return false;
    this.from = rows[rows.length - 1]!.doc + 1;
    return true;
  }

  page(): Page<StoredRecord> {
    const items: StoredRecord[] = [];
    let last: { doc: number; record: StoredRecordRow } | undefined;
    let more = false;
    walk: for (const { set, records } of this.found) {
      if (items.length === this.limit) {
        more = true;
        break;
      }
      const text = inflateText(set.text_z);
      for (const record of records) {
        if (items.length === this.limit) {
          more = true;
          break walk;
        }
        const [analysis, kind, recordId, start, end, recordKey] = record;
        items.push({ documentId: set.document_id, analysis, kind, recordId, start, end, key: recordKey, finding: toFinding(record, text) });
        last = { doc: set.doc, record };
      }
    }
    return {
      items,
      next:
        more && last
          ? encodeCursor(['r', last.doc, last.record[3], last.record[4], last.record[1], last.record[2], last.record[0]])
          : null,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Reviews and the audit log.

/** Checks a review and returns its value as stored: JSON, or null when the review withdraws the decision. */
export function reviewValue(input: ReviewInput): string | null {
  if (input === null || typeof input !== 'object') throw new StoreValueError('putReview: no review');
  for (const field of ['documentId', 'targetKind', 'target', 'action', 'who', 'at'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') throw new StoreValueError(`putReview: ${field} must be a non-empty string`);
  }
  if (!REVIEW_FACETS.includes(input.facet)) {
    throw new StoreValueError(`putReview: unknown facet ${JSON.stringify(input.facet)} (known: ${REVIEW_FACETS.join(', ')})`);
  }
  const anchor = input.anchor;
  if (anchor !== null && anchor !== undefined) {
    if (!Number.isInteger(anchor.start) || !Number.isInteger(anchor.end) || anchor.start < 0 || anchor.end < anchor.start || typeof anchor.text !== 'string') {
      throw new StoreValueError('putReview: the anchor must be { start, end, text } with 0 <= start <= end');
    }
  }
  let value: string | null;
  try {
    value = input.value === null || input.value === undefined ? null : JSON.stringify(input.value);
  } catch (error) {
    throw new StoreValueError(`putReview: the value cannot be stored as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (value === undefined) throw new StoreValueError('putReview: the value cannot be stored as JSON');
  return value;
}

/** The primary key of a decision in force: document, target kind, target, facet. */
export function reviewKey(input: ReviewInput): [string, string, string, ReviewFacet] {
  return [input.documentId, input.targetKind, input.target, input.facet];
}

/** The values of a `reviews` row in column order (document_id … at). */
export function reviewRowValues(input: ReviewInput, value: string): unknown[] {
  const anchor = input.anchor;
  return [...reviewKey(input), input.action, value, anchor?.start ?? null, anchor?.end ?? null, anchor?.text ?? null, input.who, input.at];
}

/** The values of a `review_log` row in column order (document_id … at), the id left to the database. */
export function auditRowValues(input: ReviewInput, before: string | null, after: string | null): unknown[] {
  return [...reviewKey(input), input.action, before, after, input.who, input.at];
}

/** The audit line the store returns for a review it has just written as line `id`. */
export function auditEntryOf(id: number, input: ReviewInput, before: string | null, after: string | null): AuditEntry {
  return {
    id,
    documentId: input.documentId,
    targetKind: input.targetKind,
    target: input.target,
    facet: input.facet,
    action: input.action,
    before: before === null ? null : JSON.parse(before),
    after: after === null ? null : JSON.parse(after),
    who: input.who,
    at: input.at,
  };
}

export function toReview(row: ReviewRow): Review {
  return {
    documentId: row.document_id,
    targetKind: row.target_kind,
    target: row.target,
    facet: row.facet,
    action: row.action,
    value: JSON.parse(row.value),
    anchor: anchorOf(row),
    who: row.who,
    at: row.at,
  };
}

function anchorOf(row: ReviewRow): ReviewAnchor | null {
  if (row.anchor_start === null || row.anchor_end === null || row.anchor_text === null) return null;
  return { start: row.anchor_start, end: row.anchor_end, text: row.anchor_text };
}

/** The audit page asked for: its size, and the line id it starts before (newest first). */
export function auditRange(options: { limit?: number; after?: string }): { limit: number; before: number } {
  const limit = pageLimit(options.limit);
  return { limit, before: options.after === undefined ? Number.MAX_SAFE_INTEGER : decodeNumberCursor(options.after, 'a') };
}

/** A page of audit lines from up to `limit + 1` rows, newest first (the extra row says there is more). */
export function auditPage(rows: readonly AuditRow[], limit: number): Page<AuditEntry> {
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
  return { items, next: rows.length > limit ? encodeCursor(['a', items[items.length - 1]!.id]) : null };
}

// ---------------------------------------------------------------------------------------------
// Text search.

/**
 * The words of a search: each whitespace-separated term cut into words as FTS5's tokenizer cuts
 * them, every word required; a term of several words (`crack-down`, `3,000`) is also a phrase that
 * must stand in a row in the title or the text. Terms without a letter or digit are dropped; null
 * when nothing is left to search for.
 */
export function searchTerms(query: string): { words: string[]; phrases: string[][] } | null {
  const words: string[] = [];
  const phrases: string[][] = [];
  for (const term of String(query).split(/\s+/u)) {
    const tokens = tokenize(term);
    if (tokens.length === 0) continue;
    words.push(...tokens);
    if (tokens.length > 1) phrases.push(tokens);
  }
  return words.length === 0 ? null : { words: [...new Set(words)], phrases };
}

/** The marks a snippet puts around matched words: the caller's, else `[` and `]`. */
export function searchMarks(options: TextSearchOptions): { open: string; close: string } {
  const marks = options.marks ?? DEFAULT_MARKS;
  if (typeof marks.open !== 'string' || typeof marks.close !== 'string') throw new TypeError('searchText: marks must be two strings');
  return marks;
}

/** True when every phrase stands, as words in a row, in the title or in the text. */
export function hasPhrases(title: string | null, text: string, phrases: readonly (readonly string[])[]): boolean {
  return phrases.every((phrase) => containsPhrase(title ?? '', phrase) || containsPhrase(text, phrase));
}

export function toHit(row: { id: string; title: string | null; source: string | null; published_at: string | null }, snippet: string): TextSearchHit {
  return { documentId: row.id, title: row.title, source: row.source, publishedAt: row.published_at, snippet };
}

/**
 * Words as FTS5's `unicode61 remove_diacritics 2` tokenizer makes them: runs of letters, digits,
 * private-use characters and combining marks, folded to lower case without diacritics.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{Co}\p{M}]+/gu)) {
    const folded = match[0].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded !== '') tokens.push(folded);
  }
  return tokens;
}

/** True when `phrase` (folded words) occurs as consecutive words of `text`. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  const first = phrase[0]!;
  const words = tokenize(text);
  for (let i = words.indexOf(first); i >= 0 && i + phrase.length <= words.length; i = words.indexOf(first, i + 1)) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}
