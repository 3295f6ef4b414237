import type { Db } from '../drivers/db.js';
import { MONTH_START, WEEK_START } from './rows.js';

/** Weeks from a member's first week whose activity member_summaries.first_weeks keeps (cohorts: weeks 0–12). */
export const COHORT_WEEKS = 13;

/** `mask << weeks` as SQL, kept to the cohort's 13 bits (and no shift past them). */
export const shiftWeeks = (mask: string, weeks: string): string =>
  `(case when ${weeks} >= ${COHORT_WEEKS} then 0 else (${mask} << (${weeks})) & ${(1 << COHORT_WEEKS) - 1} end)`;

/**
 * member_summaries' columns from a relation of (group_id, member_id, day, messages, joins, leaves,
 * events) rows, one per (group, member, day): the SELECT list and FROM of the insert. With
 * `perGroup` false, the rows are one per (member, day) with no group_id, and the columns are
 * member_totals' (no group).
 */
const summariesFrom = (rows: string, perGroup = true, activeDays = false): string => {
  const key = perGroup ? 'group_id, member_id' : 'member_id';
  return `
    select ${key}, min(day) as first_day, max(day) as last_day, max(day) filter (where messages > 0) as last_message_day,
           sum(messages) as messages, sum(events) as events,
           (array_agg(joins order by day desc))[1] as last_joins, (array_agg(leaves order by day desc))[1] as last_leaves,
           bit_or(case when messages > 0 and week < first_week + ${7 * COHORT_WEEKS} then 1 << ((week - first_week) / 7) else 0 end) as first_weeks
           ${activeDays ? ', count(*) filter (where messages > 0) as active_days' : ''}
    from (select r.*, ${WEEK_START('r.day')} as week, ${WEEK_START(`min(r.day) over (partition by ${key})`)} as first_week
          from ${rows} r) r
    group by ${key}`;
};

/** (group, member, day) rows summed over the groups: one per (member, day). */
const perMemberDay = (rows: string): string =>
  `(select member_id, day, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves, sum(events) as events
    from ${rows} pmd group by member_id, day)`;

/**
 * The ON CONFLICT update that folds `excluded` into a summary row of `table` (member_summaries or
 * member_totals): earliest first day, latest last day, the latest day's joins and leaves, and both
 * masks of cohort weeks moved to the earlier first week, then joined.
 */
const foldSummary = (table: string): string => `
      first_day = least(${table}.first_day, excluded.first_day),
      last_day = greatest(${table}.last_day, excluded.last_day),
      last_message_day = greatest(${table}.last_message_day, excluded.last_message_day),
      messages = ${table}.messages + excluded.messages,
      events = ${table}.events + excluded.events,
      last_joins = case when excluded.last_day > ${table}.last_day then excluded.last_joins
                        when excluded.last_day = ${table}.last_day then ${table}.last_joins + excluded.last_joins
                        else ${table}.last_joins end,
      last_leaves = case when excluded.last_day > ${table}.last_day then excluded.last_leaves
                         when excluded.last_day = ${table}.last_day then ${table}.last_leaves + excluded.last_leaves
                         else ${table}.last_leaves end,
      first_weeks = ${shiftWeeks(
        `${table}.first_weeks`,
        `(${WEEK_START(`${table}.first_day`)} - ${WEEK_START(`least(${table}.first_day, excluded.first_day)`)}) / 7`,
      )} | ${shiftWeeks(
        'excluded.first_weeks',
        `(${WEEK_START('excluded.first_day')} - ${WEEK_START(`least(${table}.first_day, excluded.first_day)`)}) / 7`,
      )}`;

/**
 * The CTEs that add a relation of counted deltas to every rollup, for one statement. `deltas` is a
 * CTE name with columns (group_id, member_id, day, messages, joins, leaves, events), one row per
 * (group, member, day); `community` is the SQL of the community id (a parameter).
 *
 * Distinct-active counts (active_counts) grow by one when a member gets their first message of a
 * day, week or month in the community or in a group. Every part of one statement reads the same
 * snapshot, taken before its writes, so "was this member already active in that period?" is asked
 * of member_days as it was, and the new rows of the statement itself are made distinct first.
 * first_seen_weeks moves a member's one to the week of the first day their summary returns.
 */
