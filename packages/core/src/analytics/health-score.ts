import { z } from 'zod';
import { activityRate } from './activity-rate.js';
import { addDays, dayNumber, lastCompleteWeek } from './dates.js';
import { clamp01, round } from './numbers.js';
import { parseOptions } from './options.js';
import type { ActivityLayer, CohortInput, HealthScore, WeekPoint } from './types.js';
import { weeklySeries } from './weekly-series.js';

const weight = z.number().min(0).max(100);

export const healthConfigSchema = z
  .object({
    weights: z
      .object({
        activity: weight.default(0.3),
        trend: weight.default(0.2),
        retention: weight.default(0.2),
        growth: weight.default(0.15),
        lurkers: weight.default(0.15),
      })
      .prefault({}),
    /** Activity, trend and growth look at the last `windowWeeks` complete weeks. */
    windowWeeks: z.number().int().min(1).max(26).default(4),
    /** The mean weekly activity rate that scores 100. */
    activityTarget: z.number().gt(0).max(1).default(0.6),
    /** A change of messages of −trendSpan scores 0, none 50, +trendSpan 100. */
    trendSpan: z.number().gt(0).default(0.5),
    /** Retention is the share of a cohort with a message in its week `retentionWeek`… */
    retentionWeek: z.number().int().min(1).max(12).default(1),
    /** …pooled over this many most recent cohorts that have completed that week… */
    retentionCohorts: z.number().int().min(1).max(52).default(8),
    /** …and scores 100 at this share. */
    retentionTarget: z.number().gt(0).max(1).default(0.2),
    /** A net member change of −growthSpan scores 0, none 50, +growthSpan 100. */
    growthSpan: z.number().gt(0).default(0.1),
    /** A share of 潜水者 at or below this scores 100… */
    lurkerShareGood: z.number().min(0).max(1).default(0.5),
    /** …and at or above this 0. */
    lurkerShareBad: z.number().min(0).max(1).default(0.9),
  })
  .refine((c) => c.lurkerShareBad > c.lurkerShareGood, {
    message: 'lurkerShareBad must be above lurkerShareGood',
    path: ['lurkerShareBad'],
  });
export type HealthConfig = z.output<typeof healthConfigSchema>;
export type HealthConfigInput = z.input<typeof healthConfigSchema>;

export type HealthInput = {
  /** The weekly series of the group or scope. */
  weeks: readonly WeekPoint[];
  asOf: string;
  /** Weekly cohorts (for retention); without them the component is left out. */
  cohorts?: readonly CohortInput[];
  /** Counts per activity layer (from `activityLayers`); without them the lurker component is left out. */
  layers?: Readonly<Record<ActivityLayer, number>>;
};

export const HEALTH_COMPONENTS = ['activity', 'trend', 'retention', 'growth', 'lurkers'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

type Part = { name: HealthComponent; value: number; score: number };

/** −span → 0, 0 → 0.5, +span → 1, linear and clamped. */
const centred = (value: number, span: number): number => clamp01(0.5 + value / (2 * span));

const activityPart = (series: WeekPoint[], c: HealthConfig): Part | null => {
  const recent = series.slice(-c.windowWeeks);
  if (recent.length === 0) return null;
  const mean = recent.reduce((s, w) => s + activityRate(w.activeMembers, w.members), 0) / recent.length;
  return { name: 'activity', value: mean, score: clamp01(mean / c.activityTarget) };
};

const trendPart = (series: WeekPoint[], c: HealthConfig): Part | null => {
  if (series.length === 0) return null;
  const n = c.windowWeeks;
  const total = (ws: WeekPoint[]) => ws.reduce((s, w) => s + w.messages, 0);
  const recent = total(series.slice(-n));
  const before = total(series.slice(Math.max(0, series.length - 2 * n), Math.max(0, series.length - n)));
  // Nothing before: any message now is +100%, silence throughout is −100%.
  const value = before > 0 ? (recent - before) / before : recent > 0 ? 1 : -1;
  return { name: 'trend', value, score: centred(value, c.trendSpan) };
};

const retentionPart = (cohorts: readonly CohortInput[], evaluated: string, c: HealthConfig): Part | null => {
  const k = c.retentionWeek;
  const done = dayNumber(evaluated);
  const reached = cohorts
    .filter((x) => x.size > 0 && dayNumber(addDays(x.week, 7 * k)) <= done)
    .sort((a, b) => dayNumber(b.week) - dayNumber(a.week))
    .slice(0, c.retentionCohorts);
  const size = reached.reduce((s, x) => s + x.size, 0);
  if (size === 0) return null;
  const retained = reached.reduce((s, x) => s + (x.activeInWeek[k] ?? 0), 0);
  const value = retained / size;
  return { name: 'retention', value, score: clamp01(value / c.retentionTarget) };
};

const growthPart = (series: WeekPoint[], c: HealthConfig): Part | null => {
  const now = series.at(-1);
  if (!now) return null;
  const before = series[series.length - 1 - c.windowWeeks]?.members ?? 0;
  const value = before > 0 ? (now.members - before) / before : now.members > 0 ? 1 : 0;
  return { name: 'growth', value, score: centred(value, c.growthSpan) };
};

const lurkerPart = (layers: Readonly<Record<ActivityLayer, number>>, c: HealthConfig): Part | null => {
  const total = layers.active + layers.participant + layers.observer + layers.lurker;
  if (total === 0) return null;
  const value = layers.lurker / total;
  return {
    name: 'lurkers',
    value,
    score: clamp01((c.lurkerShareBad - value) / (c.lurkerShareBad - c.lurkerShareGood)),
  };
};

/**
 * 0–100 health of a group or scope: a weighted mean of component scores over the last complete weeks.
 * A component without data is left out and the weights of the others are scaled to sum to 1.
 */
export const healthScore = (input: HealthInput, config?: HealthConfigInput): HealthScore => {
  const c = parseOptions(healthConfigSchema, config, 'health score settings');
  const evaluated = lastCompleteWeek(input.asOf);
  const series = weeklySeries(input.weeks, evaluated);
  const parts = [
    activityPart(series, c),
    trendPart(series, c),
    input.cohorts ? retentionPart(input.cohorts, evaluated, c) : null,
    growthPart(series, c),
    input.layers ? lurkerPart(input.layers, c) : null,
  ].filter((p): p is Part => p !== null && c.weights[p.name] > 0);
  const weightSum = parts.reduce((s, p) => s + c.weights[p.name], 0);
  if (weightSum === 0) return { score: 0, components: [] };
  const components = parts.map((p) => ({
    name: p.name,
    weight: round(c.weights[p.name] / weightSum, 4),
    value: round(p.value, 4),
    score: round(100 * p.score, 2),
  }));
  const total = parts.reduce((s, p) => s + c.weights[p.name] * round(100 * p.score, 2), 0) / weightSum;
  return { score: Math.round(total), components };
};
