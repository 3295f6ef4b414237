import type { ActorRef, EventInput, EventPayload, EventType, IngestResult, StoredEvent } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { rollupUpkeep } from './rollups.js';
import { toDate } from './rows.js';

const SEP = '\u0000';

/**
 * PostgreSQL refuses NUL in text and lone UTF-16 surrogates in JSON (a damaged UTF-16 export makes
 * both). The store takes whatever an importer or a webhook hands it: NULs go, broken surrogates
 * become U+FFFD, so one odd character cannot fail a batch.
 */
const safe = (s: string): string => {
  const t = s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
  return t.isWellFormed() ? t : t.toWellFormed();
};
const safeJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? safe(v) : v));
const safeRef = (a: ActorRef): ActorRef => ({
  platform: safe(a.platform),
  platformUserId: safe(a.platformUserId),
  ...(a.displayName === undefined ? {} : { displayName: safe(a.displayName) }),
});
/** An event with every string made storable (see `safe`). */
const storable = (e: EventInput): EventInput => ({
  ...e,
  source: safe(e.source),
  sourceId: safe(e.sourceId),
  group: {
    platform: safe(e.group.platform),
    platformGroupId: safe(e.group.platformGroupId),
    ...(e.group.name === undefined ? {} : { name: safe(e.group.name) }),
  },
  actor: safeRef(e.actor),
  ...(e.inviter ? { inviter: safeRef(e.inviter) } : {}),
  ...(e.previous ? { previous: safeRef(e.previous) } : {}),
  ...(e.text === undefined ? {} : { text: safe(e.text) }),
  ...(e.replyTo === undefined ? {} : { replyTo: safe(e.replyTo) }),
});
const actorKey = (a: ActorRef) => `${a.platform}${SEP}${a.platformUserId}`;
const groupKey = (g: EventInput['group']) => `${g.platform}${SEP}${g.platformGroupId}`;

type EventRow = {
  id: number;
  community_id: number;
  group_id: number;
  member_id: number;
  type: string;
  source: string;
  source_id: string;
  at: Date;
  payload: EventPayload;
};

export const eventFromRow = (r: EventRow): StoredEvent => ({
  id: r.id,
  communityId: r.community_id,
  groupId: r.group_id,
  memberId: r.member_id,
  type: r.type as EventType,
  source: r.source,
  sourceId: r.source_id,
  at: toDate(r.at),
  payload: r.payload,
});

type GroupPresence = {
  groupId: number;
  memberId: number;
  status: 'in' | 'left';
  statusAt: Date;
  joinedAt: Date | null;
  leftAt: Date | null;
  first: Date;
  last: Date;
};

type Seen = { first: number; last: number; name: string | null };
type RollupDelta = {
  groupId: number;
  memberId: number;
  day: string;
  messages: number;
  joins: number;
  leaves: number;
  events: number;
};

/** Buffered rollup keys that trigger a write before finish(), so memory stays bounded on huge imports. */
const ROLLUP_FLUSH_KEYS = 50_000;

/** Rollup upkeep from the `ins` CTE of a live batch ($9 is the community's zone). */
const ROLLUP_UPSERTS = `rollup_deltas as (
         select group_id, member_id, (at at time zone $9)::date as day,
                count(*) filter (where type = 'message')::int as messages, count(*) filter (where type = 'join')::int as joins,
                count(*) filter (where type = 'leave')::int as leaves, count(*)::int as events
         from ins group by 1, 2, 3
       ), ${rollupUpkeep('rollup_deltas', '$1::bigint')}`;

