import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Document } from '../core/document.js';
import { hashText } from './hash-text.js';
import {
  LineSplitter,
  decodeUtf8,
  documentIdOf,
  documentsFromBytes,
  documentsFromJsonLines,
  formatFromPath,
  headlineOf,
  identityString,
  isBlankLine,
  markdownTitle,
  normalisePublishedAt,
  splitLines,
  type InputLine,
  type ReadOutcome,
} from './read-document.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function onlyDocument(outcomes: ReadOutcome[]): Document {
  assert.equal(outcomes.length, 1, JSON.stringify(outcomes));
  const [outcome] = outcomes;
  assert.equal(outcome!.kind, 'document', JSON.stringify(outcome));
  return (outcome as Extract<ReadOutcome, { kind: 'document' }>).document;
}

function onlyFailure(outcomes: ReadOutcome[]): { source: string; message: string } {
  assert.equal(outcomes.length, 1, JSON.stringify(outcomes));
  const [outcome] = outcomes;
  assert.equal(outcome!.kind, 'failure', JSON.stringify(outcome));
  const failure = outcome as Extract<ReadOutcome, { kind: 'failure' }>;
  assert.equal(failure.diagnostic.severity, 'error');
  assert.equal(failure.diagnostic.analysis, 'read-document');
  assert.equal(failure.diagnostic.span, null);
  return { source: failure.source, message: failure.diagnostic.message };
}

describe('decodeUtf8', () => {
  it('drops a BOM and nothing else', () => {
    assert.deepEqual(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0d, 0x0a])), { ok: true, text: 'hi\r\n' });
  });

  it('keeps a BOM-like character that is not at the start', () => {
    assert.deepEqual(decodeUtf8(utf8('a\ufeffb')), { ok: true, text: 'a\ufeffb' });
  });

  it('names the offset of the first bad byte', () => {
    const bytes = Uint8Array.from([...utf8('café '), 0xc3, 0x28, 0x41]);
    assert.deepEqual(decodeUtf8(bytes), { ok: false, problem: 'not valid UTF-8 (first bad byte at offset 6)' });
  });

  it('rejects surrogates encoded in UTF-8 and truncated sequences', () => {
    assert.equal(decodeUtf8(Uint8Array.from([0x41, 0xed, 0xa0, 0x80])).ok, false);
    assert.deepEqual(decodeUtf8(Uint8Array.from([0x41, 0x42, 0xe2, 0x82])), {
      ok: false,
      problem: 'not valid UTF-8 (first bad byte at offset 2)',
    });
  });

  it('refuses NUL bytes as binary and UTF-16 by its byte order mark', () => {
    assert.deepEqual(decodeUtf8(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), {
      ok: false,
      problem: 'looks binary (NUL bytes), skipped',
    });
    assert.equal(decodeUtf8(Uint8Array.from([0xff, 0xfe, 0x68, 0x00])).ok, false);
  });
});

describe('normalisePublishedAt', () => {
  it('keeps the written date of a timestamp and refuses impossible days', () => {
    assert.equal(normalisePublishedAt('2019-11-20'), '2019-11-20');
    assert.equal(normalisePublishedAt('2019-11-20T23:30:00-05:00'), '2019-11-20');
    assert.equal(normalisePublishedAt('2019-02-30'), null);
    assert.equal(normalisePublishedAt('20 November 2019'), null);
    assert.equal(normalisePublishedAt('2019-11'), null);
  });
});

describe('formatFromPath', () => {
  it('maps extensions, reads names without one as text and refuses the rest', () => {
    assert.equal(formatFromPath('a/b.TXT'), 'text');
    assert.equal(formatFromPath('a/README'), 'text');
    assert.equal(formatFromPath('notes.markdown'), 'markdown');
    assert.equal(formatFromPath('page.htm'), 'html');
    assert.equal(formatFromPath('feed.ndjson'), 'json');
    assert.equal(formatFromPath('export.CSV'), 'csv');
    assert.equal(formatFromPath('export.tsv'), 'csv');
    assert.equal(formatFromPath('scan.pdf'), null);
  });
});

