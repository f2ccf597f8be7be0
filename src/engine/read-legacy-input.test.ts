/**
 * Inputs older archives and odd pages are made of: legacy encodings (detected or declared), UTF-16 with
 * a byte order mark, and HTML nested too deeply or left unclosed. Each is read, with a warning where an
 * encoding was assumed, or refused with a clear failure; none throws. See docs/reliability.md.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DiagnosticJson } from '../api/analysis-json.js';
import type { Document } from '../core/document.js';
import { analyzeInputs } from './analyze-files.js';
import { declaredCharset, decodeInput, encodingOfLabel } from './decode-text.js';
import { hashText } from './hash-text.js';
import { documentsFromBytes, type ReadOutcome } from './read-document.js';
import { readInputs } from './read-inputs.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const ascii = (text: string): number[] => Array.from(text, (character) => character.charCodeAt(0));

function onlyDocument(outcomes: ReadOutcome[]): { document: Document; warnings: DiagnosticJson[] } {
  assert.equal(outcomes.length, 1, JSON.stringify(outcomes));
  const outcome = outcomes[0]!;
  assert.equal(outcome.kind, 'document', JSON.stringify(outcome));
  const read = outcome as Extract<ReadOutcome, { kind: 'document' }>;
  return { document: read.document, warnings: read.warnings ?? [] };
}

function onlyFailureMessage(outcomes: ReadOutcome[]): string {
  assert.equal(outcomes.length, 1, JSON.stringify(outcomes));
  const outcome = outcomes[0]!;
  assert.equal(outcome.kind, 'failure', JSON.stringify(outcome));
  return (outcome as Extract<ReadOutcome, { kind: 'failure' }>).diagnostic.message;
}

/** The text as decoded, its hash, and a span found in it that slices back to itself. */
function assertExactOn(document: Document, expected: string, needle: string): void {
  assert.equal(document.text, expected);
  assert.equal(document.contentHash, hashText(expected));
  const start = document.text.indexOf(needle);
  assert.ok(start >= 0, `missing ${needle}`);
  assert.equal(document.text.slice(start, start + needle.length), needle);
}

describe('legacy encodings', () => {
  it('decodes a Latin-1 .txt file that is not UTF-8 as Windows-1252, with a warning naming the encoding', () => {
    const bytes = Uint8Array.from([...ascii('Caf'), 0xe9, ...ascii(' au lait, said the na'), 0xef, ...ascii('ve owner.')]);
    const { document, warnings } = onlyDocument(documentsFromBytes(bytes, { source: 'archive/latin1.txt' }));
    assertExactOn(document, 'Café au lait, said the naïve owner.', 'naïve owner');
    assert.deepEqual(warnings, [
      {
        severity: 'warning',
        message: 'archive/latin1.txt: not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252 (Latin-1), the encoding assumed',
        span: null,
        analysis: 'read-document',
      },
    ]);
  });

  it('decodes Windows-1252 curly quotes and dashes (bytes 0x91-0x97) as the characters they are', () => {
    const bytes = Uint8Array.from([0x93, ...ascii('We will stay,'), 0x94, ...ascii(' she said '), 0x96, ...ascii(' it'), 0x92, ...ascii('s final.')]);
    const { document, warnings } = onlyDocument(documentsFromBytes(bytes, { source: 'quotes.txt' }));
    assertExactOn(document, '“We will stay,” she said – it’s final.', '“We will stay,”');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /Windows-1252/);
  });

  it('never guesses an encoding for valid UTF-8, even when Latin-1 would also decode it', () => {
    const { document, warnings } = onlyDocument(documentsFromBytes(utf8('CafÃ© is how mojibake looks; café is right.'), { source: 'u.txt' }));
    assert.equal(document.text, 'CafÃ© is how mojibake looks; café is right.');
    assert.deepEqual(warnings, []);
  });

  it('still refuses binary files (NUL bytes)', () => {
    assert.equal(onlyFailureMessage(documentsFromBytes(Uint8Array.from([0x47, 0x49, 0x46, 0x00, 0xe9]), { source: 'x.txt' })), 'x.txt: looks binary (NUL bytes), skipped');
  });
});

const ARTICLE = 'The council voted on Tuesday to close the old bridge after engineers found cracks in two of its supports.';

/** A page with `head` in its <head> and a paragraph holding Windows-1252 curly quotes and an é. */
function legacyPage(head: string): Uint8Array {
  return Uint8Array.from([
    ...ascii(`<!DOCTYPE html><html><head>${head}<title>Bridge</title></head><body><article><p>${ARTICLE}</p><p>`),
    0x93, ...ascii('We cannot take the risk,'), 0x94, ...ascii(' said Ren'), 0xe9, ...ascii(' Dubois.</p></article></body></html>'),
  ]);
}

