/**
 * The storage contract: one suite every Store backend must pass (SQLite today, PostgreSQL later).
 * Call `runStoreContract(name, createStore)` from a `*.test.ts` file; `createStore` must return a
 * new, empty store each time it is called. Only the Store interface is used here.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AnalysisJson, SpanJson } from '../../src/api/analysis-json.js';
import type { SaveInput, Store } from '../../src/store/store.js';

const CACHE_KEY = 'cache-key-1';

/** The span of the `occurrence`-th `needle` in `text`, so that `text.slice(start, end) === needle`. */
function spanOf(text: string, needle: string, occurrence = 1): SpanJson {
  let start = -1;
  for (let i = 0; i < occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`fixture: "${needle}" not found in text`);
  }
  return { start, end: start + needle.length, text: needle };
}

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function emptyAnalysis(id: string, title: string | null, text: string): AnalysisJson {
  return {
    schema: 'claimtrace/analysis@1',
    tool: { name: 'claimtrace', version: '0.0.0-test' },
    document: { id, title, url: null, publishedAt: null, format: 'text', contentHash: hash(text), length: text.length, text },
    entities: [],
    quotes: [],
    figures: [],
    dates: [],
    framing: [],
    claims: [],
    events: [],
    diagnostics: [],
  };
}

const PROTEST_TEXT =
  'Ali Rezaei said "more than 3,000 people were detained" on November 17. ' +
  'The so-called reform was a crack-down, critics argued. Rezaei later resigned.';

/** One record of every kind, one quote, one error and one warning. */
function protestAnalysis(): AnalysisJson {
  const text = PROTEST_TEXT;
  const analysis = emptyAnalysis('doc-protest', 'Arrests after the protests', text);
  analysis.document.url = 'https://example.org/protests';
  analysis.document.publishedAt = '2019-11-20';
  const name = spanOf(text, 'Ali Rezaei');
  const content = spanOf(text, 'more than 3,000 people were detained');
  const figure = spanOf(text, 'more than 3,000');
  analysis.entities = [
    {
      id: 'e1', analysis: 'detect-entities', type: 'person', name: 'Ali Rezaei', aliases: ['Rezaei'], roles: [],
      mentions: [name, spanOf(text, 'Rezaei', 2)], pronounMentions: [],
    },
  ];
  analysis.quotes = [
    {
      id: 'q1', analysis: 'extract-quotes', type: 'direct', content, contents: [content],
      cue: { span: spanOf(text, 'said'), lemma: 'say', stance: 'neutral' },
      speaker: { entityId: 'e1', name: 'Ali Rezaei', mention: name, basis: 'stated' },
      date: { value: '2019-11-17', mention: spanOf(text, 'November 17'), basis: 'inferred' },
      voice: 'quoted', evidence: ['e1'],
    },
  ];
  analysis.figures = [
    {
      id: 'f1', analysis: 'extract-figures', span: figure, value: 3000, min: 3000, max: null, approx: 'more-than',
      unit: 'people', counted: 'people', counting: { span: spanOf(text, 'people') },
      claimant: { entityId: 'e1', name: 'Ali Rezaei', basis: 'inferred' }, voice: 'quoted', quoteId: 'q1',
    },
  ];
  analysis.dates = [
    {
      id: 'd1', analysis: 'extract-dates', span: spanOf(text, 'November 17'), value: '2019-11-17', granularity: 'day',
      mod: null, basis: 'inferred', anchor: 'publishedAt',
    },
  ];
  analysis.framing = [
    {
      id: 'm1', analysis: 'detect-framing', span: spanOf(text, 'so-called'), category: 'scare-quote', voice: 'author',
      reason: 'framing-lexicon/so-called', note: 'distances the writer from the label',
    },
  ];
  analysis.claims = [
    {
      id: 'c1', analysis: 'rank-claims', span: content,
      sentence: spanOf(text, 'Ali Rezaei said "more than 3,000 people were detained" on November 17.'),
      claimant: { entityId: 'e1', name: 'Ali Rezaei', basis: 'stated' }, voice: 'quoted', checkWorthiness: 0.875,
      evidence: ['q1', 'f1', 'd1'],
    },
  ];
  analysis.events = [
    {
      id: 'v1', analysis: 'extract-events', span: spanOf(text, 'detained'), type: 'arrest', plover: 'ARREST',
      actors: [], date: 'd1', place: null,
    },
  ];
  analysis.diagnostics = [
    { severity: 'error', message: 'Entity linker crashed', span: null, analysis: 'link-entities' },
    { severity: 'warning', message: 'Unbalanced quotation mark', span: spanOf(text, '"'), analysis: 'extract-quotes' },
  ];
  return analysis;
}

