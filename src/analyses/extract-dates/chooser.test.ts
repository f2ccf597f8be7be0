import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateFeatures, chooseCandidate, decisionOf, granularityOfValue, type Decision } from './chooser.js';
import type { Draft } from './recognise.js';
import type { Earlier } from './resolve.js';
import type { LogisticRegression } from '../../learn/logistic-regression.js';

const published = { y: 1989, m: 11, d: 2 };

function draft(spec: Draft['spec'], granularity: Draft['granularity'] = 'day', rule = 'test'): Draft {
  return { start: 40, end: 46, type: 'DATE', granularity, spec, rule, mod: null };
}

const values = (d: Decision | null) => d?.candidates.map((c) => `${c.kind}=${c.value}`);

describe('the candidates of the date chooser', () => {
  it('a bare weekday, month or month–day: the last one and the coming one from the publication date', () => {
    assert.deepEqual(values(decisionOf(draft({ k: 'weekday', wd: 1, shift: null, part: null }), [], published, 'publishedAt')), ['past=1989-10-30', 'future=1989-11-06']);
    assert.deepEqual(values(decisionOf(draft({ k: 'month', m: 2, shift: null }, 'month'), [], published, 'publishedAt')), ['past=1989-02', 'future=1990-02']);
    assert.deepEqual(values(decisionOf(draft({ k: 'month-day', m: 11, d: 21 }), [], published, 'publishedAt')), ['past=1988-11-21', 'future=1989-11-21']);
  });

  it('nothing to choose: "last Monday", a stated date, no publication date, or a date counted from the story\'s own frame', () => {
    assert.equal(decisionOf(draft({ k: 'weekday', wd: 1, shift: -1, part: null }), [], published, 'publishedAt'), null);
    assert.equal(decisionOf(draft({ k: 'absolute', value: '1989-10-30' }), [], published, null), null);
    assert.equal(decisionOf(draft({ k: 'month', m: 2, shift: null }, 'month'), [], null, null), null);
    assert.equal(decisionOf(draft({ k: 'month', m: 12, shift: null }, 'month'), [], published, 'd3-13'), null);
  });

  it('"a year ago": the publication date a year back at each granularity, and the quarter the story spoke of', () => {
    const quarter: Earlier = { id: 'd0-17', start: 0, value: '1989-Q3', basis: 'inferred', paragraph: 1, sentence: 0, chained: false };
    assert.deepEqual(values(decisionOf(draft({ k: 'unit-shift', unit: 'Y', n: -1 }, 'year', 'duration'), [quarter], published, 'publishedAt')), [
      'year=1988',
      'quarter=1988-Q4',
      'month=1988-11',
      'day=1988-11-02',
      'story-period=1988-Q3',
    ]);
  });

  it('"a year earlier" counted from a year of the story stays a year; "the year-ago quarter" is only ever a quarter', () => {
    const year: Earlier = { id: 'd0-4', start: 0, value: '2004', basis: 'stated', paragraph: 1, sentence: 0, chained: false };
    assert.deepEqual(values(decisionOf(draft({ k: 'story-shift', unit: 'Y', n: -1 }, 'year', 'duration'), [year], published, 'd0-4')), ['year=2003']);
    assert.deepEqual(values(decisionOf(draft({ k: 'story-shift', unit: 'Y', n: -1, fallback: -1 }, 'quarter', 'year-earlier'), [], published, 'publishedAt')), ['quarter=1988-Q4']);
  });
});

describe('choosing a candidate', () => {
  const text = 'The board met and will vote again on Monday, officials said.';
  const d: Draft = { start: 37, end: 43, type: 'DATE', granularity: 'day', spec: { k: 'weekday', wd: 1, shift: null, part: null }, rule: 'weekday', mod: null };
  const decision = decisionOf(d, [], published, 'publishedAt')!;
  const mask = 255;
  const features = candidateFeatures(d, decision, '1989-10-30', [], { text, published, future: true, tense: null, paragraph: 1 }, mask);

  /** A model whose only weight is on one feature id: the log-odds of a candidate is that weight when it has the feature. */
  function modelFavouring(feature: number, weight: number): LogisticRegression {
    const weights = new Float64Array((mask + 1) * 2);
    weights[feature * 2 + 1] = weight;
    return { labels: ['other', 'gold'], buckets: mask + 1, weights, bias: new Float64Array(2), scale: 1 };
  }

  it('features are ids inside the table, one array per candidate, different for different candidates', () => {
    assert.equal(features.length, 2);
    for (const f of features) for (const id of f) assert.ok(id >= 0 && id <= mask);
    assert.notDeepEqual([...features[0]!], [...features[1]!]);
  });

  it('a candidate replaces the rules\' value only when it beats it by the margin', () => {
    const only = features[1]!.find((id) => !features[0]!.includes(id))!;
    assert.equal(chooseCandidate(modelFavouring(only, 2), features, decision, '1989-10-30', 1)?.value, '1989-11-06');
    assert.equal(chooseCandidate(modelFavouring(only, 2), features, decision, '1989-10-30', 3), null);
    assert.equal(chooseCandidate(modelFavouring(only, 2), features, decision, '1989-11-06', 0), null, 'the rules already chose it');
  });

  it('the granularity written by a chosen value', () => {
    assert.deepEqual(['1988-11-02', '1988-11', '1988-Q4', '1988-WI', '1988', 'P1Y'].map(granularityOfValue), ['day', 'month', 'quarter', 'season', 'year', null]);
  });
});
