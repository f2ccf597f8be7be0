/**
 * Reading annotations back: W3C Web Annotation JSON-LD (as `export --format web-annotation` writes it,
 * or from another annotation tool) and Citron quote files. Each annotated span is anchored again on
 * the stored text of its document (see reanchor.ts) and reported as anchored, re-anchored or orphaned.
 * Pure: the caller loads the documents; a file that is not what it claims gives `ImportError`s that
 * name the item and the problem, and the other items are still read.
 */
import type { SpanJson } from '../api/analysis-json.js';
import type { CitronDocument, CitronSpan } from './citron.js';
import { createCodePointIndex } from './code-points.js';
import { anchorQuote, type Anchor, type AnchorStatus } from './reanchor.js';
import type { CarriedRecord } from './web-annotation.js';

/** A stored document as the import needs it. */
export interface ImportDocument {
  id: string;
  url: string | null;
  text: string;
}

export interface ImportedTarget {
  status: AnchorStatus;
  how: Anchor['how'];
  /** The span on the stored text (UTF-16 offsets, as every span of the contract), null when orphaned. */
  span: SpanJson | null;
  /** The text the annotation quoted. */
  exact: string;
}

export interface ImportedItem {
  /** The annotation id, or `<citron line>:<quote id or index>`. */
  id: string;
  documentId: string | null;
  /** The record kind carried by the annotation (quote, figure…), or the Citron part (cue, source, content). */
  kind: string | null;
  /** The worst status of its targets: orphaned if one is, else re-anchored if one is. */
  status: AnchorStatus;
  targets: ImportedTarget[];
  /** The record carried in the annotation's body, or the Citron quote, as it was written. */
  record: unknown;
}

export interface ImportError {
  item: string;
  message: string;
}

export interface ImportResult {
  items: ImportedItem[];
  errors: ImportError[];
  counts: Record<AnchorStatus, number>;
}

/** Finds the stored document an item points at: by claimtrace id, or by the target's source IRI. */
export type DocumentLookup = (key: { documentId: string | null; source: string | null }) => ImportDocument | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The annotations of a file: a collection (first page), a page, an array, or one annotation. */
export function annotationItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) throw new TypeError('not a JSON object or array');
  if (json.type === 'AnnotationCollection') {
    const first = json.first;
    if (isObject(first) && Array.isArray(first.items)) return first.items;
    if (Array.isArray(json.items)) return json.items;
    throw new TypeError('an AnnotationCollection without a first page of items');
  }
  if (json.type === 'AnnotationPage' && Array.isArray(json.items)) return json.items;
  if (json.type === 'Annotation') return [json];
  throw new TypeError(`not a Web Annotation, AnnotationPage or AnnotationCollection (type ${JSON.stringify(json.type ?? null)})`);
}

/** A `urn:claimtrace:document:<id>` source gives the id back. */
export function documentIdFromSource(source: string | null): string | null {
  const m = source ? /^urn:claimtrace:document:(.+)$/.exec(source) : null;
  return m ? decodeURIComponent(m[1]!) : null;
}

function carried(annotation: Record<string, unknown>): CarriedRecord | null {
  const bodies = Array.isArray(annotation.body) ? annotation.body : annotation.body === undefined ? [] : [annotation.body];
  for (const body of bodies) {
    if (isObject(body) && body.format === 'application/json' && typeof body.value === 'string') {
      try {
        const value = JSON.parse(body.value) as unknown;
        if (isObject(value) && typeof value.documentId === 'string' && typeof value.kind === 'string' && isObject(value.record)) return value as unknown as CarriedRecord;
      } catch {
        // not ours: a JSON body of another tool
      }
    }
  }
  return null;
}

function worst(statuses: readonly AnchorStatus[]): AnchorStatus {
  if (statuses.includes('orphaned')) return 'orphaned';
  if (statuses.includes('re-anchored')) return 're-anchored';
  return 'anchored';
}

function tally(items: readonly ImportedItem[]): Record<AnchorStatus, number> {
  const counts: Record<AnchorStatus, number> = { anchored: 0, 're-anchored': 0, orphaned: 0 };
  for (const item of items) counts[item.status]++;
  return counts;
}

