/**
 * The hand-written scanners of extract-quotes against the patterns that define them: the cue scanner
 * against `anyCue`, `wordsIn` against `WORD_PATTERN`, the word and term counts against their
 * `match` patterns. Texts are built from a seeded generator over the characters that matter (cue
 * forms, capitals, joiners, every kind of whitespace, surrogate pairs, combining marks), so each run
 * checks the same thousands of cases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResources } from '../../core/resources.js';
import { bundledResources } from '../resources.js';
import { quoteLexicon } from './lexicon.js';
import { WordPairSet } from './word-map.js';
import { countTermsIn, countWordsIn, createWordIndex, isSpaceUnit, WORD, wordsIn, type Word } from './words.js';

const lex = quoteLexicon(createResources(bundledResources));

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORMS = [...lex.cues.forms.keys()].filter((_, i) => i % 7 === 0);
const PIECES = [
  ...FORMS,
  ...FORMS.map((f) => f.toUpperCase()),
  'According to',
  'according  to',
  'according\u00a0to',
  'view',
  'the',
  'Mr',
  'O’Brien',
  "rock'n'roll",
  'Kilroy-Silk',
  'U.S.',
  '3.5',
  'said-so',
  'saidx',
  'xsaid',
  '𝐀𝐁',
  '😀',
  'e\u0301',
  '\u0301a',
  'İstanbul',
  'ΣΑΣ',
  '\ud800',
  '\udc00',
  '“',
  '”',
  '"',
  "'",
  '’',
  '-',
  '.',
  ',',
  '…',
  '[',
  ']',
];
const GAPS = [' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '', '-', "'", '.'];

function texts(count: number): string[] {
  const next = random(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    const n = 1 + Math.floor(next() * 30);
    for (let i = 0; i < n; i++) text += pick(PIECES) + pick(GAPS);
    out.push(text);
  }
  return out;
}

const CASES = texts(3000);

test('the cue scanner finds exactly what the anyCue pattern finds', () => {
  const pattern = new RegExp(lex.anyCue.source, 'gu');
  let matches = 0;
  for (const text of CASES) {
    const expected: number[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) expected.push(m.index);
    matches += expected.length;
    assert.deepEqual(lex.cueScanner.starts(text), expected, JSON.stringify(text));
  }
  assert.ok(matches > 1000, `the generated texts hold cue forms (${matches})`);
});

test('the cue cursor answers range by range what the full scan finds', () => {
  const next = random(20261203);
  let answered = 0;
  for (const base of CASES.slice(0, 1500)) {
    const text = base.repeat(1 + Math.floor(next() * 8));
    const starts = lex.cueScanner.starts(text);
    const cursor = lex.cueScanner.cursor(text);
    // Ranges in text order, as sentences are read, with gaps, overlaps and now and then a step back.
    let from = 0;
    for (let k = 0; k < 12 && from <= text.length; k++) {
      const to = from + Math.floor(next() * 200);
      const expected = starts.find((at) => at >= from && at < to) ?? -1;
      assert.equal(cursor.firstIn(from, to), expected, JSON.stringify([text, from, to]));
      if (expected !== -1) answered++;
      from = next() < 0.1 ? Math.floor(next() * from) : from + Math.floor(next() * 120);
    }
  }
  assert.ok(answered > 1000, `the ranges hold cue forms (${answered})`);
});

/** A word's fields, for comparing words made by different scans. */
const fields = (words: readonly Word[]): object[] => words.map((w) => ({ start: w.start, end: w.end, text: w.text, lower: w.lower, capital: w.capital, punct: w.punct }));

test('the word index read by blocks gives what a scan of the whole text and of each range gives', () => {
  const next = random(20261204);
  for (const text of texts(300)) {
    // Long texts, some with a stretch longer than a block and no whitespace in it.
    let long = text.repeat(1 + Math.floor(next() * 40));
    if (next() < 0.2) {
      const at = Math.floor(next() * long.length);
      long = long.slice(0, at) + 'x-y'.repeat(100 + Math.floor(next() * 200)) + long.slice(at);
    }
    const whole = wordsIn(long, 0, long.length);
    const index = createWordIndex(long);
    for (let k = 0; k < 12; k++) {
      const start = Math.floor(next() * (long.length + 1));
      const end = start + Math.floor(next() * Math.min(2000, long.length - start + 1));
      const inside = whole.filter((w) => w.start >= start && w.end <= end);
      const range = `[${start}, ${end}) of ${JSON.stringify(long.slice(0, 80))}`;
      assert.deepEqual(fields(index.between(start, end)), fields(inside), `between ${range}`);
      const scanned = fields(wordsIn(long, start, end));
      assert.deepEqual(fields(index.scan(start, end)), scanned, `scan ${range}`);
      const limit = Math.floor(next() * 30);
      assert.deepEqual(fields(index.scanUpTo(start, end, limit)), scanned.slice(0, limit), `scanUpTo ${limit} ${range}`);
    }
  }
});

