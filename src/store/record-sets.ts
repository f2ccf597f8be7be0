/**
 * A document's runs and records, stored together as one compressed value (`record_sets.data`).
 *
 * Six analyses write about fifty records per news article, most of them small objects with the
 * same keys; one row per record made the database eleven times the size of its text
 * (docs/decisions/0007-store-layout.md). Stored together, the repetition between records is what
 * the compressor removes, and a preset dictionary (`dictionaries.generated.ts`) removes most of the
 * repetition between documents that a 2 KB value cannot see on its own.
 *
 * The value is a header (`MARK`, then the format: which dictionary), then raw DEFLATE with that
 * format's dictionary, of the JSON
 *
 *     {"v":2,"runs":[[analysis, version, cacheKey, status, diagnostics, durationMs], ...],
 *      "records":[[analysis, kind, id, start, end, key, rest], ...]}
 *
 * where `rest` and `diagnostics` are encoded by `codec.ts` (spans over the document text as
 * `{"$span":[start,end]}` markers). Runs and records keep the order they were saved in.
 *
 * Offsets are written as differences: each record's `start` and each span marker's start as the
 * distance from the previous start written (in JSON order), each `end` as the length. Sorted
 * records then write small numbers that repeat, which compress about 5 % better. Layout 2 (format
 * 2) also writes what a record repeats, of itself or of an earlier record, as a reference
 * (`RefWriter`): about a quarter smaller than layout 1 (format 1, read still) on BBC articles.
 *
 * This is a storage format: a new dictionary is a new format byte, and every format byte ever
 * written stays readable.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RecordRefs } from './codec.js';
import { DICTIONARIES } from './dictionaries.generated.js';

/** Level 6: on BBC records, level 9 gained under 1 % for twice the time; level 1 lost 12 %. */
const LEVEL = 6;
/** The JSON layout written today (`RefWriter`); layout 1 is still read. */
const JSON_VERSION = 2;
/** The format written today: the newest dictionary. */
const WRITE_FORMAT = 2;
/**
 * First byte of every value written with a dictionary. Its low three bits say "block type 3",
 * which no raw DEFLATE stream can start with, so texts compressed before dictionaries existed
 * (schema 2 and 3: plain raw DEFLATE) are told apart with certainty.
 */
const MARK = 0xf7;

export type StoredRunRow = [analysis: string, version: string, cacheKey: string, status: string, diagnostics: unknown, durationMs: number | null];
export type StoredRecordRow = [analysis: string, kind: string, id: string, start: number, end: number, key: string | null, rest: Record<string, unknown>];

export interface RecordSet {
  runs: StoredRunRow[];
  records: StoredRecordRow[];
}

/**
 * The JSON a record set is stored as, before compression (also what the dictionary is built from),
 * in the layout written today (`v: 2`, see `RefWriter`). It consumes `set`: the encoded values of
 * its records are rewritten in place (they are the codec's fresh copies, used once), which saves a
 * second copy of every record on the writer's hot path.
 */
export function recordSetJson(set: RecordSet): string {
  const writer = new RefWriter();
  const records = set.records.map((record) => writer.record(record));
  return JSON.stringify({ v: JSON_VERSION, runs: set.runs, records });
}

/** The JSON of layout 1 (format 1, schema 4 as first shipped); kept to test that it is still read. */
export function recordSetJsonV1(set: RecordSet): string {
  const offsets = new Offsets(true);
  const records = set.records.map(([analysis, kind, id, start, end, key, rest]) => {
    const delta = offsets.next(start, end);
    return [analysis, kind, id, delta[0], delta[1], key, offsets.walk(rest) as Record<string, unknown>];
  });
  return JSON.stringify({ v: 1, runs: set.runs, records });
}

/** Layout 1: turns absolute offsets into differences (`encode`) or back, in the order JSON writes them. */
class Offsets {
  private previous = 0;

  constructor(private readonly encode: boolean) {}

  next(start: number, end: number): [number, number] {
    if (this.encode) {
      const out: [number, number] = [start - this.previous, end - start];
      this.previous = start;
      return out;
    }
    const absolute = this.previous + start;
    this.previous = absolute;
    return [absolute, absolute + end];
  }

  /** A copy of an encoded value with every span marker converted; `$lit` objects are not markers. */
  walk(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === '$span') {
      const [start, end] = object.$span as [number, number];
      return { $span: this.next(start, end) };
    }
    if (keys.length === 1 && keys[0] === '$lit') return { $lit: this.walkValues(object.$lit as Record<string, unknown>) };
    return this.walkValues(object);
  }

  private walkValues(object: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) out[key] = this.walk(object[key]);
    return out;
  }
}

