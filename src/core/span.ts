/**
 * Spans are the ground truth of every record: 0-based, end-exclusive UTF-16 offsets into the
 * document text. They are only ever built here, so `text === source.slice(start, end)` holds by
 * construction.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Anything that carries the text that spans point into. */
export interface HasText {
  readonly text: string;
}

function sourceText(source: string | HasText): string {
  return typeof source === 'string' ? source : source.text;
}

/** Builds a span over `source`; throws on offsets outside the text, which is always a bug. */
export function spanAt(source: string | HasText, start: number, end: number): Span {
  const text = sourceText(source);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(`span [${start}, ${end}) is outside a text of length ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

const WHITESPACE = /\s/u;

/** Narrows [start, end) so that it neither starts nor ends with whitespace. */
export function trimmedSpanAt(source: string | HasText, start: number, end: number): Span {
  const text = sourceText(source);
  let s = start;
  let e = end;
  while (s < e && WHITESPACE.test(text[s]!)) s++;
  while (e > s && WHITESPACE.test(text[e - 1]!)) e--;
  return spanAt(text, s, e);
}

export function spanLength(span: { start: number; end: number }): number {
  return span.end - span.start;
}

export function spansOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapLength(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function spanContains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Orders by start, then end: the order of every array in the contract. */
export function compareSpans(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}
