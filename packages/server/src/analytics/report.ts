import { availableParallelism } from 'node:os';
import {
  activityLayers,
  activityRate,
  addDays,
  alertMemberIds,
  alerts,
  funnel,
  healthScore,
  lifecycle,
  loyaltyLayers,
  type MemberActivity,
  QunzhuError,
  retention,
  type WeekPoint,
} from '@qunzhu/core';
import type { AnalyticsRepository, AnalyticsScope, Store } from '@qunzhu/store';
import type { Report } from './report-schema.js';

export type ReportRequest = {
  communityId: number;
  groupIds?: readonly number[];
  /** YYYY-MM-DD, inclusive, in `tz`. */
  from?: string;
  to?: string;
  /** Default: the community's zone. */
  tz?: string;
  /** The instant "now" is for silence and the default `to` (tests and backfills set it). */
  now?: Date;
  topMembers?: number;
};

const dayIn = (instant: Date, tz: string): string => {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      instant,
    );
  } catch {
    throw new QunzhuError('bad_input', `"${tz}" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`);
  }
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const withRate = (w: WeekPoint) => ({ ...w, activityRate: round4(activityRate(w.activeMembers, w.members)) });

/**
 * The report over a community (or some of its groups) and a period, read from the rollups and turned
 * into what operators act on by the analytics math in core. See docs/analytics.md.
 */
