/**
 * Builds a JSON Lines corpus from the BBC News articles for the whole-process benchmark.
 *
 *   npm run bench -- corpus-jsonl [OUT.jsonl] [--copies N | --target-mb M] [--limit N] [--distinct-texts]
 *   tsx bench/make-bbc-jsonl.ts    (the same)
 *
 * One record per article, `{"id","title","text"}`: `title` is the headline (line 1), `text` the whole
 * file as decoded (headline included, as run-bench analyses it). `--copies N` (default 1) writes the
 * 2,225 articles N times, ids `business/001`, then `business/001~2`, `business/001~3`...; `--target-mb M`
 * keeps repeating them until the file holds M × 10^6 bytes. Copies share their text (so a store that
 * keeps each text once, or a cache keyed on content, sees them as repeats) unless `--distinct-texts`
 * appends a line naming the copy to each text after the first copy.
 *
 * The BBC texts are third-party data for research use: the output goes under the system temporary
 * folder by default, and a path inside the repository is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../eval/paths.js';
import { loadBbc } from './bbc.js';
import { fix, MB, parseFlags } from './format.js';

const USAGE = `usage: npm run bench -- corpus-jsonl [OUT.jsonl] [options]
  OUT.jsonl          output file (default: <tmp>/claimtrace-bench/bbc-x<copies>.jsonl or bbc-<M>mb.jsonl);
                     never inside the repository
  --copies N         write the corpus N times with distinct ids (default 1; 4 gives 8,900 records, ~21 MB)
  --target-mb M      repeat the corpus until the file holds M MB (10^6 bytes), e.g. 200
  --limit N          only the first N articles of the corpus
  --distinct-texts   append "(copy k)" to the texts of copies 2.. so that every record has its own text
`;

export interface JsonlOptions {
  out: string;
  copies: number | null;
  targetBytes: number | null;
  limit?: number;
  distinctTexts: boolean;
}

export interface JsonlSummary {
  out: string;
  records: number;
  bytes: number;
  textBytes: number;
  copies: number;
  articles: number;
}

/** True when `p` is the repository folder or inside it. */
export function insideRepository(p: string): boolean {
  const rel = path.relative(repoRoot, path.resolve(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function writeBbcJsonl(opts: JsonlOptions): JsonlSummary {
  if (insideRepository(opts.out)) throw new Error('refusing to write the BBC corpus inside the repository (third-party data); choose a path outside it');
  const corpus = loadBbc(opts.limit);
  if (corpus.docs.length === 0) throw new Error('no BBC article found');
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  const tmp = `${opts.out}.partial`;
  const fd = fs.openSync(tmp, 'w');
  let bytes = 0;
  let textBytes = 0;
  let records = 0;
  let copy = 0;
  const chunk: string[] = [];
  let chunkBytes = 0;
  const flush = () => {
    if (chunk.length) fs.writeSync(fd, chunk.join(''));
    chunk.length = 0;
    chunkBytes = 0;
  };
  try {
    outer: for (;;) {
      copy++;
      if (opts.copies !== null && copy > opts.copies) break;
      for (const d of corpus.docs) {
        const base = d.id.replace(/\.txt$/, '');
        const id = copy === 1 ? base : `${base}~${copy}`;
        const newline = d.text.indexOf('\n');
        const title = (newline < 0 ? d.text : d.text.slice(0, newline)).trim() || null;
        const text = opts.distinctTexts && copy > 1 ? `${d.text}\n(copy ${copy})\n` : d.text;
        const line = `${JSON.stringify({ id, title, text })}\n`;
        const n = Buffer.byteLength(line, 'utf8');
        chunk.push(line);
        chunkBytes += n;
        bytes += n;
        textBytes += Buffer.byteLength(text, 'utf8');
        records++;
        if (chunkBytes > 4 * 2 ** 20) flush();
        if (opts.targetBytes !== null && bytes >= opts.targetBytes) break outer;
      }
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, opts.out);
  return { out: opts.out, records, bytes, textBytes, copies: copy - (opts.copies !== null ? 1 : 0), articles: corpus.docs.length };
}

function main(argv: string[]): void {
  const fail = (message: string): never => {
    console.error(`make-bbc-jsonl: ${message}\n\n${USAGE}`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseFlags(argv, new Set(['--copies', '--target-mb', '--limit', '--out']));
  } catch (err) {
    return fail((err as Error).message);
  }
  const { flags, rest } = parsed;
  if (flags.has('--help')) {
    console.log(USAGE);
    return;
  }
  for (const f of flags.keys()) if (!['--copies', '--target-mb', '--limit', '--out', '--distinct-texts'].includes(f)) fail(`unknown option ${f}`);
  if (rest.length > 1) fail('one output path at most');
  const positive = (name: string) => {
    const v = flags.get(name);
    if (v === undefined) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) fail(`${name} needs a positive number`);
    return n;
  };
  const targetMb = positive('--target-mb');
  let copies = positive('--copies');
  if (targetMb !== null && copies !== null) fail('give --copies or --target-mb, not both');
  if (copies !== null && !Number.isInteger(copies)) fail('--copies needs an integer');
  if (targetMb === null && copies === null) copies = 1;
  const limit = positive('--limit') ?? undefined;
  const name = targetMb !== null ? `bbc-${targetMb}mb.jsonl` : `bbc-x${copies}.jsonl`;
  const out = path.resolve(rest[0] ?? flags.get('--out') ?? path.join(os.tmpdir(), 'claimtrace-bench', name));
  const started = performance.now();
  let summary: JsonlSummary;
  try {
    summary = writeBbcJsonl({ out, copies, targetBytes: targetMb !== null ? targetMb * MB : null, limit, distinctTexts: flags.has('--distinct-texts') });
  } catch (err) {
    return fail((err as Error).message);
  }
  console.log(
    `wrote ${summary.out}: ${summary.records} records (${summary.articles} articles × ${targetMb !== null ? `${summary.copies} copies, the last partial` : summary.copies}), ` +
      `${fix(summary.bytes / MB)} MB (texts ${fix(summary.textBytes / MB)} MB) in ${fix((performance.now() - started) / 1000, 1)} s`,
  );
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main(process.argv.slice(2));
