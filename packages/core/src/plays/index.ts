import type { AnyPlay } from '../engine/play.js';
import { PlayRegistry } from '../engine/registry.js';
import { autoReplyPlay } from './auto-reply/index.js';
import { rulesPlay } from './rules/index.js';
import { welcomePlay } from './welcome/index.js';

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

export { defaultWelcomeTemplates, type WelcomeConfig, welcomeConfigSchema, welcomePlay } from './welcome/index.js';

/** The plays that ship with Qunzhu, in the order they run over an event (order first, then growth). */
export const builtinPlays: readonly AnyPlay[] = [autoReplyPlay, rulesPlay, welcomePlay];

export const createBuiltinRegistry = (): PlayRegistry => new PlayRegistry(builtinPlays);
export {
  DEFAULT_EXEMPT_ROLES,
  deleteOrAlert,
  isExempt,
  reportViolation,
  type Violation,
  violationsIn,
} from './shared/moderation.js';
