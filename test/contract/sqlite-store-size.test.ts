/**
 * Size and write speed of the SQLite store on news-sized documents: the file must stay within
 * twice the text it holds. Uses the BBC News texts next to the repository when they are there
 * (`../shared/data/bbc`, or `$CLAIMTRACE_DATA/bbc`), generated text otherwise.
 *
 * The default run is small enough for every test run; the measurement reported in
 * docs/decisions/0007-store-layout.md is
 *   CLAIMTRACE_STORE_BENCH_DOCS=8900 node scripts/run-tests.mjs sqlite-store-size
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { dataRoot } from '../../eval/paths.js';
import type { Finding } from '../../src/core/finding.js';
import type { Span } from '../../src/core/span.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { DocumentSave } from '../../src/store/store.js';

const DOCUMENTS = Number(process.env.CLAIMTRACE_STORE_BENCH_DOCS ?? 2500);
const BATCH = 200;
/**
 * The file against its text. The documents, their text and the full-text index take about 1.55x;
 * the findings and runs of this data (three findings, two runs, about 800 bytes a document) add
 * about 0.6x. See docs/decisions/0007-store-layout.md.
 */
const LIMITS = {
  bbc: { file: 2.4, documents: 1.75 },
  // Generated words repeat less than real ones, so their index is larger.
  generated: { file: 2.6, documents: 2.0 },
};
/** Tables and indexes that hold findings and runs rather than documents. */
const RESULT_TABLES = new Set(['record_sets', 'record_keys']);

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-store-size-'));
after(() => fs.rmSync(directory, { recursive: true, force: true }));

/** The BBC texts when present, else deterministic generated articles of about 2.3 KB. */
function sourceTexts(): { texts: string[]; origin: string; limits: { file: number; documents: number } } {
  const bbc = path.join(dataRoot(), 'bbc');
  const texts: string[] = [];
  if (fs.existsSync(bbc)) {
    for (const topic of fs.readdirSync(bbc).sort()) {
      const folder = path.join(bbc, topic);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const name of fs.readdirSync(folder).sort()) {
        if (name.endsWith('.txt')) texts.push(fs.readFileSync(path.join(folder, name), 'latin1'));
      }
    }
  }
  if (texts.length > 0) return { texts, origin: 'BBC News texts', limits: LIMITS.bbc };
  return { texts: Array.from({ length: 500 }, (_, i) => generatedArticle(i)), origin: 'generated text', limits: LIMITS.generated };
}

/** An article of Zipf-distributed words from a 5,000-word vocabulary (a small LCG, no Math.random). */
function generatedArticle(seed: number): string {
  let state = (seed + 1) * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const word = (rank: number) => {
    let w = '';
    for (let n = rank + 7; n > 0; n = Math.floor(n / 19)) w += 'etaoinshrdlucmfwypvbg'[n % 19];
    return w;
  };
  const sentences: string[] = [];
  let length = 0;
  while (length < 2300) {
    const words = Array.from({ length: 8 + Math.floor(next() * 18) }, () => word(Math.floor(Math.exp(next() * Math.log(5000)))));
    const sentence = `${words.join(' ')}.`;
    sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1));
    length += sentence.length + 1;
  }
  return `Generated ${seed}\n\n${sentences.join(' ')}`;
}

