/**
 * The storage contract: one async suite every Store backend must pass (SQLite today, PostgreSQL
 * later). Call `runStoreContract(name, createStore)` from a `*.test.ts` file; `createStore` must
 * resolve to a new, empty store each time it is called. Only the Store interface is used here.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Diagnostic, Finding } from '../../src/core/finding.js';
import type { Span } from '../../src/core/span.js';
import type { PreparedSave } from '../../src/store/prepare-save.js';
import type { DocumentSave, RecordInput, RunRecord, Store, StoredRecord } from '../../src/store/store.js';

// ---------------------------------------------------------------------------------------------
// Test data, built by small helpers.

/** The span of the `occurrence`-th `needle` in `text`, so that `text.slice(start, end) === needle`. */
function spanOf(text: string, needle: string, occurrence = 1): Span {
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

/** A finding; the kinds and data shapes are the suite's own, since the store keeps any. */
function finding(
  kind: string,
  id: string,
  analysis: string,
  span: Span,
  data: Record<string, unknown>,
  extra: { basis?: 'stated' | 'inferred'; reason?: string; evidence?: string[] } = {},
): Finding {
  return { id, analysis, kind, span, data, ...extra } as unknown as Finding;
}

function run(analysis: string, options: Partial<Omit<RunRecord, 'analysis'>> = {}): RunRecord {
  return { analysis, version: '1.0.0', cacheKey: `${analysis}-key`, status: 'ok', diagnostics: [], durationMs: 1.5, ...options };
}

function diagnostic(analysis: string, severity: Diagnostic['severity'], message: string, span: Span | null = null): Diagnostic {
  return { severity, message, span, analysis };
}

interface DocumentOptions {
  title?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  source?: string | null;
  analysedAt?: string;
  runs?: RunRecord[];
  records?: RecordInput[];
}

function documentSave(id: string, text: string, options: DocumentOptions = {}): DocumentSave {
  return {
    document: {
      id,
      title: options.title === undefined ? null : options.title,
      url: options.url ?? null,
      publishedAt: options.publishedAt ?? null,
      format: 'text',
      contentHash: hash(text),
      source: options.source === undefined ? `articles/${id}.txt` : options.source,
      text,
    },
    analysedAt: options.analysedAt ?? '2024-05-01T10:00:00.000Z',
    runs: options.runs ?? [],
    records: options.records ?? [],
  };
}

const PROTEST_TEXT =
  'Ali Rezaei said "more than 3,000 people were detained" on November 17. ' +
  'The so-called reform was a crack-down, critics argued. Rezaei later resigned.';

/** Findings of several kinds with nested spans, two runs, one error and one warning. */
function protestSave(options: DocumentOptions = {}): DocumentSave {
  const text = PROTEST_TEXT;
  const name = spanOf(text, 'Ali Rezaei');
  const content = spanOf(text, 'more than 3,000 people were detained');
  const records: RecordInput[] = [
    {
      finding: finding('entity', 'e1', 'resolve-aliases', name, {
        type: 'person', name: 'Ali Rezaei', aliases: ['Rezaei'], mentions: [name, spanOf(text, 'Rezaei', 2)],
      }),
      key: null,
    },
    {
      finding: finding('quote', 'q1', 'extract-quotes', content, {
        type: 'direct', content, contents: [content],
        cue: { span: spanOf(text, 'said'), lemma: 'say', stance: 'neutral' },
        speaker: { entityId: 'e1', name: 'Ali Rezaei', mention: name, basis: 'stated' },
        date: { value: '2019-11-17', mention: spanOf(text, 'November 17'), basis: 'inferred' },
      }, { basis: 'stated', reason: 'quote-rules/said-before', evidence: ['e1'] }),
      key: 'Ali Rezaei',
    },
    {
      finding: finding('figure', 'f1', 'extract-figures', spanOf(text, 'more than 3,000'), {
        value: 3000, min: 3000, max: null, approx: 'more-than', counting: { span: spanOf(text, 'people') },
        claimant: { entityId: 'e1', name: 'Ali Rezaei', basis: 'inferred' }, quoteId: 'q1',
      }),
      key: 'Ali Rezaei',
    },
    {
      finding: finding('framing-mark', 'm1', 'detect-framing', spanOf(text, 'so-called'), {
        category: 'scare-quote', voice: 'author', note: 'distances the writer from the label',
      }, { reason: 'framing-lexicon/so-called' }),
      key: null,
    },
    {
      finding: finding('event', 'v1', 'extract-events', spanOf(text, 'detained'), {
        type: 'arrest', actors: [], date: null, place: null,
      }),
      key: null,
    },
  ];
  return documentSave('doc-protest', text, {
    title: 'Arrests after the protests',
    url: 'https://example.org/protests',
    publishedAt: '2019-11-20',
    runs: [
      run('resolve-aliases'),
      run('extract-quotes', { diagnostics: [diagnostic('extract-quotes', 'warning', 'Unbalanced quotation mark', spanOf(text, '"'))] }),
      run('extract-figures'),
      run('link-entities', { status: 'failed', durationMs: null, diagnostics: [diagnostic('link-entities', 'error', 'Entity linker crashed')] }),
      run('detect-framing'),
      run('extract-events', { status: 'skipped' }),
    ],
    records,
    ...options,
  });
}

const HARBOUR_TEXT = 'Maria López told reporters the harbour had reopened. "We are relieved," she said.';

function harbourSave(options: DocumentOptions = {}): DocumentSave {
  const text = HARBOUR_TEXT;
  const content = spanOf(text, 'We are relieved,');
  return documentSave('doc-harbour', text, {
    title: null,
    source: null,
    runs: [run('extract-quotes')],
    records: [
      {
        finding: finding('quote', 'q1', 'extract-quotes', content, {
          type: 'direct', content, cue: { span: spanOf(text, 'said'), lemma: 'say', stance: 'neutral' },
          speaker: { entityId: null, name: 'Maria López', mention: spanOf(text, 'she'), basis: 'inferred' },
        }),
        key: 'Maria López',
      },
    ],
    ...options,
  });
}

/** `count` small documents, each with `perDocument` findings at distinct and equal positions. */
function manySaves(count: number, perDocument: number, prefix = 'doc'): DocumentSave[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${String(i).padStart(3, '0')}`;
    const text = `Report ${i}: the minister said the plan ${i} was ready and the mayor agreed.`;
    const records: RecordInput[] = [];
    for (let j = 0; j < perDocument; j++) {
      // Two findings share each span, so pages must also break ties on kind and id.
      const span = spanOf(text, j % 2 === 0 ? 'minister' : 'mayor');
      records.push({ finding: finding(j % 3 === 0 ? 'quote' : 'entity', `r${j}`, 'many', span, { j }), key: j % 2 === 0 ? 'The Minister' : null });
    }
    return documentSave(id, text, { runs: [run('many')], records, analysedAt: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z` });
  });
}

