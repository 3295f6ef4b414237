import { z } from 'zod';
import {
  cooledMembers,
  evaporativeCooling,
  inviterSpike,
  moderationSpike,
  silentGroup,
  slippingAway,
  slippingMembers,
  stalledGrowth,
} from './alert-rules.js';
import { parseOptions } from './options.js';
import type { Alert, MemberActivity, WeekPoint } from './types.js';

export const alertsConfigSchema = z.object({
  /** silent_group: no message for more than this many hours… */
  silentHours: z.number().gt(0).default(24),
  /** …critical from this many. */
  silentCriticalHours: z.number().gt(0).default(168),
  /** evaporative_cooling: the top share of members who posted in the last 90 days, by messages… */
  coolingTopShare: z.number().gt(0).max(1).default(0.1),
  /** …who left, or whose last message is at least this many days before `asOf`. */
  coolingQuietDays: z.number().int().min(1).default(30),
  /** slipping_away: at least this many messages in the 60 days before the last 14, none in the last 14. */
  slippingPriorMessages: z.number().int().min(1).default(20),
  /** stalled_growth: over the last `stalledWeeks` complete weeks, net members ≤ 0… */
  stalledWeeks: z.number().int().min(1).max(26).default(4),
  /** …and joins at most this share of the members at the start. */
  stalledJoinShare: z.number().min(0).default(0.05),
  /** inviter_spike: joins in the last 7 days at least this multiple of the inviter's weekly mean… */
  inviterRatio: z.number().gt(0).default(3),
  /** …and at least this many. */
  inviterMinJoins: z.number().int().min(1).default(10),
  /** moderation_spike: the busiest of the last `moderationRecentDays` days (`asOf` included)… */
  moderationRecentDays: z.number().int().min(1).max(7).default(2),
  /** …against the daily mean of the `moderationBaselineDays` days before them… */
  moderationBaselineDays: z.number().int().min(1).max(90).default(28),
  /** …at least this multiple of it… */
  moderationRatio: z.number().gt(0).default(3),
  /** …and at least this many actions. */
  moderationMinActions: z.number().int().min(1).default(10),
  /** Names listed in a message; the rest are counted (all are in `members`). */
  maxNames: z.number().int().min(1).max(100).default(10),
});
export type AlertsConfig = z.output<typeof alertsConfigSchema>;
export type AlertsConfigInput = z.input<typeof alertsConfigSchema>;

export type AlertGroupInput = {
  groupId: number;
  name: string;
  /** ISO 8601 instant of the group's last message; null when it has none. */
  lastMessageAt: string | null;
  /** Weekly series of the group, for stalled growth; without it the rule skips the group. */
  weeks?: readonly WeekPoint[];
};

/** Joins credited to one inviter. */
export type InviterJoins = {
  inviterId: number;
  name: string;
  /** The group, or null for the whole scope. */
  groupId: number | null;
  /** Joins in the last 7 days, `asOf` included. */
  joinsLast7Days: number;
  /** Mean joins per week in the weeks before those 7 days (weeks without joins count as 0). */
  weeklyMean: number;
};

/** Moderation actions (delete, mute, remove) per day of one group, or of the scope (groupId null). */
export type ModerationSeries = {
  groupId: number | null;
  /** A day missing from the list had no action. */
  days: readonly { day: string; actions: number }[];
};

export type AlertsInput = {
  /** The day alerts are computed for, YYYY-MM-DD in the community's zone. */
  asOf: string;
  /** The instant they are computed at (ISO 8601), for the hours of silence. */
  now: string;
  groups?: readonly AlertGroupInput[];
  members?: readonly MemberActivity[];
  inviters?: readonly InviterJoins[];
  moderation?: readonly ModerationSeries[];
};

const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** Every rule over the input; critical alerts first, then in the order of the rules. */
export const alerts = (input: AlertsInput, config?: AlertsConfigInput): Alert[] => {
  const c = parseOptions(alertsConfigSchema, config, 'alert settings');
  const found = [
    ...silentGroup(input, c),
    ...evaporativeCooling(input, c),
    ...slippingAway(input, c),
    ...stalledGrowth(input, c),
    ...inviterSpike(input, c),
    ...moderationSpike(input, c),
  ];
  // Array.prototype.sort is stable: within a severity the rule order stays.
  return found.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
};

/**
 * The members the member rules name (evaporative cooling, slipping away). A caller that reads its
 * members without their names (tens of thousands of them) looks up only these before `alerts`.
 */
export const alertMemberIds = (input: Pick<AlertsInput, 'asOf' | 'members'>, config?: AlertsConfigInput): number[] => {
  const c = parseOptions(alertsConfigSchema, config, 'alert settings');
  const ids = new Set<number>();
  for (const m of cooledMembers(input, c)?.cooled ?? []) ids.add(m.memberId);
  for (const m of slippingMembers(input, c)) ids.add(m.memberId);
  return [...ids];
};
