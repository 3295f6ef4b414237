import type { CohortInput, MemberActivity, WeekPoint } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { type SummaryScope, summaryQueries, summaryScope } from './analytics-summary.js';
import { DAY_NUMBER, dayOfNumber, toDate } from './rows.js';

/** What a report covers. Days are YYYY-MM-DD in `tz`; `to` is inclusive. */
export type AnalyticsScope = {
  communityId: number;
  /** Only these groups; all of the community's when absent. */
  groupIds?: readonly number[];
  from?: string;
  to?: string;
  /** The community's zone reads the rollups; any other zone recuts days from the events (slower). */
  tz: string;
  communityTz: string;
  /** The day "now" is read at: `to`, or today. */
  asOf: string;
};

export type Totals = { messages: number; joins: number; leaves: number; members: number; activeMembers: number };
export type DayPoint = { day: string; messages: number; joins: number; leaves: number; activeMembers: number };
export type MonthPoint = { month: string; messages: number; joins: number; leaves: number; activeMembers: number };
export type TopMember = { memberId: number; name: string; messages: number; activeDays: number };
export type GroupFacts = {
  groupId: number;
  messages: number;
  joins: number;
  leaves: number;
  members: number;
  activeMembers: number;
  lastMessageAt: Date | null;
};

const num = (v: unknown): number => Number(v ?? 0);

/**
 * Read-only queries over the rollups that feed the analytics math in core. Every query is scoped by
 * community, groups and dates; none reads raw events unless the report asks for a zone other than
 * the community's. A scope over the whole history of the community or of one group is answered from
 * the coarse rollups (member_summaries, active_counts, group_days: see analytics-summary.ts); any
 * other scope (a start day, several groups) from member_days, with the same results.
 */
export class AnalyticsRepository {
  private readonly scopes = new WeakMap<AnalyticsScope, Promise<SummaryScope | null>>();
  private readonly summary: ReturnType<typeof summaryQueries>;

  constructor(
    private readonly db: Db,
    /** Answer from the coarse rollups where they can (always, except to compare both ways in tests). */
    private readonly useSummaries = true,
  ) {
    this.summary = summaryQueries(db);
  }

  /** The scope as the coarse rollups read it, once per scope object; null: read member_days. */
  private fast(s: AnalyticsScope): Promise<SummaryScope | null> {
    if (!this.useSummaries) return Promise.resolve(null);
    let f = this.scopes.get(s);
    if (!f) {
      f = summaryScope(this.db, s);
      this.scopes.set(s, f);
    }
    return f;
  }

  /** The member-day rows in scope, as a FROM clause: the rollup, or events recut in another zone. */
  private source(s: AnalyticsScope, params: unknown[]): string {
    params.push(s.communityId, s.groupIds ? [...s.groupIds] : null, s.from ?? null, s.to ?? null);
    const [c, g, f, t] = [params.length - 3, params.length - 2, params.length - 1, params.length];
    if (s.tz === s.communityTz) {
      return `(select * from member_days where community_id = $${c}
                and ($${g}::bigint[] is null or group_id = any($${g}::bigint[]))
                and ($${f}::date is null or day >= $${f}::date) and ($${t}::date is null or day <= $${t}::date)) md`;
    }
    params.push(s.tz);
    const z = params.length;
    return `(select community_id, group_id, member_id, (at at time zone $${z})::date as day,
                    count(*) filter (where type = 'message')::int as messages,
                    count(*) filter (where type = 'join')::int as joins,
                    count(*) filter (where type = 'leave')::int as leaves, count(*)::int as events
             from events where community_id = $${c}
               and ($${g}::bigint[] is null or group_id = any($${g}::bigint[]))
               and ($${f}::date is null or (at at time zone $${z})::date >= $${f}::date)
               and ($${t}::date is null or (at at time zone $${z})::date <= $${t}::date)
             group by 1, 2, 3, 4) md`;
  }

  async totals(s: AnalyticsScope): Promise<Totals> {
    const f = await this.fast(s);
    if (f) return this.summary.totals(f);
    const params: unknown[] = [];
    const { rows } = await this.db.query(
      `select coalesce(sum(messages), 0) as messages, coalesce(sum(joins), 0) as joins, coalesce(sum(leaves), 0) as leaves,
              count(distinct member_id) as members, count(distinct member_id) filter (where messages > 0) as active
       from ${this.source(s, params)}`,
      params,
    );
    const r = rows[0] ?? {};
    return {
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      members: num(r.members),
      activeMembers: num(r.active),
    };
  }

