import { localTime as zoned, zoneOffsetMs } from '../../time/index.js';

/** A moment as a wall clock in a time zone reads it. */
export type LocalTime = {
  /** YYYY-MM-DD */
  date: string;
  /** ISO day of week: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  second: number;
};

/** True when the runtime knows the IANA zone. */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    zoned(new Date(0), timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The quiet-hours view of core's local time: ISO weekdays and the second within the minute. */
export const localTime = (at: Date, timeZone: string): LocalTime => {
  const t = zoned(at, timeZone);
  const second = new Date(at.getTime() + zoneOffsetMs(at.getTime(), timeZone)).getUTCSeconds();
  return { date: t.day, weekday: t.weekday === 0 ? 7 : t.weekday, minute: t.minutes, second };
};

/** "19:30" → 1170; the schema has checked the shape. */
export const minuteOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};
