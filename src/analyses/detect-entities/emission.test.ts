// The word memo of emission.ts must give exactly the scores of the reference path: every feature id
// from sentenceFeatures, its weights added one by one. Checked on every fixture text (ordinary
// prose, all-caps and title-case lines, non-ASCII names), twice over so the second pass reads the memo.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { resourceValue } from '../../core/resources.js';
import { loadDefaultPipeline } from '../../engine/pipeline.js';
import { addFeatureWeights, decodeEmissions, viterbi } from '../../learn/sequence-tagger.js';
import { buildGazetteer, caseAndMarks, FEATURES_PER_TOKEN, MARK_CAPITAL_OR_DIGIT, sentenceCase, sentenceFeatures, tokenCaseAndMarks } from './features.js';
import { activeEmissions, sentenceEmissions } from './emission.js';
import { ENTITY_MODEL, FIRST_NAMES, GROUPS, ORG_SUFFIXES, PLACE_WORDS, PLACES, TITLE_SMALL_WORDS } from './resource-ids.js';

const fixtures = new URL('./fixtures/', import.meta.url);
const texts = fs
  .readdirSync(fixtures)
  .sort()
  .map((name) => fs.readFileSync(new URL(`${name}/input.txt`, fixtures), 'utf8'));

/** The gazetteer detect-entities builds, from the default pipeline's loaded tables. */
function gazetteerOf(resources: ReturnType<typeof loadDefaultPipeline>['resources']): ReturnType<typeof buildGazetteer> {
  return buildGazetteer({
    firstNames: resourceValue(resources, FIRST_NAMES),
    orgSuffixes: resourceValue(resources, ORG_SUFFIXES),
    placeWords: resourceValue(resources, PLACE_WORDS),
    places: resourceValue(resources, PLACES),
    groups: resourceValue(resources, GROUPS),
    titleSmallWords: resourceValue(resources, TITLE_SMALL_WORDS),
  });
}

test('sentenceEmissions equals the sum of the weights of sentenceFeatures, and decodes to the same labels', () => {
  const { resources } = loadDefaultPipeline();
  const model = resourceValue(resources, ENTITY_MODEL);
  const sparse = model.weights.sparse;
  assert.ok(sparse, 'the loaded model is sparse');
  const gazetteer = gazetteerOf(resources);
  const L = model.labels.length;
  let sentences = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const text of texts) {
      for (const line of text.split(/(?<=[.!?])\s+|\n+/u)) {
        const starts: number[] = [];
        const ends: number[] = [];
        const offset = text.indexOf(line);
        for (const m of line.matchAll(/[\p{L}\p{N}’'.-]+|[^\s\p{L}\p{N}]/gu)) {
          starts.push(offset + m.index);
          ends.push(offset + m.index + m[0].length);
        }
        const n = starts.length;
        if (n === 0) continue;
        sentences++;
        const features = new Int32Array(n * FEATURES_PER_TOKEN);
        sentenceFeatures(text, starts, ends, 0, n, gazetteer, model.buckets - 1, features);
        const expected = new Float64Array(n * L);
        for (let t = 0; t < n; t++) for (let k = 0; k < FEATURES_PER_TOKEN; k++) addFeatureWeights(sparse, features[t * FEATURES_PER_TOKEN + k]!, expected, t * L);
        const emit = new Float64Array(n * L);
        sentenceEmissions(model, gazetteer, text, starts, ends, 0, n, emit);
        assert.deepEqual(emit, expected, line);
        const reference = new Uint8Array(n);
        const labels = new Uint8Array(n);
        viterbi(model, features, n, reference);
        decodeEmissions(model, emit, n, labels);
        assert.deepEqual(labels, reference, line);
        // The sentence case without the word list unless needed, and the marks of capitals and digits.
        const marks = new Uint8Array(n);
        const sCase = caseAndMarks(text, starts, ends, 0, n, gazetteer, marks);
        assert.equal(sCase, sentenceCase(text, starts, ends, 0, n, gazetteer), line);
        for (let t = 0; t < n; t++) assert.equal(marks[t], /[\p{Lu}\p{Lt}0-9]/u.test(text.slice(starts[t], ends[t])) ? 1 : 0, text.slice(starts[t], ends[t]));
        for (let t = 0; t < n; t++) assert.equal(marks[t], tokenCaseAndMarks(text, starts[t]!, ends[t]!) & MARK_CAPITAL_OR_DIGIT ? 1 : 0);
        if (sCase !== 0) continue;
        // Scores of some tokens only (every other one, then every third): the same as the whole sentence's.
        for (const step of [2, 3]) {
          const active = Uint8Array.from({ length: n }, (_, t) => (t % step === pass ? 1 : 0));
          const partial = new Float64Array(n * L).fill(Number.NaN);
          activeEmissions(model, gazetteer, text, starts, ends, 0, n, active, partial);
          for (let t = 0; t < n; t++) {
            const row = [...partial.subarray(t * L, t * L + L)];
            if (active[t]) assert.deepEqual(row, [...expected.subarray(t * L, t * L + L)], `${line} (token ${t})`);
            else assert.ok(row.every(Number.isNaN), 'an inactive token is not written');
          }
        }
      }
    }
  }
  assert.ok(sentences > 20, `${sentences} sentences checked`);
});

