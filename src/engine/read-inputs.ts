/**
 * Reads what the user named on the command line (files, directories, `-` for stdin) and yields one
 * outcome per document or per problem, in a deterministic order: inputs in the order given, each
 * directory walked depth-first with its entries sorted by name. A bad or missing input becomes a
 * failure outcome and the others go on; nothing here throws for bad input.
 *
 * Memory stays flat however large the input: a directory is walked one entry at a time, and JSON Lines
 * (`.jsonl`, `.ndjson`, a `.json` file that turns out to be JSON Lines) is read from a stream and cut
 * into lines at the byte level, each line yielded as a document before the next is read. Any other file
 * is one document or one JSON value, read whole, and refused with its size when over `maxBytes`.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JSON_LINES_EXTENSIONS,
  MAX_INPUT_BYTES,
  describeSize,
  documentsFromBytes,
  documentsFromJsonLines,
  extensionOf,
  formatFromPath,
  isBlankLine,
  jsonLineParses,
  readFailure,
  splitLines,
  tooLargeFailure,
  type InputLine,
  type ReadOutcome,
} from './read-document.js';

export type { ReadOutcome } from './read-document.js';

export interface ReadOptions {
  /** Publication date from the CLI flag (`YYYY-MM-DD`); when given it wins over every date found in the inputs. */
  publishedAt?: string | null;
  /** Read for the input `-`; defaults to `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /**
   * The largest input read as one string: a text, Markdown, HTML or JSON file, standard input, one line
   * of JSON Lines. Defaults to `MAX_INPUT_BYTES` (256 MiB). JSON Lines as a whole has no limit.
   */
  maxBytes?: number;
}

interface InputMeta {
  publishedAt: string | null;
  maxBytes: number;
}

export async function* readInputs(inputs: string[], options: ReadOptions): AsyncGenerator<ReadOutcome> {
  const meta: InputMeta = { publishedAt: options.publishedAt ?? null, maxBytes: options.maxBytes ?? MAX_INPUT_BYTES };
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) {
        yield readFailure('-', '-: standard input was already read (give `-` only once)');
        continue;
      }
      stdinRead = true;
      yield* readStdin(options.stdin ?? process.stdin, meta);
      continue;
    }

    let isDirectory: boolean;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch (error) {
      yield readFailure(input, `${input}: ${fileProblem(error)}`);
      continue;
    }
    if (!isDirectory) {
      // A file named explicitly is read even with an extension a directory walk would skip:
      // its extension still picks the format, and an unknown one is read as text.
      yield* readOneFile(input, meta);
      continue;
    }

    let found = 0;
    for await (const item of walkDirectory(input, new Set())) {
      if (item.kind === 'file') {
        found++;
        yield* readOneFile(item.path, meta);
      } else {
        yield item.outcome;
      }
    }
    if (found === 0) yield readFailure(input, `${input}: no file to read in this directory (supported: ${SUPPORTED_LIST})`);
  }
}

const SUPPORTED_LIST = '.txt .text .md .markdown .html .htm .json .jsonl .ndjson, or no extension';

async function* readOneFile(path: string, meta: InputMeta): AsyncGenerator<ReadOutcome> {
  let size: number;
  let realPath: string;
  try {
    size = (await stat(path)).size;
    realPath = await realpath(path);
  } catch (error) {
    yield readFailure(path, `${path}: ${fileProblem(error)}`);
    return;
  }
  const fileMeta = { ...meta, source: path, path: realPath };
  const extension = extensionOf(path);

  if (JSON_LINES_EXTENSIONS.has(extension)) {
    yield* reportingReadErrors(path, documentsFromJsonLines(splitLines(createReadStream(path), meta.maxBytes), fileMeta));
    return;
  }
  if (extension === '.json') {
    // One JSON value, or JSON Lines under a .json name: the latter when its first non-blank line
    // parses on its own and another line follows (one value cannot go on after a complete line).
    const lines = await asJsonLines(splitLines(createReadStream(path), meta.maxBytes), 2);
    if (lines !== null) {
      yield* reportingReadErrors(path, documentsFromJsonLines(lines, fileMeta));
      return;
    }
  }

  if (size > meta.maxBytes) {
    yield tooLargeFailure(path, size, meta.maxBytes);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield readFailure(path, `${path}: ${fileProblem(error)}`);
    return;
  }
  yield* documentsFromBytes(bytes, fileMeta);
}