/** Deep equality and the same key order everywhere. */
function assertSame(actual: unknown, expected: unknown, message?: string): void {
  assert.deepStrictEqual(actual, expected, message);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), message ?? 'same key order');
}

function recordLabel(record: StoredRecord): string {
  return `${record.documentId}/${record.kind}:${record.recordId}`;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const HOSTILE_QUERIES = [
  '"unbalanced', 'a-b OR (', '"', '""', '(', ')', '*', 'NEAR(', 'AND', 'OR', 'NOT', 'title:', 'text:detained',
  '^reform', 'detained*', "it's", '{title text}: x', '\u0000', '   ', '',
];

// ---------------------------------------------------------------------------------------------

export function runStoreContract(name: string, createStore: () => Promise<Store>): void {
  /** Runs `body` against a fresh store and always closes it. */
  function withStore(body: (store: Store) => Promise<void>): () => Promise<void> {
    return async () => {
      const store = await createStore();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    };
  }

  /** Everything a reader can see, to compare before and after a failed write. */
  async function snapshot(store: Store) {
    const documents = await collect(store.iterateDocuments());
    const perDocument = [];
    for (const summary of documents) {
      perDocument.push({
        document: await store.getDocument(summary.id),
        runs: await store.getRuns(summary.id),
        findings: await store.getFindings(summary.id),
      });
    }
    return {
      documents,
      perDocument,
      records: await collect(store.iterateRecords({})),
      count: await store.countDocuments(),
      search: await store.searchText('said'),
    };
  }

  describe(`Store contract: ${name}`, () => {
    it('starts empty', withStore(async (store) => {
      assert.equal(await store.countDocuments(), 0);
      assert.deepEqual(await store.listDocuments(), { items: [], next: null });
      assert.deepEqual(await store.queryRecords({}), { items: [], next: null });
      assert.deepEqual(await collect(store.iterateDocuments()), []);
      assert.deepEqual(await collect(store.iterateRecords({})), []);
      assert.deepEqual(await store.searchText('detained'), []);
      assert.equal(await store.getDocument('doc-missing'), null);
      assert.deepEqual(await store.getRuns('doc-missing'), []);
      assert.deepEqual(await store.getFindings('doc-missing'), []);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT)), []);
      assert.equal(await store.deleteDocument('doc-missing'), false);
      await store.saveBatch([]);
      assert.equal(await store.countDocuments(), 0);
    }));

    it('returns the document, its runs and its findings as saved', withStore(async (store) => {
      const save = protestSave();
      await store.saveBatch([save]);
      assertSame(await store.getDocument('doc-protest'), {
        id: 'doc-protest',
        title: 'Arrests after the protests',
        url: 'https://example.org/protests',
        publishedAt: '2019-11-20',
        format: 'text',
        contentHash: hash(PROTEST_TEXT),
        length: PROTEST_TEXT.length,
        source: 'articles/doc-protest.txt',
        analysedAt: '2024-05-01T10:00:00.000Z',
        text: PROTEST_TEXT,
      });
      assertSame(await store.getRuns('doc-protest'), protestSave().runs);
      assertSame(await store.getFindings('doc-protest'), protestSave().records.map((r) => r.finding));
      assert.equal(await store.countDocuments(), 1);
    }));

    it('restores every nested span from the stored text and keeps other values as given', withStore(async (store) => {
      const text = 'Ünïcödé 😀 text: "quoted words" and a tail.';
      const quoted = spanOf(text, 'quoted words');
      const emoji = spanOf(text, '😀');
      const findings: Finding[] = [
        finding('quote', 'q1', 'a', quoted, {
          nested: { deeper: [{ span: emoji }, [spanOf(text, 'tail')]] },
          empty: { start: 0, end: 0, text: '' },
          // Looks like a span but does not match the text: kept as given.
          wrongText: { start: 0, end: 3, text: 'xyz' },
          // A span with its keys in another order is a plain object to the store.
          otherOrder: { text: 'quoted words', start: quoted.start, end: quoted.end },
          extraKey: { start: quoted.start, end: quoted.end, text: 'quoted words', note: 1 },
          // Objects shaped like the store's own markers.
          marker: { $span: [0, 3] },
          literal: { $lit: { $span: [1, 2] } },
          values: [null, true, false, 0, -1.25, 1e21, '', 'ß'],
        }),
        // A finding whose own span does not match the text, and keys in an unusual order.
        { kind: 'note', span: { start: 1, end: 4, text: 'abc' }, id: 'n1', data: {}, analysis: 'a' } as unknown as Finding,
        // Optional properties left out.
        finding('entity', 'e1', 'b', spanOf(text, 'text'), { name: 'x' }),
        finding('entity', 'e2', 'b', { start: 0, end: 0, text: '' }, {}, { basis: 'inferred', evidence: [] }),
      ];
      await store.saveBatch([documentSave('unicode', text, { records: findings.map((f) => ({ finding: f, key: null })) })]);
      assertSame(await store.getFindings('unicode'), findings);
      assertSame(await store.getFindings('unicode', { analyses: ['b'] }), findings.slice(2));
      assertSame(await store.getFindings('unicode', { analyses: [] }), []);
      const stored = await store.queryRecords({ documentId: 'unicode', kind: 'note' });
      assert.deepEqual(stored.items.map((r) => [r.start, r.end]), [[1, 4]], 'the finding span gives start and end');
      assertSame(stored.items[0]!.finding, findings[1]);
    }));

    it('keeps findings in saved order, not span order', withStore(async (store) => {
      const text = 'alpha beta gamma';
      const findings = [
        finding('k', 'z', 'a', spanOf(text, 'gamma'), {}),
        finding('k', 'a', 'a', spanOf(text, 'alpha'), {}),
        finding('j', 'm', 'b', spanOf(text, 'beta'), {}),
      ];
      await store.saveBatch([documentSave('order', text, { records: findings.map((f) => ({ finding: f, key: null })) })]);
      assert.deepEqual((await store.getFindings('order')).map((f) => f.id), ['z', 'a', 'm']);
      assert.deepEqual((await store.queryRecords({ documentId: 'order' })).items.map((r) => r.recordId), ['a', 'm', 'z']);
    }));

    it('replaces a document saved again, keeping its place in save order', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      const replacement = harbourSave();
      replacement.document.id = 'doc-protest';
      replacement.document.title = 'Harbour news';
      replacement.analysedAt = '2024-06-01T00:00:00.000Z';
      replacement.runs = [run('extract-quotes', { cacheKey: 'changed' })];
      await store.saveBatch([replacement]);

      assert.equal(await store.countDocuments(), 2);
      const list = await store.listDocuments();
      assert.deepEqual(list.items.map((d) => d.id), ['doc-protest', 'doc-harbour'], 'a replaced document keeps its place');
      assert.equal(list.items[0]!.title, 'Harbour news');
      assert.equal(list.items[0]!.errorCount, 0);
      assert.deepEqual(list.items[0]!.recordCounts, { quote: 1 });
      assert.equal(list.items[0]!.analysedAt, '2024-06-01T00:00:00.000Z');
      assert.equal((await store.getDocument('doc-protest'))!.text, HARBOUR_TEXT);
      assertSame(await store.getRuns('doc-protest'), replacement.runs);
      assertSame(await store.getFindings('doc-protest'), replacement.records.map((r) => r.finding));
      const records = await store.queryRecords({ documentId: 'doc-protest' });
      assert.deepEqual(records.items.map((r) => `${r.kind}:${r.recordId}:${r.key}`), ['quote:q1:Maria López']);
      assert.deepEqual(await store.queryRecords({ key: 'Ali Rezaei' }), { items: [], next: null });
      assert.deepEqual(await store.searchText('detained'), []);
      assert.deepEqual((await store.searchText('harbour')).map((hit) => hit.documentId), ['doc-protest', 'doc-harbour']);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT)), []);
      // The other document is untouched.
      assertSame(await store.getFindings('doc-harbour'), harbourSave().records.map((r) => r.finding));
    }));

    it('saves the same id twice in one batch as a replace', withStore(async (store) => {
      const second = protestSave({ title: 'Second title' });
      await store.saveBatch([protestSave(), harbourSave(), second]);
      assert.equal(await store.countDocuments(), 2);
      assert.equal((await store.getDocument('doc-protest'))!.title, 'Second title');
      assert.deepEqual((await store.listDocuments()).items.map((d) => d.id), ['doc-protest', 'doc-harbour']);
      assert.deepEqual((await store.searchText('second')).map((hit) => hit.documentId), ['doc-protest']);
      assert.deepEqual(await store.searchText('arrests'), []);
    }));

    it('counts records by kind and error diagnostics across runs', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave(), documentSave('doc-empty', 'Nothing happened.', { title: 'Empty' })]);
      const items = (await store.listDocuments()).items;
      assert.deepEqual(items.map((d) => d.id), ['doc-protest', 'doc-harbour', 'doc-empty']);
      assertSame(items[0], {
        id: 'doc-protest',
        title: 'Arrests after the protests',
        url: 'https://example.org/protests',
        publishedAt: '2019-11-20',
        format: 'text',
        contentHash: hash(PROTEST_TEXT),
        length: PROTEST_TEXT.length,
        source: 'articles/doc-protest.txt',
        analysedAt: '2024-05-01T10:00:00.000Z',
        recordCounts: { entity: 1, event: 1, figure: 1, 'framing-mark': 1, quote: 1 },
        errorCount: 1,
      });
      assert.deepEqual(items[1]!.recordCounts, { quote: 1 });
      assert.equal(items[1]!.errorCount, 0);
      assert.equal(items[1]!.source, null);
      assert.equal(items[1]!.title, null);
      assert.deepEqual(items[2]!.recordCounts, {});
      const twoErrors = protestSave();
      twoErrors.runs[0] = run('resolve-aliases', { status: 'failed', diagnostics: [diagnostic('resolve-aliases', 'error', 'a'), diagnostic('resolve-aliases', 'info', 'b')] });
      await store.saveBatch([twoErrors]);
      assert.equal((await store.listDocuments({ limit: 1 })).items[0]!.errorCount, 2);
    }));

    it('stores nothing of a batch with one invalid save', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      const before = await snapshot(store);
      const bigint = harbourSave();
      bigint.document.id = 'doc-new';
      bigint.records[0] = { finding: finding('figure', 'f9', 'x', spanOf(HARBOUR_TEXT, 'harbour'), { value: 10n }), key: null };
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      const cyclic = documentSave('doc-cyclic', 'Cyclic.', { records: [{ finding: finding('x', 'x1', 'x', { start: 0, end: 1, text: 'C' }, cycle), key: null }] });
      const noId = documentSave('', 'No id.');
      const duplicate = documentSave('doc-dup', 'Duplicate ids.', {
        records: [0, 1].map(() => ({ finding: finding('x', 'same', 'x', { start: 0, end: 1, text: 'D' }, {}), key: null })),
      });
      const badSpan = documentSave('doc-span', 'Bad span.', { records: [{ finding: finding('x', 'x1', 'x', { start: 3, end: 1, text: '' }, {}), key: null }] });
      const nan = documentSave('doc-nan', 'Not a number.', { runs: [run('x', { durationMs: Number.NaN })] });
      const twoRuns = documentSave('doc-runs', 'Two runs.', { runs: [run('x'), run('x')] });
      for (const [label, invalid] of [['BigInt', bigint], ['cycle', cyclic], ['missing id', noId], ['duplicate record', duplicate], ['bad span', badSpan], ['NaN', nan], ['duplicate run', twoRuns]] as const) {
        const replacing = protestSave({ title: 'Should not be stored' });
        const fresh = documentSave('doc-fresh', 'A fresh document that was said.');
        await assert.rejects(store.saveBatch([replacing, fresh, invalid]), Error, label);
        await assert.rejects(store.saveBatch([invalid, fresh]), Error, label);
        assert.deepEqual(await snapshot(store), before, label);
      }
      // The store is still usable after the failures.
      await store.saveBatch([documentSave('doc-fresh', 'Fresh.')]);
      assert.equal(await store.countDocuments(), 3);
    }));

    it('deletes a document with its runs, records and search entry', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      assert.equal(await store.deleteDocument('doc-protest'), true);
      assert.equal(await store.getDocument('doc-protest'), null);
      assert.deepEqual(await store.getRuns('doc-protest'), []);
      assert.deepEqual(await store.getFindings('doc-protest'), []);
      assert.deepEqual(await store.queryRecords({ documentId: 'doc-protest' }), { items: [], next: null });
      assert.deepEqual(await store.queryRecords({ key: 'Ali Rezaei' }), { items: [], next: null });
      assert.deepEqual(await store.searchText('detained'), []);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT)), []);
      assert.deepEqual((await store.listDocuments()).items.map((d) => d.id), ['doc-harbour']);
      assert.equal(await store.countDocuments(), 1);
      assert.equal(await store.deleteDocument('doc-protest'), false);
      assert.deepEqual((await store.searchText('harbour')).map((h) => h.documentId), ['doc-harbour']);
      // The id can be used again; it comes after the documents saved before it.
      await store.saveBatch([protestSave()]);
      assert.deepEqual((await store.searchText('detained')).map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual((await store.listDocuments()).items.map((d) => d.id), ['doc-harbour', 'doc-protest']);
    }));

    it('finds documents by content hash, several with the same text in save order', withStore(async (store) => {
      const twin = protestSave();
      twin.document.id = 'doc-twin';
      await store.saveBatch([twin, harbourSave(), protestSave()]);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT)), ['doc-twin', 'doc-protest']);
      assert.deepEqual(await store.findByContentHash(hash(HARBOUR_TEXT)), ['doc-harbour']);
      assert.deepEqual(await store.findByContentHash(hash('other text')), []);
      await store.deleteDocument('doc-twin');
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT)), ['doc-protest']);
    }));

    it('finds only the first documents with a text when given a limit, and refuses a limit that is not a count', withStore(async (store) => {
      const twin = protestSave();
      twin.document.id = 'doc-twin';
      await store.saveBatch([twin, harbourSave(), protestSave()]);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT), { limit: 1 }), ['doc-twin']);
      assert.deepEqual(await store.findByContentHash(hash(PROTEST_TEXT), { limit: 5 }), ['doc-twin', 'doc-protest']);
      await assert.rejects(store.findByContentHash(hash(PROTEST_TEXT), { limit: 0 }), /limit must be a positive integer/);
    }));

    it('saves a copy of a stored record set for another document of the same text, its keys read from the set', withStore(async (store) => {
      if (!store.getStoredSet) return;
      await store.saveBatch([protestSave()]);
      const set = await store.getStoredSet('doc-protest');
      assert.ok(set);
      const [summary] = (await store.listDocuments()).items;
      assert.equal(set.errorCount, summary!.errorCount);
      assert.deepEqual(JSON.parse(set.recordCounts!), summary!.recordCounts);
      const source = protestSave().document;
      const copy: PreparedSave = {
        prepared: true,
        document: { ...source, id: 'doc-copy', title: 'The same story, syndicated', url: null, length: source.text.length },
        analysedAt: '2024-06-01T09:00:00.000Z',
        textZ: set.textZ,
        recordCounts: set.recordCounts!,
        errorCount: set.errorCount!,
        data: set.data,
        keys: null,
      };
      await store.saveBatch([copy]);
      assert.deepEqual(await store.getFindings('doc-copy'), await store.getFindings('doc-protest'));
      assert.deepEqual(await store.getRuns('doc-copy'), await store.getRuns('doc-protest'));
      const copied = await store.getDocument('doc-copy');
      assert.equal(copied?.text, PROTEST_TEXT);
      assert.equal(copied?.title, 'The same story, syndicated');
      // The record keys were read from the copied set: both documents are found by the speaker's name.
      const byKey = (await store.queryRecords({ key: 'Ali Rezaei' })).items.map((record) => record.documentId);
      assert.deepEqual([...new Set(byKey)], ['doc-protest', 'doc-copy']);
      assert.deepEqual((await store.searchText('syndicated')).map((hit) => hit.documentId), ['doc-copy']);
      // Replacing the copy removes its keys as it removes those of any document.
      await store.saveBatch([documentSave('doc-copy', 'Another text entirely.')]);
      const after = (await store.queryRecords({ key: 'Ali Rezaei' })).items.map((record) => record.documentId);
      assert.deepEqual([...new Set(after)], ['doc-protest']);
    }));

    it('refuses a copied save whose bytes are not a record set, and stores nothing of its batch', withStore(async (store) => {
      if (!store.getStoredSet) return;
      await store.saveBatch([protestSave()]);
      const set = (await store.getStoredSet('doc-protest'))!;
      const source = protestSave().document;
      const bad: PreparedSave = {
        prepared: true,
        document: { ...source, id: 'doc-bad', length: source.text.length },
        analysedAt: '2024-06-01T09:00:00.000Z',
        textZ: set.textZ,
        recordCounts: '{}',
        errorCount: 0,
        data: new Uint8Array([1, 2, 3]),
        keys: null,
      };
      await assert.rejects(store.saveBatch([harbourSave(), bad]), /doc-bad.*not a record set/);
      assert.equal(await store.getDocument('doc-harbour'), null);
    }));

    it('pages through documents in save order, each exactly once', withStore(async (store) => {
      const saves = manySaves(23, 1);
      // Saved out of id order and over several batches: save order is what counts.
      const order = [...saves].reverse();
      await store.saveBatch(order.slice(0, 10));
      await store.saveBatch(order.slice(10));
      const expected = order.map((save) => save.document.id);
      for (const limit of [1, 5, 7, 22, 23, 24, 100]) {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await store.listDocuments({ limit, after });
          assert.ok(page.items.length <= limit);
          seen.push(...page.items.map((d) => d.id));
          assert.equal(typeof (page.next ?? ''), 'string');
          after = page.next ?? undefined;
          pages += 1;
          assert.ok(pages <= 30, 'pages end');
        } while (after !== undefined);
        assert.deepEqual(seen, expected, `limit ${limit}`);
        assert.equal(pages, Math.max(1, Math.ceil(23 / limit)), `limit ${limit}: no empty last page`);
      }
      assert.deepEqual((await collect(store.iterateDocuments({ pageSize: 4 }))).map((d) => d.id), expected);
      assert.deepEqual((await collect(store.iterateDocuments())).map((d) => d.id), expected);
      await assert.rejects(store.listDocuments({ after: 'not a cursor' }));
      await assert.rejects(store.listDocuments({ limit: 0 }));
    }));

    it('keeps a page cursor valid while documents are added, replaced and deleted', withStore(async (store) => {
      const saves = manySaves(10, 1);
      await store.saveBatch(saves);
      const first = await store.listDocuments({ limit: 4 });
      assert.deepEqual(first.items.map((d) => d.id), ['doc-000', 'doc-001', 'doc-002', 'doc-003']);
      await store.saveBatch([saves[1]!, saves[6]!, documentSave('doc-late', 'Saved late.')]);
      await store.deleteDocument('doc-003');
      await store.deleteDocument('doc-004');
      const rest = await collect((async function* () {
        let after = first.next ?? undefined;
        while (after !== undefined) {
          const page = await store.listDocuments({ limit: 2, after });
          yield* page.items;
          after = page.next ?? undefined;
        }
      })());
      assert.deepEqual(rest.map((d) => d.id), ['doc-005', 'doc-006', 'doc-007', 'doc-008', 'doc-009', 'doc-late']);
    }));

    it('pages through records in document, start, end, kind, id order, each exactly once', withStore(async (store) => {
      const saves = manySaves(6, 5);
      await store.saveBatch(saves.slice(3));
      await store.saveBatch(saves.slice(0, 3));
      const all = await collect(store.iterateRecords({ pageSize: 1000 }));
      assert.equal(all.length, 30);
      // Documents in save order; inside one, by start, end, kind, id.
      const docOrder = [...saves.slice(3), ...saves.slice(0, 3)].map((s) => s.document.id);
      const sorted = [...all].sort(
        (a, b) =>
          docOrder.indexOf(a.documentId) - docOrder.indexOf(b.documentId) ||
          a.start - b.start || a.end - b.end ||
          (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
          (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
      );
      assert.deepEqual(all.map(recordLabel), sorted.map(recordLabel));
      for (const limit of [1, 3, 4, 29, 30, 31]) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.queryRecords({ limit, after });
          assert.ok(page.items.length <= limit);
          seen.push(...page.items.map(recordLabel));
          after = page.next ?? undefined;
        } while (after !== undefined);
        assert.deepEqual(seen, all.map(recordLabel), `limit ${limit}`);
      }
      // Filters and pages together.
      const quotes = await collect(store.iterateRecords({ kind: 'quote', pageSize: 2 }));
      assert.deepEqual(quotes.map(recordLabel), all.filter((r) => r.kind === 'quote').map(recordLabel));
      const keyed = await collect(store.iterateRecords({ key: 'the minister', pageSize: 4 }));
      assert.deepEqual(keyed.map(recordLabel), all.filter((r) => r.key === 'The Minister').map(recordLabel));
      const oneDocument = await collect(store.iterateRecords({ documentId: 'doc-004', pageSize: 2 }));
      assert.deepEqual(oneDocument.map(recordLabel), all.filter((r) => r.documentId === 'doc-004').map(recordLabel));
      assertSame(oneDocument.map((r) => r.finding).sort((a, b) => (a.id < b.id ? -1 : 1)), saves[4]!.records.map((r) => r.finding));
      await assert.rejects(store.queryRecords({ after: 'bm90IGEgY3Vyc29y' }));
      await assert.rejects(store.queryRecords({ limit: -1 }));
    }));

    it('filters records by document, kind, analysis and key, without regard to the key\'s case', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      const labels = async (query: Parameters<Store['queryRecords']>[0]) => (await store.queryRecords(query)).items.map(recordLabel);
      assert.deepEqual(await labels({ documentId: 'doc-protest', kind: 'quote' }), ['doc-protest/quote:q1']);
      assert.deepEqual(await labels({ kind: 'quote' }), ['doc-protest/quote:q1', 'doc-harbour/quote:q1']);
      assert.deepEqual(await labels({ analysis: 'extract-figures' }), ['doc-protest/figure:f1']);
      assert.deepEqual(await labels({ kind: 'nothing-of-that-kind' }), []);
      assert.deepEqual(await labels({ documentId: 'doc-missing' }), []);
      for (const key of ['Ali Rezaei', 'ali rezaei', 'ALI REZAEI']) {
        assert.deepEqual((await labels({ key })).sort(), ['doc-protest/figure:f1', 'doc-protest/quote:q1'], key);
      }
      assert.deepEqual(await labels({ key: 'Ali' }), []);
      assert.deepEqual(await labels({ key: 'ali rezaei', kind: 'quote' }), ['doc-protest/quote:q1']);
      assert.deepEqual(await labels({ key: 'maria lópez' }), ['doc-harbour/quote:q1']);
      const [stored] = (await store.queryRecords({ key: 'maria lópez' })).items;
      assertSame(stored, {
        documentId: 'doc-harbour',
        analysis: 'extract-quotes',
        kind: 'quote',
        recordId: 'q1',
        start: HARBOUR_TEXT.indexOf('We are relieved,'),
        end: HARBOUR_TEXT.indexOf('We are relieved,') + 'We are relieved,'.length,
        key: 'Maria López',
        finding: harbourSave().records[0]!.finding,
      });
    }));

    it('finds records whose span overlaps a half-open range', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      const detained = spanOf(PROTEST_TEXT, 'detained');
      const overlapping = (await store.queryRecords({ documentId: 'doc-protest', overlaps: { start: detained.start, end: detained.end } }))
        .items.map((r) => `${r.kind}:${r.recordId}`).sort();
      // The quote content contains "detained"; the event is it; the figure ends before it.
      assert.deepEqual(overlapping, ['event:v1', 'quote:q1']);
      const figure = spanOf(PROTEST_TEXT, 'more than 3,000');
      const touchingEnd = await store.queryRecords({ documentId: 'doc-protest', kind: 'figure', overlaps: { start: figure.end, end: figure.end + 5 } });
      assert.deepEqual(touchingEnd.items, [], 'a range that starts where a span ends does not overlap it');
      const lastCharacter = await store.queryRecords({ documentId: 'doc-protest', kind: 'figure', overlaps: { start: figure.end - 1, end: figure.end } });
      assert.deepEqual(lastCharacter.items.map((r) => r.recordId), ['f1']);
      const harbour = await store.queryRecords({ documentId: 'doc-harbour', overlaps: { start: 0, end: HARBOUR_TEXT.length } });
      assert.deepEqual(harbour.items.map((r) => r.documentId), ['doc-harbour']);
      await assert.rejects(store.queryRecords({ overlaps: { start: 0, end: 1 } }), /documentId/);
    }));

    it('searches title and text and returns a snippet', withStore(async (store) => {
      await store.saveBatch([protestSave(), harbourSave()]);
      const hits = await store.searchText('detained');
      assert.deepEqual(hits.map((h) => [h.documentId, h.title]), [['doc-protest', 'Arrests after the protests']]);
      assert.match(hits[0]!.snippet, /\[detained\]/);
      const ids = async (query: string, limit?: number) => (await store.searchText(query, { limit })).map((h) => h.documentId);
      assert.deepEqual((await store.searchText('harbour')).map((h) => [h.documentId, h.title]), [['doc-harbour', null]]);
      assert.deepEqual(await ids('arrests'), ['doc-protest'], 'title words are searched');
      assert.deepEqual(await ids('DETAINED reform'), ['doc-protest'], 'terms are ANDed, case-insensitive');
      assert.deepEqual(await ids('detained harbour'), []);
      assert.deepEqual(await ids('crack-down'), ['doc-protest']);
      // A term of several words is a phrase: its words in a row, in the title or the text.
      assert.deepEqual(await ids('was-a'), ['doc-protest']);
      assert.deepEqual(await ids('3,000'), ['doc-protest']);
      assert.deepEqual(await ids('CRACK–DOWN critics'), ['doc-protest']);
      assert.deepEqual(await ids('down-crack'), [], 'words in another order are not the phrase');
      assert.deepEqual(await ids('reform-crack'), [], 'words apart are not the phrase');
      assert.deepEqual(await ids('down crack'), ['doc-protest'], 'separate terms need not be adjacent');
      assert.deepEqual(await ids('after-the'), ['doc-protest'], 'phrases are found in the title');
      assert.deepEqual(await ids('protests-ali'), [], 'a phrase does not run from the title into the text');
      assert.deepEqual(await ids('maria-lopez'), ['doc-harbour']);
      assert.deepEqual(await ids('lopez'), ['doc-harbour'], 'diacritics are ignored');
      assert.deepEqual(await ids('absent-word'), []);
      assert.equal((await ids('said')).length, 2);
      assert.equal((await ids('said', 1)).length, 1);
      // A title match ranks above a text match.
      await store.saveBatch([documentSave('doc-title', 'Nothing about it here.', { title: 'Reopened' })]);
      assert.deepEqual(await ids('reopened'), ['doc-title', 'doc-harbour']);
    }));

    it('returns the source and date with each hit, and puts the marks asked for around matched words', withStore(async (store) => {
      await store.saveBatch([protestSave(), documentSave('doc-src', 'The ferry was [late] again.', { source: 'news/ferry.txt', publishedAt: '2024-03-04' })]);
      const [hit] = await store.searchText('ferry');
      assert.equal(hit!.source, 'news/ferry.txt');
      assert.equal(hit!.publishedAt, '2024-03-04');
      const [marked] = await store.searchText('late', { marks: { open: '\u0001', close: '\u0002' } });
      assert.match(marked!.snippet, /\[\u0001late\u0002\]/, 'brackets in the text stay text; only the marks are marks');
      await assert.rejects(store.searchText('late', { marks: { open: 1, close: 2 } as never }), /marks/);
    }));

    it('finds documents by a prefix of their id, without regard to case', withStore(async (store) => {
      await store.saveBatch([
        documentSave('ab12cd', 'One.'),
        documentSave('AB12EF', 'Two.'),
        documentSave('ff00', 'Three.', { title: 'Third' }),
      ]);
      const ids = async (prefix: string, limit?: number) =>
        (await store.findDocumentsByIdPrefix(prefix, limit === undefined ? {} : { limit })).map((d) => d.id);
      assert.deepEqual(await ids('ab12'), ['ab12cd', 'AB12EF'], 'in save order, either case');
      assert.deepEqual(await ids('Ab12C'), ['ab12cd']);
      assert.deepEqual(await ids('ab12', 1), ['ab12cd']);
      assert.deepEqual(await ids('ff00'), ['ff00'], 'a whole id is its own prefix');
      assert.deepEqual(await ids('zz'), []);
      assert.deepEqual(await ids(''), [], 'an empty prefix names nothing');
      const [summary] = await store.findDocumentsByIdPrefix('FF');
      assert.equal(summary!.title, 'Third');
      assert.ok('recordCounts' in summary! && 'errorCount' in summary!, 'a full document summary');
    }));

    it('survives hostile search queries', withStore(async (store) => {
      await store.saveBatch([protestSave()]);
      for (const query of HOSTILE_QUERIES) {
        const hits = await store.searchText(query);
        assert.ok(Array.isArray(hits), `query ${JSON.stringify(query)}`);
      }
      assert.deepEqual((await store.searchText('"detained')).map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual((await store.searchText('(reform)')).map((h) => h.documentId), ['doc-protest']);
      assert.deepEqual((await store.searchText('reform-')).map((h) => h.documentId), ['doc-protest']);
    }));

    it('keeps settings by name: set, replace, read, remove, independent of documents', withStore(async (store) => {
      assert.equal(await store.getSetting('aliases'), null);
      await store.putSetting('aliases', 'join: []\n');
      assert.equal(await store.getSetting('aliases'), 'join: []\n');
      await store.putSetting('aliases', 'apart:\n  - [A, B]\n');
      assert.equal(await store.getSetting('aliases'), 'apart:\n  - [A, B]\n');
      await store.saveBatch([protestSave()]);
      await store.deleteDocument('doc-protest');
      assert.equal(await store.getSetting('aliases'), 'apart:\n  - [A, B]\n');
      await store.putSetting('aliases', null);
      assert.equal(await store.getSetting('aliases'), null);
      assert.equal(await store.getSetting('other'), null);
    }));

    it('keeps review decisions per target and facet, with an audit line for each change', withStore(async (store) => {
      assert.deepEqual(await store.getReviews(), []);
      assert.deepEqual(await store.listAudit(), { items: [], next: null });
      const base = {
        documentId: 'doc-protest',
        targetKind: 'quote',
        target: 'q1',
        anchor: { start: 4, end: 20, text: 'sixteen letters!' },
        who: 'local',
      };
      const first = await store.putReview({ ...base, facet: 'status', action: 'accept', value: 'accepted', at: '2026-01-01T10:00:00.000Z' });
      assert.equal(first.before, null);
      assert.equal(first.after, 'accepted');
      const second = await store.putReview({ ...base, facet: 'status', action: 'reject', value: 'rejected', at: '2026-01-01T10:01:00.000Z' });
      assert.equal(second.before, 'accepted');
      assert.equal(second.after, 'rejected');
      assert.ok(second.id > first.id);
      await store.putReview({
        ...base,
        facet: 'speaker',
        action: 'set-speaker',
        value: { name: 'Maria López', entityId: null },
        at: '2026-01-01T10:02:00.000Z',
      });
      const reviews = await store.getReviews({ documentId: 'doc-protest' });
      assert.deepEqual(reviews.map((r) => [r.facet, r.value]), [
        ['speaker', { name: 'Maria López', entityId: null }],
        ['status', 'rejected'],
      ]);
      assert.deepEqual(reviews[1]!.anchor, base.anchor);
      assert.equal(reviews[1]!.at, '2026-01-01T10:01:00.000Z');
      assert.deepEqual(await store.getReviews({ documentId: 'doc-other' }), []);

      // Withdrawing a decision removes it from those in force and logs it.
      const cleared = await store.putReview({ ...base, facet: 'status', action: 'clear', value: null, at: '2026-01-01T10:03:00.000Z' });
      assert.equal(cleared.before, 'rejected');
      assert.equal(cleared.after, null);
      assert.deepEqual((await store.getReviews()).map((r) => r.facet), ['speaker']);

      // The audit log, newest first, in keyset pages.
      const page1 = await store.listAudit({ limit: 3 });
      assert.deepEqual(page1.items.map((e) => e.action), ['clear', 'set-speaker', 'reject']);
      assert.ok(page1.next);
      const page2 = await store.listAudit({ limit: 3, after: page1.next! });
      assert.deepEqual(page2.items.map((e) => e.action), ['accept']);
      assert.equal(page2.next, null);
      assert.equal((await store.listAudit({ documentId: 'doc-other' })).items.length, 0);
      await assert.rejects(() => store.listAudit({ after: 'not-a-cursor' }), RangeError);
    }));

    it('keeps reviews when their document is replaced or deleted', withStore(async (store) => {
      await store.saveBatch([protestSave()]);
      await store.putReview({
        documentId: 'doc-protest', targetKind: 'quote', target: 'q1', facet: 'status', action: 'accept',
        value: 'accepted', anchor: null, who: 'local', at: '2026-01-01T10:00:00.000Z',
      });
      await store.saveBatch([protestSave()]);
      assert.equal((await store.getReviews({ documentId: 'doc-protest' })).length, 1);
      await store.deleteDocument('doc-protest');
      assert.equal((await store.getReviews({ documentId: 'doc-protest' })).length, 1);
      assert.equal((await store.listAudit({ documentId: 'doc-protest' })).items.length, 1);
    }));

    it('refuses a malformed review before writing anything', withStore(async (store) => {
      const good = {
        documentId: 'd', targetKind: 'quote', target: 'q1', facet: 'status' as const, action: 'accept',
        value: 'accepted', anchor: null, who: 'local', at: '2026-01-01T10:00:00.000Z',
      };
      await assert.rejects(() => store.putReview({ ...good, documentId: '' }), /documentId/);
      await assert.rejects(() => store.putReview({ ...good, facet: 'colour' as never }), /facet/);
      await assert.rejects(() => store.putReview({ ...good, anchor: { start: 5, end: 2, text: '' } }), /anchor/);
      await assert.rejects(() => store.putReview({ ...good, value: 10n }), /JSON/);
      assert.deepEqual(await store.listAudit(), { items: [], next: null });
    }));

    it('keeps the corpus state: rows in document order, links in saved order, clusters replaced as a whole', withStore(async (store) => {
      assert.deepEqual(await collect(store.iterateCorpusDocuments()), []);
      assert.deepEqual(await collect(store.iterateCorpusLinks()), []);
      assert.deepEqual(await store.getCorpusClusters(), []);
      await store.saveBatch([documentSave('a', 'Alpha said this.'), documentSave('b', 'Beta said that.'), documentSave('c', 'Gamma.')]);
      const row = (id: string, representative = id) => ({ documentId: id, contentHash: `hash-${id}`, version: '1', representative, features: `{"id":"${id}"}` });
      const cluster = (id: string) => ({ id, kind: 'quote', independentSources: 2, documents: 3, data: `{"id":"${id}"}` });
      await store.saveCorpusUpdate({ documents: [row('b'), row('a')], links: [{ documentA: 'a', documentB: 'b', kind: 'origin', data: '{"n":1}' }], clusters: [cluster('k1')] });
      await store.saveCorpusUpdate({
        documents: [row('c', 'a'), { ...row('b'), version: '2' }],
        links: [{ documentA: 'c', documentB: 'a', kind: 'claim', data: '{"n":2}' }],
        clusters: [cluster('k2'), cluster('k1')],
      });
      assert.deepEqual(await collect(store.iterateCorpusDocuments({ pageSize: 1 })), [row('a'), { ...row('b'), version: '2' }, row('c', 'a')]);
      assert.deepEqual(await collect(store.iterateCorpusLinks({ pageSize: 1 })), [
        { documentA: 'a', documentB: 'b', kind: 'origin', data: '{"n":1}' },
        { documentA: 'c', documentB: 'a', kind: 'claim', data: '{"n":2}' },
      ]);
      assert.deepEqual((await store.getCorpusClusters()).map((c) => c.id), ['k2', 'k1']);
      await store.saveCorpusUpdate({ documents: [], links: [], clusters: null });
      assert.deepEqual((await store.getCorpusClusters()).map((c) => c.id), ['k2', 'k1']);
      assert.deepEqual(await store.getCorpusClusters().then((c) => c[0]), cluster('k2'));

      // An unknown document fails the whole update.
      await assert.rejects(store.saveCorpusUpdate({ documents: [row('a')], links: [{ documentA: 'a', documentB: 'nope', kind: 'claim', data: '{}' }], clusters: [] }), /no stored document "nope"/);
      assert.deepEqual((await store.getCorpusClusters()).map((c) => c.id), ['k2', 'k1']);
      await assert.rejects(store.saveCorpusUpdate({ documents: [], links: [{ documentA: 'a', documentB: 'b', kind: 'other' as 'claim', data: '{}' }], clusters: null }), /not origin or claim/);

      // Deleting a document takes its corpus row and links with it; the others stay.
      await store.deleteDocument('a');
      assert.deepEqual((await collect(store.iterateCorpusDocuments())).map((r) => r.documentId), ['b']);
      assert.deepEqual(await collect(store.iterateCorpusLinks()), []);
      await store.clearCorpus();
      assert.deepEqual(await collect(store.iterateCorpusDocuments()), []);
      assert.deepEqual(await store.getCorpusClusters(), []);
      assert.equal(await store.countDocuments(), 2);
    }));
  });
}