/**
 * Layout 2: what layout 1 repeats is written as a reference to what it repeats.
 *
 * - A record's id that is a prefix followed by its own `start-end` (`e0-5`, `q544-680`) is written
 *   as the prefix alone; any other id as `[id]`.
 * - A string that is the id of an earlier record of the set (evidence, `entityId`, `quoteId`,
 *   event actors) is `{"$r":index}`.
 * - A string that is a prefix followed by `start-end` of a span already written in the same record
 *   (entity evidence `m34-39` after the mention `[34,39]`) is `{"$m":[prefix, step]}`.
 * - A span marker equal to a span already written in the same record (a claim's `span` and
 *   `sentence`, an entity's merged mentions) is `{"$s":step}`.
 * - Every other span marker is `{"$span":[start - previous start, length]}`, as in layout 1.
 *
 * A record's spans are numbered in the order written, its own span first; a `step` is the distance
 * from the span the previous `$m` or `$s` of the record named, so a list that repeats an earlier
 * list writes the same small step again and again, which DEFLATE stores in a few bits. An object
 * of the value whose only key is `$r`, `$m` or `$s` is wrapped as `{"$lit":{...}}`, like the
 * codec's own markers.
 */
export class RefWriter implements RecordRefs {
  readonly markers: ReadonlySet<string> = REF_MARKERS;
  private previous = 0;
  /** The index of the first record with each id. */
  private readonly ids = new Map<string, number>();
  private records = 0;
  private spans = new Map<string, number>();
  private spanCount = 0;
  private lastRef = 0;
  /** The id slot, start and length of the record begun last. */
  head: [idSlot: string | [string], delta: number, length: number] = ['', 0, 0];

  /** A record whose `rest` the codec has encoded already (absolute span markers); rewritten in place. */
  record([analysis, kind, id, start, end, key, rest]: StoredRecordRow): unknown[] {
    this.begin(id, start, end);
    const out = [analysis, kind, ...this.head, key, this.walkObject(rest)];
    this.end(id);
    return out;
  }

  begin(id: string, start: number, end: number): void {
    this.spans = new Map([[`${start},${end}`, 0]]);
    this.spanCount = 1;
    this.lastRef = 0;
    const suffix = `${start}-${end}`;
    this.head = [id.endsWith(suffix) ? id.slice(0, id.length - suffix.length) : [id], start - this.previous, end - start];
    this.previous = start;
  }

  /** After the record's values: later records may name it. */
  end(id: string): void {
    if (!this.ids.has(id)) this.ids.set(id, this.records);
    this.records++;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.walk(value[i]);
      return value;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1) {
      const only = keys[0]!;
      if (only === '$span') {
        const [start, end] = object.$span as [number, number];
        return this.span(start, end);
      }
      if (only === '$lit') {
        this.walkObject(object.$lit as Record<string, unknown>);
        return object;
      }
      if (REF_MARKERS.has(only)) return { $lit: this.walkObject(object) };
    }
    return this.walkObject(object);
  }

  private walkObject(object: Record<string, unknown>): Record<string, unknown> {
    for (const key in object) object[key] = this.walk(object[key]);
    return object;
  }

  span(start: number, end: number): unknown {
    const id = `${start},${end}`;
    const index = this.spans.get(id);
    if (index !== undefined) return { $s: this.step(index) };
    this.spans.set(id, this.spanCount++);
    const delta = start - this.previous;
    this.previous = start;
    return { $span: [delta, end - start] };
  }

  string(value: string): unknown {
    // Only strings that end in `<digits>-<digits>` can be references; test the last character first.
    const last = value.charCodeAt(value.length - 1);
    if (!(last >= 48 && last <= 57) || value.length > 64) return value;
    const record = this.ids.get(value);
    if (record !== undefined) return { $r: record };
    const parts = spanSuffix(value);
    if (!parts) return value;
    const [prefix, start, end] = parts;
    const index = this.spans.get(`${start},${end}`);
    // Numbers with leading zeros would not come back as written.
    if (index === undefined || String(Number(start)) !== start || String(Number(end)) !== end) return value;
    return { $m: [prefix, this.step(index)] };
  }

  private step(index: number): number {
    const step = index - this.lastRef;
    this.lastRef = index;
    return step;
  }
}

const REF_MARKERS: ReadonlySet<string> = new Set(['$r', '$m', '$s']);

/** Undoes `RefWriter`: absolute span markers and strings again. */
class RefReader {
  private previous = 0;
  private readonly ids: string[] = [];
  private spans: Array<[number, number]> = [];
  private lastRef = 0;

