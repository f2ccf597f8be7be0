import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Analysis } from '../core/analysis.js';
import type { Finding } from '../core/finding.js';
import { resourceValue, type Resource } from '../core/resources.js';
import { spanAt } from '../core/span.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { analyzeInputs, type AnalyzeProgress, type InputResult } from './analyze-files.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { reanalyzeStored, ReanalyzeError, type ReanalyzeOptions } from './reanalyze-stored.js';

let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-reanalyze-'));
  fs.writeFileSync(path.join(root, 'a.txt'), 'Alpha said nothing.');
  fs.writeFileSync(path.join(root, 'b.txt'), 'Bravo wrote FAIL here.');
  fs.writeFileSync(path.join(root, 'c.txt'), 'Charlie said little.');
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * base (not stored) <- flaky (throws on a text with FAIL while `failing.on`) ; base <- marker (reads a
 * lexicon) <- downstream. Every run is logged in `ran` as `id:document text start`.
 */
function testPipeline(lexiconHash: string, ran: string[], failing: { on: boolean }): Pipeline {
  const logged = (analysis: Analysis): Analysis => ({
    ...analysis,
    run: (document, inputs, context) => {
      ran.push(`${analysis.id}:${document.text.slice(0, 5)}`);
      return analysis.run(document, inputs, context);
    },
  });
  const mark = (analysis: string, text: string, by: string): Finding[] => [
    { id: `${analysis}-0`, analysis, kind: 'reanalyze-test-mark', span: spanAt(text, 0, 5), data: { by } },
  ];
  const analyses: Analysis[] = [
    logged({ id: 'base', version: '1', needs: [], emits: [], persist: false, describe: 'base', run: () => [] }),
    logged({
      id: 'flaky', version: '1', needs: ['base'], emits: [], describe: 'flaky',
      run: (document) => {
        if (failing.on && document.text.includes('FAIL')) throw new Error('flaky failure');
        return [];
      },
    }),
    logged({
      id: 'marker', version: '1', needs: ['base'], emits: ['reanalyze-test-mark'], resources: ['reanalyze-test/lexicon'], describe: 'marker',
      run: (document, _inputs, context) => mark('marker', document.text, resourceValue(context.resources, 'reanalyze-test/lexicon')),
    }),
    logged({ id: 'downstream', version: '1', needs: ['marker'], emits: [], describe: 'downstream', run: () => [] }),
  ];
  const lexicon = { id: 'reanalyze-test/lexicon', hash: lexiconHash, value: `lexicon ${lexiconHash}` } as unknown as Resource;
  return createPipeline(analyses, [lexicon]);
}

async function analyseFiles(store: Store, pipeline: Pipeline): Promise<void> {
  for await (const result of analyzeInputs(['a.txt', 'b.txt', 'c.txt'].map((name) => path.join(root, name)), { store, pipeline, now: () => 'first' })) {
    assert.equal(result.kind, 'analysed');
  }
}

async function reanalyse(store: Store, options: ReanalyzeOptions): Promise<{ results: InputResult[]; progress: AnalyzeProgress[] }> {
  const results: InputResult[] = [];
  const progress: AnalyzeProgress[] = [];
  for await (const result of reanalyzeStored(store, { now: () => 'second', onProgress: (p) => progress.push(p), ...options })) results.push(result);
  return { results, progress };
}

