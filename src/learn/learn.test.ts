import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bilouConstraints, bilouLabels, bioConstraints, bioLabels, decodeBilou, encodeBilou, encodeSpans, spanConstraints, tagScheme } from './bilou.js';
import { featureId, hashLower, hashString } from './hash.js';
import { averageLogisticRegressions, binaryLogOdds, decodeLogisticRegression, encodeLogisticRegression, predictClass, predictProbabilities, trainLogisticRegression, type ClassifierExample } from './logistic-regression.js';
import { decodeModelFile, denseArray, encodeModelFile, MODEL_MAGIC, ModelFormatError, quantise } from './model-file.js';
import { createPrng, shuffleInPlace } from './prng.js';
import { decodeEmissions, decodeRange, decodeSequenceTagger, encodeSequenceTagger, sparseEmission, tagSequence, trainPerceptron, viterbi, type SequenceTagger, type TrainingSequence } from './sequence-tagger.js';

test('hashing: a substring hashes like the string, lowercase like the lowered string, no collisions among templates', () => {
  assert.equal(hashString('xxBerlinxx', 2, 8), hashString('Berlin'));
  assert.equal(hashLower('BERLIN'), hashString('berlin'));
  assert.equal(hashLower('ÉLYSÉE'), hashString('élysée'));
  assert.notEqual(featureId(1, hashString('a'), 0xffff), featureId(2, hashString('a'), 0xffff));
  assert.ok(featureId(7, hashString('word'), 0xff) <= 0xff);
});

test('prng: the same seed gives the same sequence and shuffle, another seed another', () => {
  const a = createPrng(42);
  const b = createPrng(42);
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, createPrng(43).next));
  const list = [1, 2, 3, 4, 5, 6, 7, 8];
  assert.deepEqual(shuffleInPlace([...list], createPrng(7)), shuffleInPlace([...list], createPrng(7)));
  assert.deepEqual([...shuffleInPlace([...list], createPrng(7))].sort(), list);
});

test('BILOU: encode and decode round trip; constraints forbid an open span', () => {
  const labels = bilouLabels(['PER', 'LOC']);
  assert.deepEqual(labels, ['O', 'B-PER', 'I-PER', 'L-PER', 'U-PER', 'B-LOC', 'I-LOC', 'L-LOC', 'U-LOC']);
  const spans = [
    { start: 0, end: 3, type: 'PER' },
    { start: 4, end: 5, type: 'LOC' },
  ];
  const tags = encodeBilou(6, spans, labels);
  assert.deepEqual([...tags].map((t) => labels[t]), ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'O']);
  assert.deepEqual(decodeBilou(tags, labels), spans);
  const { allowed, allowedEnd } = bilouConstraints(labels);
  const L = labels.length;
  const at = (prev: string | null, next: string) => allowed[(prev === null ? 0 : labels.indexOf(prev) + 1) * L + labels.indexOf(next)];
  assert.equal(at(null, 'I-PER'), 0);
  assert.equal(at('B-PER', 'I-PER'), 1);
  assert.equal(at('B-PER', 'L-LOC'), 0);
  assert.equal(at('B-PER', 'O'), 0);
  assert.equal(at('L-PER', 'U-LOC'), 1);
  assert.equal(allowedEnd[labels.indexOf('B-PER')], 0);
  assert.equal(allowedEnd[labels.indexOf('U-PER')], 1);
});

