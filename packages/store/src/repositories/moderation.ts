import type { JsonObject, LedgerEntry } from '@qunzhu/core';
import { QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { type LedgerRow, ledgerFromRow } from './plays.js';
import { toDate } from './rows.js';

export type MemberRole = {
  memberId: number;
  displayName: string;
  /** null: the role holds in every group of the community. */
  groupId: number | null;
  role: string;
  source: string;
  createdAt: Date;
};

export type BlocklistEntry = {
  memberId: number;
  displayName: string;
  identities: { platform: string; platformUserId: string }[];
  reason: string;
  /** `operator`, `import`, or the play that listed them (penalty-ladder). */
  source: string;
  addedBy: number | null;
  addedAt: Date;
};

/** A violation the penalty ladder recorded, with its message and what moderators made of it. */
export type ViolationRecord = {
  ledgerId: number;
  groupId: number | null;
  groupName: string | null;
  memberId: number;
  displayName: string;
  at: Date;
  data: JsonObject;
  eventId: number | null;
  text: string | null;
  /** The restore that reversed it, if any. */
  restored: { ledgerId: number; reason: string; by: number | null; at: Date } | null;
  confirmed: { reason: string; by: number | null; at: Date } | null;
};

export type JoinRequestRecord = {
  ledgerId: number;
  groupId: number;
  groupName: string;
  memberId: number;
  displayName: string;
  at: Date;
  answers: string;
  username: string | null;
  reason: string;
};

/** Roles, the blocklist, and the moderation records plays leave in the ledger. */
export class ModerationRepository {
  constructor(private readonly db: Db) {}

  async listRoles(communityId: number, filter: { memberId?: number; groupId?: number } = {}): Promise<MemberRole[]> {
    const { rows } = await this.db.query<{
      member_id: number;
      display_name: string;
      group_id: number;
      role: string;
      source: string;
      created_at: Date;
    }>(
      `select r.member_id, m.display_name, r.group_id, r.role, r.source, r.created_at
         from member_roles r join members m on m.community_id = r.community_id and m.id = r.member_id
        where r.community_id = $1 and ($2::bigint is null or r.member_id = $2) and ($3::bigint is null or r.group_id = $3)
        order by r.role, m.display_name, r.member_id, r.group_id`,
      [communityId, filter.memberId ?? null, filter.groupId ?? null],
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      displayName: r.display_name,
      groupId: Number(r.group_id) === 0 ? null : Number(r.group_id),
      role: r.role,
      source: r.source,
      createdAt: toDate(r.created_at),
    }));
  }

  /** Give a role in one group, or community-wide (groupId null). True when it was new. */
  async addRole(communityId: number, memberId: number, groupId: number | null, role: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `insert into member_roles (community_id, group_id, member_id, role) values ($1, $2, $3, $4)
       on conflict do nothing returning 1`,
      [communityId, groupId ?? 0, memberId, role],
    );
    return rows.length > 0;
  }

  async removeRole(communityId: number, memberId: number, groupId: number | null, role: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `delete from member_roles where community_id = $1 and group_id = $2 and member_id = $3 and role = $4 returning 1`,
      [communityId, groupId ?? 0, memberId, role],
    );
    return rows.length > 0;
  }

  async listBlocklist(communityId: number): Promise<BlocklistEntry[]> {
    const { rows } = await this.db.query<{
      member_id: number;
      display_name: string;
      identities: { platform: string; platformUserId: string }[] | null;
      reason: string;
      source: string;
      added_by: number | null;
      added_at: Date;
    }>(
      `select b.member_id, m.display_name, b.reason, b.source, b.added_by, b.added_at,
              (select json_agg(json_build_object('platform', i.platform, 'platformUserId', i.platform_user_id)
                               order by i.platform, i.platform_user_id)
                 from identities i where i.community_id = b.community_id and i.member_id = b.member_id) as identities
         from blocklist b join members m on m.community_id = b.community_id and m.id = b.member_id
        where b.community_id = $1 order by b.added_at desc, b.member_id`,
      [communityId],
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      displayName: r.display_name,
      identities: r.identities ?? [],
      reason: r.reason,
      source: r.source,
      addedBy: r.added_by === null ? null : Number(r.added_by),
      addedAt: toDate(r.added_at),
    }));
  }

  /** List a member; listing twice keeps the first reason. True when newly listed. */
  async addToBlocklist(
    communityId: number,
    memberId: number,
    entry: { reason: string; source: string; addedBy: number | null },
  ): Promise<boolean> {
    const { rows } = await this.db.query(
      `insert into blocklist (community_id, member_id, reason, source, added_by) values ($1, $2, $3, $4, $5)
       on conflict (community_id, member_id) do nothing returning 1`,
      [communityId, memberId, entry.reason, entry.source, entry.addedBy],
    );
    return rows.length > 0;
  }

  async removeFromBlocklist(communityId: number, memberId: number): Promise<boolean> {
    const { rows } = await this.db.query(
      'delete from blocklist where community_id = $1 and member_id = $2 returning 1',
      [communityId, memberId],
    );
    return rows.length > 0;
  }

  /** The member behind a platform identity, created (with that identity) when nobody has it yet. */
  async memberForIdentity(
    communityId: number,
    platform: string,
    platformUserId: string,
    displayName: string,
  ): Promise<{ memberId: number; created: boolean }> {
    const find = async () => {
      const { rows } = await this.db.query<{ member_id: number }>(
        'select member_id from identities where community_id = $1 and platform = $2 and platform_user_id = $3',
        [communityId, platform, platformUserId],
      );
      return rows[0] === undefined ? undefined : Number(rows[0].member_id);
    };
    const known = await find();
    if (known !== undefined) return { memberId: known, created: false };
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        'insert into members (community_id, display_name) values ($1, $2) returning id',
        [communityId, displayName],
      );
      const memberId = Number(rows[0]?.id);
      await tx.query(
        `insert into identities (community_id, platform, platform_user_id, member_id, display_name)
         values ($1, $2, $3, $4, $5)`,
        [communityId, platform, platformUserId, memberId, displayName],
      );
      return { memberId, created: true };
    });
  }

  async memberExists(communityId: number, memberId: number): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from members where community_id = $1 and id = $2', [
      communityId,
      memberId,
    ]);
    return rows.length > 0;
  }

  /** The text of a stored message, if it had one. */
  async eventText(communityId: number, eventId: number): Promise<string | null> {
    const { rows } = await this.db.query<{ text: string | null }>(
      `select payload->>'text' as text from events where community_id = $1 and id = $2`,
      [communityId, eventId],
    );
    return rows[0]?.text ?? null;
  }

  async ledgerEntry(communityId: number, id: number): Promise<LedgerEntry> {
    const { rows } = await this.db.query<LedgerRow>('select * from ledger where community_id = $1 and id = $2', [
      communityId,
      id,
    ]);
    const row = rows[0];
    if (!row) throw new QunzhuError('not_found', `ledger entry ${id} not found in community ${communityId}`);
    return ledgerFromRow(row);
  }

  /** Entries of a play and kind about one event (the violation a message drew). */
  async ledgerForEvent(communityId: number, eventId: number, play: string, kind: string): Promise<LedgerEntry[]> {
    const { rows } = await this.db.query<LedgerRow>(
      `select * from ledger where community_id = $1 and source_event_id = $2 and play = $3 and kind = $4 and amount > 0
        order by id`,
      [communityId, eventId, play, kind],
    );
    return rows.map(ledgerFromRow);
  }

  /** A ledger entry whose dedupe key is taken (a decision already made), if any. */
  async ledgerByKey(communityId: number, dedupeKey: string): Promise<LedgerEntry | undefined> {
    const { rows } = await this.db.query<LedgerRow>(
      'select * from ledger where community_id = $1 and dedupe_key = $2',
      [communityId, dedupeKey],
    );
    return rows[0] && ledgerFromRow(rows[0]);
  }

  /**
   * Recent violations (newest first) of the given play and kind, with the triggering message and the
   * moderators' decisions, which are ledger entries referring to them (`data.reverses`, `data.violationId`).
   */
  async violations(
    communityId: number,
    filter: { play: string; kind: string; decisionKind: string; limit: number; memberId?: number; beforeId?: number },
  ): Promise<ViolationRecord[]> {
    const { rows } = await this.db.query<{
      id: number;
      group_id: number | null;
      group_name: string | null;
      member_id: number;
      display_name: string;
      at: Date;
      data: JsonObject;
      source_event_id: number | null;
      text: string | null;
      restore_id: number | null;
      restore_data: JsonObject | null;
      restore_at: Date | null;
      confirm_data: JsonObject | null;
      confirm_at: Date | null;
    }>(
      `select l.id, l.group_id, g.name as group_name, l.member_id, m.display_name, l.at, l.data, l.source_event_id,
              e.payload->>'text' as text,
              r.id as restore_id, r.data as restore_data, r.created_at as restore_at,
              d.data as confirm_data, d.created_at as confirm_at
         from ledger l
         join members m on m.community_id = l.community_id and m.id = l.member_id
         left join groups g on g.community_id = l.community_id and g.id = l.group_id
         left join events e on e.community_id = l.community_id and e.id = l.source_event_id
         left join ledger r on r.community_id = l.community_id and r.play = l.play and r.kind = l.kind
               and r.amount < 0 and r.data->>'reverses' = l.id::text
         left join ledger d on d.community_id = l.community_id and d.play = l.play and d.kind = $3
               and d.data->>'violationId' = l.id::text and d.data->>'decision' = 'confirm'
        where l.community_id = $1 and l.play = $2 and l.kind = $4 and l.amount > 0
          and ($5::bigint is null or l.member_id = $5) and ($6::bigint is null or l.id < $6)
        order by l.id desc limit $7`,
      [
        communityId,
        filter.play,
        filter.decisionKind,
        filter.kind,
        filter.memberId ?? null,
        filter.beforeId ?? null,
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      ledgerId: Number(r.id),
      groupId: r.group_id === null ? null : Number(r.group_id),
      groupName: r.group_name,
      memberId: Number(r.member_id),
      displayName: r.display_name,
      at: toDate(r.at),
      data: r.data,
      eventId: r.source_event_id === null ? null : Number(r.source_event_id),
      text: r.text,
      restored:
        r.restore_id === null
          ? null
          : {
              ledgerId: Number(r.restore_id),
              reason: String(r.restore_data?.reason ?? ''),
              by: typeof r.restore_data?.by === 'number' ? r.restore_data.by : null,
              at: toDate(r.restore_at),
            },
      confirmed:
        r.confirm_data === null
          ? null
          : {
              reason: String(r.confirm_data.reason ?? ''),
              by: typeof r.confirm_data.by === 'number' ? r.confirm_data.by : null,
              at: toDate(r.confirm_at),
            },
    }));
  }

  /** Join requests the entry gate queued that nobody has decided yet, oldest first. */
  async pendingJoinRequests(
    communityId: number,
    filter: { play: string; requestKind: string; decisionKind: string; groupId?: number; limit: number },
  ): Promise<JoinRequestRecord[]> {
    const { rows } = await this.db.query<{
      id: number;
      group_id: number;
      group_name: string;
      member_id: number;
      display_name: string;
      at: Date;
      data: JsonObject;
    }>(
      `select l.id, l.group_id, g.name as group_name, l.member_id, m.display_name, l.at, l.data
         from ledger l
         join members m on m.community_id = l.community_id and m.id = l.member_id
         join groups g on g.community_id = l.community_id and g.id = l.group_id
        where l.community_id = $1 and l.play = $2 and l.kind = $3 and l.data->>'status' = 'pending'
          and ($5::bigint is null or l.group_id = $5)
          and not exists (select 1 from ledger d where d.community_id = l.community_id and d.play = l.play
                            and d.kind = $4 and d.data->>'requestId' = l.id::text)
        order by l.at, l.id limit $6`,
      [communityId, filter.play, filter.requestKind, filter.decisionKind, filter.groupId ?? null, filter.limit],
    );
    return rows.map((r) => ({
      ledgerId: Number(r.id),
      groupId: Number(r.group_id),
      groupName: r.group_name,
      memberId: Number(r.member_id),
      displayName: r.display_name,
      at: toDate(r.at),
      answers: String(r.data.answers ?? ''),
      username: typeof r.data.username === 'string' ? r.data.username : null,
      reason: String(r.data.reason ?? ''),
    }));
  }
}
