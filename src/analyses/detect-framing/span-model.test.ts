// The span model's fast scoring (`spanEmissions`, small tables and memos) and its five-label Viterbi
// (`decodeSpans`) against the plain ones they replace: the weights of `sentenceFeatures` summed one by
// one, and `decodeEmissions` of src/learn. Checked on every fixture text, with the shipped weights and
// with random weights (so that templates the shipped model barely uses are checked too), the memos
// shared across the documents.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDocument } from '../../core/document.js';
import { runAnalyses } from '../../core/run-analyses.js';
import { resourceValue } from '../../core/resources.js';
import { contextFor } from '../../engine/analyze-text.js';
import { hashText } from '../../engine/hash-text.js';
import { decodePlainWords } from '../../engine/load-models.js';
import { loadDefaultPipeline } from '../../engine/pipeline.js';
import { createPrng } from '../../learn/prng.js';
import { decodeEmissions } from '../../learn/sequence-tagger.js';
import { DETECT_FRAMING_ID, isPlainWord, phraseDrafts, scanFraming, spanInputOf } from './detect-framing.js';
import type { PlainWords } from './resource-ids.js';
import { framingLexicon } from './lexicon.js';
import { FRAMING_CLUSTERS, FRAMING_MODEL } from './resource-ids.js';
import { decodeSpans, MAX_SEQUENCE, SPAN_FEATURES, sentenceFeatures, sentenceWordRanges, spanEmissions, tagSpans, wordHashes, type LoadedSpanModel, type SpanInput } from './span-model.js';

type FramingModel = LoadedSpanModel;

function fixtureInputs(): { input: SpanInput; model: FramingModel }[] {
  const pipeline = loadDefaultPipeline();
  const analysis = pipeline.analyses.find((a) => a.id === DETECT_FRAMING_ID)!;
  const prefix = pipeline.analyses.slice(0, pipeline.analyses.indexOf(analysis));
  const dir = new URL('./fixtures/', import.meta.url);
  const texts = readdirSync(dir).map((name) => readFileSync(new URL(`${name}/input.txt`, dir), 'utf8'));
  texts.push(readFileSync(new URL('../../../docs/examples/port-strike.txt', import.meta.url), 'utf8'));
  return texts.map((text, i) => {
    const document = createDocument({ id: `t${i}`, text, contentHash: hashText(text), publishedAt: null });
    const context = contextFor(document, pipeline);
    const result = runAnalyses(document, prefix, context);
    const inputs = Object.fromEntries([...analysis.needs, ...(analysis.uses ?? [])].map((id) => [id, result.findings[id] ?? []]));
    const scan = scanFraming(document, inputs, context);
    return { input: spanInputOf(scan, inputs, framingLexicon(context.resources)), model: { ...resourceValue(context.resources, FRAMING_MODEL), clusters: resourceValue(context.resources, FRAMING_CLUSTERS) } };
  });
}

function randomModel(model: FramingModel, seed: number): FramingModel {
  const prng = createPrng(seed);
  const dense = new Int16Array(model.dense.length);
  for (let i = 0; i < dense.length; i++) dense[i] = Math.floor(prng.next() * 2001) - 1000;
  return { ...model, dense, outsideBias: 37 };
}

/** The plain sums: every feature id of `sentenceFeatures`, its row added. */
function plainEmissions(model: FramingModel, input: SpanInput, from: number, to: number): Float64Array {
  const n = to - from;
  const features = new Int32Array(n * SPAN_FEATURES);
  sentenceFeatures(input, wordHashes(input, model.clusters), from, to, model.tagger.buckets - 1, features, model.clusters);
  const emit = new Float64Array(n * 5);
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < SPAN_FEATURES; k++) {
      const row = features[t * SPAN_FEATURES + k]! * 5;
      for (let y = 0; y < 5; y++) emit[t * 5 + y] += model.dense[row + y]!;
    }
    emit[t * 5] += model.outsideBias;
  }
  return emit;
}