describe('HTML with a declared charset', () => {
  it('decodes <meta charset=windows-1252> with that charset, without a warning', () => {
    const { document, warnings } = onlyDocument(documentsFromBytes(legacyPage('<meta charset=windows-1252>'), { source: 'old.html' }));
    assert.ok(document.text.endsWith('“We cannot take the risk,” said René Dubois.'), document.text);
    assert.deepEqual(warnings, []);
  });

  it('reads an http-equiv iso-8859-1 declaration as windows-1252, as browsers do', () => {
    const page = legacyPage('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">');
    const { document, warnings } = onlyDocument(documentsFromBytes(page, { source: 'old.htm' }));
    assert.ok(document.text.includes('“We cannot take the risk,” said René Dubois.'), document.text);
    assert.deepEqual(warnings, []);
    assert.equal(encodingOfLabel('latin1'), 'windows-1252');
    assert.equal(encodingOfLabel('ISO-8859-1'), 'windows-1252');
  });

  it('refuses a page that declares UTF-8 and is not, naming the first bad byte', () => {
    const page = legacyPage('<meta charset="utf-8">');
    const offset = page.indexOf(0x93);
    assert.equal(
      onlyFailureMessage(documentsFromBytes(page, { source: 'bad.html' })),
      `bad.html: not valid UTF-8 (first bad byte at offset ${offset}), though the page declares charset=utf-8`,
    );
  });

  it('finds the declaration only in <meta> tags in the first 1024 bytes', () => {
    assert.equal(declaredCharset(utf8('<meta name="x" content="charset=koi8-r"><meta charset="ISO-8859-1">')), 'ISO-8859-1');
    assert.equal(declaredCharset(utf8('<p>charset=windows-1252</p>')), null);
    assert.equal(declaredCharset(utf8(`${' '.repeat(1100)}<meta charset=windows-1252>`)), null);
  });

  it('reads a charset declared on standard input as well', () => {
    const { document } = onlyDocument(documentsFromBytes(legacyPage('<meta charset=windows-1252>'), { source: '-' }));
    assert.equal(document.format, 'html');
    assert.ok(document.text.includes('René'));
  });
});

describe('UTF-16 with a byte order mark', () => {
  const text = '“Quoted,” said Zoë. 😀 Done.\r\n';
  const units = Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));

  it('decodes UTF-16 LE, dropping the byte order mark, with a warning', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...units.flatMap((unit) => [unit & 0xff, unit >> 8])]);
    const { document, warnings } = onlyDocument(documentsFromBytes(bytes, { source: 'wide.txt' }));
    assertExactOn(document, text, '😀');
    assert.deepEqual(
      warnings.map((warning) => [warning.severity, warning.message]),
      [['warning', 'wide.txt: decoded as UTF-16 LE (byte order mark)']],
    );
  });

  it('decodes UTF-16 BE, dropping the byte order mark, with a warning', () => {
    const bytes = Uint8Array.from([0xfe, 0xff, ...units.flatMap((unit) => [unit >> 8, unit & 0xff])]);
    const { document, warnings } = onlyDocument(documentsFromBytes(bytes, { source: 'wide.txt' }));
    assertExactOn(document, text, 'Zoë');
    assert.deepEqual(
      warnings.map((warning) => warning.message),
      ['wide.txt: decoded as UTF-16 BE (byte order mark)'],
    );
  });

  it('refuses a UTF-16 file with NUL characters, or with a lone byte left over', () => {
    assert.deepEqual(decodeInput(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00]), { html: false }), {
      ok: false,
      problem: 'looks binary (NUL characters), skipped',
    });
    assert.equal(decodeInput(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]), { html: false }).ok, false);
  });
});

describe('deeply nested and malformed HTML', () => {
  const nested = (depth: number): Uint8Array =>
    utf8(`<!DOCTYPE html><html><body>${'<div>'.repeat(depth)}<p>${ARTICLE}</p><p>Second paragraph.</p>${'</div>'.repeat(depth)}</body></html>`);

  for (const depth of [2_000, 10_000]) {
    it(`reads ${depth.toLocaleString('en')} nested <div> with the flat extraction`, () => {
      const { document } = onlyDocument(documentsFromBytes(nested(depth), { source: 'deep.html' }));
      assert.equal(document.text, `${ARTICLE}\n\nSecond paragraph.`);
    });
  }

  it('reads a page with unclosed tags', () => {
    const page = `<html><head><title>Broken</title><body><div><p>${ARTICLE}<p>Second <b>bold <i>paragraph.<div><span>Tail text</body>`;
    const { document } = onlyDocument(documentsFromBytes(utf8(page), { source: 'broken.html' }));
    assert.ok(document.text.startsWith(ARTICLE), document.text);
    assert.ok(document.text.includes('Second bold paragraph.'), document.text);
    assert.ok(document.text.endsWith('Tail text'), document.text);
  });
});

describe('the encoding warning reaches the user', () => {
  const directory = mkdtempSync(join(tmpdir(), 'claimtrace-legacy-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('travels with the document through readInputs and into the analysis diagnostics', async () => {
    const file = join(directory, 'latin1.txt');
    writeFileSync(file, Uint8Array.from([...ascii('Caf'), 0xe9, ...ascii(' au lait, said nobody.')]));
    const outcomes: ReadOutcome[] = [];
    for await (const outcome of readInputs([file], {})) outcomes.push(outcome);
    const { document, warnings } = onlyDocument(outcomes);
    assert.equal(document.text, 'Café au lait, said nobody.');
    assert.match(warnings[0]!.message, /latin1\.txt: not valid UTF-8 .*decoded as Windows-1252/);

    const results = [];
    for await (const result of analyzeInputs([file], { store: null })) results.push(result);
    assert.equal(results.length, 1);
    const result = results[0]!;
    assert.equal(result.kind, 'analysed');
    const diagnostics = result.kind === 'analysed' ? result.analysis.diagnostics : [];
    assert.deepEqual(
      diagnostics.filter((diagnostic) => diagnostic.analysis === 'read-document').map((diagnostic) => diagnostic.severity),
      ['warning'],
    );
  });
});
