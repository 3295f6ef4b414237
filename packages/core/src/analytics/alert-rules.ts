import { QunzhuError } from '../errors.js';
import { listNames } from '../i18n/index.js';
import type { AlertsConfig, AlertsInput } from './alerts.js';
import { addDays, dayNumber, daysBetween, lastCompleteWeek } from './dates.js';
import { round } from './numbers.js';
import type { Alert, MemberActivity } from './types.js';
import { weeklySeries } from './weekly-series.js';

/** Days over which messagesPrior60 is "before": fixed by MemberActivity. */
const SLIPPING_QUIET_DAYS = 14;

const HOUR_MS = 3_600_000;

// A threshold such as 0.07 × 100 is 7.000000000000001 in binary floating point: compare at 9 decimals.
const limit = (x: number) => round(x, 9);

const instant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new QunzhuError('bad_input', `Not an ISO 8601 time: ${JSON.stringify(iso)}`);
  return ms;
};

const named = (members: readonly MemberActivity[]) => members.map((m) => ({ memberId: m.memberId, name: m.name }));

const names = (members: readonly MemberActivity[], c: AlertsConfig) => {
  const list = members.map((m) => m.name);
  return { zh: listNames('zh-CN', list, c.maxNames), en: listNames('en', list, c.maxNames) };
};

/** silent_group: a group without a message for more than `silentHours` before `now`. */
export const silentGroup = (input: AlertsInput, c: AlertsConfig): Alert[] => {
  const now = instant(input.now);
  return (input.groups ?? []).flatMap((g): Alert[] => {
    if (g.lastMessageAt === null) {
      return [
        {
          kind: 'silent_group',
          severity: 'warning',
          groupId: g.groupId,
          message: { 'zh-CN': `「${g.name}」还没有任何消息。`, en: `${g.name} has had no message yet.` },
          evidence: { lastMessageAt: null, hoursSilent: null },
        },
      ];
    }
    const hours = (now - instant(g.lastMessageAt)) / HOUR_MS;
    if (hours <= c.silentHours) return [];
    const whole = Math.floor(hours);
    const days = Math.floor(hours / 24);
    const span =
      whole >= 48
        ? { zh: `${days} 天`, en: `${days} days` }
        : { zh: `${whole} 小时`, en: `${whole} ${whole === 1 ? 'hour' : 'hours'}` };
    return [
      {
        kind: 'silent_group',
        severity: hours >= c.silentCriticalHours ? 'critical' : 'warning',
        groupId: g.groupId,
        message: {
          'zh-CN': `「${g.name}」已经 ${span.zh}没有消息了。`,
          en: `${g.name} has had no message for ${span.en}.`,
        },
        evidence: { lastMessageAt: g.lastMessageAt, hoursSilent: round(hours, 1), thresholdHours: c.silentHours },
      },
    ];
  });
};

/** Who evaporative cooling names: the top posters of the last 90 days who left or went quiet. */
export const cooledMembers = (input: Pick<AlertsInput, 'asOf' | 'members'>, c: AlertsConfig) => {
  const posters = (input.members ?? []).filter((m) => m.messages90 > 0);
  const size = Math.ceil(limit(c.coolingTopShare * posters.length));
  if (size === 0) return undefined;
  // The size-th largest count, from the counts alone (a numeric sort of tens of thousands, without a
  // comparator); then only the top, a tenth of them, is put in order.
  const counts = Float64Array.from(posters, (m) => m.messages90).sort();
  const cutoff = counts[counts.length - size] as number;
  const top = posters
    .filter((m) => m.messages90 >= cutoff)
    .sort((a, b) => b.messages90 - a.messages90 || a.memberId - b.memberId);
  const cooled = top.filter(
    (m) => !m.present || m.lastMessage === null || daysBetween(m.lastMessage, input.asOf) >= c.coolingQuietDays,
  );
  return { posters, top, cutoff, cooled };
};