test('spanEmissions equals the plain sum of the weights of sentenceFeatures, and decodeSpans the labels of decodeEmissions', () => {
  const docs = fixtureInputs();
  let tokens = 0;
  for (const [m, pick] of [(x: FramingModel) => x, (x: FramingModel) => randomModel(x, 11), (x: FramingModel) => randomModel(x, 12)].entries()) {
    for (const { input, model: shipped } of docs) {
      const model = pick(shipped);
      const hashes = wordHashes(input);
      for (const { from, to: end } of sentenceWordRanges(input.words)) {
        const to = Math.min(end, from + MAX_SEQUENCE);
        const n = to - from;
        const fast = new Float64Array(n * 5);
        spanEmissions(model, input, hashes, from, to, fast);
        const plain = plainEmissions(model, input, from, to);
        assert.deepEqual([...fast], [...plain], `model ${m}, words ${from}-${to}`);
        const a = new Uint8Array(n);
        const b = new Uint8Array(n);
        decodeSpans(model.tagger.weights.transition, fast, n, a);
        decodeEmissions(model.tagger, plain, n, b);
        assert.deepEqual([...a], [...b], `model ${m}, words ${from}-${to}`);
        tokens += n;
      }
    }
  }
  assert.ok(tokens > 1000, `${tokens} tokens checked`);
});

test('decodeSpans equals decodeEmissions on random scores, ties included', () => {
  const model = fixtureInputs()[0]!.model;
  const prng = createPrng(7);
  const transition = Float64Array.from({ length: 30 }, () => Math.floor(prng.next() * 7) - 3);
  const tagger = { ...model.tagger, weights: { ...model.tagger.weights, transition } };
  for (let run = 0; run < 300; run++) {
    const n = 1 + Math.floor(prng.next() * 12);
    // Small integers, so that ties between paths are common.
    const emit = Float64Array.from({ length: n * 5 }, () => Math.floor(prng.next() * 5) - 2);
    const a = new Uint8Array(n);
    const b = new Uint8Array(n);
    decodeSpans(transition, emit, n, a);
    decodeEmissions(tagger, emit, n, b);
    assert.deepEqual([...a], [...b], `run ${run}`);
  }
});

test('phraseDrafts leaves out a lone capitalised word and phrases of weak words, and keeps the rest', () => {
  const text = '“Nobody should risk their life for this,” she said. It could be that they were wrong, and the plan is a reckless gamble.';
  const { scan, lexicon, at } = scanned(text);
  const spans = [
    { start: at('nobody'), end: at('nobody') + 1 },
    { start: at('it'), end: at('could') + 1 },
    { start: at('they'), end: at('were') + 1 },
    { start: at('reckless'), end: at('gamble') + 1 },
  ];
  const kept = phraseDrafts(scan, spans, lexicon).map((d) => text.slice(d.start, d.end));
  assert.deepEqual(kept, ['reckless gamble']);
});

test('phraseDrafts leaves out a phrase with a figure in the writer\'s voice, not in a quote', () => {
  const text = 'The visitors were crushed 52-3 in Dublin. “We were crushed 52-3,” the coach said.';
  const { scan, lexicon } = scanned(text);
  const words = Array.from({ length: scan.words.count }, (_, i) => scan.words.lower(i));
  const first = words.indexOf('crushed');
  const second = words.indexOf('crushed', first + 1);
  const spans = [
    { start: first, end: first + 2 },
    { start: first, end: first + 1 },
    { start: second, end: second + 2 },
  ];
  const kept = phraseDrafts(scan, spans, lexicon).map((d) => `${text.slice(d.start, d.end)}/${d.quoted ? 'quoted' : 'author'}`);
  assert.deepEqual(kept, ['crushed/author', 'crushed 52-3/quoted']);
});

