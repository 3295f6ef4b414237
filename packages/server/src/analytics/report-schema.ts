import { ACTIVITY_LAYERS, LIFECYCLE_STAGES, LOYALTY_LAYERS } from '@qunzhu/core';
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const counts = { messages: z.number().int(), joins: z.number().int(), leaves: z.number().int() };
const evidence = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export const lifecycleSchema = z.object({ stage: z.enum(LIFECYCLE_STAGES), since: day, evidence });
export const healthSchema = z.object({
  score: z.number().min(0).max(100),
  components: z.array(z.object({ name: z.string(), weight: z.number(), value: z.number(), score: z.number() })),
});
export const alertSchema = z.object({
  kind: z.enum([
    'silent_group',
    'evaporative_cooling',
    'slipping_away',
    'inviter_spike',
    'moderation_spike',
    'stalled_growth',
  ]),
  severity: z.enum(['info', 'warning', 'critical']),
  groupId: z.number().int().nullable(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
  members: z.array(z.object({ memberId: z.number().int(), name: z.string() })).optional(),
  evidence,
});

/** The report of `qunzhu report --json` and `GET /api/v1/communities/{id}/report`. See docs/analytics.md. */
export const reportSchema = z
  .object({
    scope: z.object({
      community: z.object({ id: z.number().int(), name: z.string() }),
      groups: z.array(z.object({ id: z.number().int(), name: z.string() })).nullable(),
      from: day.nullable(),
      to: day.nullable(),
      tz: z.string(),
      asOf: day,
      generatedAt: z.string(),
    }),
    totals: z.object({
      ...counts,
      members: z.number().int().describe('distinct members seen in scope'),
      activeMembers: z.number().int().describe('distinct members with a message in scope'),
    }),
    monthly: z.array(
      z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), ...counts, activeMembers: z.number().int() }),
    ),
    series: z.object({
      daily: z.array(z.object({ day, ...counts, activeMembers: z.number().int() })).describe('DAU = activeMembers'),
      weekly: z
        .array(
          z.object({
            week: day,
            ...counts,
            activeMembers: z.number().int(),
            members: z.number().int(),
            activityRate: z.number(),
          }),
        )
        .describe('WAU = activeMembers; members = members(end of week)'),
    }),
    activity: z.object({
      members: z.number().int().describe('members(asOf)'),
      activeLast7Days: z.number().int(),
      activeLast30Days: z.number().int(),
      activityRate7: z.number(),
      activityRate30: z.number(),
    }),
    topMembers: z.array(
      z.object({
        memberId: z.number().int(),
        name: z.string(),
        messages: z.number().int(),
        activeDays: z.number().int(),
      }),
    ),
    retention: z.object({
      cohorts: z.array(z.object({ week: day, size: z.number().int(), rates: z.array(z.number()) })),
    }),
    layers: z.object({
      activity: z.record(z.enum(ACTIVITY_LAYERS), z.number().int()),
      loyalty: z.record(z.enum(LOYALTY_LAYERS), z.number().int()),
      left: z.number().int(),
    }),
    lifecycle: lifecycleSchema,
    health: healthSchema,
    alerts: z.array(alertSchema),
    funnel: z.object({
      period: z.object({ from: day, to: day }),
      entered: z.object({ lead: z.number().int(), conversion: z.number().int(), fan: z.number().int() }),
      moved: z.object({
        leadToConversion: z.number().int(),
        conversionToFan: z.number().int(),
        leadToFan: z.number().int(),
      }),
      rates: z.object({ leadToConversion: z.number(), conversionToFan: z.number(), leadToFan: z.number() }),
    }),
    groups: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        platform: z.string(),
        type: z.string(),
        ...counts,
        members: z.number().int().describe('members in the group now'),
        activeMembers: z.number().int(),
        activityRate: z.number(),
        lastMessageAt: z.string().nullable(),
        lifecycle: lifecycleSchema,
        health: healthSchema,
      }),
    ),
  })
  .describe('Qunzhu community report');

export type Report = z.infer<typeof reportSchema>;
