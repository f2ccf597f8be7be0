/**
 * Builds a store of N documents for measuring `claimtrace corpus` itself (the product path) at scale:
 * the BBC articles (read in place from ../shared/data/bbc) analysed once by the whole pipeline into a
 * base store, then copied into the target store with new ids and offset-keeping edits, through the
 * store's own `saveBatch`: copy k of article j has the id `<topic>/<file>~k` and the text of
 * `offsetKeepingVariant` (corpus-variants.ts), and its stored runs and records are the article's with
 * every span's text re-cut from the copy's text. The result is what `claimtrace analyze` would have
 * stored for those texts, without analysing 100,000 documents first.
 *
 *   node --import tsx bench/corpus-store.ts --db OUT.db [--documents N] [--base BASE.db]
 *
 * OUT.db must not exist. BASE.db (default in the system's temporary folder, named by the tool
 * version) is made when missing. Both are outside the repository: the BBC texts are third-party data.
 * Then: `node bin/claimtrace.js corpus --json --out corpus.json --db OUT.db` under `/usr/bin/time -v`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../eval/paths.js';
import { analyzeInputs } from '../src/engine/analyze-files.js';
import { hashText } from '../src/engine/hash-text.js';
import { openStore } from '../src/engine/open-store.js';
import { recordKey } from '../src/engine/record-keys.js';
import { toolVersion } from '../src/engine/tool-version.js';
import type { Finding } from '../src/core/finding.js';
import type { DocumentSave, Store } from '../src/store/store.js';
import { loadBbc, type BenchDoc } from './bbc.js';
import { offsetKeepingVariant } from './corpus-variants.js';
import { parseFlags } from './format.js';

const { flags } = parseFlags(process.argv.slice(2), new Set(['--db', '--documents', '--base', '--batch']));
const target = flags.get('--db');
if (!target) throw new Error('usage: bench/corpus-store.ts --db OUT.db [--documents N] [--base BASE.db]');
const total = Number(flags.get('--documents') ?? 100_000);
const batchSize = Number(flags.get('--batch') ?? 500);
const basePath = flags.get('--base') ?? path.join(os.tmpdir(), 'claimtrace-bench', `bbc-store-${toolVersion}.db`);
for (const file of [target, basePath]) {
  if (path.resolve(file).startsWith(repoRoot + path.sep)) throw new Error(`${file}: keep the store outside the repository (third-party texts)`);
}
if (fs.existsSync(target)) throw new Error(`${target} already exists`);
const ANALYSED_AT = '2026-01-01T00:00:00.000Z';

const bbc = loadBbc().docs;
const wall0 = performance.now();
const cpu0 = process.cpuUsage();
const cpuSeconds = () => {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1e6;
};

if (!fs.existsSync(basePath)) {
  fs.mkdirSync(path.dirname(basePath), { recursive: true });
  const jsonl = `${basePath}.jsonl`;
  fs.writeFileSync(jsonl, bbc.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
  const partial = `${basePath}.partial`;
  fs.rmSync(partial, { force: true });
  const store = openStore(partial);
  let n = 0;
  for await (const result of analyzeInputs([jsonl], { store, now: () => ANALYSED_AT })) {
    if (++n % 500 === 0) console.log(`base: ${n} articles analysed (${cpuSeconds().toFixed(0)} s CPU)`);
    void result;
  }
  await store.close();
  fs.renameSync(partial, basePath);
  fs.rmSync(jsonl);
  console.log(`base store of ${bbc.length} articles: ${basePath} (${cpuSeconds().toFixed(0)} s CPU)`);
}

const base = openStore(basePath);
const baseIds: string[] = [];
for await (const summary of base.iterateDocuments()) baseIds.push(summary.id);
if (baseIds.length !== bbc.length) throw new Error(`${basePath}: ${baseIds.length} documents, expected ${bbc.length}`);
// The stored texts (as the reader decoded them), under the BBC ids the copies are named after.
const articles: BenchDoc[] = [];
for (let j = 0; j < baseIds.length; j++) {
  const stored = (await base.getDocument(baseIds[j]!))!;
  articles.push({ id: bbc[j]!.id, text: stored.text, bytes: Buffer.byteLength(stored.text) });
}

function recut<T>(value: T, text: string): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) out[key] = walk(child);
    if (typeof out.start === 'number' && typeof out.end === 'number' && typeof out.text === 'string') out.text = text.slice(out.start, out.end);
    return out;
  };
  return walk(value) as T;
}

async function copyOf(store: Store, i: number): Promise<DocumentSave> {
  const made = offsetKeepingVariant(articles, i);
  const from = baseIds[made.article]!;
  const stored = (await store.getDocument(from))!;
  const findings: Finding[] = await store.getFindings(from);
  return {
    document: {
      id: made.id,
      title: stored.title,
      url: stored.url,
      publishedAt: stored.publishedAt,
      format: stored.format,
      contentHash: hashText(made.text),
      text: made.text,
      source: stored.source === null ? null : `${stored.source}~${Math.floor(i / articles.length)}`,
    },
    analysedAt: ANALYSED_AT,
    runs: await store.getRuns(from),
    records: findings.map((finding) => {
      const copy = recut(finding, made.text);
      return { finding: copy, key: recordKey(copy) };
    }),
  };
}

const out = openStore(target);
let bytes = 0;
for (let start = 0; start < total; start += batchSize) {
  const saves: DocumentSave[] = [];
  for (let i = start; i < Math.min(total, start + batchSize); i++) {
    const save = await copyOf(base, i);
    bytes += Buffer.byteLength(save.document.text);
    saves.push(save);
  }
  await out.saveBatch(saves);
  if ((start + saves.length) % 10_000 === 0 || start + saves.length === total) {
    console.log(`${start + saves.length} documents stored: ${((performance.now() - wall0) / 1000).toFixed(0)} s wall, ${cpuSeconds().toFixed(0)} s CPU`);
  }
}
await out.close();
await base.close();
console.log(JSON.stringify({ documents: total, megabytes: bytes / 1e6, database: target, databaseMegabytes: fs.statSync(target).size / 1e6, cpuSeconds: cpuSeconds() }));
