/**
 * Where the evaluation and benchmark tools find things. Everything is resolved from this file's
 * location, never from the working directory: the repository root is the folder above `eval/`,
 * and third-party data is read in place from `../shared/data/` next to the repository
 * (override with the environment variable `CLAIMTRACE_DATA`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function dataRoot(): string {
  const override = process.env.CLAIMTRACE_DATA;
  return override ? path.resolve(override) : path.resolve(repoRoot, '..', 'shared', 'data');
}

/** Shortens a path for printing: relative to the repository root. */
export function displayPath(p: string): string {
  return path.relative(repoRoot, p) || '.';
}

/** `YYYY-MM-DD` of the local system clock (used for report file names only). */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The path (without extension) of a new report `<dir>/<date>-<task>`: when a report of that name
 * already exists (`.md` or `.json`), the next free `-2`, `-3`… is taken, so a second run on the same
 * day never overwrites the first (the earlier report stays as the baseline).
 */
export function freshReportBase(dir: string, name: string, exists: (file: string) => boolean): string {
  const taken = (base: string) => exists(`${base}.md`) || exists(`${base}.json`);
  let base = path.join(dir, name);
  for (let n = 2; taken(base); n++) base = path.join(dir, `${name}-${n}`);
  return base;
}

/**
 * The command line a report records: `npm run eval -- <args>` without `--out DIR`, since the folder a report was
 * written to says nothing about how its figures were made, and a path of the machine that ran it has no place in a
 * committed report.
 */
export function reportCommand(argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') {
      i++;
      continue;
    }
    if (arg.startsWith('--out=')) continue;
    kept.push(arg);
  }
  return ['npm run eval --', ...kept].join(' ');
}
