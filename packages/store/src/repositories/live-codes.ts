import { randomInt } from 'node:crypto';
import { QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate, toDateOrNull } from './rows.js';

export type LiveCodeTargetKind = 'qr' | 'link';
export type LiveCodeQrType = 'image/png' | 'image/jpeg';

/** One group of a live code's pool, with how full it is. */
export type LiveCodeTarget = {
  id: number;
  liveCodeId: number;
  groupId: number;
  groupName: string;
  platform: string;
  position: number;
  kind: LiveCodeTargetKind;
  /** null: no limit. */
  capacity: number | null;
  /** Members the group had when counting started. */
  baseMembers: number;
  /** Visitors the code sent to this group since counting started. */
  routed: number;
  /** Members in the group as far as Qunzhu knows (join and leave events). */
  members: number;
  /** What counts against the capacity: the larger of `members` and `baseMembers + routed`. */
  fill: number;
  active: boolean;
  joinUrl: string | null;
  linkSource: 'operator' | 'auto' | null;
  qr: { version: number; type: LiveCodeQrType; bytes: number; uploadedAt: Date; expiresAt: Date | null } | null;
  qrRemindedAt: Date | null;
};

export type LiveCode = {
  id: number;
  communityId: number;
  code: string;
  name: string;
  active: boolean;
  channels: string[];
  remindBeforeHours: number;
  exhaustedAt: Date | null;
  createdAt: Date;
  targets: LiveCodeTarget[];
};

export type NewLiveCode = { code?: string; name: string; channels?: string[]; remindBeforeHours?: number };
export type LiveCodePatch = Partial<{ name: string; active: boolean; channels: string[]; remindBeforeHours: number }>;
export type NewTarget = { groupId: number; capacity?: number | null; joinUrl?: string | null; baseMembers?: number };
export type TargetPatch = Partial<{
  capacity: number | null;
  active: boolean;
  joinUrl: string | null;
  /** Restart counting from this many members (routed goes back to 0). */
  baseMembers: number;
}>;

/** Platforms whose groups are joined by scanning a group QR image rather than following a link. */
export const QR_PLATFORMS: readonly string[] = ['wechat', 'wecom'];

/** A pool entry's defaults by the group's platform: a WeChat group QR stops at 200, WeCom at 500. */
export const liveCodeTargetDefaults = (platform: string): { kind: LiveCodeTargetKind; capacity: number | null } =>
  platform === 'wechat'
    ? { kind: 'qr', capacity: 200 }
    : platform === 'wecom'
      ? { kind: 'qr', capacity: 500 }
      : { kind: 'link', capacity: null };

export const LIVE_CODE_PATTERN = /^[A-Za-z0-9_-]{3,40}$/;
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const randomCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

type CodeRow = {
  id: number;
  community_id: number;
  code: string;
  name: string;
  active: boolean;
  channels: string[];
  remind_before_hours: number;
  exhausted_at: Date | null;
  created_at: Date;
};
type TargetRow = {
  id: number;
  live_code_id: number;
  group_id: number;
  group_name: string;
  platform: string;
  position: number;
  kind: LiveCodeTargetKind;
  capacity: number | null;
  base_members: number;
  routed: number;
  members: number;
  active: boolean;
  join_url: string | null;
  link_source: 'operator' | 'auto' | null;
  qr_type: LiveCodeQrType | null;
  qr_bytes: number | null;
  qr_version: number;
  qr_uploaded_at: Date | null;
  qr_expires_at: Date | null;
  qr_reminded_at: Date | null;
};

/** Members in the target's group as far as Qunzhu knows. */
const MEMBERS = `(select count(*) from group_members gm
   where gm.community_id = t.community_id and gm.group_id = t.group_id and gm.status = 'in')`;
const TARGET = `select t.id, t.live_code_id, t.group_id, g.name as group_name, g.platform, t.position, t.kind,
         t.capacity, t.base_members, t.routed, ${MEMBERS} as members, t.active, t.join_url, t.link_source,
         t.qr_type, octet_length(t.qr_image) as qr_bytes, t.qr_version, t.qr_uploaded_at, t.qr_expires_at,
         t.qr_reminded_at
    from live_code_targets t join groups g on g.community_id = t.community_id and g.id = t.group_id`;

