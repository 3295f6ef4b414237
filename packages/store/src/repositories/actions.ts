import type { ActionKind, ActionStatus, JsonObject, StoredAction } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate, toDateOrNull } from './rows.js';

type ActionRow = {
  id: number;
  community_id: number;
  group_id: number;
  play: string;
  kind: StoredAction['kind'];
  payload: JsonObject;
  idempotency_key: string;
  source_event_id: number | null;
  at: Date;
  status: ActionStatus;
  attempts: number;
  last_error: string | null;
  done_at: Date | null;
  next_attempt_at: Date;
  sending_at: Date | null;
  platform_ref: string | null;
};
const actionFromRow = (r: ActionRow): StoredAction => ({
  id: Number(r.id),
  communityId: Number(r.community_id),
  groupId: Number(r.group_id),
  play: r.play,
  kind: r.kind,
  payload: r.payload,
  idempotencyKey: r.idempotency_key,
  ...(r.source_event_id === null ? {} : { sourceEventId: Number(r.source_event_id) }),
  at: toDate(r.at),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  doneAt: toDateOrNull(r.done_at),
});

/** An action as the outbox and the console see it: with its schedule and the platform's reference. */
export type OutboxAction = StoredAction & {
  nextAttemptAt: Date;
  sendingAt: Date | null;
  platformRef: string | null;
};
const outboxFromRow = (r: ActionRow): OutboxAction => ({
  ...actionFromRow(r),
  nextAttemptAt: toDate(r.next_attempt_at),
  sendingAt: toDateOrNull(r.sending_at),
  platformRef: r.platform_ref,
});

export type OutboxCounts = Record<'pending' | 'sending' | 'failed' | 'unknown', number>;

/** What became of actions left `sending` by a process that stopped. */
export type Recovered = { requeued: OutboxAction[]; unknown: OutboxAction[] };

/** The outbox: actions plays asked for, and what became of them. */
export class ActionRepository {
  constructor(private readonly db: Db) {}

  /**
   * The front of every chat's queue: the first `perGroup` open (pending or sending) actions of each
   * group, in order. The outbox walks each from the start and stops at the first it cannot send.
   */
  async queueHeads(perGroup = 20, communityIds?: readonly number[]): Promise<OutboxAction[]> {
    const { rows } = await this.db.query<ActionRow>(
      `select * from (
         select a.*, row_number() over (partition by community_id, group_id order by id) as rn
           from actions a
          where status in ('pending', 'sending') and ($2::bigint[] is null or community_id = any($2))
       ) q where rn <= $1
       order by community_id, group_id, id`,
      [perGroup, communityIds ? [...communityIds] : null],
    );
    return rows.map(outboxFromRow);
  }

