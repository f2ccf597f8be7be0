/**
 * Multinomial logistic regression over hashed binary features, trained by stochastic gradient
 * descent with L2 regularisation and a seeded shuffle: for the classifiers of the project
 * (check-worthiness, cue and source ranking). Weights `w[feature * K + class]`, bias per class.
 */
import { decodeModelFile, denseArray, encodeModelFile, ModelFormatError, quantise } from './model-file.js';
import { createPrng, shuffleInPlace } from './prng.js';

export interface ClassifierExample {
  /** Feature ids in [0, buckets). */
  readonly features: Int32Array;
  /** Class index. */
  readonly label: number;
}

export interface LogisticRegression {
  readonly labels: readonly string[];
  readonly buckets: number;
  readonly weights: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
  /** Real weight = stored × scale (1 for a freshly trained model). */
  readonly scale: number;
}

export interface LogisticOptions {
  readonly labels: readonly string[];
  readonly buckets: number;
  readonly epochs: number;
  readonly seed: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** Return the average of the weights over every update (Polyak averaging) instead of the last ones. */
  readonly average?: boolean;
  /**
   * Called after each epoch with the model as it stands (its arrays keep changing afterwards): the
   * model after epoch e is the model trained with `epochs: e`, so one run serves every epoch count.
   */
  readonly onEpoch?: (epoch: number, model: LogisticRegression) => void;
}

export const LOGISTIC_KIND = 'logistic-regression';

/** Class probabilities for one example. */
export function predictProbabilities(model: LogisticRegression, features: Int32Array): Float64Array {
  const K = model.labels.length;
  const z = new Float64Array(K);
  for (let k = 0; k < K; k++) z[k] = model.bias[k]! * model.scale;
  for (let i = 0; i < features.length; i++) {
    const row = features[i]! * K;
    for (let k = 0; k < K; k++) z[k] += model.weights[row + k]! * model.scale;
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < K; k++) z[k] /= sum;
  return z;
}

/**
 * The log-odds of class `positive` against the other class of a two-class model, z = s1 - s0: the
 * score that Platt scaling calibrates. Allocates nothing.
 */
export function binaryLogOdds(model: LogisticRegression, features: Int32Array, positive = 1): number {
  if (model.labels.length !== 2) throw new RangeError(`binaryLogOdds needs a two-class model, this one has ${model.labels.length} classes`);
  const negative = 1 - positive;
  let z = model.bias[positive]! - model.bias[negative]!;
  for (let i = 0; i < features.length; i++) {
    const row = features[i]! * 2;
    z += model.weights[row + positive]! - model.weights[row + negative]!;
  }
  return z * model.scale;
}

/** The most probable class (lowest index on ties). */
export function predictClass(model: LogisticRegression, features: Int32Array): number {
  const p = predictProbabilities(model, features);
  let arg = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[arg]!) arg = k;
  return arg;
}

export function trainLogisticRegression(data: readonly ClassifierExample[], options: LogisticOptions): LogisticRegression {
  const K = options.labels.length;
  const rate = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-6;
  const average = options.average ?? false;
  const weights = new Float64Array(options.buckets * K);
  const bias = new Float64Array(K);
  // Averaging (Polyak; the same lazy trick as the averaged perceptron): update t (from 1) adds
  // (t - 1) × change to `sumW`, so after T updates the mean of the weights after each update is
  // w - sumW / T, without touching every weight at every update.
  const sumW = average ? new Float64Array(options.buckets * K) : null;
  const sumB = average ? new Float64Array(K) : null;
  let updates = 0;
  const model: LogisticRegression = { labels: options.labels, buckets: options.buckets, weights, bias, scale: 1 };
  const averaged = (): LogisticRegression => {
    if (!sumW || !sumB) return model;
    return {
      ...model,
      weights: Float64Array.from(weights, (w, i) => (updates ? w - sumW[i]! / updates : w)),
      bias: Float64Array.from(bias, (b, k) => (updates ? b - sumB[k]! / updates : b)),
    };
  };
  const order = data.map((_, i) => i);
  const prng = createPrng(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, prng);
    const eta = rate / (1 + epoch);
    for (const index of order) {
      const { features, label } = data[index]!;
      const p = predictProbabilities(model, features);
      const before = updates++;
      for (let k = 0; k < K; k++) {
        const g = p[k]! - (k === label ? 1 : 0);
        bias[k] -= eta * g;
        if (sumB) sumB[k] -= before * eta * g;
        for (let i = 0; i < features.length; i++) {
          const at = features[i]! * K + k;
          const change = -eta * (g + l2 * weights[at]!);
          weights[at] += change;
          if (sumW) sumW[at] += before * change;
        }
      }
    }
    options.onEpoch?.(epoch + 1, averaged());
  }
  return averaged();
}

