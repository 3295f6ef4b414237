// Every published version of a group's rule set (群规), kept: the announcement a group saw on a day
// can always be shown again, and a new version is posted when it is published.
export const name = 'rule-sets';
export const sql = /* sql */ `
create table rule_sets (
  community_id bigint not null,
  group_id bigint not null,
  version integer not null check (version > 0),
  rule_set jsonb not null,
  published_at timestamptz not null default now(),
  published_by bigint,
  primary key (community_id, group_id, version),
  foreign key (community_id, group_id) references groups (community_id, id) on delete cascade
);
`;
