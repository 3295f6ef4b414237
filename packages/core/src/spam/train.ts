import { QunzhuError } from '../errors.js';
import type { SpamSample } from './dataset.js';
import type { SpamFeatureOptions } from './features.js';
import { extractorFor, margin, type SpamModel, sigmoid } from './model.js';

export type SpamTrainOptions = {
  /** log2 of the weight table size (default 20). */
  bits?: number;
  /** Longest character n-gram (default 3). */
  maxNgram?: number;
  /** Passes over the data (default 6). */
  epochs?: number;
  /** AdaGrad step size (default 0.3). */
  rate?: number;
  /** L2 penalty on the weights a step touches (default 1e-5). */
  l2?: number;
  /** Seed of the shuffles (default "qunzhu"): the same data and seed give the same model. */
  seed?: string;
};

export const SPAM_TRAIN_DEFAULTS = {
  bits: 20,
  maxNgram: 3,
  epochs: 6,
  rate: 0.3,
  l2: 1e-5,
  seed: 'qunzhu',
} as const satisfies Required<SpamTrainOptions>;

type Encoded = { indices: Int32Array; values: Float32Array; y: number };

const encode = (samples: readonly SpamSample[], features: SpamFeatureOptions): Encoded[] => {
  const extract = extractorFor(features);
  return samples.map((s) => {
    const f = extract(s.text);
    return { indices: f.indices.slice(0, f.length), values: f.values.slice(0, f.length), y: s.spam ? 1 : 0 };
  });
};

// Deterministic order per epoch without touching Math.random.
const permutation = (n: number, seed: number): Uint32Array => {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let state = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
};

const seedNumber = (seed: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

const checkOptions = (o: Required<SpamTrainOptions>) => {
  if (!Number.isInteger(o.bits) || o.bits < 10 || o.bits > 24)
    throw new QunzhuError('bad_input', `bits must be a whole number from 10 to 24, got ${o.bits}`);
  if (!Number.isInteger(o.maxNgram) || o.maxNgram < 1 || o.maxNgram > 5)
    throw new QunzhuError('bad_input', `maxNgram must be 1 to 5, got ${o.maxNgram}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1)
    throw new QunzhuError('bad_input', `epochs must be ≥ 1, got ${o.epochs}`);
  if (!(o.rate > 0)) throw new QunzhuError('bad_input', `rate must be > 0, got ${o.rate}`);
  if (!(o.l2 >= 0)) throw new QunzhuError('bad_input', `l2 must be ≥ 0, got ${o.l2}`);
};

/**
 * Logistic regression with AdaGrad over hashed character n-grams, seeded. The threshold is left at
 * 0.5: choose it on validation scores with `chooseSpamThreshold`.
 */
export const trainSpamModel = (samples: readonly SpamSample[], options: SpamTrainOptions = {}): SpamModel => {
  const o = { ...SPAM_TRAIN_DEFAULTS, ...options };
  checkOptions(o);
  if (samples.length === 0) throw new QunzhuError('bad_input', 'no samples to train on');
  const features = { bits: o.bits, maxNgram: o.maxNgram };
  const data = encode(samples, features);
  const size = 1 << o.bits;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  let bias = 0;
  let biasSquares = 0;
  const seed = seedNumber(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(data.length, seed + epoch * 0x9e3779b9);
    for (let k = 0; k < order.length; k++) {
      const x = data[order[k] as number] as Encoded;
      const f = { indices: x.indices, values: x.values, length: x.indices.length };
      const error = sigmoid(margin(weights, bias, f)) - x.y;
      for (let i = 0; i < f.length; i++) {
        const j = x.indices[i] as number;
        const w = weights[j] as number;
        const g = error * (x.values[i] as number) + o.l2 * w;
        const s = (squares[j] as number) + g * g;
        squares[j] = s;
        weights[j] = w - (o.rate * g) / (Math.sqrt(s) + 1e-8);
      }
      biasSquares += error * error;
      bias -= (o.rate * error) / (Math.sqrt(biasSquares) + 1e-8);
    }
  }
  return { features, bias, weights, threshold: 0.5, info: { samples: samples.length } };
};

/**
 * Out-of-fold scores of k-fold cross-validation: each sample scored by a model trained on the other
 * folds (seeded folds; repeated texts share a fold).
 */
export const crossValidateSpam = (
  samples: readonly SpamSample[],
  folds: number,
  options: SpamTrainOptions = {},
): Float64Array => {
  if (!Number.isInteger(folds) || folds < 2) throw new QunzhuError('bad_input', `folds must be ≥ 2, got ${folds}`);
  const seed = seedNumber(options.seed ?? SPAM_TRAIN_DEFAULTS.seed);
  const order = permutation(samples.length, seed ^ 0x51ed27);
  // Repeated texts share a fold, or the out-of-fold scores would be inflated by exact repeats.
  const foldOfText = new Map<string, number>();
  const foldOf = new Uint8Array(samples.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const text = (samples[i] as SpamSample).text;
    let fold = foldOfText.get(text);
    if (fold === undefined) {
      fold = foldOfText.size % folds;
      foldOfText.set(text, fold);
    }
    foldOf[i] = fold;
  }
  const scores = new Float64Array(samples.length);
  for (let fold = 0; fold < folds; fold++) {
    const model = trainSpamModel(
      samples.filter((_, i) => foldOf[i] !== fold),
      { ...options, seed: `${options.seed ?? SPAM_TRAIN_DEFAULTS.seed}:${fold}` },
    );
    const extract = extractorFor(model.features);
    for (let i = 0; i < samples.length; i++) {
      if (foldOf[i] === fold)
        scores[i] = sigmoid(margin(model.weights, model.bias, extract((samples[i] as SpamSample).text)));
    }
  }
  return scores;
};

/**
 * The lowest threshold whose precision on these scores is at least `targetPrecision`: as many spam
 * messages caught as the precision allows. Falls back to the highest score + ε (flag nothing).
 */
export const chooseSpamThreshold = (
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  targetPrecision: number,
): number => {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  let tp = 0;
  let fp = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (labels[i]) tp++;
    else fp++;
    const next = order[k + 1];
    // Only cut between distinct scores.
    if (next !== undefined && scores[next] === scores[i]) continue;
    if (tp / (tp + fp) >= targetPrecision) best = scores[i] as number;
  }
  return Number.isFinite(best) ? best : Math.min(1, (scores[order[0] as number] ?? 0.5) + 1e-9);
};
