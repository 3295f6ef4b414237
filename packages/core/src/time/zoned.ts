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
const DAY = 86_400_000;
// Zones change offset on the hour or half hour at most a few times a year: one lookup per zone and
// half hour keeps plays that ask "which local day is it?" on every message cheap. Numbers under a
// map per zone rather than a joined string key: a lookup builds nothing.
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;
/** The zone and half hour asked last, and its offset: events come in order of time. */
let lastZone = '';
let lastBucket = Number.NaN;
let lastOffset = 0;

/** Milliseconds the zone is ahead of UTC at `utcMs`. */
export const zoneOffsetMs = (utcMs: number, tz: string): number => {
  const bucket = Math.floor(utcMs / (HOUR / 2));
  if (bucket === lastBucket && tz === lastZone) return lastOffset;
  let ofZone = offsets.get(tz);
  let offset = ofZone?.get(bucket);
  if (offset === undefined) {
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
    offset = asUtc - probe;
    if (cachedOffsets > 50_000) {
      offsets.clear();
      cachedOffsets = 0;
      ofZone = undefined;
    }
    if (!ofZone) {
      ofZone = new Map();
      offsets.set(tz, ofZone);
    }
    ofZone.set(bucket, offset);
    cachedOffsets += 1;
  }
  lastZone = tz;
  lastBucket = bucket;
  lastOffset = offset;
  return offset;
};

// Calendar days as YYYY-MM-DD and as days since 1970-01-01, both ways, remembered: plays turn the
// same few days into strings and back on every message. The cached values are exactly what the
// Date arithmetic gives (an invalid day is never cached, so it fails as before).
const dayStrings = new Map<number, string>();
const dayNumbers = new Map<string, number>();

const dayString = (n: number): string => {
  let day = dayStrings.get(n);
  if (day === undefined) {
    day = new Date(n * DAY).toISOString().slice(0, 10);
    if (dayStrings.size > 50_000) dayStrings.clear();
    dayStrings.set(n, day);
  }
  return day;
};

/** Days since 1970-01-01 of a YYYY-MM-DD day; NaN when it is not one. */
const dayNumber = (day: string): number => {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Date.parse(`${day}T00:00:00Z`) / DAY;
    // Only whole days are kept: anything else goes the slow way every time, as it did.
    if (!Number.isInteger(n)) return n;
    if (dayNumbers.size > 50_000) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
};

/** Date.parse of the day's UTC midnight. */
const midnight = (day: string): number => {
  const n = dayNumber(day);
  return Number.isInteger(n) ? n * DAY : Date.parse(`${day}T00:00:00Z`);
};

/** The largest instant a Date holds. */
const MAX_TIME = 8.64e15;

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
  const wallMs = at.getTime() + zoneOffsetMs(at.getTime(), tz);
  if (!(Math.abs(wallMs) <= MAX_TIME)) {
    // Out of a Date's range (or not a time): fail exactly as the Date arithmetic does.
    const wall = new Date(wallMs);
    return {
      day: wall.toISOString().slice(0, 10),
      minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
      weekday: wall.getUTCDay(),
    };
  }
  const n = Math.floor(wallMs / DAY);
  return {
    day: dayString(n),
    minutes: Math.floor((wallMs - n * DAY) / 60_000),
    // 1970-01-01 was a Thursday.
    weekday: (((n + 4) % 7) + 7) % 7,
  };
};

/** The instant a local day (YYYY-MM-DD) begins in the zone. */
export const startOfLocalDay = (day: string, tz: string): Date => {
  const wallMidnight = midnight(day);
  // The offset at the instant itself may differ from the guess's (a DST change that night): settle it.
  let guess = wallMidnight - zoneOffsetMs(wallMidnight, tz);
  guess = wallMidnight - zoneOffsetMs(guess, tz);
  return new Date(guess);
};

/** The calendar day `n` days after `day`. */
export const shiftDay = (day: string, n: number): string => {
  const from = dayNumber(day);
  // Whole days within a Date's range come from the cache; anything else fails as the Date does.
  if (Number.isInteger(from) && Number.isInteger(n) && Math.abs((from + n) * DAY) <= MAX_TIME) {
    return dayString(from + n);
  }
  return new Date(midnight(day) + n * DAY).toISOString().slice(0, 10);
};

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const dayDiff = (from: string, to: string): number => {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (Number.isInteger(a) && Number.isInteger(b)) return b - a;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
};
