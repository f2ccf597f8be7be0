// Property-based tests of every analysis (fast-check): on random text and on mutated articles,
// no analysis throws or is skipped, and every finding keeps the contract invariants (see
// test/helpers/properties.ts). A short run; `npm run fuzz` runs the same properties at length.
// A failure prints the seed and the shrunk text: rerun it with FUZZ_SEED=<seed>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { anyText, articleText, mutatedArticle, problemsOf, seedArticles } from '../helpers/properties.js';

const seed = process.env.FUZZ_SEED === undefined ? 20261201 : Number(process.env.FUZZ_SEED);
const seeds = seedArticles();

test('every analysis keeps the invariants on random text', () => {
  fc.assert(fc.property(anyText, (text) => assert.deepEqual(problemsOf(text), [])), { numRuns: 150, seed });
});

test('every analysis keeps the invariants on mutated articles, and gives the same output twice', () => {
  fc.assert(
    fc.property(mutatedArticle(seeds), fc.option(fc.constantFrom('2020-02-29', '1999-12-31', '2024-03-04')), (text, publishedAt) =>
      assert.deepEqual(problemsOf(text, { again: true, publishedAt }), []),
    ),
    { numRuns: 40, seed },
  );
});

test('the generators make what they say', () => {
  const samples = fc.sample(articleText(seeds), { numRuns: 200, seed });
  assert.ok(samples.some((text) => /[\ud800-\udfff]/u.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/gu, ''))), 'no lone surrogate generated');
  assert.ok(samples.some((text) => text.includes('\r')), 'no carriage return generated');
  assert.ok(samples.some((text) => text.length > 1000), 'no article-sized text generated');
  assert.ok(samples.some((text) => text.length === 0), 'no empty text generated');
});
