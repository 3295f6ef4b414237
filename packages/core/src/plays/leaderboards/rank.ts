import type { LedgerEntryInput } from '../../engine/state.js';
import { localTime, shiftDay, startOfLocalDay } from '../../time/index.js';

export const LEADERBOARD_METRICS = ['points', 'checkins', 'streak', 'invites'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export const LEADERBOARD_PERIODS = ['day', 'week', 'month', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** The ledger kinds each metric reads. */
export const metricKinds: Record<LeaderboardMetric, readonly string[]> = {
  points: ['points'],
  checkins: ['checkin'],
  streak: ['checkin'],
  invites: ['invite_credit'],
};

export type Rank = { memberId: number; value: number };

/** Rank members by a metric over ledger entries already cut to the period; ties by member id. */
export const rankLedger = (
  entries: readonly Pick<LedgerEntryInput, 'memberId' | 'kind' | 'amount' | 'data'>[],
  metric: LeaderboardMetric,
  top: number,
): Rank[] => {
  const totals = new Map<number, number>();
  if (metric === 'streak') {
    // The longest run of consecutive check-in days inside the period.
    const days = new Map<number, Set<string>>();
    for (const e of entries) {
      if (e.kind !== 'checkin') continue;
      const set = days.get(e.memberId) ?? new Set<string>();
      set.add(String(e.data.day));
      days.set(e.memberId, set);
    }
    for (const [memberId, set] of days) {
      let best = 0;
      for (const d of set) {
        if (set.has(shiftDay(d, -1))) continue;
        let n = 1;
        while (set.has(shiftDay(d, n))) n += 1;
        best = Math.max(best, n);
      }
      totals.set(memberId, best);
    }
  } else {
    const kinds = metricKinds[metric];
    for (const e of entries) {
      if (!kinds.includes(e.kind)) continue;
      totals.set(e.memberId, (totals.get(e.memberId) ?? 0) + (metric === 'points' ? e.amount : 1));
    }
  }
  return [...totals]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, top)
    .map(([memberId, value]) => ({ memberId, value }));
};

/**
 * The period a board posted at `at` covers, in the zone: the day, the week (Monday to Sunday) or the
 * month that ended last; `all` has no start.
 */
export const periodBefore = (
  period: LeaderboardPeriod,
  at: Date,
  tz: string,
): { from: Date | null; to: Date; label: string } => {
  const today = localTime(at, tz).day;
  if (period === 'all') return { from: null, to: at, label: today };
  if (period === 'day') {
    const d = shiftDay(today, -1);
    return { from: startOfLocalDay(d, tz), to: startOfLocalDay(today, tz), label: d };
  }
  if (period === 'week') {
    const weekday = (localTime(at, tz).weekday + 6) % 7; // Monday = 0
    const thisMonday = shiftDay(today, -weekday);
    const lastMonday = shiftDay(thisMonday, -7);
    return {
      from: startOfLocalDay(lastMonday, tz),
      to: startOfLocalDay(thisMonday, tz),
      label: `${lastMonday}~${shiftDay(thisMonday, -1)}`,
    };
  }
  const first = `${today.slice(0, 7)}-01`;
  const prevFirst = `${shiftDay(first, -1).slice(0, 7)}-01`;
  return { from: startOfLocalDay(prevFirst, tz), to: startOfLocalDay(first, tz), label: prevFirst.slice(0, 7) };
};

/** When a board of this period is next posted after `at`: daily, on Mondays, or on the 1st, at `minuteOfDay`. */
export const nextPosting = (period: LeaderboardPeriod, at: Date, tz: string, minuteOfDay: number): Date => {
  const local = localTime(at, tz);
  for (let i = 0; i <= 62; i++) {
    const day = shiftDay(local.day, i);
    const candidate = new Date(startOfLocalDay(day, tz).getTime() + minuteOfDay * 60_000);
    if (candidate.getTime() <= at.getTime()) continue;
    const weekday = localTime(candidate, tz).weekday;
    if (period === 'day') return candidate;
    if ((period === 'week' || period === 'all') && weekday === 1) return candidate;
    if (period === 'month' && day.endsWith('-01')) return candidate;
  }
  throw new Error('no posting time within two months');
};
