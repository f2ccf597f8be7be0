/**
 * The batch behind `claimtrace analyze`: reads every input, analyses each document (or takes the
 * stored result when the text, the analysis versions and the context are unchanged), saves it, and
 * yields one result per document or per problem. A failing input, document or save becomes a
 * `failed` result for that one item and the batch goes on; nothing here throws for bad input.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisJson, DiagnosticJson } from '../api/analysis-json.js';
import type { Document } from '../core/document.js';
import { analyses } from '../analyses/index.js';
import type { Store } from '../store/store.js';
import { analyzeDocument } from './analyze-text.js';
import { cacheKey } from './cache-key.js';
import { extensionOf, formatFromPath } from './read-document.js';
import { readInputs } from './read-inputs.js';

export type InputResult =
  | { kind: 'analysed'; analysis: AnalysisJson; source: string; cached: boolean }
  | { kind: 'failed'; source: string; diagnostic: DiagnosticJson };

export interface AnalyzeProgress {
  /** Results yielded so far (documents and failures). */
  done: number;
  /** Expected number of results, or null when it cannot be known cheaply (stdin). */
  total: number | null;
  /** The source of the result just finished. */
  source: string;
}

export interface AnalyzeInputsOptions {
  /** `YYYY-MM-DD` (or an ISO timestamp, cut to its date); wins over every date found in the inputs. */
  publishedAt?: string | null;
  /** Where results are looked up and saved; null analyses without storing anything. */
  store: Store | null;
  /** Read for the input `-`; defaults to `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /** The clock for `analysedAt`; the engine reads no other. */
  now?: () => string;
  /** Called after each result. When given, the inputs are counted first (see `countInputs`). */
  onProgress?: (progress: AnalyzeProgress) => void;
}

export async function* analyzeInputs(inputs: string[], options: AnalyzeInputsOptions): AsyncGenerator<InputResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const total = options.onProgress ? await countInputs(inputs) : null;
  let done = 0;
  const readOptions = {
    publishedAt: options.publishedAt ?? null,
    ...(options.stdin ? { stdin: options.stdin } : {}),
  };
  for await (const outcome of readInputs(inputs, readOptions)) {
    const result: InputResult =
      outcome.kind === 'failure'
        ? { kind: 'failed', source: outcome.source, diagnostic: outcome.diagnostic }
        : analyzeOne(outcome.document, options.store, now);
    done++;
    options.onProgress?.({ done, total, source: result.source });
    yield result;
  }
}

function analyzeOne(document: Document, store: Store | null, now: () => string): InputResult {
  const source = document.source ?? document.id;
  // readInputs has already applied the caller's publication date to the document.
  const key = cacheKey(analyses, document.publishedAt);
  try {
    if (store) {
      const cached = store.findCached(document.contentHash, key);
      if (cached && sameDocument(cached, document)) return { kind: 'analysed', analysis: cached, source, cached: true };
    }
  } catch (error) {
    return failure(source, 'store', `${source}: could not read the store (${messageOf(error)})`);
  }

  let analysis: AnalysisJson;
  try {
    analysis = analyzeDocument(document);
  } catch (error) {
    // runAnalyses already turns a throwing analysis into a diagnostic; this is a bug elsewhere.
    return failure(source, 'engine', `${source}: analysis failed (${messageOf(error)})`);
  }
  if (store) {
    try {
      store.save({ analysis, source: document.source, cacheKey: key, analysedAt: now() });
    } catch (error) {
      return failure(source, 'store', `${source}: could not save the analysis (${messageOf(error)})`);
    }
  }
  return { kind: 'analysed', analysis, source, cached: false };
}

/**
 * A stored result is reused only for the same document: the content hash and cache key match by
 * lookup, and the id and metadata must match too (two JSON records may share a text but not an id,
 * and a changed title must reach the stored copy).
 */
function sameDocument(cached: AnalysisJson, document: Document): boolean {
  const stored = cached.document;
  return (
    stored.id === document.id &&
    stored.title === document.title &&
    stored.url === document.url &&
    stored.format === document.format &&
    stored.publishedAt === document.publishedAt
  );
}

function failure(source: string, analysis: string, message: string): InputResult {
  return { kind: 'failed', source, diagnostic: { severity: 'error', message, span: null, analysis } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * How many results `analyzeInputs` will yield, when that is cheap to know: null when an input is
 * stdin. Files and directories are walked with the rules of `readInputs` (sorted, dotfiles and
 * unknown extensions skipped, link cycles read once); a text, Markdown or HTML file counts one,
 * a JSON Lines file one per non-blank line, a JSON array one per item. It is an estimate for a
 * progress bar, never a promise: a missing file or an empty directory still counts one (its failure).
 */
export async function countInputs(inputs: string[]): Promise<number | null> {
  if (inputs.includes('-')) return null;
  let count = 0;
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch {
      count++;
      continue;
    }
    if (!isDirectory) {
      count += await countFile(input);
      continue;
    }
    const before = count;
    count += await countDirectory(input, new Set());
    if (count === before) count++;
  }
  return count;
}

async function countDirectory(directory: string, seen: Set<string>): Promise<number> {
  let names: string[];
  try {
    const real = await realpath(directory);
    if (seen.has(real)) return 0;
    seen.add(real);
    names = await readdir(directory);
  } catch {
    return 1;
  }
  let count = 0;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      count++;
      continue;
    }
    if (isDirectory) count += await countDirectory(path, seen);
    else if (formatFromPath(name) !== null) count += await countFile(path);
  }
  return count;
}

async function countFile(path: string): Promise<number> {
  if (formatFromPath(path) !== 'json') return 1;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return 1;
  }
  const extension = extensionOf(path);
  if (extension === '.json') {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? Math.max(1, value.length) : 1;
    } catch {
      // Not one JSON value: read as JSON Lines, like read-document does.
    }
  }
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') lines++;
  return Math.max(1, lines);
}
