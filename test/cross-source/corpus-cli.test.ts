// `claimtrace corpus` in-process over a temporary database: incremental runs, the views, bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeInputs, openStore } from '../../src/engine/index.js';
import { runCli } from '../helpers/cli-io.js';

const run = runCli;

const source = new URL('./', import.meta.url);
const folder = mkdtempSync(join(tmpdir(), 'claimtrace-corpus-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const db = join(folder, 'corpus.sqlite');
const outlets = new URL('outlets.tsv', source).pathname;
const URLS: Record<string, string> = {
  'wire-rewrite-ledger': 'https://dailyledger.example/a',
  'wire-rewrite-coastpost': 'https://coastpost.example/b',
  'wire-rewrite-standard': 'https://morningstandard.example/c',
  'independent-report': 'https://www.riverherald.example/d',
  'citing-brief': 'https://portnews.example/e',
};
function jsonl(ids: string[], name: string): string {
  const path = join(folder, name);
  const lines = ids.map((id) => {
    const text = readFileSync(new URL(`${id}.txt`, source), 'utf8');
    return JSON.stringify({ id, url: URLS[id], text, title: text.split('\n')[0], publishedAt: '2026-03-03' });
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Analyses into the database in this process (the CLI's background writer runs compiled code only). */
async function analyse(path: string): Promise<void> {
  const store = openStore(db);
  try {
    for await (const result of analyzeInputs([path], { store })) assert.equal(result.kind, 'analysed');
  } finally {
    await store.close();
  }
}

describe('claimtrace corpus', () => {
  it('indexes new documents only, and the answers grow with them', async () => {
    await analyse(jsonl(['wire-rewrite-ledger', 'wire-rewrite-coastpost', 'wire-rewrite-standard'], 'a.jsonl'));
    const first = await run(['corpus', '--json', '--db', db, '--outlets', outlets]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /3 indexed now, 0 from the stored state/);
    const before = JSON.parse(first.stdout);
    assert.equal(before.schema, 'claimtrace/corpus@1');
    assert.ok(before.claimClusters.every((c: { independentSources: number }) => c.independentSources === 1));

    await analyse(jsonl(['independent-report', 'citing-brief'], 'b.jsonl'));
    const second = await run(['corpus', '--json', '--db', db, '--outlets', outlets]);
    assert.match(second.stderr, /2 indexed now, 3 from the stored state/);
    const corpus = JSON.parse(second.stdout);
    const figure = corpus.claimClusters.find((c: { kind: string; agreement: string }) => c.kind === 'figure' && c.agreement === 'disagree');
    assert.ok(figure);
    assert.equal(figure.independentSources, 2);

    // Without --outlets the table differs: the state is rebuilt, and the brief's "as reported by The
    // River Herald" no longer names a known outlet, so it counts as a third source.
    const rebuilt = await run(['corpus', 'clusters', '--min-sources', '2', '--db', db]);
    assert.equal(rebuilt.code, 0);
    assert.match(rebuilt.stderr, /rebuilt/);
    assert.match(rebuilt.stdout, /5 documents · 3 independent sources/);
    assert.match(rebuilt.stdout, /4 documents · 2 independent sources/);
    assert.match(rebuilt.stdout, /drift \(trimmed\)/);
  });

  it('shows a speaker, the origins, and refuses bad arguments with a message', async () => {
    const speaker = await run(['corpus', 'speaker', 'tomas reyel', '--db', db, '--outlets', outlets]);
    assert.equal(speaker.code, 0, speaker.stderr);
    assert.match(speaker.stdout, /^Tomas Reyel \(person/);
    // Four quotes of the statement and the reported speech of the ledger ("Reyel defended the arrests …") and of
    // the independent report ("Reyel repeated his warning").
    assert.match(speaker.stdout, /cue stances: neutral 6/);
    assert.match(speaker.stdout, /cue verbs: say 3, defend 1, repeat 1, tell 1/);
    const origins = await run(['corpus', 'origins', '--db', db, '--outlets', outlets]);
    assert.match(origins.stdout, /^o1 {2}3 documents: /);
    assert.match(origins.stdout, /shared-passage/);
    assert.equal((await run(['corpus', 'speakers', '--db', db])).code, 2);
    assert.equal((await run(['corpus', 'speaker', '--db', db])).code, 2);
    assert.equal((await run(['corpus', '--min-sources', '2', '--db', db])).code, 2);
    const missing = await run(['corpus', 'speaker', 'Nobody Here', '--db', db, '--outlets', outlets]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no person or organisation named "Nobody Here"/);
    const badOutlets = join(folder, 'bad.tsv');
    writeFileSync(badOutlets, 'domain\toutlet\nnot a domain\tX\n');
    const bad = await run(['corpus', '--db', db, '--outlets', badOutlets]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bad\.tsv:2: "not a domain" is not a domain/);
  });
});
