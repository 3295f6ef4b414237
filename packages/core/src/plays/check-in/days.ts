import { dayDiff, shiftDay } from '../../time/index.js';

/**
 * A member's check-in days as the play keeps them in its memory, so that a check-in reads none of
 * the member's history: runs of consecutive days (first and last day, oldest first) and how many
 * days in all. Runs that no make-up can reach any more are dropped (see `addDay`); the ledger stays
 * the record, and the days are rebuilt from it when the memory has none (`fromDays`).
 */
export type CheckInDays = { runs: [string, string][]; total: number };

/** How far back a make-up may ever reach (the configuration's largest window). */
export const MAX_MAKE_UP_DAYS = 60;

export const noDays = (): CheckInDays => ({ runs: [], total: 0 });

/** The run holding `day`, if any. */
const runOf = (days: CheckInDays, day: string): [string, string] | undefined => {
  for (let i = days.runs.length - 1; i >= 0; i--) {
    const run = days.runs[i] as [string, string];
    if (run[0] <= day && day <= run[1]) return run;
    if (run[1] < day) return undefined;
  }
  return undefined;
};

export const hasDay = (days: CheckInDays, day: string): boolean => runOf(days, day) !== undefined;

/** Consecutive check-in days ending at `day` (inclusive): 0 when `day` has none. */
export const streakAt = (days: CheckInDays, day: string): number => {
  const run = runOf(days, day);
  return run ? dayDiff(run[0], day) + 1 : 0;
};

/**
 * The days with `day` added (joined to the runs on either side), without the runs that ended too
 * long before `today` for any make-up to join them again: a make-up adds a day at most
 * MAX_MAKE_UP_DAYS back, which can only touch a run ending the day before that or later.
 */
export const addDay = (days: CheckInDays, day: string, today: string): CheckInDays => {
  if (hasDay(days, day)) return days;
  const horizon = shiftDay(today, -(MAX_MAKE_UP_DAYS + 1));
  const runs: [string, string][] = [];
  let added: [string, string] = [day, day];
  for (const run of days.runs) {
    if (run[1] === shiftDay(day, -1)) added = [run[0], day];
    else if (run[0] === shiftDay(day, 1)) added = [added[0], run[1]];
    else runs.push(run);
  }
  runs.push(added);
  runs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { runs: runs.filter((r) => r[1] >= horizon), total: days.total + 1 };
};

/** Every day of a member's history (read from the ledger) as kept days. */
export const fromDays = (all: Iterable<string>): CheckInDays => {
  const sorted = [...new Set(all)].sort();
  const runs: [string, string][] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && shiftDay(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return { runs, total: sorted.length };
};
