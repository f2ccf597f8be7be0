/**
 * The word scanner finds exactly the matches of the global pattern it stands for, in order: compared
 * on seeded random texts made of the words' letters in both cases, digits, apostrophes, hyphens, white
 * space and a few non-ASCII letters (one of which, `ſ`, folds to `s`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng } from '../../learn/prng.js';
import { nextMatch, wordScanner, type WordScanner } from './word-scan.js';

const PIECES = ['he', 'she', 'his', 'her', 'its', 'they', 'their', 'the', 'this', 'that', 'HE', 'She', 'tHEIR', 'ſhe', 'Its', 'a', 'an', 'x', 's', 'T', 'h', 'é', 'É', '1', '_', "'", '’', '-', ' ', ' ', '  ', '\n', '\u00a0', '.', ',', '“', '”'];

function randomText(next: () => number): string {
  let text = '';
  const n = 1 + Math.floor(next() * 40);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

function scanned(scanner: WordScanner, text: string, from: number): [number, string][] {
  const out: [number, string][] = [];
  for (let m = nextMatch(scanner, text, from); m; m = nextMatch(scanner, text, m.index + m[0].length)) out.push([m.index, m[0]]);
  return out;
}

function global(pattern: RegExp, text: string, from: number): [number, string][] {
  const out: [number, string][] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push([m.index, m[0]]);
  return out;
}

test('the pronoun scanner equals the global pattern', () => {
  const words = ['their', 'they', 'his', 'she', 'her', 'its', 'he'];
  const scanner = wordScanner("\\p{L}\\p{N}’'\\-", words, "(?![\\p{L}\\p{N}’'\\-])", "'-");
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}’'\\-])(?:${words.join('|')})(?![\\p{L}\\p{N}’'\\-])`, 'giu');
  const prng = createPrng(8);
  let matches = 0;
  for (let k = 0; k < 3000; k++) {
    const text = randomText(() => prng.next());
    const from = Math.floor(prng.next() * 3);
    const expected = global(pattern, text, from);
    matches += expected.length;
    assert.deepEqual(scanned(scanner, text, from), expected, JSON.stringify(text));
  }
  assert.ok(matches > 1000, `only ${matches} matches: the random texts do not exercise the scanner`);
  assert.deepEqual(scanned(scanner, 'ſhe said', 0), [[0, 'ſhe']]);
});

test('the determiner scanner equals the global pattern, also when a word does not start with a letter', () => {
  for (const words of [['the', 'this', 'that'], ['th\\.e', '\\.this']]) {
    const scanner = wordScanner('\\p{L}\\p{N}', words, '\\s+', '');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})\\s+`, 'giu');
    const prng = createPrng(9);
    for (let k = 0; k < 2000; k++) {
      const text = randomText(() => prng.next());
      assert.deepEqual(scanned(scanner, text, 0), global(pattern, text, 0), JSON.stringify(text));
    }
  }
});