test('BIO: encode and decode round trip, adjacent spans of one type included; constraints allow I-T only after B-T or I-T', () => {
  const labels = bioLabels(['PER', 'LOC']);
  assert.deepEqual(labels, ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
  assert.equal(tagScheme(labels), 'BIO');
  assert.equal(tagScheme(bilouLabels(['PER'])), 'BILOU');
  const spans = [
    { start: 0, end: 3, type: 'PER' },
    { start: 3, end: 4, type: 'PER' },
    { start: 5, end: 6, type: 'LOC' },
  ];
  const tags = encodeSpans(7, spans, labels);
  assert.deepEqual([...tags].map((t) => labels[t]), ['B-PER', 'I-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'O']);
  assert.deepEqual(decodeBilou(tags, labels), spans);
  assert.deepEqual([...encodeSpans(7, spans, bilouLabels(['PER', 'LOC']))], [...encodeBilou(7, spans, bilouLabels(['PER', 'LOC']))], 'a BILOU set is encoded as BILOU');
  const { allowed, allowedEnd } = bioConstraints(labels);
  assert.deepEqual(spanConstraints(labels), { allowed, allowedEnd });
  const L = labels.length;
  const at = (prev: string | null, next: string) => allowed[(prev === null ? 0 : labels.indexOf(prev) + 1) * L + labels.indexOf(next)];
  assert.equal(at(null, 'I-PER'), 0);
  assert.equal(at(null, 'B-PER'), 1);
  assert.equal(at('O', 'I-PER'), 0);
  assert.equal(at('B-PER', 'I-PER'), 1);
  assert.equal(at('I-PER', 'I-PER'), 1);
  assert.equal(at('B-PER', 'I-LOC'), 0);
  assert.equal(at('I-PER', 'B-PER'), 1);
  assert.equal(at('B-PER', 'O'), 1);
  assert.ok(allowedEnd.every((v) => v === 1), 'a sentence may end on any BIO label');
  assert.throws(() => bioConstraints(['O', 'B-X', 'L-X']), /not a BIO label/);
});

test('viterbi: picks the best allowed path, not the best label per token', () => {
  const labels = bilouLabels(['X']); // O B I L U
  const L = labels.length;
  const buckets = 4;
  const emission = new Float64Array(buckets * L);
  // token feature 1 strongly prefers B-X, feature 2 prefers O slightly over L-X.
  emission[1 * L + 1] = 5;
  emission[2 * L + 0] = 1;
  emission[2 * L + 3] = 0.5;
  const tagger: SequenceTagger = { labels, featuresPerToken: 1, buckets, weights: { emission, transition: new Float64Array((L + 1) * L) } };
  const out = tagSequence(tagger, Int32Array.from([1, 2]), 2);
  // B-X then O is not allowed, so the path must be B-X L-X (5.5) rather than U-X O (1) or O O (1).
  assert.deepEqual([...out].map((t) => labels[t]), ['B-X', 'L-X']);
  const single = new Uint8Array(1);
  viterbi(tagger, Int32Array.from([1]), 1, single);
  assert.equal(labels[single[0]!], 'O', 'a one-token sentence cannot end on B-X');
});

/** The plain Viterbi search under the label set's constraints (BILOU or BIO): every allowed previous label tried, ties to the lower index. */
function plainViterbi(labels: readonly string[], emit: Float64Array, transition: Float64Array, n: number): number[] {
  const L = labels.length;
  const { allowed, allowedEnd } = spanConstraints(labels);
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let y = 0; y < L; y++) score[y] = allowed[y] ? emit[y]! + transition[y]! : -Infinity;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[(p + 1) * L + y]) continue;
        const s = score[(t - 1) * L + p]! + transition[(p + 1) * L + y]!;
        if (s > best) [best, arg] = [s, p];
      }
      score[t * L + y] = best + emit[t * L + y]!;
      back[t * L + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) if (allowedEnd[y] && score[(n - 1) * L + y]! > best) [best, arg] = [score[(n - 1) * L + y]!, y];
  const out = [arg];
  for (let t = n - 1; t > 0; t--) out.unshift(back[t * L + out[0]!]!);
  return out;
}

for (const scheme of ['BILOU', 'BIO'] as const) test(`viterbi (${scheme}): the pruned search decodes exactly like the plain one, ties included`, () => {
  const labels = scheme === 'BIO' ? bioLabels(['PER', 'ORG', 'LOC', 'MISC']) : bilouLabels(['PER', 'ORG', 'LOC', 'MISC']);
  const L = labels.length;
  const prng = createPrng(11);
  // Small integer ranges make ties common; wide ones make one previous label dominate (the pruned case).
  for (const [emitRange, transitionRange] of [
    [3, 2],
    [50, 5],
    [2000, 300],
    [10, 40],
  ] as const) {
    for (let trial = 0; trial < 150; trial++) {
      const n = 1 + Math.floor(prng.next() * 12);
      const emit = Float64Array.from({ length: n * L }, () => Math.floor(prng.next() * emitRange));
      const transition = Float64Array.from({ length: (L + 1) * L }, () => Math.floor(prng.next() * transitionRange) - transitionRange / 2);
      const tagger: SequenceTagger = { labels, featuresPerToken: 1, buckets: 1, weights: { emission: null, transition } };
      const out = new Uint8Array(n);
      decodeEmissions(tagger, emit, n, out);
      assert.deepEqual([...out], plainViterbi(labels, emit, transition, n), `emission range ${emitRange}, transition range ${transitionRange}, trial ${trial}`);
    }
  }
});

