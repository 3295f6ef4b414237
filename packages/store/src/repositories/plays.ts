import type {
  ActionInput,
  Json,
  JsonObject,
  LedgerEntry,
  LedgerEntryInput,
  LedgerQuery,
  MemberFacts,
  MemoryRef,
  OfferedReward,
  PlayConfig,
  PlayStatePort,
  RewardOutcome,
  RewardRequest,
  RoleHolder,
  Timer,
  TimerRef,
} from '@qunzhu/core';

import { isBalanceQuery, isQunzhuError, outcomeData, outcomeFromData, plainMemberFacts } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { RewardRepository } from './rewards.js';
import { toDate, toDateOrNull } from './rows.js';

export type TimerRow = {
  community_id: number;
  group_id: number;
  play: string;
  key: string;
  due_at: Date;
  data: JsonObject;
};
export const timerFromRow = (r: TimerRow): Timer => ({
  communityId: r.community_id,
  groupId: r.group_id,
  play: r.play,
  key: r.key,
  dueAt: toDate(r.due_at),
  data: r.data,
});

export type LedgerRow = {
  id: number;
  community_id: number;
  group_id: number | null;
  member_id: number;
  play: string;
  kind: string;
  amount: string | number;
  data: JsonObject;
  dedupe_key: string;
  source_event_id: number | null;
  at: Date;
};
/** A ledger row as the engine sees it. */
export const ledgerFromRow = (r: LedgerRow): LedgerEntry => ({
  id: Number(r.id),
  communityId: Number(r.community_id),
  groupId: r.group_id === null ? null : Number(r.group_id),
  memberId: Number(r.member_id),
  play: r.play,
  kind: r.kind,
  amount: Number(r.amount),
  data: r.data,
  dedupeKey: r.dedupe_key,
  at: toDate(r.at),
  ...(r.source_event_id === null ? {} : { sourceEventId: Number(r.source_event_id) }),
});

const ledgerParams = (q: LedgerQuery) => [
  q.communityId,
  q.memberId ?? null,
  q.groupId ?? null,
  q.play ?? null,
  q.kinds ? [...q.kinds] : null,
  q.since?.toISOString() ?? null,
];

/** Per-group play switches and configuration. */
export class PlayConfigRepository {
  constructor(private readonly db: Db) {}

  async list(communityId: number, groupId?: number): Promise<(PlayConfig & { updatedAt: Date })[]> {
    const { rows } = await this.db.query<{
      group_id: number;
      play: string;
      enabled: boolean;
      config: unknown;
      updated_at: Date;
    }>(
      `select * from play_configs where community_id = $1 and ($2::bigint is null or group_id = $2) order by group_id, play`,
      [communityId, groupId ?? null],
    );
    return rows.map((r) => ({
      groupId: r.group_id,
      play: r.play,
      enabled: r.enabled,
      config: r.config,
      updatedAt: toDate(r.updated_at),
    }));
  }

  /** The community's shared configuration of each play that has one stored. */
  async listShared(communityId: number): Promise<Map<string, unknown>> {
    const { rows } = await this.db.query<{ play: string; config: unknown }>(
      'select play, config from play_shared where community_id = $1',
      [communityId],
    );
    return new Map(rows.map((r) => [r.play, r.config]));
  }

  async putShared(communityId: number, play: string, config: unknown, userId: number | null): Promise<void> {
    await this.db.query(
      `insert into play_shared (community_id, play, config, updated_by) values ($1, $2, $3::jsonb, $4)
       on conflict (community_id, play) do update
         set config = excluded.config, updated_at = now(), updated_by = excluded.updated_by`,
      [communityId, play, JSON.stringify(config ?? {}), userId],
    );
  }

  async put(
    communityId: number,
    record: { groupId: number; play: string; enabled: boolean; config: unknown },
    userId: number | null,
  ): Promise<void> {
    await this.db.query(
      `insert into play_configs (community_id, group_id, play, enabled, config, updated_by)
       values ($1, $2, $3, $4, $5::jsonb, $6)
       on conflict (community_id, group_id, play) do update
         set enabled = excluded.enabled, config = excluded.config, updated_at = now(), updated_by = excluded.updated_by`,
      [communityId, record.groupId, record.play, record.enabled, JSON.stringify(record.config ?? {}), userId],
    );
  }
}

