/**
 * How many outcomes `readInputs` will yield, for a progress bar: counted cheaply, never a promise.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  JSON_LINES_EXTENSIONS,
  MAX_INPUT_BYTES,
  decodeUtf8,
  documentsFromBytes,
  extensionOf,
  formatFromPath,
  isBlankLine,
  jsonLineParses,
  splitLines,
  type InputLine,
} from './read-document.js';
import { walkDirectory } from './read-inputs.js';

/**
 * The number of outcomes `readInputs` will yield, when that is cheap to know: null when an input is
 * stdin. Files and directories are walked with the rules of `readInputs` (sorted, dotfiles passed over,
 * link cycles read once); a text, Markdown or HTML file counts one, a JSON Lines file one per non-blank
 * line, a JSON array one per item, a CSV or TSV table one per row, and a file a directory walk skips for its extension one (its
 * `skipped` outcome). A missing file or an empty directory still counts one (its failure). JSON Lines
 * is counted from a stream of bytes, one line at a time, so a file of any size is counted in flat memory.
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
    const found = await countDirectory(input, new Set());
    // A directory with no file to read gives one failure (after any skipped files).
    count += found.files === 0 ? found.outcomes + 1 : found.outcomes;
  }
  return count;
}

interface DirectoryCount {
  /** Outcomes expected from the directory. */
  outcomes: number;
  /** Files that will be read (not skipped). */
  files: number;
}

/** The directory walked exactly as `readInputs` walks it (`walkDirectory`), counting instead of reading. */
async function countDirectory(directory: string, seen: Set<string>): Promise<DirectoryCount> {
  const total: DirectoryCount = { outcomes: 0, files: 0 };
  for await (const item of walkDirectory(directory, seen)) {
    if (item.kind === 'file') {
      total.outcomes += await countFile(item.path);
      total.files++;
    } else {
      total.outcomes++;
    }
  }
  return total;
}

/** Lines longer than this are not kept while counting (they are not blank, which is all that matters). */
const COUNT_LINE_BYTES = 4096;

async function countFile(path: string): Promise<number> {
  const format = formatFromPath(path);
  if (format === 'csv') return countTableRows(path);
  if (format !== 'json') return 1;
  const extension = extensionOf(path);
  try {
    if (JSON_LINES_EXTENSIONS.has(extension)) return Math.max(1, await countJsonLines(path));
    return await countJsonFile(path);
  } catch {
    return 1;
  }
}

/** A CSV or TSV table is read whole, so it is counted by reading it the same way: one outcome per row. */
async function countTableRows(path: string): Promise<number> {
  try {
    if ((await stat(path)).size > MAX_INPUT_BYTES) return 1;
    return Math.max(1, documentsFromBytes(await readFile(path), { source: path }).length);
  } catch {
    return 1;
  }
}

async function countJsonLines(path: string): Promise<number> {
  let lines = 0;
  for await (const line of splitLines(createReadStream(path), COUNT_LINE_BYTES)) if (!isBlankLine(line)) lines++;
  return lines;
}

/**
 * A `.json` file is JSON Lines when its first non-blank line parses on its own and another follows (as
 * `readInputs` decides); otherwise one value, counted by its array items when it fits in one string.
 */
async function countJsonFile(path: string): Promise<number> {
  let lines = 0;
  let first: InputLine | null = null;
  for await (const line of splitLines(createReadStream(path), MAX_INPUT_BYTES)) {
    if (isBlankLine(line)) continue;
    lines++;
    if (lines === 1) {
      first = line;
    } else if (lines === 2) {
      // Parsed only when a second line follows, so a large one-line value is parsed once, below.
      if (first!.bytes === null || !jsonLineParses(first!.bytes)) break;
      first = null;
    }
  }
  if (lines >= 2 && first === null) return lines;
  if ((await stat(path)).size > MAX_INPUT_BYTES) return 1;
  const decoded = decodeUtf8(await readFile(path));
  if (!decoded.ok) return 1;
  try {
    const value: unknown = JSON.parse(decoded.text);
    return Array.isArray(value) ? Math.max(1, value.length) : 1;
  } catch {
    return 1;
  }
}
