import { QunzhuError } from '../errors.js';
import { dayFromNumber, dayNumber, weekOf } from './dates.js';
import type { WeekPoint } from './types.js';

const hasAnything = (w: WeekPoint): boolean =>
  w.messages > 0 || w.activeMembers > 0 || w.joins > 0 || w.leaves > 0 || w.members > 0;

/**
 * The weekly series as the rules read it: sorted, from the first week with any member or activity to
 * `until` (inclusive), one point per week. The store only has rows for weeks with events, so a missing
 * week is a quiet one that keeps the members of the week before. Weeks after `until` are dropped.
 */
export const weeklySeries = (weeks: readonly WeekPoint[], until: string): WeekPoint[] => {
  const byWeek = new Map<number, WeekPoint>();
  for (const w of weeks) {
    const n = dayNumber(w.week);
    if (weekOf(w.week) !== w.week) throw new QunzhuError('bad_input', `Week ${w.week} does not start on a Monday`);
    if (byWeek.has(n)) throw new QunzhuError('bad_input', `Week ${w.week} appears twice in the series`);
    byWeek.set(n, w);
  }
  const last = dayNumber(until);
  const starts = [...byWeek.entries()].filter(([n, w]) => n <= last && hasAnything(w)).map(([n]) => n);
  if (starts.length === 0) return [];
  const series: WeekPoint[] = [];
  let members = 0;
  for (let n = Math.min(...starts); n <= last; n += 7) {
    const point = byWeek.get(n);
    if (point) {
      members = point.members;
      series.push({ ...point });
    } else {
      series.push({ week: dayFromNumber(n), messages: 0, activeMembers: 0, joins: 0, leaves: 0, members });
    }
  }
  return series;
};