  /**
   * Take a pending action for one attempt: it becomes `sending` before the platform is called, so a
   * crash during the call is never mistaken for "not yet sent". False when it was not pending.
   */
  async claim(communityId: number, id: number, at: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `update actions set status = 'sending', sending_at = $3
        where community_id = $1 and id = $2 and status = 'pending' returning id`,
      [communityId, id, at.toISOString()],
    );
    return rows.length === 1;
  }

  async markSent(communityId: number, id: number, at: Date, platformRef?: string): Promise<void> {
    await this.db.query(
      `update actions set status = 'sent', attempts = attempts + 1, done_at = $3, last_error = null,
         sending_at = null, platform_ref = coalesce($4, platform_ref)
       where community_id = $1 and id = $2`,
      [communityId, id, at.toISOString(), platformRef ?? null],
    );
  }

  /**
   * Record a failed attempt: retry at `retryAt`, or give up (`failed`) when it is null. A wait the
   * platform asked for (`countAttempt: false`) does not use up an attempt.
   */
  async markAttemptFailed(
    communityId: number,
    id: number,
    error: string,
    retryAt: Date | null,
    at: Date,
    countAttempt = true,
  ): Promise<void> {
    await this.db.query(
      `update actions set attempts = attempts + $6, last_error = $3, sending_at = null,
         status = case when $4::timestamptz is null then 'failed' else 'pending' end,
         next_attempt_at = coalesce($4::timestamptz, next_attempt_at),
         done_at = case when $4::timestamptz is null then $5::timestamptz else done_at end
       where community_id = $1 and id = $2`,
      [communityId, id, error.slice(0, 2000), retryAt?.toISOString() ?? null, at.toISOString(), countAttempt ? 1 : 0],
    );
  }

  async markSkipped(communityId: number, id: number, reason: string, at: Date): Promise<void> {
    await this.db.query(
      `update actions set status = 'skipped', last_error = $3, done_at = $4, sending_at = null
       where community_id = $1 and id = $2`,
      [communityId, id, reason, at.toISOString()],
    );
  }

  /**
   * Actions left `sending` since before `startedBefore` (their process stopped mid-call): those of a
   * kind in `safeKinds` (repeating them changes nothing) go back to pending; the rest become
   * `unknown`, for a person to check.
   */
  async recoverInFlight(
    startedBefore: Date,
    safeKinds: readonly ActionKind[],
    at: Date,
    communityIds?: readonly number[],
  ): Promise<Recovered> {
    const { rows } = await this.db.query<ActionRow>(
      `update actions set
         status = case when kind = any($2) then 'pending' else 'unknown' end,
         last_error = case when kind = any($2)
           then 'interrupted during a platform call; sent again (repeating it is harmless)'
           else 'interrupted during a platform call: it may or may not have gone out; check the chat, then retry or dismiss'
         end,
         done_at = case when kind = any($2) then null else $3::timestamptz end,
         next_attempt_at = case when kind = any($2) then $3::timestamptz else next_attempt_at end,
         sending_at = null
       where status = 'sending' and sending_at < $1 and ($4::bigint[] is null or community_id = any($4))
       returning *`,
      [startedBefore.toISOString(), [...safeKinds], at.toISOString(), communityIds ? [...communityIds] : null],
    );
    const all = rows.map(outboxFromRow);
    return { requeued: all.filter((a) => a.status === 'pending'), unknown: all.filter((a) => a.status === 'unknown') };
  }

  /** A person asks for a failed or unknown action to be tried again, from scratch. */
  async retry(communityId: number, id: number, at: Date): Promise<OutboxAction | undefined> {
    const { rows } = await this.db.query<ActionRow>(
      `update actions set status = 'pending', attempts = 0, next_attempt_at = $3, done_at = null, sending_at = null
        where community_id = $1 and id = $2 and status in ('failed', 'unknown') returning *`,
      [communityId, id, at.toISOString()],
    );
    return rows[0] && outboxFromRow(rows[0]);
  }

  /** A person settles a failed or unknown action without trying again (it went out, or never mind). */
  async dismiss(communityId: number, id: number, at: Date): Promise<OutboxAction | undefined> {
    const { rows } = await this.db.query<ActionRow>(
      `update actions set status = 'skipped', done_at = $3,
         last_error = 'dismissed in the console' || coalesce(' (was: ' || last_error || ')', '')
        where community_id = $1 and id = $2 and status in ('failed', 'unknown') returning *`,
      [communityId, id, at.toISOString()],
    );
    return rows[0] && outboxFromRow(rows[0]);
  }

  async get(communityId: number, id: number): Promise<OutboxAction | undefined> {
    const { rows } = await this.db.query<ActionRow>('select * from actions where community_id = $1 and id = $2', [
      communityId,
      id,
    ]);
    return rows[0] && outboxFromRow(rows[0]);
  }

  /** How many actions wait, are in flight, or need a person (the console's badge). */
  async counts(communityId: number): Promise<OutboxCounts> {
    const { rows } = await this.db.query<{ status: string; n: string | number }>(
      `select status, count(*) as n from actions
        where community_id = $1 and status in ('pending', 'sending', 'failed', 'unknown') group by status`,
      [communityId],
    );
    const counts: OutboxCounts = { pending: 0, sending: 0, failed: 0, unknown: 0 };
    for (const r of rows) counts[r.status as keyof OutboxCounts] = Number(r.n);
    return counts;
  }

  /**
   * Platform calls a connection made since `since` (group and time, with the kind), so rate limits
   * hold across a restart.
   */
  async doneSince(
    communityId: number,
    platform: string,
    since: Date,
  ): Promise<{ groupId: number; kind: ActionKind; at: Date }[]> {
    const { rows } = await this.db.query<{ group_id: number; kind: ActionKind; done_at: Date }>(
      `select a.group_id, a.kind, a.done_at from actions a
         join groups g on g.community_id = a.community_id and g.id = a.group_id
        where a.community_id = $1 and g.platform = $2 and a.status = 'sent' and a.kind <> 'alert'
          and a.done_at >= $3
        order by a.done_at`,
      [communityId, platform, since.toISOString()],
    );
    return rows.map((r) => ({ groupId: Number(r.group_id), kind: r.kind, at: toDate(r.done_at) }));
  }

  /** A group's latest actions, oldest first. */
  async recentInGroup(communityId: number, groupId: number, limit: number): Promise<StoredAction[]> {
    const { rows } = await this.db.query<ActionRow>(
      `select * from (select * from actions where community_id = $1 and group_id = $2 order by id desc limit $3) a order by id`,
      [communityId, groupId, limit],
    );
    return rows.map(actionFromRow);
  }

  async list(
    communityId: number,
    filter: { groupId?: number; status?: ActionStatus | readonly ActionStatus[]; limit: number; afterId?: number },
  ): Promise<OutboxAction[]> {
    const statuses =
      filter.status === undefined ? null : typeof filter.status === 'string' ? [filter.status] : [...filter.status];
    const { rows } = await this.db.query<ActionRow>(
      `select * from actions where community_id = $1
         and ($2::bigint is null or group_id = $2) and ($3::text[] is null or status = any($3))
         and ($4::bigint is null or id > $4)
       order by id limit $5`,
      [communityId, filter.groupId ?? null, statuses, filter.afterId ?? null, filter.limit],
    );
    return rows.map(outboxFromRow);
  }
}
