import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createRunContext, type Analysis } from '../core/analysis.js';
import { createResources, type Resource } from '../core/resources.js';
import { analysisCacheKeys } from './cache-key.js';
import { loadDefaultPipeline } from './pipeline.js';

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

/** The keys as first defined: the JSON text of one object per analysis, hashed. The fast path must match it byte for byte. */
function referenceKeys(analyses: readonly Analysis[], ctx: ReturnType<typeof createRunContext>, document: { title: string | null; format: string }): Map<string, string> {
  const shared = {
    publishedAt: ctx.publishedAt,
    locale: ctx.locale,
    options: Object.keys(ctx.options)
      .sort()
      .map((key) => [key, ctx.options[key]]),
    title: document.title,
    format: document.format,
  };
  const keys = new Map<string, string>();
  for (const a of analyses) {
    const material = JSON.stringify({
      analysis: a.id,
      version: a.version,
      resources: (a.resources ?? [])
        .slice()
        .sort()
        .map((id) => [id, (ctx.resources as Readonly<Record<string, { hash: string } | undefined>>)[id]?.hash ?? null]),
      ...shared,
      inputs: [...a.needs, ...(a.uses ?? [])].map((id) => [id, keys.get(id) ?? null]),
    });
    keys.set(a.id, createHash('sha256').update(material).digest('hex').slice(0, 32));
  }
  return keys;
}

describe('analysisCacheKeys, byte for byte', () => {
  it('gives the keys of the one-object definition, so stores written before keep their cache', () => {
    const analyses = registry();
    const contexts = [
      context(),
      context('bbbb2222', { publishedAt: null }),
      context('cccc3333', { options: { b: 1, a: 'x"\u2028y', nested: { z: [1, null] } }, locale: 'en-GB' }),
    ];
    const documents = [facts, { title: null, format: 'html' as const }, { title: 'Quote "marks" and \\ slashes \u00e9', format: 'json' as const }];
    for (const ctx of contexts) {
      for (const document of documents) {
        // Twice: the second call reads the parts cached for this registry and resource set.
        assert.deepEqual(analysisCacheKeys(analyses, ctx, document), referenceKeys(analyses, ctx, document));
        assert.deepEqual(analysisCacheKeys(analyses, ctx, document), referenceKeys(analyses, ctx, document));
      }
    }
  });

  it('matches for the default pipeline with its lexicons and models', () => {
    const pipeline = loadDefaultPipeline();
    const ctx = createRunContext({ publishedAt: '2005-03-01', resources: pipeline.resources });
    assert.deepEqual(analysisCacheKeys(pipeline.analyses, ctx, facts), referenceKeys(pipeline.analyses, ctx, facts));
  });

  it('does not reuse the parts of an analysis replaced in the same array', () => {
    const analyses = registry();
    const ctx = context();
    const before = analysisCacheKeys(analyses, ctx, facts);
    analyses[2] = analysis('quotes', { version: '9', needs: ['seg'], uses: ['dates'], resources: ['lexicon' as never] });
    const after = analysisCacheKeys(analyses, ctx, facts);
    assert.notEqual(after.get('quotes'), before.get('quotes'));
    assert.deepEqual(after, referenceKeys(analyses, ctx, facts));
  });
});
