import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
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
  write('listed.log', 'a,b\n1,2\n');
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function makeFifo(file: string): void {
  execFileSync('mkfifo', [file], { stdio: 'ignore' });
}

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
        // No headline: a text is titled by its file name.
        ['text', 'b.txt', 'Bravo said "yes".'],
        ['text', 'c', 'Charlie has no extension.'],
      ],
    );
  });

  it('reports a missing path and goes on with the other inputs, in the order given', async () => {
    const missing = path.join(root, 'nope.txt');
    const single = path.join(root, 'single.txt');
    const listed = path.join(root, 'listed.log');
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

/** The documents of the outcomes, failing on anything else. */
function documentsOf(outcomes: ReadOutcome[]): Array<Extract<ReadOutcome, { kind: 'document' }>['document']> {
  return outcomes.map((outcome) => {
    assert.equal(outcome.kind, 'document', JSON.stringify(outcome));
    return (outcome as Extract<ReadOutcome, { kind: 'document' }>).document;
  });
}

describe('readInputs: document identity', () => {
  let dir: string;
  before(() => {
    dir = path.join(root, 'identity');
    fs.mkdirSync(path.join(dir, 'mirror'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'site-a.txt'), 'The same wire story.');
    fs.writeFileSync(path.join(dir, 'site-b.txt'), 'The same wire story.');
    const page = '<html><head><link rel="canonical" href="https://news.example.org/story"></head><body><p>Story text.</p></body></html>';
    fs.writeFileSync(path.join(dir, 'page.html'), page);
    fs.writeFileSync(path.join(dir, 'mirror', 'copy.htm'), page.replace('Story text.', 'Story text, as mirrored.'));
    fs.writeFileSync(path.join(dir, 'feed.jsonl'), '{"id":"given-1","text":"Same."}\n{"text":"Same."}\n\n{"text":"Same."}\n{"id":42,"text":"Same."}\n');
  });

  it('gives two files with identical text two ids, and the same file the same id on every read', async () => {
    const a = path.join(dir, 'site-a.txt');
    const b = path.join(dir, 'site-b.txt');
    const [first, second, again] = documentsOf(await collect([a, b, a]));
    assert.notEqual(first!.id, second!.id);
    assert.equal(first!.contentHash, second!.contentHash);
    assert.equal(again!.id, first!.id);
  });

  it('identifies a file by its real path: relative, absolute and linked names agree', async (t) => {
    const absolute = path.join(dir, 'site-a.txt');
    const link = path.join(dir, 'link-to-a.txt');
    try {
      fs.symlinkSync(absolute, link);
    } catch {
      t.skip('no symbolic links here');
      return;
    }
    try {
      const ids = documentsOf(await collect([absolute, path.relative(process.cwd(), absolute), link])).map((document) => document.id);
      assert.deepEqual(new Set(ids).size, 1);
    } finally {
      fs.rmSync(link);
    }
  });

  it('gives two HTML pages with the same canonical URL the same id, wherever they are', async () => {
    const [page, copy] = documentsOf(await collect([path.join(dir, 'page.html'), path.join(dir, 'mirror', 'copy.htm')]));
    assert.equal(page!.id, copy!.id);
    assert.notEqual(page!.text, copy!.text);
    assert.equal(page!.url, 'https://news.example.org/story');
  });

  it('keeps given JSON Lines ids and gives records without one distinct, repeatable ids', async () => {
    const feed = path.join(dir, 'feed.jsonl');
    const documents = documentsOf(await collect([feed]));
    const ids = documents.map((document) => document.id);
    assert.equal(ids[0], 'given-1');
    assert.equal(ids[3], '42');
    assert.notEqual(ids[1], ids[2]);
    assert.equal(new Set(ids).size, 4);
    assert.deepEqual(documents.map((document) => document.source), [`${feed}#1`, `${feed}#2`, `${feed}#4`, `${feed}#5`]);
    assert.deepEqual(documentsOf(await collect([feed])).map((document) => document.id), ids);
  });
});

describe('readInputs: large input', () => {
  let dir: string;
  const record = (i: number): string => JSON.stringify({ text: `Record number ${i}, with “quotes”.` });
  before(() => {
    dir = path.join(root, 'large');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'feed.jsonl'), Array.from({ length: 5000 }, (_, i) => record(i + 1)).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'lines.json'), Array.from({ length: 3000 }, (_, i) => record(i + 1)).join('\r\n'));
    fs.writeFileSync(path.join(dir, 'array.json'), JSON.stringify(Array.from({ length: 500 }, (_, i) => JSON.parse(record(i + 1)))));
    fs.writeFileSync(path.join(dir, 'big.txt'), 'word '.repeat(2000));
  });

  it('reads JSON Lines far over the one-string limit, every record, with no decoding error', async () => {
    const outcomes = await collect([path.join(dir, 'feed.jsonl')], { maxBytes: 1024 });
    assert.equal(outcomes.length, 5000);
    assert.equal(documentsOf(outcomes)[4999]!.text, 'Record number 5000, with “quotes”.');
  });

  it('streams a .json file that turns out to be JSON Lines (CRLF, no final newline)', async () => {
    const outcomes = await collect([path.join(dir, 'lines.json')], { maxBytes: 1024 });
    assert.equal(outcomes.length, 3000);
    assert.equal(documentsOf(outcomes)[2999]!.text, 'Record number 3000, with “quotes”.');
  });

  it('refuses a text file or JSON value over the limit, naming the file and its size', async () => {
    const big = path.join(dir, 'big.txt');
    const array = path.join(dir, 'array.json');
    assert.deepEqual(summary(await collect([big, array], { maxBytes: 1024 })), [
      `failure ${big}: too large to read as one document: 10000 bytes, over the limit of 1024 bytes; split it, or give its records as JSON Lines (.jsonl), which is read line by line`,
      `failure ${array}: too large to read as one document: ${fs.statSync(array).size} bytes, over the limit of 1024 bytes; split it, or give its records as JSON Lines (.jsonl), which is read line by line`,
    ]);
    assert.equal((await collect([array])).length, 500);
  });

  it('yields the first record of a JSON Lines file before the rest is written', async (t) => {
    if (process.platform === 'win32') {
      t.skip('needs a named pipe');
      return;
    }
    const fifo = path.join(dir, 'pipe.jsonl');
    try {
      makeFifo(fifo);
    } catch {
      t.skip('mkfifo is not available');
      return;
    }
    const writer = fs.createWriteStream(fifo);
    // More than the first few kilobytes that are looked at together, then nothing until the reader answers.
    const head = Array.from({ length: 200 }, (_, i) => record(i + 1)).join('\n') + '\n';
    writer.write(head);
    const iterator = readInputs([fifo], {});
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
    const first = await Promise.race([iterator.next(), timeout]);
    assert.notEqual(first, 'timeout', 'the first document waited for the whole file');
    const outcome = (first as IteratorResult<ReadOutcome>).value as ReadOutcome;
    assert.equal(outcome.kind === 'document' && outcome.document.text, 'Record number 1, with “quotes”.');
    writer.end(record(201) + '\n');
    await once(writer, 'finish');
    let rest = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest++;
    assert.equal(rest, 200);
  });

  it('reads standard input over the limit as JSON Lines, pulling a bounded amount before the first record', async () => {
    const lineBytes = Buffer.byteLength(record(1)) + 1;
    let pulled = 0;
    const stdin = Readable.from(
      (function* () {
        for (let i = 1; i <= 100_000; i++) {
          const chunk = Buffer.from(record(i) + '\n');
          pulled += chunk.length;
          yield chunk;
        }
      })(),
      { highWaterMark: 4 },
    );
    const iterator = readInputs(['-'], { stdin, maxBytes: 4096 });
    const first = await iterator.next();
    assert.equal(!first.done && first.value.kind === 'document' && first.value.document.text, 'Record number 1, with “quotes”.');
    assert.ok(pulled < 4096 + 8000 + 20 * lineBytes, `pulled ${pulled} bytes of ${100_000 * lineBytes} before the first record`);
    await iterator.return(undefined);
  });

  it('refuses standard input over the limit that is not JSON Lines', async () => {
    const stdin = Readable.from([Buffer.from('plain text '.repeat(1000))]);
    assert.deepEqual(summary(await collect(['-'], { stdin, maxBytes: 1024 })), [
      'failure -: standard input is over the limit of 1024 bytes for one document and is not JSON Lines; save it to a file and split it, or give its records as JSON Lines',
    ]);
  });
});
