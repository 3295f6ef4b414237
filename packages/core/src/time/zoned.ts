import { QunzhuError } from '../errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string): Intl.DateTimeFormat => {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new QunzhuError('bad_input', `"${tz}" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`);
    }
    formatters.set(tz, f);
  }
  return f;
};

const HOUR = 3_600_000;
// Zones change offset on the hour or half hour at most a few times a year: one lookup per zone and
// hour keeps plays that ask "which local day is it?" on every message cheap.
const offsets = new Map<string, number>();

/** Milliseconds the zone is ahead of UTC at `utcMs`. */
export const zoneOffsetMs = (utcMs: number, tz: string): number => {
  const bucket = Math.floor(utcMs / (HOUR / 2));
  const key = `${tz}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const probe = bucket * (HOUR / 2);
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(probe))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = asUtc - probe;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
};

export type LocalTime = {
  /** The calendar day in the zone, YYYY-MM-DD. */
  day: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
};

/** Where an instant falls on the zone's calendar and clock. */
export const localTime = (at: Date, tz: string): LocalTime => {
  const wall = new Date(at.getTime() + zoneOffsetMs(at.getTime(), tz));
  return {
    day: wall.toISOString().slice(0, 10),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
};

/** The instant a local day (YYYY-MM-DD) begins in the zone. */
export const startOfLocalDay = (day: string, tz: string): Date => {
  const wallMidnight = Date.parse(`${day}T00:00:00Z`);
  // The offset at the instant itself may differ from the guess's (a DST change that night): settle it.
  let guess = wallMidnight - zoneOffsetMs(wallMidnight, tz);
  guess = wallMidnight - zoneOffsetMs(guess, tz);
  return new Date(guess);
};

/** The calendar day `n` days after `day`. */
export const shiftDay = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const dayDiff = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
