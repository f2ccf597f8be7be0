// The constructed cross-source corpus (README.md beside this file): origins, independent sources,
// figure disagreement, quote drift, and the invariants of every span in the corpus object.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { AnalysisJson } from '../../src/api/analysis-json.js';
import type { CorpusJson } from '../../src/api/corpus-json.js';
import { corpusParts, CorpusIndex, outletTable, parseOutletsFile, streamCorpus, writeCorpus } from '../../src/corpus/index.js';
import { analyzeText } from '../../src/engine/analyze-text.js';

const dir = new URL('./', import.meta.url);
const DOCUMENTS: [string, string][] = [
  ['wire-rewrite-ledger', 'https://dailyledger.example/2026/03/03/valdora'],
  ['wire-rewrite-coastpost', 'https://www.coastpost.example/news/valdora-arrests'],
  ['wire-rewrite-standard', 'https://morningstandard.example/valdora'],
  ['independent-report', 'https://www.riverherald.example/valdora-night'],
  ['citing-brief', 'https://portnews.example/brief/valdora'],
];
const outlets = outletTable(parseOutletsFile(readFileSync(new URL('outlets.tsv', dir), 'utf8'), 'outlets.tsv'));

const analyses: AnalysisJson[] = DOCUMENTS.map(([id, url]) => {
  const text = readFileSync(new URL(`${id}.txt`, dir), 'utf8');
  return analyzeText(text, { id, url, publishedAt: '2026-03-03', title: text.split('\n')[0]! });
});

function build(order: readonly AnalysisJson[]): CorpusJson {
  const index = new CorpusIndex({ outlets, keepText: true });
  for (const analysis of order) index.add(analysis);
  return index.toJson();
}

const corpus = build(analyses);
const REWRITES = ['wire-rewrite-ledger', 'wire-rewrite-coastpost', 'wire-rewrite-standard'];

test('the three rewrites of the wire story are one origin, with their shared passages', () => {
  assert.equal(corpus.origins.length, 1);
  const origin = corpus.origins[0]!;
  assert.deepEqual([...origin.documents].sort(), [...REWRITES].sort());
  assert.ok(origin.evidence.length >= 2);
  for (const evidence of origin.evidence) {
    assert.equal(evidence.kind, 'shared-passage');
    assert.ok(evidence.score >= 20, `${evidence.a}/${evidence.b}: ${evidence.score} shared words`);
    assert.ok(evidence.passages && evidence.passages.length > 0);
    for (const passage of evidence.passages!) {
      // The same words in both documents, each span exactly its document's slice.
      const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      assert.equal(norm(passage.a.text), norm(passage.b.text));
      assert.ok(passage.words >= 8);
    }
  }
  // The independent report and the brief share no origin with anything by their text.
  assert.ok(!origin.documents.includes('independent-report'));
});

test("the minister's quote is one cluster carried by two independent sources, with the cut shown as drift", () => {
  const cluster = corpus.claimClusters.find((c) => c.kind === 'quote' && c.summary.startsWith('Tomas Reyel'));
  assert.ok(cluster, 'a quote cluster for Tomas Reyel');
  assert.deepEqual([...cluster.documents].sort(), [...REWRITES, 'independent-report'].sort());
  assert.equal(cluster.independentSources, 2);
  assert.equal(cluster.agreement, 'agree');
  assert.deepEqual(cluster.sameOrigin.map((group) => [...group].sort()), [[...REWRITES].sort()]);
  assert.match(cluster.why, /^4 documents · 2 independent sources: /);
  for (const link of cluster.links) assert.ok(link.reasons.some((r) => r.reason === 'same-speaker'));
  const trimmed = cluster.drift.find((d) => d.a.documentId === 'wire-rewrite-coastpost' || d.b.documentId === 'wire-rewrite-coastpost');
  assert.ok(trimmed, 'the Coast Post version drifts');
  assert.equal(trimmed.change, 'trimmed');
  const removed = trimmed.diff.filter((op) => op.op !== 'same').map((op) => op.text);
  assert.deepEqual(removed, ['and every person we detained was warned three times']);
  assert.ok(trimmed.diff.some((op) => op.op === 'same' && op.text.startsWith('We will not allow a handful of agitators')));
});

