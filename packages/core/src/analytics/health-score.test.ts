import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { between, randomHistory, refDay, refPlus, refRound4 } from './analytics.test-support.js';
import { healthScore } from './health-score.js';
import type { ActivityLayer, CohortInput, WeekPoint } from './types.js';

const weeksFrom = (start: string, rows: [number, number, number][]): WeekPoint[] =>
  rows.map(([messages, activeMembers, members], i) => ({
    week: refPlus(start, 7 * i),
    messages,
    activeMembers,
    joins: 0,
    leaves: 0,
    members,
  }));

// Eight complete weeks as of Sunday 2024-03-03 (the last one begins 2024-02-26).
const weeks = weeksFrom('2024-01-08', [
  [100, 30, 100],
  [100, 30, 100],
  [100, 30, 100],
  [100, 30, 100],
  [125, 30, 100],
  [125, 30, 100],
  [125, 30, 100],
  [125, 21, 105],
]);
const cohorts: CohortInput[] = [
  { week: '2024-02-12', size: 10, activeInWeek: [10, 3] },
  { week: '2024-02-26', size: 50, activeInWeek: [50, 40] }, // its week 1 is not over: left out
  { week: '2024-02-05', size: 30, activeInWeek: [30, 3, 2] },
];
const layers = { active: 10, participant: 10, observer: 5, lurker: 75 };

