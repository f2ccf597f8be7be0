import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuoteJson } from '../api/analysis-json.js';
import { createDocument } from '../core/document.js';
import type { Finding } from '../core/finding.js';
import { spanAt } from '../core/span.js';
import { CompositionError, toAnalysisJson } from './to-analysis-json.js';
import { hashText } from './hash-text.js';

const TEXT = '“One,” she said. “Two,” he said. Later, “three,” they said.';
const document = createDocument({ id: 'doc', text: TEXT, contentHash: hashText(TEXT), publishedAt: '2024-01-02' });

function quote(analysis: string, needle: string, id?: string, basis?: 'stated' | 'inferred'): Finding<'quote'> {
  const start = TEXT.indexOf(needle);
  const content = spanAt(TEXT, start, start + needle.length);
  return {
    id: id ?? `q${content.start}-${content.end}`,
    analysis,
    kind: 'quote',
    span: content,
    data: { type: 'direct', content, contents: [content], cue: null, speaker: null, date: null, voice: 'quoted' },
    ...(basis ? { basis } : {}),
    reason: 'test',
    evidence: [],
  };
}

describe('toAnalysisJson', () => {
  it('sorts every contract array by span, whatever order the analyses gave', () => {
    const json = toAnalysisJson(document, {
      findings: { 'extract-quotes': [quote('extract-quotes', 'three'), quote('extract-quotes', 'One'), quote('extract-quotes', 'Two')] },
      diagnostics: [],
    });
    assert.deepEqual(json.quotes.map((q) => q.content.text), ['One', 'Two', 'three']);
  });

  it('keeps internal kinds out and carries basis, reason and non-empty evidence', () => {
    const sentence = { id: 's0', analysis: 'segment-text', kind: 'sentence', span: spanAt(TEXT, 0, 16), data: { index: 0, paragraph: 0 } } as Finding;
    const json = toAnalysisJson(document, {
      findings: { 'segment-text': [sentence], 'extract-quotes': [quote('extract-quotes', 'One', undefined, 'inferred')] },
      diagnostics: [{ severity: 'warning', message: 'w', span: null, analysis: 'extract-quotes' }],
    });
    const record = json.quotes[0] as QuoteJson & { basis?: string };
    assert.equal(json.quotes.length, 1);
    assert.equal(record.basis, 'inferred');
    assert.equal(record.reason, 'test');
    assert.equal('evidence' in record, false);
    assert.deepEqual(Object.keys(record).slice(0, 2), ['id', 'analysis']);
    assert.equal(json.diagnostics.length, 1);
    assert.equal(json.document.text, TEXT);
    assert.equal(json.document.length, TEXT.length);
  });

  it('fails loudly when two analyses fill the same contract array', () => {
    assert.throws(
      () => toAnalysisJson(document, { findings: { a: [quote('a', 'One')], b: [quote('b', 'Two')] }, diagnostics: [] }),
      (error: unknown) => error instanceof CompositionError && /"quotes" is produced by both "a" and "b"/.test(error.message),
    );
  });

  it('fails loudly when two records share an id', () => {
    assert.throws(
      () => toAnalysisJson(document, { findings: { a: [quote('a', 'One', 'q1'), quote('a', 'Two', 'q1')] }, diagnostics: [] }),
      /record id "q1" is used twice/,
    );
  });
});
