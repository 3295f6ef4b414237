export { defaultGateTemplates, type EntryGateConfig, entryGateConfigSchema } from './config.js';
export {
  CHALLENGE_KIND,
  challengeData,
  ENTRY_GATE_PLAY,
  entryGatePlay,
  INTRO_KIND,
  JOIN_DECISION_KIND,
  JOIN_REQUEST_KIND,
} from './play.js';
export { type GateDecision, type JoinRequestFacts, judgeRequest, requestFacts } from './rules.js';
