import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Document } from '../core/document.js';
import { hashText } from './hash-text.js';
import {
  decodeUtf8,
  documentsFromBytes,
  formatFromPath,
  markdownTitle,
  normalisePublishedAt,
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
    assert.equal(document.title, null);
    assert.equal(document.publishedAt, null);
  });

  it('reports invalid UTF-8, binary, empty and whitespace-only input with the file name', () => {
    assert.deepEqual(onlyFailure(documentsFromBytes(Uint8Array.from([0x61, 0xff]), { source: 'articles/x.txt' })), {
      source: 'articles/x.txt',
      message: 'articles/x.txt: not valid UTF-8 (first bad byte at offset 1)',
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
