import { QunzhuError } from '../errors.js';

/**
 * Day arithmetic on `YYYY-MM-DD` strings. A day is a calendar day of the community's zone, so it is
 * computed as a UTC date: no local zone and no daylight-saving shift can move it.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// A report does day arithmetic for every member on the same few hundred days: both directions are
// remembered (a pure mapping), bounded so that no input can grow them without limit.
const MEMO_LIMIT = 100_000;
const names = new Map<number, string>();
const numbers = new Map<string, number>();
const remember = <K, V>(memo: Map<K, V>, key: K, value: V): V => {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
};

/** The day `n` days after 1970-01-01. */
export const dayFromNumber = (n: number): string =>
  names.get(n) ?? remember(names, n, new Date(n * DAY_MS).toISOString().slice(0, 10));

/** Days since 1970-01-01; a string that is not a real calendar day (2025-02-30) is bad input. */
export const dayNumber = (day: string): number => numbers.get(day) ?? remember(numbers, day, parseDay(day));

const parseDay = (day: string): number => {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 19xx.
    const n = new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    // 2025-02-30 rolls over to March: the round trip refuses it.
    if (Number.isInteger(n) && dayFromNumber(n) === day) return n;
  }
  throw new QunzhuError('bad_input', `Not a day in the form YYYY-MM-DD: ${JSON.stringify(day)}`);
};

export const addDays = (day: string, n: number): string => dayFromNumber(dayNumber(day) + n);

/** Whole days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The Monday of the day's week (weeks start on Monday). */
export const weekOf = (day: string): string => {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: n + 3 days after a Monday.
  const sinceMonday = (((n + 3) % 7) + 7) % 7;
  return dayFromNumber(n - sinceMonday);
};

/** The first day of the day's month, YYYY-MM-01 (a period is named by its first day, as weeks are). */
export const monthOf = (day: string): string => {
  dayNumber(day);
  return `${day.slice(0, 7)}-01`;
};

/** The last week that is over on `asOf`: the week of `asOf` itself when `asOf` is a Sunday. */
export const lastCompleteWeek = (asOf: string): string => addDays(weekOf(addDays(asOf, 1)), -7);
