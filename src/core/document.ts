/** The document model: immutable text plus the facts about it that analyses may use. */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'json' | 'csv';

export interface Document {
  /** Stable id: given by the input (JSON `id`) or derived from the content hash. */
  readonly id: string;
  /** The input exactly as decoded (UTF-8, BOM removed); for HTML the extracted article text. */
  readonly text: string;
  readonly title: string | null;
  readonly url: string | null;
  /** Publication date as `YYYY-MM-DD`, or null when unknown. */
  readonly publishedAt: string | null;
  readonly format: DocumentFormat;
  /** sha256 hex of `text`, computed by the caller (core has no crypto of its own). */
  readonly contentHash: string;
  /** Where the document came from (a path, `-` for stdin, a URL); informational only. */
  readonly source: string | null;
}

export interface DocumentInit {
  id: string;
  text: string;
  contentHash: string;
  title?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  format?: DocumentFormat;
  source?: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

export function createDocument(init: DocumentInit): Document {
  if (!init.id) throw new TypeError('a document needs an id');
  if (typeof init.text !== 'string') throw new TypeError(`document ${init.id}: text must be a string`);
  if (!/^[0-9a-f]{64}$/.test(init.contentHash)) throw new TypeError(`document ${init.id}: contentHash must be sha256 hex`);
  const publishedAt = init.publishedAt ?? null;
  if (publishedAt !== null && !isIsoDay(publishedAt)) {
    throw new TypeError(`document ${init.id}: publishedAt must be YYYY-MM-DD, got ${JSON.stringify(publishedAt)}`);
  }
  return Object.freeze({
    id: init.id,
    text: init.text,
    title: init.title ?? null,
    url: init.url ?? null,
    publishedAt,
    format: init.format ?? 'text',
    contentHash: init.contentHash,
    source: init.source ?? null,
  });
}
