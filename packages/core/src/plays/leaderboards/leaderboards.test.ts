import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { nextPosting, periodBefore, rankLedger } from './rank.js';

describe('leaderboard ranks and periods', () => {
  it('ranks points, check-ins and the longest streak', () => {
    const e = (memberId: number, kind: string, amount: number, day?: string) => ({
      memberId,
      kind,
      amount,
      data: day ? { day } : {},
    });
    const entries = [
      e(1, 'points', 5),
      e(1, 'points', -2),
      e(2, 'points', 3),
      e(3, 'points', 3),
      e(1, 'checkin', 1, '2024-03-01'),
      e(1, 'checkin', 1, '2024-03-03'),
      e(2, 'checkin', 1, '2024-03-01'),
      e(2, 'checkin', 1, '2024-03-02'),
    ];
    expect(rankLedger(entries, 'points', 10)).toEqual([
      { memberId: 1, value: 3 },
      { memberId: 2, value: 3 },
      { memberId: 3, value: 3 },
    ]);
    expect(rankLedger(entries, 'checkins', 1)).toEqual([{ memberId: 1, value: 2 }]);
    expect(rankLedger(entries, 'streak', 10)).toEqual([
      { memberId: 2, value: 2 },
      { memberId: 1, value: 1 },
    ]);
  });

  it('covers last week Monday to Sunday and posts on Mondays, in the zone', () => {
    const tz = 'Asia/Shanghai';
    const monday9 = new Date('2024-03-11T01:00:00Z'); // Monday 09:00 in Shanghai
    const span = periodBefore('week', monday9, tz);
    expect(span.label).toBe('2024-03-04~2024-03-10');
    expect(span.from?.toISOString()).toBe('2024-03-03T16:00:00.000Z');
    expect(nextPosting('week', monday9, tz, 9 * 60).toISOString()).toBe('2024-03-18T01:00:00.000Z');
    expect(nextPosting('month', monday9, tz, 9 * 60).toISOString()).toBe('2024-04-01T01:00:00.000Z');
    expect(nextPosting('day', monday9, tz, 9 * 60).toISOString()).toBe('2024-03-12T01:00:00.000Z');
  });
});

describe('leaderboards play', () => {
  it('posts last week’s points board on Monday morning', async () => {
    const ev = eventMaker();
    const r = playRunner(createBuiltinRegistry(), [
      scopeWith(testCommunity({ timezone: 'Asia/Shanghai' }), testGroup(7), {
        'check-in': { reply: false, settlement: { enabled: false } },
        points: {},
        leaderboards: {},
      }),
    ]);
    await r.run(
      [
        ev('message', 1, '2024-03-05T02:00:00Z', '打卡'),
        ev('message', 2, '2024-03-05T03:00:00Z', '打卡'),
        ev('message', 2, '2024-03-06T03:00:00Z', '打卡'),
      ],
      new Date('2024-03-11T02:00:00Z'),
    );
    const posts = r.state.actions.filter((a) => a.kind === 'send').map((a) => String(a.payload.text));
    expect(posts).toEqual(['上周积分榜（2024-03-04~2024-03-10）\n🥇 #2 · 10\n🥈 #1 · 5']);
  });
});