describe('documentsFromBytes: plain text', () => {
  it('keeps CRLF and every other character exactly, and derives the id from the file', () => {
    const text = 'Line one\r\n\r\n  “Quoted,” she said.\t\r\n';
    const document = onlyDocument(documentsFromBytes(utf8(`\ufeff${text}`), { source: 'articles/a.txt', path: '/data/articles/a.txt' }));
    assert.equal(document.text, text);
    assert.equal(document.contentHash, hashText(text));
    assert.equal(document.id, sha256('file\n/data/articles/a.txt').slice(0, 12));
    assert.equal(document.format, 'text');
    assert.equal(document.source, 'articles/a.txt');
    // A short first line followed by a blank line is a headline; the CR must not leak into it.
    assert.equal(document.title, 'Line one');
    assert.equal(document.publishedAt, null);
  });

  it('reports invalid UTF-8, binary, empty and whitespace-only input with the file name', () => {
    // 0x81 is neither UTF-8 nor a Windows-1252 character (the Latin-1 fallback is in read-legacy-input.test.ts).
    assert.deepEqual(onlyFailure(documentsFromBytes(Uint8Array.from([0x61, 0x81]), { source: 'articles/x.txt' })), {
      source: 'articles/x.txt',
      message: 'articles/x.txt: not valid UTF-8 (first bad byte at offset 1), nor Windows-1252 text',
    });
    assert.equal(
      onlyFailure(documentsFromBytes(Uint8Array.from([0x00, 0x01, 0x02]), { source: 'x.bin' })).message,
      'x.bin: looks binary (NUL bytes), skipped',
    );
    assert.equal(onlyFailure(documentsFromBytes(new Uint8Array(0), { source: 'empty.txt' })).message, 'empty.txt: empty document');
    assert.equal(onlyFailure(documentsFromBytes(utf8('\ufeff \n\t\r\n'), { source: 'blank.txt' })).message, 'blank.txt: empty document');
  });

  it('lets the caller’s publication date win, and refuses one that is not a date', () => {
    assert.equal(onlyDocument(documentsFromBytes(utf8('x'), { source: 'a.txt', publishedAt: '2019-11-20' })).publishedAt, '2019-11-20');
    assert.match(onlyFailure(documentsFromBytes(utf8('x'), { source: 'a.txt', publishedAt: 'yesterday' })).message, /not a date/);
  });
});

describe('documentsFromBytes: Markdown', () => {
  it('keeps the text verbatim and takes the first level-one heading as title', () => {
    const text = '```sh\n# not a title\n```\n\nIntro *emphasis* [link](https://example.org).\n\n#  Protesters gather in Tehran  #\n\n## Sub\n';
    const document = onlyDocument(documentsFromBytes(utf8(text), { source: 'notes/story.md' }));
    assert.equal(document.text, text);
    assert.equal(document.format, 'markdown');
    assert.equal(document.title, 'Protesters gather in Tehran');
  });

  it('has no title without a level-one heading', () => {
    assert.equal(markdownTitle('## Two\n#hashtag\ntext'), null);
  });

  it('falls back to a headline line, then to the file name', () => {
    const headline = onlyDocument(documentsFromBytes(utf8('Port strike ends\n\nThe strike ended.\n'), { source: 'a/strike.md' }));
    assert.equal(headline.title, 'Port strike ends');
    const none = onlyDocument(documentsFromBytes(utf8('## Two\ntext.\n'), { source: 'a/strike.md' }));
    assert.equal(none.title, 'strike.md');
  });
});