  record([analysis, kind, idSlot, delta, length, key, rest]: unknown[]): StoredRecordRow {
    const start = this.previous + (delta as number);
    this.previous = start;
    const end = start + (length as number);
    this.spans = [[start, end]];
    this.lastRef = 0;
    const id = typeof idSlot === 'string' ? `${idSlot}${start}-${end}` : ((idSlot as string[])[0] as string);
    const row: StoredRecordRow = [analysis as string, kind as string, id, start, end, key as string | null, this.walkObject(rest as Record<string, unknown>)];
    this.ids.push(id);
    return row;
  }

  private walk(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.walk(value[i]);
      return value;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1) {
      const only = keys[0]!;
      if (only === '$span') {
        const [delta, length] = object.$span as [number, number];
        const start = this.previous + delta;
        this.previous = start;
        this.spans.push([start, start + length]);
        return { $span: [start, start + length] };
      }
      if (only === '$s') return { $span: [...this.spanAt(object.$s as number)] };
      if (only === '$m') {
        const [prefix, step] = object.$m as [string, number];
        const [start, end] = this.spanAt(step);
        return `${prefix}${start}-${end}`;
      }
      if (only === '$r') {
        const id = this.ids[object.$r as number];
        if (id === undefined) throw new Error(`record set: reference to record ${JSON.stringify(object.$r)}, which is not before it`);
        return id;
      }
      if (only === '$lit') {
        const inner = this.walkObject(object.$lit as Record<string, unknown>);
        // Wrapped by RefWriter (not by the codec): the object itself.
        const innerKeys = Object.keys(inner);
        if (innerKeys.length === 1 && REF_MARKERS.has(innerKeys[0]!)) return inner;
        return object;
      }
    }
    return this.walkObject(object);
  }

  private walkObject(object: Record<string, unknown>): Record<string, unknown> {
    for (const key in object) object[key] = this.walk(object[key]);
    return object;
  }

  private spanAt(step: number): [number, number] {
    const index = this.lastRef + step;
    const span = this.spans[index];
    if (!span) throw new Error(`record set: reference to span ${index} of a record that has ${this.spans.length}`);
    this.lastRef = index;
    return span;
  }
}

