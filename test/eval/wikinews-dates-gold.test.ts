/**
 * The hand-annotated Wikinews TIMEX3 set (`eval/datasets/wikinews-dates/`) keeps the promises of its README and
 * GUIDE.md: every span is the text it names, no article comes from the demo corpus or the attribution gold set,
 * and every annotation has a TIMEX3 type, a value of a TIMEX3 shape and a mod the guide lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWikinewsDatesGold, loadWikinewsTimex } from '../../eval/datasets/wikinews-timex.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const articles = loadWikinewsDatesGold();

test('every span of the Wikinews dates set is the text it names, at word boundaries, in text order', () => {
  for (const a of articles) {
    let last = -1;
    for (const t of a.timexes) {
      assert.ok(t.start >= 0 && t.end > t.start && t.end <= a.text.length, `${a.url}: span ${t.start}-${t.end} out of range`);
      assert.equal(a.text.slice(t.start, t.end), t.text, `${a.url}: span ${t.start}-${t.end}`);
      assert.ok(!/[\p{L}\p{N}]/u.test(a.text[t.start - 1] ?? '') && !/[\p{L}\p{N}]/u.test(a.text[t.end] ?? ''), `${a.url}: "${t.text}" cuts a word`);
      assert.ok(t.start >= last, `${a.url}: "${t.text}" overlaps or precedes the span before it`);
      last = t.end;
    }
  }
});

test('the set has 25-35 distinct 2020 articles with 200+ TIMEX3s, none from the demo corpus or the attribution set', () => {
  const urls = articles.map((a) => a.url);
  assert.ok(urls.length >= 25 && urls.length <= 35, `${urls.length} articles`);
  assert.equal(new Set(urls).size, urls.length, 'an article appears twice');
  assert.ok(articles.reduce((n, a) => n + a.timexes.length, 0) >= 200);
  const demo = fs
    .readFileSync(path.join(root, 'demo/wikinews-sample.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { url: string }).url.replace('//wiki/', '/wiki/'));
  const quotes = (JSON.parse(fs.readFileSync(path.join(root, 'eval/datasets/wikinews-quotes/gold.json'), 'utf8')) as { articles: { url: string }[] }).articles.map((a) => a.url);
  for (const a of articles) {
    assert.ok(!demo.includes(a.url) && !quotes.includes(a.url), `${a.url} is in another set`);
    assert.match(a.date, /^2020-\d\d-\d\d$/, a.url);
    assert.ok(a.text.length >= 1000 && a.text.length <= 3000, `${a.url}: ${a.text.length} characters`);
    assert.ok([1, 2].includes(a.batch), `${a.url}: batch ${a.batch}`);
  }
});

test('annotations have TIMEX3 types, value shapes and mods', () => {
  const shapes: Record<string, RegExp> = {
    DATE: /^(\d{2,4}|X{4})(-(\d\d|XX|Q\d|H\d|W\d\d|SP|SU|FA|WI)(-(\d\d|XX|WE))?)?$|^(PRESENT|PAST|FUTURE)_REF$/,
    TIME: /^(\d{4}|X{4})-(\d\d|XX)-(\d\d|XX)T(\d\d:\d\d(Z)?|\d\d|MO|AF|EV|NI)$/,
    DURATION: /^P(T?(\d+|X)[YMWDHS]|\d*X?DE)+$/,
    SET: /^(P(T?\d+[YMWDHS])|XXXX-.+)$/,
  };
  const mods = new Set([null, 'START', 'MID', 'END', 'APPROX', 'LESS_THAN', 'MORE_THAN', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE', 'BEFORE', 'AFTER']);
  for (const a of articles) {
    for (const t of a.timexes) {
      const shape = shapes[t.type];
      assert.ok(shape, `${a.url}: type ${t.type}`);
      assert.match(t.value, shape, `${a.url}: "${t.text}" ${t.type} ${t.value}`);
      assert.ok(mods.has(t.mod), `${a.url}: mod ${t.mod}`);
    }
  }
});

test('the scoring documents carry the publication date as their anchor', () => {
  const docs = loadWikinewsTimex();
  assert.equal(docs.length, articles.length);
  for (const [i, d] of docs.entries()) {
    assert.equal(d.publishedAt, articles[i]!.date);
    assert.equal(d.timexes.length, articles[i]!.timexes.length);
  }
});
