export {
  type ActivityLayering,
  type ActivityThresholds,
  type ActivityThresholdsInput,
  activityLayers,
  activityThresholdsSchema,
  type LayeringOptions,
} from './activity-layers.js';
export { activityRate } from './activity-rate.js';
export {
  type AlertGroupInput,
  type AlertsConfig,
  type AlertsConfigInput,
  type AlertsInput,
  alertMemberIds,
  alerts,
  alertsConfigSchema,
  type InviterJoins,
  type ModerationSeries,
} from './alerts.js';
export { addDays, daysBetween, lastCompleteWeek, monthOf, weekOf } from './dates.js';
export { type Funnel, type FunnelEntry, type FunnelPeriod, type FunnelStage, funnel } from './funnel.js';
export {
  HEALTH_COMPONENTS,
  type HealthComponent,
  type HealthConfig,
  type HealthConfigInput,
  type HealthInput,
  healthConfigSchema,
  healthScore,
} from './health-score.js';
export {
  type LifecycleRule,
  type LifecycleRules,
  type LifecycleRulesInput,
  lifecycle,
  lifecycleRulesSchema,
} from './lifecycle.js';
export {
  type LoyaltyLayering,
  type LoyaltyMember,
  type LoyaltyThresholds,
  type LoyaltyThresholdsInput,
  loyaltyLayers,
  loyaltyThresholdsSchema,
} from './loyalty-layers.js';
export { RETENTION_WEEKS, type Retention, type RetentionRow, retention } from './retention.js';
export * from './types.js';
