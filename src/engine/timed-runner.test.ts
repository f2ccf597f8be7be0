import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { slowPipeline } from '../../test/helpers/slow-pipeline.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { analyzeInputs, type InputResult } from './analyze-files.js';
import { createPipeline } from './pipeline.js';
import { reanalyzeStored } from './reanalyze-stored.js';
import { RUNNING_SLOTS, runningAnalysis } from './analysis-worker.js';
import { TimeBudgetError, TimedRunner } from './timed-runner.js';
import { createDocument } from '../core/document.js';
import { hashText } from './hash-text.js';

let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-budget-'));
  fs.writeFileSync(path.join(root, '1-fine.txt'), 'A calm article.');
  fs.writeFileSync(path.join(root, '2-hangs.txt'), 'This one says HANG somewhere.');
  fs.writeFileSync(path.join(root, '3-fine.txt'), 'Another calm article.');
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const files = (): string[] => ['1-fine.txt', '2-hangs.txt', '3-fine.txt'].map((name) => path.join(root, name));

async function collect(results: AsyncIterable<InputResult>): Promise<InputResult[]> {
  const out: InputResult[] = [];
  for await (const result of results) out.push(result);
  return out;
}

describe('per-document time budget', () => {
  it('stops an analysis that runs past the budget with a diagnostic, runs the others, and the batch goes on', async () => {
    const store = SqliteStore.open(':memory:');
    const results = await collect(analyzeInputs(files(), { store, pipeline: slowPipeline({ hangOn: 'HANG' }), timeBudgetMs: 1500 }));
    assert.deepEqual(results.map((r) => r.kind), ['analysed', 'analysed', 'analysed']);
    const [fine, hung, third] = results as Array<Extract<InputResult, { kind: 'analysed' }>>;
    assert.deepEqual(fine!.analysis.diagnostics, []);
    // The third document waited on the worker behind the stopped one, and was sent to the next worker.
    assert.deepEqual(third!.analysis.diagnostics, []);
    const messages = hung!.analysis.diagnostics.map((d) => `${d.severity} ${d.analysis}: ${d.message}`);
    assert.deepEqual(messages, [
      'error looper: failed: stopped: it ran longer than the time budget of 1.5 s per document',
      'error dependent: skipped because "looper" failed',
      'warning after: ran without "looper", which did not succeed',
    ]);
    const runs = new Map((await store.getRuns(hung!.analysis.document.id)).map((run) => [run.analysis, run.status]));
    assert.deepEqual([...runs], [['base', 'ok'], ['looper', 'failed'], ['dependent', 'skipped'], ['after', 'ok'], ['independent', 'ok']]);

    // --retry-failed with the analysis fixed runs only what failed on that one document.
    const retried = await collect(reanalyzeStored(store, { select: 'failed', pipeline: slowPipeline({ hangOn: 'NEVER' }), timeBudgetMs: 1500 }));
    assert.equal(retried.length, 1);
    const again = retried[0]!;
    assert.ok(again.kind === 'analysed');
    assert.deepEqual(again.analysis.diagnostics, []);
    // after ran without looper's records last time, so it runs again with them.
    assert.deepEqual(again.ran, ['base', 'looper', 'dependent', 'after']);
    await store.close();
  });

  it('stops the analysis without a store too', async () => {
    const results = await collect(analyzeInputs([files()[1]!], { store: null, pipeline: slowPipeline({ hangOn: 'HANG' }), timeBudgetMs: 1000 }));
    const only = results[0]!;
    assert.ok(only.kind === 'analysed');
    assert.match(only.analysis.diagnostics[0]!.message, /time budget of 1 s per document/);
  });

  it('queues the next document on the worker, and starts its budget only when the worker reaches it', async () => {
    // Two documents of 2 s each, sent at once: each has the whole budget of 3 s from the moment the
    // worker starts it, although the second waits 2 s on the worker first (4 s after it was sent).
    const runner = new TimedRunner(slowPipeline({ hangOn: 'HANG', slowOn: 'SLOW', slowMs: 2000 }), 3000);
    try {
      const slow = (id: string) => createDocument({ id, text: `${id} is SLOW.`, contentHash: hashText(`${id} is SLOW.`) });
      const results = await Promise.all([runner.analyse(slow('a'), {}, new Map()), runner.analyse(slow('b'), {}, new Map())]);
      assert.deepEqual(results.map((result) => result.diagnostics), [[], []]);
      assert.deepEqual(results.map((result) => result.runs['looper']?.status), ['ok', 'ok']);
    } finally {
      await runner.close();
    }
  });

  it('sends the documents waiting behind a stopped one to the next worker', async () => {
    const runner = new TimedRunner(slowPipeline({ hangOn: 'HANG' }), 1000);
    try {
      const doc = (id: string, text: string) => createDocument({ id, text, contentHash: hashText(text) });
      const [hung, fine] = await Promise.all([runner.analyse(doc('h', 'It says HANG.'), {}, new Map()), runner.analyse(doc('f', 'A calm one.'), {}, new Map())]);
      assert.match(hung!.diagnostics[0]!.message, /time budget of 1 s per document/);
      assert.deepEqual(fine!.diagnostics, []);
      assert.equal(fine!.runs['looper']?.status, 'ok');
    } finally {
      await runner.close();
    }
    await assert.rejects(runner.analyse(createDocument({ id: 'x', text: 'x', contentHash: hashText('x') }), {}, new Map()), /closed/);
  });

  it('gives each of several documents sent at once its own budget', async () => {
    // Three documents of 1.2 s each, sent at once: the last is answered 3.6 s after it was sent, past a
    // budget of 2 s, yet none is stopped (each budget starts when the worker reaches the document).
    const runner = new TimedRunner(slowPipeline({ hangOn: 'HANG', slowOn: 'SLOW', slowMs: 1200 }), 2000);
    try {
      const slow = (id: string) => createDocument({ id, text: `${id} is SLOW.`, contentHash: hashText(`${id} is SLOW.`) });
      const results = await Promise.all(['a', 'b', 'c'].map((id) => runner.analyse(slow(id), {}, new Map())));
      assert.deepEqual(results.map((result) => result.runs['looper']?.status), ['ok', 'ok', 'ok']);
    } finally {
      await runner.close();
    }
  });

  it('a document that crashes its worker fails alone: the documents batched with it are analysed', async () => {
    const runner = new TimedRunner(slowPipeline({ hangOn: 'HANG', crashOn: 'CRASH' }), 5000);
    try {
      const doc = (id: string, text: string) => createDocument({ id, text, contentHash: hashText(text) });
      const outcomes = await Promise.allSettled([
        runner.analyse(doc('1', 'A calm one.'), {}, new Map()),
        runner.analyse(doc('2', 'It says CRASH.'), {}, new Map()),
        runner.analyse(doc('3', 'Another calm one.'), {}, new Map()),
        runner.analyse(doc('4', 'A third calm one.'), {}, new Map()),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /analysis worker stopped/);
      for (const outcome of outcomes) if (outcome.status === 'fulfilled') assert.equal(outcome.value.runs['looper']?.status, 'ok');
    } finally {
      await runner.close();
    }
  });

  it('refuses a pipeline a worker cannot build, and a budget that is not positive', () => {
    const inline = createPipeline([{ id: 'x', version: '1', needs: [], emits: [], describe: 'x', run: () => [] }], []);
    assert.throws(() => new TimedRunner(inline, 1000), TimeBudgetError);
    assert.throws(() => new TimedRunner(slowPipeline({ hangOn: 'HANG' }), 0), TimeBudgetError);
  });

  it('names the running analysis from the shared slots only for the request the worker is on', () => {
    const slots = new Int32Array(new SharedArrayBuffer(RUNNING_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const ids = ['base', 'looper', 'after'];
    assert.equal(runningAnalysis(slots, 1, ids), undefined, 'nothing started');
    Atomics.store(slots, 0, 7);
    assert.equal(runningAnalysis(slots, 7, ids), undefined, 'request 7 started, no analysis yet');
    Atomics.store(slots, 1, 2);
    assert.equal(runningAnalysis(slots, 7, ids), 'looper');
    assert.equal(runningAnalysis(slots, 6, ids), undefined, 'the worker has moved on from request 6');
    assert.equal(runningAnalysis(slots, 8, ids), undefined, 'request 8 not started yet');
  });
});
