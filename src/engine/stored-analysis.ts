/**
 * Between the engine and the store: decide, per analysis, what a stored result still answers for a
 * document; build what to save; and read a stored document back as the contract object.
 */
import type { AnalysisJson } from '../api/analysis-json.js';
import { inputsOf, type RunContext } from '../core/analysis.js';
import { createDocument, type Document } from '../core/document.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import type { AnalysesResult, StoredRun } from '../core/run-analyses.js';
import type { DocumentSave, RunRecord, SaveInput, Store, StoredDocument, StoredSetBytes } from '../store/store.js';
import { decodePreparedSave, isPreparedSave, runRecordsOf, type PreparedSave } from '../store/prepare-save.js';
import { decodeRecordSetRuns, isCurrentRecordSet, keysOfRecordSet } from '../store/record-sets.js';
import { findingsOfStoredSet, runsOfStoredSet } from '../store/store-common.js';
import { analysisCacheKeys } from './cache-key.js';
import type { Pipeline } from './pipeline.js';
import { recordKey } from './record-keys.js';
import { runPipeline } from './analyze-text.js';
import { toAnalysisJson } from './to-analysis-json.js';
import { withAnalysis, withAnalysisFrom } from './lazy-analysis.js';
import type { PipelineRunner, RunnerResult, SaveRequest, StoredFindings } from './timed-runner.js';

export interface StoredAnalysisRun {
  analysis: AnalysisJson;
  /** `analysis` as JSON text, exactly `JSON.stringify(analysis)`, when a runner on another thread made it. */
  json?: string;
  /** Every stored analysis still answered: nothing ran. */
  cached: boolean;
  /** Ids of the analyses that ran this time (not reused). */
  ran: string[];
  /** What to write (prepared on the runner's thread when it has one), or null when the stored copy is already exactly this. */
  save: SaveInput | null;
  /** The error diagnostics in `analysis`, when known without reading it. */
  errorCount?: number;
}

interface Previous {
  runs: Map<string, RunRecord>;
  /** This very document is stored with the same text and facts. */
  sameDocument: boolean;
  /** The stored records of some analyses, in saved order. */
  findings(analyses: readonly string[]): Promise<Finding[]>;
  /** The stored record set itself, undecoded, when the store can give it (`Store.getStoredSet`). */
  storedSet?: () => Promise<StoredSetBytes | null>;
  /** What a save copying this stored analysis carries from it, when it can be copied (`copySave`). */
  copy?: () => Promise<StoredCopy | null>;
}

/**
 * A stored analysis as a save of another document with the same text can carry it unchanged
 * (decision 0111): the record set and the text as stored, their counts, and the record keys (null:
 * read from `data` by the store, on the thread that writes); or, for a save built on this thread and
 * not yet written, that save's runs and records.
 */
type StoredCopy =
  | { kind: 'bytes'; data: Uint8Array; textZ: Uint8Array; recordCounts: string; errorCount: number; keys: string[] | null }
  | { kind: 'save'; save: DocumentSave; errorCount: number };

function copyOfSet(set: StoredSetBytes | null): StoredCopy | null {
  if (!set || set.recordCounts === undefined || set.errorCount === undefined) return null;
  return { kind: 'bytes', data: set.data, textZ: set.textZ, recordCounts: set.recordCounts, errorCount: set.errorCount, keys: null };
}

/**
 * Saves made but not yet committed (the batch being collected and the one being written), so that a
 * document that repeats an earlier one of the same run finds it without waiting for the write.
 */
export class UnsavedSaves {
  private readonly byId = new Map<string, SaveInput>();
  private readonly byHash = new Map<string, SaveInput[]>();

  add(save: SaveInput): void {
    this.remove(save.document.id);
    this.byId.set(save.document.id, save);
    const list = this.byHash.get(save.document.contentHash);
    if (list) list.push(save);
    else this.byHash.set(save.document.contentHash, [save]);
  }

  /** Forgets a save once it is committed (or failed); a later save of the same id stays. */
  settle(save: SaveInput): void {
    if (this.byId.get(save.document.id) === save) this.remove(save.document.id);
  }

  get(documentId: string): SaveInput | undefined {
    return this.byId.get(documentId);
  }

  withText(contentHash: string): readonly SaveInput[] {
    return this.byHash.get(contentHash) ?? [];
  }

