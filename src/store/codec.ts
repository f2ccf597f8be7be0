/**
 * How findings, diagnostics and other values become JSON in the database, and back.
 *
 * The text of a document is stored once. Every nested object of a stored value whose keys are
 * exactly `start`, `end`, `text` (in that order) and whose `text` is the document text between
 * `start` and `end` is written as the marker `{"$span":[start,end]}` and rebuilt from the document
 * text when read. An object that merely looks like a marker (its only key is `$span` or `$lit`) is
 * wrapped as `{"$lit":{...}}` so it comes back unchanged.
 *
 * A finding is stored without `id`, `analysis` and `kind` (they have columns), and without `span`
 * when it is such a span (the `start` and `end` columns hold it). When the finding's keys were not in
 * the order `id, analysis, kind, span, ...`, `$keys` keeps the original order.
 *
 * This is a storage format: changing it needs a migration.
 */
import type { Finding } from '../core/finding.js';
import type { Span } from '../core/span.js';

const SPAN_MARK = '$span';
const LITERAL_MARK = '$lit';
const KEYS_MARK = '$keys';
const HEAD_KEYS = ['id', 'analysis', 'kind', 'span'] as const;

/** A value JSON cannot hold faithfully, found before anything is written. */
export class StoreValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreValueError';
  }
}

/**
 * What a record set's layout does with spans and strings as the codec meets them (`RefWriter` in
 * record-sets.ts), so that a finding is encoded for storage in one walk. `begin` comes first, with
 * the finding's own id and span once they are checked. An object whose only key is one of `markers`
 * is wrapped as `{"$lit":{...}}`, like the codec's own markers.
 */
export interface RecordRefs {
  readonly markers: ReadonlySet<string>;
  begin(id: string, start: number, end: number): void;
  span(start: number, end: number): unknown;
  string(value: string): unknown;
}

/** The columns and JSON of one finding as stored. */
export interface EncodedFinding {
  id: string;
  analysis: string;
  kind: string;
  start: number;
  end: number;
  json: string;
}

/**
 * Checks that `value` is plain JSON (null, booleans, finite numbers, strings, arrays, plain objects,
 * no cycles) and returns it with span markers in place of spans over `text`. Object properties whose
 * value is `undefined` are left out, as JSON.stringify does; anything else JSON cannot keep throws.
 */
export function encodeValue(value: unknown, text: string, where: string): unknown {
  return encode(value, text, where, new Set(), null);
}

function encode(value: unknown, text: string, where: string, path: Set<object>, refs: RecordRefs | null): unknown {
  if (typeof value === 'string') return refs ? refs.string(value) : value;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new StoreValueError(`${where}: ${value} cannot be stored as JSON`);
    return value;
  }
  if (typeof value !== 'object') throw new StoreValueError(`${where}: a ${typeof value} cannot be stored as JSON`);
  if (path.has(value)) throw new StoreValueError(`${where}: the value contains a cycle`);
  path.add(value);
  try {
    // Leaves are handled in the loops: building each one's `where` was most of the walk's cost.
    if (Array.isArray(value)) {
      const items: unknown[] = new Array(value.length);
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (item === undefined) throw new StoreValueError(`${where}[${index}]: undefined cannot be stored as JSON`);
        items[index] = isPlainLeaf(item) ? leaf(item, refs) : encode(item, text, `${where}[${index}]`, path, refs);
      }
      return items;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new StoreValueError(`${where}: a ${name} is not a plain JSON object`);
    }
    if (isTextSpan(value, text)) return refs ? refs.span(value.start, value.end) : { [SPAN_MARK]: [value.start, value.end] };
    const out: Record<string, unknown> = {};
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const item = object[key];
      if (item === undefined) continue;
      out[key] = isPlainLeaf(item) ? leaf(item, refs) : encode(item, text, `${where}.${key}`, path, refs);
    }
    return looksLikeMarker(out, refs) ? { [LITERAL_MARK]: out } : out;
  } finally {
    path.delete(value);
  }
}

/** A string, boolean, null or finite number: kept as it is (a string may become a reference). */
function isPlainLeaf(value: unknown): value is string | boolean | number | null {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function leaf(value: string | boolean | number | null, refs: RecordRefs | null): unknown {
  return refs !== null && typeof value === 'string' ? refs.string(value) : value;
}

/** Undoes `encodeValue` over the same text. */
export function decodeValue(value: unknown, text: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, text));
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === SPAN_MARK) {
    const [start, end] = object[SPAN_MARK] as [number, number];
    return { start, end, text: text.slice(start, end) };
  }
  if (keys.length === 1 && keys[0] === LITERAL_MARK) {
    // The wrapped object's own values were encoded; only its outer shape was protected.
    return decodeObject(object[LITERAL_MARK] as Record<string, unknown>, text);
  }
  return decodeObject(object, text);
}

function decodeObject(object: Record<string, unknown>, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) out[key] = decodeValue(object[key], text);
  return out;
}

