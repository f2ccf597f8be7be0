/**
 * Pathological inputs for the benchmark, generated in memory (nothing is read from disk), and the
 * child-process entry that times one of them. Each input runs in its own process so that a hang or a
 * crash cannot take the benchmark down: run-bench.ts spawns
 *
 *   node <tsx loader> bench/pathological.ts <claimtrace|quote-parser> <input name>
 *
 * with a time limit, and reads one JSON line from stdout.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface PathologicalInput {
  name: string;
  description: string;
  /** The input; `scale` (default 1) multiplies its size, for the scaling check (bench/scaling.ts). */
  make(scale?: number): string;
}

export function repeatTo(unit: string, minBytes: number, sep = ''): string {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < minBytes; i++) {
    const piece = unit.replace(/\{i\}/g, String(i)) + sep;
    parts.push(piece);
    bytes += Buffer.byteLength(piece, 'utf8');
  }
  return parts.join('');
}

export const PATHOLOGICAL: PathologicalInput[] = [
  {
    name: 'open-quotes-10k',
    description: '10,000 opening quotation marks “ and nothing else',
    make: (scale = 1) => '“'.repeat(10_000 * scale),
  },
  {
    name: 'open-quotes-words-10k',
    description: '10,000 × “word (opening marks that never close, separated by words)',
    make: (scale = 1) => Array.from({ length: 10_000 * scale }, (_, i) => `“word${i}`).join(' '),
  },
  {
    name: 'spaces-200k',
    description: '200 KB of spaces',
    make: (scale = 1) => ' '.repeat(200 * 1024 * scale),
  },
  {
    name: 'one-line-1mb',
    description: '1 MB of quote-rich prose with no newline',
    make: (scale = 1) =>
      repeatTo(
        'The minister said “we will repair {i} roads before March 2025,” but critics, according to a report, claimed that only 30% had been fixed. ',
        1_000_000 * scale,
      ),
  },
  {
    name: 'unbalanced-quotes',
    description: '~100 KB of paragraphs whose quotes never close, with stray ” and " marks',
    make: (scale = 1) =>
      repeatTo(
        'Officials said “the plan for district {i} will go ahead and " nobody objected, the mayor told ” reporters “again and again\n\n',
        100_000 * scale,
      ),
  },
];

export type PathologicalTool = 'claimtrace' | 'quote-parser';

export interface PathologicalResult {
  ms: number;
  chars: number;
  bytes: number;
  outputs: number;
}

async function runOne(tool: PathologicalTool, name: string): Promise<PathologicalResult> {
  const input = PATHOLOGICAL.find((p) => p.name === name);
  if (!input) throw new Error(`unknown pathological input ${name}`);
  const text = input.make();
  const warm = '“We will see,” the spokeswoman said on Monday, adding that 40% of voters agreed.\n';
  let outputs = 0;
  let ms = 0;
  if (tool === 'claimtrace') {
    const { analyzeText } = await import('../src/engine/analyze-text.js');
    for (let i = 0; i < 20; i++) analyzeText(warm, { id: 'warm' });
    const t0 = performance.now();
    const out = analyzeText(text, { id: name });
    ms = performance.now() - t0;
    outputs = out.quotes.length;
  } else {
    const { rawQuoteParser } = await import('../eval/peers/quote-parser.js');
    for (let i = 0; i < 20; i++) rawQuoteParser(warm);
    const t0 = performance.now();
    outputs = rawQuoteParser(text);
    ms = performance.now() - t0;
  }
  return { ms, chars: text.length, bytes: Buffer.byteLength(text, 'utf8'), outputs };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [tool, name] = process.argv.slice(2);
  if ((tool !== 'claimtrace' && tool !== 'quote-parser') || !name) {
    console.error('usage: pathological.ts claimtrace|quote-parser <input name>');
    process.exit(2);
  }
  runOne(tool, name).then(
    (r) => console.log(JSON.stringify(r)),
    (err) => {
      console.error(err instanceof Error ? err.stack : String(err));
      process.exit(1);
    },
  );
}
