// Day and week arithmetic on `YYYY-MM-DD` strings, as the server cuts them (UTC calendar dates,
// weeks named by their Monday; docs/analytics.md, "Conventions").
import type { Report } from '../../api/types.js';

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromMs(toMs(day) + n * DAY_MS);
export const weekOf = (day: string) => addDays(day, -((new Date(toMs(day)).getUTCDay() + 6) % 7));
/** The week of `asOf` when it is a Sunday, else the week before: a week in progress is not compared. */
export const lastCompleteWeek = (asOf: string) =>
  new Date(toMs(asOf)).getUTCDay() === 0 ? weekOf(asOf) : addDays(weekOf(asOf), -7);

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

type Daily = Report['series']['daily'][number];
type Weekly = Report['series']['weekly'][number];

/** How far past the last activity a chart goes: enough to see a silence, not years of zeros. */
const TAIL_DAYS = 28;

/**
 * Every day from the first with data to the last (plus a short tail up to `asOf`); the store only
 * has rows for days with events, so a missing day is a quiet one.
 */
export const fillDays = (daily: readonly Daily[], asOf: string): Daily[] => {
  const first = daily[0]?.day;
  const last = daily.at(-1)?.day;
  if (!first || !last) return [];
  const end = max(last, min(asOf, addDays(last, TAIL_DAYS)));
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const out: Daily[] = [];
  for (let day = first; day <= end; day = addDays(day, 1)) {
    out.push(byDay.get(day) ?? { day, messages: 0, joins: 0, leaves: 0, activeMembers: 0 });
  }
  return out;
};

/**
 * Every week from the first with data up to the last complete one (at most a few weeks past the last
 * activity or `since`); a missing week is quiet and keeps the members of the week before.
 */
export const fillWeeks = (weekly: readonly Weekly[], asOf: string, since?: string): Weekly[] => {
  const first = weekly[0]?.week;
  const last = weekly.at(-1)?.week;
  if (!first || !last) return [];
  const reach = since ? max(last, weekOf(since)) : last;
  const end = max(last, min(lastCompleteWeek(asOf), addDays(reach, TAIL_DAYS)));
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  const out: Weekly[] = [];
  let members = 0;
  for (let week = first; week <= end; week = addDays(week, 7)) {
    const w = byWeek.get(week) ?? {
      week,
      messages: 0,
      joins: 0,
      leaves: 0,
      activeMembers: 0,
      members,
      activityRate: 0,
    };
    members = w.members;
    out.push(w);
  }
  return out;
};

/** A week's point as the analytics read it: a week without a row is quiet, with the members before it. */
const weekAt = (weekly: readonly Weekly[], week: string): Weekly => {
  const row = weekly.find((w) => w.week === week);
  if (row) return row;
  const before = weekly.filter((w) => w.week < week).at(-1);
  return { week, messages: 0, joins: 0, leaves: 0, activeMembers: 0, members: before?.members ?? 0, activityRate: 0 };
};

/** The last complete week as of `asOf` and the week before it, to compare. */
export const lastTwoWeeks = (weekly: readonly Weekly[], asOf: string) => {
  const week = lastCompleteWeek(asOf);
  return { current: weekAt(weekly, week), previous: weekAt(weekly, addDays(week, -7)) };
};