  private remove(documentId: string): void {
    const old = this.byId.get(documentId);
    if (!old) return;
    this.byId.delete(documentId);
    const list = (this.byHash.get(old.document.contentHash) ?? []).filter((save) => save !== old);
    if (list.length > 0) this.byHash.set(old.document.contentHash, list);
    else this.byHash.delete(old.document.contentHash);
  }
}

/** How many other documents with the same text are looked at for reusable runs. */
const SAME_TEXT_CANDIDATES = 8;

function fromSave(save: SaveInput, document: Document): Previous {
  if (isPreparedSave(save)) {
    const copy: StoredCopy = { kind: 'bytes', data: save.data, textZ: save.textZ, recordCounts: save.recordCounts, errorCount: save.errorCount, keys: save.keys };
    return {
      runs: runsByAnalysis(runRecordsOf(decodeRecordSetRuns(save.data), save.document.text)),
      sameDocument: false,
      findings: async (analyses) => decodePreparedSave(save).findings.filter((finding) => analyses.includes(finding.analysis)),
      storedSet: async () => ({ data: save.data, textZ: save.textZ }),
      copy: async () => copy,
    };
  }
  const errorCount = save.runs.reduce((count, run) => count + run.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length, 0);
  const copy: StoredCopy = { kind: 'save', save, errorCount };
  return {
    runs: runsByAnalysis(save.runs),
    // Not committed yet: the repeat is saved again (a cheap replace), so it is stored even if this save fails.
    sameDocument: false,
    copy: async () => copy,
    findings: async (analyses) => save.records.map((record) => record.finding).filter((finding) => analyses.includes(finding.analysis)),
  };
}

/**
 * A stored document as the previous analysis of this one. Its record set is read once: the runs are
 * cut from it, and the same bytes serve the reused findings and a copy.
 */
async function fromStore(store: Store, documentId: string, sameDocument: boolean): Promise<Previous> {
  const findings = (analyses: readonly string[]): Promise<Finding[]> => store.getFindings(documentId, { analyses });
  if (!store.getStoredSet) return { runs: runsByAnalysis(await store.getRuns(documentId)), sameDocument, findings };
  const set = await store.getStoredSet(documentId);
  return {
    runs: runsByAnalysis(set ? runsOfStoredSet(set) : []),
    sameDocument,
    findings,
    storedSet: async () => set,
    copy: async () => copyOfSet(set),
  };
}

function matchingKeys(runs: ReadonlyMap<string, RunRecord>, keys: ReadonlyMap<string, string>): number {
  let matches = 0;
  for (const [id, key] of keys) if (runs.get(id)?.cacheKey === key && runs.get(id)?.status === 'ok') matches++;
  return matches;
}

/**
 * The stored runs that can answer for this document: its own when its text is unchanged, else
 * those of the document with the same text whose runs match the most cache keys (the same wire
 * story read from a JSON record and from a text file differs in format, which is in the key).
 * Saves not yet committed count as stored.
 */
async function findPrevious(store: Store, document: Document, keys: ReadonlyMap<string, string>, unsaved: UnsavedSaves | null): Promise<Previous | null> {
  const own = unsaved?.get(document.id);
  if (own) {
    if (own.document.contentHash === document.contentHash) return fromSave(own, document);
  } else {
    const stored = await store.getDocument(document.id);
    if (stored && stored.contentHash === document.contentHash) return fromStore(store, document.id, sameFacts(stored, document));
  }
  let best: Previous | null = null;
  let bestMatches = 0;
  for (const save of unsaved?.withText(document.contentHash) ?? []) {
    if (save.document.id === document.id) continue;
    const candidate = fromSave(save, document);
    const matches = matchingKeys(candidate.runs, keys);
    if (matches > bestMatches) [best, bestMatches] = [{ ...candidate, sameDocument: false }, matches];
  }
  if (bestMatches === keys.size) return best;
  // The document's own id may be among the first: one more than the candidates read.
  const candidates = (await store.findByContentHash(document.contentHash, { limit: SAME_TEXT_CANDIDATES + 1 })).filter((id) => id !== document.id);
  for (const candidate of candidates.slice(0, SAME_TEXT_CANDIDATES)) {
    const previous = await fromStore(store, candidate, false);
    const matches = matchingKeys(previous.runs, keys);
    if (matches > bestMatches) [best, bestMatches] = [previous, matches];
    // Only a candidate with more matches replaces the best, and none can have more than every key:
    // the rest need not be read (each read decodes a record set; a story repeated n times read
    // min(n - 1, 8) of them for every copy).
    if (bestMatches === keys.size) break;
  }
  return best;
}

