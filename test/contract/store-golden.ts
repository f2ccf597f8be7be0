/**
 * One fixed sequence of writes (documents, a replace, reviews, a withdrawn review) and the answers
 * the store gives to page-by-page reads of it, plus the rows each backend keeps for it. The fixture
 * `fixtures/store-golden.json` holds both as the stores wrote and answered them before their
 * backend-neutral code moved into `src/store/store-common.ts`: the stores must keep answering the
 * same and keep the same rows, and a database written then must read the same now.
 *
 * Compressed columns are compared decoded (the text inflated, the record set as its runs and
 * records), since their bytes depend on the zlib build as well as on claimtrace; the fixture keeps
 * them as base64 too, so that a database can be rebuilt from it exactly as it was written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Finding } from '../../src/core/finding.js';
import { decodeRecordSet } from '../../src/store/record-sets.js';
import type { DocumentSave, Store } from '../../src/store/store.js';
import { inflateText } from '../../src/store/text-codec.js';

const TEXTS = {
  bridge: 'The mayor said "the bridge reopens in May." Ali Rezaei said the crack-down would end. The mayor later resigned.',
  budget: 'Ali Rezaei said "more than 3,000 people were detained" on November 17. The mayor disagreed.',
  storm: 'A storm closed the bridge. Officials said repairs would take weeks.',
  bridge2: 'The mayor said "the bridge reopens in June." Ali Rezaei said the crack-down would end soon.',
};

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`golden: "${needle}" not in text`);
  return { start, end: start + needle.length, text: needle };
}

function quote(text: string, id: string, content: string, speaker: string): { finding: Finding; key: string } {
  const finding = {
    id,
    analysis: 'extract-quotes',
    kind: 'quote',
    span: span(text, content),
    data: { content: span(text, content), speaker: { name: speaker, span: span(text, speaker) } },
  } as unknown as Finding;
  return { finding, key: speaker };
}

function entity(text: string, id: string, name: string): { finding: Finding; key: null } {
  return { finding: { id, analysis: 'detect-entities', kind: 'entity', span: span(text, name), data: { name } } as unknown as Finding, key: null };
}

function save(id: string, text: string, title: string, records: DocumentSave['records'], at: string): DocumentSave {
  return {
    document: { id, title, url: `https://example.org/${id}`, publishedAt: '2024-03-04', format: 'text', contentHash: createHash('sha256').update(text).digest('hex'), source: `${id}.txt`, text },
    analysedAt: at,
    runs: [
      { analysis: 'extract-quotes', version: '3', cacheKey: `q-${id}`, status: 'ok', diagnostics: [], durationMs: 2 },
      { analysis: 'detect-entities', version: '5', cacheKey: `e-${id}`, status: 'ok', diagnostics: [{ severity: 'error', message: 'a test error', span: span(text, text.slice(0, 1)), analysis: 'detect-entities' }], durationMs: null },
    ],
    records,
  };
}

/** The writes: three documents, one of them replaced, six review actions (one withdrawal). */
export async function writeGolden(store: Store): Promise<void> {
  const t = TEXTS;
  await store.saveBatch([
    save('bridge', t.bridge, 'Bridge to reopen', [
      quote(t.bridge, 'q1', 'the bridge reopens in May.', 'The mayor'),
      quote(t.bridge, 'q2', 'the crack-down would end', 'Ali Rezaei'),
      entity(t.bridge, 'e1', 'Ali Rezaei'),
    ], '2024-03-05T00:00:00.000Z'),
    save('budget', t.budget, 'Detentions', [
      quote(t.budget, 'q1', 'more than 3,000 people were detained', 'Ali Rezaei'),
      entity(t.budget, 'e1', 'Ali Rezaei'),
      entity(t.budget, 'e2', 'The mayor'),
    ], '2024-03-05T00:00:01.000Z'),
    save('storm', t.storm, 'Storm', [entity(t.storm, 'e1', 'Officials')], '2024-03-05T00:00:02.000Z'),
  ]);
  await store.saveBatch([
    save('bridge', t.bridge2, 'Bridge to reopen later', [
      quote(t.bridge2, 'q1', 'the bridge reopens in June.', 'The mayor'),
      quote(t.bridge2, 'q2', 'the crack-down would end soon', 'Ali Rezaei'),
    ], '2024-03-06T00:00:00.000Z'),
  ]);
  const base = { documentId: 'bridge', targetKind: 'quote', target: 'q1', who: 'editor', anchor: span(t.bridge2, 'the bridge reopens in June.') };
  await store.putReview({ ...base, facet: 'status', action: 'accept', value: 'accepted', at: '2024-03-07T10:00:00.000Z' });
  await store.putReview({ ...base, facet: 'speaker', action: 'set-speaker', value: { name: 'Mayor Jane Doe', start: 0, end: 9 }, at: '2024-03-07T10:01:00.000Z' });
  await store.putReview({ ...base, facet: 'status', action: 'reject', value: 'rejected', at: '2024-03-07T10:02:00.000Z' });
  await store.putReview({ documentId: 'budget', targetKind: 'entity', target: 'e2', facet: 'entity', action: 'merge', value: ['e1', 2], anchor: null, who: 'local', at: '2024-03-07T10:03:00.000Z' });
  await store.putReview({ ...base, facet: 'status', action: 'clear', value: null, at: '2024-03-07T10:04:00.000Z' });
  await store.putReview({ documentId: 'storm', targetKind: 'entity', target: 'e1', facet: 'status', action: 'accept', value: true, anchor: null, who: 'local', at: '2024-03-07T10:05:00.000Z' });
  await store.putSetting('aliases', '{"The mayor":"Jane Doe"}');
}