const HARBOUR_TEXT = 'Maria López told reporters the harbour had reopened. "We are relieved," she said.';

function harbourAnalysis(): AnalysisJson {
  const text = HARBOUR_TEXT;
  const analysis = emptyAnalysis('doc-harbour', null, text);
  const content = spanOf(text, 'We are relieved,');
  analysis.quotes = [
    {
      id: 'q1', analysis: 'extract-quotes', type: 'direct', content, contents: [content],
      cue: { span: spanOf(text, 'said'), lemma: 'say', stance: 'neutral' },
      speaker: { entityId: null, name: 'Maria López', mention: spanOf(text, 'she'), basis: 'inferred' },
      date: null, voice: 'quoted',
    },
  ];
  return analysis;
}

function input(analysis: AnalysisJson, overrides: Partial<Omit<SaveInput, 'analysis'>> = {}): SaveInput {
  return { analysis, source: `articles/${analysis.document.id}.txt`, cacheKey: CACHE_KEY, analysedAt: '2024-05-01T10:00:00.000Z', ...overrides };
}

const HOSTILE_QUERIES = [
  '"unbalanced',
  'a-b OR (',
  '"',
  '""',
  '(',
  ')',
  '*',
  'NEAR(',
  'AND',
  'OR',
  'NOT',
  'title:',
  'text:detained',
  '^reform',
  'detained*',
  "it's",
  '{title text}: x',
  '\u0000',
  '   ',
  '',
];