export const rollupUpkeep = (deltas: string, community: string): string => `
  rollup_md as (
    insert into member_days (community_id, group_id, member_id, day, messages, joins, leaves, events)
    select ${community}, group_id, member_id, day, messages, joins, leaves, events from ${deltas}
    on conflict (community_id, group_id, day, member_id) do update set
      messages = member_days.messages + excluded.messages, joins = member_days.joins + excluded.joins,
      leaves = member_days.leaves + excluded.leaves, events = member_days.events + excluded.events
    returning group_id, member_id, day, messages, events
  ), rollup_stored as (
    -- The statement's member-day rows as stored: new (not there before it: all their events are its
    -- own), and whether they got their first message from it (they had none before).
    select md.group_id, md.member_id, md.day, md.events = d.events as new,
           d.messages > 0 and md.messages = d.messages as first_message
    from rollup_md md join ${deltas} d on d.group_id = md.group_id and d.member_id = md.member_id and d.day = md.day
  ), rollup_pairs as (
    -- The statement's (group, member) summaries, as added to member_summaries.
    ${summariesFrom(deltas)}
  ), rollup_ms as (
    insert into member_summaries (community_id, group_id, member_id, first_day, last_day, last_message_day,
                                  messages, events, last_joins, last_leaves, first_weeks)
    select ${community}, s.* from rollup_pairs s
    on conflict (community_id, group_id, member_id) do update set ${foldSummary('member_summaries')}
    returning group_id, member_id, first_day, events
  ), rollup_newly as (
    -- (group, member, day) rows whose first message this statement added.
    select group_id, member_id, day, ${WEEK_START('day')} as week, ${MONTH_START('day')} as month,
           (${MONTH_START('day')} + interval '1 month')::date as next_month
    from rollup_stored where first_message
  ), rollup_gd as (
    -- A group's day counts each of its members once: the rows that got their first message here.
    insert into group_days (community_id, group_id, day, messages, joins, leaves, events, active_members)
    select ${community}, d.group_id, d.day, sum(d.messages), sum(d.joins), sum(d.leaves), sum(d.events), count(n.member_id)
    from ${deltas} d left join rollup_newly n on n.group_id = d.group_id and n.member_id = d.member_id and n.day = d.day
    group by d.group_id, d.day
    on conflict (community_id, group_id, day) do update set
      messages = group_days.messages + excluded.messages, joins = group_days.joins + excluded.joins,
      leaves = group_days.leaves + excluded.leaves, events = group_days.events + excluded.events,
      active_members = group_days.active_members + excluded.active_members
  ), rollup_seen as (
    -- One look at the member's earlier messages around that day (its week and month, an index range
    -- per row, never a scan of the community): in which periods were they already active?
    select n.group_id, n.member_id, n.day, n.week, n.month, s.*
    from rollup_newly n cross join lateral (
      select coalesce(bool_or(x.day = n.day), false) as had_day,
             coalesce(bool_or(x.day >= n.week and x.day < n.week + 7), false) as had_week,
             coalesce(bool_or(x.day >= n.month and x.day < n.next_month), false) as had_month,
             coalesce(bool_or(x.group_id = n.group_id and x.day >= n.week and x.day < n.week + 7), false) as had_group_week,
             coalesce(bool_or(x.group_id = n.group_id and x.day >= n.month and x.day < n.next_month), false) as had_group_month
      from member_days x
      where x.community_id = ${community} and x.member_id = n.member_id and x.messages > 0
        and x.day >= least(n.week, n.month) and x.day < greatest(n.week + 7, n.next_month)
    ) s
  ), rollup_members as (
    -- The statement's member summaries, as added to member_totals.
    ${summariesFrom(perMemberDay(deltas), false)}
  ), rollup_mt as (
    -- A member's active days grow by the days of the statement on which they had no message before.
    insert into member_totals (community_id, member_id, first_day, last_day, last_message_day,
                               messages, events, last_joins, last_leaves, first_weeks, active_days)
    select ${community}, s.*, coalesce(a.n, 0) from rollup_members s
    left join (select member_id, count(distinct day) as n from rollup_seen where not had_day group by member_id) a
      on a.member_id = s.member_id
    on conflict (community_id, member_id) do update set ${foldSummary('member_totals')},
      active_days = member_totals.active_days + excluded.active_days
    returning member_id, first_day, events
  ), rollup_fresh as (
    select group_id, period, start, count(*) as n from (
      select 0::bigint as group_id, member_id, 'day' as period, day as start from rollup_seen where not had_day
      union select 0, member_id, 'week', week from rollup_seen where not had_week
      union select 0, member_id, 'month', month from rollup_seen where not had_month
      union select group_id, member_id, 'week', week from rollup_seen where not had_group_week
      union select group_id, member_id, 'month', month from rollup_seen where not had_group_month
    ) c group by 1, 2, 3
  ), rollup_ac as (
    insert into active_counts (community_id, group_id, period, start, members)
    select ${community}, group_id, period, start, n from rollup_fresh
    on conflict (community_id, group_id, period, start) do update set members = active_counts.members + excluded.members
  ), rollup_kept_days as (
    -- Members' days on which a group of the statement already had them before it.
    select distinct member_id, day from rollup_stored where not new
  ), rollup_firsts as (
    -- Whose first day this statement set, in a group and (group 0) in the community: the new ones,
    -- all of whose events are this statement's, and those whose history now reaches back before
    -- their first day (an import, events out of order), with \`was\`, the day they were first seen
    -- until now. Only a first day on which the statement stored a new member-day row can be either,
    -- and only the summaries that existed are looked up (a few per import batch, none in a live one).
    select group_id, first_day, was from (
      select ms.group_id, ms.first_day, ms.events = p.events as new,
             case when ms.events <> p.events then (
               select min(x.day) from member_days x
               where x.community_id = ${community} and x.member_id = ms.member_id and x.group_id = ms.group_id
                 and x.day > ms.first_day
             ) end as was
      from rollup_ms ms
      join rollup_pairs p on p.group_id = ms.group_id and p.member_id = ms.member_id and p.first_day = ms.first_day
      join rollup_stored n on n.group_id = ms.group_id and n.member_id = ms.member_id and n.day = ms.first_day and n.new
      union all
      select 0, mt.first_day, mt.events = p.events,
             case when mt.events <> p.events then (
               select min(x.day) from member_days x
               where x.community_id = ${community} and x.member_id = mt.member_id and x.day >= mt.first_day
             ) end
      from rollup_mt mt
      join rollup_members p on p.member_id = mt.member_id and p.first_day = mt.first_day
      -- In the community, no group of the statement had the member on that day before it.
      left join rollup_kept_days k on k.member_id = mt.member_id and k.day = mt.first_day
      where k.member_id is null
    ) f
    -- (A summary another transaction added meanwhile has no earlier day in this statement's
    -- snapshot: its first day counts in its own week, once.)
    where new or was > first_day
  ), rollup_fsw as (
    insert into first_seen_weeks (community_id, group_id, week, members)
    select ${community}, group_id, week, sum(n) from (
      select group_id, ${WEEK_START('first_day')} as week, 1 as n from rollup_firsts
      union all select group_id, ${WEEK_START('was')}, -1 from rollup_firsts where was is not null
    ) w group by group_id, week having sum(n) <> 0
    on conflict (community_id, group_id, week) do update set members = first_seen_weeks.members + excluded.members
  )`;