export function importWebAnnotations(json: unknown, lookup: DocumentLookup): ImportResult {
  const items: ImportedItem[] = [];
  const errors: ImportError[] = [];
  const list = annotationItems(json);
  list.forEach((raw, i) => {
    const name = isObject(raw) && typeof raw.id === 'string' ? raw.id : `annotation ${i + 1}`;
    if (!isObject(raw) || raw.type !== 'Annotation') {
      errors.push({ item: name, message: 'not an Annotation (type must be "Annotation")' });
      return;
    }
    const targets = (Array.isArray(raw.target) ? raw.target : [raw.target]).filter(isObject);
    if (targets.length === 0) {
      errors.push({ item: name, message: 'no target with a source and selectors' });
      return;
    }
    const record = carried(raw);
    const source = typeof targets[0]!.source === 'string' ? (targets[0]!.source as string) : null;
    const documentId = record?.documentId ?? documentIdFromSource(source);
    const document = lookup({ documentId, source });
    if (!document) {
      errors.push({ item: name, message: `no stored document for ${documentId ? `id ${JSON.stringify(documentId)}` : `source ${JSON.stringify(source)}`}` });
      return;
    }
    const index = createCodePointIndex(document.text);
    const anchored: ImportedTarget[] = [];
    for (const target of targets) {
      const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isObject);
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
      const position = selectors.find((s) => s.type === 'TextPositionSelector');
      if (!quote || typeof quote.exact !== 'string') {
        errors.push({ item: name, message: 'a target without a TextQuoteSelector (exact): nothing to re-anchor with' });
        return;
      }
      const anchor = anchorQuote(document.text, index, {
        exact: quote.exact,
        prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
        suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
        position: position && typeof position.start === 'number' && typeof position.end === 'number' ? { start: position.start, end: position.end } : null,
      });
      anchored.push({ status: anchor.status, how: anchor.how, span: anchor.span, exact: quote.exact });
    }
    items.push({ id: name, documentId: document.id, kind: record?.kind ?? null, status: worst(anchored.map((t) => t.status)), targets: anchored, record: record?.record ?? null });
  });
  return { items, errors, counts: tally(items) };
}

/** The Citron documents of a file: one JSON object, or one per line (JSONL, as the export writes). */
export function citronDocuments(content: string): { documents: { line: number; document: CitronDocument }[]; errors: ImportError[] } {
  const documents: { line: number; document: CitronDocument }[] = [];
  const errors: ImportError[] = [];
  const trimmed = content.replace(/^\uFEFF/, '').trim();
  const chunks: { line: number; text: string }[] = [];
  try {
    chunks.push({ line: 1, text: JSON.stringify(JSON.parse(trimmed)) });
  } catch {
    trimmed.split('\n').forEach((text, i) => {
      if (text.trim() !== '') chunks.push({ line: i + 1, text });
    });
  }
  for (const chunk of chunks) {
    let value: unknown;
    try {
      value = JSON.parse(chunk.text);
    } catch (error) {
      errors.push({ item: `line ${chunk.line}`, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (!isObject(value) || typeof value.text !== 'string' || !Array.isArray(value.quotes)) {
      errors.push({ item: `line ${chunk.line}`, message: 'not a Citron document: it needs "text" (a string) and "quotes" (an array)' });
      continue;
    }
    documents.push({ line: chunk.line, document: value as unknown as CitronDocument });
  }
  return { documents, errors };
}

function isCitronSpan(value: unknown): value is CitronSpan {
  return isObject(value) && Number.isInteger(value.start) && Number.isInteger(value.end) && typeof value.text === 'string';
}

/**
 * Anchors every span of every quote of a Citron document on a stored document. Citron offsets count
 * code points in the Citron file's own text; the quote selector is taken from that text (32 code points
 * either side), so a stored text that was edited since is searched as for a web annotation.
 */
export function importCitronDocument(citron: CitronDocument, line: number, document: ImportDocument): ImportResult {
  const items: ImportedItem[] = [];
  const errors: ImportError[] = [];
  const sourceChars = Array.from(citron.text);
  const index = createCodePointIndex(document.text);
  const selectorOf = (span: CitronSpan) => ({
    exact: span.text,
    prefix: sourceChars.slice(Math.max(0, span.start - 32), span.start).join(''),
    suffix: sourceChars.slice(span.end, span.end + 32).join(''),
    position: { start: span.start, end: span.end },
  });
  citron.quotes.forEach((quote, i) => {
    const name = `line ${line}:${typeof quote?.id === 'string' ? quote.id : `quote ${i + 1}`}`;
    if (!isObject(quote) || !isCitronSpan(quote.cue) || !Array.isArray(quote.contents)) {
      errors.push({ item: name, message: 'a Citron quote needs a cue span and a contents array' });
      return;
    }
    const parts: { kind: string; span: CitronSpan }[] = [
      { kind: 'cue', span: quote.cue },
      ...(Array.isArray(quote.sources) ? quote.sources : []).filter(isCitronSpan).map((span) => ({ kind: 'source', span })),
      ...quote.contents.filter(isCitronSpan).map((span) => ({ kind: 'content', span })),
      ...(Array.isArray(quote.coreferences) ? quote.coreferences : []).filter(isCitronSpan).map((span) => ({ kind: 'coreference', span })),
    ];
    const targets = parts.map(({ span }) => {
      const anchor = anchorQuote(document.text, index, selectorOf(span));
      return { status: anchor.status, how: anchor.how, span: anchor.span, exact: span.text };
    });
    items.push({ id: name, documentId: document.id, kind: 'citron-quote', status: worst(targets.map((t) => t.status)), targets, record: quote });
  });
  return { items, errors, counts: tally(items) };
}
