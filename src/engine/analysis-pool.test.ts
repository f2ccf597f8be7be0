import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite-store.js';
import { isPreparedSave } from '../store/prepare-save.js';
import type { SaveInput, Store } from '../store/store.js';
import { analyzeInputs, type InputResult } from './analyze-files.js';
import { AnalysisPool } from './analysis-pool.js';
import { loadDefaultPipeline } from './pipeline.js';
import { loadAnalysis } from './stored-analysis.js';

let root: string;
const at = (name: string): string => path.join(root, name);

const ARTICLES = [
  '“The bridge opens in May,” said Ingrid Holm, the city engineer. Critics were not convinced.',
  'Police arrested 12 protesters in Lyon on Tuesday, the prefecture said. “We will appeal,” their lawyer Marc Duval told reporters.',
  'Shares in Acme Corp fell 4.5% after the company warned that profits would drop by £30m this year.',
  'The minister, Anna Berg, said on Monday that 3,000 new homes would be built by 2027.',
];

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-pool-'));
  fs.mkdirSync(at('dir'));
  ARTICLES.forEach((text, index) => fs.writeFileSync(at(`dir/${index + 1}.txt`), text));
  fs.writeFileSync(at('dir/5-empty.txt'), '');
  // Repeats inside one run: the same text under two ids, and the same id twice with another text.
  const lines = [
    { id: 'twin-a', text: ARTICLES[1] },
    { id: 'twin-b', text: ARTICLES[1] },
    { id: 'again', text: ARTICLES[2] },
    { id: 'again', text: `${ARTICLES[3]} It was approved.` },
  ];
  fs.writeFileSync(at('records.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function run(jobs: number, store: Store): Promise<InputResult[]> {
  const results: InputResult[] = [];
  const inputs = [at('dir'), at('records.jsonl')];
  for await (const result of analyzeInputs(inputs, { store, jobs, now: () => '2024-01-01T00:00:00.000Z', batchSize: 3 })) results.push(result);
  return results;
}

/** Records whether each save reaches the store as built on the main thread or prepared on a worker. */
function watchSaves(store: Store): Set<string> {
  const seen = new Set<string>();
  const saveBatch = store.saveBatch.bind(store);
  store.saveBatch = (saves: readonly SaveInput[]) => {
    for (const save of saves) seen.add(isPreparedSave(save) ? 'prepared' : 'built');
    return saveBatch(saves);
  };
  return seen;
}

/** Everything the store holds for its documents, in save order, without the run durations (a clock reading). */
async function storedState(store: Store): Promise<unknown[]> {
  const pipeline = loadDefaultPipeline();
  const state: unknown[] = [];
  for await (const summary of store.iterateDocuments()) {
    const runs = (await store.getRuns(summary.id)).map(({ durationMs: _ignored, ...run }) => run);
    state.push({ summary, runs, analysis: await loadAnalysis(store, summary.id, pipeline) });
  }
  return state;
}

describe('analyze with a pool of worker threads', () => {
  it('prints and stores the same analyses, in the same order, with --jobs 1 and --jobs 2', async () => {
    const one = SqliteStore.open(':memory:');
    const two = SqliteStore.open(':memory:');
    const saves = [watchSaves(one), watchSaves(two)];
    try {
      const first = await run(1, one);
      const second = await run(2, two);
      // One job analyses on this thread and builds the saves; the workers of two prepare them.
      assert.deepEqual(saves.map((seen) => [...seen]), [['built'], ['prepared']]);
      assert.deepEqual(
        first.map((result) => result.kind),
        ['analysed', 'analysed', 'analysed', 'analysed', 'failed', 'analysed', 'analysed', 'analysed', 'analysed'],
      );
      // The workers send each analysis as its JSON text, printed as it came; it is the analysis's.
      const texts = second.flatMap((result) => (result.kind === 'analysed' ? [result.json] : []));
      assert.equal(texts.length, 8);
      second.forEach((result) => assert.ok(result.kind !== 'analysed' || result.json === JSON.stringify(result.analysis)));
      // Same results in the same order, down to which came from an earlier document of the run.
      const withoutText = (results: InputResult[]): unknown[] => results.map((result) => (result.kind === 'analysed' ? { ...result, json: undefined } : result));
      assert.equal(JSON.stringify(withoutText(second)), JSON.stringify(withoutText(first)));
      const twin = first[6]!;
      assert.ok(twin.kind === 'analysed' && twin.cached, 'the second copy of a text reuses the first one’s results');
      const state = await storedState(one);
      assert.equal(state.length, 7);
      assert.deepEqual(await storedState(two), state);
      // Run again: every document comes from the store but the id saved twice with two texts, whose
      // stored copy is the second text, so each of its two records runs again, with one job or two.
      const cached = (results: InputResult[]): boolean[] => results.flatMap((result) => (result.kind === 'analysed' ? [result.cached] : []));
      assert.deepEqual(cached(await run(2, two)), [true, true, true, true, true, true, false, false]);
      assert.deepEqual(cached(await run(1, one)), [true, true, true, true, true, true, false, false]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('without a store, the workers’ JSON text is byte for byte what this thread serialises', async () => {
    const analyses = async (jobs: number): Promise<InputResult[]> => {
      const results: InputResult[] = [];
      for await (const result of analyzeInputs([at('dir')], { store: null, jobs })) results.push(result);
      return results;
    };
    const [one, two] = [await analyses(1), await analyses(2)];
    assert.deepEqual(two.map((result) => result.kind), ['analysed', 'analysed', 'analysed', 'analysed', 'failed']);
    two.forEach((result, index) => {
      const alone = one[index]!;
      if (result.kind !== 'analysed' || alone.kind !== 'analysed') return assert.deepEqual(result, alone);
      assert.equal(alone.json, undefined);
      assert.equal(result.json, JSON.stringify(alone.analysis));
      assert.deepEqual(result.analysis, alone.analysis);
    });
  });

  it('refuses an empty pool and starts a worker only when a document needs one', async () => {
    const pipeline = loadDefaultPipeline();
    assert.throws(() => new AnalysisPool(pipeline, 0, null), /at least one worker/);
    const pool = new AnalysisPool(pipeline, 3, null);
    await pool.close();
    await assert.rejects(pool.analyse({} as never, {}, new Map()), /closed/);
  });
});