/** A string as `<prefix><start digits>-<end digits>`, the start's digits as many as there are; null if it is not one. */
function spanSuffix(value: string): [prefix: string, start: string, end: string] | null {
  let endAt = value.length;
  while (endAt > 0 && isDigit(value.charCodeAt(endAt - 1))) endAt--;
  if (endAt === value.length || endAt === 0 || value.charCodeAt(endAt - 1) !== 45) return null;
  const dash = endAt - 1;
  let startAt = dash;
  while (startAt > 0 && isDigit(value.charCodeAt(startAt - 1))) startAt--;
  if (startAt === dash) return null;
  return [value.slice(0, startAt), value.slice(startAt, dash), value.slice(endAt)];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function encodeRecordSet(set: RecordSet): Buffer {
  return compressRecordSetJson(recordSetJson(set));
}

/**
 * The JSON of a record set from runs and records already in today's layout (records written with
 * one `RefWriter`, in order).
 */
export function recordSetJsonOf(runs: readonly StoredRunRow[], records: readonly unknown[][]): string {
  return JSON.stringify({ v: JSON_VERSION, runs, records });
}

/** The stored value of a record set's JSON (`recordSetJson`, `recordSetJsonOf`). */
export function compressRecordSetJson(json: string): Buffer {
  const body = deflateRawSync(Buffer.from(json, 'utf8'), { level: LEVEL, dictionary: dictionary(WRITE_FORMAT, 'records') });
  return Buffer.concat([Buffer.of(MARK, WRITE_FORMAT), body]);
}

/** A stored record set's JSON, inflated with the dictionary its header names. */
function recordSetText(data: Uint8Array): string {
  if (data[0] !== MARK) throw new Error('not a record set');
  return inflateRawSync(data.subarray(2), { dictionary: dictionary(data[1]!, 'records') }).toString('utf8');
}

export function decodeRecordSet(data: Uint8Array): RecordSet {
  const json = recordSetText(data);
  const value = JSON.parse(json) as { v?: unknown; runs?: unknown; records?: unknown };
  if ((value.v !== 1 && value.v !== 2) || !Array.isArray(value.runs) || !Array.isArray(value.records)) {
    throw new Error(`unknown record set layout ${JSON.stringify(value.v)}`);
  }
  if (value.v === 2) {
    const reader = new RefReader();
    return { runs: value.runs as StoredRunRow[], records: (value.records as unknown[][]).map((record) => reader.record(record)) };
  }
  const offsets = new Offsets(false);
  const records = (value.records as StoredRecordRow[]).map(([analysis, kind, id, start, end, key, rest]): StoredRecordRow => {
    const absolute = offsets.next(start, end);
    return [analysis, kind, id, absolute[0], absolute[1], key, offsets.walk(rest) as Record<string, unknown>];
  });
  return { runs: value.runs as StoredRunRow[], records };
}

/**
 * Whether a stored value is in the format written today: a save may then carry these very bytes for
 * another document of the same text (decision 0111); one in an older format is encoded again, so
 * that what is written anew is always today's format.
 */
export function isCurrentRecordSet(data: Uint8Array): boolean {
  return data[0] === MARK && data[1] === WRITE_FORMAT;
}

/** The distinct keys of a record set's records, in record order: what `record_keys` holds for it. */
export function keysOfRecordSet(data: Uint8Array): string[] {
  const keys = new Set<string>();
  const json = recordSetText(data);
  const value = JSON.parse(json) as { v?: unknown; records?: unknown };
  // Both layouts write a record's key as it is, sixth in its row: the rest need not be walked.
  if ((value.v !== 1 && value.v !== 2) || !Array.isArray(value.records)) throw new Error(`unknown record set layout ${JSON.stringify(value.v)}`);
  for (const record of value.records as unknown[][]) {
    const key = record[5];
    if (typeof key === 'string') keys.add(key);
  }
  return [...keys];
}

/**
 * The runs of a record set alone, as `decodeRecordSet(data).runs`, without parsing or walking its
 * records: the runs come first in the JSON (`{"v":2,"runs":[...],"records":...}`), so only their
 * array is cut out and parsed. A look-up of cached runs (the stored-analysis cache reads the runs of
 * every stored copy of a text) then costs the inflate and a few hundred bytes of JSON instead of
 * the whole set's. A value in any other shape goes through `decodeRecordSet`, which checks it.
 */
export function decodeRecordSetRuns(data: Uint8Array): StoredRunRow[] {
  const json = recordSetText(data);
  const end = json.startsWith(RUNS_PREFIX_V2) || json.startsWith(RUNS_PREFIX_V1) ? endOfArray(json, RUNS_PREFIX_V2.length) : -1;
  if (end < 0 || !json.startsWith(RECORDS_KEY, end)) return decodeRecordSet(data).runs;
  return JSON.parse(json.slice(RUNS_PREFIX_V2.length - 1, end)) as StoredRunRow[];
}

const RUNS_PREFIX_V2 = '{"v":2,"runs":[';
const RUNS_PREFIX_V1 = '{"v":1,"runs":[';
const RECORDS_KEY = ',"records":';

/**
 * The index just past the `]` that closes the JSON array whose `[` is just before `from`, or -1.
 * Brackets inside strings do not count; JSON escapes every quotation mark inside a string.
 */
function endOfArray(json: string, from: number): number {
  let depth = 1;
  for (let i = from; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code === 34) {
      // A string: skip to its closing quotation mark, stepping over escapes.
      for (i++; i < json.length; i++) {
        const inner = json.charCodeAt(i);
        if (inner === 92) i++;
        else if (inner === 34) break;
      }
    } else if (code === 91 || code === 123) depth++;
    else if (code === 93 || code === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Texts: the same scheme with the texts' dictionary (text-codec.ts). */
export function compressWithDictionary(bytes: Uint8Array, level: number): Buffer {
  return Buffer.concat([Buffer.of(MARK, WRITE_FORMAT), deflateRawSync(bytes, { level, dictionary: dictionary(WRITE_FORMAT, 'texts') })]);
}

/** True for a value written by `compressWithDictionary`; false for plain raw DEFLATE. */
export function hasDictionaryHeader(data: Uint8Array): boolean {
  return data[0] === MARK;
}

export function inflateWithDictionary(data: Uint8Array): Buffer {
  if (!hasDictionaryHeader(data)) return inflateRawSync(data);
  return inflateRawSync(data.subarray(2), { dictionary: dictionary(data[1]!, 'texts') });
}

const decoded = new Map<string, Buffer>();

function dictionary(format: number, part: 'records' | 'texts'): Buffer {
  const id = `${format}:${part}`;
  let bytes = decoded.get(id);
  if (!bytes) {
    const entry = DICTIONARIES[format];
    if (!entry) throw new Error(`unknown storage format ${format} (written by a newer claimtrace?)`);
    bytes = Buffer.from(entry[part], 'base64');
    decoded.set(id, bytes);
  }
  return bytes;
}

/** SQLite's NOCASE: only ASCII letters fold. The key index uses it, so filters in code must too. */
export function foldNocase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