for (const scheme of ['BILOU', 'BIO'] as const) test(`viterbi (${scheme}): a range between tokens outside names decodes as the whole sequence does with those tokens forced to O`, () => {
  const labels = scheme === 'BIO' ? bioLabels(['PER', 'ORG', 'LOC', 'MISC']) : bilouLabels(['PER', 'ORG', 'LOC', 'MISC']);
  const L = labels.length;
  const prng = createPrng(23);
  const FORCE = 1e9;
  for (const [emitRange, transitionRange] of [
    [3, 2],
    [50, 5],
    [2000, 300],
  ] as const) {
    for (let trial = 0; trial < 150; trial++) {
      const before = Math.floor(prng.next() * 3);
      const inner = 1 + Math.floor(prng.next() * 10);
      const after = Math.floor(prng.next() * 3);
      const n = before + inner + after;
      const emit = Float64Array.from({ length: n * L }, () => Math.floor(prng.next() * emitRange));
      const transition = Float64Array.from({ length: (L + 1) * L }, () => Math.floor(prng.next() * transitionRange) - transitionRange / 2);
      // The tokens next to the range are outside names: O beats every other label by far.
      if (before > 0) emit[(before - 1) * L] = FORCE;
      if (after > 0) emit[(before + inner) * L] = FORCE;
      const tagger: SequenceTagger = { labels, featuresPerToken: 1, buckets: 1, weights: { emission: null, transition } };
      const whole = plainViterbi(labels, emit, transition, n);
      const out = new Uint8Array(n).fill(99);
      decodeRange(tagger, emit, before, before + inner, out, before > 0, after > 0);
      assert.deepEqual([...out.subarray(before, before + inner)], whole.slice(before, before + inner), `trial ${trial}`);
      assert.ok(out.subarray(0, before).every((v) => v === 99) && out.subarray(before + inner).every((v) => v === 99), 'only the range is written');
    }
  }
});

for (const scheme of ['BILOU', 'BIO'] as const) test(`viterbi (${scheme}): a loaded model's one-token range between two O's takes the label of the full search, ties included`, () => {
  const labels = scheme === 'BIO' ? bioLabels(['PER', 'ORG', 'LOC', 'MISC']) : bilouLabels(['PER', 'ORG', 'LOC', 'MISC']);
  const L = labels.length;
  const prng = createPrng(29);
  const FORCE = 1e9;
  for (const [emitRange, transitionRange] of [
    [2, 2],
    [3, 4],
    [50, 5],
    [2000, 300],
  ] as const) {
    for (let trial = 0; trial < 200; trial++) {
      const before = 1 + Math.floor(prng.next() * 2);
      const after = 1 + Math.floor(prng.next() * 2);
      const n = before + 1 + after;
      const emit = Float64Array.from({ length: n * L }, () => Math.floor(prng.next() * emitRange));
      // Integer weights, as a loaded model's are.
      const transition = Int16Array.from({ length: (L + 1) * L }, () => Math.floor(prng.next() * transitionRange) - transitionRange / 2);
      emit[(before - 1) * L] = FORCE;
      emit[(before + 1) * L] = FORCE;
      const tagger: SequenceTagger = { labels, featuresPerToken: 1, buckets: 1, weights: { emission: null, sparse: sparseEmission(1, L, [], []), transition } };
      const whole = plainViterbi(labels, emit, Float64Array.from(transition), n);
      const out = new Uint8Array(n).fill(99);
      decodeRange(tagger, emit, before, before + 1, out, true, true);
      assert.equal(out[before], whole[before], `emission range ${emitRange}, transition range ${transitionRange}, trial ${trial}`);
      assert.ok(out.subarray(0, before).every((v) => v === 99) && out.subarray(before + 1).every((v) => v === 99), 'only the range is written');
    }
  }
});

