import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import { activityRate } from './activity-rate.js';
import { addDays, daysBetween, lastCompleteWeek, monthOf, weekOf } from './dates.js';

// Reference: a calendar walked one day at a time with its own month lengths, no Date at all.
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
type Ymd = { y: number; m: number; d: number; weekday: number }; // weekday 0 = Monday
const next = ({ y, m, d, weekday }: Ymd): Ymd => {
  const w = (weekday + 1) % 7;
  if (d < monthLength(y, m)) return { y, m, d: d + 1, weekday: w };
  if (m < 12) return { y, m: m + 1, d: 1, weekday: w };
  return { y: y + 1, m: 1, d: 1, weekday: w };
};
const text = ({ y, m, d }: Ymd) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('day arithmetic', () => {
  it('finds the Monday of a week, across months, years and before 1970', () => {
    expect(weekOf('2024-01-01')).toBe('2024-01-01'); // a Monday
    expect(weekOf('2024-01-07')).toBe('2024-01-01'); // its Sunday
    expect(weekOf('2024-03-01')).toBe('2024-02-26');
    expect(weekOf('2021-01-01')).toBe('2020-12-28');
    expect(weekOf('1970-01-01')).toBe('1969-12-29');
    expect(weekOf('1969-12-31')).toBe('1969-12-29');
    expect(weekOf('0099-01-01')).toBe('0098-12-29'); // not read as 1999
  });

  it('adds days over leap days and month ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-31', -31)).toBe('2024-02-29');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('names a month by its first day', () => {
    expect(monthOf('2024-02-29')).toBe('2024-02-01');
    expect(monthOf('2024-12-31')).toBe('2024-12-01');
  });

  it('takes the last complete week as of a day', () => {
    expect(lastCompleteWeek('2024-01-07')).toBe('2024-01-01'); // Sunday: its own week is over
    expect(lastCompleteWeek('2024-01-08')).toBe('2024-01-01'); // Monday: the new week has just begun
    expect(lastCompleteWeek('2024-01-13')).toBe('2024-01-01');
    expect(lastCompleteWeek('2024-01-14')).toBe('2024-01-08');
  });

  it('refuses what is not a calendar day', () => {
    for (const bad of ['2025-02-30', '2024-1-1', '2024-01-01T00:00:00Z', '', '2024-13-01', '2024-00-10']) {
      let error: unknown;
      try {
        weekOf(bad);
      } catch (e) {
        error = e;
      }
      expect(isQunzhuError(error) && error.code, bad).toBe('bad_input');
    }
  });

  describe('in a zone with daylight saving time', () => {
    const before = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'Europe/Berlin';
    });
    afterAll(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });
    it('does not lose or gain a day when the clocks change', () => {
      expect(new Date(2024, 2, 31, 12).getTimezoneOffset()).toBe(-120); // the zone took effect
      expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
      expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
      expect(addDays('2024-10-26', 2)).toBe('2024-10-28');
      expect(weekOf('2024-03-31')).toBe('2024-03-25');
      expect(daysBetween('2024-03-30', '2024-04-02')).toBe(3);
    });
  });

  it('agrees with a day-by-day calendar from 1968 to 2040', () => {
    let day: Ymd = { y: 1968, m: 1, d: 1, weekday: 0 }; // 1968-01-01 was a Monday
    let monday = day;
    const rnd = seededRandom('dates');
    let checked = 0;
    while (day.y < 2040) {
      if (day.weekday === 0) monday = day;
      const t = text(day);
      expect(weekOf(t)).toBe(text(monday));
      expect(monthOf(t)).toBe(text({ ...day, d: 1 }));
      if (rnd.next() < 0.02) {
        // addDays over a random span, walked by the reference.
        const n = rnd.int(800);
        let target = day;
        for (let i = 0; i < n; i++) target = next(target);
        expect(addDays(t, n)).toBe(text(target));
        expect(addDays(text(target), -n)).toBe(t);
        expect(daysBetween(t, text(target))).toBe(n);
        checked++;
      }
      day = next(day);
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('activityRate', () => {
  it('is the share of members who posted', () => {
    expect(activityRate(3, 10)).toBe(0.3);
    expect(activityRate(0, 10)).toBe(0);
    expect(activityRate(10, 10)).toBe(1);
  });
  it('is 0 without members and never above 1', () => {
    expect(activityRate(0, 0)).toBe(0);
    expect(activityRate(5, 0)).toBe(0);
    expect(activityRate(12, 10)).toBe(1);
  });
  it('agrees with a plain division on random counts', () => {
    const rnd = seededRandom('activity-rate');
    for (let i = 0; i < 500; i++) {
      const members = rnd.int(300);
      const active = rnd.int(members + 20);
      const expected = members === 0 ? 0 : active > members ? 1 : active / members;
      expect(activityRate(active, members)).toBe(expected);
    }
  });
});
