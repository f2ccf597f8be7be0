/**
 * The hand-annotated Wikinews attribution set (`eval/datasets/wikinews-quotes/`) keeps the promises of its
 * README and GUIDE.md: every span is the text it names, no article comes from the demo corpus, and the
 * conventions the guide fixes hold in every annotation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Span {
  start: number;
  end: number;
  text: string;
}
interface Article {
  url: string;
  date: string;
  title: string;
  annotated: string;
  batch: number;
  text: string;
  attributions: { type: string; source: Span | null; speaker: string | null; cue: Span | null; content: Span[] }[];
}

const gold = JSON.parse(fs.readFileSync(path.join(root, 'eval/datasets/wikinews-quotes/gold.json'), 'utf8')) as { articles: Article[] };
const QUOTE_MARKS = new Set(['"', '“', '”']);

test('every span of the Wikinews gold set is the text it names', () => {
  for (const a of gold.articles) {
    for (const x of a.attributions) {
      for (const s of [x.source, x.cue, ...x.content]) {
        if (!s) continue;
        assert.ok(s.start >= 0 && s.end > s.start && s.end <= a.text.length, `${a.url}: span ${s.start}-${s.end} out of range`);
        assert.equal(a.text.slice(s.start, s.end), s.text, `${a.url}: span ${s.start}-${s.end}`);
      }
    }
  }
});

test('the set has at least 30 distinct articles, none from the demo corpus', () => {
  const urls = gold.articles.map((a) => a.url);
  assert.ok(urls.length >= 30, `${urls.length} articles`);
  assert.equal(new Set(urls).size, urls.length, 'an article appears twice');
  const demo = fs
    .readFileSync(path.join(root, 'demo/wikinews-sample.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { url: string }).url.replace('//wiki/', '/wiki/'));
  for (const u of urls) assert.ok(!demo.includes(u), `${u} is in the demo corpus`);
  for (const a of gold.articles) {
    assert.match(a.date, /^2019-\d\d-\d\d$/, a.url);
    assert.match(a.annotated, /^\d{4}-\d\d-\d\d$/, a.url);
    assert.ok([1, 2, 3].includes(a.batch), `${a.url}: batch ${a.batch}`);
  }
});

test('annotations follow the guide: types, content fragments, direct quotes between their marks', () => {
  for (const a of gold.articles) {
    for (const x of a.attributions) {
      assert.ok(['direct', 'mixed', 'indirect', 'partial'].includes(x.type), `${a.url}: type ${x.type}`);
      assert.ok(x.content.length > 0, `${a.url}: attribution without content`);
      for (let i = 1; i < x.content.length; i++) assert.ok(x.content[i]!.start >= x.content[i - 1]!.end, `${a.url}: fragments out of order`);
      if (x.source) assert.ok(!/[,\s]$/.test(x.source.text), `${a.url}: source "${x.source.text}" ends with a comma or space`);
      if (x.type === 'direct') {
        for (const c of x.content) {
          const before = a.text[c.start - 1] ?? '';
          const after = a.text[c.end] ?? '';
          assert.ok(QUOTE_MARKS.has(before) && QUOTE_MARKS.has(after), `${a.url}: direct content "${c.text.slice(0, 40)}…" is not everything between its marks`);
        }
      }
      if (x.type === 'indirect') {
        for (const c of x.content) assert.ok(!/["“”]/.test(c.text), `${a.url}: indirect content "${c.text.slice(0, 40)}…" holds a quotation mark`);
      }
      if (x.type === 'mixed') assert.ok(x.content.some((c) => /["“”]/.test(c.text)), `${a.url}: mixed content without a quoted fragment`);
    }
  }
});

test('the entity speaker check cuts names into words as the scorer does (hyphenated names are one word)', async () => {
  const { entitySpeakerCorrect } = await import('../../eval/tasks/quotes-wikinews.js');
  assert.equal(entitySpeakerCorrect('Gallego-Lazo', 'Christopher Gallego-Lazo'), true);
  assert.equal(entitySpeakerCorrect('France-Presse', 'Agence France-Presse'), true);
  assert.equal(entitySpeakerCorrect('Kosgei', 'Brigid Kosgei'), true);
  assert.equal(entitySpeakerCorrect('Lazo', 'Christopher Gallego-Lazo'), false);
  assert.equal(entitySpeakerCorrect('Egypt', 'Abdel Fattah el-Sisi'), false);
  assert.equal(entitySpeakerCorrect(null, 'Brigid Kosgei'), false);
});
