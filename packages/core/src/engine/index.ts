export { type BacktestInput, type BacktestResult, runBacktest } from './backtest.js';
export { type Clock, ManualClock, systemClock } from './clock.js';
export { Composer, compose, type Middleware, type NextFunction } from './composer.js';
export {
  type BaseContext,
  type ConfigFlavor,
  createContext,
  type PlayContext,
  type PlayLedgerQuery,
  type Trigger,
  triggerKey,
  triggerTime,
} from './context.js';
export { Engine, type GroupScope, type PlayFailure, type SharedNotes } from './engine.js';
export { type AnyPlay, definePlay, type PlayConfig, type PlayDefinition } from './play.js';
export { type Random, seededRandom } from './random.js';
export { PlayRegistry } from './registry.js';
export {
  isBalanceQuery,
  type LedgerEntry,
  type LedgerEntryInput,
  type LedgerQuery,
  ledgerMatches,
  type MemberFacts,
  type MemberFactsReader,
  type MemoryRef,
  type OfferedReward,
  outcomeData,
  outcomeFromData,
  type PlayStatePort,
  plainMemberFacts,
  RecordingPlayState,
  type RewardOutcome,
  type RewardRefusal,
  type RewardRequest,
  type RewardsReader,
  type RoleHolder,
  type RoleHoldersReader,
  type Timer,
  type TimerRef,
} from './state.js';
