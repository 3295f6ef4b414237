import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayDiff, localTime, shiftDay, startOfLocalDay, zoneOffsetMs } from './zoned.js';

describe('local time in a zone', () => {
  it('reads the day and minute where the community lives', () => {
    const at = new Date('2024-03-09T16:30:00Z');
    expect(localTime(at, 'Asia/Shanghai')).toEqual({ day: '2024-03-10', minutes: 30, weekday: 0 });
    expect(localTime(at, 'America/New_York')).toEqual({ day: '2024-03-09', minutes: 11 * 60 + 30, weekday: 6 });
    expect(localTime(at, 'UTC').day).toBe('2024-03-09');
  });

  it('finds local midnight across a DST change', () => {
    // New York springs forward on 2024-03-10 at 02:00; midnight is still EST (UTC-5).
    expect(startOfLocalDay('2024-03-10', 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfLocalDay('2024-03-11', 'America/New_York').toISOString()).toBe('2024-03-11T04:00:00.000Z');
    expect(startOfLocalDay('2024-03-10', 'Asia/Shanghai').toISOString()).toBe('2024-03-09T16:00:00.000Z');
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) {
      for (const day of ['2024-01-01', '2024-03-31', '2024-10-27', '2024-11-03']) {
        expect(localTime(startOfLocalDay(day, tz), tz)).toMatchObject({ day, minutes: 0 });
      }
    }
  });

  it('counts days', () => {
    expect(shiftDay('2024-02-28', 2)).toBe('2024-03-01');
    expect(dayDiff('2023-12-30', '2024-01-02')).toBe(3);
  });

  it('refuses a zone that does not exist', () => {
    expect(() => localTime(new Date(), 'Mars/Olympus')).toThrow('IANA');
  });

  // The functions above remember days and offsets; what they answer must be the Date arithmetic's.
  it('answers as plain Date arithmetic does, wherever and whenever asked', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe'];
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, fc.integer({ min: -800, max: 800 }), (tz, ms, n) => {
        const wall = new Date(ms + zoneOffsetMs(ms, tz));
        const day = wall.toISOString().slice(0, 10);
        expect(localTime(new Date(ms), tz)).toEqual({
          day,
          minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
          weekday: wall.getUTCDay(),
        });
        const shifted = new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(shiftDay(day, n)).toBe(shifted);
        expect(dayDiff(day, shifted)).toBe(n);
        expect(dayDiff(shifted, day)).toBe(0 - n);
      }),
      { numRuns: 2000 },
    );
  });

  it('fails on what is not a day as the Date arithmetic does', () => {
    expect(() => shiftDay('not a day', 1)).toThrow(RangeError);
    expect(Number.isNaN(dayDiff('2024-02-30x', '2024-03-01'))).toBe(true);
    expect(() => localTime(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});
