// How many members were first seen in each week: in a group (their first day in it), and with
// group_id 0 in the whole community (their first day in any group). A report's weekly members(t)
// starts from these counts rather than from every member's summary (a scan and a hash of all of
// member_summaries per report); ingest keeps them as it keeps the summaries.
export const name = 'first-seen-weeks';
export const sql = /* sql */ `
create table first_seen_weeks (
  community_id bigint not null,
  group_id bigint not null,
  week date not null,
  members integer not null default 0,
  primary key (community_id, group_id, week)
);

-- Stores with rollups already count them from the summaries once.
insert into first_seen_weeks (community_id, group_id, week, members)
select community_id, group_id, date_trunc('week', first_day)::date, count(*) from member_summaries group by 1, 2, 3
union all
select community_id, 0, date_trunc('week', first_day)::date, count(*) from member_totals group by 1, 2, 3;
`;
