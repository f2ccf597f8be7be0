import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Analysis } from '../core/analysis.js';
import type { Finding } from '../core/finding.js';
import type { Resource } from '../core/resources.js';
import { resourceValue } from '../core/resources.js';
import { spanAt } from '../core/span.js';
import { analyses as registry } from '../analyses/index.js';
import { bundledResources } from '../analyses/resources.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { DocumentSave, Store } from '../store/store.js';
import { analyzeInputs, type AnalyzeInputsOptions, type AnalyzeProgress, type InputResult } from './analyze-files.js';
import { modelResources } from './load-models.js';
import { createPipeline, type Pipeline } from './pipeline.js';

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
  // The same file name in another folder: without a headline, a text's title is its file name, and
  // the title is part of what analyses may read, so a copy under another name is analysed again.
  fs.mkdirSync(at('copy'));
  fs.writeFileSync(at('copy/a.txt'), ARTICLE);
  fs.writeFileSync(at('twins.jsonl'), `${JSON.stringify({ id: 'one', text: ARTICLE })}\n${JSON.stringify({ id: 'two', text: ARTICLE })}\n`);
  fs.writeFileSync(at('empty.txt'), '');
  fs.writeFileSync(at('first.jsonl'), `${JSON.stringify({ id: 'first', text: ARTICLE, publishedAt: '2024-03-01' })}\n`);
  fs.writeFileSync(at('repeat.jsonl'), `${JSON.stringify({ id: 'repeat', url: 'https://example.org/syndicated', text: ARTICLE, publishedAt: '2024-03-01' })}\n`);
  fs.writeFileSync(at('later.jsonl'), `${JSON.stringify({ id: 'later', text: ARTICLE, publishedAt: '2024-04-01' })}\n`);
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

async function collect(inputs: string[], store: Store | null, extra: Partial<AnalyzeInputsOptions> = {}): Promise<InputResult[]> {
  const results: InputResult[] = [];
  for await (const result of analyzeInputs(inputs, { store, now: () => '2024-01-01T00:00:00.000Z', ...extra })) results.push(result);
  return results;
}

function analysed(result: InputResult | undefined): Extract<InputResult, { kind: 'analysed' }> {
  assert.ok(result && result.kind === 'analysed', `expected an analysed result, got ${JSON.stringify(result)}`);
  return result;
}

