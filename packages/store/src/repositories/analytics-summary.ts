import type { MemberActivity } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import type { AnalyticsScope } from './analytics.js';
import { COHORT_WEEKS } from './rollups.js';
import { DAY_NUMBER, dayOfNumber, MONTH_START, WEEK_START } from './rows.js';

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

/** The columns of memberActivity's one row, each a JSON array with an entry per member. */
const MEMBER_COLUMNS = [
  'id',
  'name',
  'first_seen',
  'last_seen',
  'last_message',
  'total',
  'm30',
  'd30',
  'm90',
  'prior60',
  'present',
] as const;

/**
 * One row per member of the scope, as a relation: member_totals for the whole community, the
 * group's member_summaries for one group. Columns: member_id, first_day, last_day,
 * last_message_day, messages, last_joins, last_leaves (of the last day), first_weeks.
 */
const perMember = (f: SummaryScope): string =>
  f.key === 0
    ? 'select * from member_totals where community_id = $1'
    : `select * from member_summaries where community_id = $1 and group_id = ${f.key}`;

/** The report's queries over group_days, member_summaries and active_counts (see 0003-summary-rollups). */
export const summaryQueries = (db: Db) => ({
  async totals(f: SummaryScope) {
    const { rows } = await db.query(
      `select gd.messages, gd.joins, gd.leaves, ms.members, ms.active
       from (select coalesce(sum(messages), 0) as messages, coalesce(sum(joins), 0) as joins,
                    coalesce(sum(leaves), 0) as leaves
             from group_days where ${inScope(f)}) gd,
            (select count(*) as members, count(*) filter (where messages > 0) as active from (${perMember(f)}) pm) ms`,
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
    const label = period === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
    const ownActive = period === 'day' && f.key !== 0;
    // Days first, then months: the month of a few hundred days rather than of every group's day.
    const days = `select day as start, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves,
                         sum(active_members) as group_active
                  from group_days where ${inScope(f)} group by 1`;
    const { rows } = await db.query(
      `with d as (${
        period === 'day'
          ? days
          : `select ${MONTH_START('start')} as start, sum(messages) as messages, sum(joins) as joins,
                    sum(leaves) as leaves
             from (${days}) days group by 1`
      })
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
   * Weekly points. members(t) changes only on a member's first day (in), on a day with more leaves
   * than joins (out), and on the first day seen after an out day (back in). Every member adds one in
   * the week of their first day (first_seen_weeks counts them); only the few out days are then put
   * in order, per member, with the day each was followed by (most who leave never come back, and
   * their summaries say so without a look into member_days). Out takes one away if the member was in: before their first out day
   * (taking back the first day's one when they left that very day), or back since the previous out.
   * Back in adds one unless that day is itself an out day.
   */
  async weekly(f: SummaryScope, perGroup: boolean) {
    const g = perGroup ? 'group_id' : `${f.key}::bigint`;
    // Members first seen in each week: per group, or in the scope (the community is group 0).
    const firstWeeks = `select ${g} as g, week, members as n from first_seen_weeks
                        where community_id = $1 and group_id ${perGroup && f.key === 0 ? '<> 0' : `= ${f.key}`}`;
    // Out days: more leaves than joins that day, in the group, or summed over the groups in scope
    // (only rows with a join or a leave count, so both are read from the index of them, migration 17).
    const outs = perGroup
      ? `select group_id as g, member_id, day from member_days where ${inScope(f)} and leaves > 0 and leaves > joins`
      : `select ${g} as g, member_id, day from member_days
         where ${inScope(f)} and (joins > 0 or leaves > 0)
         group by member_id, day having sum(leaves) > sum(joins)`;
    // The last day in the summary of a member with an out day, looked up by its key: they are few
    // among the members (a join would hash every summary of the community).
    const lastDayOf =
      perGroup || f.key !== 0
        ? `(select s.last_day from member_summaries s
            where s.community_id = $1 and s.group_id = o.g and s.member_id = o.member_id)`
        : `(select s.last_day from member_totals s where s.community_id = $1 and s.member_id = o.member_id)`;
    const { rows } = await db.query(
      `with act as (
         select ${g} as g, ${WEEK_START('day')} as week, sum(messages) as messages, sum(joins) as joins,
                sum(leaves) as leaves
         from group_days where ${inScope(f)} group by 1, 2
       ),
       first_weeks as (${firstWeeks}),
       outs as (${outs}),
       out_nexts as (
         select o.g, o.member_id, o.day,
                case when ${lastDayOf} > o.day then (
                  select min(x.day) from member_days x
                  where ${inScope(f, 'x.')} and x.member_id = o.member_id and x.day > o.day
                    ${perGroup ? 'and x.group_id = o.g' : ''}
                ) end as next
         from outs o
       ),
       moves as (
         select g, day, next, lag(next) over w as back_before, lead(day) over w as next_out
         from out_nexts window w as (partition by g, member_id order by day)
       ),
       changes as (
         select g, week, sum(delta) as delta from (
           select g, week, n as delta from first_weeks
           union all
           select g, ${WEEK_START('day')}, -1 from moves where back_before is null or back_before < day
           union all
           select g, ${WEEK_START('next')}, 1 from moves where next is not null and next is distinct from next_out
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

  /**
   * The top posters by their summaries; their active days are member_totals' for the community, and
   * counted from member_days for one group.
   */
  async topMembers(f: SummaryScope, limit: number) {
    const days =
      f.key === 0
        ? 't.active_days'
        : `(select count(*) from member_days x
            where ${inScope(f, 'x.')} and x.member_id = t.member_id and x.messages > 0)`;
    const { rows } = await db.query(
      `with t as (
         select member_id, messages${f.key === 0 ? ', active_days' : ''} from (${perMember(f)}) pm
         where messages > 0 order by 2 desc, 1 limit $2
       )
       select t.member_id, m.display_name, t.messages, ${days} as days
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
   * Cohorts by first-seen week, from each member's bits of active weeks in the 13 weeks from their
   * first (first_weeks). Rows as the member_days query gives them: (cohort, k, n, size).
   */
  async cohorts(f: SummaryScope) {
    const ks = Array.from({ length: COHORT_WEEKS }, (_, k) => k);
    const { rows } = await db.query(
      `with members as (select ${WEEK_START('first_day')} as cohort, first_weeks as weeks from (${perMember(f)}) pm)
       select to_char(cohort, 'YYYY-MM-DD') as cohort, count(*) as size,
              ${ks.map((k) => `count(*) filter (where weeks & ${1 << k} <> 0) as k${k}`).join(', ')}
       from members group by cohort order by cohort`,
      [f.communityId],
    );
    return rows.flatMap((r) => ks.map((k) => ({ cohort: r.cohort, k, n: r[`k${k}`], size: r.size })));
  },

  /**
   * Members from their summaries; the latest state is the joins and leaves of their last day (over
   * the groups of the scope). Only the last 90 days of member_days are read: for the community a
   * scan of those rows, for one group its days (the key of member_days leads with the group).
   *
   * Tens of thousands of members come back as one row of JSON arrays, a column each (every
   * aggregate of one pass sees the rows in the same order): reading them row by row cost more than
   * the query itself. Without `names` the members' names are neither joined nor sent (left empty):
   * the report looks up only those its alerts name.
   */
  async memberActivity(f: SummaryScope, names = true): Promise<MemberActivity[]> {
    const columns = names ? MEMBER_COLUMNS : MEMBER_COLUMNS.filter((c) => c !== 'name');
    const { rows } = await db.query(
      `with recent as (
         select member_id,
                sum(messages) filter (where day > $2::date - 30) as m30,
                -- Distinct days as bits (day k before asOf: bit k), so that rows hash by member with no sort.
                bit_count(bit_or(case when messages > 0 and day > $2::date - 30 then 1::bigint << ($2::date - day)
                                      else 0 end)::bit(64)) as d30,
                sum(messages) as m90,
                sum(messages) filter (where day > $2::date - 74 and day <= $2::date - 14) as prior60
         from member_days
         where ${inScope(f)} and day > $2::date - 90 and day <= $2::date
         group by member_id
       ),
       activity as (
         select s.member_id as id, ${names ? 'm.display_name as name,' : ''}
                ${DAY_NUMBER('s.first_day')} as first_seen, ${DAY_NUMBER('s.last_day')} as last_seen,
                ${DAY_NUMBER('s.last_message_day')} as last_message, s.messages as total,
                coalesce(r.m30, 0) as m30, coalesce(r.d30, 0) as d30, coalesce(r.m90, 0) as m90,
                coalesce(r.prior60, 0) as prior60, s.last_leaves <= s.last_joins as present
         from (${perMember(f)}) s
         ${names ? 'join members m on m.community_id = $1 and m.id = s.member_id' : ''}
         left join recent r on r.member_id = s.member_id
         order by s.member_id
       )
       select ${columns.map((c) => `coalesce(json_agg(${c}), '[]') as ${c}`).join(', ')} from activity`,
      [f.communityId, f.asOf],
    );
    const c = rows[0] as Record<(typeof MEMBER_COLUMNS)[number], unknown[]>;
    return c.id.map((id, i) => {
      const present = c.present[i] === true;
      const lastSeen = dayOfNumber(c.last_seen[i]);
      const lastMessage = c.last_message[i];
      return {
        memberId: Number(id),
        name: names ? String(c.name[i]) : '',
        firstSeen: dayOfNumber(c.first_seen[i]),
        lastSeen,
        lastMessage: lastMessage == null ? null : dayOfNumber(lastMessage),
        present,
        // The summaries' latest state is that of the last day seen.
        leftOn: present ? null : lastSeen,
        messagesTotal: Number(c.total[i]),
        messages30: Number(c.m30[i]),
        activeDays30: Number(c.d30[i]),
        messages90: Number(c.m90[i]),
        messagesPrior60: Number(c.prior60[i]),
      };
    });
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
         -- One pass over the index of members in (group_members_in), not over every membership.
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
