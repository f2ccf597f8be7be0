import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iobEntities, parseConll } from '../../eval/datasets/conll2003.js';
import { EntityScorer } from '../../eval/scorers/entities.js';

test('iobEntities reads IOB2 and IOB1 runs as conlleval does', () => {
  assert.deepEqual(iobEntities(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG']), [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'LOC' },
    { start: 4, end: 5, type: 'LOC' },
    { start: 5, end: 6, type: 'ORG' },
  ]);
  assert.deepEqual(iobEntities(['I-MISC', 'I-MISC', 'I-PER']), [
    { start: 0, end: 2, type: 'MISC' },
    { start: 2, end: 3, type: 'PER' },
  ]);
});

test('parseConll splits documents and sentences', () => {
  const docs = parseConll('-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nsang VBD B-VP O\n\nOslo NNP B-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nHi UH O O\n');
  assert.equal(docs.length, 2);
  assert.deepEqual(docs[0]!.sentences.map((s) => s.tokens), [['Anna', 'sang'], ['Oslo']]);
  assert.deepEqual(docs[0]!.sentences[0]!.tags, ['B-PER', 'O']);
});

test('exact match needs the same span and type; precision, recall and F1 per type and overall', () => {
  const scorer = new EntityScorer();
  scorer.add(
    [
      { key: '0:2', type: 'PER' },
      { key: '3:4', type: 'LOC' },
      { key: '5:6', type: 'ORG' },
    ],
    [
      { key: '0:2', type: 'PER' },
      { key: '3:4', type: 'ORG' },
      { key: '5:7', type: 'ORG' },
    ],
  );
  const s = scorer.scores();
  assert.deepEqual([s.overall.tp, s.overall.fp, s.overall.fn], [1, 2, 2]);
  assert.equal(s.byType.PER!.f1, 1);
  assert.equal(s.byType.LOC!.recall, 0);
  assert.equal(s.byType.ORG!.precision, 0);
  assert.ok(Math.abs(s.overall.f1 - 1 / 3) < 1e-12);
});
