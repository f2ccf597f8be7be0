/**
 * W3C Web Annotation Data Model (Recommendation, 23 February 2017) as JSON-LD: an
 * `AnnotationCollection` whose first `AnnotationPage` holds one `Annotation` per record (quote,
 * figure, date, framing mark, claim, event; an entity has one target per mention). Each target
 * carries a `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` whose start and
 * end count Unicode code points, as section 4.2.4 of the model says, converted from the contract's
 * UTF-16 offsets. The record itself travels in a JSON `TextualBody` so that an import gets it back whole.
 */
import type { AnalysisJson, SpanJson } from '../api/analysis-json.js';
import { createCodePointIndex, type CodePointIndex } from './code-points.js';
import type { ExportOptions, ExportResult } from './types.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Prefix and suffix length of a TextQuoteSelector, in code points. */
export const QUOTE_CONTEXT_LENGTH = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface AnnotationTarget {
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector];
}

export interface RecordBody {
  type: 'TextualBody';
  purpose: 'describing';
  format: 'application/json';
  /** JSON of `{ documentId, kind, record }`. */
  value: string;
}

export interface TagBody {
  type: 'TextualBody';
  purpose: 'tagging';
  value: string;
}

export interface Annotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: string;
  created?: string;
  generator: { id: string; type: 'Software'; name: string };
  body: [TagBody, RecordBody];
  target: AnnotationTarget | AnnotationTarget[];
}

/** What the record body of an annotation holds. */
export interface CarriedRecord {
  documentId: string;
  kind: string;
  record: Record<string, unknown>;
}

/** The IRI that names a document in a target: its URL, else a claimtrace URN. */
export function documentIri(document: { id: string; url: string | null }): string {
  return document.url ?? `urn:claimtrace:document:${encodeURIComponent(document.id)}`;
}

/** `text.slice(start, end)` widened or narrowed so that no surrogate pair is cut. */
function safeSlice(text: string, start: number, end: number): string {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  if (s > 0 && s < text.length && /[\uDC00-\uDFFF]/.test(text[s]!) && /[\uD800-\uDBFF]/.test(text[s - 1]!)) s++;
  if (e > 0 && e < text.length && /[\uDC00-\uDFFF]/.test(text[e]!) && /[\uD800-\uDBFF]/.test(text[e - 1]!)) e--;
  return text.slice(s, Math.max(s, e));
}

/** The UTF-16 offset `count` code points before (negative) or after `from`, clamped to the text. */
function stepCodePoints(index: CodePointIndex, from: number, count: number): number {
  const cp = Math.min(index.length, Math.max(0, index.toCodePoint(from) + count));
  return index.toUtf16(cp);
}

export function selectorsFor(text: string, index: CodePointIndex, span: SpanJson): [TextQuoteSelector, TextPositionSelector] {
  return [
    {
      type: 'TextQuoteSelector',
      exact: span.text,
      prefix: safeSlice(text, stepCodePoints(index, span.start, -QUOTE_CONTEXT_LENGTH), span.start),
      suffix: safeSlice(text, span.end, stepCodePoints(index, span.end, QUOTE_CONTEXT_LENGTH)),
    },
    { type: 'TextPositionSelector', start: index.toCodePoint(span.start), end: index.toCodePoint(span.end) },
  ];
}

const KINDS = [
  { kind: 'entity', array: 'entities', motivation: 'identifying' },
  { kind: 'quote', array: 'quotes', motivation: 'describing' },
  { kind: 'figure', array: 'figures', motivation: 'describing' },
  { kind: 'date', array: 'dates', motivation: 'describing' },
  { kind: 'framing-mark', array: 'framing', motivation: 'classifying' },
  { kind: 'claim', array: 'claims', motivation: 'describing' },
  { kind: 'event', array: 'events', motivation: 'classifying' },
] as const;

/** The spans an annotation of a record targets: a quote's content pieces, an entity's mentions, else its span. */
function targetSpans(kind: string, record: Record<string, unknown>): SpanJson[] {
  if (kind === 'quote') return (record.contents as SpanJson[] | undefined)?.length ? (record.contents as SpanJson[]) : [record.content as SpanJson];
  if (kind === 'entity') return record.mentions as SpanJson[];
  return [record.span as SpanJson];
}

export function annotationsOf(analysis: AnalysisJson, options: ExportOptions): Annotation[] {
  const { text } = analysis.document;
  const index = createCodePointIndex(text);
  const source = documentIri(analysis.document);
  const generator = { id: `urn:claimtrace:tool:${options.toolVersion}`, type: 'Software' as const, name: `claimtrace ${options.toolVersion}` };
  const out: Annotation[] = [];
  for (const { kind, array, motivation } of KINDS) {
    for (const record of analysis[array] as unknown as Record<string, unknown>[]) {
      const spans = targetSpans(kind, record).filter((s) => s && s.end >= s.start);
      if (spans.length === 0) continue;
      const targets = spans.map((span) => ({ source, selector: selectorsFor(text, index, span) }));
      const carried: CarriedRecord = { documentId: analysis.document.id, kind, record };
      out.push({
        id: `urn:claimtrace:annotation:${encodeURIComponent(analysis.document.id)}:${encodeURIComponent(String(record.id))}`,
        type: 'Annotation',
        motivation,
        generator,
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: kind },
          { type: 'TextualBody', purpose: 'describing', format: 'application/json', value: JSON.stringify(carried) },
        ],
        target: targets.length === 1 ? targets[0]! : targets,
      });
    }
  }
  return out;
}

export function exportWebAnnotation(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const items = analyses.flatMap((a) => annotationsOf(a, options));
  const collection = {
    '@context': ANNO_CONTEXT,
    id: 'urn:claimtrace:export:annotations',
    type: 'AnnotationCollection',
    label: `claimtrace records of ${analyses.length} document${analyses.length === 1 ? '' : 's'}`,
    total: items.length,
    first: { id: 'urn:claimtrace:export:annotations:page1', type: 'AnnotationPage', startIndex: 0, items },
  };
  return {
    format: 'web-annotation',
    files: [{ name: 'annotations.jsonld', mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', content: `${JSON.stringify(collection, null, 1)}\n` }],
    messages: items.length === 0 ? ['no records to annotate in the selection'] : [],
    count: items.length,
  };
}