const targetFromRow = (r: TargetRow): LiveCodeTarget => {
  const members = Number(r.members);
  const baseMembers = Number(r.base_members);
  const routed = Number(r.routed);
  return {
    id: Number(r.id),
    liveCodeId: Number(r.live_code_id),
    groupId: Number(r.group_id),
    groupName: r.group_name,
    platform: r.platform,
    position: Number(r.position),
    kind: r.kind,
    capacity: r.capacity === null ? null : Number(r.capacity),
    baseMembers,
    routed,
    members,
    fill: Math.max(members, baseMembers + routed),
    active: r.active,
    joinUrl: r.join_url,
    linkSource: r.link_source,
    qr:
      r.qr_type && r.qr_uploaded_at
        ? {
            version: Number(r.qr_version),
            type: r.qr_type,
            bytes: Number(r.qr_bytes ?? 0),
            uploadedAt: toDate(r.qr_uploaded_at),
            expiresAt: toDateOrNull(r.qr_expires_at),
          }
        : null,
    qrRemindedAt: toDateOrNull(r.qr_reminded_at),
  };
};

/**
 * Whether a pool entry takes visitors at `$now`: switched on, under its capacity, and with something
 * to show (an unexpired QR, or a join link). Used inside the assigning UPDATE, where PostgreSQL
 * checks it again on the locked row, so two visitors can never both take the last place.
 */
const ELIGIBLE = `t.active
  and (case when t.kind = 'qr' then t.qr_image is not null and (t.qr_expires_at is null or t.qr_expires_at > $3)
            else t.join_url is not null end)
  and (t.capacity is null or greatest(t.base_members + t.routed, ${MEMBERS}) < t.capacity)`;

export type VisitOutcome = 'routed' | 'turned_away';
export type LiveCodeStatsRow = {
  day: string;
  channel: string;
  visits: number;
  routed: number;
  turnedAway: number;
  /** Joins through the code's named links for this channel (Telegram); WeChat joins cannot be told apart. */
  joins: number;
};
export type DueReminder = {
  communityId: number;
  liveCodeId: number;
  liveCodeName: string;
  targetId: number;
  groupId: number;
  groupName: string;
  qrVersion: number;
  expiresAt: Date;
};

/** Live codes (活码): pools of groups behind one public code, and what visitors did with them. */
export class LiveCodeRepository {
  constructor(private readonly db: Db) {}

  private async targets(communityId: number, liveCodeIds: readonly number[]): Promise<LiveCodeTarget[]> {
    if (liveCodeIds.length === 0) return [];
    const { rows } = await this.db.query<TargetRow>(
      `${TARGET} where t.community_id = $1 and t.live_code_id = any($2::bigint[]) order by t.position, t.id`,
      [communityId, [...liveCodeIds]],
    );
    return rows.map(targetFromRow);
  }

  private async withTargets(rows: CodeRow[]): Promise<LiveCode[]> {
    const first = rows[0];
    if (!first) return [];
    const targets = await this.targets(
      Number(first.community_id),
      rows.map((r) => Number(r.id)),
    );
    return rows.map((r) => ({
      id: Number(r.id),
      communityId: Number(r.community_id),
      code: r.code,
      name: r.name,
      active: r.active,
      channels: r.channels ?? [],
      remindBeforeHours: Number(r.remind_before_hours),
      exhaustedAt: toDateOrNull(r.exhausted_at),
      createdAt: toDate(r.created_at),
      targets: targets.filter((t) => t.liveCodeId === Number(r.id)),
    }));
  }

  async list(communityId: number): Promise<LiveCode[]> {
    const { rows } = await this.db.query<CodeRow>('select * from live_codes where community_id = $1 order by id', [
      communityId,
    ]);
    return this.withTargets(rows);
  }

