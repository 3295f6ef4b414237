import type { Db } from '../drivers/db.js';
import type { AnalyticsScope } from './analytics.js';
import { COHORT_WEEKS, shiftWeeks } from './rollups.js';

/**
 * A report scope the coarse rollups answer exactly: the community's zone, no start day, no rollup
 * after `asOf` (so "up to `to`" is the whole history), and the whole community or one group.
 * `key` is the active_counts key of the scope (0 for the community, else the group).
 */
export type SummaryScope = { communityId: number; key: number; groups: number[]; asOf: string };

/**
 * The rows of the scope in a table with community_id and group_id (`$1` is the community). The group
 * is written into the SQL, as a whole number from the store: the whole community then has no group
 * condition at all, rather than a list of every group to test each row against.
 */
const inScope = (f: SummaryScope, alias = ''): string =>
  `${alias}community_id = $1${f.key === 0 ? '' : ` and ${alias}group_id = ${f.key}`}`;

/** The scope as read from the coarse rollups, or null when only member_days can answer it. */
export const summaryScope = async (db: Db, s: AnalyticsScope): Promise<SummaryScope | null> => {
  if (s.tz !== s.communityTz || s.from !== undefined) return null;
  if (s.groupIds && s.groupIds.length !== 1) return null;
  const groups = s.groupIds
    ? [...s.groupIds]
    : (
        await db.query<{ id: number }>('select id from groups where community_id = $1 order by id', [s.communityId])
      ).rows.map((r) => Number(r.id));
  const { rows } = await db.query<{ late: boolean }>(
    `select exists (select 1 from group_days where community_id = $1 and group_id = any($2::bigint[]) and day > $3::date) as late`,
    [s.communityId, groups, s.asOf],
  );
  if (rows[0]?.late) return null;
  const key = s.groupIds?.[0] ?? 0;
  if (!Number.isSafeInteger(key)) return null;
  return { communityId: s.communityId, key, groups, asOf: s.asOf };
};

const num = (v: unknown): number => Number(v ?? 0);

