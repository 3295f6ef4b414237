export {
  DEFAULT_STEPS,
  defaultLadderTemplates,
  type LadderStep,
  PENALTIES,
  type Penalty,
  type PenaltyLadderConfig,
  penaltyLadderConfigSchema,
} from './config.js';
export {
  BLOCKLIST_ADD_KIND,
  BLOCKLIST_REMOVE_KIND,
  countViolations,
  LADDER_PLAY,
  penaltyLadderPlay,
  type ReversalData,
  VIOLATION_KIND,
  type ViolationData,
} from './play.js';
export { durationText, reasonLabel, reasonsText } from './texts.js';
