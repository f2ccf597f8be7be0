// `claimtrace export` and `claimtrace import` through the real binary (bin/claimtrace.js over dist/,
// which `npm test` builds first), on a temporary database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');

const ARTICLE = [
  'Dockers strike in Port Alder 🚢',
  '',
  'Harbour workers in Port Alder went on strike on Monday over pay, and 300 people marched through the streets. 🎉',
  '',
  '“We will stay out until the cranes are safe,” said Maria Lopez, a crane operator.',
  '',
  'Police arrested 12 protesters outside the port.',
  '',
].join('\n');

let dir: string;
const path = (name: string): string => join(dir, name);

function claimtrace(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CLAIMTRACE_DB: path('default.sqlite'), XDG_DATA_HOME: path('xdg'), HOME: dir },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function documentId(db: string): string {
  const list = claimtrace(['list', '--json', '--db', db]);
  return (JSON.parse(list.stdout) as { id: string }[])[0]!.id;
}

describe('claimtrace export and import', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrace-export-'));
    writeFileSync(path('port.txt'), ARTICLE);
    writeFileSync(path('port-edited.txt'), `Updated at 10:00 ⏰ with a correction.\n\n${ARTICLE.replace('12 protesters', 'twelve protesters')}`);
    const analysed = claimtrace(['analyze', 'port.txt', '--db', path('a.sqlite')]);
    assert.equal(analysed.code, 0, analysed.stderr);
    const edited = claimtrace(['analyze', 'port-edited.txt', '--db', path('b.sqlite')]);
    assert.equal(edited.code, 0, edited.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports every format with one command', () => {
    const run = claimtrace(['export', '--format', 'all', '--db', path('a.sqlite'), '--out', path('out'), '--date', '2026-12-01']);
    assert.equal(run.code, 0, run.stderr);
    for (const name of ['claimtrace.json', 'claimtrace.jsonl', 'quotes.csv', 'figures.csv', 'claims.csv', 'entities.csv', 'events.csv', 'annotations.jsonld', 'claimreview.json', 'acled.csv', 'plover.jsonl', 'citron.jsonl', 'network.gexf']) {
      assert.ok(existsSync(path(`out/${name}`)), name);
    }
    // ClaimReview skeletons for the claims at or above the default check-worthiness (0.5); each names its document.
    const reviews = JSON.parse(readFileSync(path('out/claimreview.json'), 'utf8')) as Array<Record<string, any>>;
    for (const review of reviews) assert.equal(review['@type'], 'ClaimReview');
    const events = readFileSync(path('out/events.csv'), 'utf8');
    assert.match(events, /,strike,PROTEST,boycott,asserted,on strike,/);
    assert.match(events, /,arrest,COERCE,arrest,asserted,arrested,.*detained=12/);
  });

  it('asks for a folder or a table when a format gives several files, and writes one table to stdout', () => {
    const many = claimtrace(['export', '--format', 'csv', '--db', path('a.sqlite')]);
    assert.equal(many.code, 1);
    assert.match(many.stderr, /give --out <folder>, or --table/);
    const one = claimtrace(['export', '--format', 'csv', '--table', 'quotes', '--bom', '--db', path('a.sqlite')]);
    assert.equal(one.code, 0, one.stderr);
    assert.ok(one.stdout.startsWith('\uFEFFdocument_id,id,type,speaker'));
    assert.match(one.stdout, /Maria Lopez/);
  });

  it('rejects an unknown format as a usage error', () => {
    const run = claimtrace(['export', '--format', 'xlsx', '--db', path('a.sqlite')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown format "xlsx"/);
  });

  it('re-imports its web annotations onto the same spans, and re-anchors them on an edited text', () => {
    const same = claimtrace(['import', '--format', 'web-annotation', path('out/annotations.jsonld'), '--db', path('a.sqlite')]);
    assert.equal(same.code, 0, same.stderr);
    const items = same.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { status: string });
    assert.ok(items.length > 5);
    assert.ok(items.every((item) => item.status === 'anchored'));
    assert.match(same.stderr, new RegExp(`${items.length} imported: ${items.length} anchored, 0 re-anchored, 0 orphaned`));

    const edited = claimtrace(['import', '--format', 'web-annotation', path('out/annotations.jsonld'), '--document', documentId(path('b.sqlite')), '--db', path('b.sqlite')]);
    assert.equal(edited.code, 0, edited.stderr);
    const moved = edited.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { status: string; targets: { exact: string }[] });
    assert.ok(moved.some((item) => item.status === 're-anchored'));
    assert.ok(moved.some((item) => item.status === 'orphaned' && item.targets.some((t) => t.exact === '12')), 'the figure 12 was rewritten');
  });

  it('re-imports its Citron quotes, found by their text', () => {
    const run = claimtrace(['import', '--format', 'citron', path('out/citron.jsonl'), '--db', path('a.sqlite'), '--out', path('anchored.jsonl')]);
    assert.equal(run.code, 0, run.stderr);
    const items = readFileSync(path('anchored.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { status: string });
    assert.ok(items.length >= 1 && items.every((item) => item.status === 'anchored'));
  });

  it('names the file and the problem when an import file is not what it claims', () => {
    writeFileSync(path('bad.json'), '{"type": "Nothing"}');
    const run = claimtrace(['import', '--format', 'web-annotation', path('bad.json'), '--db', path('a.sqlite')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /bad\.json: not a Web Annotation/);
  });
});
