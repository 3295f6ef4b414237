import { type MemberFilter, QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { memberWhere, resolveFilter } from './members.js';
import { toDate } from './rows.js';

export type Segment = {
  id: number;
  name: string;
  description: string;
  filter: MemberFilter;
  createdAt: Date;
  updatedAt: Date;
  /** The latest size measured (a daily snapshot or a save), null before the first. */
  lastSize: { day: string; size: number } | null;
};

export type SegmentSize = { day: string; size: number; takenAt: Date };

type SegmentRow = {
  id: number;
  name: string;
  description: string;
  filter: MemberFilter;
  created_at: Date;
  updated_at: Date;
  last_day: string | null;
  last_size: number | null;
};
const segmentFromRow = (r: SegmentRow): Segment => ({
  id: Number(r.id),
  name: r.name,
  description: r.description,
  filter: r.filter,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
  lastSize: r.last_day === null || r.last_size === null ? null : { day: r.last_day, size: Number(r.last_size) },
});

const SEGMENT = `select s.id, s.name, s.description, s.filter, s.created_at, s.updated_at,
       l.day as last_day, l.size as last_size
  from segments s
  left join lateral (select to_char(z.day, 'YYYY-MM-DD') as day, z.size from segment_sizes z
                      where z.community_id = s.community_id and z.segment_id = s.id
                      order by z.day desc limit 1) l on true`;

/** The community's ($1) local day at the time in parameter `at`. */
const localDay = (at: string) =>
  `(${at}::timestamptz at time zone (select timezone from communities where id = $1))::date`;

/** Saved segments (分群): named member filters, with a size per local day. */
export class SegmentRepository {
  constructor(private readonly db: Db) {}

  async list(communityId: number): Promise<Segment[]> {
    const { rows } = await this.db.query<SegmentRow>(`${SEGMENT} where s.community_id = $1 order by s.id`, [
      communityId,
    ]);
    return rows.map(segmentFromRow);
  }

  async get(communityId: number, id: number): Promise<Segment> {
    const { rows } = await this.db.query<SegmentRow>(`${SEGMENT} where s.community_id = $1 and s.id = $2`, [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no segment ${id} in this community`);
    return segmentFromRow(rows[0]);
  }

  async create(
    communityId: number,
    input: { name: string; description: string; filter: MemberFilter },
    by: number | null,
  ): Promise<Segment> {
    const { rows } = await this.db.query<{ id: number }>(
      `insert into segments (community_id, name, description, filter, created_by) values ($1, $2, $3, $4::jsonb, $5)
       returning id`,
      [communityId, input.name, input.description, JSON.stringify(input.filter), by],
    );
    return this.get(communityId, Number(rows[0]?.id));
  }

  async update(
    communityId: number,
    id: number,
    patch: { name?: string; description?: string; filter?: MemberFilter },
  ): Promise<Segment> {
    const { rows } = await this.db.query(
      `update segments set name = coalesce($3, name), description = coalesce($4, description),
              filter = coalesce($5::jsonb, filter), updated_at = now()
        where community_id = $1 and id = $2 returning id`,
      [
        communityId,
        id,
        patch.name ?? null,
        patch.description ?? null,
        patch.filter ? JSON.stringify(patch.filter) : null,
      ],
    );
    if (!rows[0]) throw new QunzhuError('not_found', `no segment ${id} in this community`);
    return this.get(communityId, id);
  }

  async delete(communityId: number, id: number): Promise<void> {
    const { rows } = await this.db.query('delete from segments where community_id = $1 and id = $2 returning id', [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no segment ${id} in this community`);
  }

  /** Count the segment's members now and keep it as the size of the community's local day of `at`. */
  async snapshot(communityId: number, id: number, at: Date): Promise<SegmentSize> {
    const segment = await this.get(communityId, id);
    const params: unknown[] = [communityId];
    const where = memberWhere(await resolveFilter(this.db, communityId, segment.filter, at), params, at);
    const { rows } = await this.db.query<{ day: string; size: number }>(
      `insert into segment_sizes (community_id, segment_id, day, size, taken_at)
       select $1, ${param(params, id)}, ${localDay(param(params, at.toISOString()))},
              (select count(*) from members m where ${where}), ${param(params, at.toISOString())}
       on conflict (community_id, segment_id, day) do update set size = excluded.size, taken_at = excluded.taken_at
       returning to_char(day, 'YYYY-MM-DD') as day, size`,
      params,
    );
    const row = rows[0] as { day: string; size: number };
    return { day: row.day, size: Number(row.size), takenAt: at };
  }

  /**
   * Segments of every community without a size for their community's local day of `at` (a new day
   * began there, or the server was down at midnight): what the daily snapshot still has to take.
   */
  async missingSnapshots(at: Date, limit = 100): Promise<{ communityId: number; segmentId: number }[]> {
    const { rows } = await this.db.query<{ community_id: number; id: number }>(
      `select s.community_id, s.id from segments s join communities c on c.id = s.community_id
        where not exists (select 1 from segment_sizes z where z.community_id = s.community_id and z.segment_id = s.id
                            and z.day = ($1::timestamptz at time zone c.timezone)::date)
        order by s.community_id, s.id limit $2`,
      [at.toISOString(), limit],
    );
    return rows.map((r) => ({ communityId: Number(r.community_id), segmentId: Number(r.id) }));
  }

  /** Sizes by local day, oldest first, from `since` (YYYY-MM-DD) on. */
  async sizes(communityId: number, id: number, since?: string): Promise<SegmentSize[]> {
    const { rows } = await this.db.query<{ day: string; size: number; taken_at: Date }>(
      `select to_char(day, 'YYYY-MM-DD') as day, size, taken_at from segment_sizes
        where community_id = $1 and segment_id = $2 and ($3::date is null or day >= $3::date) order by day`,
      [communityId, id, since ?? null],
    );
    return rows.map((r) => ({ day: r.day, size: Number(r.size), takenAt: toDate(r.taken_at) }));
  }
}

const param = (params: unknown[], value: unknown): string => {
  params.push(value);
  return `$${params.length}`;
};

export type Pond = {
  id: number;
  name: string;
  segmentId: number;
  segmentName: string;
  targetGroupId: number;
  targetGroupName: string;
  joinLink: string;
  template: string;
  perMessage: number;
  cooldownDays: number;
  createdAt: Date;
};
export type PondInput = Omit<Pond, 'id' | 'segmentName' | 'targetGroupName' | 'createdAt'>;

/** A segment member a pond can invite now, and the group (one they are in) to post the invitation in. */
export type PondCandidate = { memberId: number; displayName: string; groupId: number };

export type PondStats = {
  /** Segment members now. */
  segment: number;
  /** …of whom already in the target group. */
  inTarget: number;
  /** …not in it and not invited within the cooldown, reachable in another group. */
  waiting: number;
  /** …not in it, not invited, but in no other group where an invitation could reach them. */
  unreachable: number;
  /** Members ever invited by this pond. */
  invited: number;
  /** Invited members who joined the target group after their first invitation. */
  converted: number;
};

type PondRow = {
  id: number;
  name: string;
  segment_id: number;
  segment_name: string;
  target_group_id: number;
  target_group_name: string;
  join_link: string;
  template: string;
  per_message: number;
  cooldown_days: number;
  created_at: Date;
};
const pondFromRow = (r: PondRow): Pond => ({
  id: Number(r.id),
  name: r.name,
  segmentId: Number(r.segment_id),
  segmentName: r.segment_name,
  targetGroupId: Number(r.target_group_id),
  targetGroupName: r.target_group_name,
  joinLink: r.join_link,
  template: r.template,
  perMessage: Number(r.per_message),
  cooldownDays: Number(r.cooldown_days),
  createdAt: toDate(r.created_at),
});
const POND = `select p.*, s.name as segment_name, g.name as target_group_name from ponds p
  join segments s on s.community_id = p.community_id and s.id = p.segment_id
  join groups g on g.community_id = p.community_id and g.id = p.target_group_id`;

/** Ponds (鱼塘): a segment paired with a topic group its members are invited to. */
export class PondRepository {
  constructor(private readonly db: Db) {}

  async list(communityId: number): Promise<Pond[]> {
    const { rows } = await this.db.query<PondRow>(`${POND} where p.community_id = $1 order by p.id`, [communityId]);
    return rows.map(pondFromRow);
  }

  async get(communityId: number, id: number): Promise<Pond> {
    const { rows } = await this.db.query<PondRow>(`${POND} where p.community_id = $1 and p.id = $2`, [communityId, id]);
    if (!rows[0]) throw new QunzhuError('not_found', `no pond ${id} in this community`);
    return pondFromRow(rows[0]);
  }

  async create(communityId: number, p: PondInput): Promise<Pond> {
    const { rows } = await this.db.query<{ id: number }>(
      `insert into ponds (community_id, name, segment_id, target_group_id, join_link, template, per_message, cooldown_days)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [communityId, p.name, p.segmentId, p.targetGroupId, p.joinLink, p.template, p.perMessage, p.cooldownDays],
    );
    return this.get(communityId, Number(rows[0]?.id));
  }

  async update(communityId: number, id: number, patch: Partial<PondInput>): Promise<Pond> {
    const current = await this.get(communityId, id);
    const next = { ...current, ...patch };
    await this.db.query(
      `update ponds set name = $3, segment_id = $4, target_group_id = $5, join_link = $6, template = $7,
              per_message = $8, cooldown_days = $9 where community_id = $1 and id = $2`,
      [
        communityId,
        id,
        next.name,
        next.segmentId,
        next.targetGroupId,
        next.joinLink,
        next.template,
        next.perMessage,
        next.cooldownDays,
      ],
    );
    return this.get(communityId, id);
  }

  async delete(communityId: number, id: number): Promise<void> {
    const { rows } = await this.db.query('delete from ponds where community_id = $1 and id = $2 returning id', [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no pond ${id} in this community`);
  }

  /**
   * The conditions of a pond over `members m` ($1 the community): in the segment, not in the target
   * group, and not invited to that target group (by any pond) within the cooldown before `at`.
   */
  private async waitingWhere(communityId: number, pond: Pond, at: Date, params: unknown[]): Promise<string> {
    const segment = await this.db.query<{ filter: MemberFilter }>(
      'select filter from segments where community_id = $1 and id = $2',
      [communityId, pond.segmentId],
    );
    const filter = segment.rows[0]?.filter ?? {};
    const where = memberWhere(await resolveFilter(this.db, communityId, filter, at), params, at);
    const target = param(params, pond.targetGroupId);
    const since = param(params, new Date(at.getTime() - pond.cooldownDays * 86_400_000).toISOString());
    return `${where}
      and not exists (select 1 from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id
                        and gm.group_id = ${target} and gm.status = 'in')
      and not exists (select 1 from pond_invites pi join ponds po on po.community_id = pi.community_id and po.id = pi.pond_id
                       where pi.community_id = m.community_id and pi.member_id = m.id
                         and po.target_group_id = ${target} and pi.invited_at > ${since}::timestamptz)`;
  }

  /** Who the pond can invite now (at most `limit`, by member id), each with the group to post in. */
  async candidates(communityId: number, pondId: number, at: Date, limit: number): Promise<PondCandidate[]> {
    const pond = await this.get(communityId, pondId);
    const params: unknown[] = [communityId];
    const where = await this.waitingWhere(communityId, pond, at, params);
    const target = param(params, pond.targetGroupId);
    const { rows } = await this.db.query<{ id: number; display_name: string; group_id: number | null }>(
      `select * from (
         select m.id, m.display_name,
                (select gm.group_id from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id
                   and gm.status = 'in' and gm.group_id <> ${target} order by gm.last_seen_at desc, gm.group_id limit 1) as group_id
           from members m where ${where}) w
        where w.group_id is not null order by w.id limit ${param(params, limit)}`,
      params,
    );
    return rows.map((r) => ({ memberId: Number(r.id), displayName: r.display_name, groupId: Number(r.group_id) }));
  }

  async recordInvites(
    communityId: number,
    pondId: number,
    invites: readonly { memberId: number; groupId: number }[],
    at: Date,
    by: number | null,
  ): Promise<void> {
    if (invites.length === 0) return;
    await this.db.query(
      `insert into pond_invites (community_id, pond_id, member_id, group_id, invited_at, invited_by)
       select $1, $2, unnest($3::bigint[]), unnest($4::bigint[]), $5, $6 on conflict do nothing`,
      [communityId, pondId, invites.map((i) => i.memberId), invites.map((i) => i.groupId), at.toISOString(), by],
    );
  }

  async stats(communityId: number, pondId: number, at: Date): Promise<PondStats> {
    const pond = await this.get(communityId, pondId);
    const params: unknown[] = [communityId];
    const where = await this.waitingWhere(communityId, pond, at, params);
    const target = param(params, pond.targetGroupId);
    const segParams: unknown[] = [communityId];
    const saved = await this.db.query<{ filter: MemberFilter }>(
      'select filter from segments where community_id = $1 and id = $2',
      [communityId, pond.segmentId],
    );
    const segWhere = memberWhere(
      await resolveFilter(this.db, communityId, saved.rows[0]?.filter ?? {}, at),
      segParams,
      at,
    );
    const segTarget = param(segParams, pond.targetGroupId);
    const [waiting, segment, invites] = await Promise.all([
      this.db.query<{ reachable: number; unreachable: number }>(
        `select count(*) filter (where reachable) as reachable, count(*) filter (where not reachable) as unreachable
           from (select exists (select 1 from group_members gm where gm.community_id = m.community_id and gm.member_id = m.id
                                  and gm.status = 'in' and gm.group_id <> ${target}) as reachable
                   from members m where ${where}) w`,
        params,
      ),
      this.db.query<{ total: number; in_target: number }>(
        `select count(*) as total,
                count(*) filter (where exists (select 1 from group_members gm where gm.community_id = m.community_id
                  and gm.member_id = m.id and gm.group_id = ${segTarget} and gm.status = 'in')) as in_target
           from members m where ${segWhere}`,
        segParams,
      ),
      this.db.query<{ invited: number; converted: number }>(
        `select count(*) as invited,
                count(*) filter (where exists (select 1 from group_members gm where gm.community_id = $1
                  and gm.member_id = f.member_id and gm.group_id = $3 and gm.status = 'in'
                  and coalesce(gm.joined_at, gm.first_seen_at) >= f.first_at)) as converted
           from (select member_id, min(invited_at) as first_at from pond_invites
                  where community_id = $1 and pond_id = $2 group by member_id) f`,
        [communityId, pondId, pond.targetGroupId],
      ),
    ]);
    return {
      segment: Number(segment.rows[0]?.total ?? 0),
      inTarget: Number(segment.rows[0]?.in_target ?? 0),
      waiting: Number(waiting.rows[0]?.reachable ?? 0),
      unreachable: Number(waiting.rows[0]?.unreachable ?? 0),
      invited: Number(invites.rows[0]?.invited ?? 0),
      converted: Number(invites.rows[0]?.converted ?? 0),
    };
  }

  /** The pond's invitations, newest first. */
  async invites(
    communityId: number,
    pondId: number,
    limit: number,
  ): Promise<{ memberId: number; memberName: string; groupId: number; invitedAt: Date; joined: boolean }[]> {
    const { rows } = await this.db.query<{
      member_id: number;
      display_name: string;
      group_id: number;
      invited_at: Date;
      joined: boolean;
    }>(
      `select pi.member_id, m.display_name, pi.group_id, pi.invited_at,
              exists (select 1 from group_members gm join ponds p on p.community_id = gm.community_id and p.id = pi.pond_id
                       where gm.community_id = pi.community_id and gm.member_id = pi.member_id and gm.group_id = p.target_group_id
                         and gm.status = 'in' and coalesce(gm.joined_at, gm.first_seen_at) >= pi.invited_at) as joined
         from pond_invites pi join members m on m.community_id = pi.community_id and m.id = pi.member_id
        where pi.community_id = $1 and pi.pond_id = $2 order by pi.invited_at desc, pi.member_id limit $3`,
      [communityId, pondId, limit],
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      memberName: r.display_name,
      groupId: Number(r.group_id),
      invitedAt: toDate(r.invited_at),
      joined: r.joined,
    }));
  }
}