function runsByAnalysis(runs: readonly RunRecord[]): Map<string, RunRecord> {
  return new Map(runs.map((run) => [run.analysis, run]));
}

function sameFacts(stored: Pick<StoredDocument, 'title' | 'url' | 'format' | 'publishedAt' | 'source'>, document: Document): boolean {
  return (
    stored.title === document.title &&
    stored.url === document.url &&
    stored.format === document.format &&
    stored.publishedAt === document.publishedAt &&
    stored.source === document.source
  );
}

/**
 * Analyses one document against the store: an analysis whose stored run has the same cache key
 * (its version, its resources' hashes, the context and the keys of what it reads) is not run again;
 * its stored records are used. A lexicon edit therefore re-runs its analysis and those downstream.
 */
export async function analyzeAgainstStore(
  document: Document,
  store: Store,
  pipeline: Pipeline,
  context: RunContext,
  analysedAt: () => string,
  options: {
    clock?: () => number;
    unsaved?: UnsavedSaves;
    only?: string;
    runner?: PipelineRunner;
    /**
     * False when the caller will not read the analysis (`analyze --quiet`): a document whose every
     * stored analysis is copied from a stored copy of its text is then neither run nor decoded.
     */
    analysisNeeded?: boolean;
  } = {},
): Promise<StoredAnalysisRun> {
  const clock = options.clock;
  const keys = analysisCacheKeys(pipeline.analyses, context, document);
  const previous = await findPrevious(store, document, keys, options.unsaved ?? null);
  const reusable = new Map<string, RunRecord>();
  if (previous) {
    for (const analysis of pipeline.analyses) {
      const run = previous.runs.get(analysis.id);
      if (analysis.persist === false || !run) continue;
      // `only`: that analysis runs again and every other stored run is kept exactly as it is, even
      // one whose cache key no longer matches (a later `analyze` brings those up to date).
      const keep =
        options.only !== undefined
          ? analysis.id !== options.only
          : run.status === 'ok' && run.version === analysis.version && run.cacheKey === keys.get(analysis.id);
      if (keep) reusable.set(analysis.id, run);
    }
    // A stored run whose stored input is run again (it failed, or was skipped, last time, with the
    // same cache key) read something else than what it would read now: it runs again too.
    if (options.only === undefined) {
      const byId = new Map(pipeline.analyses.map((analysis) => [analysis.id, analysis]));
      for (const analysis of pipeline.analyses) {
        if (!reusable.has(analysis.id)) continue;
        const rerunInput = inputsOf(analysis).some((input) => byId.get(input)?.persist !== false && !reusable.has(input));
        if (rerunInput) reusable.delete(analysis.id);
      }
    }
  }
  // Every stored analysis reused from a stored copy of this text: the save carries that copy's bytes.
  const copy = previous && options.only === undefined ? await copyToSave(previous, pipeline, document.contentHash, keys, reusable) : null;
  if (copy && options.analysisNeeded === false) {
    // Nothing to run and nothing to show: the analysis is read from the copy only if asked for.
    const save = previous!.sameDocument ? null : copySave(document, copy, analysedAt());
    return withAnalysis({ cached: true, ran: [], save, errorCount: 0 }, () => analysisOfCopy(document, pipeline, copy));
  }
  let stored = new Map<string, Finding[]>();
  // With a runner on another thread, the stored findings go to it as the stored bytes, decoded there
  // (decision 0100); the runs in `reuse` then carry none.
  let storedFindings: StoredFindings | undefined;
  if (previous && reusable.size > 0 && options.runner && previous.storedSet) {
    const set = await previous.storedSet();
    if (set) storedFindings = { set, analyses: [...reusable.keys()] };
  }
  if (previous && reusable.size > 0 && !storedFindings) stored = byAnalysis(await previous.findings([...reusable.keys()]));
  const reuse = new Map<string, StoredRun>();
  for (const [id, run] of reusable) reuse.set(id, { findings: stored.get(id) ?? [], diagnostics: run.diagnostics });
  // A runner on another thread prepares the save there (SaveRequest): only bytes come back.
  // A copy is saved as it is: the runner only makes the contract JSON.
  const saveRequest: SaveRequest | undefined = copy
    ? undefined
    : {
        keys: Object.fromEntries(keys),
        reused: Object.fromEntries(reusable),
        unlessCached: previous !== null && previous.sameDocument,
      };
  const result = options.runner
    ? await options.runner(document, { ...context.options }, reuse, saveRequest, storedFindings)
    : runPipeline(document, pipeline, context, { reuse: (analysis) => reuse.get(analysis.id) ?? null, ...(clock ? { clock } : {}) });
  const ran = Object.entries(result.runs)
    .filter(([, run]) => run.status !== 'reused')
    .map(([id]) => id);
  const cached = !persistedRan(pipeline, result);
  const json = (result as RunnerResult).json;
  const upToDate = cached && previous !== null && previous.sameDocument;
  const prepared = (result as RunnerResult).save;
  const save = upToDate
    ? null
    : copy && cached
      ? copySave(document, copy, analysedAt())
      : prepared
        ? { ...prepared, analysedAt: analysedAt() }
        : buildSave(document, result, pipeline, keys, reusable, analysedAt());
  // Made on the runner's thread: parsed only if a caller reads `analysis` (decision 0101).
  if (json !== undefined) return withAnalysisFrom({ json, cached, ran, save }, json);
  return { analysis: toAnalysisJson(document, result), cached, ran, save };
}