/** Who slipping away names: regulars still present and silent for 14 days, the busiest before first. */
export const slippingMembers = (input: Pick<AlertsInput, 'asOf' | 'members'>, c: AlertsConfig) =>
  (input.members ?? [])
    .filter(
      (m) =>
        m.present &&
        m.messagesPrior60 >= c.slippingPriorMessages &&
        (m.lastMessage === null || daysBetween(m.lastMessage, input.asOf) >= SLIPPING_QUIET_DAYS),
    )
    .sort((a, b) => b.messagesPrior60 - a.messagesPrior60 || a.memberId - b.memberId);

/**
 * evaporative_cooling (蒸发冷却): among the members who posted in the last 90 days, the top
 * ⌈coolingTopShare × n⌉ by messages90 (everyone tied with the last of them too) who left, or whose
 * last message is `coolingQuietDays` or more days old.
 */
export const evaporativeCooling = (input: AlertsInput, c: AlertsConfig): Alert[] => {
  const found = cooledMembers(input, c);
  if (!found) return [];
  const { posters, top, cutoff, cooled } = found;
  if (cooled.length === 0) return [];
  const left = cooled.filter((m) => !m.present).length;
  const list = names(cooled, c);
  return [
    {
      kind: 'evaporative_cooling',
      severity: left > 0 ? 'critical' : 'warning',
      groupId: null,
      message: {
        'zh-CN': `蒸发冷却：最活跃的 ${top.length} 位成员中，有 ${cooled.length} 位已离开或 ${c.coolingQuietDays} 天以上没有发言：${list.zh}。`,
        en: `Evaporative cooling: ${cooled.length} of the ${top.length} most active members left or have not posted for ${c.coolingQuietDays} days or more: ${list.en}.`,
      },
      members: named(cooled),
      evidence: {
        posters90: posters.length,
        topSize: top.length,
        cutoffMessages90: cutoff,
        cooled: cooled.length,
        left,
        quiet: cooled.length - left,
        quietDays: c.coolingQuietDays,
      },
    },
  ];
};

/** slipping_away: members still present with ≥ `slippingPriorMessages` in messagesPrior60 and none in the last 14 days. */
export const slippingAway = (input: AlertsInput, c: AlertsConfig): Alert[] => {
  const slipping = slippingMembers(input, c);
  if (slipping.length === 0) return [];
  const list = names(slipping, c);
  return [
    {
      kind: 'slipping_away',
      severity: 'warning',
      groupId: null,
      message: {
        'zh-CN': `${slipping.length} 位此前常发言的成员已经 ${SLIPPING_QUIET_DAYS} 天没有发言：${list.zh}。`,
        en: `${slipping.length} ${slipping.length === 1 ? 'member who used' : 'members who used'} to post often ${slipping.length === 1 ? 'has' : 'have'} not posted for ${SLIPPING_QUIET_DAYS} days: ${list.en}.`,
      },
      members: named(slipping),
      evidence: {
        members: slipping.length,
        minPriorMessages: c.slippingPriorMessages,
        quietDays: SLIPPING_QUIET_DAYS,
      },
    },
  ];
};

/**
 * stalled_growth: over the last `stalledWeeks` complete weeks, members at the end are not above the
 * members at the start, and joins are at most `stalledJoinShare` of the members at the start.
 */
export const stalledGrowth = (input: AlertsInput, c: AlertsConfig): Alert[] => {
  const until = lastCompleteWeek(input.asOf);
  return (input.groups ?? []).flatMap((g): Alert[] => {
    if (!g.weeks) return [];
    const series = weeklySeries(g.weeks, until);
    const n = c.stalledWeeks;
    // A group younger than the window had no members before it: it is new, not stalled.
    const before = series[series.length - 1 - n]?.members ?? 0;
    const now = series[series.length - 1]?.members ?? 0;
    if (before <= 0) return [];
    const joins = series.slice(-n).reduce((s, w) => s + w.joins, 0);
    const net = now - before;
    if (net > 0 || joins > limit(c.stalledJoinShare * before)) return [];
    return [
      {
        kind: 'stalled_growth',
        severity: 'info',
        groupId: g.groupId,
        message: {
          'zh-CN': `「${g.name}」增长停滞：近 ${n} 周净增 ${net} 人，仅 ${joins} 人入群。`,
          en: `Growth has stalled in ${g.name}: net ${net} members over ${n} weeks, with only ${joins} ${joins === 1 ? 'join' : 'joins'}.`,
        },
        evidence: {
          weeks: n,
          membersBefore: before,
          membersNow: now,
          net,
          joins,
          maxJoins: limit(c.stalledJoinShare * before),
        },
      },
    ];
  });
};