/** The kinds of ledger entries that change other tables when the ledger takes them (`applyLedgerEffects`). */
export const LEDGER_EFFECT_KINDS: readonly string[] = ['blocklist_add', 'blocklist_remove', 'tag_add', 'tag_remove'];

/** The engine's state port on the store: run it inside the transaction of one trigger. */
export class StorePlayState implements PlayStatePort {
  constructor(private readonly db: Db) {}

  async getTimer(ref: TimerRef): Promise<Timer | undefined> {
    const { rows } = await this.db.query<TimerRow>(
      'select * from timers where community_id = $1 and group_id = $2 and play = $3 and key = $4',
      [ref.communityId, ref.groupId, ref.play, ref.key],
    );
    return rows[0] && timerFromRow(rows[0]);
  }

  async setTimer(t: Timer): Promise<void> {
    await this.db.query(
      `insert into timers (community_id, group_id, play, key, due_at, data) values ($1, $2, $3, $4, $5, $6::jsonb)
       on conflict (community_id, group_id, play, key) do update set due_at = excluded.due_at, data = excluded.data`,
      [t.communityId, t.groupId, t.play, t.key, t.dueAt.toISOString(), JSON.stringify(t.data)],
    );
  }

  async clearTimer(ref: TimerRef): Promise<void> {
    await this.db.query('delete from timers where community_id = $1 and group_id = $2 and play = $3 and key = $4', [
      ref.communityId,
      ref.groupId,
      ref.play,
      ref.key,
    ]);
  }

  async appendLedger(e: LedgerEntryInput): Promise<void> {
    const { rows } = await this.db.query(
      `insert into ledger (community_id, group_id, member_id, play, kind, amount, data, dedupe_key, source_event_id, at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
       on conflict (community_id, dedupe_key) do nothing returning 1`,
      [
        e.communityId,
        e.groupId,
        e.memberId,
        e.play,
        e.kind,
        e.amount,
        JSON.stringify(e.data),
        e.dedupeKey,
        e.sourceEventId ?? null,
        e.at.toISOString(),
      ],
    );
    if (rows.length > 0) await this.applyLedgerEffects(e);
  }

  /**
   * The same for many entries (only those of `LEDGER_EFFECT_KINDS` have effects): tag changes in two
   * statements (what each (member, tag) ends as after the entries in order: added or removed), the
   * rest one by one in order.
   */
  async applyLedgerEffectsMany(entries: readonly LedgerEntryInput[]): Promise<void> {
    const last = new Map<string, LedgerEntryInput>();
    for (const e of entries) {
      if ((e.kind === 'tag_add' || e.kind === 'tag_remove') && typeof e.data.tag === 'string') {
        last.set(`${e.communityId}|${e.memberId}|${e.data.tag.slice(0, 40)}`, e);
      } else await this.applyLedgerEffects(e);
    }
    const byKind = (kind: string) => [...last.values()].filter((e) => e.kind === kind);
    const adds = byKind('tag_add');
    const removes = byKind('tag_remove');
    const tagOf = (e: LedgerEntryInput) => String(e.data.tag).slice(0, 40);
    if (removes.length > 0) {
      await this.db.query(
        `delete from member_tags t using unnest($1::bigint[], $2::bigint[], $3::text[]) as d(community_id, member_id, tag)
          where t.community_id = d.community_id and t.member_id = d.member_id and t.tag = d.tag`,
        [removes.map((e) => e.communityId), removes.map((e) => e.memberId), removes.map(tagOf)],
      );
    }
    if (adds.length > 0) {
      await this.db.query(
        `insert into member_tags (community_id, member_id, tag, source)
         select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) on conflict do nothing`,
        [adds.map((e) => e.communityId), adds.map((e) => e.memberId), adds.map(tagOf), adds.map((e) => e.play)],
      );
    }
  }

