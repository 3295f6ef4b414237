// Live platform connections per community, groups the account left, and the outbox's attempt record.
export const name = 'connections';
export const sql = /* sql */ `
-- One connection per platform per community (a Telegram bot, a WeChat account). Settings hold
-- secrets (bot tokens): the API never returns them. The last state is kept for the console.
create table connections (
  community_id bigint not null references communities (id) on delete cascade,
  platform text not null,
  settings jsonb not null default '{}',
  status text not null default 'disconnected'
    check (status in ('connecting', 'connected', 'disconnected', 'failed')),
  status_detail text,
  account jsonb,
  status_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by bigint,
  primary key (community_id, platform)
);

-- The bot or account was removed from the group: it stays (history), marked as left.
alter table groups add column left_at timestamptz;

-- An attempt is marked 'sending' before the platform call, so a crash mid-call is visible; a call
-- that may or may not have gone out and is not safe to repeat becomes 'unknown' (docs/connections.md).
alter table actions drop constraint actions_status_check;
alter table actions add constraint actions_status_check
  check (status in ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown'));
alter table actions add column sending_at timestamptz;
alter table actions add column platform_ref text;
-- The outbox reads the head of each chat's queue, and the console counts what needs a person.
create index actions_open on actions (community_id, group_id, id) where status in ('pending', 'sending');
create index actions_attention on actions (community_id, status) where status in ('failed', 'unknown');
`;
