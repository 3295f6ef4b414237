export {
  type BuildSpamModelOptions,
  type BuiltSpamModel,
  buildSpamModel,
  SPAM_TARGET_PRECISION,
} from './build.js';
export { parseSpamCsv, type SpamSample, shuffled, splitHoldout } from './dataset.js';
export { type SpamFeatureOptions, type SpamFeatures, spamFeatureExtractor } from './features.js';
export {
  classifySpam,
  learnSpam,
  type SpamMetrics,
  type SpamModel,
  type SpamModelInfo,
  type SpamVerdict,
  spamMetrics,
  spamScore,
} from './model.js';
export { MARK as SPAM_MARK, normalizeSpamText } from './normalize.js';
export { parseSpamModel, SPAM_MODEL_FORMAT, SPAM_MODEL_VERSION, serializeSpamModel } from './serialize.js';
export {
  chooseSpamThreshold,
  crossValidateSpam,
  SPAM_TRAIN_DEFAULTS,
  type SpamTrainOptions,
  trainSpamModel,
} from './train.js';
