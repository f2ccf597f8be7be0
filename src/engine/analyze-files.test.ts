import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { analyzeInputs, countInputs, type AnalyzeProgress, type InputResult } from './analyze-files.js';

let root: string;
const at = (name: string): string => path.join(root, name);
const ARTICLE = '“The bridge opens in May,” said Ingrid Holm. Critics were not convinced.';

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-analyze-files-'));
  fs.mkdirSync(at('dir/sub'), { recursive: true });
  fs.writeFileSync(at('dir/a.txt'), ARTICLE);
  fs.writeFileSync(at('dir/sub/records.jsonl'), '{"id":"r1","text":"One."}\n\n{"id":"r2","text":"Two."}\n{"id":"r3","text":"Three."}\n');
  fs.writeFileSync(at('dir/list.json'), JSON.stringify([{ text: 'First.' }, { text: 'Second.' }]));
  fs.writeFileSync(at('dir/.hidden.txt'), 'skipped');
  fs.writeFileSync(at('dir/notes.pdf'), '%PDF');
  fs.writeFileSync(at('twins.jsonl'), `${JSON.stringify({ id: 'one', text: ARTICLE })}\n${JSON.stringify({ id: 'two', text: ARTICLE })}\n`);
  fs.writeFileSync(at('empty.txt'), '');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

async function collect(inputs: string[], store: Store | null, extra: { onProgress?: (p: AnalyzeProgress) => void } = {}): Promise<InputResult[]> {
  const results: InputResult[] = [];
  for await (const result of analyzeInputs(inputs, { store, now: () => '2024-01-01T00:00:00.000Z', ...extra })) results.push(result);
  return results;
}

describe('analyzeInputs', () => {
  it('analyses, saves, and takes an unchanged document from the store the second time', async () => {
    const store = SqliteStore.open(':memory:');
    const first = await collect([at('dir/a.txt')], store);
    const second = await collect([at('dir/a.txt')], store);
    assert.equal(first.length, 1);
    assert.equal(first[0]!.kind === 'analysed' && first[0]!.cached, false);
    assert.equal(second[0]!.kind === 'analysed' && second[0]!.cached, true);
    assert.equal(JSON.stringify(second[0]!.kind === 'analysed' && second[0]!.analysis), JSON.stringify(first[0]!.kind === 'analysed' && first[0]!.analysis));
    assert.equal(store.countDocuments(), 1);
    assert.equal(store.listDocuments()[0]!.analysedAt, '2024-01-01T00:00:00.000Z');
    // Another publication date is another cache key.
    const dated: InputResult[] = [];
    for await (const result of analyzeInputs([at('dir/a.txt')], { store, publishedAt: '2024-05-01' })) dated.push(result);
    assert.equal(dated[0]!.kind === 'analysed' && dated[0]!.cached, false);
    store.close();
  });

  it('does not reuse the stored result of another document with the same text', async () => {
    const store = SqliteStore.open(':memory:');
    const results = await collect([at('twins.jsonl')], store);
    assert.deepEqual(
      results.map((result) => (result.kind === 'analysed' ? [result.analysis.document.id, result.cached] : result.kind)),
      [
        ['one', false],
        ['two', false],
      ],
    );
    assert.equal(store.countDocuments(), 2);
    store.close();
  });

  it('turns a failing save into a failure of that document only', async () => {
    const real = SqliteStore.open(':memory:');
    const store: Store = Object.assign(Object.create(real) as Store, {
      save(input: Parameters<Store['save']>[0]) {
        if (input.analysis.document.id === 'r2') throw new Error('disk full');
        real.save(input);
      },
    });
    const results = await collect([at('dir/sub/records.jsonl')], store);
    assert.deepEqual(
      results.map((result) => result.kind),
      ['analysed', 'failed', 'analysed'],
    );
    const failed = results[1]!;
    assert.ok(failed.kind === 'failed');
    assert.match(failed.diagnostic.message, /could not save the analysis \(disk full\)/);
    assert.equal(failed.diagnostic.severity, 'error');
    assert.equal(real.countDocuments(), 2);
    real.close();
  });

  it('analyses without a store and keeps going after a bad input', async () => {
    const results = await collect([at('empty.txt'), at('missing.txt'), at('dir/a.txt')], null);
    assert.deepEqual(
      results.map((result) => [result.kind, result.kind === 'analysed' ? result.cached : null]),
      [
        ['failed', null],
        ['failed', null],
        ['analysed', false],
      ],
    );
  });

  it('reports progress with the counted total', async () => {
    const seen: AnalyzeProgress[] = [];
    await collect([at('dir')], null, { onProgress: (progress) => seen.push(progress) });
    assert.deepEqual(
      seen.map((progress) => [progress.done, progress.total]),
      [1, 2, 3, 4, 5, 6].map((done) => [done, 6]),
    );
  });
});

describe('countInputs', () => {
  it('counts documents the way readInputs finds them', async () => {
    // a.txt 1, list.json 2 items, records.jsonl 3 non-blank lines; dotfiles and .pdf are skipped.
    assert.equal(await countInputs([at('dir')]), 6);
    assert.equal(await countInputs([at('dir/a.txt'), at('missing.txt'), at('empty.txt')]), 3);
  });

  it('is null when an input is standard input', async () => {
    assert.equal(await countInputs([at('dir'), '-']), null);
  });
});
