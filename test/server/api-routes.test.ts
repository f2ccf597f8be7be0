// The HTTP API in-process (Hono's app.request, no port): every route declared in src/server/routes.ts
// is called here and its answer parsed with the route's response schema; then the safety rules.
import assert from 'node:assert/strict';
import { EXPORT_FORMATS } from '../../src/exports/index.js';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { routes } from '../../src/server/routes.js';
import { BODY_LIMIT, CONTENT_SECURITY_POLICY } from '../../src/server/app.js';
import { MAX_INGEST_FILES } from '../../src/server/schemas.js';
import { createClient } from '../../src/api/client.js';
import { seedStore, type Seeded } from './seed.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeInputs, openStore, type Store } from '../../src/engine/index.js';
import { crossSourceOutlets, writeCrossSourceJsonl } from '../cross-source/corpus-files.js';

let seeded: Seeded;
let app: Hono;
let webRoot: string;
const called = new Set<string>();

function routeOf(method: string, path: string): (typeof routes)[number] {
  const route = routes.find((r) => r.method === method && r.path === path);
  assert.ok(route, `no route ${method} ${path}`);
  return route;
}

/** Calls a route and checks the answer against the route's response schema. */
async function call(method: 'GET' | 'POST', pattern: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const route = routeOf(method, pattern);
  called.add(`${method} ${pattern}`);
  const response = await app.request(`http://localhost${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  assert.ok(response.status < 300, `${method} ${url}: HTTP ${response.status} ${text}`);
  const parsed = route.produces === 'csv' ? text : JSON.parse(text);
  const check = route.response.safeParse(parsed);
  assert.ok(check.success, `${method} ${url}: the answer does not match the schema: ${check.success ? '' : check.error.message}`);
  return { response, body: parsed };
}

async function raw(url: string, init: RequestInit = {}) {
  return app.request(`http://localhost${url}`, init);
}

before(async () => {
  seeded = await seedStore();
  webRoot = join(seeded.dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(seeded.dir, 'secret.txt'), 'not to be served');
  app = createApp({ store: seeded.store, webRoot, now: () => '2026-02-01T12:00:00.000Z' });
});
after(async () => seeded.cleanup());

describe('API routes', () => {
  it('GET /api/health and /api/routes', async () => {
    const health = await call('GET', '/api/health', '/api/health');
    assert.equal(health.body.documents, seeded.ids.all.length);
    const list = await call('GET', '/api/routes', '/api/routes');
    assert.equal(list.body.routes.length, routes.length);
  });

  it('GET /api/documents pages with keyset cursors and searches', async () => {
    const first = await call('GET', '/api/documents', '/api/documents?limit=3');
    assert.equal(first.body.items.length, 3);
    assert.ok(first.body.next);
    const second = await call('GET', '/api/documents', `/api/documents?limit=3&after=${encodeURIComponent(first.body.next)}`);
    assert.notDeepEqual(second.body.items[0].id, first.body.items[0].id);
    const search = await call('GET', '/api/documents', '/api/documents?q=prorogation');
    assert.ok(search.body.items.length >= 1);
    assert.match(search.body.items[0].snippet, /\[/);
    assert.ok(first.body.facets.outlet.length >= 0);
    const unsourced = await call('GET', '/api/documents', '/api/documents?unsourcedFigures=true');
    assert.equal(unsourced.body.total, first.body.facets.unsourcedFigures);
    const speaker = first.body.facets.speaker[0].value as string;
    const quoting = await call('GET', '/api/documents', `/api/documents?speaker=${encodeURIComponent(speaker)}`);
    assert.equal(quoting.body.items.length, first.body.facets.speaker[0].count);
    const dup = (await call('GET', '/api/documents', '/api/documents?limit=100')).body.items.find((d: { id: string }) => d.id === seeded.ids.duplicates[0]);
    assert.deepEqual(dup.sameTextAs, [seeded.ids.duplicates[1]]);
  });

  it('GET /api/documents/:id is the contract object with reviews', async () => {
    const id = seeded.ids.all[0]!;
    const { body } = await call('GET', '/api/documents/:id', `/api/documents/${id}`);
    assert.equal(body.document.id, id);
    for (const quote of body.quotes) assert.equal(body.document.text.slice(quote.content.start, quote.content.end), quote.content.text);
    assert.deepEqual(body.review, { decisions: 0, unanchored: [] });
    const missing = await raw('/api/documents/nope');
    assert.equal(missing.status, 404);
  });

  it('GET /api/records filters by kind, speaker, stance, voice and date, with facets and pages', async () => {
    const all = await call('GET', '/api/records', '/api/records?kind=quote&limit=1000');
    assert.ok(all.body.total > 0);
    assert.ok(all.body.items.every((r: { kind: string }) => r.kind === 'quote'));
    const speaker = all.body.facets.who[0].value as string;
    const bySpeaker = await call('GET', '/api/records', `/api/records?kind=quote&speaker=${encodeURIComponent(speaker.toUpperCase())}`);
    assert.equal(bySpeaker.body.total, all.body.facets.who[0].count);
    assert.ok(bySpeaker.body.items.every((r: { who: string }) => r.who.toLowerCase() === speaker.toLowerCase()));
    const page1 = await call('GET', '/api/records', '/api/records?kind=quote,figure&limit=5');
    const page2 = await call('GET', '/api/records', `/api/records?kind=quote,figure&limit=5&after=${page1.body.next}`);
    const ids1 = new Set(page1.body.items.map((r: { documentId: string; id: string }) => `${r.documentId}/${r.id}`));
    assert.ok(page2.body.items.every((r: { documentId: string; id: string }) => !ids1.has(`${r.documentId}/${r.id}`)));
    const neutral = await call('GET', '/api/records', '/api/records?kind=quote&stance=neutral');
    assert.ok(neutral.body.items.every((r: { stance: string }) => r.stance === 'neutral'));
    const author = await call('GET', '/api/records', '/api/records?kind=figure&voice=author');
    assert.ok(author.body.items.every((r: { voice: string }) => r.voice === 'author'));
    const dated = await call('GET', '/api/records', '/api/records?kind=date&from=2019&to=2019-12');
    assert.ok(dated.body.items.every((r: { date: string }) => r.date.startsWith('2019')));
    const worthy = await call('GET', '/api/records', '/api/records?minCheckWorthiness=0.5');
    assert.ok(worthy.body.items.every((r: { checkWorthiness: number | null }) => r.checkWorthiness !== null && r.checkWorthiness >= 0.5));
    const bad = await raw('/api/records?kind=bogus&limit=0');
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { details: string[] };
    assert.ok(body.details.some((d) => d.startsWith('kind:')));
    assert.equal((await raw('/api/records?after=garbage')).status, 400);
    assert.equal((await raw('/api/records?unknown=1')).status, 400);
  });

  it('GET /api/export/records.csv and /api/export/documents/:id', async () => {
    const csv = await call('GET', '/api/export/records.csv', '/api/export/records.csv?kind=quote');
    const lines = (csv.body as string).trim().split('\r\n');
    assert.match(lines[0]!, /^kind,documentId,/);
    assert.ok(lines.length > 1);
    assert.match(csv.response.headers.get('content-disposition') ?? '', /attachment/);
    const json = await call('GET', '/api/export/documents/:id', `/api/export/documents/${seeded.ids.all[0]}`);
    assert.equal(json.body.document.id, seeded.ids.all[0]);
  });

  it('GET /api/exports/:format in every format, reviews applied, and an unknown format refused', async () => {
    for (const format of EXPORT_FORMATS) {
      const result = await call('GET', '/api/exports/:format', `/api/exports/${format}`);
      assert.equal(result.body.format, format);
      assert.ok(result.body.files.length > 0 || result.body.messages.length > 0, format);
    }
    const quotes = await call('GET', '/api/exports/:format', '/api/exports/csv?table=quotes&bom=true');
    assert.equal(quotes.body.files.length, 1);
    assert.ok(quotes.body.files[0].content.startsWith('\uFEFF'));
    assert.equal((await raw('/api/exports/docx')).status, 404);
    assert.equal((await raw('/api/exports/csv?table=nope')).status, 400);
  });

  it('GET /api/speakers, /api/entities, /api/timeline, /api/network', async () => {
    const speakers = await call('GET', '/api/speakers', '/api/speakers');
    assert.ok(speakers.body.items.length > 0);
    assert.ok(speakers.body.items.every((s: { quotes: number }) => s.quotes > 0));
    const entities = await call('GET', '/api/entities', '/api/entities');
    assert.ok(entities.body.items.length > 0);
    const timeline = await call('GET', '/api/timeline', '/api/timeline?lane=outlet');
    assert.ok(timeline.body.items.every((t: { from: string; to: string }) => t.from <= t.to));
    const network = await call('GET', '/api/network', '/api/network?limit=10');
    assert.ok(network.body.nodes.length <= 10);
    const ids = new Set(network.body.nodes.map((n: { id: string }) => n.id));
    assert.ok(network.body.edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target)));
  });

  it('GET /api/corpus/clusters finds the same text from two sources as one origin', async () => {
    const { body } = await call('GET', '/api/corpus/clusters', '/api/corpus/clusters');
    assert.equal(body.clusters.length, 1);
    assert.deepEqual(body.clusters[0].documents.map((d: { id: string }) => d.id).sort(), [...seeded.ids.duplicates].sort());
    assert.equal(body.clusters[0].independentSources, 1);
    // The corpus layer finds the same texts as one origin too, and their shared records as claim clusters of one source.
    const origin = body.origins.find((o: { documents: string[] }) => seeded.ids.duplicates.every((id) => o.documents.includes(id)));
    assert.ok(origin, 'the two same-text documents are one origin group');
    assert.ok(origin.evidence.some((e: { kind: string }) => e.kind === 'near-duplicate'));
    assert.ok(body.claimClusters.length > 0);
    for (const cluster of body.claimClusters) assert.ok(cluster.documents.length >= 2);
  });

  it('GET /api/corpus answers the corpus object, filtered, with the documents it names', async () => {
    const { body } = await call('GET', '/api/corpus', '/api/corpus');
    assert.equal(body.schema, 'claimtrace/corpus@1');
    assert.equal(body.documentCount, seeded.ids.all.length);
    assert.equal(body.matchedClusters, body.claimClusters.length);
    const copied = body.claimClusters.filter((c: { documents: string[] }) => seeded.ids.duplicates.every((id) => c.documents.includes(id)));
    assert.ok(copied.length > 0, 'records of the republished article cluster with the original');
    for (const cluster of copied) assert.equal(cluster.independentSources, 1, cluster.why);
    for (const id of body.claimClusters.flatMap((c: { documents: string[] }) => c.documents)) assert.ok(body.documentIndex[id], `documentIndex names ${id}`);
    for (const cluster of body.claimClusters) {
      for (const member of cluster.members) {
        const stored = await seeded.store.getDocument(member.documentId);
        assert.equal(stored!.text.slice(member.span.start, member.span.end), member.span.text);
      }
    }
    const none = await call('GET', '/api/corpus', '/api/corpus?minSources=2');
    assert.equal(none.body.claimClusters.length, 0);
    const quotes = await call('GET', '/api/corpus', '/api/corpus?kind=quote&limit=1&minDocuments=1');
    assert.ok(quotes.body.claimClusters.length <= 1);
    assert.ok(quotes.body.matchedClusters >= quotes.body.claimClusters.length);
    assert.ok(quotes.body.claimClusters.every((c: { kind: string }) => c.kind === 'quote'));
    assert.equal((await raw('/api/corpus?kind=opinion')).status, 400);
    assert.equal((await raw('/api/corpus?minSources=0')).status, 400);
  });

  it('GET the members of a claim cluster, an origin group and a corpus entity, a page at a time', async () => {
    const { body } = await call('GET', '/api/corpus', '/api/corpus?minDocuments=1&limit=5000');
    const cluster = body.claimClusters[0];
    const members = await call('GET', '/api/corpus/claim-clusters/:id/members', `/api/corpus/claim-clusters/${cluster.id}/members`);
    assert.deepEqual(members.body.items, cluster.members);
    assert.equal(members.body.total, cluster.members.length);
    assert.equal(members.body.next, null);
    const origin = body.origins[0];
    const documents = await call('GET', '/api/corpus/origins/:id/documents', `/api/corpus/origins/${origin.id}/documents?limit=1`);
    assert.deepEqual(documents.body.items, origin.documents.slice(0, 1));
    assert.equal(documents.body.total, origin.documents.length);
    const entity = body.entities[0];
    const named = await call('GET', '/api/corpus/entities/:id/documents', `/api/corpus/entities/${entity.id}/documents`);
    assert.deepEqual(named.body.items, entity.documents);
    assert.equal((await raw('/api/corpus/claim-clusters/k999999/members')).status, 404);
    assert.equal((await raw('/api/corpus/origins/x1/documents')).status, 404);
    assert.equal((await raw(`/api/corpus/entities/${entity.id}/documents?after=bm90IGEgY3Vyc29y`)).status, 400);
  });

  it('GET /api/corpus/framing adds up the framing profiles per outlet', async () => {
    const { body } = await call('GET', '/api/corpus/framing', '/api/corpus/framing');
    const items = body.items as { outlet: string | null; documents: number; sentences: number; sentencesWithAuthorMarks: number; authorMarkShare: number; authorMarks: number; cueVerbs: number; cueStances: Record<string, number> }[];
    assert.ok(items.length > 0);
    // Every analysed document is counted once, in its outlet's row.
    assert.equal(items.reduce((n, o) => n + o.documents, 0), seeded.ids.all.length);
    for (const o of items) {
      assert.ok(o.sentencesWithAuthorMarks <= o.sentences);
      assert.equal(o.authorMarkShare, o.sentences === 0 ? 0 : Math.round((1000 * o.sentencesWithAuthorMarks) / o.sentences) / 1000);
      assert.equal(Object.values(o.cueStances).reduce((a, b) => a + b, 0), o.cueVerbs);
    }
    // The rows are the documents' own profiles added up.
    const docs = await Promise.all(seeded.ids.all.map(async (id) => (await call('GET', '/api/documents/:id', `/api/documents/${id}`)).body));
    const sentences = docs.reduce((n, d) => n + (d.framingProfile?.sentences ?? 0), 0);
    const authorMarks = docs.reduce((n, d) => n + (d.framingProfile?.authorMarks ?? 0), 0);
    assert.equal(items.reduce((n, o) => n + o.sentences, 0), sentences);
    assert.equal(items.reduce((n, o) => n + o.authorMarks, 0), authorMarks);
  });

  it('POST /api/reviews records decisions with an audit trail that the reads reflect', async () => {
    const id = seeded.ids.all.find(async () => true)!;
    const doc = (await call('GET', '/api/documents/:id', `/api/documents/${id}`)).body;
    const quote = doc.quotes[0];
    assert.ok(quote, 'the first corpus document has a quote');
    const rejected = await call('POST', '/api/reviews', '/api/reviews', { documentId: id, action: 'reject', target: quote.id, who: 'tester' });
    assert.equal(rejected.body.entry.after, 'rejected');
    assert.equal(rejected.body.analysis.quotes[0].review.status, 'rejected');
    const renamed = await call('POST', '/api/reviews', '/api/reviews', { documentId: id, action: 'set-speaker', target: quote.id, name: 'Someone Else' });
    assert.equal(renamed.body.analysis.quotes[0].speaker.name, 'Someone Else');
    assert.deepEqual(renamed.body.analysis.quotes[0].review.originalSpeaker, quote.speaker);
    const records = await call('GET', '/api/records', `/api/records?kind=quote&documentId=${id}`);
    const row = records.body.items.find((r: { id: string }) => r.id === quote.id);
    assert.equal(row.review, 'rejected');
    assert.equal(row.who, 'Someone Else');
    const csv = await call('GET', '/api/export/records.csv', `/api/export/records.csv?kind=quote&documentId=${id}`);
    assert.match(csv.body as string, /Someone Else/);
    const entities = doc.entities.filter((e: { mentions: unknown[] }) => e.mentions.length > 0);
    assert.ok(entities.length >= 2);
    const merged = await call('POST', '/api/reviews', '/api/reviews', { documentId: id, action: 'merge', target: entities[1].id, into: entities[0].id });
    assert.equal(merged.body.analysis.entities.length, doc.entities.length - 1);
    const audit = await call('GET', '/api/reviews/audit', `/api/reviews/audit?documentId=${id}`);
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action), ['merge', 'set-speaker', 'reject']);
    assert.equal(audit.body.items[2].who, 'tester');
    assert.equal(audit.body.items[2].at, '2026-02-01T12:00:00.000Z');
    const wrong = await raw('/api/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ documentId: id, action: 'reject', target: 'no-such-quote' }) });
    assert.equal(wrong.status, 404);
    const badMerge = await raw('/api/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ documentId: id, action: 'merge', target: entities[0].id }) });
    assert.equal(badMerge.status, 400);
  });

  it('POST /api/ingest analyses uploads into the store, with per-file errors and progress', async () => {
    const client = createClient({ baseUrl: 'http://localhost', fetch: (async (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init)) as typeof fetch });
    called.add('POST /api/ingest');
    called.add('GET /api/ingest/:job');
    const job = await client.ingest([
      { name: 'pasted.txt', content: 'Pasted lead.\n\n"It works," said Grace Hopper on Tuesday.\n' },
      { name: 'note.html', content: Buffer.from('<html><head><title>An upload</title></head><body><p>"Uploaded," said Alan Turing.</p></body></html>').toString('base64'), encoding: 'base64' },
      { name: 'broken.jsonl', content: '{"text": "A fine line said Ken."}\nnot json\n' },
    ]);
    assert.equal(routeOf('POST', '/api/ingest').response.safeParse(job).success, true);
    let state = job;
    for (let i = 0; i < 200 && state.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await client.ingestJob(job.id);
    }
    assert.equal(routeOf('GET', '/api/ingest/:job').response.safeParse(state).success, true);
    assert.equal(state.state, 'done');
    assert.equal(state.done, 3);
    assert.equal(state.analysed.length, 3);
    assert.equal(state.errors.length, 1);
    assert.equal(state.errors[0]!.name, 'broken.jsonl');
    assert.doesNotMatch(state.errors[0]!.message, /claimtrace-upload-/);
    const stored = await client.document(state.analysed[0]!.id);
    assert.match(stored.document.text, /Grace Hopper/);
    await assert.rejects(() => client.ingestJob('job-none'), /no ingest job/);
  });

  it('calls every declared route', () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    assert.deepEqual([...called].sort(), declared);
  });
});

