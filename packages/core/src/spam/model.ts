import { type SpamFeatureOptions, type SpamFeatures, spamFeatureExtractor } from './features.js';

/** Figures measured when the model was made, kept with it for display. */
export type SpamModelInfo = {
  trainedAt?: string;
  samples?: number;
  source?: string;
  /** Out-of-fold or held-out figures at the chosen threshold. */
  validation?: SpamMetrics;
  /** Messages learnt online (moderators' decisions) since training. */
  learned?: number;
};

/**
 * A linear (logistic regression) spam model over hashed features. Plain data: a play may hold one,
 * `learn` updates it in place.
 */
export type SpamModel = {
  features: SpamFeatureOptions;
  bias: number;
  weights: Float32Array;
  /** Scores at or above this are spam; chosen on validation data for high precision. */
  threshold: number;
  info: SpamModelInfo;
};

export type SpamVerdict = { spam: boolean; score: number };

export type SpamMetrics = {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
};

const extractors = new Map<string, (text: string) => SpamFeatures>();

/** The shared extractor for these options (extractors keep scratch space, so one per shape). */
export const extractorFor = (options: SpamFeatureOptions): ((text: string) => SpamFeatures) => {
  const key = `${options.bits}:${options.maxNgram}`;
  let extract = extractors.get(key);
  if (!extract) {
    extract = spamFeatureExtractor(options);
    extractors.set(key, extract);
  }
  return extract;
};

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export const margin = (weights: Float32Array, bias: number, f: SpamFeatures): number => {
  let z = bias;
  for (let i = 0; i < f.length; i++) z += (weights[f.indices[i] as number] as number) * (f.values[i] as number);
  return z;
};

/** The probability-like spam score of a text in [0, 1]. */
export const spamScore = (model: SpamModel, text: string): number =>
  sigmoid(margin(model.weights, model.bias, extractorFor(model.features)(text)));

/** Score a text and decide with the model's threshold. */
export const classifySpam = (model: SpamModel, text: string): SpamVerdict => {
  const score = spamScore(model, text);
  return { spam: score >= model.threshold, score };
};

/**
 * One online step from a moderator's decision (true = confirmed spam, false = restored), in place.
 * Features are unit-length, so one step moves this text's log-odds by about `rate × (label − score)`.
 */
export const learnSpam = (model: SpamModel, text: string, spam: boolean, options: { rate?: number } = {}): void => {
  const rate = options.rate ?? 1;
  const f = extractorFor(model.features)(text);
  const g = (spam ? 1 : 0) - sigmoid(margin(model.weights, model.bias, f));
  for (let i = 0; i < f.length; i++) {
    const j = f.indices[i] as number;
    model.weights[j] = (model.weights[j] as number) + rate * g * (f.values[i] as number);
  }
  model.bias += rate * g * 0.01;
  model.info = { ...model.info, learned: (model.info.learned ?? 0) + 1 };
};

/** Confusion counts and the usual ratios of scores against labels at a threshold. */
export const spamMetrics = (scores: ArrayLike<number>, labels: ArrayLike<boolean>, threshold: number): SpamMetrics => {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    if (labels[i]) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const total = tp + fp + tn + fn;
  return {
    accuracy: total === 0 ? 0 : (tp + tn) / total,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    tp,
    fp,
    tn,
    fn,
  };
};
