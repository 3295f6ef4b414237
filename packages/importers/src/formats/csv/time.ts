import { parseLocalOrIso, plausibleTime } from '../../shared/time.js';

/**
 * A time in a generic CSV: ISO 8601 (`2024-03-02 20:15:03`, `2024-03-02T12:15:03Z`), the same with
 * slashes or dots as spreadsheets write it (`2024/3/2 20:15`), or Unix time in seconds (9–11 digits)
 * or milliseconds (12–14 digits). Without an offset it is read in `tz`. Null for anything else.
 */
export const parseCsvTime = (text: string, tz: string): Date | null => {
  const t = text.trim();
  if (/^\d{9,14}$/.test(t)) {
    const date = new Date(t.length <= 11 ? Number(t) * 1000 : Number(t));
    return plausibleTime(date) ? date : null;
  }
  const dashed = t.replace(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?=$|[T ])/, '$1-$2-$3');
  return parseLocalOrIso(dashed, tz);
};