export const buildReport = async (store: Store, request: ReportRequest): Promise<Report> => {
  const started = performance.now();
  const community = await store.communities.get(request.communityId);
  const tz = request.tz ?? community.timezone;
  const now = request.now ?? new Date();
  for (const [name, value] of [
    ['from', request.from],
    ['to', request.to],
  ] as const) {
    if (value !== undefined && (!DAY.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new QunzhuError('bad_input', `--${name} must be a date YYYY-MM-DD, got "${value}"`);
    }
  }
  if (request.from && request.to && request.from > request.to) {
    throw new QunzhuError('bad_input', `the period is empty: from ${request.from} is after to ${request.to}`);
  }
  const asOf = request.to ?? dayIn(now, tz);
  const nowForSilence = request.to ? new Date(`${addDays(request.to, 1)}T00:00:00Z`) : now;
  const allGroups = await store.groups.listPlain(request.communityId);
  const wanted = request.groupIds ? new Set(request.groupIds) : null;
  const groups = allGroups.filter((g) => !wanted || wanted.has(g.id));
  for (const id of wanted ?? []) {
    if (!allGroups.some((g) => g.id === id))
      throw new QunzhuError('not_found', `group ${id} not found in this community`);
  }
  const scope: AnalyticsScope = {
    communityId: community.id,
    ...(request.groupIds ? { groupIds: request.groupIds } : {}),
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    tz,
    communityTz: community.timezone,
    asOf,
  };
  // The report's queries read one snapshot, on several connections at once where the store has them
  // (PostgreSQL; PGlite has one), with room to hash and sort in memory: counting distinct members per
  // day, week and month spills to disk at PostgreSQL's default 4 MB. No JIT: compiling a plan costs
  // tens of milliseconds per query, more than it saves on queries meant to take a fraction of a second.
  // The connections already keep the cores busy: a query gets parallel workers only from cores left over.
  const cores = availableParallelism();
  const connections = Math.min(4, cores);
  const workers = Math.max(0, Math.floor(cores / connections) - 1);
  const read = await store.readSnapshot(connections, async (stores) => {
    for (const s of stores) {
      await s.db.query("set local work_mem = '256MB'");
      await s.db.query('set local jit = off');
      await s.db.query(`set local max_parallel_workers_per_gather = ${workers}`);
    }
    const repos = stores.map((s) => s.analytics);
    // QUNZHU_PROFILE=1 prints how long each query of the report took.
    const timed =
      <T>(name: string, work: (a: AnalyticsRepository) => Promise<T>) =>
      async (a: AnalyticsRepository): Promise<T> => {
        if (!process.env.QUNZHU_PROFILE) return work(a);
        const started = performance.now();
        const result = await work(a);
        process.stderr.write(`report query ${name}: ${Math.round(performance.now() - started)} ms\n`);
        return result;
      };
    // The slowest first, so that the connections finish together.
    return runOnEach(repos, {
      // The members' layers are worked out as soon as they arrive, while the other queries still run;
      // their names are looked up only for those the alerts name.
      members: timed('member activity and layers', async (a) => {
        const members = await a.memberActivity(scope, { names: false });
        const names = await a.memberNames(community.id, alertMemberIds({ asOf, members }));
        for (const m of members) m.name = names.get(m.memberId) ?? m.name;
        return memberFigures(members, asOf);
      }),
      weeklyAll: timed('weekly', (a) => a.weekly(scope, false)),
      weeklyByGroup: timed('weekly per group', (a) => a.weekly(scope, true)),
      cohorts: timed('cohorts', (a) => a.cohorts(scope)),
      top: timed('top members', (a) => a.topMembers(scope, Math.max(10, request.topMembers ?? 10))),
      facts: timed('group facts', (a) => a.groupFacts(scope)),
      inviters: timed('inviters', (a) => a.inviterJoins(scope)),
      totals: timed('totals', (a) => a.totals(scope)),
      daily: timed('daily', (a) => a.daily(scope)),
      monthly: timed('monthly', (a) => a.monthly(scope)),
      entries: timed('funnel', (a) => a.funnelEntries(scope)),
      moderation: timed('moderation', (a) => a.moderationPerDay(scope)),
    });
  });
  const {
    totals,
    daily,
    monthly,
    weeklyAll,
    weeklyByGroup,
    top,
    cohorts,
    members: { members, activity, loyalty, present, active7, active30 },
    facts,
    entries,
    inviters,
    moderation,
  } = read;

  const queried = performance.now();
  const weeks: WeekPoint[] = weeklyAll.map(({ groupId: _g, ...w }) => w);
  const groupWeeks = new Map<number, WeekPoint[]>();
  for (const { groupId, ...w } of weeklyByGroup) {
    if (groupId === null) continue;
    const list = groupWeeks.get(groupId);
    if (list) list.push(w);
    else groupWeeks.set(groupId, [w]);
  }
  const firstDay = daily[0]?.day ?? asOf;
  const factsById = new Map(facts.map((f) => [f.groupId, f]));

  const report: Report = {
    scope: {
      community: { id: community.id, name: community.name },
      groups: wanted ? groups.map((g) => ({ id: g.id, name: g.name })) : null,
      from: request.from ?? null,
      to: request.to ?? null,
      tz,
      asOf,
      generatedAt: now.toISOString(),
    },
    totals,
    monthly,
    series: { daily, weekly: weeks.map(withRate) },
    activity: {
      members: present,
      activeLast7Days: active7,
      activeLast30Days: active30,
      activityRate7: round4(activityRate(active7, present)),
      activityRate30: round4(activityRate(active30, present)),
    },
    topMembers: top,
    retention: retention(cohorts, asOf),
    layers: { activity: activity.counts, loyalty: loyalty.counts, left: activity.left },
    lifecycle: lifecycle(weeks, asOf),
    health: healthScore({ weeks, asOf, cohorts, layers: activity.counts }),
    alerts: alerts({
      asOf,
      now: nowForSilence.toISOString(),
      groups: groups.map((g) => ({
        groupId: g.id,
        name: g.name,
        lastMessageAt: factsById.get(g.id)?.lastMessageAt?.toISOString() ?? null,
        weeks: groupWeeks.get(g.id) ?? [],
      })),
      members,
      inviters: inviters.map((i) => ({ ...i, groupId: null })),
      moderation: [{ groupId: null, days: moderation }],
    }),
    funnel: funnel(entries, { from: request.from ?? firstDay, to: asOf }),
    groups: groups.map((g) => {
      const f = factsById.get(g.id);
      const w = groupWeeks.get(g.id) ?? [];
      return {
        id: g.id,
        name: g.name,
        platform: g.platform,
        type: g.type,
        messages: f?.messages ?? 0,
        joins: f?.joins ?? 0,
        leaves: f?.leaves ?? 0,
        members: f?.members ?? 0,
        activeMembers: f?.activeMembers ?? 0,
        activityRate: round4(activityRate(f?.activeMembers ?? 0, f?.members ?? 0)),
        lastMessageAt: f?.lastMessageAt?.toISOString() ?? null,
        lifecycle: lifecycle(w, asOf),
        health: healthScore({ weeks: w, asOf }),
      };
    }),
  };
  if (process.env.QUNZHU_PROFILE) {
    const done = performance.now();
    process.stderr.write(
      `report: ${Math.round(queried - started)} ms reading, ${Math.round(done - queried)} ms of analytics math\n`,
    );
  }
  return report;
};

/** What the report takes from the members alone: their layers, and how many are in and active. */
const memberFigures = (members: MemberActivity[], asOf: string) => {
  const weekAgo = addDays(asOf, -7);
  return {
    members,
    // The counts only: the report lists no member's layer.
    activity: activityLayers(members, asOf, undefined, { listMembers: false }),
    loyalty: loyaltyLayers(members, asOf, undefined, { listMembers: false }),
    present: members.filter((m) => m.present).length,
    active7: members.filter((m) => m.lastMessage !== null && m.lastMessage > weekAgo && m.lastMessage <= asOf).length,
    active30: members.filter((m) => m.activeDays30 > 0).length,
  };
};

type Jobs<R> = { [K in keyof R]: (a: AnalyticsRepository) => Promise<R[K]> };

/** Run the jobs over the repositories, each repository doing one at a time, in the jobs' order. */
const runOnEach = async <R extends Record<string, unknown>>(
  repos: readonly AnalyticsRepository[],
  jobs: Jobs<R>,
): Promise<R> => {
  const queue = Object.entries(jobs) as [keyof R, (a: AnalyticsRepository) => Promise<unknown>][];
  const out: Partial<R> = {};
  await Promise.all(
    repos.map(async (repo) => {
      for (let job = queue.shift(); job; job = queue.shift()) out[job[0]] = (await job[1](repo)) as R[keyof R];
    }),
  );
  return out as R;
};