test('word and term counts match their patterns, and stop at the limit', () => {
  for (const text of CASES) {
    const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    const terms = (text.match(/[\p{L}\p{N}][\p{L}\p{N}’'\-.]*/gu) ?? []).length;
    assert.equal(countWordsIn(text, 0, text.length), words, JSON.stringify(text));
    assert.equal(countTermsIn(text, 0, text.length), terms, JSON.stringify(text));
    assert.equal(countWordsIn(text, 0, text.length, 4), Math.min(words, 4));
    assert.equal(countTermsIn(text, 0, text.length, 9), Math.min(terms, 9));
    const half = Math.floor(text.length / 2);
    assert.equal(countWordsIn(text, half, text.length), (text.slice(half).match(/[\p{L}\p{N}]+/gu) ?? []).length, JSON.stringify([text, half]));
  }
});

/** What `wordsIn` is defined as: the WORD pattern run with `exec` from `start`, matches cut at `end`. */
function wordsByPattern(text: string, start: number, end: number): object[] {
  const pattern = new RegExp(WORD.source, 'gu');
  const words: object[] = [];
  pattern.lastIndex = start;
  for (let m = pattern.exec(text); m && m.index < end; m = pattern.exec(text)) {
    const value = m.index + m[0].length > end ? m[0].slice(0, end - m.index) : m[0];
    const first = value[0]!;
    const punct = m[1] === undefined || (first.charCodeAt(0) >= 0x300 && !/[\p{L}\p{N}]/u.test(first));
    words.push({ start: m.index, end: m.index + value.length, text: value, lower: value.toLowerCase(), capital: !punct && first !== first.toLowerCase(), punct });
  }
  return words;
}

test('the word scanner finds exactly what the WORD pattern finds, from any start to any end', () => {
  const next = random(20261202);
  let words = 0;
  for (const text of CASES) {
    // The whole text, then windows that start and end anywhere, inside a word or a surrogate pair too.
    const windows: [number, number][] = [[0, text.length]];
    for (let k = 0; k < 6; k++) {
      const start = Math.floor(next() * (text.length + 1));
      windows.push([start, start + Math.floor(next() * (text.length - start + 1))]);
    }
    for (const [start, end] of windows) {
      const found = wordsIn(text, start, end).map((w) => ({ start: w.start, end: w.end, text: w.text, lower: w.lower, capital: w.capital, punct: w.punct }));
      const expected = wordsByPattern(text, start, end);
      words += expected.length;
      assert.deepEqual(found, expected, JSON.stringify([text, start, end]));
    }
  }
  assert.ok(words > 10000, `the generated texts hold words (${words})`);
});

test('the word index gives the first words of a range, whatever the range length, as a scan of all of it does', () => {
  const next = random(20261202);
  for (const text of texts(400)) {
    // Long texts too: the window grows past its first 256 characters.
    const long = text.repeat(1 + Math.floor(next() * 40));
    for (const scanned of [false, true]) {
      const index = createWordIndex(long);
      if (scanned) index.between(0, long.length);
      for (let k = 0; k < 4; k++) {
        const start = Math.floor(next() * long.length);
        const end = start + Math.floor(next() * (long.length - start + 1));
        const limit = Math.floor(next() * 60);
        const all = index.scan(start, end);
        const first = index.scanUpTo(start, end, limit);
        assert.deepEqual(first, all.slice(0, limit), `limit ${limit} over [${start}, ${end}) of ${JSON.stringify(long.slice(0, 80))}`);
      }
    }
  }
});

test('the space test by character code is `\\s` of a pattern on every code unit', () => {
  for (let code = 0; code < 0x10000; code++) assert.equal(isSpaceUnit(code), /\s/u.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
  assert.equal(isSpaceUnit(Number.NaN), false, 'past the end of a text');
});

test('a two-word set answers for two words given apart as for the joined key', () => {
  const pairs = new WordPairSet();
  for (const key of lex.passiveReports instanceof Set ? lex.passiveReports : []) pairs.add(key);
  pairs.add('one');
  pairs.add('three words here');
  const words = ['asked', 'about', 'to', 'known', 'as', 'for', 'criticized', 'one', 'three', 'words here', 'words', 'here', 'said', ''];
  for (const first of words) {
    for (const second of words) assert.equal(pairs.hasPair(first, second), pairs.has(`${first} ${second}`), `${first} | ${second}`);
  }
  assert.equal(lex.passiveReports.hasPair('asked', 'about'), true);
  assert.equal(lex.passiveReports.hasPair('asked', 'for'), false);
});
