/**
 * Reads what the user named on the command line (files, directories, `-` for stdin) and yields one
 * outcome per document or per problem, in a deterministic order: inputs in the order given, each
 * directory walked depth-first with its entries sorted by name. A bad or missing input becomes a
 * failure outcome and the others go on; nothing here throws for bad input.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { documentsFromBytes, formatFromPath, readFailure, type ReadOutcome } from './read-document.js';

export type { ReadOutcome } from './read-document.js';

export interface ReadOptions {
  /** Publication date from the CLI flag (`YYYY-MM-DD`); when given it wins over every date found in the inputs. */
  publishedAt?: string | null;
  /** Read for the input `-`; defaults to `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

export async function* readInputs(inputs: string[], options: ReadOptions): AsyncGenerator<ReadOutcome> {
  const meta = { publishedAt: options.publishedAt ?? null };
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) {
        yield readFailure('-', '-: standard input was already read (give `-` only once)');
        continue;
      }
      stdinRead = true;
      const bytes = await readStream(options.stdin ?? process.stdin);
      if (bytes instanceof Error) yield readFailure('-', `-: could not read standard input (${bytes.message})`);
      else yield* documentsFromBytes(bytes, { ...meta, source: '-' });
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

async function* readOneFile(path: string, meta: { publishedAt: string | null }): AsyncGenerator<ReadOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield readFailure(path, `${path}: ${fileProblem(error)}`);
    return;
  }
  yield* documentsFromBytes(bytes, { ...meta, source: path });
}

type WalkItem = { kind: 'file'; path: string } | { kind: 'failure'; outcome: ReadOutcome };

/**
 * Depth-first, entries sorted by name in code-unit order (not locale order, which varies by machine).
 * Dotfiles and dot-directories are skipped, and so are files with an extension claimtrace does not read.
 * Symbolic links are followed; a directory reached twice (a link cycle) is read once.
 */
async function* walkDirectory(directory: string, seen: Set<string>): AsyncGenerator<WalkItem> {
  let names: string[];
  try {
    const real = await realpath(directory);
    if (seen.has(real)) return;
    seen.add(real);
    names = await readdir(directory);
  } catch (error) {
    yield { kind: 'failure', outcome: readFailure(directory, `${directory}: ${fileProblem(error)}`) };
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
      yield { kind: 'failure', outcome: readFailure(path, `${path}: ${fileProblem(error)}`) };
      continue;
    }
    if (isDirectory) yield* walkDirectory(path, seen);
    else if (formatFromPath(name) !== null) yield { kind: 'file', path };
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array | Error> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return Buffer.concat(chunks);
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