/** Add counted deltas to every rollup (ROLLUP_TABLES). */
const writeRollups = async (db: Db, communityId: number, deltas: readonly RollupDelta[]) => {
  const CHUNK = 20_000;
  for (let i = 0; i < deltas.length; i += CHUNK) {
    const part = deltas.slice(i, i + CHUNK);
    await db.query(
      `with rollup_deltas as (
         select * from unnest($2::bigint[], $3::bigint[], $4::date[], $5::int[], $6::int[], $7::int[], $8::int[])
           as d(group_id, member_id, day, messages, joins, leaves, events)
       ), ${rollupUpkeep('rollup_deltas', '$1::bigint')}
       select 1`,
      [
        communityId,
        part.map((d) => d.groupId),
        part.map((d) => d.memberId),
        part.map((d) => d.day),
        part.map((d) => d.messages),
        part.map((d) => d.joins),
        part.map((d) => d.leaves),
        part.map((d) => d.events),
      ],
    );
  }
};

/**
 * Appends normalised events: resolves groups and identities (creating them), inserts events
 * idempotently on (source, source id), and keeps members' and group memberships' derived times.
 * Use inside one transaction: what it resolved is cached for the next batch, and the derived times
 * are written once, by `finish()`. A whole import is thus one session and all-or-nothing.
 */
