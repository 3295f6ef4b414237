import { dayNumber } from './dates.js';
import { round } from './numbers.js';
import type { CohortInput } from './types.js';

/** Weeks followed after a cohort's own week: k = 0…12. */
export const RETENTION_WEEKS = 12;

export type RetentionRow = {
  week: string;
  size: number;
  /** rates[k] = share of the cohort with a message in week k (4 decimals), for the weeks begun by `asOf`. */
  rates: number[];
};
export type Retention = { cohorts: RetentionRow[] };

/**
 * 留存 by weekly cohort. Week k is shown once it has begun (its Monday is on or before `asOf`), so the
 * last rate of a recent cohort may cover a week still in progress.
 */
export const retention = (cohorts: readonly CohortInput[], asOf: string): Retention => {
  const today = dayNumber(asOf);
  const rows = [...cohorts]
    .sort((a, b) => dayNumber(a.week) - dayNumber(b.week))
    .map((c): RetentionRow => {
      const begun = Math.floor((today - dayNumber(c.week)) / 7);
      const weeks = Math.max(0, Math.min(RETENTION_WEEKS, begun) + 1);
      const rates = Array.from({ length: weeks }, (_, k) =>
        c.size > 0 ? round((c.activeInWeek[k] ?? 0) / c.size, 4) : 0,
      );
      return { week: c.week, size: c.size, rates };
    });
  return { cohorts: rows };
};