async function allPages<T>(read: (after: string | undefined) => Promise<{ items: T[]; next: string | null }>): Promise<Array<{ items: T[]; next: string | null }>> {
  const pages: Array<{ items: T[]; next: string | null }> = [];
  let after: string | undefined;
  do {
    const page = await read(after);
    pages.push(page);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** What the store answers about the writes above, read page by page (cursors included, as they are opaque strings the caller keeps). */
export async function readGolden(store: Store): Promise<Record<string, unknown>> {
  return {
    documents: await allPages((after) => store.listDocuments({ limit: 2, after })),
    iteratedDocuments: (await collect(store.iterateDocuments({ pageSize: 1 }))).map((document) => document.id),
    records: await allPages((after) => store.queryRecords({ limit: 2, after })),
    recordsByKey: await allPages((after) => store.queryRecords({ key: 'ali REZAEI', limit: 1, after })),
    quotesOfBudget: await allPages((after) => store.queryRecords({ documentId: 'budget', kind: 'quote', after })),
    overlapping: await store.queryRecords({ documentId: 'bridge', overlaps: { start: 20, end: 60 }, analysis: 'extract-quotes' }),
    iteratedRecords: (await collect(store.iterateRecords({ kind: 'entity', pageSize: 1 }))).map((record) => [record.documentId, record.recordId]),
    runs: await store.getRuns('bridge'),
    findings: await store.getFindings('budget', { analyses: ['detect-entities'] }),
    reviews: await store.getReviews(),
    reviewsOfBridge: await store.getReviews({ documentId: 'bridge' }),
    audit: await allPages((after) => store.listAudit({ limit: 2, after })),
    auditOfBridge: await allPages((after) => store.listAudit({ documentId: 'bridge', limit: 3, after })),
    search: await store.searchText('mayor'),
    searchPhrase: await store.searchText('crack-down', { marks: { open: '<', close: '>' } }),
    byPrefix: (await store.findDocumentsByIdPrefix('B')).map((document) => document.id),
    byHash: await store.findByContentHash(createHash('sha256').update(TEXTS.storm).digest('hex')),
    count: await store.countDocuments(),
    setting: await store.getSetting('aliases'),
  };
}

export type Rows = Record<string, Array<Record<string, unknown>>>;

/** A column as JSON can hold it: buffers as base64. */
export function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) out[name] = Buffer.isBuffer(value) ? value.toString('base64') : value;
  return out;
}

/** The rows with their compressed columns decoded, for comparing across zlib builds. */
export function decoded(rows: Rows): Rows {
  const out: Rows = {};
  for (const [table, list] of Object.entries(rows)) {
    out[table] = list.map((row) => {
      const copy = { ...row };
      if (typeof copy.text_z === 'string') copy.text_z = inflateText(Buffer.from(copy.text_z, 'base64'));
      if (table === 'record_sets' && typeof copy.data === 'string') copy.data = decodeRecordSet(Buffer.from(copy.data, 'base64'));
      return copy;
    });
  }
  return out;
}

/** The tables the writes above touch, in a fixed order. */
export const GOLDEN_TABLES: Record<string, string> = {
  documents: 'doc',
  record_sets: 'doc',
  record_keys: 'key, doc',
  settings: 'name',
  reviews: 'document_id, target_kind, target, facet',
  review_log: 'id',
};

/** The values of a fixture row as a database takes them: the compressed columns back to bytes. */
export function rowValues(row: Record<string, unknown>): { names: string[]; values: unknown[] } {
  const names = Object.keys(row);
  const values = names.map((name) => ((name === 'text_z' || name === 'data') && typeof row[name] === 'string' ? Buffer.from(row[name] as string, 'base64') : row[name]));
  return { names, values };
}

/** A store opened on the fixture's rows answers as the store that wrote them did, and goes on numbering its audit log. */
export async function checkWrittenBefore(store: Store, answers: Record<string, unknown>): Promise<void> {
  try {
    assert.deepEqual(JSON.parse(JSON.stringify(await readGolden(store))), answers);
    assert.deepEqual(await store.checkIntegrity(), ['ok']);
    const entry = await store.putReview({
      documentId: 'storm', targetKind: 'entity', target: 'e1', facet: 'status', action: 'clear', value: null, anchor: null, who: 'local', at: '2024-03-08T00:00:00.000Z',
    });
    assert.equal(entry.id, 7);
    assert.equal(entry.before, true);
  } finally {
    await store.close();
  }
}

/** A new store given the writes answers as the fixture says (then closes). */
export async function checkFresh(store: Store, answers: Record<string, unknown>): Promise<void> {
  try {
    await writeGolden(store);
    assert.deepEqual(JSON.parse(JSON.stringify(await readGolden(store))), answers);
  } finally {
    await store.close();
  }
}