/** Every rollup table: each has a community_id and no foreign key to the community. */
export const ROLLUP_TABLES = [
  'member_days',
  'group_days',
  'member_summaries',
  'member_totals',
  'active_counts',
  'first_seen_weeks',
] as const;

/**
 * Rollups per (group, member, day), (group, day), (group, member), member, distinct-active counts
 * and members first seen per week, in the community's zone.
 */
export class RollupRepository {
  constructor(private readonly db: Db) {}

  /** Recompute a community's rollups from its events (after a change of time zone, or a repair). */
  async rebuild(communityId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const table of ROLLUP_TABLES) await tx.query(`delete from ${table} where community_id = $1`, [communityId]);
      await tx.query(
        `insert into member_days (community_id, group_id, member_id, day, messages, joins, leaves, events)
         select e.community_id, e.group_id, e.member_id, (e.at at time zone c.timezone)::date,
                count(*) filter (where e.type = 'message'), count(*) filter (where e.type = 'join'),
                count(*) filter (where e.type = 'leave'), count(*)
         from events e join communities c on c.id = e.community_id
         where e.community_id = $1 group by 1, 2, 3, 4`,
        [communityId],
      );
      await tx.query(
        `insert into group_days (community_id, group_id, day, messages, joins, leaves, events, active_members)
         select community_id, group_id, day, sum(messages), sum(joins), sum(leaves), sum(events),
                count(*) filter (where messages > 0)
         from member_days where community_id = $1 group by 1, 2, 3`,
        [communityId],
      );
      await tx.query(
        `insert into member_summaries (community_id, group_id, member_id, first_day, last_day, last_message_day,
                                       messages, events, last_joins, last_leaves, first_weeks)
         select $1, s.* from (${summariesFrom('(select * from member_days where community_id = $1)')}) s`,
        [communityId],
      );
      await tx.query(
        `insert into member_totals (community_id, member_id, first_day, last_day, last_message_day,
                                    messages, events, last_joins, last_leaves, first_weeks, active_days)
         select $1, s.* from (${summariesFrom(perMemberDay('(select * from member_days where community_id = $1)'), false, true)}) s`,
        [communityId],
      );
      await tx.query(
        `with active as (
           select group_id, member_id, day, ${WEEK_START('day')} as week, ${MONTH_START('day')} as month
           from member_days where community_id = $1 and messages > 0
         )
         insert into active_counts (community_id, group_id, period, start, members)
         select $1, 0, 'day', day, count(distinct member_id) from active group by day
         union all select $1, 0, 'week', week, count(distinct member_id) from active group by week
         union all select $1, 0, 'month', month, count(distinct member_id) from active group by month
         union all select $1, group_id, 'week', week, count(distinct member_id) from active group by group_id, week
         union all select $1, group_id, 'month', month, count(distinct member_id) from active group by group_id, month`,
        [communityId],
      );
      await tx.query(
        `insert into first_seen_weeks (community_id, group_id, week, members)
         select $1, group_id, ${WEEK_START('first_day')}, count(*) from member_summaries where community_id = $1 group by 2, 3
         union all
         select $1, 0, ${WEEK_START('first_day')}, count(*) from member_totals where community_id = $1 group by 3`,
        [communityId],
      );
    });
  }
}