describe('analyze --retry-failed (reanalyzeStored, select failed)', () => {
  it('analyses again only the stored documents whose last run had errors, and only what did not succeed', async () => {
    const store = SqliteStore.open(':memory:');
    const ran: string[] = [];
    const failing = { on: true };
    await analyseFiles(store, testPipeline('aaaa0001', ran, failing));
    const summaries = (await store.listDocuments()).items;
    assert.deepEqual(summaries.map((d) => d.errorCount), [0, 1, 0]);

    failing.on = false;
    ran.length = 0;
    const { results, progress } = await reanalyse(store, { select: 'failed', pipeline: testPipeline('aaaa0001', ran, failing) });
    assert.equal(results.length, 1);
    const only = results[0]!;
    assert.ok(only.kind === 'analysed');
    assert.equal(only.source, path.join(root, 'b.txt'));
    assert.deepEqual(only.ran, ['base', 'flaky'], 'the sound stored runs are reused');
    assert.deepEqual(ran, ['base:Bravo', 'flaky:Bravo']);
    assert.deepEqual(progress.map((p) => [p.done, p.total]), [[1, 1]]);

    const after = (await store.listDocuments()).items;
    assert.deepEqual(after.map((d) => [d.errorCount, d.analysedAt]), [[0, 'first'], [0, 'second'], [0, 'first']]);
    // Nothing left to retry.
    assert.deepEqual((await reanalyse(store, { select: 'failed', pipeline: testPipeline('aaaa0001', ran, failing) })).results, []);
    await store.close();
  });
});

describe('reanalyze --only (reanalyzeStored, only)', () => {
  it('re-runs one analysis on every stored document and keeps the other stored runs as they are', async () => {
    const store = SqliteStore.open(':memory:');
    const ran: string[] = [];
    const failing = { on: false };
    await analyseFiles(store, testPipeline('aaaa0001', ran, failing));
    const id = (await store.listDocuments()).items[0]!.id;
    const before = await store.getRuns(id);

    ran.length = 0;
    const edited = testPipeline('bbbb0002', ran, failing);
    const { results, progress } = await reanalyse(store, { select: 'all', only: 'marker', pipeline: edited });
    assert.equal(results.length, 3);
    assert.deepEqual(ran.map((entry) => entry.split(':')[0]), ['base', 'marker', 'base', 'marker', 'base', 'marker']);
    assert.deepEqual(progress.map((p) => p.done), [1, 2, 3]);
    assert.ok(progress.every((p) => p.total === 3));

    const findings = await store.getFindings(id);
    assert.deepEqual(findings.map((f) => (f.data as unknown as { by: string }).by), ['lexicon bbbb0002']);
    const after = await store.getRuns(id);
    const byId = (runs: typeof before) => new Map(runs.map((run) => [run.analysis, run]));
    assert.notEqual(byId(after).get('marker')!.cacheKey, byId(before).get('marker')!.cacheKey);
    // downstream reads marker, so its key is stale now: kept as it was all the same.
    assert.deepEqual(byId(after).get('downstream'), byId(before).get('downstream'));
    assert.deepEqual(byId(after).get('flaky'), byId(before).get('flaky'));

    // A later analyze brings the stale downstream run up to date, and runs nothing else.
    ran.length = 0;
    for await (const result of analyzeInputs([path.join(root, 'a.txt')], { store, pipeline: testPipeline('bbbb0002', ran, failing), now: () => 'third' })) {
      assert.ok(result.kind === 'analysed');
    }
    assert.deepEqual(ran.map((entry) => entry.split(':')[0]), ['downstream'], 'marker is up to date: its stored records feed downstream');
    await store.close();
  });

  it('refuses an analysis that does not exist or is not stored, before doing anything', async () => {
    const store = SqliteStore.open(':memory:');
    const pipeline = testPipeline('aaaa0001', [], { on: false });
    await assert.rejects(reanalyse(store, { select: 'all', only: 'nope', pipeline }), (error: unknown) => error instanceof ReanalyzeError && /"nope" is not an analysis whose results are stored; choose one of flaky, marker, downstream/.test(error.message));
    await assert.rejects(reanalyse(store, { select: 'all', only: 'base', pipeline }), ReanalyzeError);
    await store.close();
  });
});

declare module '../core/finding.js' {
  interface FindingDataMap {
    'reanalyze-test-mark': { by: string };
  }
}
declare module '../core/resources.js' {
  interface ResourceMap {
    'reanalyze-test/lexicon': string;
  }
}
