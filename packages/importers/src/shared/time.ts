import { zoneOffsetMs } from '@qunzhu/core';

/** Throws a clear error for an unknown zone; call once per import before reading. */
export const checkTimeZone = (tz: string): void => {
  zoneOffsetMs(0, tz);
};

export type WallTime = {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
};

/** The instant a wall-clock time in zone `tz` names (the earlier one when a DST change repeats it). */
export const zonedTime = (t: WallTime, tz: string): Date => {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0, t.ms ?? 0);
  if (tz === 'UTC' || tz === 'Etc/UTC') return new Date(wall);
  let guess = wall - zoneOffsetMs(wall, tz);
  const second = wall - zoneOffsetMs(guess, tz);
  if (second !== guess) guess = second;
  return new Date(guess);
};

/** True when a Date is a real time between 1970 and 2100 (guards against unit mistakes and garbage). */
export const plausibleTime = (d: Date): boolean => {
  const t = d.getTime();
  return Number.isFinite(t) && t >= 0 && t < Date.UTC(2100, 0, 1);
};

/**
 * Parse an ISO-8601-like time: with an offset it is exact; without, it is read in `tz`.
 * Accepts `YYYY-MM-DD HH:MM[:SS[.fff]]`, with `T` or a space. Returns null when it is not one.
 */
export const parseLocalOrIso = (text: string, tz: string): Date | null => {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    ms,
  };
  if (
    wall.month < 1 ||
    wall.month > 12 ||
    wall.day < 1 ||
    wall.day > 31 ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 60
  ) {
    return null;
  }
  let date: Date;
  if (offset) {
    const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, ms);
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.replace(/[+:-]/g, '');
    const minutes = /^z$/i.test(offset) ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    date = new Date(utc - minutes * 60_000);
  } else {
    date = zonedTime(wall, tz);
  }
  return plausibleTime(date) ? date : null;
};