/**
 * The model whose weights and biases are the means of the given models' (real weights, scale 1): for a
 * linear model its log-odds are the means of theirs. The models must share labels and buckets. Used to
 * bag models trained on different parts of the data into one model of the same size and speed.
 */
export function averageLogisticRegressions(models: readonly LogisticRegression[]): LogisticRegression {
  const first = models[0];
  if (!first) throw new RangeError('averageLogisticRegressions: no models');
  for (const m of models) {
    if (m.buckets !== first.buckets || m.labels.length !== first.labels.length || m.labels.some((l, i) => l !== first.labels[i])) {
      throw new RangeError('averageLogisticRegressions: the models differ in labels or buckets');
    }
  }
  const mean = (pick: (m: LogisticRegression) => ArrayLike<number>): Float64Array => {
    const out = new Float64Array(pick(first).length);
    for (const m of models) {
      const values = pick(m);
      for (let i = 0; i < out.length; i++) out[i] += values[i]! * m.scale;
    }
    for (let i = 0; i < out.length; i++) out[i] /= models.length;
    return out;
  };
  return { labels: first.labels, buckets: first.buckets, weights: mean((m) => m.weights), bias: mean((m) => m.bias), scale: 1 };
}

export function encodeLogisticRegression(model: LogisticRegression, info: { name: string; templates: readonly string[]; dataHash: string; settings: Record<string, string | number | boolean> }): Uint8Array {
  const real = (a: ArrayLike<number>) => Float64Array.from({ length: a.length }, (_, i) => a[i]! * model.scale);
  const { scale, values } = quantise([real(model.weights), real(model.bias)]);
  return encodeModelFile(
    { kind: LOGISTIC_KIND, name: info.name, templates: info.templates, labels: model.labels, buckets: model.buckets, scale, dataHash: info.dataHash, settings: info.settings },
    [
      { name: 'weights', values: values[0]! },
      { name: 'bias', values: values[1]! },
    ],
  );
}

export function decodeLogisticRegression(bytes: Uint8Array): LogisticRegression {
  const { header, arrays } = decodeModelFile(bytes);
  if (header.kind !== LOGISTIC_KIND) throw new ModelFormatError(`kind is "${header.kind}", expected "${LOGISTIC_KIND}"`);
  const K = header.labels.length;
  const storedWeights = arrays.get('weights');
  const storedBias = arrays.get('bias');
  if (!storedWeights || !storedBias || arrays.size !== 2) throw new ModelFormatError('a logistic regression has exactly the arrays "weights" and "bias"');
  const weights = denseArray(storedWeights);
  const bias = denseArray(storedBias);
  if (weights.length !== header.buckets * K) throw new ModelFormatError(`weights has ${weights.length} values, expected buckets × labels = ${header.buckets * K}`);
  if (bias.length !== K) throw new ModelFormatError(`bias has ${bias.length} values, expected ${K}`);
  return { labels: header.labels, buckets: header.buckets, weights, bias, scale: header.scale };
}