test('the count of detainees disagrees between the two independent sources', () => {
  const cluster = corpus.claimClusters.find((c) => c.kind === 'figure' && c.figures.some((f) => f.value === 4000));
  assert.ok(cluster, 'a figure cluster with the 4,000');
  assert.equal(cluster.agreement, 'disagree');
  assert.equal(cluster.independentSources, 2);
  assert.deepEqual([...new Set(cluster.figures.map((f) => f.value))].sort((a, b) => a - b), [4000, 40000]);
  assert.deepEqual([...cluster.documents].sort(), [...REWRITES, 'citing-brief', 'independent-report'].sort());
  // The brief counts with the River Herald through its citation cue.
  assert.ok(cluster.sameOrigin.some((group) => group.includes('citing-brief') && group.includes('independent-report')));
  assert.match(cluster.why, /citing-brief cites .*as-reported-by/);
  for (const link of cluster.links) assert.ok(link.reasons.some((r) => r.reason === 'same-counted'));
});

test('every span in the corpus object is its document slice; ids resolve', () => {
  const byId = new Map(analyses.map((a) => [a.document.id, a]));
  const check = (documentId: string, span: { start: number; end: number; text: string }) =>
    assert.equal(span.text, byId.get(documentId)!.document.text.slice(span.start, span.end));
  for (const cluster of corpus.claimClusters) {
    for (const member of cluster.members) {
      check(member.documentId, member.span);
      const analysis = byId.get(member.documentId)!;
      const records = [...analysis.quotes, ...analysis.figures, ...analysis.claims];
      assert.ok(records.some((r) => r.id === member.recordId), `${member.documentId}/${member.recordId} exists`);
    }
    for (const drift of cluster.drift) {
      check(drift.a.documentId, drift.a.span);
      check(drift.b.documentId, drift.b.span);
    }
  }
  for (const origin of corpus.origins) for (const e of origin.evidence) for (const p of e.passages ?? []) {
    check(e.a, p.a);
    check(e.b, p.b);
  }
});

test('the same documents in the same order give the same bytes; another order the same answers', () => {
  assert.equal(JSON.stringify(build(analyses)), JSON.stringify(corpus));
  // The streamed form is the same object, written a cluster and an origin group at a time.
  const index = new CorpusIndex({ outlets, keepText: true });
  for (const analysis of analyses) index.add(analysis);
  const chunks: string[] = [];
  writeCorpus(index, {}, (chunk) => chunks.push(chunk));
  assert.equal(chunks.join(''), JSON.stringify(corpus));
  assert.ok(chunks.length > corpus.claimClusters.length);
  const reversed = build([...analyses].reverse());
  const answers = (c: CorpusJson) =>
    c.claimClusters
      .map((k) => `${k.kind}|${[...k.documents].sort().join(',')}|${k.independentSources}|${k.agreement}`)
      .sort();
  assert.deepEqual(answers(reversed), answers(corpus));
});

test('streamed to a slow writable stream, the corpus object is the same bytes, written as the stream makes room', async () => {
  const index = new CorpusIndex({ outlets, keepText: true });
  for (const analysis of analyses) index.add(analysis);
  const received: string[] = [];
  let waits = 0;
  // A stream with a one-byte buffer that takes each chunk on a later turn: every write reports it full.
  const out = new Writable({
    highWaterMark: 1,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      received.push(chunk);
      setImmediate(callback);
    },
  });
  out.on('drain', () => waits++);
  await streamCorpus(index, {}, out);
  assert.equal(received.join(''), JSON.stringify(corpus));
  assert.ok(waits >= received.length - 1, `waited for room ${waits} times for ${received.length} chunks`);
});

