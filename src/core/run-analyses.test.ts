import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRunContext, type Analysis } from './analysis.js';
import { createDocument } from './document.js';
import type { Finding } from './finding.js';
import { RegistryError, runAnalyses, validateRegistry } from './run-analyses.js';
import { spanAt } from './span.js';

declare module './finding.js' {
  interface FindingDataMap {
    'test-word': { word: string };
    'test-pair': { count: number };
    'test-note': { uses: string[] };
  }
}

const TEXT = 'alpha beta gamma';
const document = createDocument({ id: 'd', text: TEXT, contentHash: 'a'.repeat(64) });
const context = createRunContext();

function word(analysis: string, start: number, end: number): Finding<'test-word'> {
  return { id: `w${start}-${end}`, analysis, kind: 'test-word', span: spanAt(TEXT, start, end), data: { word: TEXT.slice(start, end) } };
}

/** A, B needs A, C uses A (optional), D needs B. */
function pipeline(overrides: Partial<Record<'a' | 'b' | 'c' | 'd', Partial<Analysis>>> = {}): Analysis[] {
  const calls: string[] = [];
  const a: Analysis = { id: 'a', version: '1', needs: [], emits: ['test-word'], describe: 'words', run: () => [word('a', 0, 5), word('a', 6, 10)], ...overrides.a };
  const b: Analysis = {
    id: 'b', version: '1', needs: ['a'], emits: ['test-pair'], describe: 'pairs',
    run: (_d, inputs) => [{ id: 'p', analysis: 'b', kind: 'test-pair', span: spanAt(TEXT, 0, 10), data: { count: inputs.a!.length } }],
    ...overrides.b,
  };
  const c: Analysis = {
    id: 'c', version: '1', needs: [], uses: ['a'], emits: ['test-note'], describe: 'notes',
    run: (_d, inputs) => [{ id: 'n', analysis: 'c', kind: 'test-note', span: spanAt(TEXT, 11, 16), data: { uses: Object.keys(inputs) } }],
    ...overrides.c,
  };
  const d: Analysis = { id: 'd', version: '1', needs: ['b'], emits: [], describe: 'nothing', run: () => (calls.push('d'), []), ...overrides.d };
  return [a, b, c, d];
}

describe('validateRegistry', () => {
  it('accepts a well-ordered registry', () => {
    assert.doesNotThrow(() => validateRegistry(pipeline()));
  });
  it('refuses an id registered twice', () => {
    const [a] = pipeline();
    assert.throws(() => validateRegistry([a!, { ...a!, emits: [] }]), RegistryError);
  });
  it('refuses a need registered later, and says to move it', () => {
    const [a, b] = pipeline();
    assert.throws(() => validateRegistry([b!, a!]), /registered after it; move "a" earlier/);
  });
  it('refuses a need or a use that is not registered', () => {
    const [, b, c] = pipeline();
    assert.throws(() => validateRegistry([b!]), /needs "a", which is not registered/);
    assert.throws(() => validateRegistry([c!]), /needs "a", which is not registered/);
  });
  it('refuses two producers of one record kind', () => {
    const list = pipeline({ c: { emits: ['test-word'] } });
    assert.throws(() => validateRegistry(list), /"test-word" is emitted by both "a" and "c"/);
  });
  it('runAnalyses validates too', () => {
    const [a, b] = pipeline();
    assert.throws(() => runAnalyses(document, [b!, a!], context), RegistryError);
  });
});

describe('runAnalyses', () => {
  it('hands each analysis what it needs and uses, in order', () => {
    const result = runAnalyses(document, pipeline(), context);
    assert.deepEqual(Object.keys(result.findings), ['a', 'b', 'c', 'd']);
    assert.equal((result.findings.b![0]!.data as { count: number }).count, 2);
    assert.deepEqual((result.findings.c![0]!.data as { uses: string[] }).uses, ['a']);
    assert.deepEqual(Object.values(result.runs).map((run) => run.status), ['ok', 'ok', 'ok', 'ok']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('turns a throw into an error, skips what needs it, and runs what only uses it', () => {
    const result = runAnalyses(document, pipeline({ a: { run: () => { throw new Error('boom'); } } }), context);
    assert.equal(result.runs.a!.status, 'failed');
    assert.equal(result.runs.b!.status, 'skipped');
    assert.equal(result.runs.d!.status, 'skipped');
    assert.equal(result.runs.c!.status, 'ok');
    assert.equal(result.findings.a, undefined);
    assert.equal(result.findings.b, undefined);
    assert.equal(result.findings.d, undefined);
    assert.deepEqual((result.findings.c![0]!.data as { uses: string[] }).uses, []);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.analysis, d.severity, d.message]),
      [
        ['a', 'error', 'failed: boom'],
        ['b', 'error', 'skipped because "a" failed'],
        ['c', 'warning', 'ran without "a", which did not succeed'],
        ['d', 'error', 'skipped because "b" failed'],
      ],
    );
  });

  it('fails an analysis that emits a kind it did not declare', () => {
    const result = runAnalyses(document, pipeline({ c: { run: () => [word('c', 0, 5)] } }), context);
    assert.equal(result.runs.c!.status, 'failed');
    assert.match(result.diagnostics.find((d) => d.analysis === 'c')!.message, /does not declare in emits/);
  });

  it('reuses stored runs and runs only what is not reused', () => {
    const ran: string[] = [];
    const list = pipeline().map((analysis) => ({ ...analysis, run: (...args: Parameters<Analysis['run']>) => (ran.push(analysis.id), analysis.run(...args)) }));
    const stored = [word('a', 0, 5)];
    const result = runAnalyses(document, list, context, {
      reuse: (analysis) => (analysis.id === 'a' ? { findings: stored, diagnostics: [] } : null),
    });
    assert.deepEqual(ran, ['b', 'c', 'd']);
    assert.equal(result.runs.a!.status, 'reused');
    assert.equal((result.findings.b![0]!.data as { count: number }).count, 1);
  });

  it('does not run an unstored analysis that nothing running reads', () => {
    const ran: string[] = [];
    const list = pipeline({ a: { persist: false } }).map((analysis) => ({
      ...analysis,
      run: (...args: Parameters<Analysis['run']>) => (ran.push(analysis.id), analysis.run(...args)),
    }));
    runAnalyses(document, list, context, { reuse: () => ({ findings: [], diagnostics: [] }) });
    assert.deepEqual(ran, []);
    ran.length = 0;
    runAnalyses(document, list, context, { reuse: (analysis) => (analysis.id === 'c' || analysis.id === 'd' ? { findings: [], diagnostics: [] } : null) });
    assert.deepEqual(ran, ['a', 'b']);
  });

  it('measures durations only with a clock', () => {
    let now = 0;
    const result = runAnalyses(document, pipeline(), context, { clock: () => (now += 5) });
    assert.equal(result.runs.a!.durationMs, 5);
    assert.equal(runAnalyses(document, pipeline(), context).runs.a!.durationMs, null);
  });
});
