// One row per member of the community, as member_summaries has one per (group, member): first and
// last day over all groups, last day with a message, totals, the joins and leaves of the last day
// summed over the groups (the member's latest in/out state), the cohort's 13 weeks of activity, and
// the days with a message in any group.
// A whole-community report reads it instead of folding every member's groups together (a window
// and a sort over all of member_summaries, in several of its queries).
export const name = 'member-totals';
export const sql = /* sql */ `
create table member_totals (
  community_id bigint not null,
  member_id bigint not null,
  first_day date not null,
  last_day date not null,
  last_message_day date,
  messages integer not null default 0,
  events integer not null default 0,
  last_joins integer not null default 0,
  last_leaves integer not null default 0,
  -- bit k: a message in the k-th week from the week of first_day (k = 0…12, the cohort's weeks)
  first_weeks integer not null default 0,
  active_days integer not null default 0,
  primary key (community_id, member_id)
);

-- Stores with rollups already get it from member_days once.
insert into member_totals (community_id, member_id, first_day, last_day, last_message_day, messages, events,
                           last_joins, last_leaves, first_weeks, active_days)
select community_id, member_id, min(day), max(day), max(day) filter (where messages > 0), sum(messages), sum(events),
       (array_agg(joins order by day desc))[1], (array_agg(leaves order by day desc))[1],
       bit_or(case when messages > 0 and week < first_week + 91 then 1 << ((week - first_week) / 7) else 0 end),
       count(*) filter (where messages > 0)
from (select d.*, date_trunc('week', d.day)::date as week,
             date_trunc('week', min(d.day) over (partition by d.community_id, d.member_id))::date as first_week
      from (select community_id, member_id, day, sum(messages) as messages, sum(joins) as joins, sum(leaves) as leaves,
                   sum(events) as events
            from member_days group by 1, 2, 3) d) m
group by 1, 2;
`;