describe('healthScore', () => {
  it('weighs activity, trend, retention, growth and lurkers', () => {
    const result = healthScore({ weeks, asOf: '2024-03-03', cohorts, layers });
    expect(result.components).toEqual([
      // mean of 0.3, 0.3, 0.3 and 21/105 = 0.275, against 0.6
      { name: 'activity', weight: 0.3, value: 0.275, score: 45.83 },
      // 500 messages against 400: +25%, halfway from none to +50%
      { name: 'trend', weight: 0.2, value: 0.25, score: 75 },
      // (3 + 3) / (10 + 30) = 0.15, against 0.2
      { name: 'retention', weight: 0.2, value: 0.15, score: 75 },
      // 105 members against 100 four weeks before: +5%, halfway to +10%
      { name: 'growth', weight: 0.15, value: 0.05, score: 75 },
      // 75% lurkers, between 50% (100) and 90% (0)
      { name: 'lurkers', weight: 0.15, value: 0.75, score: 37.5 },
    ]);
    // 0.3 × 45.83 + 0.2 × 75 + 0.2 × 75 + 0.15 × 75 + 0.15 × 37.5 = 60.62
    expect(result.score).toBe(61);
  });

  it('leaves out a component without data and scales the other weights', () => {
    const result = healthScore({ weeks, asOf: '2024-03-03' });
    expect(result.components.map((c) => [c.name, c.weight])).toEqual([
      ['activity', 0.4615],
      ['trend', 0.3077],
      ['growth', 0.2308],
    ]);
    // (13.749 + 15 + 11.25) / 0.65 = 61.54
    expect(result.score).toBe(62);
    expect(
      healthScore({ weeks, asOf: '2024-03-03', layers }, { weights: { activity: 0, trend: 0, growth: 0 } }),
    ).toEqual({
      score: 38,
      components: [{ name: 'lurkers', weight: 1, value: 0.75, score: 37.5 }],
    });
    expect(healthScore({ weeks: [], asOf: '2024-03-03' })).toEqual({ score: 0, components: [] });
  });

  it('pools only the most recent cohorts', () => {
    const result = healthScore({ weeks, asOf: '2024-03-03', cohorts }, { retentionCohorts: 1 });
    expect(result.components.find((c) => c.name === 'retention')).toEqual({
      name: 'retention',
      weight: 0.2353, // 0.2 / (0.3 + 0.2 + 0.2 + 0.15)
      value: 0.3,
      score: 100,
    });
  });

  it('scores a silent history 0 on trend and a new one 100', () => {
    const silent = weeksFrom('2024-01-08', [
      [0, 0, 50],
      ...Array.from({ length: 7 }, () => [0, 0, 50] as [number, number, number]),
    ]);
    expect(healthScore({ weeks: silent, asOf: '2024-03-03' }).components.find((c) => c.name === 'trend')).toMatchObject(
      {
        value: -1,
        score: 0,
      },
    );
    const fresh = weeksFrom('2024-02-19', [
      [40, 8, 20],
      [40, 8, 20],
    ]);
    expect(healthScore({ weeks: fresh, asOf: '2024-03-03' }).components).toEqual([
      { name: 'activity', weight: 0.4615, value: 0.4, score: 66.67 },
      { name: 'trend', weight: 0.3077, value: 1, score: 100 },
      { name: 'growth', weight: 0.2308, value: 1, score: 100 },
    ]);
  });

  it('agrees with a plain reference on random inputs', () => {
    const w = { activity: 0.3, trend: 0.2, retention: 0.2, growth: 0.15, lurkers: 0.15 };
    const reference = (
      history: WeekPoint[],
      asOf: string,
      cohortList: CohortInput[],
      counts: Record<ActivityLayer, number>,
    ) => {
      let end = refDay(asOf) - 6;
      while (new Date(end * 86_400_000).getUTCDay() !== 1) end -= 1;
      const rows = history
        .filter((x) => refDay(x.week) <= end && (x.messages || x.activeMembers || x.joins || x.leaves || x.members))
        .sort((a, b) => refDay(a.week) - refDay(b.week));
      const dense: WeekPoint[] = [];
      if (rows.length > 0) {
        for (let d = refDay(rows[0]?.week ?? ''); d <= end; d += 7) {
          const row = rows.find((x) => refDay(x.week) === d);
          const members = row ? row.members : (dense[dense.length - 1]?.members ?? 0);
          dense.push(row ?? { week: '', messages: 0, activeMembers: 0, joins: 0, leaves: 0, members });
        }
      }
      const parts: { name: keyof typeof w; value: number; score: number }[] = [];
      const n = dense.length;
      if (n > 0) {
        let rates = 0;
        let count = 0;
        for (let i = Math.max(0, n - 4); i < n; i++) {
          const x = dense[i] as WeekPoint;
          rates += x.members > 0 ? Math.min(1, x.activeMembers / x.members) : 0;
          count += 1;
        }
        parts.push({ name: 'activity', value: rates / count, score: Math.min(1, rates / count / 0.6) });
        let recent = 0;
        let before = 0;
        for (let i = n - 4; i < n; i++) if (i >= 0) recent += dense[i]?.messages ?? 0;
        for (let i = n - 8; i < n - 4; i++) if (i >= 0) before += dense[i]?.messages ?? 0;
        let trend = before > 0 ? (recent - before) / before : -1;
        if (before === 0 && recent > 0) trend = 1;
        parts.push({ name: 'trend', value: trend, score: Math.max(0, Math.min(1, 0.5 + trend)) });
      }
      const done = cohortList
        .filter((c) => c.size > 0 && refDay(c.week) + 7 <= end)
        .sort((a, b) => (a.week < b.week ? 1 : -1))
        .slice(0, 8);
      let size = 0;
      let kept = 0;
      for (const c of done) {
        size += c.size;
        kept += c.activeInWeek[1] ?? 0;
      }
      if (size > 0) parts.push({ name: 'retention', value: kept / size, score: Math.min(1, kept / size / 0.2) });
      if (n > 0) {
        const now = dense[n - 1]?.members ?? 0;
        const then = n - 5 >= 0 ? (dense[n - 5]?.members ?? 0) : 0;
        const growth = then > 0 ? (now - then) / then : now > 0 ? 1 : 0;
        parts.push({ name: 'growth', value: growth, score: Math.max(0, Math.min(1, 0.5 + growth * 5)) });
      }
      const total = counts.active + counts.participant + counts.observer + counts.lurker;
      if (total > 0) {
        const share = counts.lurker / total;
        parts.push({ name: 'lurkers', value: share, score: Math.max(0, Math.min(1, (0.9 - share) / 0.4)) });
      }
      let weightSum = 0;
      for (const p of parts) weightSum += w[p.name];
      let sum = 0;
      for (const p of parts) sum += w[p.name] * (Math.round(p.score * 100 * 100) / 100);
      return {
        score: parts.length === 0 ? 0 : Math.round(sum / weightSum),
        components: parts.map((p) => ({
          name: p.name,
          weight: refRound4(w[p.name] / weightSum),
          value: refRound4(p.value),
          score: Math.round(p.score * 100 * 100) / 100,
        })),
      };
    };
    const rnd = seededRandom('health-score');
    const scores = new Set<number>();
    for (let round = 0; round < 300; round++) {
      const length = 1 + rnd.int(30);
      const history = randomHistory(rnd, '2023-01-02', length);
      const asOf = refPlus('2023-01-02', rnd.int(7 * (length + 4)));
      const cohortList: CohortInput[] = Array.from({ length: rnd.int(14) }, (_, i) => {
        const size = rnd.int(40);
        return { week: refPlus('2023-01-02', 7 * i), size, activeInWeek: [size, between(rnd, 0, size)] };
      });
      const counts = { active: rnd.int(20), participant: rnd.int(30), observer: rnd.int(40), lurker: rnd.int(200) };
      const got = healthScore({ weeks: history, asOf, cohorts: cohortList, layers: counts });
      const want = reference(history, asOf, cohortList, counts);
      expect(got.components, `round ${round}`).toEqual(
        want.components.map((c) => ({ ...c, score: expect.closeTo(c.score, 9) })),
      );
      expect(got.score, `round ${round}`).toBe(want.score);
      scores.add(got.score);
    }
    expect(scores.size).toBeGreaterThan(40);
  });
});
