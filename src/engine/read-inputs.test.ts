import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { readInputs, type ReadOptions, type ReadOutcome } from './read-inputs.js';

let root: string;

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-read-inputs-'));
  const write = (relative: string, content: string | Uint8Array): void => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };
  write('articles/b.txt', 'Bravo said "yes".');
  write('articles/A.md', '# Alpha\n\nAlpha text.');
  write('articles/a/z.html', '<html><body><p>Zulu page.</p></body></html>');
  write('articles/a/y.jsonl', '{"id":"y1","text":"Yankee one."}\n{"id":"y2"}\n{"id":"y3","text":"Yankee three."}\n');
  write('articles/c', 'Charlie has no extension.');
  write('articles/d.bin.txt', Uint8Array.from([0x47, 0x49, 0x46, 0x00, 0x01]));
  write('articles/e.txt', '');
  write('articles/notes.pdf', '%PDF-1.4');
  write('articles/.hidden.txt', 'hidden');
  write('articles/.git/config.txt', 'hidden too');
  write('empty-dir/.keep', '');
  write('single.txt', '\ufeffSingle\r\n');
  write('listed.csv', 'a,b\n1,2\n');
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function collect(inputs: string[], options: ReadOptions = {}): Promise<ReadOutcome[]> {
  const outcomes: ReadOutcome[] = [];
  for await (const outcome of readInputs(inputs, options)) outcomes.push(outcome);
  return outcomes;
}

/** `document <source>`, `failure <message>` or `skipped <source>: <reason>`, one line per outcome. */
function summary(outcomes: ReadOutcome[]): string[] {
  return outcomes.map((outcome) =>
    outcome.kind === 'document'
      ? `document ${outcome.document.source}`
      : outcome.kind === 'failure'
        ? `failure ${outcome.diagnostic.message}`
        : `skipped ${outcome.source}: ${outcome.reason}`,
  );
}

describe('readInputs', () => {
  it('walks a directory depth-first in sorted order, skipping dotfiles silently and unsupported extensions with an outcome', async () => {
    const dir = path.relative(process.cwd(), path.join(root, 'articles'));
    const at = (name: string): string => path.join(dir, name);
    assert.deepEqual(summary(await collect([dir])), [
      `document ${at('A.md')}`,
      `document ${at('a/y.jsonl')}#1`,
      `failure ${at('a/y.jsonl')} line 2: missing "text"`,
      `document ${at('a/y.jsonl')}#3`,
      `document ${at('a/z.html')}`,
      `document ${at('b.txt')}`,
      `document ${at('c')}`,
      `failure ${at('d.bin.txt')}: looks binary (NUL bytes), skipped`,
      `failure ${at('e.txt')}: empty document`,
      `skipped ${at('notes.pdf')}: unsupported extension .pdf`,
    ]);
  });

  it('keeps the path as the user gave it and reads each format', async () => {
    const dir = path.relative(process.cwd(), path.join(root, 'articles'));
    const outcomes = await collect([dir]);
    const documents = outcomes.flatMap((outcome) => (outcome.kind === 'document' ? [outcome.document] : []));
    assert.ok(!path.isAbsolute(documents[0]!.source!));
    assert.deepEqual(
      documents.map((document) => [document.format, document.title, document.text]),
      [
        ['markdown', 'Alpha', '# Alpha\n\nAlpha text.'],
        ['json', null, 'Yankee one.'],
        ['json', null, 'Yankee three.'],
        ['html', null, 'Zulu page.'],
        ['text', null, 'Bravo said "yes".'],
        ['text', null, 'Charlie has no extension.'],
      ],
    );
  });

  it('reports a missing path and goes on with the other inputs, in the order given', async () => {
    const missing = path.join(root, 'nope.txt');
    const single = path.join(root, 'single.txt');
    const listed = path.join(root, 'listed.csv');
    const outcomes = await collect([missing, single, listed]);
    assert.deepEqual(summary(outcomes), [
      `failure ${missing}: no such file or directory`,
      `document ${single}`,
      `document ${listed}`,
    ]);
    assert.equal(outcomes[0]!.kind === 'failure' && outcomes[0]!.source, missing);
    assert.equal(outcomes[1]!.kind === 'document' && outcomes[1]!.document.text, 'Single\r\n');
  });

  it('reports a directory with nothing to read', async () => {
    const dir = path.join(root, 'empty-dir');
    assert.deepEqual(summary(await collect([dir])), [
      `failure ${dir}: no file to read in this directory (supported: .txt .text .md .markdown .html .htm .json .jsonl .ndjson, or no extension)`,
    ]);
  });

  it('reads `-` from the given stdin, once', async () => {
    const stdin = Readable.from([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('From stdin,\n'), 'in two chunks.']);
    const outcomes = await collect(['-', '-'], { stdin, publishedAt: '2019-11-20' });
    assert.equal(outcomes.length, 2);
    const [first, second] = outcomes;
    assert.equal(first!.kind, 'document');
    if (first!.kind === 'document') {
      assert.equal(first.document.text, 'From stdin,\nin two chunks.');
      assert.equal(first.document.source, '-');
      assert.equal(first.document.publishedAt, '2019-11-20');
    }
    assert.equal(second!.kind === 'failure' && second!.source, '-');
  });

  it('applies the caller’s publication date to every document, over the input’s own', async () => {
    const dir = path.join(root, 'articles');
    const outcomes = await collect([dir], { publishedAt: '2020-01-31' });
    const dates = new Set(outcomes.flatMap((outcome) => (outcome.kind === 'document' ? [outcome.document.publishedAt] : [])));
    assert.deepEqual([...dates], ['2020-01-31']);
  });

  it('extracts the test corpus page to the paragraphs of the text it wraps', async () => {
    const corpus = fileURLToPath(new URL('../../test/corpus/', import.meta.url));
    const page = fs.readdirSync(corpus).find((name) => name.endsWith('.html'));
    assert.ok(page, 'test/corpus/ has an HTML page');
    const [outcome] = await collect([path.join(corpus, page)]);
    assert.equal(outcome!.kind, 'document');
    if (outcome!.kind !== 'document') return;
    const plain = fs.readFileSync(path.join(corpus, page.replace(/\.html$/, '.txt')), 'utf8');
    const paragraphs = plain.split(/\n[ \t]*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()).filter(Boolean);
    assert.equal(outcome.document.text, paragraphs.join('\n\n'));
    assert.equal(outcome.document.format, 'html');
    assert.match(outcome.document.publishedAt ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.match(outcome.document.url ?? '', /^https:\/\/en\.wikinews\.org\//);
    assert.ok(outcome.document.title);
  });

  it('gives the same outcomes on a second run', async () => {
    const dir = path.join(root, 'articles');
    assert.deepEqual(await collect([dir]), await collect([dir]));
  });
});
