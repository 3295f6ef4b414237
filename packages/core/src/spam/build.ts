import { QunzhuError } from '../errors.js';
import { type SpamSample, shuffled, splitHoldout } from './dataset.js';
import { type SpamMetrics, type SpamModel, spamMetrics, spamScore } from './model.js';
import {
  chooseSpamThreshold,
  crossValidateSpam,
  SPAM_TRAIN_DEFAULTS,
  type SpamTrainOptions,
  trainSpamModel,
} from './train.js';

export type BuildSpamModelOptions = SpamTrainOptions & {
  /** Share of the labelled samples kept out of training for the final check (default 0.2; 0 = none). */
  holdout?: number;
  /** Precision the threshold must reach on out-of-fold scores (default 0.988: margin over 0.98). */
  targetPrecision?: number;
  /** Folds of the cross-validation that chooses the threshold (default 5). */
  folds?: number;
  /**
   * Extra normal messages (e.g. English chat) added to training only: they teach the model that
   * ordinary chat outside the labelled set is not spam, and take no part in choosing the threshold.
   */
  extraHam?: readonly string[];
};

export type BuiltSpamModel = {
  model: SpamModel;
  threshold: number;
  /** Out-of-fold figures on the training part at the chosen threshold. */
  crossValidation: SpamMetrics;
  /** Figures on the held-out part, when there is one. */
  holdout?: SpamMetrics;
  trainSamples: number;
  holdoutSamples: number;
};

export const SPAM_TARGET_PRECISION = 0.988;

/**
 * The whole recipe: split off a held-out part; choose the threshold on cross-validated scores of
 * the rest (plus extra normal messages); train on all of the rest; measure on the held-out part.
 */
export const buildSpamModel = (samples: readonly SpamSample[], options: BuildSpamModelOptions = {}): BuiltSpamModel => {
  const seed = options.seed ?? SPAM_TRAIN_DEFAULTS.seed;
  const target = options.targetPrecision ?? SPAM_TARGET_PRECISION;
  if (!(target > 0 && target <= 1))
    throw new QunzhuError('bad_input', `target precision must be in (0, 1], got ${target}`);
  const { train, holdout } = splitHoldout(samples, options.holdout ?? 0.2, seed);
  const extra: SpamSample[] = (options.extraHam ?? []).map((text) => ({ text, spam: false, line: 0 }));
  const all = [...train, ...extra];
  const trainOptions: SpamTrainOptions = { ...options, seed };
  const cv = crossValidateSpam(all, options.folds ?? 5, trainOptions).slice(0, train.length);
  const labels = train.map((s) => s.spam);
  const threshold = chooseSpamThreshold(cv, labels, target);
  const crossValidation = spamMetrics(cv, labels, threshold);
  const model = trainSpamModel(shuffled(all, `${seed}:final`), trainOptions);
  model.threshold = threshold;
  model.info = { samples: all.length, validation: crossValidation };
  const built: BuiltSpamModel = {
    model,
    threshold,
    crossValidation,
    trainSamples: all.length,
    holdoutSamples: holdout.length,
  };
  if (holdout.length > 0) {
    const scores = holdout.map((s) => spamScore(model, s.text));
    built.holdout = spamMetrics(
      scores,
      holdout.map((s) => s.spam),
      threshold,
    );
    model.info.validation = built.holdout;
  }
  return built;
};