/** inviter_spike: joins in the last 7 days ≥ `inviterMinJoins` and ≥ `inviterRatio` × the weekly mean (any, when the mean is 0). */
export const inviterSpike = (input: AlertsInput, c: AlertsConfig): Alert[] =>
  (input.inviters ?? [])
    .filter(
      (i) =>
        i.joinsLast7Days >= c.inviterMinJoins &&
        (i.weeklyMean <= 0 || i.joinsLast7Days >= limit(c.inviterRatio * i.weeklyMean)),
    )
    .sort((a, b) => b.joinsLast7Days - a.joinsLast7Days || a.inviterId - b.inviterId)
    .map((i): Alert => {
      const ratio = i.weeklyMean > 0 ? round(i.joinsLast7Days / i.weeklyMean, 2) : null;
      const vs =
        ratio === null
          ? { zh: '此前没有邀请记录', en: 'with no invites before' }
          : { zh: `是其每周平均的 ${ratio} 倍`, en: `${ratio}× their weekly mean` };
      return {
        kind: 'inviter_spike',
        severity: 'warning',
        groupId: i.groupId,
        message: {
          'zh-CN': `${i.name} 近 7 天邀请了 ${i.joinsLast7Days} 人，${vs.zh}，请核查是否刷量。`,
          en: `${i.name} brought in ${i.joinsLast7Days} members in the last 7 days, ${vs.en}: check for fraud.`,
        },
        members: [{ memberId: i.inviterId, name: i.name }],
        evidence: { joinsLast7Days: i.joinsLast7Days, weeklyMean: round(i.weeklyMean, 2), ratio },
      };
    });

/**
 * moderation_spike: the busiest of the last `moderationRecentDays` days against the daily mean of the
 * `moderationBaselineDays` days before them.
 */
export const moderationSpike = (input: AlertsInput, c: AlertsConfig): Alert[] =>
  (input.moderation ?? []).flatMap((series): Alert[] => {
    const perDay = new Map<number, number>();
    for (const d of series.days) perDay.set(dayNumber(d.day), (perDay.get(dayNumber(d.day)) ?? 0) + d.actions);
    const today = dayNumber(input.asOf);
    let peakDay = today;
    let peak = -1;
    // Latest first, so a tie names the most recent day.
    for (let n = today; n > today - c.moderationRecentDays; n--) {
      const actions = perDay.get(n) ?? 0;
      if (actions > peak) {
        peak = actions;
        peakDay = n;
      }
    }
    let baseline = 0;
    const baselineEnd = today - c.moderationRecentDays;
    for (let n = baselineEnd; n > baselineEnd - c.moderationBaselineDays; n--) baseline += perDay.get(n) ?? 0;
    const mean = baseline / c.moderationBaselineDays;
    if (peak < c.moderationMinActions || (mean > 0 && peak < limit(c.moderationRatio * mean))) return [];
    const day = addDays(input.asOf, peakDay - today);
    const ratio = mean > 0 ? round(peak / mean, 2) : null;
    const vs =
      ratio === null
        ? { zh: `此前 ${c.moderationBaselineDays} 天没有`, en: `none in the ${c.moderationBaselineDays} days before` }
        : {
            zh: `是此前每天平均的 ${ratio} 倍`,
            en: `${ratio}× the daily mean of the ${c.moderationBaselineDays} days before`,
          };
    return [
      {
        kind: 'moderation_spike',
        severity: 'warning',
        groupId: series.groupId,
        message: {
          'zh-CN': `管理动作激增：${day} 有 ${peak} 次删除/禁言/移出，${vs.zh}。`,
          en: `Moderation spike: ${peak} deletions, mutes and removals on ${day}, ${vs.en}.`,
        },
        evidence: { day, actions: peak, dailyMean: round(mean, 2), ratio, baselineDays: c.moderationBaselineDays },
      },
    ];
  });
