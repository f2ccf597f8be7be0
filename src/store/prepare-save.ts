/**
 * Checking and encoding a save for storage, apart from any database: a `DocumentSave` becomes a
 * `PreparedSave` (the text compressed, the runs and records as one compressed record set, the record
 * keys and counts). Both stores write prepared saves; `analyze` prepares them on its analysis
 * workers (docs/performance.md, "The store"). No SQL here.
 */
import type { Finding } from '../core/finding.js';
import { decodeFindingParts, decodeValue, encodeFindingParts, encodeValue, StoreValueError } from './codec.js';
import { compressRecordSetJson, decodeRecordSet, keysOfRecordSet, recordSetJsonOf, RefWriter, type StoredRunRow } from './record-sets.js';
import type { DocumentSave, RunRecord, StoredRunStatus } from './store.js';
import { compressText } from './text-codec.js';

const RUN_STATUSES: ReadonlySet<string> = new Set<StoredRunStatus>(['ok', 'failed', 'skipped']);

/**
 * One document save, checked and encoded: what a store writes. `prepareSave` makes it from a
 * `DocumentSave`, on the store's thread or, for `analyze`, on the thread that analysed the document
 * (the analysis worker), so that only bytes and strings cross to the thread that writes.
 */
export interface PreparedSave {
  /** Tells a prepared save from a `DocumentSave` in `saveBatch`. */
  prepared: true;
  document: {
    id: string;
    title: string | null;
    url: string | null;
    publishedAt: string | null;
    format: string;
    contentHash: string;
    length: number;
    source: string | null;
    text: string;
  };
  analysedAt: string;
  /** The text compressed for storage (text-codec.ts), made before the transaction. */
  textZ: Uint8Array;
  recordCounts: string;
  errorCount: number;
  /** The runs and records, compressed (record-sets.ts). */
  data: Uint8Array;
  /**
   * Distinct record keys, for `record_keys`. Null in a save that copies a stored record set
   * (`data` as another document of the same text has it, decision 0111): they are then read from
   * `data` when the save is checked, on the thread that writes.
   */
  keys: string[] | null;
}

/** A prepared save as a store writes it: checked, its keys known. */
export type CheckedSave = PreparedSave & { keys: string[] };

/** Checks and encodes one save; throws `StoreValueError` naming the save and the value at fault. */
export function prepareSave(save: DocumentSave, index: number): CheckedSave {
  const where = `saveBatch[${index}]`;
  const document = save?.document;
  if (document === null || typeof document !== 'object') throw new StoreValueError(`${where}: no document`);
  if (typeof document.id !== 'string' || document.id === '') throw new StoreValueError(`${where}: the document has no id`);
  const at = `${where} (document ${JSON.stringify(document.id)})`;
  const text = requireString(document.text, `${at}.text`);
  const prepared: CheckedSave = {
    prepared: true,
    document: {
      id: document.id,
      title: optionalString(document.title, `${at}.title`),
      url: optionalString(document.url, `${at}.url`),
      publishedAt: optionalString(document.publishedAt, `${at}.publishedAt`),
      format: requireString(document.format, `${at}.format`),
      contentHash: requireString(document.contentHash, `${at}.contentHash`),
      length: text.length,
      source: optionalString(document.source, `${at}.source`),
      text,
    },
    analysedAt: requireString(save.analysedAt, `${at}.analysedAt`),
    textZ: compressText(text),
    recordCounts: '',
    errorCount: 0,
    data: Buffer.alloc(0),
    keys: [],
  };
  const encoded = encodeRecordSetOf(save, text, at);
  prepared.data = compressRecordSetJson(encoded.json);
  prepared.keys = encoded.keys;
  prepared.errorCount = encoded.errorCount;
  prepared.recordCounts = encoded.recordCounts;
  return prepared;
}

/**
 * Checks a save's runs and records and encodes them as the JSON of the document's record set (in
 * one walk of each finding: `RecordRefs`), with its distinct keys, error count and record counts by
 * kind.
 */