  async daily(s: AnalyticsScope): Promise<DayPoint[]> {
    const f = await this.fast(s);
    if (f) return (await this.summary.series(f, 'day')).map(({ label, ...r }) => ({ day: label, ...r }));
    const params: unknown[] = [];
    const { rows } = await this.db.query(
      `select to_char(day, 'YYYY-MM-DD') as day, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves,
              count(distinct member_id) filter (where messages > 0) as active
       from ${this.source(s, params)} group by day order by day`,
      params,
    );
    return rows.map((r) => ({
      day: String(r.day),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
    }));
  }

  async monthly(s: AnalyticsScope): Promise<MonthPoint[]> {
    const f = await this.fast(s);
    if (f) return (await this.summary.series(f, 'month')).map(({ label, ...r }) => ({ month: label, ...r }));
    const params: unknown[] = [];
    const { rows } = await this.db.query(
      `select to_char(day, 'YYYY-MM') as month, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves,
              count(distinct member_id) filter (where messages > 0) as active
       from ${this.source(s, params)} group by 1 order by 1`,
      params,
    );
    return rows.map((r) => ({
      month: String(r.month),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
    }));
  }

  /**
   * Weekly points with members(end of week): a member is in from their first event or a join, out
   * after a day whose leaves outnumber its joins, back in with a later join or message.
   */
  async weekly(s: AnalyticsScope, perGroup = false): Promise<(WeekPoint & { groupId: number | null })[]> {
    const f = await this.fast(s);
    if (f) return this.summary.weekly(f, perGroup);
    const params: unknown[] = [];
    // g = the group, or 0 for the whole scope (ids start at 1), so joins stay plain equalities.
    const key = perGroup ? 'group_id' : '0::bigint';
    const { rows } = await this.db.query(
      `with md as (select * from ${this.source(s, params)}),
       per_day as (
         select ${key} as g, member_id, day, sum(joins) as joins, sum(leaves) as leaves
         from md group by 1, 2, 3
       ),
       states as (
         select g, member_id, day, case when leaves > joins then 0 else 1 end as state,
                lag(case when leaves > joins then 0 else 1 end) over (partition by g, member_id order by day) as prev
         from per_day
       ),
       changes as (
         select g, date_trunc('week', day)::date as week,
                sum(case when state = 1 and coalesce(prev, 0) = 0 then 1 when state = 0 and prev = 1 then -1 else 0 end) as delta
         from states group by 1, 2
       ),
       activity as (
         select ${key} as g, date_trunc('week', day)::date as week, sum(messages) as messages,
                sum(joins) as joins, sum(leaves) as leaves, count(distinct member_id) filter (where messages > 0) as active
         from md group by 1, 2
       ),
       weeks as (select g, week from activity union select g, week from changes),
       members_by_week as (
         select w.g, w.week, sum(coalesce(c.delta, 0)) over (partition by w.g order by w.week) as members
         from weeks w left join changes c on c.g = w.g and c.week = w.week
       )
       select nullif(a.g, 0) as group_id, to_char(a.week, 'YYYY-MM-DD') as week, a.messages, a.joins, a.leaves, a.active,
              coalesce(m.members, 0) as members
       from activity a left join members_by_week m on m.g = a.g and m.week = a.week
       order by a.g, a.week`,
      params,
    );
    return rows.map((r) => ({
      groupId: r.group_id == null ? null : num(r.group_id),
      week: String(r.week),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
      members: num(r.members),
    }));
  }

