import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';

const sends = (r: ReturnType<typeof playRunner>) =>
  r.state.actions.filter((a) => a.kind === 'send').map((a) => String(a.payload.text));

describe('badges play', () => {
  it('grants the 7-day streak badge once, however long the streak goes on', async () => {
    const ev = eventMaker();
    const r = playRunner(createBuiltinRegistry(), [
      scopeWith(testCommunity(), testGroup(7), {
        'check-in': { reply: false, settlement: { enabled: false } },
        badges: {},
      }),
    ]);
    const days = Array.from({ length: 9 }, (_, i) => `2024-03-${String(i + 1).padStart(2, '0')}T08:00:00Z`);
    await r.run(days.map((d) => ev('message', 4, d, '打卡')));
    expect(r.state.ledger.filter((e) => e.kind === 'badge').map((e) => e.data.badge)).toEqual(['streak-7']);
    expect(sends(r)).toEqual(['🏅 #4 获得勋章「连续打卡 7 天」！']);
  });

  it('names the top contributor of the month when the month ends, in the community zone', async () => {
    const ev = eventMaker();
    const r = playRunner(createBuiltinRegistry(), [
      scopeWith(testCommunity({ timezone: 'Asia/Shanghai', language: 'en' }), testGroup(7), {
        points: { message: { cooldownSeconds: 0, dailyCap: 0 } },
        badges: { badges: [{ id: 'top', rule: 'top_month', title: { 'zh-CN': '月度之星', en: 'Star' } }] },
      }),
    ]);
    const line = 'has anyone tried the new hoary kernel on a powerbook?';
    await r.run(
      [
        ev('message', 1, '2024-02-10T08:00:00Z', line),
        ev('message', 2, '2024-02-11T08:00:00Z', line),
        ev('message', 2, '2024-02-12T08:00:00Z', line),
        // 00:30 on 1 March in Shanghai: already March there.
        ev('message', 1, '2024-02-29T16:30:00Z', line),
        ev('message', 1, '2024-02-29T16:31:00Z', line),
      ],
      new Date('2024-03-01T00:00:00Z'),
    );
    const granted = r.state.ledger.filter((e) => e.kind === 'badge');
    expect(granted.map((e) => [e.memberId, e.data.month])).toEqual([[2, '2024-02']]);
  });
});
