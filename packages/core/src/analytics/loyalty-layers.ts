import { z } from 'zod';
import type { LayeringOptions } from './activity-layers.js';
import { daysBetween } from './dates.js';
import { clamp01, round } from './numbers.js';
import { parseOptions } from './options.js';
import { LOYALTY_LAYERS, type LoyaltyLayer, type MemberActivity } from './types.js';

const weight = z.number().min(0).max(100);

/** Weights and cut-offs of the loyalty score (an RFM-like score from 0 to 100). */
export const loyaltyThresholdsSchema = z
  .object({
    weights: z
      .object({
        tenure: weight.default(0.25),
        recency: weight.default(0.25),
        frequency: weight.default(0.25),
        contribution: weight.default(0.25),
      })
      .prefault({})
      .refine((w) => w.tenure + w.recency + w.frequency + w.contribution > 0, 'at least one weight must be above 0'),
    /** Tenure counts in full from this many days since first seen. */
    tenureFullDays: z.number().int().min(1).default(180),
    /** Recency counts in full when the last message is at most this many days old… */
    recencyFullDays: z.number().int().min(0).default(7),
    /** …and not at all from this many days (and when there is no message). */
    recencyZeroDays: z.number().int().min(1).default(90),
    /** Frequency counts in full from this many active days in the last 30. */
    frequencyFullDays: z.number().int().min(1).max(30).default(15),
    /** Lowest score of each layer; below `low` is `none`. */
    cutoffs: z
      .object({
        low: z.number().min(0).max(100).default(20),
        medium: z.number().min(0).max(100).default(40),
        high: z.number().min(0).max(100).default(60),
        loyal: z.number().min(0).max(100).default(80),
      })
      .prefault({})
      .refine((c) => c.low <= c.medium && c.medium <= c.high && c.high <= c.loyal, 'cut-offs must not decrease'),
  })
  .refine((t) => t.recencyZeroDays > t.recencyFullDays, {
    message: 'recencyZeroDays must be above recencyFullDays',
    path: ['recencyZeroDays'],
  });
export type LoyaltyThresholds = z.output<typeof loyaltyThresholdsSchema>;
export type LoyaltyThresholdsInput = z.input<typeof loyaltyThresholdsSchema>;

export type LoyaltyMember = {
  memberId: number;
  name: string;
  layer: LoyaltyLayer;
  /** 0–100, 2 decimals. */
  score: number;
  /** The four parts, each 0–1 (4 decimals). */
  tenure: number;
  recency: number;
  frequency: number;
  contribution: number;
};

export type LoyaltyLayering = {
  members: LoyaltyMember[];
  counts: Record<LoyaltyLayer, number>;
  /** Members who left every group of the scope: not layered, and not part of the percentile. */
  left: number;
};

const layerOf = (score: number, c: LoyaltyThresholds['cutoffs']): LoyaltyLayer => {
  if (score >= c.loyal) return 'loyal';
  if (score >= c.high) return 'high';
  if (score >= c.medium) return 'medium';
  if (score >= c.low) return 'low';
  return 'none';
};

/** Share of members with at most `n` messages in total; 0 for a member without any message. */
const contributionOf = (n: number, sortedTotals: readonly number[]): number => {
  if (n <= 0 || sortedTotals.length === 0) return 0;
  // Upper bound: the number of totals ≤ n in the ascending list.
  let lo = 0;
  let hi = sortedTotals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedTotals[mid] ?? 0) <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo / sortedTotals.length;
};

const recencyOf = (lastMessage: string | null, asOf: string, t: LoyaltyThresholds): number => {
  if (lastMessage === null) return 0;
  const days = Math.max(0, daysBetween(lastMessage, asOf));
  return clamp01((t.recencyZeroDays - days) / (t.recencyZeroDays - t.recencyFullDays));
};

/** Five loyalty layers from tenure, recency, frequency and contribution, as of `asOf`. */
export const loyaltyLayers = (
  members: readonly MemberActivity[],
  asOf: string,
  thresholds?: LoyaltyThresholdsInput,
  options: LayeringOptions = {},
): LoyaltyLayering => {
  const list = options.listMembers ?? true;
  const t = parseOptions(loyaltyThresholdsSchema, thresholds, 'loyalty thresholds');
  const present = members.filter((m) => m.present);
  const totals = present.map((m) => m.messagesTotal).sort((a, b) => a - b);
  const w = t.weights;
  const weightSum = w.tenure + w.recency + w.frequency + w.contribution;
  const counts = Object.fromEntries(LOYALTY_LAYERS.map((layer) => [layer, 0])) as Record<LoyaltyLayer, number>;
  const layered: LoyaltyMember[] = [];
  for (const m of present) {
    const tenure = clamp01(daysBetween(m.firstSeen, asOf) / t.tenureFullDays);
    const recency = recencyOf(m.lastMessage, asOf, t);
    const frequency = clamp01(m.activeDays30 / t.frequencyFullDays);
    const contribution = contributionOf(m.messagesTotal, totals);
    const weighted = w.tenure * tenure + w.recency * recency + w.frequency * frequency + w.contribution * contribution;
    const score = round((100 * weighted) / weightSum, 2);
    const layer = layerOf(score, t.cutoffs);
    counts[layer]++;
    if (!list) continue;
    layered.push({
      memberId: m.memberId,
      name: m.name,
      layer,
      score,
      tenure: round(tenure, 4),
      recency: round(recency, 4),
      frequency: round(frequency, 4),
      contribution: round(contribution, 4),
    });
  }
  return { members: layered, counts, left: members.length - present.length };
};