/** A toy language: capitalised words after "mr" are persons, the word "paris" a place. */
function toySet(): { data: TrainingSequence[]; labels: string[] } {
  const labels = bilouLabels(['PER', 'LOC']);
  const words = ['mr', 'Smith', 'went', 'to', 'paris', 'Jones', 'saw', 'the', 'city', 'Brown'];
  const id = (w: string) => words.indexOf(w) + 1;
  const sentences: [string[], { start: number; end: number; type: string }[]][] = [
    [['mr', 'Smith', 'went', 'to', 'paris'], [{ start: 0, end: 2, type: 'PER' }, { start: 4, end: 5, type: 'LOC' }]],
    [['mr', 'Jones', 'saw', 'the', 'city'], [{ start: 0, end: 2, type: 'PER' }]],
    [['the', 'city', 'saw', 'mr', 'Brown'], [{ start: 3, end: 5, type: 'PER' }]],
    [['paris', 'saw', 'mr', 'Smith'], [{ start: 0, end: 1, type: 'LOC' }, { start: 2, end: 4, type: 'PER' }]],
  ];
  const data = sentences.map(([ws, spans]) => ({
    // two features per token: the word, and the previous word (offset by 16)
    features: Int32Array.from(ws.flatMap((w, i) => [id(w), 16 + (i > 0 ? id(ws[i - 1]!) : 0)])),
    labels: encodeBilou(ws.length, spans, labels),
  }));
  return { data, labels };
}

test('perceptron: learns a toy set, and the same seed gives the same weights', () => {
  const { data, labels } = toySet();
  const options = { labels, featuresPerToken: 2, buckets: 32, epochs: 10, seed: 1 };
  const tagger = trainPerceptron(data, options);
  for (const { features, labels: gold } of data) assert.deepEqual([...tagSequence(tagger, features, gold.length)], [...gold]);
  const again = trainPerceptron(data, options);
  assert.deepEqual([...again.weights.emission as Float32Array], [...tagger.weights.emission as Float32Array]);
  const epochs: number[] = [];
  trainPerceptron(data, { ...options, epochs: 3, onEpoch: (e) => epochs.push(e) });
  assert.deepEqual(epochs, [1, 2, 3]);
});

test('model file: a tagger survives save and load with the same predictions and bytes', () => {
  const { data, labels } = toySet();
  const tagger = trainPerceptron(data, { labels, featuresPerToken: 2, buckets: 32, epochs: 10, seed: 1 });
  const info = { name: 'toy', templates: ['word', 'word-1'], dataHash: 'ab'.repeat(32), settings: { epochs: 10 } };
  const bytes = encodeSequenceTagger(tagger, info);
  assert.deepEqual(encodeSequenceTagger(tagger, info), bytes, 'encoding is deterministic');
  const loaded = decodeSequenceTagger(bytes);
  assert.deepEqual(loaded.labels, labels);
  assert.deepEqual(loaded.header?.templates, ['word', 'word-1']);
  assert.equal(loaded.header?.settings.epochs, 10);
  for (const { features, labels: gold } of data) assert.deepEqual([...tagSequence(loaded, features, gold.length)], [...gold]);
  assert.equal(loaded.weights.emission, null, 'a loaded tagger keeps its weights sparse');
  // The sparse weights score exactly like the dense ones they came from.
  const dense = tagger.weights.emission as Float32Array;
  const { scale } = loaded.header!;
  const sp = loaded.weights.sparse!;
  let entries = 0;
  for (let f = 0; f < tagger.buckets; f++) {
    const set = (sp.bits[f >>> 5]! >>> (f & 31)) & 1;
    const rowHasWeight = labels.some((_, y) => Math.round(dense[f * labels.length + y]! / scale) !== 0);
    assert.equal(set === 1, rowHasWeight, `feature ${f}`);
    if (set) entries++;
  }
  assert.equal(sp.rowStart.length, entries + 1);
});

test('model file: quantisation keeps the largest weight exact to one step', () => {
  const { scale, values } = quantise([Float64Array.from([0.5, -2, 0]), Float64Array.from([1])]);
  assert.equal(values[0]![1], -32767);
  assert.ok(Math.abs(values[0]![0]! * scale - 0.5) <= scale);
  assert.equal(values[0]![2], 0);
});

function toyFile(): Uint8Array {
  const { data, labels } = toySet();
  const tagger = trainPerceptron(data, { labels, featuresPerToken: 2, buckets: 32, epochs: 3, seed: 1 });
  return encodeSequenceTagger(tagger, { name: 'toy', templates: ['a', 'b'], dataHash: 'cd'.repeat(32), settings: {} });
}

/** Rewrites the checksum so that a deliberate edit reaches the later checks. */
function resealed(bytes: Uint8Array): Uint8Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length - 4; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, h >>> 0, true);
  return bytes;
}

