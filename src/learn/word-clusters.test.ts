import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashString } from './hash.js';
import { createPrng } from './prng.js';
import { formatWordClusters, learnWordClusters, parseWordClusters, pathBits, pathPrefix, WordClusterFormatError } from './word-clusters.js';

/**
 * A toy language with two word classes that occur in different contexts: "the <noun> <verb>s" and
 * "we <verb> the <noun>". Nouns and verbs never share a context, so the first split separates them.
 */
function toyCorpus(seed: number): { sequences: number[][]; nouns: number[]; verbs: number[]; key: (w: string) => number } {
  const key = (w: string) => hashString(w);
  const nouns = ['dog', 'cat', 'budget', 'tax', 'senator', 'bill'].map(key);
  const verbs = ['run', 'cut', 'raise', 'vote', 'pass', 'sign'].map(key);
  const prng = createPrng(seed);
  const sequences: number[][] = [];
  for (let i = 0; i < 600; i++) {
    const n = nouns[prng.int(nouns.length)]!;
    const v = verbs[prng.int(verbs.length)]!;
    sequences.push(i % 2 ? [key('the'), n, v, key('today')] : [key('we'), v, key('the'), n]);
  }
  return { sequences, nouns, verbs, key };
}

const options = { minCount: 5, contextSize: 20, depth: 4, minClusterSize: 2, powerIterations: 30, refineIterations: 5 };

test('word clusters: words of the same contexts share the first bit, the two classes differ in it', () => {
  const { sequences, nouns, verbs } = toyCorpus(7);
  const clusters = learnWordClusters(sequences, hashString('<s>'), options);
  const first = (k: number) => pathPrefix(clusters.get(k)!, 1);
  for (const n of nouns) assert.equal(first(n), first(nouns[0]!), 'every noun on the side of the first noun');
  for (const v of verbs) assert.equal(first(v), first(verbs[0]!), 'every verb on the side of the first verb');
  assert.notEqual(first(nouns[0]!), first(verbs[0]!));
  assert.ok(!clusters.has(hashString('<s>')), 'the boundary is never clustered');
  for (const p of clusters.values()) assert.ok(pathBits(p) >= 1 && pathBits(p) <= options.depth);
});

test('word clusters: deterministic, rare words left out, and the file round-trips', () => {
  const { sequences, key } = toyCorpus(11);
  sequences.push([key('hapax'), key('the'), key('dog')]);
  const a = learnWordClusters(sequences, hashString('<s>'), options);
  const b = learnWordClusters(sequences.map((s) => [...s]), hashString('<s>'), options);
  assert.equal(formatWordClusters(a), formatWordClusters(b));
  assert.ok(!a.has(key('hapax')), 'a word seen once has no cluster');
  const text = formatWordClusters(a);
  assert.match(text.split('\n')[0]!, /^[0-9a-f]{8}\t[01]+$/);
  assert.deepEqual(parseWordClusters(text), a);
});

test('word clusters: paths and prefixes; a bad file is refused with its line', () => {
  assert.equal(pathBits(0b1), 0);
  assert.equal(pathBits(0b1011), 3);
  assert.equal(pathPrefix(0b1011, 2), 0b101);
  assert.equal(pathPrefix(0b1011, 8), 0b1011, 'a prefix longer than the path is the path');
  assert.throws(() => parseWordClusters('0000000a\t01\nxyz\t1\n'), (e: unknown) => e instanceof WordClusterFormatError && /line 2/.test(e.message));
  assert.throws(() => parseWordClusters('0000000a\t01\n0000000a\t1\n'), /repeats the key/);
  assert.throws(() => learnWordClusters([], 0, { ...options, depth: 16 }), RangeError);
});