/**
 * The stored copy a save can carry unchanged (decision 0111), or null: every stored analysis of the
 * pipeline is reused from it, each of its runs is of an analysis of the pipeline with this document's
 * cache key, none had an error, and it is in the format written today.
 */
async function copyToSave(
  previous: Previous,
  pipeline: Pipeline,
  contentHash: string,
  keys: ReadonlyMap<string, string>,
  reusable: ReadonlyMap<string, RunRecord>,
): Promise<StoredCopy | null> {
  if (!previous.copy) return null;
  const versions = new Map(pipeline.analyses.map((analysis) => [analysis.id, analysis.version]));
  for (const analysis of pipeline.analyses) if (analysis.persist !== false && !reusable.has(analysis.id)) return null;
  for (const [id, run] of previous.runs) {
    if (run.status !== 'ok' || run.version !== versions.get(id) || run.cacheKey !== keys.get(id)) return null;
  }
  const copy = await previous.copy();
  if (!copy || copy.errorCount !== 0 || (copy.kind === 'bytes' && !isCurrentRecordSet(copy.data))) return null;
  if (copy.kind === 'bytes' && copy.keys === null) {
    // The same text under the same cache keys gives the same records, so the same record keys: a text
    // stored many times has them read once, not by the writer for every copy. (The cache keys leave the
    // text out: it is what the stored copies are found by.)
    const signature = `${contentHash} ${[...keys.values()].join(' ')}`;
    let known = COPIED_KEYS.get(signature);
    if (!known) {
      known = keysOfRecordSet(copy.data);
      if (COPIED_KEYS.size >= COPIED_KEYS_KEPT) COPIED_KEYS.delete(COPIED_KEYS.keys().next().value!);
      COPIED_KEYS.set(signature, known);
    }
    return { ...copy, keys: known };
  }
  return copy;
}

/** Record keys of copied record sets, by the cache keys that made them (the oldest forgotten first). */
const COPIED_KEYS = new Map<string, string[]>();
const COPIED_KEYS_KEPT = 10_000;

/** The save of `document` carrying a stored copy of its analysis. */
function copySave(document: Document, copy: StoredCopy, analysedAt: string): SaveInput {
  const facts = storedFacts(document);
  if (copy.kind === 'save') return { document: facts, analysedAt, runs: copy.save.runs, records: copy.save.records };
  return {
    prepared: true,
    document: { ...facts, length: document.text.length },
    analysedAt,
    textZ: copy.textZ,
    recordCounts: copy.recordCounts,
    errorCount: copy.errorCount,
    data: copy.data,
    keys: copy.keys,
  } satisfies PreparedSave;
}

/**
 * The contract object of a document whose every stored analysis is the copy's: what the pipeline
 * gives when it reuses them all (the stored analyses' findings and diagnostics, in pipeline order).
 */
