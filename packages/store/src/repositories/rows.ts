import type { Community, Group, GroupType, Language, Member } from '@qunzhu/core';
import { QunzhuError } from '@qunzhu/core';

export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const toDateOrNull = (value: unknown): Date | null => (value == null ? null : toDate(value));

export const one = <T>(rows: T[], what: string): T => {
  const row = rows[0];
  if (row === undefined) throw new QunzhuError('not_found', `${what} not found`);
  return row;
};

/** Escape LIKE wildcards in user input, so "50%" searches for "50%". */
export const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type CommunityRow = { id: number; name: string; timezone: string; language: string; created_at: Date };
export const communityFromRow = (r: CommunityRow): Community => ({
  id: r.id,
  name: r.name,
  timezone: r.timezone,
  language: r.language as Language,
  createdAt: toDate(r.created_at),
});

export type GroupRow = {
  id: number;
  community_id: number;
  platform: string;
  platform_group_id: string;
  name: string;
  type: string;
  capacity: number | null;
  created_at: Date;
};
export const groupFromRow = (r: GroupRow): Group => ({
  id: r.id,
  communityId: r.community_id,
  platform: r.platform,
  platformGroupId: r.platform_group_id,
  name: r.name,
  type: r.type as GroupType,
  capacity: r.capacity,
  createdAt: toDate(r.created_at),
});

export type MemberRow = {
  id: number;
  community_id: number;
  display_name: string;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
};
export const memberFromRow = (r: MemberRow): Member => ({
  id: r.id,
  communityId: r.community_id,
  displayName: r.display_name,
  firstSeenAt: toDateOrNull(r.first_seen_at),
  lastSeenAt: toDateOrNull(r.last_seen_at),
});
