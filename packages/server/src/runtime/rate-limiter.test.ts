import { type ActionKind, type RateLimits, seededRandom } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { ConnectionLimiter } from './rate-limiter.js';

const T0 = Date.parse('2026-11-02T08:00:00Z');

/** Send `perChat` calls to each chat as early as the limiter allows; the times each went out. */
const simulate = (limits: RateLimits, chats: number, perChat: number, kind: ActionKind = 'send') => {
  const limiter = new ConnectionLimiter(limits, seededRandom('test'));
  const sent: { chat: string; at: number }[] = [];
  const queues = Array.from({ length: chats }, (_, i) => ({ chat: `c${i}`, left: perChat }));
  let now = T0;
  while (queues.some((q) => q.left > 0)) {
    let next = Number.POSITIVE_INFINITY;
    for (const q of queues) {
      if (q.left === 0) continue;
      const at = limiter.earliest(q.chat, kind, now);
      if (at <= now) {
        limiter.record(q.chat, kind, now);
        sent.push({ chat: q.chat, at: now });
        q.left--;
        next = now;
      } else next = Math.min(next, at);
    }
    if (next > now) now = next;
  }
  return sent;
};

/** The most calls within any span-long window (a window (t − span, t]). */
const busiest = (times: number[], span: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] as number) <= (sorted[i] as number) - span) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe('ConnectionLimiter', () => {
  it('spaces calls to one chat by perChatIntervalMs, and not calls to different chats', () => {
    const limiter = new ConnectionLimiter({ perChatIntervalMs: 1000 }, seededRandom('x'));
    limiter.record('a', 'send', T0);
    expect(limiter.earliest('a', 'send', T0)).toBe(T0 + 1000);
    expect(limiter.earliest('a', 'delete', T0 + 400)).toBe(T0 + 1000);
    expect(limiter.earliest('b', 'send', T0)).toBe(T0);
    expect(limiter.earliest('a', 'send', T0 + 1500)).toBe(T0 + 1500);
  });

  it('keeps 20 a minute per group: the 21st waits for the first to leave the window', () => {
    const sent = simulate({ perGroupPerMinute: 20 }, 1, 45);
    const times = sent.map((s) => s.at);
    expect(busiest(times, 60_000)).toBe(20);
    expect(times[19]).toBe(T0);
    expect(times[20]).toBe(T0 + 60_000);
    expect(times[40]).toBe(T0 + 120_000);
  });

  it('keeps 30 a second over the connection, across chats', () => {
    const sent = simulate({ globalPerSecond: 30 }, 50, 2);
    expect(sent).toHaveLength(100);
    expect(
      busiest(
        sent.map((s) => s.at),
        1000,
      ),
    ).toBe(30);
    expect(Math.max(...sent.map((s) => s.at))).toBe(T0 + 3000);
  });

  it("holds Telegram's three limits at once", () => {
    const limits = { perChatIntervalMs: 1000, perGroupPerMinute: 20, globalPerSecond: 30 };
    const sent = simulate(limits, 40, 25);
    const all = sent.map((s) => s.at);
    expect(busiest(all, 1000)).toBeLessThanOrEqual(30);
    for (let i = 0; i < 40; i++) {
      const mine = sent.filter((s) => s.chat === `c${i}`).map((s) => s.at);
      expect(mine).toHaveLength(25);
      for (let k = 1; k < mine.length; k++)
        expect((mine[k] as number) - (mine[k - 1] as number)).toBeGreaterThanOrEqual(1000);
      expect(busiest(mine, 60_000)).toBeLessThanOrEqual(20);
    }
    // 40 chats × 1/s is more than 30/s: the global limit binds, so some chat waited longer than 1 s.
    const gaps = sent.filter((s) => s.chat === 'c39').map((s) => s.at);
    expect(gaps.some((t, k) => k > 0 && t - (gaps[k - 1] as number) > 1000)).toBe(true);
  });

  it('adds a seeded jitter to each spacing, within jitterMs, the same for the same seed', () => {
    const run = () => simulate({ perChatIntervalMs: 3000, jitterMs: 2000 }, 1, 30).map((s) => s.at);
    const times = run();
    const gaps = times.slice(1).map((t, k) => t - (times[k] as number));
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(3000);
      expect(g).toBeLessThanOrEqual(5000);
    }
    expect(new Set(gaps).size).toBeGreaterThan(5);
    expect(run()).toEqual(times);
  });

  it('spends a daily budget on sends only; the rest wait for the next (UTC) day', () => {
    const limiter = new ConnectionLimiter({ dailyBudget: 3 }, seededRandom('x'));
    for (let i = 0; i < 3; i++) limiter.record(`c${i}`, 'send', T0 + i);
    limiter.record('c0', 'delete', T0 + 10);
    expect(limiter.earliest('c9', 'delete', T0 + 20)).toBe(T0 + 20);
    expect(limiter.earliest('c9', 'send', T0 + 20)).toBe(Date.parse('2026-11-03T00:00:00Z'));
    // The next day starts a new budget.
    limiter.record('c9', 'send', Date.parse('2026-11-03T00:00:00Z'));
    expect(limiter.earliest('c9', 'send', Date.parse('2026-11-03T00:00:01Z'))).toBe(Date.parse('2026-11-03T00:00:01Z'));
  });

  it('sends nothing for quietAfterLoginMs after the connection logs in', () => {
    const limiter = new ConnectionLimiter({ quietAfterLoginMs: 60_000 }, seededRandom('x'));
    expect(limiter.earliest('a', 'send', T0)).toBe(T0);
    limiter.loggedIn(T0);
    expect(limiter.earliest('a', 'send', T0 + 5000)).toBe(T0 + 60_000);
    expect(limiter.earliest('a', 'remove', T0 + 5000)).toBe(T0 + 60_000);
    expect(limiter.earliest('a', 'send', T0 + 70_000)).toBe(T0 + 70_000);
  });

  it("pauses one chat until the platform's retry_after has passed", () => {
    const limiter = new ConnectionLimiter({}, seededRandom('x'));
    limiter.pause('a', T0 + 7000);
    expect(limiter.earliest('a', 'send', T0)).toBe(T0 + 7000);
    expect(limiter.earliest('b', 'send', T0)).toBe(T0);
  });
});