function analysisOfCopy(document: Document, pipeline: Pipeline, copy: StoredCopy): AnalysisJson {
  const runs = new Map((copy.kind === 'bytes' ? runsOfStoredSet(copy) : copy.save.runs).map((run) => [run.analysis, run]));
  const grouped = byAnalysis(copy.kind === 'bytes' ? findingsOfStoredSet(copy, undefined) : copy.save.records.map((record) => record.finding));
  const findings: Record<string, Finding[]> = {};
  const diagnostics: Diagnostic[] = [];
  for (const analysis of pipeline.analyses) {
    if (analysis.persist === false) continue;
    findings[analysis.id] = grouped.get(analysis.id) ?? [];
    diagnostics.push(...(runs.get(analysis.id)?.diagnostics ?? []));
  }
  return toAnalysisJson(document, { findings, diagnostics });
}

/** Findings by the analysis that made them, each list in the order given. */
export function byAnalysis(findings: Iterable<Finding>): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = grouped.get(finding.analysis);
    if (list) list.push(finding);
    else grouped.set(finding.analysis, [finding]);
  }
  return grouped;
}

/** Whether any analysis whose results are stored ran (was not reused) for this result. */
export function persistedRan(pipeline: Pipeline, result: Pick<AnalysesResult, 'runs'>): boolean {
  return pipeline.analyses.some((a) => a.persist !== false && result.runs[a.id]?.status !== 'reused');
}

/** The save of an analysed document: every run, and the records of the analyses that are stored. */
export function buildSave(
  document: Document,
  result: AnalysesResult,
  pipeline: Pipeline,
  keys: ReadonlyMap<string, string>,
  reused: ReadonlyMap<string, RunRecord>,
  analysedAt: string,
): DocumentSave {
  const runs: RunRecord[] = [];
  const records: DocumentSave['records'] = [];
  for (const analysis of pipeline.analyses) {
    const run = result.runs[analysis.id];
    if (!run) continue;
    if (run.status === 'reused') runs.push(reused.get(analysis.id)!);
    else {
      runs.push({
        analysis: analysis.id,
        version: analysis.version,
        cacheKey: keys.get(analysis.id)!,
        status: run.status,
        diagnostics: [...run.diagnostics],
        durationMs: run.durationMs,
      });
    }
    if (analysis.persist === false) continue;
    for (const finding of result.findings[analysis.id] ?? []) records.push({ finding, key: recordKey(finding) });
  }
  return { document: storedFacts(document), analysedAt, runs, records };
}

/** What a save stores of the document itself. */
function storedFacts(document: Document): DocumentSave['document'] {
  return {
    id: document.id,
    title: document.title,
    url: document.url,
    publishedAt: document.publishedAt,
    format: document.format,
    contentHash: document.contentHash,
    text: document.text,
    source: document.source,
  };
}

/**
 * A stored document as the contract object, byte for byte what `analyze --json` printed for it
 * (diagnostics in pipeline order, then those of analyses no longer in the pipeline). Null when the
 * id is not stored.
 */
export async function loadAnalysis(store: Store, documentId: string, pipeline: Pipeline): Promise<AnalysisJson | null> {
  const stored = await store.getDocument(documentId);
  if (!stored) return null;
  const document = createDocument({
    id: stored.id,
    text: stored.text,
    contentHash: stored.contentHash,
    title: stored.title,
    url: stored.url,
    publishedAt: stored.publishedAt,
    format: stored.format,
    source: stored.source,
  });
  const order = new Map(pipeline.analyses.map((analysis, index) => [analysis.id, index]));
  const rank = (id: string): number => order.get(id) ?? order.size;
  const runs = (await store.getRuns(documentId)).slice().sort((a, b) => rank(a.analysis) - rank(b.analysis));
  const findings: Record<string, Finding[]> = {};
  for (const finding of await store.getFindings(documentId)) (findings[finding.analysis] ??= []).push(finding);
  const ordered: Record<string, Finding[]> = {};
  for (const id of Object.keys(findings).sort((a, b) => rank(a) - rank(b))) ordered[id] = findings[id]!;
  return toAnalysisJson(document, { findings: ordered, diagnostics: runs.flatMap((run) => run.diagnostics) });
}