export function encodeRecordSetOf(
  save: Pick<DocumentSave, 'runs' | 'records'>,
  text: string,
  at: string,
): { json: string; keys: string[]; errorCount: number; recordCounts: string } {
  const set: { runs: StoredRunRow[]; records: unknown[][] } = { runs: [], records: [] };
  const refs = new RefWriter();
  let errorCount = 0;
  if (!Array.isArray(save.runs)) throw new StoreValueError(`${at}.runs: expected an array`);
  if (!Array.isArray(save.records)) throw new StoreValueError(`${at}.records: expected an array`);
  const seenRuns = new Set<string>();
  save.runs.forEach((run, i) => {
    const runAt = `${at}.runs[${i}]`;
    const analysis = requireString(run?.analysis, `${runAt}.analysis`);
    if (analysis === '') throw new StoreValueError(`${runAt}: the run has no analysis name`);
    if (seenRuns.has(analysis)) throw new StoreValueError(`${runAt}: a second run of ${analysis}`);
    seenRuns.add(analysis);
    if (!RUN_STATUSES.has(run.status)) throw new StoreValueError(`${runAt}.status: ${JSON.stringify(run.status)} is not ok, failed or skipped`);
    if (!Array.isArray(run.diagnostics)) throw new StoreValueError(`${runAt}.diagnostics: expected an array`);
    const durationMs = run.durationMs ?? null;
    if (durationMs !== null && (typeof durationMs !== 'number' || !Number.isFinite(durationMs))) {
      throw new StoreValueError(`${runAt}.durationMs: expected a finite number or null`);
    }
    errorCount += run.diagnostics.filter((diagnostic) => diagnostic?.severity === 'error').length;
    set.runs.push([
      analysis,
      requireString(run.version, `${runAt}.version`),
      requireString(run.cacheKey, `${runAt}.cacheKey`),
      run.status,
      encodeValue(run.diagnostics, text, `${runAt}.diagnostics`),
      durationMs,
    ] satisfies StoredRunRow);
  });
  const seenRecords = new Set<string>();
  const keys = new Set<string>();
  const counts = new Map<string, number>();
  save.records.forEach((record, i) => {
    const recordAt = `${at}.records[${i}]`;
    if (record === null || typeof record !== 'object') throw new StoreValueError(`${recordAt}: expected { finding, key }`);
    const encoded = encodeFindingParts(record.finding, text, `${recordAt}.finding`, refs);
    const identity = JSON.stringify([encoded.analysis, encoded.kind, encoded.id]);
    if (seenRecords.has(identity)) {
      throw new StoreValueError(`${recordAt}: a second ${encoded.kind} ${JSON.stringify(encoded.id)} from ${encoded.analysis}`);
    }
    seenRecords.add(identity);
    counts.set(encoded.kind, (counts.get(encoded.kind) ?? 0) + 1);
    const key = optionalString(record.key, `${recordAt}.key`);
    set.records.push([encoded.analysis, encoded.kind, ...refs.head, key, encoded.rest]);
    refs.end(encoded.id);
    if (key !== null) keys.add(key);
  });
  const recordCounts: Record<string, number> = {};
  for (const kind of [...counts.keys()].sort()) recordCounts[kind] = counts.get(kind)!;
  return { json: recordSetJsonOf(set.runs, set.records), keys: [...keys], errorCount, recordCounts: JSON.stringify(recordCounts) };
}

export function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new StoreValueError(`${where}: expected a string`);
  return value;
}

/** A string or null; `undefined` is read as null. */
export function optionalString(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new StoreValueError(`${where}: expected a string or null`);
  return value;
}

/** Whether a save given to `saveBatch` is already prepared. */
export function isPreparedSave(save: DocumentSave | PreparedSave): save is PreparedSave {
  return (save as PreparedSave | null)?.prepared === true;
}

/**
 * A save given to `saveBatch`, prepared: a `DocumentSave` is checked and encoded here, a prepared one
 * (made on another thread, so its buffers may arrive as plain `Uint8Array`s) has its shape checked.
 */
export function toPreparedSave(save: DocumentSave | PreparedSave, index: number): CheckedSave {
  return isPreparedSave(save) ? checkPreparedSave(save, index) : prepareSave(save, index);
}

function checkPreparedSave(save: PreparedSave, index: number): CheckedSave {
  const document = save.document;
  if (document === null || typeof document !== 'object') throw new StoreValueError(`saveBatch[${index}]: no document`);
  if (typeof document.id !== 'string' || document.id === '') throw new StoreValueError(`saveBatch[${index}]: the document has no id`);
  const at = `saveBatch[${index}] (document ${JSON.stringify(document.id)}, prepared)`;
  const text = requireString(document.text, `${at}.text`);
  if (document.length !== text.length) throw new StoreValueError(`${at}.length: ${JSON.stringify(document.length)} is not the text's length ${text.length}`);
  for (const field of ['title', 'url', 'publishedAt', 'source'] as const) optionalString(document[field], `${at}.${field}`);
  for (const field of ['format', 'contentHash'] as const) requireString(document[field], `${at}.${field}`);
  requireString(save.analysedAt, `${at}.analysedAt`);
  requireString(save.recordCounts, `${at}.recordCounts`);
  if (!Number.isInteger(save.errorCount) || save.errorCount < 0) throw new StoreValueError(`${at}.errorCount: expected a count`);
  if (save.keys !== null && (!Array.isArray(save.keys) || save.keys.some((key) => typeof key !== 'string'))) {
    throw new StoreValueError(`${at}.keys: expected an array of strings or null`);
  }
  const data = bytes(save.data, `${at}.data`);
  let keys = save.keys;
  if (keys === null) {
    try {
      keys = keysOfRecordSet(data);
    } catch (error) {
      throw new StoreValueError(`${at}.data: not a record set this version reads (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { ...save, keys, textZ: bytes(save.textZ, `${at}.textZ`), data };
}

/** A Buffer over the same memory (SQLite binds Buffers; a Buffer sent to another thread arrives as a Uint8Array). */
function bytes(value: unknown, where: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new StoreValueError(`${where}: expected bytes`);
}

/** Stored run rows as run records; `text` is the document's text where a diagnostic holds a span (else unused). */
export function runRecordsOf(runs: readonly StoredRunRow[], text: string): RunRecord[] {
  return runs.map(([analysis, version, cacheKey, status, diagnostics, durationMs]) => ({
    analysis,
    version,
    cacheKey,
    status: status as StoredRunStatus,
    diagnostics: decodeValue(diagnostics, text) as RunRecord['diagnostics'],
    durationMs,
  }));
}

/** The runs and findings a prepared save holds, decoded as a store would read them back. */
export function decodePreparedSave(save: PreparedSave): { runs: RunRecord[]; findings: Finding[] } {
  const set = decodeRecordSet(save.data);
  const text = save.document.text;
  return {
    runs: runRecordsOf(set.runs, text),
    findings: set.records.map(([analysis, kind, recordId, start, end, , rest]) => decodeFindingParts({ analysis, kind, record_id: recordId, start, end, rest }, text)),
  }
}

