import { describe, expect, it } from 'vitest';
import { dayDiff, localTime, shiftDay, startOfLocalDay } from './zoned.js';

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
});
