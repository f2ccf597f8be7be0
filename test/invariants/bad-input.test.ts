// Bad and odd input, each with its diagnostic (or its exact offsets), through the same path as
// `claimtrace analyze`: readInputs then the analyses. Cases covered elsewhere: invalid UTF-8, binary,
// NUL bytes, empty and whitespace-only (src/engine/read-document.test.ts); Windows-1252, Latin-1,
// UTF-16 with BOM, deep and malformed HTML (src/engine/read-legacy-input.test.ts); a bad JSON Lines
// line (read-document.test.ts); unsupported files in a directory (src/engine/read-inputs.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnalysisJson } from '../../src/api/analysis-json.js';
import { analyzeInputs, MAX_DOCUMENT_CHARS, type InputResult } from '../../src/engine/analyze-files.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-bad-input-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const QUOTE = '“We will rebuild the harbour by May,” said Maria Lopez, the mayor.';

async function analyse(name: string, content: string | Uint8Array): Promise<InputResult> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const results: InputResult[] = [];
  for await (const result of analyzeInputs([path], { store: null })) results.push(result);
  assert.equal(results.length, 1);
  return results[0]!;
}

function analysed(result: InputResult): AnalysisJson {
  assert.ok(result.kind === 'analysed', `expected an analysis, got ${JSON.stringify(result).slice(0, 300)}`);
  assert.deepEqual(result.analysis.diagnostics.filter((d) => d.severity === 'error'), []);
  assertSlices(result.analysis);
  return result.analysis;
}

/** Every {start, end, text} in the analysis is exactly document.text.slice(start, end). */
function assertSlices(analysis: AnalysisJson): void {
  const text = analysis.document.text;
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number' && typeof record.text === 'string') {
      assert.equal(text.slice(record.start, record.end), record.text, `${path} is not a slice`);
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'document') visit(child, `${path}.${key}`);
  };
  visit(analysis, '$');
}

function quoteContents(analysis: AnalysisJson): string[] {
  return analysis.quotes.map((quote) => quote.content.text);
}

describe('odd text is analysed with exact offsets', () => {
  it('CRLF line ends: the same quote as with LF, offsets on the text as read; lone CR: exact offsets, no error', async () => {
    const lf = analysed(await analyse('lf.txt', `Harbour news\n\n${QUOTE}\nMore text.\n`));
    const crlf = analysed(await analyse('crlf.txt', `Harbour news\r\n\r\n${QUOTE}\r\nMore text.\r\n`));
    assert.ok(quoteContents(lf).length > 0);
    assert.deepEqual(quoteContents(crlf), quoteContents(lf));
    assert.ok(crlf.document.text.includes('\r\n'), 'CRLF is kept');
    const cr = analysed(await analyse('cr.txt', `Harbour news\r\r${QUOTE}\rMore text.\r`));
    assert.equal(cr.document.text, `Harbour news\r\r${QUOTE}\rMore text.\r`);
  });

  it('lone CR line ends give the same quote as LF', async () => {
    const lf = analysed(await analyse('lf2.txt', `Harbour news\n\n${QUOTE}\nMore text.\n`));
    const cr = analysed(await analyse('cr2.txt', `Harbour news\r\r${QUOTE}\rMore text.\r`));
    assert.deepEqual(quoteContents(cr), quoteContents(lf));
  });

  it('right-to-left text (Hebrew, Arabic) and bidi controls', async () => {
    const text = `שלום עולם. ${QUOTE} \u202eتقرير\u202c مرحبا بالعالم «نص عربي» قال أحمد.`;
    const analysis = analysed(await analyse('rtl.txt', text));
    assert.equal(analysis.document.text, text);
  });

  it('emoji and astral characters: offsets count UTF-16 units, and a quote around them is found', async () => {
    const text = `𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 👩‍👩‍👧 🇺🇦\n\n“The harbour 🚢 reopens in May 😀,” said Maria Lopez.`;
    const analysis = analysed(await analyse('emoji.txt', text));
    assert.deepEqual(quoteContents(analysis), ['The harbour 🚢 reopens in May 😀']);
  });

  it('control characters (bell, escape, NEL, line and paragraph separators) in the text', async () => {
    const text = `Alert\u0007 \u001b[31mred\u001b[0m\u0085${QUOTE}\u2028Next line\u2029Next paragraph.`;
    const analysis = analysed(await analyse('controls.txt', text));
    assert.equal(analysis.document.text, text);
  });

  it('10⁵ quotation marks', async () => {
    analysed(await analyse('quotes.txt', `${'“'.repeat(50_000)}${QUOTE}${'”'.repeat(50_000)}`));
    analysed(await analyse('mixed-quotes.txt', '"“‘«»’”"'.repeat(12_500)));
  });

  it('unbalanced and nested quotes', async () => {
    const nested = analysed(await analyse('nested.txt', '“He told me ‘never again’ and left,” said Ann Lee. “It ‘was’ “odd”,” she added.'));
    assert.ok(nested.quotes.length >= 1);
    analysed(await analyse('unbalanced.txt', `“Open and never closed, said Ann Lee. ${QUOTE} ” stray close. "half`));
  });
});

describe('input too large to be an article', () => {
  it('a 50 MB single-line file is refused with its size and a way out, and the batch goes on', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'word '.repeat(10 * 1024 * 1024));
    const small = join(dir, 'small.txt');
    writeFileSync(small, QUOTE);
    const results: InputResult[] = [];
    for await (const result of analyzeInputs([big, small], { store: null })) results.push(result);
    assert.equal(results[0]!.kind, 'failed');
    assert.ok(results[0]!.kind === 'failed');
    assert.match(results[0]!.diagnostic.message, /big\.txt: the text is 52,428,800 characters long, over the 8,388,608 one document may have; split it/);
    assert.equal(results[1]!.kind, 'analysed');
    assert.equal(MAX_DOCUMENT_CHARS, 8 * 1024 * 1024);
  });
});
