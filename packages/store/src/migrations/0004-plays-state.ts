// What plays read back besides timers and the ledger: a community-wide memory per play, members'
// roles in groups, and the community's blocklist.
export const name = 'plays-state';
export const sql = /* sql */ `
-- A play's configuration shared by every group of the community (FAQ library, banned words…).
create table play_shared (
  community_id bigint not null references communities (id) on delete cascade,
  play text not null,
  config jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by bigint,
  primary key (community_id, play)
);

create table play_memory (
  community_id bigint not null references communities (id) on delete cascade,
  play text not null,
  key text not null,
  value jsonb not null,
  expires_at timestamptz,
  primary key (community_id, play, key)
);
create index play_memory_expiry on play_memory (expires_at) where expires_at is not null;

-- A member's role: in one group, or in every group of the community when group_id is 0.
-- Roles are open text: owner, admin and steward mean what they say; operators add their own (售后…).
create table member_roles (
  community_id bigint not null,
  group_id bigint not null default 0,
  member_id bigint not null,
  role text not null check (length(role) between 1 and 40),
  source text not null default 'operator',
  created_at timestamptz not null default now(),
  primary key (community_id, member_id, group_id, role),
  foreign key (community_id, member_id) references members (community_id, id) on delete cascade
);
create index member_roles_role on member_roles (community_id, role);

create table blocklist (
  community_id bigint not null,
  member_id bigint not null,
  reason text not null default '',
  -- Who put them there: a play (penalty ladder) or an operator, and when.
  source text not null default 'operator',
  added_by bigint,
  added_at timestamptz not null default now(),
  primary key (community_id, member_id),
  foreign key (community_id, member_id) references members (community_id, id) on delete cascade
);
`;