describe('GET /api/corpus over the constructed cross-source corpus', () => {
  let store: Store;
  let corpusApp: Hono;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'claimtrace-corpus-api-'));
    store = openStore(':memory:');
    for await (const result of analyzeInputs([writeCrossSourceJsonl(folder)], { store })) assert.equal(result.kind, 'analysed');
    corpusApp = createApp({ store, webRoot: null, outlets: crossSourceOutlets() });
  });
  after(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const get = async (url: string) => {
    const response = await corpusApp.request(`http://localhost${url}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(routeOf('GET', '/api/corpus').response.safeParse(body).success);
    return body;
  };

  it('counts origins, not documents, and shows the disagreeing figure and the quote drift', async () => {
    const body = await get('/api/corpus?minSources=2');
    const quote = body.claimClusters.find((c: { kind: string; summary: string }) => c.kind === 'quote' && c.summary.startsWith('Tomas Reyel'));
    assert.ok(quote, 'the minister\'s quote is a cluster of two independent sources');
    assert.equal(quote.independentSources, 2);
    assert.equal(quote.documents.length, 4);
    assert.ok(quote.drift.some((d: { change: string }) => d.change === 'trimmed'));
    const figure = body.claimClusters.find((c: { kind: string }) => c.kind === 'figure');
    assert.equal(figure.agreement, 'disagree');
    assert.deepEqual([...new Set(figure.figures.map((f: { value: number }) => f.value))].sort((a, b) => (a as number) - (b as number)), [4000, 40000]);
    assert.equal(body.claimClusters[0].independentSources, 2);
    const disagreements = await get('/api/corpus?agreement=disagree');
    assert.ok(disagreements.claimClusters.length >= 1);
    assert.ok(disagreements.claimClusters.every((c: { agreement: string }) => c.agreement === 'disagree'));
    const origin = body.origins.find((o: { documents: string[] }) => o.documents.length === 3);
    assert.deepEqual([...origin.documents].sort(), ['wire-rewrite-coastpost', 'wire-rewrite-ledger', 'wire-rewrite-standard']);
    assert.equal(body.documentIndex['independent-report'].url, 'https://www.riverherald.example/valdora-night');
    assert.match(body.documentIndex['wire-rewrite-ledger'].title, /Valdora police detain/);
  });
});

describe('corpus members paged over the constructed cross-source corpus', () => {
  let store: Store;
  let folder: string;
  let capped: Hono;
  let whole: Hono;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'claimtrace-corpus-pages-'));
    store = openStore(':memory:');
    for await (const result of analyzeInputs([writeCrossSourceJsonl(folder)], { store })) assert.equal(result.kind, 'analysed');
    // One app lists one member per cluster, group and entity; the other lists them all.
    capped = createApp({ store, webRoot: null, outlets: crossSourceOutlets(), corpusMembers: 1 });
    whole = createApp({ store, webRoot: null, outlets: crossSourceOutlets(), corpusMembers: Number.MAX_SAFE_INTEGER });
  });
  after(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const get = async (app: Hono, pattern: string, url: string) => {
    const response = await app.request(`http://localhost${url}`);
    assert.equal(response.status, 200, url);
    const body = await response.json();
    assert.ok(routeOf('GET', pattern).response.safeParse(body).success, url);
    return body;
  };
  /** Every page of a member route, two at a time. */
  const pages = async (url: string) => {
    const seen: unknown[][] = [];
    let total = -1;
    let after: string | null = null;
    do {
      const pattern = url.includes('/claim-clusters/') ? '/api/corpus/claim-clusters/:id/members' : url.includes('/origins/') ? '/api/corpus/origins/:id/documents' : '/api/corpus/entities/:id/documents';
      const page = await get(capped, pattern, `${url}?limit=2${after ? `&after=${after}` : ''}`);
      assert.ok(page.items.length <= 2);
      if (total >= 0) assert.equal(page.total, total);
      total = page.total;
      seen.push(page.items);
      after = page.next;
    } while (after !== null);
    return { items: seen.flat(), pages: seen.length, total };
  };

  it('lists one member, counts the rest, and the pages give back every one', async () => {
    const short = await get(capped, '/api/corpus', '/api/corpus?minSources=2');
    const full = await get(whole, '/api/corpus', '/api/corpus?minSources=2');
    assert.deepEqual(short.claimClusters.map((c: { id: string }) => c.id), full.claimClusters.map((c: { id: string }) => c.id));
    const quote = full.claimClusters.find((c: { kind: string; summary: string }) => c.kind === 'quote' && c.summary.startsWith('Tomas Reyel'));
    const shortQuote = short.claimClusters.find((c: { id: string }) => c.id === quote.id);
    assert.equal(shortQuote.members.length, 1);
    assert.equal(shortQuote.omitted.members, quote.members.length - 1);
    // Sources and agreement are of the whole cluster, listed or not.
    assert.equal(shortQuote.independentSources, quote.independentSources);
    assert.equal(shortQuote.agreement, quote.agreement);
    const members = await pages(`/api/corpus/claim-clusters/${quote.id}/members`);
    assert.equal(members.total, quote.members.length);
    assert.ok(members.pages >= 2, 'more than one page');
    assert.deepEqual(members.items, quote.members);

    const origin = full.origins.find((o: { documents: string[] }) => o.documents.length === 3);
    const shortOrigin = short.origins.find((o: { id: string }) => o.id === origin.id);
    assert.deepEqual(shortOrigin.documents, origin.documents.slice(0, 1));
    assert.equal(shortOrigin.omitted.documents, 2);
    const documents = await pages(`/api/corpus/origins/${origin.id}/documents`);
    assert.deepEqual(documents.items, origin.documents);
    assert.equal(documents.pages, 2);

    const entity = full.entities.find((e: { documents: string[] }) => e.documents.length >= 3);
    const shortEntity = short.entities.find((e: { id: string }) => e.id === entity.id);
    assert.equal(shortEntity.documents.length, 1);
    assert.equal(shortEntity.omitted.documents, entity.documents.length - 1);
    assert.deepEqual((await pages(`/api/corpus/entities/${entity.id}/documents`)).items, entity.documents);
  });

  it('refuses a cursor once the corpus has changed', async () => {
    const quote = (await get(capped, '/api/corpus', '/api/corpus?minSources=2')).claimClusters[0];
    const first = await get(capped, '/api/corpus/claim-clusters/:id/members', `/api/corpus/claim-clusters/${quote.id}/members?limit=1`);
    assert.ok(first.next);
    const other = mkdtempSync(join(tmpdir(), 'claimtrace-corpus-more-'));
    try {
      const file = join(other, 'more.txt');
      writeFileSync(file, 'A new report. The minister said nothing new today, officials said.\n');
      for await (const result of analyzeInputs([file], { store })) assert.equal(result.kind, 'analysed');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // The server checks the store at most every two seconds; a write through the API is seen at once.
    let status = 200;
    for (let tries = 0; tries < 40 && status === 200; tries++) {
      status = (await capped.request(`http://localhost/api/corpus/claim-clusters/${quote.id}/members?limit=1&after=${first.next}`)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(status, 409);
  });
});

describe('server safety', () => {
  it('sends a strict Content-Security-Policy and no CORS headers', async () => {
    for (const url of ['/', '/api/health', '/assets/app.js', '/api/nothing']) {
      const response = await raw(url, { headers: { Origin: 'http://evil.example' } });
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
  });

  it('rejects path traversal on the static file route', async () => {
    assert.equal((await raw('/..%2fsecret.txt')).status, 400);
    for (const url of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/assets/%00app.js']) {
      const response = await raw(url);
      const body = await response.text();
      assert.doesNotMatch(body, /not to be served/, url);
      // The URL parser resolves a plain `%2e%2e` segment before the app sees it (it then asks for
      // /secret.txt inside the root and gets the app shell); every traversal that reaches the app is refused.
      if (response.status !== 400) assert.match(body, /<title>t<\/title>/, url);
    }
    assert.equal((await raw('/assets/app.js')).status, 200);
    assert.equal((await raw('/assets/missing.js')).status, 404);
    assert.equal((await raw('/documents/anything')).status, 200, 'client routes get the app shell');
  });

  it('refuses oversized bodies, too many uploads, unsafe upload names and non-JSON bodies', async () => {
    const big = JSON.stringify({ documentId: 'x'.repeat(BODY_LIMIT + 10), action: 'accept', target: 'q' });
    const response = await raw('/api/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(big.length) }, body: big });
    assert.equal(response.status, 413);
    const many = Array.from({ length: MAX_INGEST_FILES + 1 }, (_, i) => ({ name: `f${i}.txt`, content: 'x' }));
    const tooMany = await raw('/api/ingest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: many }) });
    assert.equal(tooMany.status, 400);
    for (const name of ['../escape.txt', 'a/b.txt', '..\\x.txt', '.hidden']) {
      const bad = await raw('/api/ingest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ name, content: 'x' }] }) });
      assert.equal(bad.status, 400, name);
    }
    const text = await raw('/api/reviews', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
  });

  it('refuses a state change from another origin', async () => {
    const response = await raw('/api/reviews', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example', Host: 'localhost' },
      body: JSON.stringify({ documentId: 'd', action: 'accept', target: 'q' }),
    });
    assert.equal(response.status, 403);
  });

  it('answers only the allowed host names, and asks for the token when one is set', async () => {
    const guarded = createApp({ store: seeded.store, webRoot, allowedHosts: ['localhost', '127.0.0.1'], token: 'sesame' });
    const rebound = await guarded.request('http://attacker.example/api/health');
    assert.equal(rebound.status, 421);
    assert.equal((await guarded.request('http://127.0.0.1/api/health')).status, 401);
    assert.equal((await guarded.request('http://127.0.0.1/api/health', { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await guarded.request('http://127.0.0.1/api/health', { headers: { Authorization: 'Bearer sesame' } })).status, 200);
    const login = await guarded.request('http://127.0.0.1/?token=sesame');
    assert.equal(login.status, 303);
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const withCookie = await guarded.request('http://127.0.0.1/api/health', { headers: { Cookie: cookie.split(';')[0]! } });
    assert.equal(withCookie.status, 200);
  });
});
