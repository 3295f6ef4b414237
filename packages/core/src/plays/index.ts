import type { AnyPlay } from '../engine/play.js';
import { PlayRegistry } from '../engine/registry.js';
import { antiSpamPlay, createAntiSpamPlay, type SpamClassifier } from './anti-spam/index.js';
import { autoTagsPlay } from './auto-tags/index.js';
import { badgesPlay } from './badges/index.js';
import { blocklistPlay } from './blocklist/index.js';
import { checkInPlay } from './check-in/index.js';
import { entryGatePlay } from './entry-gate/index.js';
import { invitesPlay } from './invites/index.js';
import { leaderboardsPlay } from './leaderboards/index.js';
import { levelsPlay } from './levels/index.js';
import { penaltyLadderPlay } from './penalty-ladder/index.js';
import { pointsPlay } from './points/index.js';
import { quietHoursPlay } from './quiet-hours/index.js';
import { redeemPlay } from './redeem/index.js';
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
export { type AutoTagsConfig, autoTagsConfigSchema, autoTagsPlay } from './auto-tags/index.js';
export { type BadgeRule, type BadgesConfig, badgesConfigSchema, badgesPlay, defaultBadges } from './badges/index.js';
export {
  CHECK_IN_NOTE,
  type CheckInConfig,
  type CheckInNote,
  checkInConfigSchema,
  checkInPlay,
  currentStreak,
  defaultCheckInTexts,
} from './check-in/index.js';
export {
  type InvitesConfig,
  inviterOf,
  invitesConfigSchema,
  invitesPlay,
  memberInviteLinkName,
} from './invites/index.js';
export {
  type BoardConfig,
  LEADERBOARD_METRICS,
  LEADERBOARD_PERIODS,
  type LeaderboardMetric,
  type LeaderboardPeriod,
  type LeaderboardsConfig,
  leaderboardsConfigSchema,
  leaderboardsPlay,
  metricKinds,
  periodBefore,
  type Rank,
  rankLedger,
} from './leaderboards/index.js';
export {
  defaultLevels,
  type LevelsConfig,
  levelFor,
  levelsConfigSchema,
  levelsPlay,
  levelTag,
  nextLevel,
} from './levels/index.js';
export {
  type PointsConfig,
  pointsConfigSchema,
  pointsPlay,
} from './points/index.js';
export { type RedeemConfig, redeemConfigSchema, redeemPlay } from './redeem/index.js';
export { defaultWelcomeTemplates, type WelcomeConfig, welcomeConfigSchema, welcomePlay } from './welcome/index.js';

/** The plays that ship with Qunzhu, in the order they run over an event (order first, then growth). */
export const builtinPlays: readonly AnyPlay[] = [
  entryGatePlay,
  blocklistPlay,
  antiSpamPlay,
  quietHoursPlay,
  penaltyLadderPlay,
  autoReplyPlay,
  rulesPlay,
  welcomePlay,
  invitesPlay,
  checkInPlay,
  pointsPlay,
  levelsPlay,
  badgesPlay,
  leaderboardsPlay,
  redeemPlay,
  autoTagsPlay,
];

import { autoReplyPlay } from './auto-reply/index.js';
import { rulesPlay } from './rules/index.js';

export {
  type AutoReplyConfig,
  type AutoReplyShared,
  type AutoReplyTrigger,
  autoReplyConfigSchema,
  autoReplyPlay,
  autoReplySharedSchema,
  type FaqEntry,
  faqEntrySchema,
  unsafeRegexReason,
} from './auto-reply/index.js';
export {
  defaultRuleHeadings,
  isEmptyRuleSet,
  MAX_ANNOUNCEMENT_LENGTH,
  parsePublishableRuleSet,
  RULES_PUBLISH_TIMER,
  type RuleSet,
  type RulesConfig,
  renderAnnouncement,
  ruleSetSchema,
  rulesConfigSchema,
  rulesPlay,
} from './rules/index.js';

/**
 * The registry of the built-in plays. With a `spamClassifier` (the server loads the shipped model),
 * the anti-spam play asks it about messages no rule caught.
 */
export const createBuiltinRegistry = (options: { spamClassifier?: SpamClassifier } = {}): PlayRegistry => {
  const { spamClassifier } = options;
  if (!spamClassifier) return new PlayRegistry(builtinPlays);
  const antiSpam = createAntiSpamPlay({ classifier: spamClassifier });
  return new PlayRegistry(builtinPlays.map((p) => (p === antiSpamPlay ? antiSpam : p)));
};
export * from './blocklist/index.js';
export * from './entry-gate/index.js';
export * from './penalty-ladder/index.js';
export * from './quiet-hours/index.js';
export {
  DEFAULT_EXEMPT_ROLES,
  deleteOrAlert,
  isExempt,
  reportViolation,
  type Violation,
  violationsIn,
} from './shared/moderation.js';
export { muteOrAlert, removeOrAlert, type SanctionOutcome, textLength } from './shared/sanctions.js';
