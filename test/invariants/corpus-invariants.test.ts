// Runs the whole pipeline over the bundled articles and fuzzed input, and checks what must always
// hold: the offset rule, sorted arrays, unique and resolvable ids, lossless segmentation,
// byte-identical output on a second run, and no throw.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AnalysisJson } from '../../src/api/analysis-json.js';
import { analyzeText } from '../../src/engine/analyze-text.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import type { Finding } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { hashText } from '../../src/engine/hash-text.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function corpus(): { name: string; text: string; publishedAt: string | null }[] {
  const docs: { name: string; text: string; publishedAt: string | null }[] = readdirSync(`${root}test/corpus`)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(`${root}test/corpus/${f}`, 'utf8'), publishedAt: null }));
  const demo = readFileSync(`${root}demo/wikinews-sample.jsonl`, 'utf8').trim().split('\n');
  for (const line of demo) {
    const record = JSON.parse(line) as { id: string; text: string; publishedAt: string };
    docs.push({ name: `demo:${record.id}`, text: record.text, publishedAt: record.publishedAt });
  }
  return docs;
}

function checkSpans(result: AnalysisJson): string[] {
  const problems: string[] = [];
  const text = result.document.text;
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number' && typeof record.text === 'string') {
      if (record.start < 0 || record.end > text.length || record.start > record.end) problems.push(`${path}: out of bounds`);
      if (text.slice(record.start, record.end) !== record.text) problems.push(`${path}: text differs from slice`);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'document') visit(value, `${path}.${key}`);
  };
  visit(result, '$');
  return problems;
}

function mainSpan(record: Record<string, unknown>): { start: number; end: number } {
  return (record.span ?? record.content ?? (record.mentions as unknown[] | undefined)?.[0] ?? { start: 0, end: 0 }) as { start: number; end: number };
}

test('invariants hold on every bundled article', () => {
  const docs = corpus();
  assert.ok(docs.length >= 40);
  let quotes = 0;
  for (const doc of docs) {
    const result = analyzeText(doc.text, { publishedAt: doc.publishedAt });
    assert.deepEqual(checkSpans(result), [], doc.name);
    const ids = new Set<string>();
    for (const key of ['entities', 'quotes', 'figures', 'dates', 'framing', 'claims', 'events'] as const) {
      const records = result[key] as unknown as Record<string, unknown>[];
      for (let i = 1; i < records.length; i++) {
        const a = mainSpan(records[i - 1]!);
        const b = mainSpan(records[i]!);
        assert.ok(a.start < b.start || (a.start === b.start && a.end <= b.end), `${doc.name}: ${key} not sorted`);
      }
      for (const record of records) {
        assert.ok(!ids.has(record.id as string), `${doc.name}: duplicate id ${String(record.id)}`);
        ids.add(record.id as string);
      }
    }
    for (const quote of result.quotes) {
      for (const id of quote.evidence ?? []) assert.ok(ids.has(id), `${doc.name}: evidence ${id} does not resolve`);
      assert.ok(quote.contents.length >= 1);
      assert.equal(quote.content.start, Math.min(...quote.contents.map((c) => c.start)));
    }
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), [], doc.name);
    quotes += result.quotes.length;
    const again = analyzeText(doc.text, { publishedAt: doc.publishedAt });
    assert.equal(JSON.stringify(again), JSON.stringify(result), `${doc.name}: a second run differs`);
  }
  assert.ok(quotes > 40, `only ${quotes} quotes found in the bundled sample`);
});

test('sentences and tokens cover the text losslessly', () => {
  for (const doc of corpus().slice(0, 10)) {
    const document = createDocument({ id: 'x', text: doc.text, contentHash: hashText(doc.text) });
    const findings = segmentText.run(document, {}, createRunContext({ resources: createResources(bundledResources) })) as Finding[];
    const sentences = findings.filter((f) => f.kind === 'sentence');
    let previousEnd = 0;
    for (const sentence of sentences) {
      assert.ok(sentence.span.start >= previousEnd, 'sentences overlap');
      assert.match(doc.text.slice(previousEnd, sentence.span.start), /^\s*$/u, 'text between sentences is only whitespace');
      previousEnd = sentence.span.end;
    }
    assert.match(doc.text.slice(previousEnd), /^\s*$/u);
  }
});

const FUZZ: [string, string][] = [
  ['lone surrogates', 'He said \uD800 “broken \uDC00 text,” said Ann Lee. \uD83D'],
  ['unbalanced quotes', '“One “two ” three” ” “ said he. "a "b" c'.repeat(50)],
  ['only quotation marks', '“”‘’""«»``\'\''.repeat(100)],
  ['one megabyte without a newline', 'Word said “quote, quote,” said X. '.repeat(30000)],
  ['empty', ''],
  ['whitespace', ' \n\n\t\u00a0 '],
  ['ten thousand opening quotes', '“'.repeat(10000)],
  ['two hundred kilobytes of spaces', ' '.repeat(200000)],
];

for (const [name, text] of FUZZ) {
  test(`odd input does not throw: ${name}`, () => {
    const result = analyzeText(text);
    assert.deepEqual(checkSpans(result), []);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  });
}
