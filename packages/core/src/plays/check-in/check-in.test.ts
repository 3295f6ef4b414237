import { describe, expect, it } from 'vitest';
import type { ActionInput } from '../../actions/index.js';
import { plainMemberFacts } from '../../engine/state.js';
import { localTime } from '../../time/index.js';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { parseDay, readIntent } from './match.js';

const registry = createBuiltinRegistry();
// Nicks from the #ubuntu demo history (CC-BY-4.0).
const names: Record<number, string> = { 1: 'crimsun', 2: 'kleedrac', 3: 'lamont', 4: 'Seveas' };
const facts = async (_c: number, _g: number, m: number) => ({
  ...plainMemberFacts(m),
  displayName: names[m] ?? `#${m}`,
});
const texts = (actions: readonly ActionInput[]) =>
  actions.filter((a) => a.kind === 'send').map((a) => String(a.payload.text));

const setup = (tz = 'UTC', config: unknown = {}, plays: Record<string, unknown> = {}) => {
  const community = testCommunity({ timezone: tz });
  return playRunner(registry, [scopeWith(community, testGroup(7), { 'check-in': config, ...plays })], facts);
};

describe('reading a check-in', () => {
  it('knows a check-in, a make-up and plain talk apart', () => {
    const k = ['打卡', '签到', '/checkin', 'checkin'];
    const m = ['补卡', '/makeup'];
    expect(readIntent('打卡', k, m, '2024-03-10')).toEqual({ kind: 'check-in', content: '' });
    expect(readIntent('打卡 第3天：今天读完了《人类简史》第二章', k, m, '2024-03-10')).toEqual({
      kind: 'check-in',
      content: '第3天：今天读完了《人类简史》第二章',
    });
    expect(readIntent('/checkin@qunzhu_bot', k, m, '2024-03-10')).toEqual({ kind: 'check-in', content: '' });
    expect(readIntent('checking the logs now', k, m, '2024-03-10')).toEqual({ kind: 'none' });
    expect(readIntent('今天谁打卡了？', k, m, '2024-03-10')).toEqual({ kind: 'none' });
    expect(readIntent('补卡', k, m, '2024-03-10')).toEqual({ kind: 'make-up', day: null });
    expect(readIntent('补卡 3月8日', k, m, '2024-03-10')).toEqual({ kind: 'make-up', day: '2024-03-08' });
  });

  it('reads days in several ways and refuses impossible ones', () => {
    expect(parseDay('2024-02-29', '2024-03-10')).toBe('2024-02-29');
    expect(parseDay('12-31', '2024-01-02')).toBe('2023-12-31');
    expect(parseDay('2023-02-29', '2024-03-10')).toBeNull();
    expect(parseDay('yesterday', '2024-03-10')).toBeNull();
  });
});