  async get(communityId: number, id: number): Promise<LiveCode> {
    const { rows } = await this.db.query<CodeRow>('select * from live_codes where community_id = $1 and id = $2', [
      communityId,
      id,
    ]);
    const [code] = await this.withTargets(rows);
    if (!code) throw new QunzhuError('not_found', `no live code ${id} in this community`);
    return code;
  }

  /** The live code behind a public code, in any community (case does not matter). */
  async byCode(code: string): Promise<LiveCode | undefined> {
    if (!LIVE_CODE_PATTERN.test(code)) return undefined;
    const { rows } = await this.db.query<CodeRow>('select * from live_codes where lower(code) = lower($1)', [code]);
    const [found] = await this.withTargets(rows);
    return found;
  }

  /** A new live code; without `code`, a random one of 8 characters that cannot be misread. */
  async create(communityId: number, input: NewLiveCode): Promise<LiveCode> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = input.code ?? randomCode();
      const { rows } = await this.db.query<{ id: number }>(
        `insert into live_codes (community_id, code, name, channels, remind_before_hours)
         values ($1, $2, $3, $4::text[], $5) on conflict (lower(code)) do nothing returning id`,
        [communityId, code, input.name, input.channels ?? [], input.remindBeforeHours ?? 24],
      );
      if (rows[0]) return this.get(communityId, Number(rows[0].id));
      if (input.code !== undefined)
        throw new QunzhuError('conflict', `the code “${input.code}” is taken; choose another`);
    }
    throw new QunzhuError('internal', 'could not find a free live code');
  }

  async update(communityId: number, id: number, patch: LiveCodePatch): Promise<LiveCode> {
    const { rowCount } = await this.db.query(
      `update live_codes set name = coalesce($3, name), active = coalesce($4, active),
              channels = coalesce($5::text[], channels), remind_before_hours = coalesce($6, remind_before_hours)
        where community_id = $1 and id = $2`,
      [
        communityId,
        id,
        patch.name ?? null,
        patch.active ?? null,
        patch.channels ?? null,
        patch.remindBeforeHours ?? null,
      ],
    );
    if (rowCount === 0) throw new QunzhuError('not_found', `no live code ${id} in this community`);
    return this.get(communityId, id);
  }

  async remove(communityId: number, id: number): Promise<void> {
    const { rowCount } = await this.db.query('delete from live_codes where community_id = $1 and id = $2', [
      communityId,
      id,
    ]);
    if (rowCount === 0) throw new QunzhuError('not_found', `no live code ${id} in this community`);
  }

  /**
   * Add a group to the end of the pool. Its kind and default capacity follow the group's platform
   * (`liveCodeTargetDefaults`); counting starts from the members Qunzhu knows in it now, unless given.
   * A link group without a URL gets `linkSource: 'auto'`: Qunzhu creates its named invite links.
   */
  async addTarget(communityId: number, liveCodeId: number, input: NewTarget): Promise<LiveCodeTarget> {
    await this.get(communityId, liveCodeId);
    const { rows: groups } = await this.db.query<{ platform: string; members: number }>(
      `select g.platform, (select count(*) from group_members gm
         where gm.community_id = g.community_id and gm.group_id = g.id and gm.status = 'in') as members
         from groups g where g.community_id = $1 and g.id = $2`,
      [communityId, input.groupId],
    );
    const group = groups[0];
    if (!group) throw new QunzhuError('not_found', `no group ${input.groupId} in this community`);
    const defaults = liveCodeTargetDefaults(group.platform);
    if (defaults.kind === 'qr' && input.joinUrl) {
      throw new QunzhuError(
        'bad_input',
        `${group.platform} groups are joined by QR code: upload one instead of a link`,
      );
    }
    const linkSource = defaults.kind === 'qr' ? null : input.joinUrl ? 'operator' : 'auto';
    const { rows } = await this.db.query<{ id: number }>(
      `insert into live_code_targets (community_id, live_code_id, group_id, position, kind, capacity, base_members,
                                      join_url, link_source)
       values ($1, $2, $3,
               (select coalesce(max(position), 0) + 1 from live_code_targets where community_id = $1 and live_code_id = $2),
               $4, $5, $6, $7, $8)
       on conflict (community_id, live_code_id, group_id) do nothing returning id`,
      [
        communityId,
        liveCodeId,
        input.groupId,
        defaults.kind,
        input.capacity === undefined ? defaults.capacity : input.capacity,
        input.baseMembers ?? Number(group.members),
        input.joinUrl ?? null,
        linkSource,
      ],
    );
    if (!rows[0]) throw new QunzhuError('conflict', `group ${input.groupId} is in this live code's pool already`);
    return this.target(communityId, liveCodeId, Number(rows[0].id));
  }

  async target(communityId: number, liveCodeId: number, targetId: number): Promise<LiveCodeTarget> {
    const { rows } = await this.db.query<TargetRow>(
      `${TARGET} where t.community_id = $1 and t.live_code_id = $2 and t.id = $3`,
      [communityId, liveCodeId, targetId],
    );
    if (!rows[0]) throw new QunzhuError('not_found', `no group ${targetId} in live code ${liveCodeId}'s pool`);
    return targetFromRow(rows[0]);
  }

  async updateTarget(
    communityId: number,
    liveCodeId: number,
    targetId: number,
    patch: TargetPatch,
  ): Promise<LiveCodeTarget> {
    const current = await this.target(communityId, liveCodeId, targetId);
    if (patch.joinUrl && current.kind === 'qr') {
      throw new QunzhuError(
        'bad_input',
        `${current.platform} groups are joined by QR code: upload one instead of a link`,
      );
    }
    const setsUrl = 'joinUrl' in patch && current.kind === 'link';
    await this.db.query(
      `update live_code_targets set
         capacity = case when $4::boolean then $5::integer else capacity end,
         active = coalesce($6, active),
         join_url = case when $7::boolean then $8::text else join_url end,
         link_source = case when $7::boolean then (case when $8::text is null then 'auto' else 'operator' end) else link_source end,
         base_members = coalesce($9, base_members),
         routed = case when $9::integer is null then routed else 0 end
       where community_id = $1 and live_code_id = $2 and id = $3`,
      [
        communityId,
        liveCodeId,
        targetId,
        'capacity' in patch,
        patch.capacity ?? null,
        patch.active ?? null,
        setsUrl,
        patch.joinUrl ?? null,
        patch.baseMembers ?? null,
      ],
    );
    return this.target(communityId, liveCodeId, targetId);
  }

  async removeTarget(communityId: number, liveCodeId: number, targetId: number): Promise<void> {
    const { rowCount } = await this.db.query(
      'delete from live_code_targets where community_id = $1 and live_code_id = $2 and id = $3',
      [communityId, liveCodeId, targetId],
    );
    if (rowCount === 0) throw new QunzhuError('not_found', `no group ${targetId} in live code ${liveCodeId}'s pool`);
  }

  /** Put the pool in this order; every entry must be named once. */
  async reorder(communityId: number, liveCodeId: number, targetIds: readonly number[]): Promise<LiveCode> {
    const code = await this.get(communityId, liveCodeId);
    const have = code.targets.map((t) => t.id).sort((a, b) => a - b);
    const given = [...targetIds].sort((a, b) => a - b);
    if (have.length !== given.length || have.some((id, i) => id !== given[i])) {
      throw new QunzhuError(
        'bad_input',
        `order: name each of the pool's entries once (${have.join(', ') || 'none'}); got ${targetIds.join(', ')}`,
      );
    }
    await this.db.query(
      `update live_code_targets t set position = o.n
         from unnest($3::bigint[]) with ordinality as o(id, n)
        where t.community_id = $1 and t.live_code_id = $2 and t.id = o.id`,
      [communityId, liveCodeId, [...targetIds]],
    );
    return this.get(communityId, liveCodeId);
  }

  /** A new group QR: a new version (its own reminder), counting goes on. */
  async setQr(
    communityId: number,
    liveCodeId: number,
    targetId: number,
    qr: { image: Uint8Array; type: LiveCodeQrType; uploadedAt: Date; expiresAt: Date | null },
  ): Promise<LiveCodeTarget> {
    const current = await this.target(communityId, liveCodeId, targetId);
    if (current.kind !== 'qr') {
      throw new QunzhuError('bad_input', `${current.platform} groups are joined by link, not by an uploaded QR`);
    }
    await this.db.query(
      `update live_code_targets set qr_image = $4, qr_type = $5, qr_uploaded_at = $6, qr_expires_at = $7,
              qr_version = qr_version + 1, qr_reminded_at = null
        where community_id = $1 and live_code_id = $2 and id = $3`,
      [
        communityId,
        liveCodeId,
        targetId,
        qr.image,
        qr.type,
        qr.uploadedAt.toISOString(),
        qr.expiresAt?.toISOString() ?? null,
      ],
    );
    return this.target(communityId, liveCodeId, targetId);
  }

  /** The stored QR image of a pool entry, for the public page. */
  async qrImage(
    communityId: number,
    liveCodeId: number,
    targetId: number,
  ): Promise<{ image: Uint8Array; type: LiveCodeQrType; version: number } | undefined> {
    const { rows } = await this.db.query<{ qr_image: Uint8Array | null; qr_type: LiveCodeQrType; qr_version: number }>(
      'select qr_image, qr_type, qr_version from live_code_targets where community_id = $1 and live_code_id = $2 and id = $3',
      [communityId, liveCodeId, targetId],
    );
    const r = rows[0];
    return r?.qr_image
      ? { image: new Uint8Array(r.qr_image), type: r.qr_type, version: Number(r.qr_version) }
      : undefined;
  }

  /**
   * Send one visitor to the first pool entry, in order, that takes visitors now, counting them
   * against its capacity. One UPDATE does the choosing and the counting; the capacity condition is
   * checked again on the locked row, so a visitor who loses a race for the last place goes on to
   * the next entry. Undefined when every entry is full, expired or missing its QR or link.
   */
  async assign(communityId: number, liveCodeId: number, now: Date): Promise<LiveCodeTarget | undefined> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await this.db.query<{ id: number }>(
        `update live_code_targets t set routed = t.routed + 1
          where t.community_id = $1 and t.live_code_id = $2 and ${ELIGIBLE}
            and t.id = (select t.id from live_code_targets t
                         where t.community_id = $1 and t.live_code_id = $2 and ${ELIGIBLE}
                         order by t.position, t.id limit 1)
          returning t.id`,
        [communityId, liveCodeId, now.toISOString()],
      );
      if (rows[0]) return this.target(communityId, liveCodeId, Number(rows[0].id));
      const { rows: left } = await this.db.query(
        `select 1 from live_code_targets t where t.community_id = $1 and t.live_code_id = $2 and ${ELIGIBLE} limit 1`,
        [communityId, liveCodeId, now.toISOString()],
      );
      if (left.length === 0) return undefined;
    }
    throw new QunzhuError('conflict', 'too many visitors at once for this live code; try again');
  }

  /** Every entry is full or expired: true only for the first call of an episode (one alert each). */
  async markExhausted(communityId: number, liveCodeId: number, at: Date): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update live_codes set exhausted_at = $3 where community_id = $1 and id = $2 and exhausted_at is null`,
      [communityId, liveCodeId, at.toISOString()],
    );
    return rowCount === 1;
  }

  async clearExhausted(communityId: number, liveCodeId: number): Promise<void> {
    await this.db.query(
      'update live_codes set exhausted_at = null where community_id = $1 and id = $2 and exhausted_at is not null',
      [communityId, liveCodeId],
    );
  }

  /** Count a visit on the community's calendar day, per channel ('' when none was given). */
  async recordVisit(
    communityId: number,
    liveCodeId: number,
    day: string,
    channel: string,
    outcome: VisitOutcome,
  ): Promise<void> {
    const routed = outcome === 'routed' ? 1 : 0;
    await this.db.query(
      `insert into live_code_visits (community_id, live_code_id, day, channel, visits, routed, turned_away)
       values ($1, $2, $3::date, $4, 1, $5, $6)
       on conflict (community_id, live_code_id, day, channel) do update
         set visits = live_code_visits.visits + 1, routed = live_code_visits.routed + excluded.routed,
             turned_away = live_code_visits.turned_away + excluded.turned_away`,
      [communityId, liveCodeId, day, channel, routed, 1 - routed],
    );
  }

  /** A named invite link Qunzhu asked for in a group: its URL once created, and the creating action. */
  async link(
    communityId: number,
    groupId: number,
    name: string,
  ): Promise<{ url: string | null; actionId: number } | undefined> {
    const { rows } = await this.db.query<{ url: string | null; action_id: number; status: string; ref: string | null }>(
      `select l.url, l.action_id, a.status, a.platform_ref as ref from live_code_links l
         left join actions a on a.community_id = l.community_id and a.id = l.action_id
        where l.community_id = $1 and l.group_id = $2 and l.name = $3`,
      [communityId, groupId, name],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (r.url === null && r.status === 'sent' && r.ref) {
      await this.db.query(
        'update live_code_links set url = $4 where community_id = $1 and group_id = $2 and name = $3',
        [communityId, groupId, name, r.ref],
      );
      return { url: r.ref, actionId: Number(r.action_id) };
    }
    return { url: r.url, actionId: Number(r.action_id) };
  }

  /**
   * Ask the platform for a named invite link once: a `create_invite_link` action in the outbox
   * (idempotent by name and group) and a row that will hold its URL. Returns whether it was new.
   */
  async requestLink(communityId: number, groupId: number, name: string, at: Date, memberId?: number): Promise<boolean> {
    const payload = { name, ...(memberId === undefined ? {} : { memberId }) };
    const { rows } = await this.db.query<{ id: number }>(
      `insert into actions (community_id, group_id, play, kind, payload, idempotency_key, at, next_attempt_at)
       values ($1, $2, 'live-codes', 'create_invite_link', $3::jsonb, $4, $5, least($5::timestamptz, now()))
       on conflict (community_id, idempotency_key) do update set idempotency_key = excluded.idempotency_key
       returning id`,
      [communityId, groupId, JSON.stringify(payload), `live-codes:link:g${groupId}:${name}`, at.toISOString()],
    );
    const actionId = Number(rows[0]?.id);
    const { rowCount } = await this.db.query(
      `insert into live_code_links (community_id, group_id, name, action_id) values ($1, $2, $3, $4)
       on conflict do nothing`,
      [communityId, groupId, name, actionId],
    );
    return rowCount === 1;
  }

  /** Link entries made by Qunzhu whose general link (`qz-c{id}`) has come back from the platform. */
  async adoptCreatedLinks(communityId: number, liveCodeId: number): Promise<void> {
    const { rows } = await this.db.query<{ id: number; group_id: number }>(
      `select id, group_id from live_code_targets
        where community_id = $1 and live_code_id = $2 and kind = 'link' and link_source = 'auto' and join_url is null`,
      [communityId, liveCodeId],
    );
    for (const r of rows) {
      const link = await this.link(communityId, Number(r.group_id), liveCodeLinkName(liveCodeId));
      if (link?.url) {
        await this.db.query(
          `update live_code_targets set join_url = $3 where community_id = $1 and id = $2 and join_url is null`,
          [communityId, r.id, link.url],
        );
      }
    }
  }

  /** QRs whose reminder is due by `now` (expiry less the code's notice), across communities. */
  async dueReminders(now: Date, limit = 200): Promise<DueReminder[]> {
    const { rows } = await this.db.query<{
      community_id: number;
      live_code_id: number;
      live_code_name: string;
      id: number;
      group_id: number;
      group_name: string;
      qr_version: number;
      qr_expires_at: Date;
    }>(
      `select t.community_id, t.live_code_id, c.name as live_code_name, t.id, t.group_id, g.name as group_name,
              t.qr_version, t.qr_expires_at
         from live_code_targets t
         join live_codes c on c.community_id = t.community_id and c.id = t.live_code_id
         join groups g on g.community_id = t.community_id and g.id = t.group_id
        where t.qr_reminded_at is null and t.qr_expires_at is not null and t.active and c.active
          and t.qr_expires_at - make_interval(hours => c.remind_before_hours) <= $1
        order by t.qr_expires_at limit $2`,
      [now.toISOString(), limit],
    );
    return rows.map((r) => ({
      communityId: Number(r.community_id),
      liveCodeId: Number(r.live_code_id),
      liveCodeName: r.live_code_name,
      targetId: Number(r.id),
      groupId: Number(r.group_id),
      groupName: r.group_name,
      qrVersion: Number(r.qr_version),
      expiresAt: toDate(r.qr_expires_at),
    }));
  }

  /** The reminder for this QR version went out; a newer upload since keeps its own. */
  async markReminded(communityId: number, targetId: number, qrVersion: number, at: Date): Promise<void> {
    await this.db.query(
      `update live_code_targets set qr_reminded_at = $4
        where community_id = $1 and id = $2 and qr_version = $3 and qr_reminded_at is null`,
      [communityId, targetId, qrVersion, at.toISOString()],
    );
  }

  /**
   * Visits per channel and day (the community's calendar) from `from` to `to` inclusive, with the
   * joins that came through the code's named links (`qz-c{id}` for no channel, `qz-c{id}-{channel}`).
   */
  async stats(
    communityId: number,
    liveCodeId: number,
    range: { from: string; to: string; timezone: string },
  ): Promise<LiveCodeStatsRow[]> {
    const { rows: visits } = await this.db.query<{
      day: string | Date;
      channel: string;
      visits: number;
      routed: number;
      turned_away: number;
    }>(
      `select to_char(day, 'YYYY-MM-DD') as day, channel, visits, routed, turned_away from live_code_visits
        where community_id = $1 and live_code_id = $2 and day between $3::date and $4::date`,
      [communityId, liveCodeId, range.from, range.to],
    );
    const prefix = liveCodeLinkName(liveCodeId);
    const { rows: joins } = await this.db.query<{ day: string; name: string; n: number }>(
      `select to_char((e.at at time zone $5)::date, 'YYYY-MM-DD') as day, e.payload->'extra'->'inviteLink'->>'name' as name,
              count(*) as n
         from events e
        where e.community_id = $1 and e.type = 'join'
          and e.group_id in (select group_id from live_code_targets where community_id = $1 and live_code_id = $2)
          and e.at >= ($3::date::timestamp at time zone $5) and e.at < (($4::date + 1)::timestamp at time zone $5)
          and (e.payload->'extra'->'inviteLink'->>'name' = $6 or e.payload->'extra'->'inviteLink'->>'name' like $7)
        group by 1, 2`,
      [communityId, liveCodeId, range.from, range.to, range.timezone, prefix, `${prefix}-%`],
    );
    const out = new Map<string, LiveCodeStatsRow>();
    const row = (day: string, channel: string) => {
      const key = `${day}\u0000${channel}`;
      let r = out.get(key);
      if (!r) {
        r = { day, channel, visits: 0, routed: 0, turnedAway: 0, joins: 0 };
        out.set(key, r);
      }
      return r;
    };
    for (const v of visits) {
      const r = row(String(v.day), v.channel);
      r.visits += Number(v.visits);
      r.routed += Number(v.routed);
      r.turnedAway += Number(v.turned_away);
    }
    for (const j of joins) {
      const channel = j.name === prefix ? '' : j.name.slice(prefix.length + 1);
      row(j.day, channel).joins += Number(j.n);
    }
    return [...out.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
  }
}

/** The name of the invite link Qunzhu creates for a live code's group: `qz-c{id}`, or `qz-c{id}-{channel}`. */
export const liveCodeLinkName = (liveCodeId: number, channel = ''): string =>
  channel ? `qz-c${liveCodeId}-${channel}` : `qz-c${liveCodeId}`;