export class IngestSession {
  private readonly groups = new Map<string, number>();
  private readonly actors = new Map<string, { memberId: number; name: string }>();
  private readonly seen = new Map<number, Seen>();
  private readonly presence = new Map<string, GroupPresence>();
  private readonly rollupBuffer = new Map<string, RollupDelta>();
  private tz: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly communityId: number,
    /** Keep the rollups (always, except to measure what keeping them costs). */
    private readonly rollups = true,
  ) {}

  /**
   * Add a batch. With `events: false` (imports) the stored events are not returned, which spares
   * sending every new id and source id back from the database.
   */
  async add(raw: readonly EventInput[], options: { events?: boolean } = {}): Promise<IngestResult> {
    if (raw.length === 0) return { inserted: 0, duplicates: 0, events: [] };
    const inputs = raw.map(storable);
    const wantEvents = options.events ?? true;
    const { db, communityId } = this;
    await this.resolveGroups(inputs);
    await this.resolveActors(inputs);
    const n = inputs.length;
    const cols = {
      group: new Array<number>(n),
      member: new Array<number>(n),
      type: new Array<string>(n),
      source: new Array<string>(n),
      sourceId: new Array<string>(n),
      at: new Array<string>(n),
      payload: new Array<string>(n),
    };
    const payloads = new Array<EventPayload>(n);
    for (let i = 0; i < n; i++) {
      const e = inputs[i] as EventInput;
      const payload: EventPayload = {};
      if (e.actor.displayName !== undefined) payload.name = e.actor.displayName;
      if (e.text !== undefined) payload.text = e.text;
      if (e.replyTo !== undefined) payload.replyTo = e.replyTo;
      if (e.inviter) payload.inviterMemberId = this.actors.get(actorKey(e.inviter))?.memberId as number;
      if (e.extra !== undefined) payload.extra = e.extra;
      payloads[i] = payload;
      cols.group[i] = this.groups.get(groupKey(e.group)) as number;
      cols.member[i] = this.actors.get(actorKey(e.actor))?.memberId as number;
      cols.type[i] = e.type;
      cols.source[i] = e.source;
      cols.sourceId[i] = e.sourceId;
      cols.at[i] = e.at.toISOString();
      cols.payload[i] = safeJson(payload);
    }
    const tz = await this.timezone();
    const params = [communityId, cols.group, cols.member, cols.type, cols.source, cols.sourceId, cols.at, cols.payload];
    const insert = `insert into events (community_id, group_id, member_id, type, source, source_id, at, payload)
         select $1, * from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[])
         on conflict (community_id, source, source_id) do nothing
         returning id, group_id, member_id, type, at, source, source_id`;
    let rowCount: number;
    let rows: { id: number; source: string; source_id: string }[] = [];
    if (wantEvents) {
      // A live batch: the events and the rollups of the rows that were new, in one statement.
      const result = await db.query<{ id: number; source: string; source_id: string }>(
        `with ins as (${insert})${this.rollups ? `, ${ROLLUP_UPSERTS}` : ''}
         select id, source, source_id from ins`,
        this.rollups ? [...params, tz] : params,
      );
      rows = result.rows;
      rowCount = rows.length;
    } else {
      // An import: the new rows come back counted per (group, member, day) and are added up in
      // memory across batches, so a day spread over many batches is written once, at finish().
      const result = await db.query<{
        group_id: number;
        member_id: number;
        day: string;
        messages: number;
        joins: number;
        leaves: number;
        n: number;
      }>(
        `with ins as (${insert})
         select group_id, member_id, to_char((at at time zone $9)::date, 'YYYY-MM-DD') as day,
                count(*) filter (where type = 'message') as messages, count(*) filter (where type = 'join') as joins,
                count(*) filter (where type = 'leave') as leaves, count(*) as n
         from ins group by 1, 2, 3`,
        [...params, tz],
      );
      rowCount = 0;
      for (const r of result.rows) {
        rowCount += Number(r.n);
        if (this.rollups)
          this.addRollup(
            r.group_id,
            r.member_id,
            r.day,
            Number(r.messages),
            Number(r.joins),
            Number(r.leaves),
            Number(r.n),
          );
      }
      if (this.rollupBuffer.size >= ROLLUP_FLUSH_KEYS) await this.flushRollups();
    }
    if (!wantEvents) {
      // Duplicates carry the same facts as the stored copies, so noting them changes no derived time.
      for (let i = 0; i < n; i++) {
        const e = inputs[i] as EventInput;
        this.noteFacts(cols.member[i] as number, cols.group[i] as number, e.type, e.at, payloads[i]?.name);
      }
      return { inserted: rowCount, duplicates: n - rowCount, events: [] };
    }
    const ids = new Map(rows.map((r) => [`${r.source}${SEP}${r.source_id}`, r.id]));
    const events: StoredEvent[] = [];
    for (let i = 0; i < n; i++) {
      const key = `${cols.source[i]}${SEP}${cols.sourceId[i]}`;
      const id = ids.get(key);
      if (id === undefined) continue;
      ids.delete(key); // a second copy within the batch is a duplicate too
      const e = inputs[i] as EventInput;
      events.push({
        id,
        communityId,
        groupId: cols.group[i] as number,
        memberId: cols.member[i] as number,
        type: e.type,
        source: e.source,
        sourceId: e.sourceId,
        at: e.at,
        payload: payloads[i] as EventPayload,
      });
    }
    for (const e of events) this.noteFacts(e.memberId, e.groupId, e.type, e.at, e.payload.name);
    return { inserted: events.length, duplicates: n - events.length, events };
  }

  /** The community's zone, in which rollup days are cut. */
  private async timezone(): Promise<string> {
    if (this.tz === null) {
      const { rows } = await this.db.query<{ timezone: string }>('select timezone from communities where id = $1', [
        this.communityId,
      ]);
      this.tz = rows[0]?.timezone ?? 'UTC';
    }
    return this.tz;
  }

  /** Write members' first/last seen and group presence for everything added. Call before commit. */
  private addRollup(
    groupId: number,
    memberId: number,
    day: string,
    messages: number,
    joins: number,
    leaves: number,
    events: number,
  ) {
    const key = `${groupId}:${memberId}:${day}`;
    const d = this.rollupBuffer.get(key);
    if (d) {
      d.messages += messages;
      d.joins += joins;
      d.leaves += leaves;
      d.events += events;
    } else this.rollupBuffer.set(key, { groupId, memberId, day, messages, joins, leaves, events });
  }

  /** Add the buffered rollup counts to member_days and group_days. */
  private async flushRollups(): Promise<void> {
    if (this.rollupBuffer.size === 0) return;
    const deltas = [...this.rollupBuffer.values()];
    this.rollupBuffer.clear();
    await writeRollups(this.db, this.communityId, deltas);
  }

  async finish(): Promise<void> {
    await this.flushRollups();
    if (this.seen.size > 0) await writeMembers(this.db, this.communityId, this.seen);
    if (this.presence.size > 0) await writePresence(this.db, this.communityId, [...this.presence.values()]);
    this.seen.clear();
    this.presence.clear();
  }

  private noteFacts(memberId: number, groupId: number, type: EventType, at: Date, name: string | undefined): void {
    const e = { memberId, groupId, type, at };
    const t = at.getTime();
    const s = this.seen.get(memberId);
    if (!s) this.seen.set(memberId, { first: t, last: t, name: name ?? null });
    else {
      if (t < s.first) s.first = t;
      if (t >= s.last) {
        s.last = t;
        if (name !== undefined) s.name = name;
      }
    }
    // Presence: the latest join or leave decides; a message is evidence of being in.
    const status = e.type === 'leave' ? 'left' : e.type === 'join' || e.type === 'message' ? 'in' : null;
    const key = `${e.groupId}:${e.memberId}`;
    let p = this.presence.get(key);
    if (!p) {
      p = {
        groupId: e.groupId,
        memberId: e.memberId,
        status: status ?? 'in',
        statusAt: e.at,
        joinedAt: null,
        leftAt: null,
        first: e.at,
        last: e.at,
      };
      this.presence.set(key, p);
    }
    if (e.at < p.first) p.first = e.at;
    if (e.at >= p.last) p.last = e.at;
    if (status && e.at >= p.statusAt) {
      p.status = status;
      p.statusAt = e.at;
    }
    if (e.type === 'join' && (!p.joinedAt || e.at > p.joinedAt)) p.joinedAt = e.at;
    if (e.type === 'leave' && (!p.leftAt || e.at > p.leftAt)) p.leftAt = e.at;
  }

  private async resolveGroups(inputs: readonly EventInput[]): Promise<void> {
    const wanted = new Map<string, EventInput['group']>();
    for (const e of inputs) {
      const key = groupKey(e.group);
      if (this.groups.has(key)) continue;
      const seen = wanted.get(key);
      if (!seen || (!seen.name && e.group.name)) wanted.set(key, e.group);
    }
    if (wanted.size === 0) return;
    const resolved = await resolveGroups(this.db, this.communityId, [...wanted.values()]);
    for (const [key, id] of resolved) this.groups.set(key, id);
  }

  private async resolveActors(inputs: readonly EventInput[]): Promise<void> {
    const fresh = inputs.filter(
      (e) =>
        !this.actors.has(actorKey(e.actor)) ||
        (e.actor.displayName !== undefined && this.actors.get(actorKey(e.actor))?.name !== e.actor.displayName) ||
        (e.inviter !== undefined && !this.actors.has(actorKey(e.inviter))),
    );
    if (fresh.length === 0) return;
    const resolved = await resolveActors(this.db, this.communityId, fresh);
    for (const [key, value] of resolved) this.actors.set(key, value);
  }
}

