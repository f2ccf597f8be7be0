import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoldValue, type NewsQuantQuantity } from '../../eval/datasets/newsquant.js';
import type { FigureSpecCase } from '../../eval/datasets/recognizers-numbers.js';
import {
  checkSpecCase,
  matchSentence,
  normaliseUnit,
  predictedUnit,
  predictedValue,
  scoreNewsQuant,
  unitsAgree,
  valuesEqual,
  type PredictedFigure,
} from '../../eval/scorers/figures.js';

function figure(text: string, start: number, init: Partial<PredictedFigure>): PredictedFigure {
  return { span: { start, end: start + text.length, text }, value: null, min: null, max: null, approx: 'exact', unit: null, counted: null, ...init };
}

function gold(value: string, normalizedUnit: string, change = '='): NewsQuantQuantity {
  return { change, value, unit: normalizedUnit, normalizedUnit, concept: '-' };
}

test('gold values are numbers or low-high ranges, anything else is unscorable', () => {
  assert.equal(parseGoldValue('800000000.0'), 800000000);
  assert.deepEqual(parseGoldValue('252.0-287.0'), [252, 287]);
  assert.deepEqual(parseGoldValue('2.0-0.0'), [2, 0]);
  assert.equal(parseGoldValue('about ten'), null);
});

test('a range or vague figure is compared by its two bounds, an exact one by its value', () => {
  assert.deepEqual(predictedValue(figure('3,000 to 4,000', 0, { min: 3000, max: 4000, approx: 'range' })), [3000, 4000]);
  assert.equal(predictedValue(figure('more than 40', 0, { value: 40, min: 40 })), 40);
  assert.ok(valuesEqual(1 / 3, 0.3333333333333333));
  assert.ok(!valuesEqual(40, 41));
  assert.ok(!valuesEqual(40, [40, 50]));
});

test('units: codes become names, counted nouns are singular, unitless gold wants no unit and no counted noun', () => {
  assert.equal(normaliseUnit('Heart Transplants'), 'heart transplant');
  assert.equal(normaliseUnit('viruses'), 'virus');
  assert.equal(normaliseUnit('virus'), 'virus');
  assert.equal(normaliseUnit('analysis'), 'analysis');
  assert.equal(normaliseUnit('centuries'), 'century');
  assert.equal(predictedUnit(figure('$5m', 0, { value: 5e6, unit: 'USD' })), 'dollar');
  assert.equal(predictedUnit(figure('3,500', 0, { value: 3500, unit: 'people', counted: 'workers' })), 'workers');
  assert.ok(unitsAgree('dollar', 'dollar'));
  assert.ok(unitsAgree('dollar per barrel', 'dollar'));
  assert.ok(unitsAgree('heart transplant', 'transplants'));
  assert.ok(unitsAgree('-', null));
  assert.ok(unitsAgree('foot pound-force', 'pound-foot'));
  assert.ok(!unitsAgree('-', 'workers'));
  assert.ok(!unitsAgree('euro', 'dollar'));
});

test('matching is one to one by value, in text order', () => {
  const predicted = [figure('6', 0, { value: 6, unit: 'USD' }), figure('40 yard', 10, { value: 40, unit: 'yd' }), figure('6', 20, { value: 6 })];
  const m = matchSentence([gold('6.0', 'dollar'), gold('40.0', 'yard'), gold('7.0', '-')], predicted);
  assert.equal(m.matched.length, 2);
  assert.ok(m.matched.every((p) => p.unitAgrees));
  assert.deepEqual(m.missed.map((g) => g.value), ['7.0']);
  assert.deepEqual(m.spurious.map((p) => p.span.start), [20]);
});

test('scores count predictions, gold and matches over all sentences', () => {
  const s = scoreNewsQuant([
    { index: 0, text: 'a', gold: [gold('6.0', 'dollar'), gold('2.0', 'hour')], predicted: [figure('$6', 0, { value: 6, unit: 'USD' }), figure('two', 5, { value: 2 })] },
    { index: 1, text: 'b', gold: [], predicted: [figure('one', 0, { value: 1 })] },
  ]);
  assert.equal(s.value.tp, 2);
  assert.equal(s.value.predicted, 3);
  assert.equal(s.value.gold, 2);
  assert.equal(s.value.recall, 1);
  assert.equal(s.valueUnit.tp, 1);
  assert.deepEqual(s.recallByChange['='], { gold: 2, found: 2 });
});

