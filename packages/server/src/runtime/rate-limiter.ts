import type { ActionKind, Random, RateLimits } from '@qunzhu/core';

const MINUTE = 60_000;
const SECOND = 1000;
const DAY = 86_400_000;

type ChatState = {
  lastAt: number | null;
  /** Extra wait before the next call to this chat, drawn when the last one went out. */
  jitter: number;
  /** Call times within the last minute, oldest first. */
  window: number[];
  pausedUntil: number;
};

/** The UTC day a time falls in, as its start. */
export const utcDayStart = (ms: number): number => Math.floor(ms / DAY) * DAY;

/**
 * One connection's outgoing limits (RateLimits), kept in memory and fed by the outbox. Every platform
 * call counts towards the spacing, the per-group and the global limits and the quiet time after login;
 * only `send` counts towards the daily budget. Times are epoch milliseconds from the injected clock.
 */
export class ConnectionLimiter {
  private readonly chats = new Map<string, ChatState>();
  private global: number[] = [];
  private day = Number.NEGATIVE_INFINITY;
  private sentToday = 0;
  private connectedAt: number | null = null;

  constructor(
    readonly limits: RateLimits,
    private readonly random: Random,
    /** Start of the budget day containing a time (default: UTC days). */
    private readonly dayStart: (ms: number) => number = utcDayStart,
  ) {}

  /** The connection logged in at this time (quietAfterLoginMs counts from here); null when it is down. */
  loggedIn(at: number | null): void {
    this.connectedAt = at;
  }

  /** The earliest time, not before `now`, at which a call of `kind` to `chat` may be made. */
  earliest(chat: string, kind: ActionKind, now: number): number {
    const { perChatIntervalMs, perGroupPerMinute, globalPerSecond, jitterMs, dailyBudget, quietAfterLoginMs } =
      this.limits;
    const c = this.chats.get(chat);
    let t = now;
    // Each rule can only push the time later; repeat until no rule moves it.
    for (let round = 0; round < 8; round++) {
      const before = t;
      if (c) {
        t = Math.max(t, c.pausedUntil);
        if (c.lastAt !== null && (perChatIntervalMs || jitterMs)) {
          t = Math.max(t, c.lastAt + (perChatIntervalMs ?? 0) + c.jitter);
        }
        if (perGroupPerMinute) t = Math.max(t, windowFree(c.window, perGroupPerMinute, MINUTE, t));
      }
      if (globalPerSecond) t = Math.max(t, windowFree(this.global, globalPerSecond, SECOND, t));
      if (quietAfterLoginMs && this.connectedAt !== null) t = Math.max(t, this.connectedAt + quietAfterLoginMs);
      if (dailyBudget !== undefined && kind === 'send') {
        const day = this.dayStart(t);
        if (day === this.day && this.sentToday >= dailyBudget)
          t = Math.max(t, this.dayStart(day + DAY + 2 * 3_600_000)); // +2 h: days of 23 or 25 hours
      }
      if (t === before) return t;
    }
    return t;
  }

  /** A call went out (or is about to) at `at`: count it. */
  record(chat: string, kind: ActionKind, at: number): void {
    const c = this.chat(chat);
    c.lastAt = Math.max(c.lastAt ?? at, at);
    c.jitter = this.limits.jitterMs ? this.random.int(this.limits.jitterMs + 1) : 0;
    c.window = prune([...c.window, at], MINUTE, at);
    this.global = prune([...this.global, at], SECOND, at);
    if (kind === 'send') {
      const day = this.dayStart(at);
      if (day !== this.day) {
        this.day = day;
        this.sentToday = 0;
      }
      this.sentToday++;
    }
  }

  /** The platform asked us to wait before the next call to this chat (Telegram's retry_after). */
  pause(chat: string, until: number): void {
    const c = this.chat(chat);
    c.pausedUntil = Math.max(c.pausedUntil, until);
  }

  private chat(key: string): ChatState {
    let c = this.chats.get(key);
    if (!c) {
      c = { lastAt: null, jitter: 0, window: [], pausedUntil: 0 };
      this.chats.set(key, c);
    }
    return c;
  }
}

const prune = (times: number[], span: number, now: number): number[] => {
  const sorted = times.sort((a, b) => a - b);
  const from = sorted.findIndex((x) => x > now - span);
  return from === -1 ? [] : sorted.slice(from);
};

/** The earliest time ≥ t at which fewer than `limit` of `times` fall within the `span` before it. */
const windowFree = (times: readonly number[], limit: number, span: number, t: number): number => {
  const inWindow = times.filter((x) => x > t - span);
  if (inWindow.length < limit) return t;
  // The call that has to leave the window for one more to fit.
  const leaving = inWindow[inWindow.length - limit] as number;
  return leaving + span;
};
