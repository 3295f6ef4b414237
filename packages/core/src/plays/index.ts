import type { AnyPlay } from '../engine/play.js';
import { PlayRegistry } from '../engine/registry.js';
import { blocklistPlay } from './blocklist/index.js';
import { entryGatePlay } from './entry-gate/index.js';
import { penaltyLadderPlay } from './penalty-ladder/index.js';
import { quietHoursPlay } from './quiet-hours/index.js';
import { welcomePlay } from './welcome/index.js';

export { defaultWelcomeTemplates, type WelcomeConfig, welcomeConfigSchema, welcomePlay } from './welcome/index.js';

/** The plays that ship with Qunzhu, in the order they run over an event (order first, then growth). */
export const builtinPlays: readonly AnyPlay[] = [
  entryGatePlay,
  blocklistPlay,
  quietHoursPlay,
  penaltyLadderPlay,
  welcomePlay,
];

export const createBuiltinRegistry = (): PlayRegistry => new PlayRegistry(builtinPlays);
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