describe('documentsFromBytes: titles of plain text', () => {
  it('takes a headline first line followed by a blank line', () => {
    const text = '\nAd sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n';
    const document = onlyDocument(documentsFromBytes(utf8(text), { source: 'bbc/business/001.txt' }));
    assert.equal(document.title, 'Ad sales boost Time Warner profit');
    assert.equal(document.text, text, 'the text is unchanged');
  });

  it('takes the file name when the first line is not a headline', () => {
    const title = (text: string): string | null => onlyDocument(documentsFromBytes(utf8(text), { source: 'in/story.txt' })).title;
    // A sentence: ends with a full stop.
    assert.equal(title('The council met on Monday.\n\nIt voted.\n'), 'story.txt');
    // No blank line after it: the first line of a paragraph.
    assert.equal(title('The council met on Monday\nand voted.\n'), 'story.txt');
    // Nothing after it.
    assert.equal(title('Council meets\n\n'), 'story.txt');
    // Too long for a headline.
    assert.equal(title(`${'word '.repeat(40)}\n\nBody.\n`), 'story.txt');
    // A lead-in, not a headline.
    assert.equal(title('He said:\n\n“No.”\n'), 'story.txt');
  });

  it('accepts questions, exclamations and ellipses, and has no title on stdin without a headline', () => {
    assert.equal(headlineOf('Is the port safe?\n\nBody.'), 'Is the port safe?');
    assert.equal(headlineOf('Strike over!\n\nBody.'), 'Strike over!');
    assert.equal(headlineOf('And then...\n\nBody.'), 'And then...');
    assert.equal(headlineOf('2024\n\nBody.'), null);
    // A dateline is not a headline.
    assert.equal(headlineOf('Wednesday, September 18, 2019  \n\n\nYesterday, police said.'), null);
    assert.equal(headlineOf('18 September 2019\n\nBody.'), null);
    assert.equal(headlineOf('2019-09-18\n\nBody.'), null);
    assert.equal(headlineOf('May Day rally draws thousands\n\nBody.'), 'May Day rally draws thousands');
    assert.equal(onlyDocument(documentsFromBytes(utf8('No headline here.\n\nBody.'), { source: '-' })).title, null);
  });
});

const ARTICLE_BODY = [
  'The regional council voted on Tuesday to close the old bridge after engineers found cracks in two of its supports.',
  '“We cannot take the risk,” said council leader Maria Jensen. “The bridge will stay closed until the repairs are done.”',
  'According to the engineering report, about 12,000 vehicles crossed the bridge every day before the closure was announced.',
];