  /**
   * Plays cannot write tables: a `blocklist_add` (or `_remove`) entry lists the member, in the same
   * transaction, once (a retried trigger appends nothing and so lists nothing again); a `tag_add`
   * tags them and a `tag_remove` untags them. Called for entries the ledger took, never for duplicates.
   */
  async applyLedgerEffects(e: LedgerEntryInput): Promise<void> {
    if (e.kind === 'blocklist_add') {
      await this.db.query(
        `insert into blocklist (community_id, member_id, reason, source) values ($1, $2, $3, $4)
         on conflict (community_id, member_id) do nothing`,
        [e.communityId, e.memberId, String(e.data.reason ?? ''), e.play],
      );
    } else if (e.kind === 'blocklist_remove') {
      await this.db.query('delete from blocklist where community_id = $1 and member_id = $2', [
        e.communityId,
        e.memberId,
      ]);
    } else if ((e.kind === 'tag_add' || e.kind === 'tag_remove') && typeof e.data.tag === 'string') {
      // An auto-tag rule tags the member; the levels play swaps a level tag.
      await this.applyLedgerEffectsMany([e]);
    }
  }

  async offeredRewards(communityId: number): Promise<OfferedReward[]> {
    const rewards = await new RewardRepository(this.db).list(communityId);
    return rewards
      .filter((r) => r.active)
      .map((r) => ({ id: r.id, name: r.name, cost: r.cost, stock: r.stock, needsApproval: r.needsApproval }));
  }

  async requestReward(r: RewardRequest): Promise<RewardOutcome> {
    return this.db.transaction(async (tx) => {
      const prior = async () => {
        const { rows } = await tx.query<{ data: JsonObject }>(
          'select data from ledger where community_id = $1 and dedupe_key = $2',
          [r.communityId, r.dedupeKey],
        );
        return rows[0] && outcomeFromData(rows[0].data);
      };
      const known = await prior();
      if (known) return known;
      const rewards = new RewardRepository(tx);
      // A refusal must leave nothing behind (the stock taken before the balance check is given back).
      await tx.query('savepoint reward_request');
      let outcome: RewardOutcome;
      try {
        const asked = await rewards.request(r.communityId, r.memberId, r.rewardId, r.at);
        const reward = (await rewards.list(r.communityId)).find((x) => x.id === r.rewardId);
        const offered = {
          id: r.rewardId,
          name: asked.redemption.rewardName,
          cost: asked.redemption.cost,
          stock: reward?.stock ?? null,
          needsApproval: asked.needsApproval,
        };
        if (!asked.needsApproval) {
          await rewards.decide(r.communityId, asked.redemption.id, 'approved', null, '', r.at);
        }
        outcome = {
          status: asked.needsApproval ? 'pending' : 'approved',
          redemptionId: asked.redemption.id,
          reward: offered,
        };
      } catch (error) {
        if (!isQunzhuError(error) || (error.code !== 'conflict' && error.code !== 'not_found')) throw error;
        await tx.query('rollback to savepoint reward_request');
        outcome = await this.refusal(tx, r);
      }
      const { rows } = await tx.query(
        `insert into ledger (community_id, group_id, member_id, play, kind, amount, data, dedupe_key, source_event_id, at)
         values ($1, $2, $3, $4, 'redeem_request', 0, $5::jsonb, $6, $7, $8)
         on conflict (community_id, dedupe_key) do nothing returning 1`,
        [
          r.communityId,
          r.groupId,
          r.memberId,
          r.play,
          JSON.stringify(outcomeData(r.rewardId, outcome)),
          r.dedupeKey,
          r.sourceEventId ?? null,
          r.at.toISOString(),
        ],
      );
      if (rows.length === 0) {
        // Another process handled the same trigger meanwhile: undo ours, answer what it decided.
        await tx.query('rollback to savepoint reward_request');
        return (await prior()) ?? outcome;
      }
      await tx.query('release savepoint reward_request');
      return outcome;
    });
  }

  /** Why a request was refused, read after the refusal was rolled back. */
  private async refusal(db: Db, r: RewardRequest): Promise<RewardOutcome> {
    const rewards = new RewardRepository(db);
    const reward = (await rewards.list(r.communityId)).find((x) => x.id === r.rewardId);
    if (!reward) return { status: 'refused', reason: 'not_found' };
    const offered = {
      id: reward.id,
      name: reward.name,
      cost: reward.cost,
      stock: reward.stock,
      needsApproval: reward.needsApproval,
    };
    if (!reward.active) return { status: 'refused', reason: 'not_offered', reward: offered };
    if (reward.stock !== null && reward.stock <= 0)
      return { status: 'refused', reason: 'out_of_stock', reward: offered };
    return {
      status: 'refused',
      reason: 'not_enough_points',
      reward: offered,
      spendable: await rewards.spendable(r.communityId, r.memberId),
    };
  }