/**
 * Standard input is buffered and read whole (sniffed as HTML, JSON or text) when it fits in `maxBytes`;
 * it cannot be re-read, and sniffing needs all of it. Only beyond that is it read as a stream, and then
 * it must be JSON Lines: the buffered part is replayed into the line reader and the rest follows.
 */
async function* readStdin(stream: NodeJS.ReadableStream, meta: InputMeta): AsyncGenerator<ReadOutcome> {
  const iterator = stream[Symbol.asyncIterator]();
  let chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  try {
    while (size <= meta.maxBytes) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = toBytes(next.value);
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    yield readFailure('-', `-: could not read standard input (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  const stdinMeta = { ...meta, source: '-' };
  if (ended) {
    yield* documentsFromBytes(Buffer.concat(chunks, size), stdinMeta);
    return;
  }

  async function* replayThenRest(): AsyncGenerator<Uint8Array> {
    const buffered = chunks;
    chunks = [];
    yield* buffered;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBytes(next.value);
    }
  }
  const lines = await asJsonLines(splitLines(replayThenRest(), meta.maxBytes), 1);
  if (lines === null) {
    yield readFailure(
      '-',
      `-: standard input is over the limit of ${describeSize(meta.maxBytes)} for one document and is not JSON Lines; ` +
        'save it to a file and split it, or give its records as JSON Lines',
    );
    return;
  }
  yield* reportingReadErrors('-', documentsFromJsonLines(lines, stdinMeta));
}

function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/**
 * The lines again, when they are JSON Lines: the first non-blank line parses as JSON on its own and at
 * least `records` non-blank lines exist. Otherwise null, and the stream is closed. Blank lines before
 * the decision are dropped (they are no record and hold no bytes to look at).
 */
async function asJsonLines(lines: AsyncGenerator<InputLine>, records: number): Promise<AsyncIterable<InputLine> | null> {
  const peeked: InputLine[] = [];
  try {
    while (peeked.length < records) {
      const next = await lines.next();
      if (next.done) break;
      if (!isBlankLine(next.value)) peeked.push(next.value);
    }
  } catch {
    // Unreadable: the caller reads the input whole and reports why.
    await lines.return(undefined).catch(() => undefined);
    return null;
  }
  // The first line is parsed only once enough lines are seen: a large one-line JSON value is parsed once, whole.
  const first = peeked[0];
  if (peeked.length < records || first === undefined || first.bytes === null || !jsonLineParses(first.bytes)) {
    await lines.return(undefined);
    return null;
  }
  return (async function* replay(): AsyncGenerator<InputLine> {
    try {
      yield* peeked;
      yield* lines;
    } finally {
      await lines.return(undefined);
    }
  })();
}

/** A read error in the middle of a stream becomes a failure naming the input; the batch goes on. */
async function* reportingReadErrors(source: string, outcomes: AsyncGenerator<ReadOutcome>): AsyncGenerator<ReadOutcome> {
  try {
    yield* outcomes;
  } catch (error) {
    yield readFailure(source, `${source}: ${fileProblem(error)}`);
  }
}

export type WalkItem = { kind: 'file'; path: string } | { kind: 'outcome'; outcome: ReadOutcome };

/**
 * Depth-first, entries sorted by name in code-unit order (not locale order, which varies by machine).
 * Dotfiles and dot-directories are skipped silently; a file with an extension claimtrace does not read
 * is skipped with a `skipped` outcome saying so. Symbolic links are followed; a directory reached twice
 * (a link cycle) is read once.
 */
export async function* walkDirectory(directory: string, seen: Set<string>): AsyncGenerator<WalkItem> {
  let names: string[];
  try {
    const real = await realpath(directory);
    if (seen.has(real)) return;
    seen.add(real);
    names = await readdir(directory);
  } catch (error) {
    yield { kind: 'outcome', outcome: readFailure(directory, `${directory}: ${fileProblem(error)}`) };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      yield { kind: 'outcome', outcome: readFailure(path, `${path}: ${fileProblem(error)}`) };
      continue;
    }
    if (isDirectory) yield* walkDirectory(path, seen);
    else if (formatFromPath(name) !== null) yield { kind: 'file', path };
    else yield { kind: 'outcome', outcome: { kind: 'skipped', source: path, reason: `unsupported extension ${extensionOf(name)}` } };
  }
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
