/**
 * The hand-annotated Wikinews figures set (`eval/datasets/wikinews-figures/`) keeps the promises of its README
 * and GUIDE.md: every span is the text it names, every sentence is the article text at its offset, no sentence
 * comes from the demo corpus or the quotes gold set, and every annotation is in NewsQuant's shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoldValue } from '../../eval/datasets/newsquant.js';
import { loadWikinewsFiguresGold, wikinewsFiguresAsNewsQuant } from '../../eval/datasets/wikinews-figures-gold.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sentences = loadWikinewsFiguresGold();

test('every quantity span of the Wikinews figures set is the text it names', () => {
  let n = 0;
  for (const s of sentences) {
    for (const q of s.quantities) {
      assert.ok(q.start >= 0 && q.end > q.start && q.end <= s.text.length, `sentence ${s.candidate}: span ${q.start}-${q.end} out of range`);
      assert.equal(s.text.slice(q.start, q.end), q.text, `sentence ${s.candidate}: span ${q.start}-${q.end}`);
      n++;
    }
    const sorted = [...s.quantities].sort((a, b) => a.start - b.start);
    assert.deepEqual(s.quantities, sorted, `sentence ${s.candidate}: quantities in text order`);
  }
  assert.ok(n >= 250, `${n} quantities`);
  assert.equal(wikinewsFiguresAsNewsQuant(sentences).length, sentences.length);
});

test('a span that is not its text is refused by the loader', () => {
  const broken = structuredClone(sentences.find((s) => s.quantities.length > 0)!);
  broken.quantities[0]!.end += 1;
  assert.throws(() => wikinewsFiguresAsNewsQuant([broken]), /is not/);
});

test('every annotation has a NewsQuant change, a numeric value or range, and both unit fields', () => {
  for (const s of sentences) {
    for (const q of s.quantities) {
      assert.ok(['=', '~', '>', '<', 'up', 'down'].includes(q.change), `sentence ${s.candidate}: change ${q.change}`);
      assert.notEqual(parseGoldValue(q.value), null, `sentence ${s.candidate}: value ${q.value}`);
      assert.ok(q.unit.length > 0 && q.normalized_unit.length > 0, `sentence ${s.candidate}: empty unit`);
    }
  }
});

test('sentences are distinct candidates of the three passes, from articles outside the demo corpus and the quotes set (batch 3: and the dates set)', () => {
  const candidates = sentences.map((s) => `${s.batch}:${s.candidate}`);
  assert.equal(new Set(candidates).size, candidates.length, 'a candidate appears twice');
  for (const s of sentences) {
    if (s.batch === 3) {
      assert.equal(s.candidate % 3, 0, `batch 3 candidate ${s.candidate} is not on its pass`);
      assert.equal(s.date.slice(0, 4), '2019', `batch 3 candidate ${s.candidate} is not from the 2019 file`);
    } else {
      assert.equal(s.candidate % 4, 0, `candidate ${s.candidate} is on neither pass`);
      assert.ok(s.batch === 1 || s.batch === 2, `batch ${s.batch}`);
    }
  }
  const norm = (u: string): string => u.replace('//wiki/', '/wiki/');
  const demo = fs
    .readFileSync(path.join(root, 'demo/wikinews-sample.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => norm((JSON.parse(l) as { url: string }).url));
  const quotes = (JSON.parse(fs.readFileSync(path.join(root, 'eval/datasets/wikinews-quotes/gold.json'), 'utf8')) as { articles: { url: string }[] }).articles.map((a) => norm(a.url));
  const excluded = new Set([...demo, ...quotes]);
  for (const s of sentences) assert.ok(!excluded.has(norm(s.url)), `${s.url} is excluded by the selection rule`);
  const dates = (JSON.parse(fs.readFileSync(path.join(root, 'eval/datasets/wikinews-dates/gold.json'), 'utf8')) as { articles: { url: string }[] }).articles.map((a) => norm(a.url));
  for (const s of sentences.filter((x) => x.batch === 3)) assert.ok(!dates.includes(norm(s.url)), `${s.url} is in the dates set`);
  const earlier = new Set(sentences.filter((x) => x.batch !== 3).map((x) => norm(x.url)));
  for (const s of sentences.filter((x) => x.batch === 3)) assert.ok(!earlier.has(norm(s.url)), `${s.url} is in batches 1 and 2`);
});