/** Append one batch in its own session (a live batch, an API call). Call inside a transaction. */
export const ingestBatch = async (
  db: Db,
  communityId: number,
  inputs: readonly EventInput[],
): Promise<IngestResult> => {
  const session = new IngestSession(db, communityId);
  const result = await session.add(inputs);
  await session.finish();
  return result;
};

const resolveGroups = async (db: Db, communityId: number, groups: readonly EventInput['group'][]) => {
  const platforms = groups.map((g) => g.platform);
  const platformIds = groups.map((g) => g.platformGroupId);
  await db.query(
    `insert into groups (community_id, platform, platform_group_id, name)
     select $1, * from unnest($2::text[], $3::text[], $4::text[])
     on conflict (community_id, platform, platform_group_id) do nothing`,
    [communityId, platforms, platformIds, groups.map((g) => g.name ?? g.platformGroupId)],
  );
  const { rows } = await db.query<{ id: number; platform: string; platform_group_id: string }>(
    `select g.id, g.platform, g.platform_group_id from groups g
     join unnest($2::text[], $3::text[]) as u(platform, platform_group_id)
       on g.platform = u.platform and g.platform_group_id = u.platform_group_id
     where g.community_id = $1`,
    [communityId, platforms, platformIds],
  );
  return new Map(rows.map((r) => [`${r.platform}${SEP}${r.platform_group_id}`, r.id]));
};

