import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import { randomHistory, refDate, refDay, refPlus, refRound4 } from './analytics.test-support.js';
import { lifecycle } from './lifecycle.js';
import type { LifecycleStage, WeekPoint } from './types.js';

/** Weeks from `start`, one row per week: [messages, activeMembers, members, joins?, leaves?]. */
const weeksFrom = (start: string, rows: [number, number, number, number?, number?][]): WeekPoint[] =>
  rows.map(([messages, activeMembers, members, joins = 0, leaves = 0], i) => ({
    week: refPlus(start, 7 * i),
    messages,
    activeMembers,
    joins,
    leaves,
    members,
  }));
const repeat = <T>(n: number, row: T): T[] => Array.from({ length: n }, () => row);

// 20 busy weeks from 2024-01-01, then nothing: the last activity is in the week of 2024-05-13.
const abrupt = weeksFrom('2024-01-01', repeat(20, [200, 40, 100] as [number, number, number]));

// Members up 5% a week, 40% of them active, 5 messages each: 16 weeks from 2024-01-01.
const growing = weeksFrom(
  '2024-01-01',
  Array.from({ length: 16 }, (_, w) => {
    const members = Math.round(20 * 1.05 ** w);
    const active = Math.round(0.4 * members);
    return [5 * active, active, members, members - (w === 0 ? 0 : Math.round(20 * 1.05 ** (w - 1)))];
  }),
);

const bad = (f: () => unknown): string | false => {
  try {
    f();
  } catch (e) {
    return isQunzhuError(e) && e.code;
  }
  return false;
};