test('a cap on members lists one member per independent source first, says what it left out, and pages through the rest', () => {
  const index = new CorpusIndex({ outlets, keepText: true });
  for (const analysis of analyses) index.add(analysis);
  const full = corpus.claimClusters.find((c) => c.kind === 'quote' && c.summary.startsWith('Tomas Reyel'))!;
  const rank = corpus.claimClusters.indexOf(full);
  const capped = JSON.parse(
    (() => {
      const chunks: string[] = [];
      writeCorpus(index, { maxMembers: 2 }, (chunk) => chunks.push(chunk));
      return chunks.join('');
    })(),
  ) as CorpusJson;
  const cluster = capped.claimClusters[rank]!;
  assert.equal(cluster.id, full.id);
  assert.equal(cluster.members.length, 2);
  // The whole cluster's answers stay: sources, agreement and the document count in `why`.
  assert.equal(cluster.independentSources, full.independentSources);
  assert.equal(cluster.agreement, full.agreement);
  assert.ok(cluster.why.startsWith(`${full.documents.length} documents · 2 independent sources`), cluster.why);
  // One member from each of the two sources: the independent report and one of the rewrites.
  const listed = cluster.members.map((m) => m.documentId);
  assert.ok(listed.includes('independent-report'), listed.join());
  assert.equal(listed.filter((d) => REWRITES.includes(d)).length, 1);
  assert.deepEqual(cluster.omitted, { members: full.members.length - 2, documents: full.documents.length - 2, figures: 0, reasons: cluster.omitted!.reasons, links: full.links.length - cluster.links.length });
  assert.ok(cluster.links.length <= 2);
  // Entities and origin groups list at most two documents too, and say how many they left out.
  const reyel = capped.entities.find((e) => e.key === 'person:tomas reyel')!;
  assert.deepEqual(reyel.documents, corpus.entities.find((e) => e.key === 'person:tomas reyel')!.documents.slice(0, 2));
  assert.deepEqual(reyel.omitted, { documents: 3, unmarkedDocuments: 0 });
  assert.equal(capped.entities.length, corpus.entities.length);
  assert.deepEqual(capped.origins[0]!.documents, corpus.origins[0]!.documents.slice(0, 2));
  assert.equal(capped.origins[0]!.omitted!.documents, 1);
  assert.deepEqual(cluster.documents, [...cluster.documents].filter((d) => listed.includes(d)));
  // Clusters within the cap are written as before.
  for (const [i, k] of capped.claimClusters.entries()) if (k.omitted === undefined) assert.deepEqual(k, corpus.claimClusters[i]);
  // The full list, page by page.
  const parts = corpusParts(index, { maxMembers: 2 });
  const paged = [];
  for (let offset = 0; ; offset += 2) {
    const page = parts.clusterMembers(rank, offset, 2);
    assert.equal(page.total, full.members.length);
    if (page.members.length === 0) break;
    paged.push(...page.members);
  }
  assert.deepEqual(paged, full.members);
  assert.throws(() => parts.clusterMembers(corpus.claimClusters.length, 0, 1), /no claim cluster/);
});

test('corpus entities count quotes and the stances of their cues across documents', () => {
  const reyel = corpus.entities.find((e) => e.key === 'person:tomas reyel');
  assert.ok(reyel);
  assert.equal(reyel.documents.length, 5);
  // The statement quoted in four documents, the ledger's "Reyel defended the arrests …" and the independent
  // report's "Reyel repeated his warning" (reported speech; `repeat` is a cue since extract-quotes 21).
  assert.equal(reyel.quoteCount, 6);
  assert.equal(reyel.stances.neutral, 6);
  assert.ok(reyel.cues.some((c) => c.lemma === 'repeat'));
  assert.ok(reyel.cues.some((c) => c.lemma === 'defend'));
  assert.ok(reyel.cues.some((c) => c.lemma === 'say'));
});

test('adding a document updates the clusters in place', () => {
  const index = new CorpusIndex({ outlets, keepText: true });
  for (const analysis of analyses.slice(0, 3)) index.add(analysis);
  const before = index.toJson();
  const quoteBefore = before.claimClusters.find((c) => c.kind === 'quote')!;
  assert.equal(quoteBefore.independentSources, 1);
  index.add(analyses[3]!);
  const after = index.toJson().claimClusters.find((c) => c.kind === 'quote')!;
  assert.equal(after.independentSources, 2);
  assert.throws(() => index.add(analyses[3]!), /is in the corpus already/);
});

test('a short statement links only when all of it is in the other: two people of one age are two claims', () => {
  const texts: [string, string][] = [
    ['ages-a', 'Former minister Anton Berg dies\n\nAnton Berg, a former minister, died on Monday. He was 64 years old.\n'],
    ['ages-b', 'Mayor Lina Osei found dead\n\nThe mayor of the city, Lina Osei, was found dead on Friday. Osei was 64 years old.\n'],
    ['trim-a', 'Dock strike goes on\n\nA spokeswoman said the workers would not return. "We will not go back until the safety rules are signed," she said.\n'],
    ['trim-b', 'Port still closed\n\nThe port stayed closed on Tuesday. "We will not go back," a spokeswoman said.\n'],
  ];
  const index = new CorpusIndex({ outlets, keepText: true });
  texts.forEach(([id, text], i) => index.add(analyzeText(text, { id, url: `https://outlet${i}.example/${id}`, publishedAt: '2026-03-03', title: text.split('\n')[0]! })));
  const json = index.toJson();
  const across = json.claimClusters.filter((c) => new Set(c.documents).size >= 2);
  assert.ok(!across.some((c) => c.documents.includes('ages-a') || c.documents.includes('ages-b')), JSON.stringify(across.map((c) => c.summary)));
  assert.ok(
    across.some((c) => c.documents.includes('trim-a') && c.documents.includes('trim-b')),
    'the trimmed quote joins the whole one',
  );
});