/** Map every actor and inviter to a member, creating members for identities seen the first time. */
const resolveActors = async (db: Db, communityId: number, inputs: readonly EventInput[]) => {
  const latest = new Map<string, { ref: ActorRef; at: number }>();
  const note = (ref: ActorRef, at: number) => {
    const key = actorKey(ref);
    const seen = latest.get(key);
    if (!seen || (ref.displayName !== undefined && (at >= seen.at || seen.ref.displayName === undefined))) {
      latest.set(key, { ref, at });
    }
  };
  for (const e of inputs) {
    note(e.actor, e.at.getTime());
    if (e.inviter) note(e.inviter, Number.NEGATIVE_INFINITY);
  }
  const refs = [...latest.values()].map((v) => v.ref);
  const lookup = async (wanted: ActorRef[]) => {
    const { rows } = await db.query<{
      platform: string;
      platform_user_id: string;
      member_id: number;
      display_name: string;
    }>(
      `select i.platform, i.platform_user_id, i.member_id, i.display_name from identities i
       join unnest($2::text[], $3::text[]) as u(platform, platform_user_id)
         on i.platform = u.platform and i.platform_user_id = u.platform_user_id
       where i.community_id = $1`,
      [communityId, wanted.map((r) => r.platform), wanted.map((r) => r.platformUserId)],
    );
    return rows;
  };
  const found = await lookup(refs);
  const memberIds = new Map(found.map((r) => [`${r.platform}${SEP}${r.platform_user_id}`, r.member_id]));
  const result = () =>
    new Map(
      [...memberIds].map(([key, memberId]) => {
        const ref = latest.get(key)?.ref;
        return [key, { memberId, name: ref?.displayName ?? ref?.platformUserId ?? '' }] as const;
      }),
    );
  const renamed = found.filter((r) => {
    const name = latest.get(`${r.platform}${SEP}${r.platform_user_id}`)?.ref.displayName;
    return name !== undefined && name !== r.display_name;
  });
  if (renamed.length > 0) {
    await db.query(
      `update identities i set display_name = u.name
       from unnest($2::text[], $3::text[], $4::text[]) as u(platform, platform_user_id, name)
       where i.community_id = $1 and i.platform = u.platform and i.platform_user_id = u.platform_user_id`,
      [
        communityId,
        renamed.map((r) => r.platform),
        renamed.map((r) => r.platform_user_id),
        renamed.map((r) => latest.get(`${r.platform}${SEP}${r.platform_user_id}`)?.ref.displayName ?? r.display_name),
      ],
    );
  }
  const previousOf = new Map<string, ActorRef>();
  for (const e of inputs) if (e.previous) previousOf.set(actorKey(e.actor), e.previous);
  if (previousOf.size > 0) {
    // Know the previous identities too, when they are stored already.
    const prior = [...previousOf.values()].filter((p) => !memberIds.has(actorKey(p)));
    for (const r of prior.length > 0 ? await lookup(prior) : []) {
      memberIds.set(`${r.platform}${SEP}${r.platform_user_id}`, r.member_id);
    }
  }
  const missing = refs.filter((r) => !memberIds.has(actorKey(r)));
  if (missing.length === 0) return result();

  const insertIdentities = async (list: readonly { ref: ActorRef; memberId: number }[]) => {
    const { rows } = await db.query<{ platform: string; platform_user_id: string; member_id: number }>(
      `insert into identities (community_id, platform, platform_user_id, member_id, display_name)
       select $1, * from unnest($2::text[], $3::text[], $4::bigint[], $5::text[])
       on conflict (community_id, platform, platform_user_id) do nothing
       returning platform, platform_user_id, member_id`,
      [
        communityId,
        list.map((l) => l.ref.platform),
        list.map((l) => l.ref.platformUserId),
        list.map((l) => l.memberId),
        list.map((l) => l.ref.displayName ?? l.ref.platformUserId),
      ],
    );
    for (const r of rows) memberIds.set(`${r.platform}${SEP}${r.platform_user_id}`, r.member_id);
    return rows.length;
  };

  const createMembers = async (list: readonly ActorRef[]) => {
    if (list.length === 0) return;
    // Reserve ids first so that each new member is paired with its identity without relying on row order.
    const { rows: reserved } = await db.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence('members', 'id')) as id from generate_series(1, $1::integer)`,
      [list.length],
    );
    const newIds = reserved.map((r) => r.id);
    await db.query(
      `insert into members (community_id, id, display_name) select $1, * from unnest($2::bigint[], $3::text[])`,
      [communityId, newIds, list.map((r) => r.displayName ?? r.platformUserId)],
    );
    const created = await insertIdentities(list.map((ref, i) => ({ ref, memberId: newIds[i] as number })));
    if (created < list.length) {
      // Another writer created some of these identities between our lookup and insert: use theirs.
      const lost = list.filter((r, i) => memberIds.get(actorKey(r)) !== newIds[i]);
      for (const r of await lookup(lost)) memberIds.set(`${r.platform}${SEP}${r.platform_user_id}`, r.member_id);
      const used = new Set(list.map((r) => memberIds.get(actorKey(r))));
      await db.query('delete from members where community_id = $1 and id = any($2::bigint[])', [
        communityId,
        newIds.filter((id) => !used.has(id)),
      ]);
    }
  };

  // New identities first, then aliases (a nick change links the new nick to its previous one's
  // member, following chains within the batch); an alias whose previous is unknown is a new member.
  await createMembers(missing.filter((r) => !previousOf.has(actorKey(r))));
  let pending = missing.filter((r) => previousOf.has(actorKey(r)));
  for (;;) {
    const ready = pending.flatMap((ref) => {
      const memberId = memberIds.get(actorKey(previousOf.get(actorKey(ref)) as ActorRef));
      return memberId === undefined ? [] : [{ ref, memberId }];
    });
    if (ready.length === 0) break;
    await insertIdentities(ready);
    for (const r of await lookup(ready.map((l) => l.ref))) {
      memberIds.set(`${r.platform}${SEP}${r.platform_user_id}`, r.member_id);
    }
    pending = pending.filter((r) => !memberIds.has(actorKey(r)));
  }
  await createMembers(pending);
  return result();
};

const writeMembers = async (db: Db, communityId: number, seen: ReadonlyMap<number, Seen>) => {
  const ids = [...seen.keys()];
  const values = [...seen.values()];
  await db.query(
    `update members m set
       first_seen_at = least(m.first_seen_at, u.first_at),
       last_seen_at = greatest(m.last_seen_at, u.last_at),
       display_name = case when u.name is not null and (m.last_seen_at is null or u.last_at >= m.last_seen_at)
                           then u.name else m.display_name end
     from unnest($2::bigint[], $3::timestamptz[], $4::timestamptz[], $5::text[]) as u(id, first_at, last_at, name)
     where m.community_id = $1 and m.id = u.id`,
    [
      communityId,
      ids,
      values.map((v) => new Date(v.first).toISOString()),
      values.map((v) => new Date(v.last).toISOString()),
      values.map((v) => v.name),
    ],
  );
};

const writePresence = async (db: Db, communityId: number, list: readonly GroupPresence[]) => {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  await db.query(
    `insert into group_members (community_id, group_id, member_id, status, status_at, joined_at, left_at, first_seen_at, last_seen_at)
     select $1, * from unnest($2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                              $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
     on conflict (community_id, group_id, member_id) do update set
       status = case when excluded.status_at >= group_members.status_at then excluded.status else group_members.status end,
       status_at = greatest(group_members.status_at, excluded.status_at),
       joined_at = greatest(group_members.joined_at, excluded.joined_at),
       left_at = greatest(group_members.left_at, excluded.left_at),
       first_seen_at = least(group_members.first_seen_at, excluded.first_seen_at),
       last_seen_at = greatest(group_members.last_seen_at, excluded.last_seen_at)`,
    [
      communityId,
      list.map((p) => p.groupId),
      list.map((p) => p.memberId),
      list.map((p) => p.status),
      list.map((p) => p.statusAt.toISOString()),
      list.map((p) => iso(p.joinedAt)),
      list.map((p) => iso(p.leftAt)),
      list.map((p) => p.first.toISOString()),
      list.map((p) => p.last.toISOString()),
    ],
  );
};

export type EventRange = { groupIds?: readonly number[]; from?: Date; to?: Date; types?: readonly EventType[] };

export class EventRepository {
  constructor(private readonly db: Db) {}

  /** Stored events in order of time, then id, read in chunks so memory stays flat. */
  async *stream(communityId: number, range: EventRange = {}, chunk = 5000): AsyncGenerator<StoredEvent> {
    let after = null as { at: string; id: number } | null;
    for (;;) {
      const { rows }: { rows: EventRow[] } = await this.db.query<EventRow>(
        `select * from events
         where community_id = $1
           and ($2::bigint[] is null or group_id = any($2::bigint[]))
           and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
           and ($5::text[] is null or type = any($5::text[]))
           and ($6::timestamptz is null or (at, id) > ($6::timestamptz, $7::bigint))
         order by at, id limit $8`,
        [
          communityId,
          range.groupIds ? [...range.groupIds] : null,
          range.from?.toISOString() ?? null,
          range.to?.toISOString() ?? null,
          range.types ? [...range.types] : null,
          after?.at ?? null,
          after?.id ?? null,
          chunk,
        ],
      );
      for (const row of rows) yield eventFromRow(row);
      const last = rows.at(-1);
      if (!last || rows.length < chunk) return;
      after = { at: toDate(last.at).toISOString(), id: last.id };
    }
  }

  async count(communityId: number): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ type: string; n: number }>(
      'select type, count(*) as n from events where community_id = $1 group by type',
      [communityId],
    );
    return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
  }

  /** A group's latest events with the actor's current name, oldest first (a chat view). */
  async recentInGroup(
    communityId: number,
    groupId: number,
    limit: number,
  ): Promise<(StoredEvent & { memberName: string })[]> {
    const { rows } = await this.db.query<EventRow & { member_name: string }>(
      `select * from (
         select e.*, m.display_name as member_name from events e
         join members m on m.community_id = e.community_id and m.id = e.member_id
         where e.community_id = $1 and e.group_id = $2 order by e.at desc, e.id desc limit $3
       ) latest order by at, id`,
      [communityId, groupId, limit],
    );
    return rows.map((r) => ({ ...eventFromRow(r), memberName: r.member_name }));
  }

  /** Events by id with the actor's current name (what triggered a backtest's actions), in id order. */
  async byIds(communityId: number, ids: readonly number[]): Promise<(StoredEvent & { memberName: string })[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<EventRow & { member_name: string }>(
      `select e.*, m.display_name as member_name from events e
       join members m on m.community_id = e.community_id and m.id = e.member_id
       where e.community_id = $1 and e.id = any($2::bigint[]) order by e.id`,
      [communityId, [...new Set(ids)]],
    );
    return rows.map((r) => ({ ...eventFromRow(r), memberName: r.member_name }));
  }

  /** A member's events, newest first, paged by a cursor from the previous page. */
  async timeline(
    communityId: number,
    memberId: number,
    page: { before?: { at: Date; id: number }; limit: number },
  ): Promise<(StoredEvent & { groupName: string })[]> {
    const { rows } = await this.db.query<EventRow & { group_name: string }>(
      `select e.*, g.name as group_name from events e
       join groups g on g.community_id = e.community_id and g.id = e.group_id
       where e.community_id = $1 and e.member_id = $2
         and ($3::timestamptz is null or (e.at, e.id) < ($3::timestamptz, $4::bigint))
       order by e.at desc, e.id desc limit $5`,
      [communityId, memberId, page.before?.at.toISOString() ?? null, page.before?.id ?? null, page.limit],
    );
    return rows.map((r) => ({ ...eventFromRow(r), groupName: r.group_name }));
  }
}
