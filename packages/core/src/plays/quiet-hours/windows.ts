import type { QuietWindow } from './config.js';
import { type LocalTime, minuteOfDay } from './local-time.js';

export type ActiveWindow = {
  index: number;
  window: QuietWindow;
  /** Local date on which this occurrence of the window started: with `index`, names the occurrence. */
  startDate: string;
  /** Seconds until the window ends. */
  secondsLeft: number;
};

const previousDate = (date: string): string =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
const previousWeekday = (weekday: number): number => (weekday === 1 ? 7 : weekday - 1);

/** The first window the local time falls in, if any. Start is inclusive, end exclusive. */
export const activeWindow = (windows: readonly QuietWindow[], local: LocalTime): ActiveWindow | undefined => {
  const m = local.minute;
  for (const [index, window] of windows.entries()) {
    const s = minuteOfDay(window.start);
    const e = minuteOfDay(window.end);
    let startDate: string | undefined;
    let minutesLeft = 0;
    if (s < e) {
      if (window.days.includes(local.weekday) && m >= s && m < e) [startDate, minutesLeft] = [local.date, e - m];
    } else if (m >= s && window.days.includes(local.weekday)) {
      [startDate, minutesLeft] = [local.date, 1440 - m + e];
    } else if (m < e && window.days.includes(previousWeekday(local.weekday))) {
      // After midnight, in a window that started the evening before.
      [startDate, minutesLeft] = [previousDate(local.date), e - m];
    }
    if (startDate !== undefined) {
      return { index, window, startDate, secondsLeft: Math.max(1, minutesLeft * 60 - local.second) };
    }
  }
  return undefined;
};
