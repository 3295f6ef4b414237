/** What a message says to the check-in play. */
export type CheckInIntent =
  | { kind: 'check-in'; content: string }
  | { kind: 'make-up'; day: string | null }
  | { kind: 'none' };

const ASCII_WORD = /^[a-z0-9/_-]+$/;
const SEPARATOR = /^[\s,，.。:：!！~～\-—|｜]+/u;

/**
 * The text after `keyword` when the message starts with it (ascii keywords must end at a word
 * boundary). `lower` is the text in lower case, made once for all the keywords.
 */
const after = (text: string, lower: string, keyword: string): string | undefined => {
  const k = keyword.toLowerCase();
  if (!lower.startsWith(k)) return undefined;
  const rest = text.slice(k.length);
  if (ASCII_WORD.test(k) && /^[a-z0-9_]/i.test(rest)) return undefined;
  // `/checkin@qunzhu_bot` is the same command in a Telegram group.
  const withoutBot = k.startsWith('/') ? rest.replace(/^@\w+/, '') : rest;
  return withoutBot.replace(SEPARATOR, '').trim();
};

/** `2024-03-09`, `3-9`, `3/9`, `3月9日` → a day in the year of `today` (or the year before when in the future). */
export const parseDay = (arg: string, today: string): string | null => {
  const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(arg);
  const short = /^(\d{1,2})(?:[-/.]|月)(\d{1,2})日?/.exec(arg);
  let y: number;
  let m: number;
  let d: number;
  if (full) [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
  else if (short) [y, m, d] = [Number(today.slice(0, 4)), Number(short[1]), Number(short[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  let day = date.toISOString().slice(0, 10);
  if (!full && day > today) day = `${y - 1}${day.slice(4)}`;
  return day;
};

/** Read a message: a check-in (with what the member wrote after the keyword), a make-up, or neither. */
export const readIntent = (
  text: string,
  keywords: readonly string[],
  makeUpKeywords: readonly string[],
  today: string,
): CheckInIntent => {
  const t = text.trim().slice(0, 4000);
  const lower = t.toLowerCase();
  for (const k of makeUpKeywords) {
    const rest = after(t, lower, k);
    if (rest !== undefined) return { kind: 'make-up', day: rest === '' ? null : parseDay(rest, today) };
  }
  for (const k of keywords) {
    const rest = after(t, lower, k);
    if (rest !== undefined) return { kind: 'check-in', content: rest };
  }
  return { kind: 'none' };
};

/** Consecutive days ending at `day` (inclusive) that are in `days`. */
export const streakEndingAt = (
  days: ReadonlySet<string>,
  day: string,
  shift: (d: string, n: number) => string,
): number => {
  let n = 0;
  let d = day;
  while (days.has(d)) {
    n += 1;
    d = shift(d, -1);
  }
  return n;
};

/** A streak still alive: consecutive days ending today, or yesterday when today has no check-in yet. */
export const currentStreak = (days: ReadonlySet<string>, today: string, shift: (d: string, n: number) => string) =>
  streakEndingAt(days, days.has(today) ? today : shift(today, -1), shift);
