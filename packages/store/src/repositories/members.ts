import type { Identity, Member } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { likePattern, type MemberRow, memberFromRow, one, toDate, toDateOrNull } from './rows.js';

export type MemberSearch = {
  /** Part of a name, a platform user id, or a member id. */
  q?: string;
  groupId?: number;
  /** Only members with this tag. */
  tag?: string;
  /** Only members currently in the group (with `groupId`). */
  presentOnly?: boolean;
  sort?: 'last_seen' | 'first_seen' | 'name';
  limit: number;
  offset: number;
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
    const q = s.q?.trim() || null;
    const numeric = q !== null && /^\d{1,15}$/.test(q) ? Number(q) : null;
    const where = `m.community_id = $1
      and ($2::text is null
        or lower(m.display_name) like $3
        or m.id = $4::bigint
        or exists (select 1 from identities i where i.community_id = m.community_id and i.member_id = m.id
                   and (i.platform_user_id = $2 or lower(i.display_name) like $3)))
      and ($5::bigint is null or exists (select 1 from group_members gm
            where gm.community_id = m.community_id and gm.member_id = m.id and gm.group_id = $5
              and (not $6::boolean or gm.status = 'in')))
      and ($7::text is null or exists (select 1 from member_tags t
            where t.community_id = m.community_id and t.member_id = m.id and t.tag = $7))`;
    const params = [
      communityId,
      q,
      q === null ? null : likePattern(q),
      numeric,
      s.groupId ?? null,
      s.presentOnly ?? false,
      s.tag ?? null,
    ];
    const [page, count] = await Promise.all([
      this.db.query<MemberRow>(
        `select m.* from members m where ${where} order by ${ORDER[s.sort ?? 'last_seen']} limit $8 offset $9`,
        [...params, s.limit, s.offset],
      ),
      this.db.query<{ n: number }>(`select count(*) as n from members m where ${where}`, params),
    ]);
    return { items: page.rows.map(memberFromRow), total: Number(count.rows[0]?.n ?? 0) };
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