describe('analyzeInputs', () => {
  it('analyses, saves, and takes an unchanged document from the store the second time', async () => {
    const store = SqliteStore.open(':memory:');
    const first = analysed((await collect([at('dir/a.txt')], store))[0]);
    const second = analysed((await collect([at('dir/a.txt')], store))[0]);
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    assert.deepEqual(second.ran, []);
    assert.equal(JSON.stringify(second.analysis), JSON.stringify(first.analysis));
    assert.equal(await store.countDocuments(), 1);
    const page = await store.listDocuments();
    assert.equal(page.items[0]!.analysedAt, '2024-01-01T00:00:00.000Z');
    assert.equal(page.items[0]!.recordCounts.quote, 1);
    // Another publication date is another cache key for every analysis.
    const dated = analysed((await collect([at('dir/a.txt')], store, { publishedAt: '2024-05-01' }))[0]);
    assert.equal(dated.cached, false);
    assert.equal(await store.countDocuments(), 1, 'the same input replaces its document');
    await store.close();
  });

  it('saves a document that repeats a stored text as a copy of that text’s record set', async () => {
    const store = SqliteStore.open(':memory:');
    await collect([at('first.jsonl')], store);
    const repeat = analysed((await collect([at('repeat.jsonl')], store))[0]);
    assert.equal(repeat.cached, true);
    const first = (await store.getStoredSet!('first'))!;
    const copied = (await store.getStoredSet!('repeat'))!;
    assert.ok(Buffer.from(copied.data).equals(Buffer.from(first.data)), 'the record set is the stored bytes');
    assert.deepEqual(await store.getRuns('repeat'), await store.getRuns('first'));
    assert.equal((await store.getDocument('repeat'))?.url, 'https://example.org/syndicated');
    // Another publication date is another cache key: analysed again, not copied.
    const later = analysed((await collect([at('later.jsonl')], store))[0]);
    assert.equal(later.cached, false);
    assert.ok(!Buffer.from((await store.getStoredSet!('later'))!.data).equals(Buffer.from(first.data)));
    await store.close();
  });

  it('with the analysis not needed, stores a repeated text as a copy without running anything, and reads the analysis only when asked', async () => {
    const read = SqliteStore.open(':memory:');
    const quiet = SqliteStore.open(':memory:');
    for (const store of [read, quiet]) await collect([at('first.jsonl')], store);
    const shown = analysed((await collect([at('repeat.jsonl')], read))[0]);
    const [result] = await collect([at('repeat.jsonl')], quiet, { analysisNeeded: false });
    const unread = analysed(result);
    assert.equal(unread.cached, true);
    assert.deepEqual(unread.ran, []);
    assert.equal(unread.errorCount, 0);
    assert.equal(unread.json, undefined);
    assert.ok(Buffer.from((await quiet.getStoredSet!('repeat'))!.data).equals(Buffer.from((await read.getStoredSet!('repeat'))!.data)));
    // Read after all, it is the analysis the pipeline gives.
    assert.equal(JSON.stringify(unread.analysis), JSON.stringify(shown.analysis));
    // A text not stored yet is analysed as usual.
    const fresh = analysed((await collect([at('dir/a.txt')], quiet, { analysisNeeded: false }))[0]);
    assert.equal(fresh.cached, false);
    assert.equal(fresh.analysis.quotes.length, 1);
    await read.close();
    await quiet.close();
  });

  it('copies a save prepared on an analysis thread and not yet written for a repeat in the same batch', async () => {
    const store = SqliteStore.open(':memory:');
    const results = (await collect([at('twins.jsonl')], store, { jobs: 2 })).map(analysed);
    assert.deepEqual(results.map((result) => result.cached), [false, true]);
    const one = (await store.getStoredSet!('one'))!;
    assert.ok(Buffer.from((await store.getStoredSet!('two'))!.data).equals(Buffer.from(one.data)));
    assert.deepEqual(await store.getFindings('two'), await store.getFindings('one'));
    await store.close();
  });

  it('keeps two inputs with identical text as two documents, the second reusing the first one’s results', async () => {
    const store = SqliteStore.open(':memory:');
    const results = (await collect([at('twins.jsonl'), at('dir/a.txt'), at('copy/a.txt')], store)).map(analysed);
    assert.deepEqual(
      results.map((result) => [result.analysis.document.id === 'one' || result.analysis.document.id === 'two' ? result.analysis.document.id : 'file', result.cached]),
      [
        ['one', false],
        ['two', true],
        // A text file is not a JSON record (format is part of the key), but its copy reuses it.
        ['file', false],
        ['file', true],
      ],
    );
    assert.equal(new Set(results.map((result) => result.analysis.document.id)).size, 4);
    assert.equal(await store.countDocuments(), 4);
    const quotes = results.map((result) => JSON.stringify(result.analysis.quotes));
    assert.equal(new Set(quotes).size, 1);
    await store.close();
  });

  it('turns a failing save into a failure of that document only, and keeps what was stored', async () => {
    const real = SqliteStore.open(':memory:');
    await collect([at('dir/sub/records.jsonl')], real);
    const store = Object.create(real) as Store;
    store.saveBatch = async (saves: readonly DocumentSave[]) => {
      if (saves.some((save) => save.document.id === 'r2')) throw new Error('disk full');
      return real.saveBatch(saves);
    };
    // Changing the date forces every document to be analysed and saved again.
    const results = await collect([at('dir/sub/records.jsonl')], store, { publishedAt: '2020-02-02' });
    assert.deepEqual(results.map((result) => result.kind), ['analysed', 'failed', 'analysed']);
    const failed = results[1]!;
    assert.ok(failed.kind === 'failed');
    assert.match(failed.diagnostic.message, /could not save the analysis \(disk full\)/);
    assert.equal(await real.countDocuments(), 3);
    assert.equal((await real.getDocument('r1'))!.publishedAt, '2020-02-02');
    assert.equal((await real.getDocument('r2'))!.publishedAt, null, 'the older copy of r2 is still there');
    await real.close();
  });

  it('writes many documents per transaction', async () => {
    const real = SqliteStore.open(':memory:');
    const batches: number[] = [];
    const store = Object.create(real) as Store;
    store.saveBatch = async (saves: readonly DocumentSave[]) => {
      batches.push(saves.length);
      return real.saveBatch(saves);
    };
    await collect([at('dir')], store, { batchSize: 4 });
    assert.deepEqual(batches, [4, 2]);
    await real.close();
  });

  it('analyses without a store, keeps going after a bad input, and names skipped files', async () => {
    const results = await collect([at('empty.txt'), at('missing.txt'), at('dir/a.txt'), at('dir')], null);
    assert.deepEqual(
      results.map((result) => result.kind),
      ['failed', 'failed', 'analysed', 'analysed', 'analysed', 'analysed', 'skipped', 'analysed', 'analysed', 'analysed'],
    );
    const skipped = results.find((result) => result.kind === 'skipped');
    assert.ok(skipped?.kind === 'skipped' && skipped.source.endsWith('notes.pdf'));
  });

  it('reports progress with the counted total', async () => {
    const seen: AnalyzeProgress[] = [];
    await collect([at('dir')], null, { onProgress: (progress) => seen.push(progress) });
    assert.equal(seen.length, 7);
    assert.deepEqual(seen.map((progress) => progress.done), [1, 2, 3, 4, 5, 6, 7]);
    assert.ok(seen.every((progress) => progress.total !== null && progress.total >= 6));
  });
});