function articlePage(head: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${head}</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Council closes   old bridge</h1>
    ${ARTICLE_BODY.map((paragraph) => `<p>${paragraph.replace('cracks', 'cracks\n      ').replace('Maria Jensen', '<b>Maria</b>&nbsp;Jensen')}</p>`).join('\n    ')}
  </article>
  <footer>Copyright Example News. All rights reserved.</footer>
  <script>var tracking = "not text";</script>
</body></html>`;
}

describe('documentsFromBytes: HTML', () => {
  it('extracts the article paragraphs with whitespace runs collapsed, and reads the page metadata', () => {
    const html = articlePage(`<title>Council closes old bridge | Example News</title>
      <meta property="og:title" content="Council closes old bridge">
      <link rel="canonical" href="https://news.example.org/2019/bridge">
      <meta property="article:published_time" content="2019-11-20T08:15:00+01:00">`);
    const document = onlyDocument(documentsFromBytes(utf8(html), { source: 'pages/bridge.html' }));
    assert.equal(document.format, 'html');
    assert.equal(document.url, 'https://news.example.org/2019/bridge');
    assert.equal(document.publishedAt, '2019-11-20');
    assert.equal(document.title, 'Council closes old bridge');
    for (const paragraph of ARTICLE_BODY) assert.ok(document.text.includes(paragraph), `missing: ${paragraph}`);
    assert.ok(document.text.endsWith(ARTICLE_BODY[2]!));
    assert.match(document.text, new RegExp(`${ARTICLE_BODY[0]}\\n\\n${ARTICLE_BODY[1]}`.replace(/[.*+?()[\]“”]/g, '.')));
    assert.doesNotMatch(document.text, /Copyright|tracking|Sport/);
    assert.doesNotMatch(document.text, /  |\t|\n\n\n/);
    assert.equal(document.contentHash, hashText(document.text));
  });

  it('takes the date from JSON-LD datePublished inside an @graph array', () => {
    const html = articlePage(`<title>Bridge</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Example News"},
        {"@type":"NewsArticle","headline":"Bridge","datePublished":"2020-03-05T10:00:00Z"}]}</script>`);
    assert.equal(onlyDocument(documentsFromBytes(utf8(html), { source: 'bridge.html' })).publishedAt, '2020-03-05');
  });

  it('prefers <time datetime> to JSON-LD, and the caller’s date to both', () => {
    const html = articlePage('<script type="application/ld+json">{"datePublished":"2020-03-05"}</script>').replace(
      '<article>',
      '<article><time datetime="2020-03-04T09:00">4 March</time>',
    );
    assert.equal(onlyDocument(documentsFromBytes(utf8(html), { source: 'b.html' })).publishedAt, '2020-03-04');
    assert.equal(onlyDocument(documentsFromBytes(utf8(html), { source: 'b.html', publishedAt: '2021-01-01' })).publishedAt, '2021-01-01');
  });

  it('falls back to the body text for a fragment too small for an article', () => {
    const document = onlyDocument(documentsFromBytes(utf8('<p>Short   note.</p><p>Second <i>line</i>.</p>'), { source: 'frag.html' }));
    assert.equal(document.text, 'Short note.\n\nSecond line.');
    assert.equal(document.title, null);
  });

  it('is a failure when the page has no text', () => {
    assert.match(onlyFailure(documentsFromBytes(utf8('<html><body><script>x()</script></body></html>'), { source: 'e.html' })).message, /^e\.html: no article text/);
  });
});

describe('documentsFromBytes: JSON and JSON Lines', () => {
  it('reads an array of records, each its own document with its own id and date aliases', () => {
    const json = JSON.stringify([
      { id: 'a1', text: 'First text.', title: 'First', url: 'https://example.org/1', publishedAt: '2019-01-04' },
      { id: 7, text: 'Second text.', date: '2019-02-01T12:00:00Z' },
      { text: 'Third text.', published_at: '2019-03-01' },
    ]);
    const outcomes = documentsFromBytes(utf8(json), { source: 'feed.json' });
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind === 'document' && [outcome.document.id, outcome.document.publishedAt, outcome.document.source]),
      [
        ['a1', '2019-01-04', 'feed.json#1'],
        ['7', '2019-02-01', 'feed.json#2'],
        [sha256(`file\n${path.resolve('feed.json')}#3`).slice(0, 12), '2019-03-01', 'feed.json#3'],
      ],
    );
    const first = (outcomes[0] as Extract<ReadOutcome, { kind: 'document' }>).document;
    assert.equal(first.format, 'json');
    assert.equal(first.title, 'First');
    assert.equal(first.url, 'https://example.org/1');
  });

  it('reads a single object', () => {
    const document = onlyDocument(documentsFromBytes(utf8('{"id":"one","text":"Body\\r\\nkept"}'), { source: 'one.json' }));
    assert.equal(document.id, 'one');
    assert.equal(document.text, 'Body\r\nkept');
    assert.equal(document.source, 'one.json');
  });

  it('turns a bad JSON Lines line into a failure naming the line, and reads the others', () => {
    const lines = [
      '{"id":"a","text":"Alpha."}',
      '',
      '{"id":"b","text":',
      '{"id":"c","title":"no text"}',
      '{"id":"d","text":"Delta.","date":"2019-13-01"}',
      '{"id":"e","text":"Echo."}\r',
    ].join('\n');
    const outcomes = documentsFromBytes(utf8(lines), { source: 'feed.jsonl' });
    assert.deepEqual(
      outcomes.map((outcome) => (outcome.kind === 'document' ? outcome.document.id : outcome.kind === 'failure' ? outcome.diagnostic.message : outcome.reason)),
      [
        'a',
        `feed.jsonl line 3: not valid JSON (${(() => { try { JSON.parse('{"id":"b","text":'); } catch (error) { return (error as Error).message; } return ''; })()})`,
        'feed.jsonl line 4: missing "text"',
        'feed.jsonl line 5: invalid "date": "2019-13-01" is not a date (expected YYYY-MM-DD)',
        'e',
      ],
    );
    assert.deepEqual(
      outcomes.map((outcome) => (outcome.kind === 'document' ? outcome.document.source : outcome.source)),
      ['feed.jsonl#1', 'feed.jsonl#3', 'feed.jsonl#4', 'feed.jsonl#5', 'feed.jsonl#6'],
    );
  });

  it('ignores a record’s bad date when the caller’s date wins', () => {
    const document = onlyDocument(documentsFromBytes(utf8('{"text":"x","date":"soon"}\n'), { source: 'f.ndjson', publishedAt: '2020-02-02' }));
    assert.equal(document.publishedAt, '2020-02-02');
  });

  it('reports a file that is not JSON, and records that are not objects', () => {
    assert.match(onlyFailure(documentsFromBytes(utf8('{oops'), { source: 'bad.json' })).message, /^bad\.json: not valid JSON \(/);
    assert.equal(onlyFailure(documentsFromBytes(utf8('[]'), { source: 'none.json' })).message, 'none.json: empty array, no records');
    assert.equal(
      onlyFailure(documentsFromBytes(utf8('["text"]'), { source: 'strings.json' })).message,
      'strings.json item 1: expected an object with a "text" field, got string',
    );
  });
});

