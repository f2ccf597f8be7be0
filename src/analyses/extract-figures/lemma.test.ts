import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countedLemmasTable } from './data/counted-lemmas.generated.js';
import { countedLemma, irregularPlurals } from './lemma.js';

const lemma = (phrase: string) => countedLemma(countedLemmasTable, phrase);

test('the head noun is singular: regular endings and the plurals the table lists', () => {
  assert.deepEqual(['workers', 'families', 'bosses', 'churches', 'taxes', 'children', 'policemen', 'crises', 'passers-by', 'Covid-19 cases'].map(lemma), [
    'worker',
    'family',
    'boss',
    'church',
    'tax',
    'child',
    'policeman',
    'crisis',
    'passer-by',
    'covid-19 case',
  ]);
});

test('words before the head take the base degree of an adjective; other words stay as written', () => {
  assert.equal(lemma('best wireless speakers'), 'good wireless speaker');
  assert.equal(lemma('proudest moments'), 'proud moment');
  assert.equal(lemma('biggest crises'), 'big crisis');
  // Not degrees: a word in -est or -er that the table does not list.
  assert.equal(lemma('honest brokers'), 'honest broker');
  assert.equal(lemma('forest fires'), 'forest fire');
  assert.equal(lemma('former ministers'), 'former minister');
});

test('singular heads and words that only look plural stay', () => {
  assert.deepEqual(['virus', 'analysis', 'bus', 'series', 'news'].map(lemma), ['virus', 'analysis', 'bus', 'series', 'news']);
  // "best" is a degree only before the head; a head is never changed by the degree table.
  assert.equal(lemma('cleaner'), 'cleaner');
});

test('the irregular plurals are counted like plurals in -s', () => {
  const set = irregularPlurals(countedLemmasTable);
  assert.ok(set.has('children') && set.has('policemen'));
  assert.ok(!set.has('best'));
});
