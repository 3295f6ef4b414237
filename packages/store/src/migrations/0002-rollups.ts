// Rollups kept as events are ingested, so that reports and dashboards never scan raw events.
// Days are calendar days in the community's time zone; a change of zone rebuilds them.
export const name = 'rollups';
export const sql = /* sql */ `
create table member_days (
  community_id bigint not null,
  group_id bigint not null,
  member_id bigint not null,
  day date not null,
  messages integer not null default 0,
  joins integer not null default 0,
  leaves integer not null default 0,
  events integer not null default 0,
  primary key (community_id, group_id, day, member_id)
);
create index member_days_member on member_days (community_id, member_id, day);

create table group_days (
  community_id bigint not null,
  group_id bigint not null,
  day date not null,
  messages integer not null default 0,
  joins integer not null default 0,
  leaves integer not null default 0,
  events integer not null default 0,
  primary key (community_id, group_id, day)
);

-- Stores that existed before rollups get them from their events once.
insert into member_days (community_id, group_id, member_id, day, messages, joins, leaves, events)
select e.community_id, e.group_id, e.member_id, (e.at at time zone c.timezone)::date,
       count(*) filter (where e.type = 'message'), count(*) filter (where e.type = 'join'),
       count(*) filter (where e.type = 'leave'), count(*)
from events e join communities c on c.id = e.community_id
group by 1, 2, 3, 4;

insert into group_days (community_id, group_id, day, messages, joins, leaves, events)
select community_id, group_id, day, sum(messages), sum(joins), sum(leaves), sum(events)
from member_days group by 1, 2, 3;
`;
