// Coarser rollups kept beside member_days, so that a report over a whole history reads O(members)
// and O(days) rows instead of O(member-days):
// - member_summaries: per (group, member), first and last day, last day with a message, totals, the
//   joins and leaves of the last day (the member's latest in/out state), and in which of the 13
//   weeks from their first week they posted (cohorts);
// - distinct members with a message per day, week and month, for the community (active_counts,
//   group_id 0) and for each group (group_days.active_members by day, active_counts by week and
//   month), counted up as member_days rows first get a message;
// - a partial index on the rare member-days with leaves, where members(t) can change to "out", and
//   one on join events, for the inviter rule's recent joins.
export const name = 'summary-rollups';
export const sql = /* sql */ `
create table member_summaries (
  community_id bigint not null,
  group_id bigint not null,
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
  primary key (community_id, group_id, member_id)
);

alter table group_days add column active_members integer not null default 0;

create table active_counts (
  community_id bigint not null,
  group_id bigint not null,
  period text not null check (period in ('day', 'week', 'month')),
  start date not null,
  members integer not null default 0,
  primary key (community_id, group_id, period, start)
);

create index member_days_leaves on member_days (community_id, member_id, day) where leaves > 0;

-- The inviter rule reads the join events of the last 9 weeks: joins are few among the events.
create index events_joins on events (community_id, at) where type = 'join';

-- Stores with rollups already get the new ones from member_days once.
update group_days g set active_members = a.n
from (select community_id, group_id, day, count(*) as n from member_days where messages > 0 group by 1, 2, 3) a
where a.community_id = g.community_id and a.group_id = g.group_id and a.day = g.day;

insert into member_summaries (community_id, group_id, member_id, first_day, last_day, last_message_day,
                              messages, events, last_joins, last_leaves, first_weeks)
select community_id, group_id, member_id, min(day), max(day), max(day) filter (where messages > 0),
       sum(messages), sum(events), (array_agg(joins order by day desc))[1], (array_agg(leaves order by day desc))[1],
       bit_or(case when messages > 0 and week < first_week + 91 then 1 << ((week - first_week) / 7) else 0 end)
from (select m.*, date_trunc('week', m.day)::date as week,
             date_trunc('week', min(m.day) over (partition by m.community_id, m.group_id, m.member_id))::date as first_week
      from member_days m) m
group by 1, 2, 3;

insert into active_counts (community_id, group_id, period, start, members)
select community_id, 0, 'day', day, count(distinct member_id) from member_days where messages > 0 group by 1, 4
union all
select community_id, 0, 'week', date_trunc('week', day)::date, count(distinct member_id)
from member_days where messages > 0 group by 1, 4
union all
select community_id, 0, 'month', date_trunc('month', day)::date, count(distinct member_id)
from member_days where messages > 0 group by 1, 4
union all
select community_id, group_id, 'week', date_trunc('week', day)::date, count(distinct member_id)
from member_days where messages > 0 group by 1, 2, 4
union all
select community_id, group_id, 'month', date_trunc('month', day)::date, count(distinct member_id)
from member_days where messages > 0 group by 1, 2, 4;
`;