test('a spec case passes on value and currency, fails on a missed quantity, an ordinal or an extra number', () => {
  const base: FigureSpecCase = {
    id: 'CurrencyModel#0',
    file: 'CurrencyModel.json',
    input: 'paid $94,000 in 3 parts',
    expected: [{ start: 5, end: 12, text: '$94,000', type: 'currency', value: 94000, min: null, max: null, currency: 'USD' }],
    noFigure: [],
  };
  const paid = figure('$94,000', 5, { value: 94000, unit: 'USD' });
  const three = figure('3', 16, { value: 3 });
  assert.deepEqual(checkSpecCase(base, [paid, three]).reasons, []);
  assert.match(checkSpecCase(base, [figure('$94,000', 5, { value: 94000, unit: 'EUR' })]).reasons[0]!, /currency USD/);
  assert.match(checkSpecCase(base, []).reasons[0]!, /missed/);
  const numberModel = { ...base, file: 'NumberModel.json' };
  assert.match(checkSpecCase(numberModel, [paid, three]).reasons[0]!, /extra figure "3"/);
  const ordinal: FigureSpecCase = { ...base, expected: [], noFigure: [{ start: 0, end: 4, text: '21st' }] };
  assert.match(checkSpecCase(ordinal, [figure('21', 0, { value: 21 })]).reasons[0]!, /ordinal/);
  const range: FigureSpecCase = { ...base, expected: [{ start: 0, end: 17, text: 'between 20 and 30', type: 'numberrange', value: null, min: 20, max: 30, currency: null }] };
  assert.deepEqual(checkSpecCase(range, [figure('between 20 and 30', 0, { min: 20, max: 30, approx: 'range' })]).reasons, []);
});

test('a counted noun agrees through its lemma ("best speakers" / gold "good speaker"), a unit of measure never does', () => {
  const counted = figure('one', 0, { value: 1, counted: 'best wireless speakers', countedLemma: 'good wireless speaker' });
  assert.ok(matchSentence([gold('1.0', 'good wireless speaker')], [counted]).matched[0]!.unitAgrees);
  assert.ok(!matchSentence([gold('1.0', 'good wireless speaker')], [{ ...counted, countedLemma: null }]).matched[0]!.unitAgrees);
  // With a unit of measure the unit is what is compared, whatever the lemma of a counted noun.
  const measured = figure('3 km', 0, { value: 3, unit: 'km', counted: 'roads', countedLemma: 'road' });
  assert.ok(!matchSentence([gold('3.0', 'road')], [measured]).matched[0]!.unitAgrees);
  assert.equal(predictedUnit({ ...measured, unit: 'm3' }), 'cubic metre');
});

test('of two figures with the gold value, the one whose unit agrees is paired, as in the set authors\' scorer', () => {
  const goals = figure('2 goals', 0, { value: 2, counted: 'goals' });
  const assists = figure('2 assists', 12, { value: 2, counted: 'assists' });
  const m = matchSentence([gold('2.0', 'assist'), gold('2.0', 'goal')], [goals, assists]);
  assert.equal(m.matched.length, 2);
  assert.ok(m.matched.every((p) => p.unitAgrees));
  assert.equal(m.matched[0]!.predicted, assists);
  // With no agreeing unit the first figure with the value is paired, and its unit is wrong.
  const only = matchSentence([gold('2.0', 'point')], [goals, assists]);
  assert.equal(only.matched[0]!.predicted, goals);
  assert.ok(!only.matched[0]!.unitAgrees);
});

test('unit codes take the canonical names of the set authors\' unit dictionary', () => {
  assert.equal(predictedUnit(figure('5 tonnes', 0, { value: 5, unit: 't' })), 'metric ton');
  assert.equal(predictedUnit(figure('5 roubles', 0, { value: 5, unit: 'RUB' })), 'russian ruble');
  assert.equal(predictedUnit(figure('5 lb', 0, { value: 5, unit: 'lb' })), 'pound-mass');
  assert.ok(unitsAgree('metric ton', predictedUnit(figure('5 t', 0, { value: 5, unit: 't' }))));
  assert.ok(unitsAgree('turkish lira', predictedUnit(figure('5 lira', 0, { value: 5, unit: 'TRY' }))));
  assert.ok(!unitsAgree('euro', predictedUnit(figure('5 lira', 0, { value: 5, unit: 'TRY' }))));
});
