import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { standoffTimexes } from '../../eval/datasets/tempeval3.js';
import { addMatch, emptyCounts, matchMentions, scoresOf } from '../../eval/scorers/dates.js';

describe('TempEval-3 stand-off spans', () => {
  it('strips inline tags, unescapes entities and spans each TIMEX3 on the stripped text', () => {
    const { text, timexes } = standoffTimexes('\nAT&amp;T <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.\n');
    assert.equal(text, '\nAT&T said Friday.\n');
    assert.deepEqual(timexes, [{ start: 11, end: 17, text: 'Friday', type: 'DATE', value: '1998-08-07' }]);
  });
});

describe('date scoring', () => {
  const gold = [
    { start: 0, end: 6, value: '1998-08-07' },
    { start: 10, end: 25, value: 'P3Y' },
    { start: 30, end: 34, value: '1999' },
  ];
  const predicted = [
    { start: 0, end: 6, value: '1998-08-07' }, // strict, right value
    { start: 14, end: 25, value: 'P2Y' }, // relaxed only, wrong value
    { start: 40, end: 44, value: '2001' }, // spurious
  ];

  it('matches one to one, exact spans first, then by overlap', () => {
    const match = matchMentions(gold, predicted);
    assert.equal(match.pairs.length, 2);
    assert.deepEqual(match.missed, [gold[2]]);
    assert.deepEqual(match.spurious, [predicted[2]]);
  });

  it('gives strict and relaxed P/R/F1, value accuracy over relaxed matches and value F1', () => {
    const counts = emptyCounts();
    addMatch(counts, gold, predicted, matchMentions(gold, predicted));
    const s = scoresOf(counts);
    assert.deepEqual([s.counts.gold, s.counts.predicted, s.counts.strict, s.counts.relaxed, s.counts.valueCorrect], [3, 3, 1, 2, 1]);
    assert.equal(s.strict.f1, 1 / 3);
    assert.equal(s.relaxed.precision, 2 / 3);
    assert.equal(s.relaxed.recall, 2 / 3);
    assert.equal(s.valueAccuracy, 0.5);
    assert.equal(s.valueF1, 1 / 3);
  });

  it('does not match one prediction to two gold mentions', () => {
    const match = matchMentions(
      [
        { start: 0, end: 4, value: '2001' },
        { start: 8, end: 12, value: '2009' },
      ],
      [{ start: 0, end: 12, value: '2001' }],
    );
    assert.equal(match.pairs.length, 1);
    assert.equal(match.missed.length, 1);
  });
});
