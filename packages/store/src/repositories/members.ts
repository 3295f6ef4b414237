import {
  activityThresholdsSchema,
  type Identity,
  localTime,
  loyaltyLayers,
  type Member,
  type MemberFilter,
} from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { AnalyticsRepository } from './analytics.js';
import { likePattern, type MemberRow, memberFromRow, one, toDate, toDateOrNull } from './rows.js';

export type MemberSearch = MemberFilter & {
  groupId?: number;
  /** Only members with this tag. */
  tag?: string;
  /** Only members currently in the group (with `groupId`). */
  presentOnly?: boolean;
  sort?: 'last_seen' | 'first_seen' | 'name';
  limit: number;
  offset: number;
  /** "Today" for layers, activity windows and days: the community's local day at this time (default now). */
  asOf?: Date;
};

/** A member as a CSV export lists them. */
export type MemberExportRow = {
  id: number;
  displayName: string;
  identities: string[];
  tags: string[];
  points: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
};

export type MemberGroup = {
  groupId: number;
  groupName: string;
  status: 'in' | 'left';
  joinedAt: Date | null;
  leftAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

export type MemberDetail = Member & { identities: Identity[]; groups: MemberGroup[] };

const ORDER = {
  last_seen: 'm.last_seen_at desc nulls last, m.id desc',
  first_seen: 'm.first_seen_at asc nulls last, m.id',
  name: 'lower(m.display_name), m.id',
} as const;

export class MemberRepository {
  constructor(private readonly db: Db) {}

  async search(communityId: number, s: MemberSearch): Promise<{ items: Member[]; total: number }> {
    const params: unknown[] = [communityId];
    const asOf = s.asOf ?? new Date();
    const where = memberWhere(await resolveFilter(this.db, communityId, s, asOf), params, asOf);
    const n = params.length;
    const [page, count] = await Promise.all([
      this.db.query<MemberRow>(
        `select m.* from members m where ${where} order by ${ORDER[s.sort ?? 'last_seen']} limit $${n + 1} offset $${n + 2}`,
        [...params, s.limit, s.offset],
      ),
      this.db.query<{ n: number }>(`select count(*) as n from members m where ${where}`, params),
    ]);
    return { items: page.rows.map(memberFromRow), total: Number(count.rows[0]?.n ?? 0) };
  }

  /** How many members the filter selects. */
  async count(communityId: number, filter: MemberFilter, asOf: Date = new Date()): Promise<number> {
    const params: unknown[] = [communityId];
    const where = memberWhere(await resolveFilter(this.db, communityId, filter, asOf), params, asOf);
    const { rows } = await this.db.query<{ n: number }>(`select count(*) as n from members m where ${where}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The members a filter selects, in id order, `batchSize` at a time with what an export lists: a
   * keyset walk, so a large community streams in constant memory and no page is read twice.
   */
  async *exportRows(
    communityId: number,
    filter: MemberFilter,
    options: { asOf?: Date; batchSize?: number } = {},
  ): AsyncGenerator<MemberExportRow[]> {
    const batchSize = options.batchSize ?? 1000;
    const asOf = options.asOf ?? new Date();
    const resolved = await resolveFilter(this.db, communityId, filter, asOf);
    let after = 0;
    for (;;) {
      const params: unknown[] = [communityId];
      const where = memberWhere(resolved, params, asOf);
      const n = params.length;
      const { rows } = await this.db.query<{
        id: number;
        display_name: string;
        first_seen_at: Date | null;
        last_seen_at: Date | null;
        identities: string[] | null;
        tags: string[] | null;
        points: string | number;
      }>(
        `select m.id, m.display_name, m.first_seen_at, m.last_seen_at,
                (select array_agg(i.platform || ':' || i.platform_user_id order by i.created_at) from identities i
                  where i.community_id = m.community_id and i.member_id = m.id) as identities,
                (select array_agg(t.tag order by t.tag) from member_tags t
                  where t.community_id = m.community_id and t.member_id = m.id) as tags,
                (select coalesce(sum(b.total), 0) from ledger_balances b
                  where b.community_id = m.community_id and b.member_id = m.id and b.kind = 'points') as points
           from members m where ${where} and m.id > $${n + 1} order by m.id limit $${n + 2}`,
        [...params, after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        id: Number(r.id),
        displayName: r.display_name,
        identities: r.identities ?? [],
        tags: r.tags ?? [],
        points: Number(r.points),
        firstSeenAt: toDateOrNull(r.first_seen_at),
        lastSeenAt: toDateOrNull(r.last_seen_at),
      }));
      after = Number(rows.at(-1)?.id);
      if (rows.length < batchSize) return;
    }
  }

  /** A member's tags, alphabetical. */
  async tags(communityId: number, memberId: number): Promise<{ tag: string; source: string }[]> {
    const { rows } = await this.db.query<{ tag: string; source: string }>(
      'select tag, source from member_tags where community_id = $1 and member_id = $2 order by tag',
      [communityId, memberId],
    );
    return rows;
  }

  /** Set a member's tags to exactly `tags` (an empty list removes them all). */
  async setTags(communityId: number, memberId: number, tags: readonly string[]): Promise<void> {
    await this.db.query(
      `delete from member_tags where community_id = $1 and member_id = $2 and not (tag = any($3::text[]))`,
      [communityId, memberId, [...tags]],
    );
    await this.db.query(
      `insert into member_tags (community_id, member_id, tag) select $1, $2, unnest($3::text[])
       on conflict do nothing`,
      [communityId, memberId, [...tags]],
    );
  }

  /** Every tag in the community with how many members carry it. */
  async tagCounts(communityId: number): Promise<{ tag: string; members: number }[]> {
    const { rows } = await this.db.query<{ tag: string; members: number }>(
      'select tag, count(*) as members from member_tags where community_id = $1 group by tag order by count(*) desc, tag',
      [communityId],
    );
    return rows.map((r) => ({ tag: r.tag, members: Number(r.members) }));
  }

  async get(communityId: number, id: number): Promise<Member> {
    const { rows } = await this.db.query<MemberRow>('select * from members where community_id = $1 and id = $2', [
      communityId,
      id,
    ]);
    return memberFromRow(one(rows, `member ${id}`));
  }

  async detail(communityId: number, id: number): Promise<MemberDetail> {
    const member = await this.get(communityId, id);
    const identities = await this.db.query<{ platform: string; platform_user_id: string; display_name: string }>(
      'select platform, platform_user_id, display_name from identities where community_id = $1 and member_id = $2 order by created_at',
      [communityId, id],
    );
    const groups = await this.db.query<{
      group_id: number;
      name: string;
      status: 'in' | 'left';
      joined_at: Date | null;
      left_at: Date | null;
      first_seen_at: Date;
      last_seen_at: Date;
    }>(
      `select gm.*, g.name from group_members gm
       join groups g on g.community_id = gm.community_id and g.id = gm.group_id
       where gm.community_id = $1 and gm.member_id = $2 order by gm.last_seen_at desc`,
      [communityId, id],
    );
    return {
      ...member,
      identities: identities.rows.map((r) => ({
        communityId,
        memberId: id,
        platform: r.platform,
        platformUserId: r.platform_user_id,
        displayName: r.display_name,
      })),
      groups: groups.rows.map((r) => ({
        groupId: r.group_id,
        groupName: r.name,
        status: r.status,
        joinedAt: toDateOrNull(r.joined_at),
        leftAt: toDateOrNull(r.left_at),
        firstSeenAt: toDate(r.first_seen_at),
        lastSeenAt: toDate(r.last_seen_at),
      })),
    };
  }

  async findByIdentity(communityId: number, platform: string, platformUserId: string): Promise<Member | undefined> {
    const { rows } = await this.db.query<MemberRow>(
      `select m.* from members m join identities i on i.community_id = m.community_id and i.member_id = m.id
       where m.community_id = $1 and i.platform = $2 and i.platform_user_id = $3`,
      [communityId, platform, platformUserId],
    );
    return rows[0] && memberFromRow(rows[0]);
  }
}

const LAYER_THRESHOLDS = activityThresholdsSchema.parse({});

/** A filter as `memberWhere` takes it: what SQL cannot say is resolved to member ids beforehand. */
export type ResolvedFilter = MemberFilter & {
  groupId?: number;
  tag?: string;
  presentOnly?: boolean;
  memberIds?: number[];
};

/**
 * Loyalty layers rank members against each other (a contribution percentile), which one SQL
 * condition per member cannot say: they are computed as the report computes them, with core's
 * `loyaltyLayers` over the community's member activity as of `asOf`'s local day, and become ids.
 */
export const resolveFilter = async (
  db: Db,
  communityId: number,
  f: ResolvedFilter,
  asOf: Date,
): Promise<ResolvedFilter> => {
  if (!f.loyaltyLayers?.length) return f;
  const { rows } = await db.query<{ timezone: string }>('select timezone from communities where id = $1', [
    communityId,
  ]);
  const tz = rows[0]?.timezone ?? 'UTC';
  const day = localTime(asOf, tz).day;
  const activity = await new AnalyticsRepository(db).memberActivity({ communityId, asOf: day, tz, communityTz: tz });
  const wanted = new Set<string>(f.loyaltyLayers);
  const ids = loyaltyLayers(activity, day)
    .members.filter((m) => wanted.has(m.layer))
    .map((m) => m.memberId);
  return { ...f, memberIds: ids };
};

/**
 * The SQL condition (over `members m`) of a member filter, its values appended to `params` (which
 * holds the community id as $1). The activity layer is the rule of core's `activityLayers` with its
 * default thresholds, over the 30 local days ending at `asOf`'s local day.
 */
export const memberWhere = (f: ResolvedFilter, params: unknown[], asOf: Date): string => {
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const tz = '(select c.timezone from communities c where c.id = $1)';
  let todayRef: string | undefined;
  const today = () => {
    todayRef ??= `((${p(asOf.toISOString())}::timestamptz at time zone ${tz})::date)`;
    return todayRef;
  };
  const localDay = (column: string) => `((${column} at time zone ${tz})::date)`;
  const parts = ['m.community_id = $1'];
  if (f.memberIds) parts.push(`m.id = any(${p(f.memberIds)}::bigint[])`);
  const q = f.q?.trim();
  if (q) {
    const text = p(q);
    const like = p(likePattern(q));
    const numeric = /^\d{1,15}$/.test(q) ? `or m.id = ${p(Number(q))}::bigint` : '';
    parts.push(`(lower(m.display_name) like ${like} ${numeric}
      or exists (select 1 from identities i where i.community_id = m.community_id and i.member_id = m.id
                 and (i.platform_user_id = ${text} or lower(i.display_name) like ${like})))`);
  }
  if (f.groupId !== undefined) {
    parts.push(`exists (select 1 from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id
      and gm.group_id = ${p(f.groupId)}${f.presentOnly ? " and gm.status = 'in'" : ''})`);
  }
  const hasTag = (list: string) =>
    `exists (select 1 from member_tags t where t.community_id = m.community_id and t.member_id = m.id and t.tag = any(${list}::text[]))`;
  if (f.tag) parts.push(hasTag(p([f.tag])));
  if (f.tagsAny?.length) parts.push(hasTag(p(f.tagsAny)));
  if (f.tagsNone?.length) parts.push(`not ${hasTag(p(f.tagsNone))}`);
  if (f.tagsAll?.length) {
    const all = [...new Set(f.tagsAll)];
    parts.push(`(select count(*) from member_tags t where t.community_id = m.community_id and t.member_id = m.id
      and t.tag = any(${p(all)}::text[])) = ${all.length}`);
  }
  if (f.layers?.length) {
    const t = LAYER_THRESHOLDS;
    const d = today();
    parts.push(`exists (select 1 from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id and gm.status = 'in')
      and (select case
          when count(distinct md.day) filter (where md.messages > 0) >= ${p(t.activeDays)}
            or coalesce(sum(md.messages), 0) >= ${p(t.activeMessages)} then 'active'
          when coalesce(sum(md.messages), 0) >= ${p(t.participantMessages)} then 'participant'
          when coalesce(sum(md.messages), 0) >= ${p(t.observerMessages)}
            or count(*) filter (where md.day > ${d} - ${p(t.observerSeenDays)}::int) > 0 then 'observer'
          else 'lurker' end
        from member_days md where md.community_id = m.community_id and md.member_id = m.id
          and md.day > ${d} - 30 and md.day <= ${d}) = any(${p(f.layers)}::text[])`);
  }
  if (f.activity) {
    const d = today();
    parts.push(`(select coalesce(sum(md.messages), 0) from member_days md
      where md.community_id = m.community_id and md.member_id = m.id
        and md.day > ${d} - ${p(f.activity.days)}::int and md.day <= ${d}) >= ${p(f.activity.minMessages)}`);
  }
  if (f.lastActiveBefore) parts.push(`${localDay('m.last_seen_at')} < ${p(f.lastActiveBefore)}::date`);
  if (f.lastActiveFrom) parts.push(`${localDay('m.last_seen_at')} >= ${p(f.lastActiveFrom)}::date`);
  if (f.joinedFrom) parts.push(`${localDay('m.first_seen_at')} >= ${p(f.joinedFrom)}::date`);
  if (f.joinedTo) parts.push(`${localDay('m.first_seen_at')} <= ${p(f.joinedTo)}::date`);
  if (f.pointsMin !== undefined || f.pointsMax !== undefined) {
    const balance = `(select coalesce(sum(b.total), 0) from ledger_balances b
      where b.community_id = m.community_id and b.member_id = m.id and b.kind = 'points')`;
    if (f.pointsMin !== undefined) parts.push(`${balance} >= ${p(f.pointsMin)}`);
    if (f.pointsMax !== undefined) parts.push(`${balance} <= ${p(f.pointsMax)}`);
  }
  if (f.groupIds?.length) {
    parts.push(`exists (select 1 from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id
      and gm.status = 'in' and gm.group_id = any(${p(f.groupIds)}::bigint[]))`);
  }
  if (f.groupTypes?.length || f.platforms?.length) {
    const type = f.groupTypes?.length ? `and g.type = any(${p(f.groupTypes)}::text[])` : '';
    const platform = f.platforms?.length ? `and g.platform = any(${p(f.platforms)}::text[])` : '';
    parts.push(`exists (select 1 from group_members gm join groups g on g.community_id = gm.community_id and g.id = gm.group_id
      where gm.community_id = m.community_id and gm.member_id = m.id and gm.status = 'in' ${type} ${platform})`);
  }
  return parts.join('\n  and ');
};
