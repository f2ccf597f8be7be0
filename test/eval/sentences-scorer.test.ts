import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detokenize, endsInFinalPunctuation, goldDocument, prf, scoreBoundaries } from '../../eval/scorers/sentences.js';

describe('sentence gold from tokens', () => {
  it('rebuilds running text: clitics and closing marks glued, quotes turned, the copied period of U.S. dropped', () => {
    const { text, starts } = detokenize([
      ['Harbour', 'strike', 'ends'],
      ['He', 'did', "n't", 'go', 'to', 'the', 'U.S.', '.'],
      ['"', 'We', 'are', 'done', ',', '"', 'she', 'said', '(', 'twice', ')', '.'],
      ['``', 'Fine', '.', "''"],
    ]);
    assert.equal(text, 'Harbour strike ends\n\nHe didn\'t go to the U.S. “We are done,” she said (twice). “Fine.”');
    assert.deepEqual(starts, [0, text.indexOf('He'), text.indexOf('“We'), text.indexOf('“Fine')]);
  });

  it('scores boundaries after final punctuation, gives line-break boundaries, merges a lower-case start back', () => {
    const gold = goldDocument('d', [
      ['Title'],
      ['LONDON', '1996-08-22'],
      ['Prices', 'rose', '.'],
      ['They', 'fell', 'later', '.'],
      ['said', 'a', 'dealer', '.'],
      ['--', 'London', 'Newsroom'],
    ]);
    assert.equal(gold.text, 'Title\n\nLONDON 1996-08-22\nPrices rose. They fell later. said a dealer.\n-- London Newsroom');
    assert.deepEqual(gold.scored, [gold.text.indexOf('They')]);
    assert.deepEqual(gold.given, [gold.text.indexOf('LONDON'), gold.text.indexOf('Prices'), gold.text.indexOf('--')]);
    assert.ok(endsInFinalPunctuation(['Yes', '!', '"']));
    assert.ok(!endsInFinalPunctuation(['Smith', '(', 'U.S.', ')']));
  });

  it('counts a found scored boundary, a split where the gold has none, and ignores given boundaries', () => {
    const gold = goldDocument('d', [['Title'], ['Prices', 'rose', '.'], ['They', 'fell', '.'], ['Sen', '.', 'Smith', 'left', '.']]);
    assert.equal(gold.text, 'Title\n\nPrices rose. They fell. Sen. Smith left.');
    const at = (s: string) => gold.text.indexOf(s);
    // Found "They", split "Sen. | Smith", missed "Sen."; the given start of "Prices" counts neither way.
    const result = scoreBoundaries(gold, [0, at('Prices'), at('They'), at('Smith')]);
    assert.deepEqual([result.tp, result.fp, result.fn], [1, 1, 1]);
    assert.deepEqual(result.falsePositives, [at('Smith')]);
    assert.deepEqual(result.falseNegatives, [at('Sen.')]);
    const score = prf(result);
    assert.equal(score.precision, 0.5);
    assert.equal(score.recall, 0.5);
  });
});