describe('lifecycle', () => {
  it('calls a history that ends abruptly dormant, since the week after the last activity', () => {
    const result = lifecycle(abrupt, '2024-07-03'); // a Wednesday: the last complete week is 2024-06-24
    expect(result.stage).toBe('dormant');
    expect(result.since).toBe('2024-05-20');
    expect(result.evidence).toMatchObject({
      rule: 'no_messages',
      evaluatedWeek: '2024-06-24',
      weeksSinceLastMessage: 6,
      lastMessageWeek: '2024-05-13',
      messagesRecent: 0,
      messagesBefore: 400,
      membersNow: 100,
      peakMessages: 200,
    });
  });

  it('sees the same history declining before four silent weeks have passed', () => {
    // Week of 2024-06-03: the last 4 weeks hold 200 messages, the 4 before 800: −75%.
    const declining = lifecycle(abrupt, '2024-06-09');
    expect(declining).toMatchObject({ stage: 'decline', since: '2024-05-27' });
    expect(declining.evidence).toMatchObject({ messagesRecent: 200, messagesBefore: 800, messagesChange: -0.75 });
    expect(declining.evidence).toMatchObject({ activeRecent: 10, activeBefore: 40, activeChange: -0.75 });
    // The week of 2024-05-20 was only −25% (600 against 800): still active.
    expect(lifecycle(abrupt, '2024-05-26')).toMatchObject({ stage: 'active' });
    expect(lifecycle(abrupt, '2024-06-16')).toMatchObject({ stage: 'dormant', since: '2024-05-20' });
    expect(lifecycle(abrupt, '2024-06-09', { dormantWeeks: 2 })).toMatchObject({
      stage: 'dormant',
      since: '2024-05-20',
    });
  });

  it('leaves the week in progress out, and counts it once it is over', () => {
    const revived = [...abrupt, ...weeksFrom('2024-07-01', [[50, 6, 100]])];
    expect(lifecycle(revived, '2024-07-03')).toMatchObject({ stage: 'dormant', since: '2024-05-20' });
    // Once over, the week ends the silence; 50 messages against 200 in the 4 weeks before is a decline.
    const after = lifecycle(revived, '2024-07-07');
    expect(after).toMatchObject({ stage: 'decline', since: '2024-07-01' });
    expect(after.evidence).toMatchObject({ weeksSinceLastMessage: 0, messagesRecent: 50, messagesBefore: 200 });
  });

  it('calls a steadily growing community growth, from the end of its seed weeks', () => {
    const result = lifecycle(growing, '2024-04-21'); // Sunday of week 15
    expect(result).toMatchObject({ stage: 'growth', since: '2024-01-22' });
    expect(result.evidence.rule).toBe('growth');
    expect(result.evidence.membersNow).toBe(42);
    expect(result.evidence.membersBefore).toBe(34);
    expect(result.evidence.membersChange).toBe(0.2353);
    expect(lifecycle(growing, '2024-01-21')).toMatchObject({ stage: 'seed', since: '2024-01-01' });
    // Empty rows before the first member or message are not history.
    const padded = [
      ...weeksFrom('2023-12-18', [
        [0, 0, 0],
        [0, 0, 0],
      ]),
      ...growing,
    ];
    expect(lifecycle(padded, '2024-01-21')).toMatchObject({ stage: 'seed', since: '2024-01-01' });
    expect(lifecycle(growing, '2024-01-21').evidence.rule).toBe('young');
  });

  it('keeps a group that never reached 10 members a seed', () => {
    const small = weeksFrom('2024-01-01', repeat(20, [60, 6, 8] as [number, number, number]));
    const result = lifecycle(small, '2024-05-19');
    expect(result).toMatchObject({ stage: 'seed', since: '2024-01-01' });
    expect(result.evidence).toMatchObject({ rule: 'small', peakMembers: 8 });
    expect(lifecycle(small, '2024-05-19', { seedMembers: 8 }).stage).toBe('active');
  });

  it('calls a steady group active once its first weeks are past', () => {
    const steady = weeksFrom('2024-01-01', repeat(12, [300, 30, 100] as [number, number, number]));
    // Week 3 rose from nothing (growth); from week 4 members and activity are flat.
    expect(lifecycle(steady, '2024-03-24')).toMatchObject({ stage: 'active', since: '2024-01-29' });
    expect(lifecycle(steady, '2024-01-28')).toMatchObject({ stage: 'growth', since: '2024-01-22' });
  });

  it('calls a group dormant when it stays under 5% of its peak', () => {
    const rows = (quiet: number): [number, number, number][] => [
      ...repeat(10, [1000, 100, 200] as [number, number, number]),
      ...repeat(6, [quiet, 5, 200] as [number, number, number]),
    ];
    const faded = lifecycle(weeksFrom('2024-01-01', rows(49)), '2024-04-21');
    expect(faded).toMatchObject({ stage: 'dormant', since: '2024-03-11' });
    expect(faded.evidence).toMatchObject({ rule: 'below_peak', peakMessages: 1000, weeksSinceLastMessage: 0 });
    // 50 a week is 5% of the peak, not under it: a steep decline, not yet dormant.
    const falling = lifecycle(weeksFrom('2024-01-01', rows(50)), '2024-04-21');
    expect(falling).toMatchObject({ stage: 'decline', since: '2024-03-18' });
    expect(falling.evidence).toMatchObject({ messagesRecent: 200, messagesBefore: 2100 });
  });

  it('declines at exactly 30% fewer messages and active members, not at 29.9%', () => {
    const rows = (last: number): [number, number, number][] => [
      ...repeat(4, [250, 25, 100] as [number, number, number]),
      [175, 18, 100],
      [175, 18, 100],
      [175, 17, 100],
      [last, 17, 100],
    ];
    const at = lifecycle(weeksFrom('2024-01-01', rows(175)), '2024-02-25');
    expect(at.stage).toBe('decline');
    expect(at.evidence).toMatchObject({ messagesChange: -0.3, activeChange: -0.3 });
    expect(lifecycle(weeksFrom('2024-01-01', rows(176)), '2024-02-25').stage).toBe('active');
  });

  it('grows at exactly 10% more members with more active members', () => {
    const rows = (last: number): [number, number, number][] => [
      ...repeat(4, [200, 20, 100] as [number, number, number]),
      [200, 21, 102],
      [200, 21, 105],
      [200, 21, 108],
      [200, 21, last],
    ];
    expect(lifecycle(weeksFrom('2024-01-01', rows(110)), '2024-02-25')).toMatchObject({ stage: 'growth' });
    expect(lifecycle(weeksFrom('2024-01-01', rows(109)), '2024-02-25')).toMatchObject({ stage: 'active' });
  });

  it('reads a week the store has no row for as quiet, with the members of the week before', () => {
    const dense = weeksFrom('2024-01-01', [
      [100, 10, 50],
      [100, 10, 50],
      [0, 0, 50],
      [0, 0, 50],
      [0, 0, 50],
      [0, 0, 50],
    ]);
    const sparse = dense.filter((w) => w.messages > 0);
    expect(lifecycle(sparse, '2024-02-11')).toEqual(lifecycle(dense, '2024-02-11'));
    expect(lifecycle(sparse, '2024-02-11')).toMatchObject({ stage: 'dormant', since: '2024-01-15' });
  });

  it('calls a group without history a seed, and refuses a malformed series', () => {
    expect(lifecycle([], '2024-02-11')).toMatchObject({ stage: 'seed', since: '2024-02-05' });
    expect(lifecycle([], '2024-02-11').evidence.rule).toBe('no_history');
    // Only the week in progress has happened yet.
    expect(lifecycle(weeksFrom('2024-02-12', [[5, 2, 3]]), '2024-02-14')).toMatchObject({
      stage: 'seed',
      since: '2024-02-12',
    });
    expect(bad(() => lifecycle([...abrupt, abrupt[3] as WeekPoint], '2024-07-03'))).toBe('bad_input');
    expect(bad(() => lifecycle(weeksFrom('2024-01-02', [[1, 1, 1]]), '2024-07-03'))).toBe('bad_input');
    expect(bad(() => lifecycle(abrupt, '2024-07-03', { declineDrop: 2 }))).toBe('bad_input');
  });

  it('agrees with a plain reference on random histories', () => {
    const reference = (weeks: WeekPoint[], asOf: string) => {
      let end = refDay(asOf) - 6;
      while (new Date(end * 86_400_000).getUTCDay() !== 1) end -= 1;
      const kept = weeks.filter(
        (w) => refDay(w.week) <= end && (w.messages || w.activeMembers || w.joins || w.leaves || w.members),
      );
      if (kept.length === 0) return { stage: 'seed' as LifecycleStage, since: null };
      let first = refDay(kept[0]?.week ?? '');
      for (const w of kept) first = Math.min(first, refDay(w.week));
      const dense: WeekPoint[] = [];
      for (let d = first; d <= end; d += 7) {
        const row = weeks.find((w) => refDay(w.week) === d);
        const prev = dense[dense.length - 1]?.members ?? 0;
        dense.push(row ?? { week: refDate(d), messages: 0, activeMembers: 0, joins: 0, leaves: 0, members: prev });
      }
      const at = (j: number) =>
        dense[j] ?? { week: '', messages: 0, activeMembers: 0, joins: 0, leaves: 0, members: 0 };
      const stageAt = (j: number): LifecycleStage => {
        let peak = 0;
        let peakMembers = 0;
        let last = -1;
        for (let k = 0; k <= j; k++) {
          peak = Math.max(peak, at(k).messages);
          peakMembers = Math.max(peakMembers, at(k).members);
          if (at(k).messages > 0) last = k;
        }
        const silent = last >= 0 ? j - last : j + 1;
        if (silent >= 4) return 'dormant';
        if (j + 1 >= 4 && peak > 0) {
          let allLow = true;
          for (let k = j - 3; k <= j; k++) if (at(k).messages >= 0.05 * peak) allLow = false;
          if (allLow) return 'dormant';
        }
        if (j + 1 < 4 || peakMembers < 10) return 'seed';
        let recent = 0;
        let before = 0;
        let activeRecent = 0;
        let activeBefore = 0;
        for (let k = j - 3; k <= j; k++) {
          recent += at(k).messages;
          activeRecent += at(k).activeMembers;
        }
        for (let k = j - 7; k <= j - 4; k++) {
          before += at(k).messages;
          activeBefore += at(k).activeMembers;
        }
        if (
          before > 0 &&
          activeBefore > 0 &&
          refRound4((recent - before) / before) <= -0.3 &&
          refRound4((activeRecent - activeBefore) / activeBefore) <= -0.3
        ) {
          return 'decline';
        }
        const now = at(j).members;
        const then = j >= 4 ? at(j - 4).members : 0;
        const grew = then > 0 ? refRound4((now - then) / then) >= 0.1 : now > 0;
        if (grew && activeRecent > activeBefore) return 'growth';
        return 'active';
      };
      const stages = dense.map((_, j) => stageAt(j));
      const lastIndex = dense.length - 1;
      const stage = stages[lastIndex] as LifecycleStage;
      let start = lastIndex;
      if (stage === 'dormant') {
        let peak = 0;
        for (const w of dense) peak = Math.max(peak, w.messages);
        while (start > 0 && (at(start - 1).messages === 0 || at(start - 1).messages < 0.05 * peak)) start -= 1;
      } else {
        while (start > 0 && stages[start - 1] === stage) start -= 1;
      }
      return { stage, since: at(start).week };
    };

    const rnd = seededRandom('lifecycle');
    const stagesSeen: Record<LifecycleStage, number> = { seed: 0, growth: 0, active: 0, decline: 0, dormant: 0 };
    let backdated = 0;
    for (let round = 0; round < 400; round++) {
      const length = 1 + rnd.int(40);
      const history = randomHistory(rnd, '2023-01-02', length);
      const asOf = refPlus('2023-01-02', rnd.int(7 * (length + 6)));
      const got = lifecycle(history, asOf);
      const want = reference(history, asOf);
      expect({ stage: got.stage, since: want.since === null ? null : got.since }, `round ${round}`).toEqual(want);
      stagesSeen[got.stage] += 1;
      if (got.stage === 'dormant' && refDay(got.since) < refDay(String(got.evidence.evaluatedWeek)) - 21)
        backdated += 1;
    }
    for (const stage of Object.keys(stagesSeen) as LifecycleStage[])
      expect(stagesSeen[stage], stage).toBeGreaterThan(15);
    expect(backdated).toBeGreaterThan(5);
  });
});