describe('documentsFromBytes: stdin', () => {
  it('recognises HTML and JSON on stdin and reads anything else as text', () => {
    assert.equal(onlyDocument(documentsFromBytes(utf8('  <!doctype html><html><body><p>Hi there.</p></body></html>'), { source: '-' })).format, 'html');
    assert.equal(onlyDocument(documentsFromBytes(utf8('{"id":"s","text":"From a pipe."}'), { source: '-' })).id, 's');
    const text = '[Updated] A text that starts with a bracket.';
    const document = onlyDocument(documentsFromBytes(utf8(text), { source: '-' }));
    assert.equal(document.format, 'text');
    assert.equal(document.text, text);
    assert.equal(document.source, '-');
  });
});

/** The id or failure message of each outcome. */
function idsOrMessages(outcomes: ReadOutcome[]): string[] {
  return outcomes.map((outcome) =>
    outcome.kind === 'document' ? outcome.document.id : outcome.kind === 'failure' ? outcome.diagnostic.message : outcome.reason,
  );
}

describe('document identity', () => {
  it('hashes a kind-tagged identity string, so kinds cannot collide', () => {
    assert.equal(identityString({ kind: 'url', url: 'https://example.org/a' }), 'url\nhttps://example.org/a');
    assert.equal(identityString({ kind: 'file', path: '/data/feed.jsonl', record: 3 }), 'file\n/data/feed.jsonl#3');
    assert.equal(identityString({ kind: 'file', path: '/data/a.txt' }), 'file\n/data/a.txt');
    assert.equal(identityString({ kind: 'stdin', contentHash: 'ab' }), 'stdin\nab');
    assert.equal(documentIdOf({ kind: 'file', path: '/x' }), sha256('file\n/x').slice(0, 12));
    assert.notEqual(documentIdOf({ kind: 'file', path: 'x' }), documentIdOf({ kind: 'url', url: 'x' }));
  });

  it('gives identical texts from two files two ids, and the same file the same id again', () => {
    const read = (file: string): Document => onlyDocument(documentsFromBytes(utf8('Same wire story.'), { source: file, path: `/data/${file}` }));
    assert.notEqual(read('site-a.txt').id, read('site-b.txt').id);
    assert.equal(read('site-a.txt').contentHash, read('site-b.txt').contentHash);
    assert.equal(read('site-a.txt').id, read('site-a.txt').id);
  });

  it('identifies an HTML page by its canonical URL, then og:url, wherever the file is', () => {
    const canonical = articlePage('<link rel="canonical" href="https://news.example.org/2019/bridge"><meta property="og:url" content="https://other.example.org/x">');
    const a = onlyDocument(documentsFromBytes(utf8(canonical), { source: 'mirror-a/bridge.html', path: '/data/mirror-a/bridge.html' }));
    const b = onlyDocument(documentsFromBytes(utf8(canonical), { source: 'mirror-b/page.htm', path: '/data/mirror-b/page.htm' }));
    assert.equal(a.id, b.id);
    assert.equal(a.id, sha256('url\nhttps://news.example.org/2019/bridge').slice(0, 12));
    const ogOnly = articlePage('<meta property="og:url" content="https://other.example.org/x">');
    assert.equal(onlyDocument(documentsFromBytes(utf8(ogOnly), { source: 'c.html' })).id, sha256('url\nhttps://other.example.org/x').slice(0, 12));
  });

  it('falls back to the content hash on stdin', () => {
    const document = onlyDocument(documentsFromBytes(utf8('From a pipe.'), { source: '-' }));
    assert.equal(document.id, sha256(`stdin\n${hashText('From a pipe.')}`).slice(0, 12));
  });

  it('keeps given record ids verbatim, uses a record URL, and tells records without either apart by line', () => {
    const lines = [
      '{"id":" Keep Me ","text":"Same."}',
      '{"text":"Same."}',
      '{"text":"Same."}',
      '{"url":"https://example.org/story","text":"Same."}',
    ].join('\n');
    const ids = idsOrMessages(documentsFromBytes(utf8(lines), { source: 'feed.jsonl', path: '/data/feed.jsonl' }));
    assert.deepEqual(ids, [
      ' Keep Me ',
      sha256('file\n/data/feed.jsonl#2').slice(0, 12),
      sha256('file\n/data/feed.jsonl#3').slice(0, 12),
      sha256('url\nhttps://example.org/story').slice(0, 12),
    ]);
  });

  it('gives a JSON record and an HTML page with the same URL the same id', () => {
    const html = articlePage('<link rel="canonical" href="https://news.example.org/2019/bridge">');
    const page = onlyDocument(documentsFromBytes(utf8(html), { source: 'bridge.html' }));
    const record = onlyDocument(documentsFromBytes(utf8('{"url":"https://NEWS.example.org/2019/bridge","text":"x"}'), { source: 'r.json' }));
    assert.equal(record.id, page.id);
    assert.equal(record.url, 'https://NEWS.example.org/2019/bridge');
  });
});

