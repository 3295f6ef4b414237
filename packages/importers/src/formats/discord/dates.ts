import { parseLocalOrIso, plausibleTime, type WallTime, zonedTime } from '../../shared/time.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// .NET reads two-digit years up to 49 as 20xx (TwoDigitYearMax 2049); Discord is younger than that anyway.
const fullYear = (y: string): number => (y.length === 4 ? Number(y) : Number(y) + (Number(y) < 50 ? 2000 : 1900));

const hour24 = (hour: number, ampm: string | undefined): number | null => {
  if (!ampm) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  const pm = ampm.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
};

const wallToDate = (wall: WallTime, tz: string): Date | null => {
  const { year, month, day } = wall;
  // Reject 31-Feb and the like rather than rolling them over.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if ((wall.minute ?? 0) > 59 || (wall.second ?? 0) > 59) return null;
  const date = zonedTime(wall, tz);
  return plausibleTime(date) ? date : null;
};

/**
 * A DiscordChatExporter CSV date. The writer formats dates with a user-settable pattern, so every
 * default it has had is read:
 * - ISO 8601, with an offset (exact) or without (read in `tz`): `2020-06-01T12:34:56.789+00:00`;
 * - `dd-MMM-yy hh:mm tt`, the default of the 2018–2020 versions, in the exporter's local time (read in `tz`):
 *   `12-Jun-18 06:30 AM` (4-digit years and seconds accepted);
 * - the "g" pattern of a culture, in local time: `12/06/2018 06:30` (24-hour clock: day first, as en-GB
 *   and most of Europe write it) or `6/12/2018 6:30 AM` (AM/PM: month first, as en-US writes it).
 * Returns null for anything else.
 */
export const parseExportDate = (text: string, tz: string): Date | null => {
  const t = text.trim();
  const iso = parseLocalOrIso(t, tz);
  if (iso) return iso;
  let m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(t);
  if (m) {
    const [, d, mon, y, h, mi, s, ampm] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    const hour = hour24(Number(h), ampm);
    if (!month || hour === null) return null;
    return wallToDate(
      { year: fullYear(y ?? ''), month, day: Number(d), hour, minute: Number(mi), second: Number(s ?? 0) },
      tz,
    );
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/.exec(t);
  if (m) {
    const [, a, b, y, h, mi, s, ampm] = m;
    const hour = hour24(Number(h), ampm);
    if (hour === null) return null;
    const [month, day] = ampm ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return wallToDate({ year: Number(y), month, day, hour, minute: Number(mi), second: Number(s ?? 0) }, tz);
  }
  return null;
};