/** A cache key shaped like the engine's (32 hex digits). */
function hex32(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

function spanAt(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** A document with three findings (a quote, an entity, a figure) with nested spans and two runs. */
function documentAt(index: number, base: string): DocumentSave {
  const text = `(${index}) ${base}`;
  const title = text.slice(0, text.indexOf('\n') > 0 ? text.indexOf('\n') : 60);
  const a = Math.floor(text.length / 3);
  const content = spanAt(text, a, a + 120);
  const cue = spanAt(text, a - 10, a - 6);
  const mention = spanAt(text, 4, 14);
  const figure = spanAt(text, 2 * a, 2 * a + 15);
  const findings: Finding[] = [
    { id: `q${index}`, analysis: 'extract-quotes', kind: 'quote', span: content, data: { type: 'direct', content, contents: [content], cue: { span: cue, lemma: 'say', stance: 'neutral' }, speaker: { entityId: 'e1', name: `Speaker ${index % 300}`, mention, basis: 'stated' }, date: null, voice: 'quoted' }, basis: 'stated', reason: 'quote-rules/said-after' },
    { id: 'e1', analysis: 'resolve-aliases', kind: 'entity', span: mention, data: { type: 'person', name: `Speaker ${index % 300}`, aliases: [], roles: [], mentions: [mention], pronounMentions: [] } },
    { id: 'f1', analysis: 'extract-figures', kind: 'figure', span: figure, data: { value: 3000, min: 3000, max: null, approx: 'exact', unit: null, counted: 'people', counting: { span: figure }, claimant: null, voice: 'author', quoteId: null } },
  ] as unknown as Finding[];
  return {
    document: { id: `doc-${index}`, title, url: `https://example.org/${index}`, publishedAt: '2024-05-01', format: 'text', contentHash: createHash('sha256').update(text).digest('hex'), source: `in/${index}.txt`, text },
    analysedAt: '2024-05-01T10:00:00.000Z',
    runs: [
      { analysis: 'extract-quotes', version: '1.2.0', cacheKey: hex32(`k-${index}`), status: 'ok', diagnostics: [], durationMs: 3.2 },
      { analysis: 'extract-figures', version: '0.4.0', cacheKey: hex32(`f-${index}`), status: 'ok', diagnostics: [{ severity: 'warning', message: 'Unit guessed', span: figure, analysis: 'extract-figures' }], durationMs: 0.7 },
    ],
    records: findings.map((finding) => ({ finding, key: finding.kind === 'quote' ? `Speaker ${index % 300}` : null })),
  };
}

/** Bytes of the named tables and indexes, from SQLite's `dbstat` table. */
function bytesOf(file: string, names: ReadonlySet<string>): number {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
    return rows.filter((row) => names.has(row.name)).reduce((sum, row) => sum + row.bytes, 0);
  } finally {
    db.close();
  }
}

describe('SqliteStore size and write speed', () => {
  it(`keeps ${DOCUMENTS} news documents within about twice their text`, async (t) => {
    const { texts, origin, limits } = sourceTexts();
    const file = path.join(directory, 'size.sqlite');
    const store = SqliteStore.open(file);
    let textBytes = 0;
    let findings = 0;
    let writeMs = 0;
    let cpuMs = 0;
    try {
      for (let first = 0; first < DOCUMENTS; first += BATCH) {
        const batch: DocumentSave[] = [];
        for (let i = first; i < Math.min(DOCUMENTS, first + BATCH); i++) batch.push(documentAt(i, texts[i % texts.length]!));
        for (const save of batch) {
          textBytes += Buffer.byteLength(save.document.text, 'utf8');
          findings += save.records.length;
        }
        const started = performance.now();
        const cpu = process.cpuUsage();
        await store.saveBatch(batch);
        const used = process.cpuUsage(cpu);
        writeMs += performance.now() - started;
        cpuMs += (used.user + used.system) / 1000;
      }
      assert.equal(await store.countDocuments(), DOCUMENTS);
      const word = /\p{L}{5,}/u.exec(texts[0]!)![0];
      const hits = await store.searchText(word, { limit: 3 });
      assert.equal(hits.length, 3, `documents with ${word}`);
    } finally {
      await store.close();
    }
    const size = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    const ratio = size / textBytes;
    const resultBytes = bytesOf(file, RESULT_TABLES);
    const documentsRatio = (size - resultBytes) / textBytes;
    const mb = (bytes: number) => bytes / 1e6;
    const report =
      `${DOCUMENTS} documents (${origin}), ${findings} findings, ${mb(textBytes).toFixed(1)} MB of text: ` +
      `saveBatch ${(writeMs / 1000).toFixed(2)} s in batches of ${BATCH} = ${(mb(textBytes) / (writeMs / 1000)).toFixed(1)} MB/s ` +
      `(${(cpuMs / 1000).toFixed(2)} s of CPU = ${(mb(textBytes) / (cpuMs / 1000)).toFixed(1)} MB per CPU second); ` +
      `file ${mb(size).toFixed(1)} MB = ${ratio.toFixed(2)}x the text ` +
      `(documents, text and search index ${documentsRatio.toFixed(2)}x; findings and runs ${mb(resultBytes).toFixed(1)} MB)`;
    t.diagnostic(report);
    console.log(report);
    assert.ok(ratio <= limits.file, report);
    assert.ok(documentsRatio <= limits.documents, report);
  });
});
