import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import {
  type AlertGroupInput,
  type AlertsInput,
  alertMemberIds,
  alerts,
  type InviterJoins,
  type ModerationSeries,
} from './alerts.js';
import { memberBuilder, nick, randomHistory, randomMember, refDay, refPlus } from './analytics.test-support.js';
import type { Alert, WeekPoint } from './types.js';

const asOf = '2024-03-06'; // a Wednesday
const now = '2024-03-06T12:00:00Z';
const base = { asOf, now };

const member = memberBuilder({ firstSeen: '2023-06-01', lastSeen: asOf, lastMessage: asOf, messagesTotal: 1000 });
const ofKind = (list: Alert[], kind: Alert['kind']) => list.filter((a) => a.kind === kind);

describe('alerts', () => {
  it('flags a group silent for more than 24 hours, critical after 7 days', () => {
    const groups: AlertGroupInput[] = [
      { groupId: 1, name: '#ubuntu', lastMessageAt: '2024-03-05T12:00:00Z' }, // exactly 24 hours: not yet
      { groupId: 2, name: '#ubuntu-offtopic', lastMessageAt: '2024-03-05T11:59:00Z' },
      { groupId: 3, name: '#ubuntu-devel', lastMessageAt: '2024-02-27T09:00:00Z' },
      { groupId: 4, name: '#kubuntu', lastMessageAt: null },
      { groupId: 5, name: '#ubuntu-au', lastMessageAt: '2024-03-05T20:00:00+08:00' }, // 12:00Z: exactly 24 hours
      { groupId: 6, name: '#ubuntu-motu', lastMessageAt: '2024-03-04T11:00:00Z' },
    ];
    const found = alerts({ ...base, groups });
    expect(found.map((a) => [a.groupId, a.severity, a.evidence.hoursSilent])).toEqual([
      [3, 'critical', 195],
      [2, 'warning', 24],
      [4, 'warning', null],
      [6, 'warning', 49],
    ]);
    expect(found[0]?.message).toEqual({
      'zh-CN': '「#ubuntu-devel」已经 8 天没有消息了。',
      en: '#ubuntu-devel has had no message for 8 days.',
    });
    expect(found[1]?.message.en).toBe('#ubuntu-offtopic has had no message for 24 hours.');
    expect(found[2]?.message['zh-CN']).toBe('「#kubuntu」还没有任何消息。');
    expect(alerts({ ...base, groups }, { silentHours: 48 }).map((a) => a.groupId)).toEqual([3, 4, 6]);
  });

  it('names the most active members who left or went quiet (evaporative cooling)', () => {
    const members = [
      member(1, 'crimsun', { messages90: 300, present: false, leftOn: '2024-02-20', lastMessage: '2024-02-20' }),
      member(2, 'kleedrac', { messages90: 250, lastMessage: refPlus(asOf, -30) }),
      member(3, 'intinig', { messages90: 200, lastMessage: refPlus(asOf, -29) }),
      member(4, 'will', { messages90: 200, lastMessage: refPlus(asOf, -45) }), // tied with the 3rd: in the top
      // 21 more posters, quiet but not in the top: never named.
      ...Array.from({ length: 21 }, (_, i) =>
        member(5 + i, nick(5 + i), { messages90: 100 - i, lastMessage: '2024-01-01' }),
      ),
      // Members who did not post in 90 days do not count towards the top 10%.
      ...Array.from({ length: 40 }, (_, i) => member(30 + i, nick(30 + i), { lastMessage: null })),
    ];
    const found = ofKind(alerts({ ...base, members }), 'evaporative_cooling');
    expect(found).toHaveLength(1);
    const [cooling] = found;
    expect(cooling?.severity).toBe('critical');
    expect(cooling?.members).toEqual([
      { memberId: 1, name: 'crimsun' },
      { memberId: 2, name: 'kleedrac' },
      { memberId: 4, name: 'will' },
    ]);
    expect(cooling?.evidence).toEqual({
      posters90: 25,
      topSize: 4,
      cutoffMessages90: 200,
      cooled: 3,
      left: 1,
      quiet: 2,
      quietDays: 30,
    });
    expect(cooling?.message['zh-CN']).toBe(
      '蒸发冷却：最活跃的 4 位成员中，有 3 位已离开或 30 天以上没有发言：crimsun、kleedrac和will。',
    );
    expect(cooling?.message.en).toContain('crimsun, kleedrac and will');
    // Without the member who left, the alert is a warning.
    const stayed = members.slice(1);
    expect(ofKind(alerts({ ...base, members: stayed }), 'evaporative_cooling')[0]?.severity).toBe('warning');
  });

  it('takes a top share of posters without floating-point surprises', () => {
    // 0.07 × 100 is 7.000000000000001 in floating point: the top is 7 posters, and the 8th (quiet) is not named.
    const members = Array.from({ length: 100 }, (_, i) =>
      member(i + 1, nick(i), { messages90: 100 - i, lastMessage: i === 7 ? '2024-01-01' : asOf }),
    );
    expect(ofKind(alerts({ ...base, members }, { coolingTopShare: 0.07 }), 'evaporative_cooling')).toEqual([]);
    // One more poster makes ⌈7.07⌉ = 8.
    const more = [...members, member(101, nick(101), { messages90: 1 })];
    expect(
      ofKind(alerts({ ...base, members: more }, { coolingTopShare: 0.07 }), 'evaporative_cooling')[0]?.members,
    ).toEqual([{ memberId: 8, name: nick(7) }]);
  });

  it('names members slipping away: regulars silent for 14 days', () => {
    const members = [
      member(1, 'crimsun', { messagesPrior60: 20, lastMessage: refPlus(asOf, -14) }),
      member(2, 'kleedrac', { messagesPrior60: 20, lastMessage: refPlus(asOf, -13) }),
      member(3, 'intinig', { messagesPrior60: 19, lastMessage: refPlus(asOf, -40) }),
      member(4, 'will', { messagesPrior60: 50, lastMessage: refPlus(asOf, -20), present: false, leftOn: asOf }),
      member(5, 'Tsjoklate', { messagesPrior60: 30, lastMessage: null }),
    ];
    const found = ofKind(alerts({ ...base, members }), 'slipping_away');
    expect(found.map((a) => a.members)).toEqual([
      [
        { memberId: 5, name: 'Tsjoklate' },
        { memberId: 1, name: 'crimsun' },
      ],
    ]);
    expect(found[0]?.message).toEqual({
      'zh-CN': '2 位此前常发言的成员已经 14 天没有发言：Tsjoklate和crimsun。',
      en: '2 members who used to post often have not posted for 14 days: Tsjoklate and crimsun.',
    });
    expect(
      ofKind(alerts({ ...base, members }, { slippingPriorMessages: 19 }), 'slipping_away')[0]?.members,
    ).toHaveLength(3);
  });

  it('flags stalled growth: no net members and few joins over 4 weeks', () => {
    // Complete weeks as of 2024-03-06: up to the week of 2024-02-26.
    const weeks = (joins: number[], members: number[], start = '2024-01-29'): WeekPoint[] =>
      members.map((m, i) => ({
        week: refPlus(start, 7 * i),
        messages: 50,
        activeMembers: 10,
        joins: i === 0 ? 0 : (joins[i - 1] ?? 0),
        leaves: 0,
        members: m,
      }));
    const groups: AlertGroupInput[] = [
      { groupId: 1, name: '#ubuntu', lastMessageAt: now, weeks: weeks([2, 1, 1, 1], [100, 99, 100, 100, 100]) },
      { groupId: 2, name: '#kubuntu', lastMessageAt: now, weeks: weeks([2, 1, 1, 2], [100, 99, 100, 100, 100]) },
      { groupId: 3, name: '#ubuntu-devel', lastMessageAt: now, weeks: weeks([2, 1, 1, 1], [100, 99, 100, 100, 101]) },
      {
        groupId: 4,
        name: '#ubuntu-au',
        lastMessageAt: now,
        weeks: weeks([0, 0, 0], [100, 100, 100, 100], '2024-02-05'),
      }, // 4 weeks: too young
      { groupId: 5, name: '#ubuntu-motu', lastMessageAt: now }, // no series
      { groupId: 6, name: '#ubuntu-irc', lastMessageAt: now, weeks: weeks([0, 0, 0, 0], [0, 0, 0, 0, 0]) }, // no members
    ];
    const found = ofKind(alerts({ ...base, groups }), 'stalled_growth');
    expect(found.map((a) => a.groupId)).toEqual([1]);
    expect(found[0]).toMatchObject({
      severity: 'info',
      evidence: { weeks: 4, membersBefore: 100, membersNow: 100, net: 0, joins: 5, maxJoins: 5 },
      message: {
        'zh-CN': '「#ubuntu」增长停滞：近 4 周净增 0 人，仅 5 人入群。',
        en: 'Growth has stalled in #ubuntu: net 0 members over 4 weeks, with only 5 joins.',
      },
    });
  });

  it('flags an inviter bringing 3× their weekly mean and at least 10', () => {
    const inviters: InviterJoins[] = [
      { inviterId: 1, name: 'crimsun', groupId: 7, joinsLast7Days: 12, weeklyMean: 4 },
      { inviterId: 2, name: 'kleedrac', groupId: 7, joinsLast7Days: 11, weeklyMean: 4 },
      { inviterId: 3, name: 'intinig', groupId: null, joinsLast7Days: 9, weeklyMean: 0 },
      { inviterId: 4, name: 'will', groupId: null, joinsLast7Days: 10, weeklyMean: 0 },
    ];
    const found = ofKind(alerts({ ...base, inviters }), 'inviter_spike');
    expect(found.map((a) => [a.groupId, a.members, a.evidence.ratio])).toEqual([
      [7, [{ memberId: 1, name: 'crimsun' }], 3],
      [null, [{ memberId: 4, name: 'will' }], null],
    ]);
    expect(found[0]?.message['zh-CN']).toBe('crimsun 近 7 天邀请了 12 人，是其每周平均的 3 倍，请核查是否刷量。');
    expect(found[1]?.message.en).toBe(
      'will brought in 10 members in the last 7 days, with no invites before: check for fraud.',
    );
  });

  it('flags a moderation spike against the mean of the 28 days before', () => {
    const baseline = (perDay: number) =>
      Array.from({ length: 28 }, (_, i) => ({ day: refPlus('2024-02-06', i), actions: perDay })); // to 03-04
    const moderation: ModerationSeries[] = [
      { groupId: 1, days: [...baseline(2), { day: asOf, actions: 6 }] }, // 3× but under 10
      { groupId: 2, days: [...baseline(2), { day: asOf, actions: 10 }] },
      { groupId: 3, days: [...baseline(4), { day: '2024-03-05', actions: 12 }, { day: asOf, actions: 3 }] },
      { groupId: 4, days: [...baseline(4), { day: asOf, actions: 11 }] }, // 2.75×
      // Nothing in the baseline (a day before it does not count); 10 today.
      {
        groupId: null,
        days: [
          { day: '2024-02-05', actions: 500 },
          { day: asOf, actions: 10 },
        ],
      },
    ];
    const found = ofKind(alerts({ ...base, moderation }), 'moderation_spike');
    expect(found.map((a) => [a.groupId, a.evidence.day, a.evidence.actions, a.evidence.ratio])).toEqual([
      [2, asOf, 10, 5],
      [3, '2024-03-05', 12, 3],
      [null, asOf, 10, null],
    ]);
    expect(found[1]?.message['zh-CN']).toBe('管理动作激增：2024-03-05 有 12 次删除/禁言/移出，是此前每天平均的 3 倍。');
  });

  it('lists critical alerts first and refuses a time that is not ISO 8601', () => {
    const input: AlertsInput = {
      ...base,
      groups: [
        { groupId: 1, name: '#ubuntu', lastMessageAt: '2024-03-05T01:00:00Z' },
        { groupId: 2, name: '#kubuntu', lastMessageAt: '2024-02-01T01:00:00Z' },
      ],
      inviters: [{ inviterId: 1, name: 'crimsun', groupId: 1, joinsLast7Days: 40, weeklyMean: 1 }],
      members: [member(1, 'crimsun', { messages90: 10, present: false, leftOn: asOf })],
    };
    expect(alerts(input).map((a) => [a.kind, a.severity])).toEqual([
      ['silent_group', 'critical'],
      ['evaporative_cooling', 'critical'],
      ['silent_group', 'warning'],
      ['inviter_spike', 'warning'],
    ]);
    let error: unknown;
    try {
      alerts({ ...base, groups: [{ groupId: 1, name: '#ubuntu', lastMessageAt: 'yesterday' }] });
    } catch (e) {
      error = e;
    }
    expect(isQunzhuError(error) && error.code).toBe('bad_input');
  });

  it('agrees with plain references on random inputs', () => {
    const rnd = seededRandom('alerts');
    const hits = { silent: 0, cooling: 0, slipping: 0, stalled: 0, inviter: 0, moderation: 0 };
    for (let round = 0; round < 150; round++) {
      const day = refPlus('2024-01-01', rnd.int(300));
      const nowMs = Date.parse(`${day}T00:00:00Z`) + rnd.int(86_400_000);
      const input: AlertsInput = {
        asOf: day,
        now: new Date(nowMs).toISOString(),
        groups: Array.from({ length: rnd.int(8) }, (_, i) => ({
          groupId: i + 1,
          name: `#${nick(i)}`,
          lastMessageAt: rnd.next() < 0.1 ? null : new Date(nowMs - rnd.int(10 * 86_400_000)).toISOString(),
          weeks: randomHistory(rnd, '2023-10-02', 10 + rnd.int(60)),
        })),
        members: Array.from({ length: rnd.int(80) }, (_, i) => randomMember(rnd, i + 1, day)),
        inviters: Array.from({ length: rnd.int(10) }, (_, i) => ({
          inviterId: i + 1,
          name: nick(i),
          groupId: null,
          joinsLast7Days: rnd.int(30),
          weeklyMean: rnd.next() < 0.2 ? 0 : rnd.int(12),
        })),
        moderation: Array.from({ length: rnd.int(4) }, (_, i) => ({
          groupId: i,
          days: Array.from({ length: 31 }, (_, k) => ({ day: refPlus(day, -k), actions: rnd.int(k < 2 ? 30 : 6) })),
        })),
      };
      const got = alerts(input);

      // silent_group
      const silent: [number, string][] = [];
      for (const g of input.groups ?? []) {
        if (g.lastMessageAt === null) silent.push([g.groupId, 'warning']);
        else {
          const hours = (nowMs - Date.parse(g.lastMessageAt)) / 3_600_000;
          if (hours > 24) silent.push([g.groupId, hours >= 168 ? 'critical' : 'warning']);
        }
      }
      const gotSilent = ofKind(got, 'silent_group').map((a) => [a.groupId, a.severity]);
      expect(gotSilent.sort()).toEqual(silent.sort());
      hits.silent += silent.length;

      // evaporative_cooling
      const members = input.members ?? [];
      const posters = members.filter((m) => m.messages90 > 0).map((m) => m.messages90);
      posters.sort((a, b) => b - a);
      let topCount = 0;
      while (topCount * 10 < posters.length) topCount++; // ⌈n / 10⌉ in integers
      const cutoff = posters[topCount - 1] ?? Number.POSITIVE_INFINITY;
      const cooled = members
        .filter((m) => m.messages90 > 0 && m.messages90 >= cutoff)
        .filter((m) => !m.present || m.lastMessage === null || refDay(day) - refDay(m.lastMessage) >= 30)
        .map((m) => m.memberId);
      const gotCooled = ofKind(got, 'evaporative_cooling').flatMap((a) => a.members?.map((m) => m.memberId) ?? []);
      expect(gotCooled.sort((a, b) => a - b)).toEqual(cooled);
      hits.cooling += cooled.length;

      // slipping_away
      const slipping = members
        .filter((m) => m.present && m.messagesPrior60 >= 20)
        .filter((m) => m.lastMessage === null || refDay(m.lastMessage) <= refDay(day) - 14)
        .map((m) => m.memberId);
      const gotSlipping = ofKind(got, 'slipping_away').flatMap((a) => a.members?.map((m) => m.memberId) ?? []);
      expect(gotSlipping.sort((a, b) => a - b)).toEqual(slipping);
      hits.slipping += slipping.length;
      // The members a reader without names looks up: exactly those the two rules name.
      expect(alertMemberIds(input).sort((a, b) => a - b)).toEqual(
        [...new Set([...cooled, ...slipping])].sort((a, b) => a - b),
      );

      // stalled_growth
      let end = refDay(day) - 6;
      while (new Date(end * 86_400_000).getUTCDay() !== 1) end -= 1;
      const stalled: number[] = [];
      for (const g of input.groups ?? []) {
        const rows = (g.weeks ?? []).filter((w) => refDay(w.week) <= end);
        const firstDay = Math.min(
          ...rows
            .filter((w) => w.messages || w.activeMembers || w.joins || w.leaves || w.members)
            .map((w) => refDay(w.week)),
        );
        if (!Number.isFinite(firstDay) || (end - firstDay) / 7 < 4) continue;
        const membersAt = (d: number) => {
          let m = 0;
          for (const w of rows) if (refDay(w.week) <= d && refDay(w.week) >= firstDay) m = w.members; // rows are sorted
          return m;
        };
        let joins = 0;
        for (const w of rows) if (refDay(w.week) > end - 28) joins += w.joins;
        const before = membersAt(end - 28);
        if (before > 0 && membersAt(end) - before <= 0 && joins <= 0.05 * before + 1e-9) stalled.push(g.groupId);
      }
      expect(ofKind(got, 'stalled_growth').map((a) => a.groupId)).toEqual(stalled);
      hits.stalled += stalled.length;

      // inviter_spike
      const spiking = (input.inviters ?? [])
        .filter((i) => i.joinsLast7Days >= 10 && (i.weeklyMean === 0 || i.joinsLast7Days >= 3 * i.weeklyMean))
        .map((i) => i.inviterId);
      const gotSpiking = ofKind(got, 'inviter_spike').flatMap((a) => a.members?.map((m) => m.memberId) ?? []);
      expect(gotSpiking.sort((a, b) => a - b)).toEqual(spiking);
      hits.inviter += spiking.length;

      // moderation_spike
      const spikes: [number | null, string, number][] = [];
      for (const s of input.moderation ?? []) {
        const on = (d: string) => s.days.filter((x) => x.day === d).reduce((t, x) => t + x.actions, 0);
        let total = 0;
        for (let k = 2; k < 30; k++) total += on(refPlus(day, -k));
        const mean = total / 28;
        const today = on(day);
        const yesterday = on(refPlus(day, -1));
        const [peakDay, peak] = yesterday > today ? [refPlus(day, -1), yesterday] : [day, today];
        if (peak >= 10 && (mean === 0 || peak >= 3 * mean)) spikes.push([s.groupId, peakDay, peak]);
      }
      const gotSpikes = ofKind(got, 'moderation_spike').map((a) => [a.groupId, a.evidence.day, a.evidence.actions]);
      expect(gotSpikes).toEqual(spikes);
      hits.moderation += spikes.length;
    }
    for (const [rule, count] of Object.entries(hits)) expect(count, rule).toBeGreaterThan(5);
  });
});