export function runStoreContract(name: string, createStore: () => Store): void {
  /** Runs `body` against a fresh store and always closes it. */
  function withStore(body: (store: Store) => void): () => void {
    return () => {
      const store = createStore();
      try {
        body(store);
      } finally {
        store.close();
      }
    };
  }

  /** Everything a reader can see of one document, to compare before and after a failed write. */
  function snapshot(store: Store, documentId: string) {
    return {
      analysis: store.getAnalysis(documentId),
      records: store.queryRecords({ documentId }),
      list: store.listDocuments(),
      count: store.countDocuments(),
      search: store.searchText('detained'),
    };
  }

  describe(`Store contract: ${name}`, () => {
    it('returns exactly what was saved', withStore((store) => {
      const analysis = protestAnalysis();
      store.save(input(analysis));
      assert.deepEqual(store.getAnalysis('doc-protest'), protestAnalysis());
      assert.equal(store.getAnalysis('doc-missing'), null);
      assert.equal(store.countDocuments(), 1);
    }));

    it('starts empty', withStore((store) => {
      assert.equal(store.countDocuments(), 0);
      assert.deepEqual(store.listDocuments(), []);
      assert.deepEqual(store.queryRecords({}), []);
      assert.deepEqual(store.searchText('detained'), []);
    }));

    it('replaces a document saved again under the same id, records and search included', withStore((store) => {
      store.save(input(protestAnalysis()));
      const replacement = emptyAnalysis('doc-protest', 'Harbour news', HARBOUR_TEXT);
      replacement.quotes = harbourAnalysis().quotes;
      store.save(input(replacement, { cacheKey: 'cache-key-2', analysedAt: '2024-06-01T00:00:00.000Z' }));

      assert.equal(store.countDocuments(), 1);
      assert.deepEqual(store.getAnalysis('doc-protest'), replacement);
      const records = store.queryRecords({ documentId: 'doc-protest' });
      assert.deepEqual(records.map((r) => `${r.kind}:${r.recordId}`), ['quote:q1']);
      assert.equal(records[0].speaker, 'Maria López');
      assert.deepEqual(store.searchText('detained'), []);
      assert.deepEqual(store.searchText('harbour').map((hit) => hit.documentId), ['doc-protest']);
      assert.equal(store.findCached(hash(PROTEST_TEXT), CACHE_KEY), null);
      assert.deepEqual(store.findCached(hash(HARBOUR_TEXT), 'cache-key-2'), replacement);
      const [summary] = store.listDocuments();
      assert.equal(summary.title, 'Harbour news');
      assert.equal(summary.errorCount, 0);
      assert.equal(summary.analysedAt, '2024-06-01T00:00:00.000Z');
    }));

    it('finds a cached analysis only for the same content hash and cache key', withStore((store) => {
      const analysis = protestAnalysis();
      store.save(input(analysis));
      assert.deepEqual(store.findCached(analysis.document.contentHash, CACHE_KEY), analysis);
      assert.equal(store.findCached(analysis.document.contentHash, 'another-key'), null);
      assert.equal(store.findCached(hash('other text'), CACHE_KEY), null);
    }));

    it('lists documents by analysis time, then id, with quote and error counts', withStore((store) => {
      store.save(input(protestAnalysis(), { analysedAt: '2024-05-02T00:00:00.000Z' }));
      store.save(input(harbourAnalysis(), { analysedAt: '2024-05-01T00:00:00.000Z', source: null }));
      const third = emptyAnalysis('doc-a-third', 'Third', 'Nothing happened.');
      store.save(input(third, { analysedAt: '2024-05-02T00:00:00.000Z' }));

      const list = store.listDocuments();
      assert.deepEqual(list.map((d) => d.id), ['doc-harbour', 'doc-a-third', 'doc-protest']);
      assert.deepEqual(list[2], {
        id: 'doc-protest',
        title: 'Arrests after the protests',
        url: 'https://example.org/protests',
        publishedAt: '2019-11-20',
        format: 'text',
        contentHash: hash(PROTEST_TEXT),
        length: PROTEST_TEXT.length,
        source: 'articles/doc-protest.txt',
        analysedAt: '2024-05-02T00:00:00.000Z',
        quoteCount: 1,
        errorCount: 1,
      });
      assert.equal(list[0].source, null);
      assert.equal(list[0].title, null);
      assert.equal(list[0].quoteCount, 1);
      assert.equal(list[0].errorCount, 0);
      assert.equal(list[1].quoteCount, 0);
      assert.equal(store.countDocuments(), 3);
      assert.deepEqual(store.listDocuments({ limit: 1, offset: 1 }).map((d) => d.id), ['doc-a-third']);
      assert.deepEqual(store.listDocuments({ offset: 2 }).map((d) => d.id), ['doc-protest']);
      assert.deepEqual(store.listDocuments({ limit: 0 }), []);
    }));

    it('stores every contract record with its kind, main span, speaker and JSON', withStore((store) => {
      const analysis = protestAnalysis();
      store.save(input(analysis));
      const records = store.queryRecords({ documentId: 'doc-protest' });
      const byKind = new Map(records.map((r) => [r.kind, r]));
      assert.deepEqual([...byKind.keys()].sort(), ['claim', 'date', 'entity', 'event', 'figure', 'framing', 'quote']);
      assert.equal(records.length, 7);
      for (const record of records) {
        assert.equal(record.documentId, 'doc-protest');
        assert.equal(PROTEST_TEXT.slice(record.start, record.end).length, record.end - record.start);
      }
      const quote = byKind.get('quote')!;
      assert.deepEqual(quote.json, analysis.quotes[0]);
      assert.equal(quote.analysis, 'extract-quotes');
      assert.equal(quote.recordId, 'q1');
      assert.deepEqual([quote.start, quote.end], [analysis.quotes[0].content.start, analysis.quotes[0].content.end]);
      assert.equal(quote.speaker, 'Ali Rezaei');
      assert.equal(byKind.get('figure')!.speaker, 'Ali Rezaei');
      assert.equal(byKind.get('claim')!.speaker, 'Ali Rezaei');
      assert.equal(byKind.get('entity')!.speaker, null);
      assert.equal(byKind.get('event')!.speaker, null);
      assert.deepEqual([byKind.get('entity')!.start, byKind.get('entity')!.end], [0, 'Ali Rezaei'.length]);
      assert.deepEqual(byKind.get('figure')!.json, analysis.figures[0]);
      // Ordered by position in the document.
      const positions = records.map((r) => [r.start, r.end]);
      const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      assert.deepEqual(positions, sorted);
    }));

    it('filters records by kind across documents, ordered by document then position', withStore((store) => {
      store.save(input(protestAnalysis()));
      store.save(input(harbourAnalysis()));
      const quotes = store.queryRecords({ kind: 'quote' });
      assert.deepEqual(quotes.map((r) => [r.documentId, r.recordId]), [['doc-harbour', 'q1'], ['doc-protest', 'q1']]);
      assert.deepEqual(store.queryRecords({ kind: 'quote', documentId: 'doc-harbour' }).map((r) => r.documentId), ['doc-harbour']);
      assert.deepEqual(store.queryRecords({ kind: 'figure' }).map((r) => r.recordId), ['f1']);
      assert.deepEqual(store.queryRecords({ kind: 'nothing-of-that-kind' }), []);
      assert.equal(store.queryRecords({ kind: 'quote', limit: 1 }).length, 1);
      assert.equal(store.queryRecords({}).length, 8);
    }));

    it('matches speakers and claimants without regard to case', withStore((store) => {
      store.save(input(protestAnalysis()));
      store.save(input(harbourAnalysis()));
      const expected = [['claim', 'c1'], ['figure', 'f1'], ['quote', 'q1']];
      for (const speaker of ['Ali Rezaei', 'ali rezaei', 'ALI REZAEI']) {
        const found = store.queryRecords({ speaker }).map((r) => [r.kind, r.recordId]).sort();
        assert.deepEqual(found, expected, speaker);
      }
      assert.deepEqual(store.queryRecords({ speaker: 'Ali' }), []);
      assert.deepEqual(store.queryRecords({ speaker: 'ali rezaei', kind: 'quote' }).map((r) => r.recordId), ['q1']);
      assert.deepEqual(store.queryRecords({ speaker: 'maria lópez' }).map((r) => r.documentId), ['doc-harbour']);
    }));

    it('finds records whose main span overlaps a half-open range', withStore((store) => {
      const analysis = protestAnalysis();
      store.save(input(analysis));
      store.save(input(harbourAnalysis()));
      const detained = spanOf(PROTEST_TEXT, 'detained');
      const overlapping = store
        .queryRecords({ documentId: 'doc-protest', overlaps: { start: detained.start, end: detained.end } })
        .map((r) => `${r.kind}:${r.recordId}`)
        .sort();
      // The quote content and the claim contain "detained"; the event is it; the figure ends before it.
      assert.deepEqual(overlapping, ['claim:c1', 'event:v1', 'quote:q1']);

      const figure = analysis.figures[0].span;
      const touchingEnd = store.queryRecords({ documentId: 'doc-protest', kind: 'figure', overlaps: { start: figure.end, end: figure.end + 5 } });
      assert.deepEqual(touchingEnd, [], 'a range that starts where a span ends does not overlap it');
      const lastCharacter = store.queryRecords({ documentId: 'doc-protest', kind: 'figure', overlaps: { start: figure.end - 1, end: figure.end } });
      assert.deepEqual(lastCharacter.map((r) => r.recordId), ['f1']);
      const harbour = store.queryRecords({ documentId: 'doc-harbour', overlaps: { start: 0, end: HARBOUR_TEXT.length } });
      assert.deepEqual(harbour.map((r) => r.documentId), ['doc-harbour']);
    }));

    it('searches title and text and returns a snippet', withStore((store) => {
      store.save(input(protestAnalysis()));
      store.save(input(harbourAnalysis()));
      const hits = store.searchText('detained');
      assert.deepEqual(hits.map((h) => [h.documentId, h.title]), [['doc-protest', 'Arrests after the protests']]);
      assert.match(hits[0].snippet, /detained/);
      assert.deepEqual(store.searchText('harbour').map((h) => [h.documentId, h.title]), [['doc-harbour', null]]);
      assert.deepEqual(store.searchText('arrests').map((h) => h.documentId), ['doc-protest'], 'title words are searched');
      assert.deepEqual(store.searchText('DETAINED reform').map((h) => h.documentId), ['doc-protest'], 'terms are ANDed, case-insensitive');
      assert.deepEqual(store.searchText('detained harbour'), []);
      assert.deepEqual(store.searchText('crack-down').map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual(store.searchText('lopez').map((h) => h.documentId), ['doc-harbour'], 'diacritics are ignored');
      assert.deepEqual(store.searchText('absent-word'), []);
      assert.equal(store.searchText('said').length, 2);
      assert.equal(store.searchText('said', { limit: 1 }).length, 1);
    }));

    it('survives hostile search queries', withStore((store) => {
      store.save(input(protestAnalysis()));
      for (const query of HOSTILE_QUERIES) {
        assert.doesNotThrow(() => store.searchText(query), `query ${JSON.stringify(query)}`);
        assert.ok(Array.isArray(store.searchText(query)));
      }
      assert.deepEqual(store.searchText('"detained').map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual(store.searchText('(reform)').map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual(store.searchText('reform-').map((h) => h.documentId), ['doc-protest']);
    }));

    it('deletes a document with its records and search entries', withStore((store) => {
      store.save(input(protestAnalysis()));
      store.save(input(harbourAnalysis()));
      assert.equal(store.deleteDocument('doc-protest'), true);
      assert.equal(store.getAnalysis('doc-protest'), null);
      assert.deepEqual(store.queryRecords({ documentId: 'doc-protest' }), []);
      assert.deepEqual(store.queryRecords({ speaker: 'Ali Rezaei' }), []);
      assert.deepEqual(store.searchText('detained'), []);
      assert.equal(store.findCached(hash(PROTEST_TEXT), CACHE_KEY), null);
      assert.deepEqual(store.listDocuments().map((d) => d.id), ['doc-harbour']);
      assert.equal(store.countDocuments(), 1);
      assert.equal(store.deleteDocument('doc-protest'), false);
      assert.deepEqual(store.searchText('harbour').map((h) => h.documentId), ['doc-harbour']);
      // The id can be used again.
      store.save(input(protestAnalysis()));
      assert.deepEqual(store.searchText('detained').map((h) => h.documentId), ['doc-protest']);
    }));

    it('keeps the stored document when a save fails on a value JSON cannot hold', withStore((store) => {
      store.save(input(protestAnalysis()));
      const before = snapshot(store, 'doc-protest');
      const broken = emptyAnalysis('doc-protest', 'Broken', HARBOUR_TEXT);
      broken.figures = [{ ...protestAnalysis().figures[0], value: 10n as unknown as number }];
      assert.throws(() => store.save(input(broken)));
      assert.deepEqual(snapshot(store, 'doc-protest'), before);
    }));

    it('keeps the stored document when a save fails half-way (duplicate record id)', withStore((store) => {
      store.save(input(protestAnalysis()));
      store.save(input(harbourAnalysis()));
      const before = snapshot(store, 'doc-protest');
      const broken = emptyAnalysis('doc-protest', 'Broken', HARBOUR_TEXT);
      const quote = harbourAnalysis().quotes[0];
      broken.quotes = [quote, { ...quote }];
      assert.throws(() => store.save(input(broken)));
      assert.deepEqual(snapshot(store, 'doc-protest'), before);
      assert.deepEqual(store.searchText('harbour').map((h) => h.documentId), ['doc-harbour']);
      assert.deepEqual(store.searchText('broken'), []);
      // The store is still usable after the failure.
      store.save(input(harbourAnalysis(), { analysedAt: '2024-07-01T00:00:00.000Z' }));
      assert.equal(store.countDocuments(), 2);
    }));
  });
}