declare module '../core/finding.js' {
  interface FindingDataMap {
    'cache-test-mark': { by: string };
  }
}
declare module '../core/resources.js' {
  interface ResourceMap {
    'cache-test/lexicon': readonly string[];
  }
}

describe('per-analysis cache', () => {
  /** base (not stored) <- lexical (reads the lexicon) <- downstream; independent reads base only. */
  function testPipeline(lexiconHash: string, ran: string[]): Pipeline {
    const mark = (analysis: string, document: { text: string }): Finding[] => [
      { id: `${analysis}-0`, analysis, kind: 'cache-test-mark' as never, span: spanAt(document.text, 0, 3), data: { by: analysis } as never },
    ];
    const counted = (analysis: Analysis): Analysis => ({
      ...analysis,
      run: (document, inputs, context) => {
        ran.push(analysis.id);
        return analysis.run(document, inputs, context);
      },
    });
    const analyses: Analysis[] = [
      counted({ id: 'base', version: '1', needs: [], emits: [], persist: false, describe: 'base', run: () => [] }),
      counted({
        id: 'lexical', version: '1', needs: ['base'], emits: ['cache-test-mark'], resources: ['cache-test/lexicon'], describe: 'lexical',
        run: (document, _inputs, context) => (resourceValue(context.resources, 'cache-test/lexicon').length > 0 ? mark('lexical', document) : []),
      }),
      counted({ id: 'downstream', version: '1', needs: ['lexical'], emits: [], describe: 'downstream', run: () => [] }),
      counted({ id: 'independent', version: '1', needs: ['base'], emits: [], describe: 'independent', run: () => [] }),
    ];
    const lexicon: Resource = { id: 'cache-test/lexicon', hash: lexiconHash, value: ['word'] } as Resource;
    return createPipeline(analyses, [lexicon]);
  }

  it('a lexicon edit re-runs only its analysis and those that need it; an unchanged input runs nothing', async () => {
    const store = SqliteStore.open(':memory:');
    const ran: string[] = [];
    await collect([at('dir/a.txt')], store, { pipeline: testPipeline('aaaa0001', ran) });
    assert.deepEqual(ran, ['base', 'lexical', 'downstream', 'independent']);

    ran.length = 0;
    const again = analysed((await collect([at('dir/a.txt')], store, { pipeline: testPipeline('aaaa0001', ran) }))[0]);
    assert.deepEqual(ran, [], 'nothing runs for an unchanged input');
    assert.equal(again.cached, true);

    ran.length = 0;
    const edited = analysed((await collect([at('dir/a.txt')], store, { pipeline: testPipeline('bbbb0002', ran) }))[0]);
    assert.deepEqual(ran, ['base', 'lexical', 'downstream'], 'independent is not re-run; base runs because lexical reads it and it is not stored');
    assert.deepEqual(edited.ran, ['base', 'lexical', 'downstream']);
    const runs = await store.getRuns(edited.analysis.document.id);
    assert.deepEqual(runs.map((run) => [run.analysis, run.status]).sort(), [
      ['base', 'ok'],
      ['downstream', 'ok'],
      ['independent', 'ok'],
      ['lexical', 'ok'],
    ]);
    await store.close();
  });

  it('with the real pipeline, an edited cue lexicon re-runs extract-quotes and changes its output', async () => {
    const store = SqliteStore.open(':memory:');
    const first = analysed((await collect([at('dir/a.txt')], store))[0]);
    assert.equal(first.analysis.quotes[0]?.cue?.stance, 'neutral');
    const edited = bundledResources.map((resource) =>
      resource.id === 'extract-quotes/reporting-verbs'
        ? ({
            ...resource,
            hash: 'feedface',
            value: (resource.value as ReadonlyArray<{ lemma: string; stance: string }>).map((row) => (row.lemma === 'say' ? { ...row, stance: 'distancing' } : row)),
          } as unknown as Resource)
        : resource,
    );
    const second = analysed((await collect([at('dir/a.txt')], store, { pipeline: createPipeline(registry, [...edited, ...modelResources()]) }))[0]);
    assert.ok(second.ran.includes('extract-quotes'));
    assert.equal(second.cached, false);
    assert.equal(second.analysis.quotes[0]?.cue?.stance, 'distancing');
    await store.close();
  });
});
