import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { between, refDay, refPlus, refRound4 } from './analytics.test-support.js';
import { retention } from './retention.js';
import type { CohortInput } from './types.js';

describe('retention', () => {
  it('gives each cohort its share active per week, up to the week begun on asOf', () => {
    const result = retention(
      [
        { week: '2024-03-04', size: 3, activeInWeek: [2, 0, 0] },
        { week: '2024-02-19', size: 20, activeInWeek: [20, 8, 5, 4, 1] },
        { week: '2023-10-02', size: 7, activeInWeek: [7, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 9] },
        { week: '2024-02-26', size: 0, activeInWeek: [0, 0, 0] },
        { week: '2024-03-11', size: 4, activeInWeek: [0] },
      ],
      '2024-03-06', // a Wednesday in the week of 2024-03-04
    );
    expect(result.cohorts).toEqual([
      {
        week: '2023-10-02',
        size: 7,
        // k = 0…12 only; the 14th entry is past the 13 weeks followed.
        rates: [1, 0.8571, 0.7143, 0.5714, 0.4286, 0.2857, 0.1429, 0.1429, 0.1429, 0.1429, 0.1429, 0.1429, 0.1429],
      },
      { week: '2024-02-19', size: 20, rates: [1, 0.4, 0.25] },
      { week: '2024-02-26', size: 0, rates: [0, 0] },
      { week: '2024-03-04', size: 3, rates: [0.6667] },
      { week: '2024-03-11', size: 4, rates: [] },
    ]);
  });

  it('counts a missing entry as nobody active', () => {
    expect(retention([{ week: '2024-02-19', size: 4, activeInWeek: [4] }], '2024-03-06').cohorts[0]?.rates).toEqual([
      1, 0, 0,
    ]);
  });

  it('agrees with a plain reference on random cohorts', () => {
    const rnd = seededRandom('retention');
    const lengths = new Set<number>();
    for (let round = 0; round < 200; round++) {
      const asOf = refPlus('2024-01-01', rnd.int(200));
      const cohorts: CohortInput[] = Array.from({ length: rnd.int(20) }, () => {
        const size = rnd.int(50);
        return {
          week: refPlus('2023-10-02', 7 * rnd.int(30)),
          size,
          activeInWeek: Array.from({ length: 13 }, (_, k) => (k === 0 ? size : between(rnd, 0, size))),
        };
      });
      const want = [...cohorts]
        .sort((a, b) => refDay(a.week) - refDay(b.week))
        .map((c) => {
          const rates: number[] = [];
          for (let k = 0; k <= 12; k++) {
            if (refDay(c.week) + 7 * k > refDay(asOf)) break;
            rates.push(c.size === 0 ? 0 : refRound4((c.activeInWeek[k] ?? 0) / c.size));
          }
          lengths.add(rates.length);
          return { week: c.week, size: c.size, rates };
        });
      const got = retention(cohorts, asOf).cohorts;
      // Cohorts of the same week may come in either order: compare as sorted lists.
      const key = (r: { week: string; size: number; rates: number[] }) => JSON.stringify(r);
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.map((r) => r.week)).toEqual(want.map((r) => r.week));
    }
    expect(lengths.size).toBe(14); // 0…13 rates all occur
  });
});