test('model file: the loader rejects bad files with a clear message', () => {
  const good = toyFile();
  const throwsWith = (bytes: Uint8Array, pattern: RegExp) =>
    assert.throws(() => decodeSequenceTagger(bytes), (e: unknown) => e instanceof ModelFormatError && pattern.test(e.message));
  throwsWith(new TextEncoder().encode('{"not":"a model"} and some more bytes'), /wrong magic/);
  throwsWith(good.slice(0, 10), /only 10 bytes/);
  throwsWith(good.slice(0, good.length - 9), /checksum/);
  const flipped = good.slice();
  flipped[flipped.length - 7]! ^= 0xff;
  throwsWith(flipped, /checksum/);
  const version = good.slice();
  version[8] = 9;
  throwsWith(resealed(version), /format version 9/);
  const text = new TextDecoder().decode(good);
  const headerStart = text.indexOf('{');
  const mutate = (from: string, to: string) => {
    const at = text.indexOf(from, headerStart);
    assert.ok(at > 0 && from.length === to.length);
    const b = good.slice();
    b.set(new TextEncoder().encode(to), at);
    return resealed(b);
  };
  throwsWith(mutate('"buckets":32', '"buckets":33'), /power of two/);
  throwsWith(mutate('"buckets":32', '"buckets":16'), /emission has 288 weights, expected buckets × labels = 144/);
  throwsWith(mutate('"sequence-tagger"', '"sequence-taggex"'), /kind is "sequence-taggex"/);
  throwsWith(mutate('"name":"toy"', '"name":toy""'), /header is not JSON/);
  assert.equal(decodeModelFile(good).header.name, 'toy');
  assert.equal(new TextDecoder().decode(good.subarray(0, 8)), MODEL_MAGIC);
});

test('model file: generic arrays round trip, dense and sparse', () => {
  const dense = Int16Array.from([1, -2, 3, 4]);
  const sparse = new Int16Array(1000);
  sparse[3] = 7;
  sparse[999] = -32767;
  const bytes = encodeModelFile({ kind: 'k', name: 'n', templates: [], labels: ['a'], buckets: 1, scale: 0.5, dataHash: 'ab'.repeat(4), settings: {} }, [
    { name: 'dense', values: dense },
    { name: 'sparse', values: sparse },
  ]);
  const { arrays, header } = decodeModelFile(bytes);
  assert.deepEqual([...denseArray(arrays.get('dense')!)], [...dense]);
  assert.equal(arrays.get('dense')!.indices, null);
  assert.deepEqual([...denseArray(arrays.get('sparse')!)], [...sparse]);
  assert.deepEqual([...arrays.get('sparse')!.indices!], [3, 999], 'a mostly-zero array stays sparse in memory');
  assert.deepEqual(header.arrays, [
    { name: 'dense', length: 4 },
    { name: 'sparse', length: 1000 },
  ]);
});

test('logistic regression: learns a toy classification and survives save and load', () => {
  // class 1 when feature 3 is present, else class 0; features 5..7 are noise
  const data: ClassifierExample[] = [];
  for (let i = 0; i < 40; i++) data.push({ features: Int32Array.from(i % 2 ? [3, 5 + (i % 3)] : [4, 5 + (i % 3)]), label: i % 2 });
  const model = trainLogisticRegression(data, { labels: ['no', 'yes'], buckets: 8, epochs: 20, seed: 3, learningRate: 0.5 });
  assert.equal(predictClass(model, Int32Array.from([3, 6])), 1);
  assert.equal(predictClass(model, Int32Array.from([4, 6])), 0);
  const loaded = decodeLogisticRegression(encodeLogisticRegression(model, { name: 'toy', templates: ['f'], dataHash: 'ab'.repeat(8), settings: {} }));
  for (const { features, label } of data) assert.equal(predictClass(loaded, features), label);
  assert.throws(() => decodeSequenceTagger(encodeLogisticRegression(model, { name: 'toy', templates: ['f'], dataHash: 'ab'.repeat(8), settings: {} })), /expected "sequence-tagger"/);
});