/** Values JSON.stringify, with markers, as stored in a JSON column. */
export function encodeJson(value: unknown, text: string, where: string): string {
  return JSON.stringify(encodeValue(value, text, where));
}

export function decodeJson(json: string, text: string): unknown {
  return decodeValue(JSON.parse(json) as unknown, text);
}

/** Validates a finding and splits it into its columns and the JSON of the rest. */
export function encodeFinding(finding: Finding, text: string, where: string): EncodedFinding {
  const { rest, ...columns } = encodeFindingParts(finding, text, where);
  return { ...columns, json: JSON.stringify(rest) };
}

/** The columns of a finding and the rest of it as an encoded object (not yet JSON text). */
export interface EncodedFindingParts extends Omit<EncodedFinding, 'json'> {
  rest: Record<string, unknown>;
}

/**
 * Validates a finding and splits it into its columns and the encoded rest; with `refs`, the rest is
 * written in the record set's layout as it is encoded.
 */
export function encodeFindingParts(finding: Finding, text: string, where: string, refs: RecordRefs | null = null): EncodedFindingParts {
  if (finding === null || typeof finding !== 'object') throw new StoreValueError(`${where}: not a finding`);
  for (const key of ['id', 'analysis', 'kind'] as const) {
    if (typeof finding[key] !== 'string' || finding[key] === '') {
      throw new StoreValueError(`${where}: the finding has no ${key} (a non-empty string is needed)`);
    }
  }
  const span = finding.span as Span | undefined;
  if (
    span === null ||
    typeof span !== 'object' ||
    !Number.isInteger(span.start) ||
    !Number.isInteger(span.end) ||
    span.start < 0 ||
    span.end < span.start
  ) {
    throw new StoreValueError(`${where}: finding ${finding.id} has no valid span (integers 0 <= start <= end)`);
  }
  const rest: Record<string, unknown> = {};
  const keys = Object.keys(finding).filter((key) => (finding as unknown as Record<string, unknown>)[key] !== undefined);
  const spanInColumns = isTextSpan(span, text);
  refs?.begin(finding.id, span.start, span.end);
  for (const key of keys) {
    if (key === 'id' || key === 'analysis' || key === 'kind') continue;
    if (key === 'span' && spanInColumns) continue;
    if (key === KEYS_MARK) throw new StoreValueError(`${where}: a finding may not have a "${KEYS_MARK}" property`);
    rest[key] = encode((finding as unknown as Record<string, unknown>)[key], text, `${where}.${key}`, new Set(), refs);
  }
  if (!hasHeadOrder(keys)) rest[KEYS_MARK] = keys;
  return { id: finding.id, analysis: finding.analysis, kind: finding.kind, start: span.start, end: span.end, rest };
}

/** Rebuilds the finding stored as `encodeFinding` wrote it. */
export function decodeFinding(
  row: { record_id: string; analysis: string; kind: string; start: number; end: number; json: string },
  text: string,
): Finding {
  return decodeFindingParts({ ...row, rest: JSON.parse(row.json) as Record<string, unknown> }, text);
}

/** Rebuilds the finding from its columns and the encoded rest (`encodeFindingParts`). */
export function decodeFindingParts(
  row: { record_id: string; analysis: string; kind: string; start: number; end: number; rest: Record<string, unknown> },
  text: string,
): Finding {
  const stored = row.rest;
  const values: Record<string, unknown> = {
    id: row.record_id,
    analysis: row.analysis,
    kind: row.kind,
    span: 'span' in stored ? decodeValue(stored.span, text) : { start: row.start, end: row.end, text: text.slice(row.start, row.end) },
  };
  const order = (stored[KEYS_MARK] as string[] | undefined) ?? [...HEAD_KEYS, ...Object.keys(stored).filter((key) => key !== 'span')];
  const finding: Record<string, unknown> = {};
  for (const key of order) {
    if (key in values) finding[key] = values[key];
    else finding[key] = decodeValue(stored[key], text);
  }
  return finding as unknown as Finding;
}

/** True when `keys` starts with id, analysis, kind, span in that order (the order rebuilt by default). */
function hasHeadOrder(keys: readonly string[]): boolean {
  return HEAD_KEYS.every((key, index) => keys[index] === key);
}

function isTextSpan(value: object, text: string): value is Span {
  const keys = Object.keys(value);
  if (keys.length !== 3 || keys[0] !== 'start' || keys[1] !== 'end' || keys[2] !== 'text') return false;
  const span = value as Span;
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.end >= span.start &&
    span.end <= text.length &&
    typeof span.text === 'string' &&
    span.text.length === span.end - span.start &&
    text.startsWith(span.text, span.start)
  );
}

function looksLikeMarker(object: Record<string, unknown>, refs: RecordRefs | null): boolean {
  const keys = Object.keys(object);
  return keys.length === 1 && (keys[0] === SPAN_MARK || keys[0] === LITERAL_MARK || (refs !== null && refs.markers.has(keys[0]!)));
}
