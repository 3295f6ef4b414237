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

/**
 * The Monday that starts a date's week, as SQL: the same as date_trunc('week', d)::date, which turns
 * the date into a timestamp with time zone and back, at several times the cost per row.
 */
export const WEEK_START = (date: string): string => `(${date} - ((${date} - date '2000-01-03') % 7 + 7) % 7)`;
/** The first day of a date's month, as SQL, cut as a timestamp without a zone (no conversion per row). */
export const MONTH_START = (date: string): string => `date_trunc('month', (${date})::timestamp)::date`;
/**
 * A day as a whole number of days since 2000-01-01, in SQL: a report reads tens of thousands of
 * members' days, and a number costs far less to send and read than a formatted date.
 */
export const DAY_NUMBER = (date: string): string => `(${date} - date '2000-01-01')`;
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const dayNames = new Map<number, string>();
/** YYYY-MM-DD of a DAY_NUMBER (few distinct days: each is formatted once). */
export const dayOfNumber = (v: unknown): string => {
  const n = Number(v);
  let name = dayNames.get(n);
  if (name === undefined) {
    name = new Date(EPOCH_2000 + n * 86_400_000).toISOString().slice(0, 10);
    if (dayNames.size > 100_000) dayNames.clear();
    dayNames.set(n, name);
  }
  return name;
};
