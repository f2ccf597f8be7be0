/**
 * The one learning module of claimtrace: feature hashing, a seeded PRNG, BILOU and BIO helpers, an averaged
 * perceptron sequence tagger with Viterbi decoding, logistic regression, label-rate shift estimated by EM, word
 * clusters learned from unlabelled text, and the model file format.
 * It imports only `core` and runs in a browser (no Node built-ins, no clock, no Math.random).
 */
export * from './bilou.js';
export * from './hash.js';
export * from './logistic-regression.js';
export * from './model-file.js';
export * from './prior-shift.js';
export * from './prng.js';
export * from './sequence-tagger.js';
export * from './word-clusters.js';
