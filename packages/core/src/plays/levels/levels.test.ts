import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { defaultLevels, levelFor, levelsConfigSchema, nextLevel } from './index.js';

const config = levelsConfigSchema.parse({});
const day = 86_400_000;
const now = new Date('2024-03-20T00:00:00Z');

describe('levels', () => {
  it('promotes at once and demotes only below 90% of the threshold, never within 14 days of a promotion', () => {
    expect(levelFor(config.levels, 0)).toBe(1);
    expect(levelFor(config.levels, 30)).toBe(2);
    expect(levelFor(config.levels, 99_999)).toBe(defaultLevels.length);
    const cases: [number, number, Date | null, number][] = [
      // current, balance, promoted at, expected
      [1, 250, null, 4], // several levels at once
      [3, 95, new Date(now.getTime() - 30 * day), 3], // 95 ≥ 90% of 100: stays
      [3, 89, new Date(now.getTime() - 30 * day), 2], // below 90%: down to the level earned
      [3, 10, new Date(now.getTime() - 3 * day), 3], // promoted 3 days ago: stays
      [3, 10, new Date(now.getTime() - 15 * day), 1],
    ];
    for (const [current, balance, promotedAt, expected] of cases) {
      expect(nextLevel(config, current, balance, promotedAt, now), `${current}/${balance}`).toBe(expected);
    }
  });

  it('refuses a curve that does not rise', () => {
    const bad = levelsConfigSchema.safeParse({
      levels: [
        { threshold: 0, title: { 'zh-CN': '甲', en: 'A' } },
        { threshold: 0, title: { 'zh-CN': '乙', en: 'B' } },
      ],
    });
    expect(bad.success).toBe(false);
  });

  it('announces a promotion in the group once, as the check-ins add up', async () => {
    const ev = eventMaker();
    const r = playRunner(createBuiltinRegistry(), [
      scopeWith(testCommunity(), testGroup(7), {
        'check-in': { reply: false, settlement: { enabled: false } },
        points: { checkIn: { points: 10, streakEvery: 0 } },
        levels: {},
      }),
    ]);
    const events = [1, 2, 3, 4].map((d) => ev('message', 1, `2024-03-0${d}T08:00:00Z`, '打卡'));
    await r.run(events);
    const sends = r.state.actions.filter((a) => a.kind === 'send').map((a) => String(a.payload.text));
    expect(sends).toEqual(['🎉 恭喜 #1 升级为 Lv2「活跃成员」！']);
    expect(r.state.ledger.filter((e) => e.kind === 'level').map((e) => e.amount)).toEqual([2]);
  });

  it('reads the standing back from the ledger when its memory is gone, and never promotes twice', async () => {
    const ev = eventMaker();
    const scope = scopeWith(testCommunity(), testGroup(7), {
      'check-in': { reply: false, settlement: { enabled: false } },
      points: { checkIn: { points: 10, streakEvery: 0 } },
      levels: {},
    });
    const r = playRunner(createBuiltinRegistry(), [scope]);
    await r.run([1, 2, 3].map((d) => ev('message', 1, `2024-03-0${d}T08:00:00Z`, '打卡')));
    expect(r.state.ledger.filter((e) => e.kind === 'level').map((e) => e.amount)).toEqual([2]);
    // As after an upgrade from a version that kept no standing: only the ledger knows.
    await r.state.deleteMemory({ communityId: scope.community.id, play: 'levels', key: 'standing:m1' });
    await r.run([4, 5].map((d) => ev('message', 1, `2024-03-0${d}T08:00:00Z`, '打卡')));
    const levels = r.state.ledger.filter((e) => e.kind === 'level');
    expect(levels.map((e) => e.amount)).toEqual([2]);
    await r.run(
      [6, 7, 8, 9, 10, 11, 12, 13].map((d) =>
        ev('message', 1, `2024-03-${String(d).padStart(2, '0')}T08:00:00Z`, '打卡'),
      ),
    );
    expect(r.state.ledger.filter((e) => e.kind === 'level').map((e) => e.amount)).toEqual([2, 3]);
  });

  it('keeps a level tag in step: Lv1 at first, swapped on each change, none when tagLevels is off', async () => {
    const ev = eventMaker();
    const plays = {
      'check-in': { reply: false, settlement: { enabled: false } },
      points: { checkIn: { points: 10, streakEvery: 0 } },
    };
    const r = playRunner(createBuiltinRegistry(), [
      scopeWith(testCommunity(), testGroup(7), { ...plays, levels: {} }),
      scopeWith(testCommunity(), testGroup(8), { ...plays, levels: { tagLevels: false } }),
    ]);
    await r.run([1, 2, 3, 4].map((d) => ev('message', 1, `2024-03-0${d}T08:00:00Z`, '打卡')));
    await r.run([1, 2, 3, 4].map((d) => ev('message', 2, `2024-03-0${d}T08:00:00Z`, '打卡', { groupId: 8 })));
    const tagOps = (member: number) =>
      r.state.ledger
        .filter((e) => e.memberId === member && (e.kind === 'tag_add' || e.kind === 'tag_remove'))
        .map((e) => `${e.kind} ${String(e.data.tag)}`);
    expect(tagOps(1)).toEqual(['tag_add Lv1 新人', 'tag_remove Lv1 新人', 'tag_add Lv2 活跃成员']);
    expect(tagOps(2)).toEqual([]);
    expect(r.state.ledger.find((e) => e.kind === 'level' && e.memberId === 1)?.data).toMatchObject({
      title: '活跃成员',
      tag: 'Lv2 活跃成员',
    });
  });
});