  async readLedger(q: LedgerQuery): Promise<LedgerEntry[]> {
    const { rows } = await this.db.query<LedgerRow>(
      `select * from ledger
        where community_id = $1
          and ($2::bigint is null or member_id = $2)
          and ($3::bigint is null or group_id = $3)
          and ($4::text is null or play = $4)
          and ($5::text[] is null or kind = any($5))
          and ($6::timestamptz is null or at >= $6)
        order by at, id`,
      ledgerParams(q),
    );
    return rows.map(ledgerFromRow);
  }

  async sumLedger(q: LedgerQuery): Promise<number> {
    if (isBalanceQuery(q)) {
      // Kept beside the ledger.
      const { rows } = await this.db.query<{ sum: string | number }>(
        `select coalesce(sum(total), 0) as sum from ledger_balances
          where community_id = $1 and member_id = $2 and kind = any($3::text[])`,
        [q.communityId, q.memberId, [...q.kinds]],
      );
      return Number(rows[0]?.sum ?? 0);
    }
    const { rows } = await this.db.query<{ sum: string | number }>(
      `select coalesce(sum(amount), 0) as sum from ledger
        where community_id = $1
          and ($2::bigint is null or member_id = $2)
          and ($3::bigint is null or group_id = $3)
          and ($4::text is null or play = $4)
          and ($5::text[] is null or kind = any($5))
          and ($6::timestamptz is null or at >= $6)`,
      ledgerParams(q),
    );
    return Number(rows[0]?.sum ?? 0);
  }