/** The report's queries over group_days, member_summaries and active_counts (see 0003-summary-rollups). */
export const summaryQueries = (db: Db) => ({
  async totals(f: SummaryScope) {
    const { rows } = await db.query(
      `select gd.messages, gd.joins, gd.leaves, ms.members, ms.active
       from (select coalesce(sum(messages), 0) as messages, coalesce(sum(joins), 0) as joins,
                    coalesce(sum(leaves), 0) as leaves
             from group_days where ${inScope(f)}) gd,
            (select count(distinct member_id) as members, count(distinct member_id) filter (where messages > 0) as active
             from member_summaries where ${inScope(f)}) ms`,
      [f.communityId],
    );
    const r = rows[0] ?? {};
    return {
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      members: num(r.members),
      activeMembers: num(r.active),
    };
  },

  /**
   * Sums per day or month from group_days; distinct active members from active_counts, or for one
   * group's days from group_days itself.
   */
  async series(f: SummaryScope, period: 'day' | 'month') {
    const bucket = period === 'day' ? 'day' : `date_trunc('month', day)::date`;
    const label = period === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
    const ownActive = period === 'day' && f.key !== 0;
    const { rows } = await db.query(
      `with d as (
         select ${bucket} as start, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves,
                sum(active_members) as group_active
         from group_days where ${inScope(f)} group by 1
       )
       select to_char(d.start, '${label}') as label, d.messages, d.joins, d.leaves,
              ${ownActive ? 'd.group_active' : 'coalesce(a.members, 0)'} as active
       from d ${
         ownActive
           ? ''
           : `left join active_counts a
                on a.community_id = $1 and a.group_id = ${f.key} and a.period = '${period}' and a.start = d.start`
}
       order by d.start`,
      [f.communityId],
    );
    return rows.map((r) => ({
      label: String(r.label),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
    }));
  },

  /**
   * Weekly points. members(t) changes only on a member's first day, on a day with more leaves than
   * joins (out), and on the first day after an out day (back in): a member never out adds one in the
   * week of their first day, and only members with an out day have their few days put in order.
   */
  async weekly(f: SummaryScope, perGroup: boolean) {
    const g = perGroup ? 'group_id' : `${f.key}::bigint`;
    const firsts = perGroup
      ? `select group_id as g, member_id, first_day as day from member_summaries where ${inScope(f)}`
      : `select ${g} as g, member_id, min(first_day) as day from member_summaries where ${inScope(f)} group by member_id`;
    // Out days: more leaves than joins that day, in the group, or summed over the groups in scope.
    const outs = perGroup
      ? `select group_id as g, member_id, day from member_days where ${inScope(f)} and leaves > 0 and leaves > joins`
      : `select ${g} as g, c.member_id, c.day
         from (select distinct member_id, day from member_days where ${inScope(f)} and leaves > 0) c
         cross join lateral (
           select sum(x.leaves) as leaves, sum(x.joins) as joins from member_days x
           where ${inScope(f, 'x.')} and x.member_id = c.member_id and x.day = c.day
         ) t
         where t.leaves > t.joins`;
    const lasts = perGroup
      ? `select group_id as g, member_id, last_day from member_summaries where ${inScope(f)}`
      : `select ${g} as g, member_id, max(last_day) as last_day from member_summaries where ${inScope(f)} group by member_id`;
    const { rows } = await db.query(
      `with act as (
         select ${g} as g, date_trunc('week', day)::date as week, sum(messages) as messages, sum(joins) as joins,
                sum(leaves) as leaves
         from group_days where ${inScope(f)} group by 1, 2
       ),
       firsts as (${firsts}),
       outs as (${outs}),
       out_members as (select distinct g, member_id from outs),
       nexts as (
         select o.g, o.member_id, n.day from outs o
         -- Only a member seen after an out day has a next day: most who leave never come back, and
         -- their summaries say so without a look into member_days.
         join (${lasts}) l on l.g = o.g and l.member_id = o.member_id and l.last_day > o.day
         cross join lateral (
           select min(x.day) as day from member_days x
           where ${inScope(f, 'x.')} and x.member_id = o.member_id and x.day > o.day
             ${perGroup ? 'and x.group_id = o.g' : ''}
         ) n
         where n.day is not null
       ),
       points as (
         select f.g, f.member_id, f.day from firsts f join out_members o on o.g = f.g and o.member_id = f.member_id
         union select g, member_id, day from outs union select g, member_id, day from nexts
       ),
       states as (
         select p.g, p.member_id, p.day, case when o.member_id is null then 1 else 0 end as state
         from points p left join outs o on o.g = p.g and o.member_id = p.member_id and o.day = p.day
       ),
       lagged as (
         select g, day, state, lag(state) over (partition by g, member_id order by day) as prev from states
       ),
       changes as (
         select g, week, sum(delta) as delta from (
           select g, date_trunc('week', day)::date as week, count(*) as delta from firsts f
           where not exists (select 1 from out_members o where o.g = f.g and o.member_id = f.member_id)
           group by 1, 2
           union all
           select g, date_trunc('week', day)::date,
                  sum(case when state = 1 and coalesce(prev, 0) = 0 then 1 when state = 0 and prev = 1 then -1 else 0 end)
           from lagged group by 1, 2
         ) d group by 1, 2
       ),
       weeks as (select g, week from act union select g, week from changes),
       members_by_week as (
         select w.g, w.week, sum(coalesce(c.delta, 0)) over (partition by w.g order by w.week) as members
         from weeks w left join changes c on c.g = w.g and c.week = w.week
       )
       select a.g, to_char(a.week, 'YYYY-MM-DD') as week, a.messages, a.joins, a.leaves,
              coalesce(ac.members, 0) as active, coalesce(m.members, 0) as members
       from act a
       left join members_by_week m on m.g = a.g and m.week = a.week
       left join active_counts ac on ac.community_id = $1 and ac.group_id = a.g and ac.period = 'week' and ac.start = a.week
       order by a.g, a.week`,
      [f.communityId],
    );
    return rows.map((r) => ({
      groupId: perGroup ? num(r.g) : null,
      week: String(r.week),
      messages: num(r.messages),
      joins: num(r.joins),
      leaves: num(r.leaves),
      activeMembers: num(r.active),
      members: num(r.members),
    }));
  },

  /** The top posters by their summaries; only their active days are counted from member_days. */
  async topMembers(f: SummaryScope, limit: number) {
    const { rows } = await db.query(
      `with t as (
         select member_id, sum(messages) as messages from member_summaries where ${inScope(f)}
         group by member_id having sum(messages) > 0 order by 2 desc, 1 limit $2
       )
       select t.member_id, m.display_name, t.messages,
              (select count(distinct x.day) from member_days x
               where ${inScope(f, 'x.')} and x.member_id = t.member_id and x.messages > 0) as days
       from t join members m on m.community_id = $1 and m.id = t.member_id
       order by t.messages desc, t.member_id`,
      [f.communityId, limit],
    );
    return rows.map((r) => ({
      memberId: num(r.member_id),
      name: String(r.display_name),
      messages: num(r.messages),
      activeDays: num(r.days),
    }));
  },

  /**
   * Cohorts by first-seen week, from each member's bits of active weeks (member_summaries.first_weeks,
   * per group, moved to the member's first week in the scope and joined). Rows as the member_days
   * query gives them: (cohort, k, n, size).
   */
  async cohorts(f: SummaryScope) {
    const ks = Array.from({ length: COHORT_WEEKS }, (_, k) => k);
    const { rows } = await db.query(
      `with per as (
         select member_id, date_trunc('week', first_day)::date as week, first_weeks,
                min(date_trunc('week', first_day)::date) over (partition by member_id) as cohort
         from member_summaries where ${inScope(f)}
       ),
       members as (
         select cohort, bit_or(${shiftWeeks('first_weeks', '(week - cohort) / 7')}) as weeks
         from per group by member_id, cohort
       )
       select to_char(cohort, 'YYYY-MM-DD') as cohort, count(*) as size,
              ${ks.map((k) => `count(*) filter (where weeks & ${1 << k} <> 0) as k${k}`).join(', ')}
       from members group by cohort order by cohort`,
      [f.communityId],
    );
    return rows.flatMap((r) => ks.map((k) => ({ cohort: r.cohort, k, n: r[`k${k}`], size: r.size })));
  },

  /**
   * Members from their summaries; the latest state is the joins and leaves of the last day, summed
   * over the groups whose last day it is. Only the last 90 days of member_days are read (by day
   * within each group of the scope: the key of member_days leads with the group).
   */
  async memberActivity(f: SummaryScope) {
    const { rows } = await db.query(
      `with per as (
         select member_id, first_day, last_day, last_message_day, messages, last_joins, last_leaves,
                max(last_day) over (partition by member_id) as latest
         from member_summaries where ${inScope(f)}
       ),
       sums as (
         select member_id, min(first_day) as first_day, max(last_day) as last_day,
                max(last_message_day) as last_message, sum(messages) as total,
                sum(last_joins) filter (where last_day = latest) as joins,
                sum(last_leaves) filter (where last_day = latest) as leaves
         from per group by member_id
       ),
       recent as (
         select member_id,
                sum(messages) filter (where day > $3::date - 30) as m30,
                count(distinct day) filter (where messages > 0 and day > $3::date - 30) as d30,
                sum(messages) as m90,
                sum(messages) filter (where day > $3::date - 74 and day <= $3::date - 14) as prior60
         from member_days
         where community_id = $1 and group_id = any($2::bigint[]) and day > $3::date - 90 and day <= $3::date
         group by member_id
       )
       select s.member_id, m.display_name,
              to_char(s.first_day, 'YYYY-MM-DD') as first_seen, to_char(s.last_day, 'YYYY-MM-DD') as last_seen,
              to_char(s.last_message, 'YYYY-MM-DD') as last_message, s.total,
              coalesce(r.m30, 0) as m30, coalesce(r.d30, 0) as d30, coalesce(r.m90, 0) as m90,
              coalesce(r.prior60, 0) as prior60,
              case when s.leaves > s.joins then 0 else 1 end as present, to_char(s.last_day, 'YYYY-MM-DD') as state_day
       from sums s
       join members m on m.community_id = $1 and m.id = s.member_id
       left join recent r on r.member_id = s.member_id
       order by s.member_id`,
      [f.communityId, f.groups, f.asOf],
    );
    return rows;
  },

  async groupFacts(f: SummaryScope) {
    const { rows } = await db.query(
      `select g.id as group_id, coalesce(gd.messages, 0) as messages, coalesce(gd.joins, 0) as joins,
              coalesce(gd.leaves, 0) as leaves, coalesce(ms.active, 0) as active, coalesce(gm.members, 0) as members,
              (select max(e.at) from events e where e.community_id = g.community_id and e.group_id = g.id and e.type = 'message') as last_message_at
       from groups g
       left join (
         select group_id, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves from group_days
         where ${inScope(f)} group by group_id
       ) gd on gd.group_id = g.id
       left join (
         select group_id, count(*) filter (where messages > 0) as active from member_summaries
         where ${inScope(f)} group by group_id
       ) ms on ms.group_id = g.id
       left join (
         -- One pass over the memberships rather than an index walk per group.
         select group_id, count(*) as members from group_members
         where community_id = $1${f.key === 0 ? '' : ` and group_id = ${f.key}`} and status = 'in' group by group_id
       ) gm on gm.group_id = g.id
       where g.community_id = $1${f.key === 0 ? '' : ` and g.id = ${f.key}`}
       order by g.id`,
      [f.communityId],
    );
    return rows;
  },

  async funnelEntries(f: SummaryScope) {
    const { rows } = await db.query(
      `select s.member_id,
              to_char(min(s.first_day) filter (where g.type = 'lead'), 'YYYY-MM-DD') as lead,
              to_char(min(s.first_day) filter (where g.type = 'conversion'), 'YYYY-MM-DD') as conversion,
              to_char(min(s.first_day) filter (where g.type = 'fan'), 'YYYY-MM-DD') as fan
       from member_summaries s join groups g on g.community_id = s.community_id and g.id = s.group_id
       where ${inScope(f, 's.')} and g.type in ('lead', 'conversion', 'fan')
       group by s.member_id`,
      [f.communityId],
    );
    return rows;
  },
});
