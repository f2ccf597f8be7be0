import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisJson, QuoteJson } from '../api/index.js';
import type { Review } from '../store/store.js';
import { applyReviews } from './apply-reviews.js';

const TEXT = 'Intro line. "We will rebuild," said Ana Ruiz. "Never again," said Tom Lee.';

function quote(id: string, piece: string, speaker: string): QuoteJson {
  const start = TEXT.indexOf(piece);
  const span = { start, end: start + piece.length, text: piece };
  return { id, analysis: 'extract-quotes', type: 'direct', content: span, contents: [span], cue: null, speaker: { entityId: null, name: speaker, mention: null, basis: 'stated' }, date: null, voice: 'quoted' };
}

function analysis(quotes: QuoteJson[], text = TEXT): AnalysisJson {
  return {
    schema: 'claimtrace/analysis@1',
    tool: { name: 'claimtrace', version: '0' },
    document: { id: 'd1', title: null, url: null, publishedAt: null, format: 'text', contentHash: 'h', length: text.length, text },
    entities: [],
    quotes,
    figures: [],
    dates: [],
    framing: [],
    claims: [],
    events: [],
    diagnostics: [],
  };
}

function review(target: string, piece: string, facet: Review['facet'], value: unknown, at = '2026-01-01T00:00:00.000Z'): Review {
  const start = TEXT.indexOf(piece);
  return { documentId: 'd1', targetKind: 'quote', target, facet, action: facet === 'status' ? 'reject' : 'set-speaker', value, anchor: { start, end: start + piece.length, text: piece }, who: 'ed', at };
}

test('a decision applies to its record and is reported on it', () => {
  const out = applyReviews(analysis([quote('q1', 'We will rebuild,', 'Ana Ruiz')]), [review('q1', 'We will rebuild,', 'status', 'rejected')]);
  assert.equal(out.quotes[0]!.review?.status, 'rejected');
  assert.deepEqual(out.review, { decisions: 1, unanchored: [] });
});

test('after re-analysis a decision follows its text to a record with a new id', () => {
  const reanalysed = analysis([quote('q-new-2', 'Never again,', 'Tom Lee'), quote('q-new-1', 'We will rebuild,', 'Ana Ruiz')]);
  const out = applyReviews(reanalysed, [review('q1', 'We will rebuild,', 'speaker', { name: 'Ana María Ruiz', entityId: null })]);
  const moved = out.quotes.find((q) => q.id === 'q-new-1')!;
  assert.equal(moved.speaker?.name, 'Ana María Ruiz');
  assert.equal(moved.review?.originalSpeaker?.name, 'Ana Ruiz');
  assert.equal(out.quotes.find((q) => q.id === 'q-new-2')!.review, undefined);
});

test('an id that now names another text does not take the decision', () => {
  const reanalysed = analysis([quote('q1', 'Never again,', 'Tom Lee'), quote('q2', 'We will rebuild,', 'Ana Ruiz')]);
  const out = applyReviews(reanalysed, [review('q1', 'We will rebuild,', 'status', 'rejected')]);
  assert.equal(out.quotes.find((q) => q.id === 'q1')!.review, undefined);
  assert.equal(out.quotes.find((q) => q.id === 'q2')!.review?.status, 'rejected');
});

test('a decision whose text is gone is listed as unanchored, not dropped', () => {
  const out = applyReviews(analysis([quote('q2', 'Never again,', 'Tom Lee')]), [review('q1', 'We will rebuild,', 'status', 'rejected')]);
  assert.equal(out.review.unanchored.length, 1);
  assert.equal(out.review.unanchored[0]!.anchor?.text, 'We will rebuild,');
});

test('decisions of other documents are ignored', () => {
  const other = { ...review('q1', 'We will rebuild,', 'status', 'rejected'), documentId: 'd2' };
  const out = applyReviews(analysis([quote('q1', 'We will rebuild,', 'Ana Ruiz')]), [other]);
  assert.equal(out.quotes[0]!.review, undefined);
  assert.equal(out.review.decisions, 0);
});
