export { tierAnnouncementKey, tierReachedDefault, tierReachedText } from './announce.js';
export {
  type CampaignEvaluation,
  type CampaignFlag,
  type CampaignScope,
  type EvaluatedInvite,
  evaluateCampaign,
  flagKey,
  type InviteFact,
  type InviteStatus,
  ineligibility,
  lookAlikeName,
  type Standing,
} from './evaluate.js';
export {
  type CampaignRules,
  type CampaignTier,
  campaignChannel,
  campaignPeriod,
  campaignRulesSchema,
  campaignTierSchema,
  checkTiers,
  defaultCampaignRules,
  FRAUD_RULES,
  type FraudRule,
  liveCodeLink,
  memberRef,
} from './rules.js';