test('the cached edge rows stay right when the memo of word forms fills up and its ids start again', () => {
  const { resources } = loadDefaultPipeline();
  const model = resourceValue(resources, ENTITY_MODEL);
  const sparse = model.weights.sparse!;
  const gazetteer = gazetteerOf(resources);
  const L = model.labels.length;
  // More distinct words than the memo keeps (2^16), in sentences that all start with a new word and end on
  // the same period, so that after the restart new words take the ids of old ones.
  const word = (i: number): string => {
    let w = '';
    for (let k = i + 1; k > 0; k = Math.floor(k / 26)) w += String.fromCharCode(97 + (k % 26));
    return i % 7 === 0 ? w[0]!.toUpperCase() + w.slice(1) : w;
  };
  const perSentence = 100;
  let next = 0;
  let checked = 0;
  for (let k = 0; k < 1400; k++) {
    const tokens = Array.from({ length: perSentence }, () => word(next++));
    tokens.push('.');
    const text = tokens.join(' ');
    const starts: number[] = [];
    const ends: number[] = [];
    let at = 0;
    for (const t of tokens) {
      starts.push(at);
      ends.push(at + t.length);
      at += t.length + 1;
    }
    const n = tokens.length;
    const emit = new Float64Array(n * L);
    sentenceEmissions(model, gazetteer, text, starts, ends, 0, n, emit);
    // Every tenth sentence, and each of the last ones (after the restart), against the reference sums.
    if (k % 10 !== 0 && k < 1300) continue;
    const features = new Int32Array(n * FEATURES_PER_TOKEN);
    sentenceFeatures(text, starts, ends, 0, n, gazetteer, model.buckets - 1, features);
    const expected = new Float64Array(n * L);
    for (let t = 0; t < n; t++) for (let f = 0; f < FEATURES_PER_TOKEN; f++) addFeatureWeights(sparse, features[t * FEATURES_PER_TOKEN + f]!, expected, t * L);
    assert.deepEqual(emit, expected, `sentence ${k}`);
    checked++;
  }
  assert.ok(next > 1 << 16, `${next} distinct words`);
  assert.ok(checked > 200);
});

test('caseAndMarks gives the case of sentenceCase and the marks of tokenCaseAndMarks on sentences made to test its scan', () => {
  const { resources } = loadDefaultPipeline();
  const gazetteer = gazetteerOf(resources);
  const sentences = [
    'the minister said on Tuesday that 40 people had died',
    'the Prime Minister of the United Kingdom met Chancellor Olaf Scholz in Berlin',
    'the Bank of England and the European Central Bank',
    'the war of the worlds and the Lord of the Rings',
    'Élysée officials told Ångström and Øster about the ÉCOLE',
    'the ǅemal case, the ǆ letter and the ǲ digraph were named',
    'the ſ and the K sign and the Ⅻ numeral',
    'the mathematical 𝐀𝐁𝐂 letters and ＡＢＣ wide letters',
    'ROTTERDAM dock workers said the STRIKE went on',
    'the eu and nato and un said so',
    'a b c',
    'the year 2004 and the 1990s, the F1 race and the iPod and eBay',
    'the co-operative, the Al-Qaeda group and al-Sadr',
    'the Ministry Of Defence And The Home Office Said',
  ];
  for (const sentence of sentences) {
    // Tokens with gaps of more than one space, so the scan also meets code units between tokens.
    const text = `  ${sentence.replace(/ /g, '   ')} .`;
    const starts: number[] = [];
    const ends: number[] = [];
    for (const m of text.matchAll(/[^\s,]+|,/gu)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    const n = starts.length;
    const marks = new Uint8Array(n).fill(7);
    const sCase = caseAndMarks(text, starts, ends, 0, n, gazetteer, marks);
    assert.equal(sCase, sentenceCase(text, starts, ends, 0, n, gazetteer), sentence);
    for (let t = 0; t < n; t++) assert.equal(marks[t], tokenCaseAndMarks(text, starts[t]!, ends[t]!) & MARK_CAPITAL_OR_DIGIT ? 1 : 0, `${sentence}: ${text.slice(starts[t], ends[t])}`);
  }
});