test('phraseDrafts leaves out a phrase whose content words are all plain, and keeps one with a word that is not', () => {
  const text = 'The ministry wants control of the port. The plan is a reckless grab for control. It opened without a full inspection, a shameful inspection regime.';
  const { scan, lexicon } = scanned(text);
  const words = Array.from({ length: scan.words.count }, (_, i) => scan.words.lower(i));
  const nth = (word: string, n = 0): number => {
    let at = -1;
    for (let k = 0; k <= n; k++) at = words.indexOf(word, at + 1);
    return at;
  };
  // Plain words given here: `control`, `without`, `full`, `inspection`, listed against their group's verdict (a
  // word never seen is not plain); `reckless`, `grab`, `shameful` are not listed.
  const plain: PlainWords = { threshold: 1.2, unseenNews: false, unseenOther: false, flipped: new Set(['control', 'without', 'full', 'inspection'].map((w) => scan.words.lowerKey[nth(w)]!)) };
  const spans = [
    { start: nth('control'), end: nth('control') + 1 },
    { start: nth('reckless'), end: nth('control', 1) + 1 },
    { start: nth('without'), end: nth('inspection') + 1 },
    { start: nth('shameful'), end: nth('inspection', 1) + 1 },
  ];
  const kept = (p?: PlainWords, vocabulary?: ReadonlyMap<number, number>) => phraseDrafts(scan, spans, lexicon, p, vocabulary).map((d) => text.slice(d.start, d.end));
  assert.deepEqual(kept(plain), ['reckless grab for control', 'shameful inspection']);
  // Without plain words every phrase stays.
  assert.deepEqual(kept(), ['control', 'reckless grab for control', 'without a full inspection', 'shameful inspection']);
});

test('a word the training articles never hold is plain when its group is: the news vocabulary or the rest', () => {
  const text = 'The screensaver launches in a fortnight. The mesmeric screensaver launches in a fortnight.';
  const { scan, lexicon, at } = scanned(text);
  const key = (w: string) => scan.words.lowerKey[at(w)]!;
  // `screensaver`, `launches`, `fortnight` are words of the news vocabulary; `mesmeric` is not.
  const vocabulary = new Map(['screensaver', 'launches', 'fortnight'].map((w) => [key(w), 0]));
  const words = Array.from({ length: scan.words.count }, (_, i) => scan.words.lower(i));
  const second = words.indexOf('the', 1);
  const spans = [
    { start: 0, end: words.indexOf('fortnight') + 1 },
    { start: second, end: words.indexOf('fortnight', second) + 1 },
  ];
  const kept = (p: PlainWords) => phraseDrafts(scan, spans, lexicon, p, vocabulary).map((d) => text.slice(d.start, d.end));
  const news: PlainWords = { threshold: 1.2, unseenNews: true, unseenOther: false, flipped: new Set() };
  assert.deepEqual(kept(news), ['The mesmeric screensaver launches in a fortnight']);
  // A word of the news vocabulary listed as flipped is not plain (the training articles hold it inside spans).
  assert.deepEqual(kept({ ...news, flipped: new Set([key('launches')]) }), ['The screensaver launches in a fortnight', 'The mesmeric screensaver launches in a fortnight']);
  // Every group plain: no phrase stands; none plain: both stand.
  assert.deepEqual(kept({ ...news, unseenOther: true }), []);
  assert.deepEqual(kept({ ...news, unseenNews: false }), ['The screensaver launches in a fortnight', 'The mesmeric screensaver launches in a fortnight']);
  assert.equal(isPlainWord(news, key('fortnight'), vocabulary), true);
  assert.equal(isPlainWord(news, key('mesmeric'), vocabulary), false);
  assert.equal(isPlainWord({ threshold: 0, unseenNews: false, unseenOther: false, flipped: new Set() }, key('fortnight'), vocabulary), false);
});

