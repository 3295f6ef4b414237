/**
 * Inputs of the analytics math: series read from the store's rollups (per group, member and day, in
 * the community's time zone). Dates are `YYYY-MM-DD` strings of that zone; weeks start on Monday.
 */

/** One week of a group (or of the whole scope). */
export type WeekPoint = {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  messages: number;
  /** Distinct members with at least one message in the week. */
  activeMembers: number;
  joins: number;
  leaves: number;
  /** members(end of week): joined (or first seen) on or before it and not left since. */
  members: number;
};

/** What is known of one member over the scope, as of `asOf`. */
export type MemberActivity = {
  memberId: number;
  name: string;
  /** First day the member was seen (first event, or first join). */
  firstSeen: string;
  /** Last day with any event of the member. */
  lastSeen: string;
  /** Last day with a message, or null. */
  lastMessage: string | null;
  /** Still in at least one group of the scope (latest join or first sighting not followed by a leave). */
  present: boolean;
  /** Left every group of the scope: the day of the last leave, else null. */
  leftOn: string | null;
  messagesTotal: number;
  messages30: number;
  activeDays30: number;
  messages90: number;
  /** Messages in the 60 days before the last 14 (for "slipping away"). */
  messagesPrior60: number;
};

/** One weekly cohort by first-seen week, and its activity in the weeks after. */
export type CohortInput = {
  week: string;
  /** Members first seen in that week. */
  size: number;
  /** activeInWeek[k] = members of the cohort with a message in week `week + k`, k = 0…12. */
  activeInWeek: number[];
};

export const ACTIVITY_LAYERS = ['active', 'participant', 'observer', 'lurker'] as const;
/** 活跃者 / 参与者 / 关注者 / 潜水者 over the last 30 days. */
export type ActivityLayer = (typeof ACTIVITY_LAYERS)[number];

export const LOYALTY_LAYERS = ['none', 'low', 'medium', 'high', 'loyal'] as const;
/** Five loyalty layers, from no loyalty to loyal. */
export type LoyaltyLayer = (typeof LOYALTY_LAYERS)[number];

export const LIFECYCLE_STAGES = ['seed', 'growth', 'active', 'decline', 'dormant'] as const;
/** 萌芽 / 成长 / 活跃 / 衰退 / 沉寂. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type Lifecycle = {
  stage: LifecycleStage;
  /** Monday of the week the group entered this stage (the current run of it). */
  since: string;
  /** The numbers that put it there, named as in docs/analytics.md. */
  evidence: Record<string, number | string | null>;
};

export type HealthScore = {
  /** 0–100. */
  score: number;
  components: { name: string; weight: number; value: number; score: number }[];
};

export type AlertKind =
  | 'silent_group'
  | 'evaporative_cooling'
  | 'slipping_away'
  | 'inviter_spike'
  | 'moderation_spike'
  | 'stalled_growth';

export type Alert = {
  kind: AlertKind;
  severity: 'info' | 'warning' | 'critical';
  groupId: number | null;
  /** zh-CN and en, for the console and chat. */
  message: { 'zh-CN': string; en: string };
  /** Who it is about, named. */
  members?: { memberId: number; name: string }[];
  evidence: Record<string, number | string | null>;
};