describe('check-in play', () => {
  it('checks a member in once per local day and counts the streak across midnight in the zone', async () => {
    for (const [tz, times] of [
      // 23:50 and 00:10 local: two days in a row wherever the community lives.
      ['Asia/Shanghai', ['2024-03-09T15:50:00Z', '2024-03-09T16:10:00Z', '2024-03-10T16:05:00Z']],
      ['America/New_York', ['2024-03-10T04:50:00Z', '2024-03-10T05:10:00Z', '2024-03-11T04:05:00Z']],
      ['UTC', ['2024-03-09T23:50:00Z', '2024-03-10T00:10:00Z', '2024-03-11T00:05:00Z']],
    ] as const) {
      const ev = eventMaker();
      const runner = setup(tz, { settlement: { enabled: false } });
      const state = await runner.run([
        ev('message', 1, times[0], '打卡'),
        ev('message', 1, times[0], '打卡'),
        ev('message', 1, times[1], '签到 day 2'),
        ev('message', 1, times[2], '打卡'),
      ]);
      const checkins = state.ledger.filter((e) => e.kind === 'checkin');
      expect(
        checkins.map((e) => e.data.streak),
        tz,
      ).toEqual([1, 2, 3]);
      expect(
        checkins.map((e) => e.data.day),
        tz,
      ).toEqual(times.map((t) => localTime(new Date(t), tz).day));
      expect(texts(state.actions)[1]).toContain('今天已经打过卡');
      expect(texts(state.actions).at(-1)).toBe('crimsun 打卡成功！已连续打卡 3 天，累计 3 天。');
    }
  });

  it('keeps check-ins with content as testimonials', async () => {
    const ev = eventMaker();
    const state = await setup().run([
      ev('message', 2, '2024-03-09T08:00:00Z', '打卡 今天把 ALSA 的 dmix 配好了，终于能同时放两路声音'),
      ev('message', 3, '2024-03-09T08:01:00Z', '打卡 ok'),
    ]);
    const kept = state.ledger.filter((e) => e.kind === 'checkin' && e.data.content);
    expect(kept.map((e) => e.memberId)).toEqual([2]);
  });

  it('makes up a missed day for points, and refuses without the balance', async () => {
    const ev = eventMaker();
    const runner = setup('UTC', { makeUpCost: 10, settlement: { enabled: false } }, { points: {} });
    await runner.run([
      ev('message', 1, '2024-03-01T08:00:00Z', '打卡'),
      ev('message', 1, '2024-03-02T08:00:00Z', '打卡'),
      ev('message', 1, '2024-03-04T08:00:00Z', '打卡'),
      ev('message', 1, '2024-03-04T09:00:00Z', '补卡'),
    ]);
    const s = runner.state;
    // 3 check-ins × 5 points: enough for one make-up of 3 March.
    expect(s.ledger.filter((e) => e.kind === 'checkin').map((e) => e.data.day)).toContain('2024-03-03');
    expect(texts(s.actions).at(-1)).toBe('crimsun 补卡成功（2024-03-03），消耗 10 积分，现在连续 4 天。');
    expect(await s.sumLedger({ communityId: 1, memberId: 1, kinds: ['points'] })).toBe(15 - 10);
    await runner.run([ev('message', 2, '2024-03-04T10:00:00Z', '补卡 3-1')]);
    expect(texts(s.actions).at(-1)).toBe('kleedrac 补卡需要 10 积分，当前只有 0 积分。');
  });

  it('answers from the days it keeps, and rebuilds them from the ledger when its memory lost them', async () => {
    const run = async (forget: boolean) => {
      const ev = eventMaker();
      const runner = setup('UTC', { makeUpCost: 0, settlement: { enabled: false } });
      const days = [1, 2, 3, 5, 6, 8];
      await runner.run(days.map((d) => ev('message', 1, `2024-03-0${d}T08:00:00Z`, '打卡')));
      await runner.run([ev('message', 1, '2024-03-08T09:00:00Z', '补卡 3-4')]);
      if (forget) await runner.state.deleteMemory({ communityId: 1, play: 'check-in', key: 'days:m1' });
      await runner.run([
        ev('message', 1, '2024-03-09T08:00:00Z', '打卡'),
        ev('message', 1, '2024-03-09T09:00:00Z', '补卡'),
        ev('message', 1, '2024-03-10T08:00:00Z', '打卡'),
      ]);
      return texts(runner.state.actions);
    };
    const kept = await run(false);
    // 1–6 March after the make-up of the 4th, the 7th made up on the 9th: 10 days in a row.
    expect(kept.slice(-3)).toEqual([
      'crimsun 打卡成功！已连续打卡 2 天，累计 8 天。',
      'crimsun 补卡成功（2024-03-07），消耗 0 积分，现在连续 9 天。',
      'crimsun 打卡成功！已连续打卡 10 天，累计 10 天。',
    ]);
    expect(await run(true)).toEqual(kept);
  });

  it('settles each night: names who broke a streak and tells stewards after N missed days', async () => {
    const ev = eventMaker();
    const runner = setup('Asia/Shanghai', { settlement: { alertAfterMissedDays: 3 } });
    await runner.run(
      [
        ev('message', 1, '2024-03-01T01:00:00Z', '打卡'),
        ev('message', 2, '2024-03-01T02:00:00Z', '打卡'),
        ev('message', 2, '2024-03-02T02:00:00Z', '打卡'),
        ev('message', 2, '2024-03-03T02:00:00Z', '打卡'),
        ev('message', 2, '2024-03-04T02:00:00Z', '打卡'),
      ],
      new Date('2024-03-06T00:00:00Z'),
    );
    const s = runner.state;
    const missed = texts(s.actions).filter((t) => t.includes('忘了打卡'));
    // crimsun broke on 2 March (settled the night after); kleedrac on 5 March.
    expect(missed).toEqual([
      '昨天这些伙伴忘了打卡：crimsun。今天记得回来哦，还可以补卡～',
      '昨天这些伙伴忘了打卡：kleedrac。今天记得回来哦，还可以补卡～',
    ]);
    const alerts = s.actions.filter((a) => a.kind === 'alert');
    expect(alerts.map((a) => a.payload.memberId)).toEqual([1]);
    expect(String(alerts[0]?.payload.text)).toContain('已连续 3 天未打卡（上次打卡 2024-03-01）');
  });

  it('changes nothing when the same events are processed twice', async () => {
    const ev = eventMaker();
    const events = [
      ev('message', 1, '2024-03-01T08:00:00Z', '打卡'),
      ev('message', 2, '2024-03-01T09:00:00Z', '打卡 今天学会了用 apt-cache policy 查版本'),
      ev('message', 1, '2024-03-02T08:00:00Z', '打卡'),
    ];
    const runner = setup('UTC', {}, { points: {}, levels: {} });
    await runner.run(events);
    const ledger = runner.state.ledger.length;
    const actions = runner.state.actions.length;
    await runner.run(events);
    expect(runner.state.ledger.length).toBe(ledger);
    expect(runner.state.actions.length).toBe(actions);
  });
});
