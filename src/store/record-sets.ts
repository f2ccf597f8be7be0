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
 *     {"v":1,"runs":[[analysis, version, cacheKey, status, diagnostics, durationMs], ...],
 *      "records":[[analysis, kind, id, start, end, key, rest], ...]}
 *
 * where `rest` and `diagnostics` are encoded by `codec.ts` (spans over the document text as
 * `{"$span":[start,end]}` markers). Runs and records keep the order they were saved in.
 *
 * Offsets are written as differences: each record's `start` and each span marker's start as the
 * distance from the previous start written (in JSON order), each `end` as the length. Sorted
 * records then write small numbers that repeat, which compress about 5 % better.
 *
 * This is a storage format: a new dictionary is a new format byte, and every format byte ever
 * written stays readable.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARIES } from './dictionaries.generated.js';

/** Level 6: on BBC records, level 9 gained under 1 % for twice the time; level 1 lost 12 %. */
const LEVEL = 6;
const JSON_VERSION = 1;
/** The format written today: the newest dictionary. */
const WRITE_FORMAT = 1;
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

/** The JSON a record set is stored as, before compression (also what the dictionary is built from). */
export function recordSetJson(set: RecordSet): string {
  const offsets = new Offsets(true);
  const records = set.records.map(([analysis, kind, id, start, end, key, rest]) => {
    const delta = offsets.next(start, end);
    return [analysis, kind, id, delta[0], delta[1], key, offsets.walk(rest) as Record<string, unknown>];
  });
  return JSON.stringify({ v: JSON_VERSION, runs: set.runs, records });
}

/** Turns absolute offsets into differences (`encode`) or back, in the order JSON writes them. */
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

export function encodeRecordSet(set: RecordSet): Buffer {
  const body = deflateRawSync(Buffer.from(recordSetJson(set), 'utf8'), { level: LEVEL, dictionary: dictionary(WRITE_FORMAT, 'records') });
  return Buffer.concat([Buffer.of(MARK, WRITE_FORMAT), body]);
}

export function decodeRecordSet(data: Uint8Array): RecordSet {
  if (data[0] !== MARK) throw new Error('not a record set');
  const json = inflateRawSync(data.subarray(2), { dictionary: dictionary(data[1]!, 'records') }).toString('utf8');
  const value = JSON.parse(json) as { v?: unknown; runs?: unknown; records?: unknown };
  if (value.v !== JSON_VERSION || !Array.isArray(value.runs) || !Array.isArray(value.records)) {
    throw new Error(`unknown record set layout ${JSON.stringify(value.v)}`);
  }
  const offsets = new Offsets(false);
  const records = (value.records as StoredRecordRow[]).map(([analysis, kind, id, start, end, key, rest]): StoredRecordRow => {
    const absolute = offsets.next(start, end);
    return [analysis, kind, id, absolute[0], absolute[1], key, offsets.walk(rest) as Record<string, unknown>];
  });
  return { runs: value.runs as StoredRunRow[], records };
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
