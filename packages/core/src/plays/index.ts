import type { AnyPlay } from '../engine/play.js';
import { PlayRegistry } from '../engine/registry.js';
import { antiSpamPlay } from './anti-spam/index.js';
import { welcomePlay } from './welcome/index.js';

export {
  ANTI_SPAM_NOTE,
  type AntiSpamConfig,
  type AntiSpamNote,
  type AntiSpamShared,
  antiSpamConfigSchema,
  antiSpamPlay,
  antiSpamSharedSchema,
  createAntiSpamPlay,
  DEFAULT_BANNED_WORDS,
  type Hit as SpamHit,
  normalise as normaliseForSpam,
  SPAM_REASONS,
  type SpamClassifier,
  type SpamReason,
} from './anti-spam/index.js';

export { defaultWelcomeTemplates, type WelcomeConfig, welcomeConfigSchema, welcomePlay } from './welcome/index.js';

/** The plays that ship with Qunzhu, in the order they run over an event (order first, then growth). */
export const builtinPlays: readonly AnyPlay[] = [antiSpamPlay, welcomePlay];

export const createBuiltinRegistry = (): PlayRegistry => new PlayRegistry(builtinPlays);
export {
  DEFAULT_EXEMPT_ROLES,
  deleteOrAlert,
  isExempt,
  reportViolation,
  type Violation,
  violationsIn,
} from './shared/moderation.js';