describe('documentsFromBytes: size and decoding', () => {
  it('refuses an input over the limit, naming the file and its size, not as a decoding error', () => {
    const message = onlyFailure(documentsFromBytes(utf8('x'.repeat(2048)), { source: 'big.txt', maxBytes: 1024 })).message;
    assert.match(message, /^big\.txt: too large to read as one document: 2048 bytes, over the limit of 1024 bytes;/);
    assert.doesNotMatch(message, /UTF-8/);
  });

  it('reads JSON Lines over the limit line by line, refusing only a line over it', () => {
    const long = JSON.stringify({ id: 'long', text: 'y'.repeat(200) });
    const lines = [...Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `r${i}`, text: 'Short.' })), long].join('\n');
    const outcomes = documentsFromBytes(utf8(lines), { source: 'feed.jsonl', maxBytes: 100 });
    assert.equal(outcomes.length, 21);
    assert.ok(outcomes.slice(0, 20).every((outcome) => outcome.kind === 'document'));
    assert.deepEqual(onlyFailure(outcomes.slice(20)), {
      source: 'feed.jsonl#21',
      message: `feed.jsonl line 21: too long to read: ${long.length} bytes, over the limit of 100 bytes`,
    });
  });

  it('names the line and the byte offset in the file of a bad byte in JSON Lines, and reads the other lines', () => {
    const first = utf8('\ufeff{"id":"a","text":"Alpha."}\n');
    const bad = Uint8Array.from([...utf8('{"id":"b","text":"caf'), 0xe9, ...utf8('"}\n')]);
    const last = utf8('{"id":"c","text":"Charlie."}');
    const outcomes = documentsFromBytes(Uint8Array.from([...first, ...bad, ...last]), { source: 'feed.jsonl' });
    assert.deepEqual(idsOrMessages(outcomes), [
      'a',
      `feed.jsonl line 2: not valid UTF-8 (first bad byte at offset ${first.length + 21})`,
      'c',
    ]);
  });

  it('refuses a binary or UTF-16 JSON Lines file once, not line by line', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.equal(onlyFailure(documentsFromBytes(png, { source: 'image.jsonl' })).message, 'image.jsonl: looks binary (NUL bytes), skipped');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from(utf8('{"text":"x"}\n{"text":"y"}')).flatMap((byte) => [byte, 0])]);
    assert.match(onlyFailure(documentsFromBytes(utf16, { source: 'wide.jsonl' })).message, /^wide\.jsonl: UTF-16 text/);
    assert.equal(onlyFailure(documentsFromBytes(utf8('\n \r\n'), { source: 'blank.jsonl' })).message, 'blank.jsonl: empty document');
  });
});