  async authorOf(communityId: number, source: string, sourceId: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ member_id: number }>(
      'select member_id from events where community_id = $1 and source = $2 and source_id = $3',
      [communityId, source, sourceId],
    );
    return rows[0] ? Number(rows[0].member_id) : undefined;
  }

  async getMemory(ref: MemoryRef, now: Date): Promise<Json | undefined> {
    const { rows } = await this.db.query<{ value: Json }>(
      `select value from play_memory where community_id = $1 and play = $2 and key = $3
         and (expires_at is null or expires_at > $4)`,
      [ref.communityId, ref.play, ref.key, now.toISOString()],
    );
    return rows[0]?.value;
  }

  async setMemory(ref: MemoryRef, value: Json, expiresAt: Date | null): Promise<void> {
    await this.db.query(
      `insert into play_memory (community_id, play, key, value, expires_at) values ($1, $2, $3, $4::jsonb, $5)
       on conflict (community_id, play, key) do update set value = excluded.value, expires_at = excluded.expires_at`,
      [ref.communityId, ref.play, ref.key, JSON.stringify(value), expiresAt?.toISOString() ?? null],
    );
  }

  /**
   * Delete the memory that expired before `before` (every community's), a few thousand rows a
   * statement; how many went. Reads already ignore expired rows: this keeps the table from growing
   * with every member's daily caps and every question remembered for a week.
   */
  async forgetExpiredMemory(before: Date, batch = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rows } = await this.db.query<{ n: number }>(
        `with gone as (
           delete from play_memory where ctid in (select ctid from play_memory where expires_at < $1 limit $2)
           returning 1
         )
         select count(*)::int as n from gone`,
        [before.toISOString(), batch],
      );
      const n = Number(rows[0]?.n ?? 0);
      total += n;
      if (n < batch) return total;
    }
  }

  async deleteMemory(ref: MemoryRef): Promise<void> {
    await this.db.query('delete from play_memory where community_id = $1 and play = $2 and key = $3', [
      ref.communityId,
      ref.play,
      ref.key,
    ]);
  }

  async memberFacts(communityId: number, groupId: number, memberId: number): Promise<MemberFacts> {
    return (await this.membersFacts(communityId, groupId, [memberId]))[0] ?? plainMemberFacts(memberId);
  }

  /** What is known of several members in a group, in one statement, in the order asked. */
  membersFacts(communityId: number, groupId: number, memberIds: readonly number[]): Promise<MemberFacts[]> {
    return this.membersFactsIn(
      communityId,
      memberIds.map((memberId) => ({ groupId, memberId })),
    );
  }

  /** What is known of members, each in a group of their own, in one statement, in the order asked. */
  async membersFactsIn(
    communityId: number,
    of: readonly { groupId: number; memberId: number }[],
  ): Promise<MemberFacts[]> {
    const { rows } = await this.db.query<{
      id: number;
      display_name: string;
      first_seen_at: Date | null;
      joined_at: Date | null;
      roles: string[] | null;
      blocklisted: boolean;
      n: number;
    }>(
      // Each member looked up by the primary key and subqueries per member rather than joins, so that
      // every step is an index lookup even when the planner's statistics do not know the community
      // yet (it would otherwise walk the community's members by another index).
      `select m.id, m.display_name, m.first_seen_at,
              (select gm.joined_at from group_members gm
                where gm.community_id = $1 and gm.group_id = u.group_id and gm.member_id = m.id) as joined_at,
              (select array_agg(distinct r.role order by r.role) from member_roles r
                where r.community_id = $1 and r.member_id = m.id and r.group_id in (0, u.group_id)) as roles,
              exists (select 1 from blocklist b where b.community_id = $1 and b.member_id = m.id) as blocklisted,
              u.n
         from unnest($2::bigint[], $3::bigint[]) with ordinality as u(group_id, id, n)
         cross join lateral (
           select id, display_name, first_seen_at from members where community_id = $1 and id = u.id
         ) m`,
      [communityId, of.map((x) => x.groupId), of.map((x) => x.memberId)],
    );
    const byN = new Map(rows.map((r) => [Number(r.n), r]));
    return of.map(({ memberId }, i) => {
      const r = byN.get(i + 1);
      if (!r) return plainMemberFacts(memberId);
      return {
        memberId,
        displayName: r.display_name,
        roles: r.roles ?? [],
        joinedAt: toDateOrNull(r.joined_at),
        firstSeenAt: toDateOrNull(r.first_seen_at),
        blocklisted: r.blocklisted,
      };
    });
  }

  async membersWithRole(communityId: number, groupId: number, role: string): Promise<RoleHolder[]> {
    const { rows } = await this.db.query<{ id: number; display_name: string }>(
      `select m.id, m.display_name from members m
        where m.community_id = $1
          and exists (select 1 from member_roles r where r.community_id = m.community_id and r.member_id = m.id
                        and r.group_id in (0, $2) and r.role = $3)
        order by m.display_name, m.id`,
      [communityId, groupId, role],
    );
    return rows.map((r) => ({ memberId: Number(r.id), displayName: r.display_name }));
  }

  async enqueueAction(a: ActionInput): Promise<void> {
    await this.db.query(
      `insert into actions (community_id, group_id, play, kind, payload, idempotency_key, source_event_id, at, next_attempt_at)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, least($8::timestamptz, now()))
       on conflict (community_id, idempotency_key) do nothing`,
      [
        a.communityId,
        a.groupId,
        a.play,
        a.kind,
        JSON.stringify(a.payload),
        a.idempotencyKey,
        a.sourceEventId ?? null,
        a.at.toISOString(),
      ],
    );
  }
}

export class TimerRepository {
  constructor(private readonly db: Db) {}

  /** Timers due at or before `now`, across communities, earliest first. */
  async due(now: Date, limit = 500): Promise<Timer[]> {
    const { rows } = await this.db.query<TimerRow>('select * from timers where due_at <= $1 order by due_at limit $2', [
      now.toISOString(),
      limit,
    ]);
    return rows.map(timerFromRow);
  }

  /** A group's timers due at or before `until`, earliest first. */
  async dueForGroup(communityId: number, groupId: number, until: Date): Promise<Timer[]> {
    const { rows } = await this.db.query<TimerRow>(
      'select * from timers where community_id = $1 and group_id = $2 and due_at <= $3 order by due_at, key',
      [communityId, groupId, until.toISOString()],
    );
    return rows.map(timerFromRow);
  }

  async next(): Promise<Date | null> {
    const { rows } = await this.db.query<{ due_at: Date | null }>('select min(due_at) as due_at from timers');
    return toDateOrNull(rows[0]?.due_at);
  }
}
