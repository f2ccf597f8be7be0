/**
 * Builds the preset compression dictionaries of a new storage format (src/store/record-sets.ts)
 * and writes them into src/store/dictionaries.generated.ts.
 *
 * The dictionaries come from the bundled demo corpus (demo/wikinews-sample.jsonl, Wikinews, CC BY
 * 2.5, see demo/ATTRIBUTION.md): the texts' dictionary is the end of its texts, the records'
 * dictionary the end of the record sets the current pipeline makes of them. DEFLATE looks back at
 * most 32 KiB, so each dictionary is the last 32 KiB, the part nearest to what is compressed.
 *
 * A format, once written to a database, must stay readable as it is: the script refuses to change
 * an existing format and only adds the next one.
 *
 *   tsx scripts/build-store-dictionary.ts           add the next format (then set WRITE_FORMAT in
 *                                                   src/store/record-sets.ts to it)
 *   tsx scripts/build-store-dictionary.ts --check   exits 1 unless every format decodes its dictionaries
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createDocument } from '../src/core/document.js';
import { contextFor, runPipeline } from '../src/engine/analyze-text.js';
import { hashText } from '../src/engine/hash-text.js';
import { loadDefaultPipeline } from '../src/engine/pipeline.js';
import { recordKey } from '../src/engine/record-keys.js';
import { DICTIONARIES } from '../src/store/dictionaries.generated.js';
import { encodeRecordSetOf } from '../src/store/sqlite-store.js';
import type { DocumentSave } from '../src/store/store.js';

const WINDOW = 32 * 1024;
const root = new URL('..', import.meta.url).pathname;
const corpusPath = `${root}demo/wikinews-sample.jsonl`;
const outPath = `${root}src/store/dictionaries.generated.ts`;

if (process.argv.includes('--check')) {
  for (const [format, entry] of Object.entries(DICTIONARIES)) {
    for (const part of ['records', 'texts'] as const) {
      const bytes = Buffer.from(entry[part], 'base64');
      if (bytes.length === 0 || bytes.length > WINDOW) throw new Error(`format ${format}: ${part} dictionary has ${bytes.length} bytes`);
    }
  }
  console.log(`${Object.keys(DICTIONARIES).length} storage format(s) ok`);
  process.exit(0);
}

const pipeline = loadDefaultPipeline();
const texts: string[] = [];
const sets: string[] = [];
for (const line of readFileSync(corpusPath, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const record = JSON.parse(line) as { id: string; title?: string; url?: string; publishedAt?: string; text: string };
  const document = createDocument({
    id: record.id,
    text: record.text,
    contentHash: hashText(record.text),
    title: record.title ?? null,
    url: record.url ?? null,
    publishedAt: record.publishedAt ?? null,
    format: 'json',
  });
  const result = runPipeline(document, pipeline, contextFor(document, pipeline));
  const save: Pick<DocumentSave, 'runs' | 'records'> = { runs: [], records: [] };
  for (const analysis of pipeline.analyses) {
    const run = result.runs[analysis.id];
    if (!run) continue;
    // A cache key is a 128-bit hash; any such string stands for it here.
    const cacheKey = createHash('sha256').update(`${analysis.id}\0${record.id}`).digest('hex').slice(0, 32);
    save.runs.push({ analysis: analysis.id, version: analysis.version, cacheKey, status: run.status === 'reused' ? 'ok' : run.status, diagnostics: [...run.diagnostics], durationMs: null });
    if (analysis.persist === false) continue;
    for (const finding of result.findings[analysis.id] ?? []) save.records.push({ finding, key: recordKey(finding) });
  }
  texts.push(record.text);
  sets.push(encodeRecordSetOf(save, record.text, record.id).json);
}

const lastWindow = (parts: string[]): string => Buffer.from(parts.join('\n'), 'utf8').subarray(-WINDOW).toString('base64');
const format = Math.max(0, ...Object.keys(DICTIONARIES).map(Number)) + 1;
const all = { ...DICTIONARIES, [format]: { records: lastWindow(sets), texts: lastWindow(texts) } };
const body = Object.entries(all)
  .map(([id, entry]) => `  ${id}: {\n    records:\n      '${entry.records}',\n    texts:\n      '${entry.texts}',\n  },`)
  .join('\n');
writeFileSync(
  outPath,
  `/**
 * Preset DEFLATE dictionaries of each storage format (src/store/record-sets.ts), built by
 * scripts/build-store-dictionary.ts from the demo corpus (demo/wikinews-sample.jsonl: Wikinews
 * articles, CC BY 2.5; see demo/ATTRIBUTION.md). Generated: never edit. A format that a release
 * has written must never change, since databases hold values compressed with it; a new dictionary
 * is a new format.
 */
export const DICTIONARIES: Readonly<Record<number, { records: string; texts: string }>> = {
${body}
};
`,
);
console.log(`format ${format}: dictionaries written to src/store/dictionaries.generated.ts; set WRITE_FORMAT in src/store/record-sets.ts to ${format}`);
