/**
 * The word scan of detect-framing against what it replaces: each word's vocabulary id against the
 * string-keyed look-ups of the lexicon (its role, the side-word and side-part classes), its keys
 * against `hashString` of the lower-case form and `hashLower` of its text. Texts are built from a
 * seeded generator over lexicon words in every case, capitals and non-ASCII letters whose lower case
 * is special (dotted I, final sigma, letters outside the BMP), joiners and possessives, so each run
 * checks the same thousands of words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResources } from '../../core/resources.js';
import { hashLower, hashString } from '../../learn/hash.js';
import { createPrng } from '../../learn/prng.js';
import { bundledResources } from '../resources.js';
import { framingLexicon, SIDE_PART, SIDE_WORD } from './lexicon.js';
import { scanWords, Vocabulary } from './words.js';

const lex = framingLexicon(createResources(bundledResources));

const LEXICON_WORDS = [...lex.roles.keys(), ...lex.sideWords, ...lex.sideParts].filter((_, i) => i % 3 === 0);
const PIECES = [
  ...LEXICON_WORDS,
  ...LEXICON_WORDS.map((w) => w.toUpperCase()),
  ...LEXICON_WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1)),
  'İstanbul',
  'ΟΔΟΣ',
  'Σίσυφος',
  '𐐀𐐨',
  'naïve',
  'Ärger',
  'O’Brien',
  "government's",
  'police’s',
  'well-known',
  'the',
  '2024',
  'x',
];
const GAPS = [' ', '  ', '\u00a0', '\n', ', ', '. ', ' “', '” ', ' - ', '—', "'", '’'];

function generated(seed: number): string {
  const prng = createPrng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(prng.next() * list.length)]!;
  let text = '';
  const n = 5 + Math.floor(prng.next() * 40);
  for (let k = 0; k < n; k++) text += pick(PIECES) + pick(GAPS);
  return text;
}

test('word scan: vocabulary ids give the same roles and side classes as the string look-ups; keys equal the hashes', () => {
  let words = 0;
  let known = 0;
  for (let seed = 1; seed <= 1500; seed++) {
    const text = generated(seed);
    const scanned = scanWords(text, [{ start: 0, end: text.length }], lex.vocabulary);
    for (let i = 0; i < scanned.count; i++) {
      // The length before the lower-case form is made (`lower` keeps what it makes).
      const length = scanned.lowerLength(i);
      const lower = scanned.lower(i);
      const where = `seed ${seed}, word ${JSON.stringify(lower)}`;
      assert.equal(lower, text.slice(scanned.starts[i]!, scanned.ends[i]!).toLowerCase(), where);
      assert.equal(length, lower.length, where);
      assert.equal(scanned.capital[i], lower.charCodeAt(0) !== text.charCodeAt(scanned.starts[i]!) ? 1 : 0, where);
      const id = scanned.code[i]!;
      assert.equal(lex.roleById[id], lex.roles.get(lower), where);
      assert.equal((lex.wordFlags[id]! & SIDE_WORD) !== 0, lex.sideWords.has(lower), where);
      assert.equal((lex.wordFlags[id]! & SIDE_PART) !== 0, lex.sideParts.has(lower), where);
      assert.equal(id === 0 ? '' : lex.vocabulary.words[id], id === 0 ? '' : lower, where);
      assert.equal(scanned.key[i], hashString(lower), where);
      assert.equal(scanned.lowerKey[i], hashLower(text, scanned.starts[i]!, scanned.ends[i]!), where);
      words++;
      if (id !== 0) known++;
    }
  }
  assert.ok(words > 20_000 && known > 5_000, `${words} words, ${known} in the vocabulary`);
});

test('vocabulary: exact membership, also for words that share a hash bucket', () => {
  const vocabulary = new Vocabulary(['alpha', 'beta', 'gamma', 'beta']);
  assert.deepEqual(vocabulary.words, ['', 'alpha', 'beta', 'gamma']);
  assert.equal(vocabulary.idOf('beta'), 2);
  assert.equal(vocabulary.idOf('Beta'), 0);
  assert.equal(vocabulary.idOf('delta'), 0);
  // A key that collides with a stored one but a different word is not a hit.
  assert.equal(vocabulary.lookup(hashString('alpha'), 'alphb'), 0);
  const many = new Vocabulary(Array.from({ length: 5000 }, (_, i) => `w${i}`));
  for (let i = 0; i < 5000; i += 7) assert.equal(many.words[many.idOf(`w${i}`)], `w${i}`);
  assert.equal(many.idOf('w5000'), 0);
});

/** Everything a reader of `Words` can see: every array place (past the last word too) and each lower-case form. */
function snapshotOf(words: ReturnType<typeof scanWords>): unknown {
  const arrays = [words.starts, words.ends, words.capital, words.sentence, words.code, words.key, words.lowerKey].map((a) => Array.from(a));
  return { count: words.count, arrays, lower: Array.from({ length: words.count }, (_, i) => [words.lowerLength(i), words.lower(i)]) };
}

test('word scan with reused buffers: the same words as with new arrays, a long text then short ones', () => {
  // A long text first (the buffers grow), then shorter ones whose places past the last word must read
  // as in new arrays, not as the long text's words.
  // Texts of one-letter words hold more words than the arrays are first sized for, so they grow.
  const long = Array.from({ length: 60 }, (_, k) => generated(k + 1)).join(' ');
  const texts = [long, generated(7), 'İstanbul Σίσυφος naïve', '', long, 'a '.repeat(700), 'x ŷ '.repeat(300), generated(8)];
  for (const text of texts) {
    const sentences = [{ start: 0, end: text.length }];
    const fresh = snapshotOf(scanWords(text, sentences, lex.vocabulary));
    assert.deepEqual(snapshotOf(scanWords(text, sentences, lex.vocabulary, true)), fresh, text.slice(0, 40));
  }
  // Without reuse each scan has arrays of its own: a later scan does not change an earlier one.
  const first = scanWords('Alpha beta', [{ start: 0, end: 10 }], lex.vocabulary);
  const before = snapshotOf(first);
  scanWords('Gamma delta epsilon', [{ start: 0, end: 19 }], lex.vocabulary);
  assert.deepEqual(snapshotOf(first), before);
});