test('logistic regression: averaged weights are the mean of the weights after every update; onEpoch sees each epoch count', () => {
  // One example: one update per epoch, so the plain model after k updates is the model trained for k epochs.
  const one: ClassifierExample[] = [{ features: Int32Array.of(1, 2), label: 1 }];
  const options = { labels: ['no', 'yes'], buckets: 4, seed: 5, learningRate: 0.3 } as const;
  const E = 4;
  const plain = Array.from({ length: E }, (_, k) => trainLogisticRegression(one, { ...options, epochs: k + 1 }));
  const averaged = trainLogisticRegression(one, { ...options, epochs: E, average: true });
  for (let i = 0; i < averaged.weights.length; i++) {
    const mean = plain.reduce((sum, m) => sum + m.weights[i]!, 0) / E;
    assert.ok(Math.abs(averaged.weights[i]! - mean) < 1e-12, `weight ${i}: ${averaged.weights[i]} vs ${mean}`);
  }
  for (let k = 0; k < 2; k++) assert.ok(Math.abs(averaged.bias[k]! - plain.reduce((sum, m) => sum + m.bias[k]!, 0) / E) < 1e-12);

  const data: ClassifierExample[] = [
    { features: Int32Array.of(1, 2), label: 1 },
    { features: Int32Array.of(3), label: 0 },
    { features: Int32Array.of(1), label: 1 },
    { features: Int32Array.of(3, 2), label: 0 },
  ];
  const epochs: number[] = [];
  let atTwo: number[] = [];
  const model = trainLogisticRegression(data, {
    ...options,
    epochs: 3,
    average: true,
    onEpoch: (epoch, m) => {
      epochs.push(epoch);
      if (epoch === 2) atTwo = Array.from(m.weights);
    },
  });
  assert.deepEqual(epochs, [1, 2, 3]);
  assert.deepEqual(atTwo, Array.from(trainLogisticRegression(data, { ...options, epochs: 2, average: true }).weights), 'the model after epoch 2 is the model trained for 2 epochs');
  assert.equal(predictClass(model, Int32Array.of(1)), 1);
  assert.equal(predictClass(model, Int32Array.of(3)), 0);
});

test('logistic regression: binaryLogOdds is the log of the probability ratio of the two classes', () => {
  const data: ClassifierExample[] = [
    { features: Int32Array.of(1), label: 1 },
    { features: Int32Array.of(2), label: 0 },
  ];
  const model = trainLogisticRegression(data, { labels: ['no', 'yes'], buckets: 4, epochs: 5, seed: 1, learningRate: 0.5 });
  for (const f of [Int32Array.of(1), Int32Array.of(2), Int32Array.of(1, 2)]) {
    const p = predictProbabilities(model, f);
    assert.ok(Math.abs(binaryLogOdds(model, f) - Math.log(p[1]! / p[0]!)) < 1e-9);
  }
  assert.throws(() => binaryLogOdds({ ...model, labels: ['a', 'b', 'c'] }, Int32Array.of(1)), /two-class/);
});

test('logistic regression: the average of models scores the mean of their log-odds, whatever their scales', () => {
  const data: ClassifierExample[] = [
    { features: Int32Array.of(1, 2), label: 1 },
    { features: Int32Array.of(3), label: 0 },
    { features: Int32Array.of(1), label: 1 },
    { features: Int32Array.of(3, 2), label: 0 },
  ];
  const options = { labels: ['no', 'yes'], buckets: 4, epochs: 3, learningRate: 0.4 } as const;
  const a = trainLogisticRegression(data, { ...options, seed: 1 });
  const b = trainLogisticRegression(data.slice(0, 3), { ...options, seed: 2 });
  // A quantised model keeps stored × scale: the average must read the real weights.
  const c = decodeLogisticRegression(encodeLogisticRegression(trainLogisticRegression(data.slice(1), { ...options, seed: 3 }), { name: 'toy', templates: ['f'], dataHash: 'ab'.repeat(8), settings: {} }));
  assert.notEqual(c.scale, 1);
  const mean = averageLogisticRegressions([a, b, c]);
  for (const f of [Int32Array.of(1), Int32Array.of(3), Int32Array.of(1, 2, 3), Int32Array.of()]) {
    const expected = (binaryLogOdds(a, f) + binaryLogOdds(b, f) + binaryLogOdds(c, f)) / 3;
    assert.ok(Math.abs(binaryLogOdds(mean, f) - expected) < 1e-9, `features ${Array.from(f)}: ${binaryLogOdds(mean, f)} vs ${expected}`);
  }
  assert.throws(() => averageLogisticRegressions([]), /no models/);
  assert.throws(() => averageLogisticRegressions([a, { ...b, buckets: 8, weights: new Float64Array(16) }]), /differ in labels or buckets/);
});
