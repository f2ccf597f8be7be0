import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRunContext, type Analysis } from '../core/analysis.js';
import { createResources, type Resource } from '../core/resources.js';
import { analysisCacheKeys } from './cache-key.js';

function analysis(id: string, fields: Partial<Analysis> = {}): Analysis {
  return { id, version: '1', needs: [], emits: [], describe: id, run: () => [], ...fields };
}

/** seg <- quotes (reads the lexicon) <- claims; dates is independent of quotes. */
function registry(versions: Record<string, string> = {}): Analysis[] {
  return [
    analysis('seg', { version: versions.seg ?? '1' }),
    analysis('dates', { version: versions.dates ?? '1', needs: ['seg'] }),
    analysis('quotes', { version: versions.quotes ?? '1', needs: ['seg'], uses: ['dates'], resources: ['lexicon' as never] }),
    analysis('claims', { version: versions.claims ?? '1', needs: ['quotes'] }),
  ];
}

function context(lexiconHash = 'aaaa1111', extra: Parameters<typeof createRunContext>[0] = {}) {
  const lexicon = { id: 'lexicon', hash: lexiconHash, value: [] } as unknown as Resource;
  return createRunContext({ publishedAt: '2024-01-01', resources: createResources([lexicon]), ...extra });
}

const facts = { title: 'T', format: 'text' as const };

describe('analysisCacheKeys', () => {
  const base = analysisCacheKeys(registry(), context(), facts);

  it('gives each analysis its own key', () => {
    assert.equal(new Set(base.values()).size, 4);
    assert.deepEqual([...base.keys()], ['seg', 'dates', 'quotes', 'claims']);
  });

  it('a version bump changes that analysis and what reads it, nothing upstream or beside it', () => {
    const bumped = analysisCacheKeys(registry({ quotes: '2' }), context(), facts);
    assert.equal(bumped.get('seg'), base.get('seg'));
    assert.equal(bumped.get('dates'), base.get('dates'));
    assert.notEqual(bumped.get('quotes'), base.get('quotes'));
    assert.notEqual(bumped.get('claims'), base.get('claims'));
  });

  it('an upstream version bump reaches every analysis downstream, through optional uses too', () => {
    const bumped = analysisCacheKeys(registry({ dates: '2' }), context(), facts);
    assert.equal(bumped.get('seg'), base.get('seg'));
    assert.notEqual(bumped.get('dates'), base.get('dates'));
    assert.notEqual(bumped.get('quotes'), base.get('quotes'));
    assert.notEqual(bumped.get('claims'), base.get('claims'));
  });

  it('a resource edit changes the analyses that read it and those downstream only', () => {
    const edited = analysisCacheKeys(registry(), context('bbbb2222'), facts);
    assert.equal(edited.get('seg'), base.get('seg'));
    assert.equal(edited.get('dates'), base.get('dates'));
    assert.notEqual(edited.get('quotes'), base.get('quotes'));
    assert.notEqual(edited.get('claims'), base.get('claims'));
  });

  it('the publication date, options and title are part of every key', () => {
    for (const other of [
      analysisCacheKeys(registry(), context('aaaa1111', { publishedAt: '2024-02-02' }), facts),
      analysisCacheKeys(registry(), context('aaaa1111', { options: { strict: true } }), facts),
      analysisCacheKeys(registry(), context(), { ...facts, title: 'Other' }),
    ]) {
      for (const id of base.keys()) assert.notEqual(other.get(id), base.get(id), id);
    }
  });

  it('is deterministic', () => {
    assert.deepEqual(analysisCacheKeys(registry(), context(), facts), base);
  });
});