describe('LineSplitter and splitLines', () => {
  it('cuts at \\n across chunk boundaries, even inside a multi-byte character, with numbers and offsets', async () => {
    const bytes = utf8('ab\r\n“é”\n\nlast');
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const lines: InputLine[] = [];
    for await (const line of splitLines((async function* () { yield* chunks; })())) lines.push(line);
    const decoder = new TextDecoder();
    assert.deepEqual(
      lines.map((line) => [line.number, line.offset, line.length, decoder.decode(line.bytes!)]),
      [
        [1, 0, 3, 'ab\r'],
        [2, 4, 8, '“é”'],
        [3, 13, 0, ''],
        [4, 14, 4, 'last'],
      ],
    );
    assert.deepEqual([isBlankLine(lines[2]!), isBlankLine(lines[3]!)], [true, false]);
  });

  it('does not keep a line longer than the limit, but counts it', () => {
    const splitter = new LineSplitter(4);
    const lines = [...splitter.push(utf8('abc\nabcdefgh')), ...splitter.push(utf8('ij\nxy\n')), ...splitter.end()];
    assert.deepEqual(
      lines.map((line) => [line.number, line.offset, line.length, line.bytes === null]),
      [
        [1, 0, 3, false],
        [2, 4, 10, true],
        [3, 15, 2, false],
      ],
    );
  });

  it('treats a line of non-ASCII spaces as blank', () => {
    assert.equal(isBlankLine({ number: 1, offset: 0, length: 4, bytes: utf8('\u00a0 \u3000') }), true);
  });
});