  async topMembers(s: AnalyticsScope, limit: number): Promise<TopMember[]> {
    const f = await this.fast(s);
    if (f) return this.summary.topMembers(f, limit);
    const params: unknown[] = [];
    const src = this.source(s, params);
    params.push(limit);
    const { rows } = await this.db.query(
      `select md.member_id, m.display_name, sum(md.messages) as messages, count(distinct md.day) filter (where md.messages > 0) as days
       from ${src} join members m on m.community_id = md.community_id and m.id = md.member_id
       group by md.member_id, m.display_name having sum(md.messages) > 0
       order by sum(md.messages) desc, md.member_id limit $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      memberId: num(r.member_id),
      name: String(r.display_name),
      messages: num(r.messages),
      activeDays: num(r.days),
    }));
  }

  /** Weekly cohorts by first-seen week, and how many of each posted in each of the 13 weeks after. */
  async cohorts(s: AnalyticsScope): Promise<CohortInput[]> {
    const f = await this.fast(s);
    const params: unknown[] = [];
    const { rows } = f
      ? { rows: await this.summary.cohorts(f) }
      : await this.db.query(
          `with md as (select * from ${this.source(s, params)}),
       firsts as (select member_id, date_trunc('week', min(day))::date as cohort from md group by member_id),
       sizes as (select cohort, count(*) as size from firsts group by cohort),
       active as (select distinct member_id, date_trunc('week', day)::date as week from md where messages > 0)
       select to_char(f.cohort, 'YYYY-MM-DD') as cohort, (a.week - f.cohort) / 7 as k, count(*) as n, min(sz.size) as size
       from firsts f join sizes sz on sz.cohort = f.cohort
       left join active a on a.member_id = f.member_id and a.week >= f.cohort and a.week <= f.cohort + 84
       group by f.cohort, k order by f.cohort, k`,
          params,
        );
    const cohorts = new Map<string, CohortInput>();
    for (const r of rows) {
      const week = String(r.cohort);
      let c = cohorts.get(week);
      if (!c) {
        c = { week, size: num(r.size), activeInWeek: new Array<number>(13).fill(0) };
        cohorts.set(week, c);
      }
      if (r.k != null) c.activeInWeek[num(r.k)] = num(r.n);
    }
    return [...cohorts.values()];
  }

  /**
   * Every member seen in scope, with what the layers and alerts need, as of `asOf`. With
   * `{ names: false }` names are left empty, for a caller that looks up the few it shows
   * (`memberNames`): on the rollups that spares a join and the sending of every name.
   */
  async memberActivity(s: AnalyticsScope, options: { names?: boolean } = {}): Promise<MemberActivity[]> {
    const names = options.names ?? true;
    const f = await this.fast(s);
    if (f) return this.summary.memberActivity(f, names);
    const params: unknown[] = [];
    const src = this.source(s, params);
    params.push(s.asOf);
    const asOf = `$${params.length}::date`;
    const { rows } = await this.db.query(
      `with md as (select * from ${src}),
       per_day as (select member_id, day, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves from md group by 1, 2),
       last_state as (
         select distinct on (member_id) member_id, day, case when leaves > joins then 0 else 1 end as state
         from per_day where day <= ${asOf} order by member_id, day desc
       )
       select p.member_id, m.display_name,
              ${DAY_NUMBER('min(p.day)')} as first_seen, ${DAY_NUMBER('max(p.day)')} as last_seen,
              ${DAY_NUMBER('max(p.day) filter (where p.messages > 0)')} as last_message,
              sum(p.messages) as total,
              coalesce(sum(p.messages) filter (where p.day > ${asOf} - 30 and p.day <= ${asOf}), 0) as m30,
              count(*) filter (where p.messages > 0 and p.day > ${asOf} - 30 and p.day <= ${asOf}) as d30,
              coalesce(sum(p.messages) filter (where p.day > ${asOf} - 90 and p.day <= ${asOf}), 0) as m90,
              coalesce(sum(p.messages) filter (where p.day > ${asOf} - 74 and p.day <= ${asOf} - 14), 0) as prior60,
              coalesce(min(ls.state), 1) as present, ${DAY_NUMBER('min(ls.day)')} as state_day
       from per_day p
       join members m on m.community_id = $1 and m.id = p.member_id
       left join last_state ls on ls.member_id = p.member_id
       group by p.member_id, m.display_name order by p.member_id`,
      params,
    );
    return rows.map((r) => ({
      memberId: num(r.member_id),
      name: names ? String(r.display_name) : '',
      firstSeen: dayOfNumber(r.first_seen),
      lastSeen: dayOfNumber(r.last_seen),
      lastMessage: r.last_message == null ? null : dayOfNumber(r.last_message),
      present: num(r.present) === 1,
      leftOn: num(r.present) === 1 ? null : dayOfNumber(r.state_day ?? r.last_seen),
      messagesTotal: num(r.total),
      messages30: num(r.m30),
      activeDays30: num(r.d30),
      messages90: num(r.m90),
      messagesPrior60: num(r.prior60),
    }));
  }

  /** The names of these members of the community, by id (ids not of the community are left out). */
  async memberNames(communityId: number, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query(
      'select id, display_name from members where community_id = $1 and id = any($2::bigint[])',
      [communityId, ids],
    );
    return new Map(rows.map((r) => [num(r.id), String(r.display_name)]));
  }

  /** Per group: counts in scope, members now (presence), active members, and the last message time. */
  async groupFacts(s: AnalyticsScope): Promise<GroupFacts[]> {
    const f = await this.fast(s);
    const params: unknown[] = [];
    const src = this.source(s, params);
    const { rows } = f
      ? { rows: await this.summary.groupFacts(f) }
      : await this.db.query(
          `select g.id as group_id, coalesce(sum(md.messages), 0) as messages, coalesce(sum(md.joins), 0) as joins,
              coalesce(sum(md.leaves), 0) as leaves, count(distinct md.member_id) filter (where md.messages > 0) as active,
              (select count(*) from group_members gm where gm.community_id = g.community_id and gm.group_id = g.id and gm.status = 'in') as members,
              (select max(e.at) from events e where e.community_id = g.community_id and e.group_id = g.id and e.type = 'message') as last_message_at
       from groups g left join ${src} on md.group_id = g.id
       where g.community_id = $1 and ($2::bigint[] is null or g.id = any($2::bigint[]))
       group by g.id, g.community_id order by g.id`,
          params,
        );
    return rows.map((r) => ({
      groupId: num(r.group_id),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
      members: num(r.members),
      lastMessageAt: r.last_message_at == null ? null : toDate(r.last_message_at),
    }));
  }

  /** First day each member entered a group of each funnel type (lead, conversion, fan), in scope. */
  async funnelEntries(
    s: AnalyticsScope,
  ): Promise<{ memberId: number; lead: string | null; conversion: string | null; fan: string | null }[]> {
    const params: unknown[] = [];
    // Entering a stage counts from the beginning of history; only the end of the period bounds it.
    const { from: _from, ...untilTo } = s;
    const src = this.source(untilTo, params);
    const f = await this.fast(s);
    const { rows } = f
      ? { rows: await this.summary.funnelEntries(f) }
      : await this.db.query(
          `select md.member_id,
              to_char(min(md.day) filter (where g.type = 'lead'), 'YYYY-MM-DD') as lead,
              to_char(min(md.day) filter (where g.type = 'conversion'), 'YYYY-MM-DD') as conversion,
              to_char(min(md.day) filter (where g.type = 'fan'), 'YYYY-MM-DD') as fan
       from ${src} join groups g on g.community_id = md.community_id and g.id = md.group_id
       where g.type in ('lead', 'conversion', 'fan') group by md.member_id`,
          params,
        );
    return rows.map((r) => ({
      memberId: num(r.member_id),
      lead: r.lead == null ? null : String(r.lead),
      conversion: r.conversion == null ? null : String(r.conversion),
      fan: r.fan == null ? null : String(r.fan),
    }));
  }

  /**
   * Joins credited to each inviter: in the last 7 days (asOf included), and the mean per week over the
   * 8 weeks before. Reads join events of those 9 weeks only (an indexed, recent window).
   */
  async inviterJoins(
    s: AnalyticsScope,
  ): Promise<{ inviterId: number; name: string; joinsLast7Days: number; weeklyMean: number }[]> {
    const { rows } = await this.db.query(
      `with j as (
         select (e.payload->>'inviterMemberId')::bigint as inviter, (e.at at time zone $4)::date as day
         from events e
         where e.community_id = $1 and e.type = 'join' and e.payload ? 'inviterMemberId'
           and ($2::bigint[] is null or e.group_id = any($2::bigint[]))
           and e.at >= ($3::date - 62)::timestamp at time zone $4 and e.at < ($3::date + 1)::timestamp at time zone $4
       )
       select j.inviter, m.display_name, count(*) filter (where j.day > $3::date - 7) as recent,
              count(*) filter (where j.day <= $3::date - 7) as before
       from j join members m on m.community_id = $1 and m.id = j.inviter
       group by 1, 2 order by 1`,
      [s.communityId, s.groupIds ? [...s.groupIds] : null, s.asOf, s.tz],
    );
    return rows.map((r) => ({
      inviterId: num(r.inviter),
      name: String(r.display_name),
      joinsLast7Days: num(r.recent),
      weeklyMean: num(r.before) / 8,
    }));
  }

  /** Moderation actions (delete, mute, remove) per day over the last 30 days. */
  async moderationPerDay(s: AnalyticsScope): Promise<{ day: string; actions: number }[]> {
    const { rows } = await this.db.query(
      `select to_char((at at time zone $4)::date, 'YYYY-MM-DD') as day, count(*) as n from actions
       where community_id = $1 and kind in ('delete', 'mute', 'remove')
         and ($2::bigint[] is null or group_id = any($2::bigint[]))
         and at >= ($3::date - 30)::timestamp at time zone $4 and at < ($3::date + 1)::timestamp at time zone $4
       group by 1 order by 1`,
      [s.communityId, s.groupIds ? [...s.groupIds] : null, s.asOf, s.tz],
    );
    return rows.map((r) => ({ day: String(r.day), actions: num(r.n) }));
  }
}
