// Tags on members (标签): set by operators, or by plays (auto-tag rules) through the ledger.
export const name = 'member-tags';
export const sql = /* sql */ `
create table member_tags (
  community_id bigint not null,
  member_id bigint not null,
  tag text not null check (length(tag) between 1 and 40),
  source text not null default 'operator',
  created_at timestamptz not null default now(),
  primary key (community_id, member_id, tag),
  foreign key (community_id, member_id) references members (community_id, id) on delete cascade
);
create index member_tags_tag on member_tags (community_id, tag);
`;