describe('documentsFromJsonLines', () => {
  it('yields each record as its line arrives, after the first few kilobytes', async () => {
    let pulled = 0;
    async function* lines(): AsyncGenerator<InputLine> {
      let offset = 0;
      for (let number = 1; number <= 100_000; number++) {
        const bytes = utf8(JSON.stringify({ text: `Record ${number}.` }));
        pulled++;
        yield { number, offset, length: bytes.length, bytes };
        offset += bytes.length + 1;
      }
    }
    const iterator = documentsFromJsonLines(lines(), { source: 'stream.jsonl', path: '/data/stream.jsonl' });
    const first = await iterator.next();
    assert.equal(!first.done && first.value.kind === 'document' && first.value.document.text, 'Record 1.');
    assert.ok(pulled < 1000, `pulled ${pulled} lines before the first document`);
    await iterator.return(undefined);
  });

  it('reports a bad caller date once', async () => {
    const outcomes: ReadOutcome[] = [];
    const lines = (async function* () { yield { number: 1, offset: 0, length: 12, bytes: utf8('{"text":"x"}') }; })();
    for await (const outcome of documentsFromJsonLines(lines, { source: 'f.jsonl', publishedAt: 'soon' })) outcomes.push(outcome);
    assert.match(onlyFailure(outcomes).message, /^f\.jsonl: publication date "soon" is not a date/);
  });
});

describe('documentsFromBytes: CSV and TSV', () => {
  const meta = { source: 'feed.csv', path: '/data/feed.csv' };

  it('reads one document per row from the record columns, matched without regard to case', () => {
    const csv = 'ID,Title,Text,published_at,outlet\n' + 'a1,First,"Line one,\r\nline two.",2024-03-04,X\n' + ',,Second text.,,Y\n';
    const outcomes = documentsFromBytes(utf8(csv), meta);
    assert.equal(outcomes.length, 2);
    const [first, second] = outcomes.map((outcome) => (outcome as Extract<ReadOutcome, { kind: 'document' }>).document);
    assert.deepEqual(
      { id: first!.id, title: first!.title, text: first!.text, publishedAt: first!.publishedAt, format: first!.format, source: first!.source },
      { id: 'a1', title: 'First', text: 'Line one,\r\nline two.', publishedAt: '2024-03-04', format: 'csv', source: 'feed.csv#1' },
    );
    assert.equal(second!.title, null);
    assert.equal(second!.publishedAt, null);
    assert.equal(second!.id, documentIdOf({ kind: 'file', path: '/data/feed.csv', record: 2 }));
    assert.equal(second!.contentHash, sha256('Second text.'));
  });

  it('names the file, row and line of a bad row and goes on with the rest', () => {
    const csv = 'text,date\nGood one.,2024-01-02\nBad date.,yesterday\n"Broken" row,2024-01-03\n,2024-01-04\nLast.,\n';
    const outcomes = documentsFromBytes(utf8(csv), meta);
    const summary = outcomes.map((outcome) =>
      outcome.kind === 'document' ? `doc ${outcome.document.text}` : `${outcome.source}: ${outcome.kind === 'failure' ? outcome.diagnostic.message : ''}`,
    );
    assert.deepEqual(summary, [
      'doc Good one.',
      'feed.csv#2: feed.csv row 2 (line 3): invalid "date": "yesterday" is not a date (expected YYYY-MM-DD)',
      'feed.csv#3: feed.csv row 3 (line 4): text after the closing quote of field 1',
      'feed.csv#4: feed.csv row 4 (line 5): empty "text"',
      'doc Last.',
    ]);
  });

  it('refuses a table without a text column, listing the columns it has', () => {
    const failure = onlyFailure(documentsFromBytes(utf8('headline,body\nA,B\n'), meta));
    assert.equal(failure.message, 'feed.csv: no "text" column in the CSV header (columns: "headline", "body")');
    assert.equal(onlyFailure(documentsFromBytes(utf8('\n'), meta)).message, 'feed.csv: empty document');
  });

  it('reads tab-separated files by their extension', () => {
    const document = onlyDocument(documentsFromBytes(utf8('title\ttext\nA, B\tSaid, then left.\n'), { source: 'feed.tsv', path: '/data/feed.tsv' }));
    assert.equal(document.title, 'A, B');
    assert.equal(document.text, 'Said, then left.');
  });
});