test('the committed plain words load with their threshold and the verdict on unseen words', () => {
  const text = readFileSync(new URL('../../../models/framing.plain', import.meta.url), 'utf8');
  assert.match(text, /^# threshold \d+(\.\d+)?$/m);
  assert.match(text, /^# unseen news (plain|not-plain)$/m);
  assert.match(text, /^# unseen other (plain|not-plain)$/m);
  const plain = decodePlainWords(new TextEncoder().encode(text));
  assert.ok(plain.threshold > 0);
  assert.ok(plain.flipped.size > 0);
  assert.equal(plain.flipped.size, text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length);
  const decode = (s: string) => decodePlainWords(new TextEncoder().encode(s));
  assert.throws(() => decode('# threshold 1\n# unseen news plain\n# unseen other not-plain\nnot-a-key\n'));
  assert.throws(() => decode('# unseen news plain\n# unseen other not-plain\n0000000a\n'), /threshold/);
  assert.throws(() => decode('# threshold 1\n0000000a\n'), /unseen/);
  assert.throws(() => decode('# threshold 1\n# unseen news plain\n# unseen other not-plain\n0000000b\n0000000a\n'), /ascending/);
  assert.deepEqual(decode('# threshold 1.2\n# unseen news plain\n# unseen other not-plain\n0000000a\n'), { threshold: 1.2, unseenNews: true, unseenOther: false, flipped: new Set([10]) });
});

function scanned(text: string) {
  const pipeline = loadDefaultPipeline();
  const analysis = pipeline.analyses.find((a) => a.id === DETECT_FRAMING_ID)!;
  const prefix = pipeline.analyses.slice(0, pipeline.analyses.indexOf(analysis));
  const document = createDocument({ id: 'p', text, contentHash: hashText(text), publishedAt: null });
  const context = contextFor(document, pipeline);
  const result = runAnalyses(document, prefix, context);
  const inputs = Object.fromEntries([...analysis.needs, ...(analysis.uses ?? [])].map((id) => [id, result.findings[id] ?? []]));
  const scan = scanFraming(document, inputs, context);
  const at = (word: string): number => Array.from({ length: scan.words.count }, (_, i) => scan.words.lower(i)).indexOf(word);
  return { scan, inputs, lexicon: framingLexicon(context.resources), at };
}

test('phraseDrafts cuts a phrase where the voice changes and at an unpaired quotation mark', () => {
  const quote = '“This plan is a reckless gamble,” declared the union leader on Monday.';
  const q = scanned(quote);
  const crossing = phraseDrafts(q.scan, [{ start: q.at('reckless'), end: q.at('declared') + 1 }], q.lexicon);
  assert.ok(crossing.length >= 1);
  assert.deepEqual({ text: quote.slice(crossing[0]!.start, crossing[0]!.end), quoted: crossing[0]!.quoted }, { text: 'reckless gamble', quoted: true });
  for (const d of crossing.slice(1)) assert.equal(d.quoted, false, quote.slice(d.start, d.end));

  const mark = 'Lawyers said the detention had driven four of the men to "utter despair", and two were in hospital.';
  const m = scanned(mark);
  const kept = phraseDrafts(m.scan, [{ start: m.at('to'), end: m.at('despair') + 1 }], m.lexicon).map((d) => mark.slice(d.start, d.end));
  assert.deepEqual(kept, ['utter despair']);
  // Both marks inside the phrase: it stays whole.
  const paired = phraseDrafts(m.scan, [{ start: m.at('men'), end: m.at('and') + 1 }], m.lexicon).map((d) => mark.slice(d.start, d.end));
  assert.deepEqual(paired, ['men to "utter despair", and']);
});

test('a capitalised epithet the tables mark is read by the span model; the name after it stays masked', () => {
  for (const name of ['Joe', 'Donald']) {
    const { scan, inputs, lexicon } = scanned(`At the rally they called him Crooked ${name} again.`);
    const input = spanInputOf(scan, inputs, lexicon);
    const token = (word: string): number => Array.from({ length: input.words.count }, (_, t) => scan.text.slice(input.words.starts[t]!, input.words.ends[t]!)).indexOf(word);
    assert.ok(token('Crooked') >= 0, 'Crooked is a token of its own');
    assert.equal(input.name[token('Crooked')], 0);
    assert.ok(input.mark[token('Crooked')]! > 0, 'with its table mark');
    assert.equal(input.name[token(name)], 1);
  }
});

test('phraseDrafts leaves out a model phrase that is a whole clause of a quote, and keeps quoted phrases that are not', () => {
  const text = '“Nobody should risk their life for a shift bonus,” said a union official. “Complete and verifiable surrender.” “Nobody should risk their life for a bonus,” she said. Nobody should risk their life for a shift bonus.';
  const { scan, lexicon } = scanned(text);
  const words = Array.from({ length: scan.words.count }, (_, i) => scan.words.lower(i));
  const nth = (word: string, n: number): number => {
    let at = -1;
    for (let k = 0; k <= n; k++) at = words.indexOf(word, at + 1);
    return at;
  };
  const spans = [
    // The whole first quote, a clause with a modal: left out.
    { start: nth('nobody', 0), end: nth('bonus', 0) + 1 },
    // A whole quoted sentence without a pronoun, auxiliary or modal: a phrase, kept.
    { start: nth('complete', 0), end: nth('surrender', 0) + 1 },
    // Part of a quoted clause: kept.
    { start: nth('risk', 1), end: nth('life', 1) + 1 },
    // The same clause in the writer's voice: kept (the rule is about quotes).
    { start: nth('nobody', 2), end: nth('bonus', 2) + 1 },
  ];
  const kept = phraseDrafts(scan, spans, lexicon).map((d) => `${text.slice(d.start, d.end)}/${d.quoted ? 'quoted' : 'author'}`);
  assert.deepEqual(kept, ['Complete and verifiable surrender/quoted', 'risk their life/quoted', 'Nobody should risk their life for a shift bonus/author']);

  // Around a table mark: the phrase is left out, the table mark stays on its word.
  const label = '“They are simply thugs,” he said.';
  const l = scanned(label);
  assert.deepEqual(phraseDrafts(l.scan, [{ start: l.at('they'), end: l.at('thugs') + 1 }], l.lexicon), []);
  assert.deepEqual(l.scan.drafts.map((d) => `${label.slice(d.start, d.end)}/${d.quoted ? 'quoted' : 'author'}`), ['thugs/quoted']);
});

test('tagSpans gives the same phrases when asked for their margins, one margin per phrase', () => {
  let phrases = 0;
  for (const { input, model } of fixtureInputs()) {
    const margins: number[] = [];
    const withMargins = tagSpans(model, input, margins);
    assert.deepEqual(withMargins, tagSpans(model, input));
    assert.equal(margins.length, withMargins.length);
    for (const m of margins) assert.ok(Number.isFinite(m), `margin ${m}`);
    phrases += withMargins.length;
  }
  assert.ok(phrases > 0);
});

test('the span input with reused arrays equals a new one, a long document then a short one', () => {
  const long = scanned(`${'The reckless minister, police said, made a shocking claim about “reforms” in Brussels. '.repeat(40)}They called him Crooked Joe.`);
  const short = scanned('At the rally they called him Crooked Joe again.');
  const plain = (input: ReturnType<typeof spanInputOf>): unknown => ({
    count: input.words.count,
    arrays: [input.words.starts, input.words.ends, input.words.capital, input.words.sentence, input.words.lowerKey, input.firstWord, input.mark, input.quoted, input.name].map((a) => Array.from(a)),
  });
  for (const q of [long, short, long]) {
    const fresh = plain(spanInputOf(q.scan, q.inputs, q.lexicon));
    assert.deepEqual(plain(spanInputOf(q.scan, q.inputs, q.lexicon, true)), fresh);
  }
  // A new input keeps its arrays when a later one reuses the buffers.
  const kept = spanInputOf(short.scan, short.inputs, short.lexicon);
  const before = plain(kept);
  spanInputOf(long.scan, long.inputs, long.lexicon, true);
  assert.deepEqual(plain(kept), before);
});
