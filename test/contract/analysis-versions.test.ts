// An analysis's `version` is part of the cache key and of every stored run: it must move whenever the
// analysis's output can change. src/analyses/manifest.json records, per analysis, its version and a
// hash of the files that can change its output; this test fails when the files changed and the
// version did not, when the version moved and the manifest did not, and when the registry and the
// manifest list different analyses. See docs/decisions/0010-analysis-version-manifest.md.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  buildManifest,
  compareManifest,
  hashAnalysisFolder,
  isOutputRelevant,
  readManifest,
  registryRefs,
  type Manifest,
} from '../../scripts/update-analysis-manifest.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'claimtrace-manifest-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

test('the committed manifest matches the registry and the analysis folders', async () => {
  const problems = compareManifest(readManifest(), buildManifest(await registryRefs()));
  assert.deepEqual(problems, []);
});

test('which files count', () => {
  for (const p of ['demo.ts', 'lexicon.ts', 'sub/helper.ts', 'data/verbs.tsv']) assert.equal(isOutputRelevant(p), true, p);
  for (const p of ['demo.test.ts', 'data/verbs.generated.ts', 'README.md', 'fixtures/case/input.txt', 'fixtures/case/helper.ts', 'data/SOURCES.md', 'notes.tsv', 'data/old/verbs.tsv', 'types.d.ts']) {
    assert.equal(isOutputRelevant(p), false, p);
  }
});

test('hashAnalysisFolder: a change to code or data changes the hash; docs, tests, fixtures and line endings do not', () => {
  write('demo/demo.ts', 'export const demo = 1;\n');
  write('demo/data/words.tsv', 'word\tsource\nsaid\tx\n');
  write('demo/README.md', '# demo\n');
  write('demo/demo.test.ts', 'test\n');
  write('demo/data/words.generated.ts', 'export const words = [];\n');
  write('demo/fixtures/one/input.txt', 'He said.\n');
  const base = hashAnalysisFolder(path.join(tmp, 'demo'));
  assert.deepEqual(Object.keys(base.files), ['data/words.tsv', 'demo.ts']);
  assert.match(base.sha256, /^[0-9a-f]{64}$/);

  write('demo/README.md', '# demo, reworded\n');
  write('demo/demo.test.ts', 'test 2\n');
  write('demo/data/words.generated.ts', 'export const words = [1];\n');
  write('demo/fixtures/one/input.txt', 'She said.\n');
  write('demo/fixtures/one/helper.ts', 'export {};\n');
  assert.equal(hashAnalysisFolder(path.join(tmp, 'demo')).sha256, base.sha256, 'docs, tests, generated files and fixtures do not count');

  write('demo/demo.ts', 'export const demo = 1;\r\n');
  assert.equal(hashAnalysisFolder(path.join(tmp, 'demo')).sha256, base.sha256, 'CRLF hashes as LF');

  write('demo/data/words.tsv', 'word\tsource\nsaid\tx\nclaimed\ty\n');
  const data = hashAnalysisFolder(path.join(tmp, 'demo'));
  assert.notEqual(data.sha256, base.sha256, 'a lexicon row counts');

  write('demo/extra.ts', 'export const extra = 2;\n');
  assert.notEqual(hashAnalysisFolder(path.join(tmp, 'demo')).sha256, data.sha256, 'a new file counts');
});

test('a changed folder with an unchanged version fails, naming the analysis, its version and the file', () => {
  write('quotes/quotes.ts', 'export const q = 1;\n');
  write('quotes/data/verbs.tsv', 'verb\nsaid\n');
  const committed = buildManifest([{ id: 'quotes', version: '1' }], tmp);
  assert.deepEqual(compareManifest(committed, buildManifest([{ id: 'quotes', version: '1' }], tmp)), []);

  write('quotes/quotes.ts', 'export const q = 2;\n');
  const problems = compareManifest(committed, buildManifest([{ id: 'quotes', version: '1' }], tmp));
  assert.deepEqual(problems, ['quotes changed (quotes.ts) but its version is still 1: bump it, then run npm run manifest']);

  // Bumped but the manifest not rewritten: still fails, now asking for the manifest.
  const bumped = buildManifest([{ id: 'quotes', version: '2' }], tmp);
  assert.deepEqual(compareManifest(committed, bumped), ['quotes is at version 2 but the manifest records 1: run npm run manifest']);
  // Bumped and rewritten: passes.
  assert.deepEqual(compareManifest(bumped, buildManifest([{ id: 'quotes', version: '2' }], tmp)), []);
});

test('a version moved without the manifest fails, even when no file changed', () => {
  write('dates/dates.ts', 'export const d = 1;\n');
  const committed = buildManifest([{ id: 'dates', version: '3' }], tmp);
  assert.deepEqual(compareManifest(committed, buildManifest([{ id: 'dates', version: '4' }], tmp)), [
    'dates is at version 4 but the manifest records 3: run npm run manifest',
  ]);
});

test('an analysis missing from the manifest, or listed there but gone, fails', () => {
  write('a/a.ts', 'export const a = 1;\n');
  write('b/b.ts', 'export const b = 1;\n');
  const onlyA = buildManifest([{ id: 'a', version: '1' }], tmp);
  const both = buildManifest([{ id: 'a', version: '1' }, { id: 'b', version: '1' }], tmp);
  assert.deepEqual(compareManifest(onlyA, both), ['b is in the registry but not in src/analyses/manifest.json: run npm run manifest']);
  assert.deepEqual(compareManifest(both, onlyA), ['b is in src/analyses/manifest.json but no longer in the registry: run npm run manifest']);
  const empty: Manifest = { analyses: {} };
  assert.equal(compareManifest(empty, both).length, 2);
});
