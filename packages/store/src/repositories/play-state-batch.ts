import {
  type ActionInput,
  isBalanceQuery,
  type Json,
  type LedgerEntry,
  type LedgerEntryInput,
  type LedgerQuery,
  ledgerMatches,
  type MemberFacts,
  type MemoryRef,
  type OfferedReward,
  type PlayStatePort,
  plainMemberFacts,
  type RewardOutcome,
  type RewardRequest,
  type RoleHolder,
  type StoredEvent,
  type Timer,
  type TimerRef,
} from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import {
  LEDGER_EFFECT_KINDS,
  type LedgerRow,
  ledgerFromRow,
  StorePlayState,
  type TimerRow,
  timerFromRow,
} from './plays.js';

type Remembered = { value: Json; expiresAt: Date | null };

const timerId = (ref: TimerRef): string => `${ref.groupId}\u0000${ref.play}\u0000${ref.key}`;
/** A message's author by its community, source and id. */
const authorKey = (communityId: number, source: string, sourceId: string): string =>
  `${communityId}|${source}\u0000${sourceId}`;

/**
 * The engine's state for one community's batch of events, in one or more groups, inside one
 * transaction. Reads are kept for the
 * batch (a member who posts ten times costs one balance query, not ten) and writes are held and
 * written by `flush()` in a few set-based statements before the transaction commits. Within the batch
 * every read sees the batch's own writes, so plays decide exactly as they would one statement at a
 * time.
 *
 * Valid because nothing else writes this state inside the transaction, and work is ordered per community.
 * An entry whose dedupe key is already stored appends nothing, as a statement would. One difference
 * remains: a key another transaction takes after it was checked here (the same member checking in at
 * the same moment in two groups) counts in this batch's reads and is dropped at flush; a statement at
 * a time would have waited for the other transaction and dropped it then. Either way one entry stays.
 */
export class BatchPlayState implements PlayStatePort {
  private readonly direct: StorePlayState;
  /** The batch's groups' timers, read once on first use; writes change this map and are queued. */
  private timers: Map<string, Timer> | undefined;
  private readonly groups: ReadonlySet<number>;
  private readonly timerWrites = new Map<string, { ref: TimerRef; timer: Timer | null }>();
  /** Memory rows as read or written (null: known absent), with the writes to make. */
  private readonly memory = new Map<string, Remembered | null>();
  private readonly memoryWrites = new Map<string, { ref: MemoryRef; row: Remembered | null }>();
  private readonly pending: LedgerEntry[] = [];
  /** The same entries by member: most reads are of one member, and a batch appends thousands. */
  private readonly pendingByMember = new Map<number, LedgerEntry[]>();
  private readonly pendingKeys = new Set<string>();
  /** Keys of the batch's entries not yet known to be new to the ledger. */
  private readonly unverified = new Set<string>();
  /** Stored balances (member, kind) and stored rows per query, as read before any of the batch's entries. */
  private readonly balances = new Map<string, number>();
  /** Members whose balances of every kind were read: a kind not among them is 0. */
  private readonly complete = new Set<number>();
  private readonly reads = new Map<string, LedgerEntry[]>();
  /** Members' stored entries of some kinds, read for the whole batch. */
  private readonly prefetched = new Map<
    number,
    { kinds: ReadonlySet<string>; plays: ReadonlySet<string> | null; entries: LedgerEntry[] }
  >();
  private readonly actions: ActionInput[] = [];
  private readonly actionKeys = new Set<string>();
  private readonly facts = new Map<string, MemberFacts>();
  private readonly factsAsked: {
    groupId: number;
    memberId: number;
    settle: (facts: MemberFacts) => void;
    fail: (error: unknown) => void;
  }[] = [];
  private readonly authors = new Map<string, number | undefined>();
  private nextId = -1;

  /**
   * `freshEvents`: ids of events this transaction's caller stored just now and runs plays over for
   * the first time (the live path), so nothing in the ledger can name them yet.
   */
  constructor(
    private readonly db: Db,
    private readonly communityId: number,
    groupIds: readonly number[],
    private readonly freshEvents: ReadonlySet<number> = new Set(),
  ) {
    this.direct = new StorePlayState(db);
    this.groups = new Set(groupIds);
  }

  // --- timers: all of the batch's groups', read once ---

  private async groupTimers(): Promise<Map<string, Timer>> {
    if (this.timers) return this.timers;
    const { rows } = await this.db.query<TimerRow>(
      'select * from timers where community_id = $1 and group_id = any($2::bigint[])',
      [this.communityId, [...this.groups]],
    );
    this.timers = new Map(rows.map((r) => timerFromRow(r)).map((t) => [timerId(t), t]));
    return this.timers;
  }

  private ownGroup(ref: TimerRef): boolean {
    return ref.communityId === this.communityId && this.groups.has(ref.groupId);
  }

  async getTimer(ref: TimerRef): Promise<Timer | undefined> {
    if (!this.ownGroup(ref)) return this.direct.getTimer(ref);
    return (await this.groupTimers()).get(timerId(ref));
  }

  async setTimer(timer: Timer): Promise<void> {
    if (!this.ownGroup(timer)) return this.direct.setTimer(timer);
    const id = timerId(timer);
    (await this.groupTimers()).set(id, timer);
    this.timerWrites.set(id, { ref: timer, timer });
  }

  async clearTimer(ref: TimerRef): Promise<void> {
    if (!this.ownGroup(ref)) return this.direct.clearTimer(ref);
    const id = timerId(ref);
    (await this.groupTimers()).delete(id);
    this.timerWrites.set(id, { ref, timer: null });
  }

  /** The group's earliest timer due at or before `until`, as the batch left it. */
  async nextDueTimer(groupId: number, until: Date): Promise<Timer | undefined> {
    let next: Timer | undefined;
    for (const t of (await this.groupTimers()).values()) {
      if (t.groupId !== groupId || t.dueAt.getTime() > until.getTime()) continue;
      if (
        !next ||
        t.dueAt.getTime() < next.dueAt.getTime() ||
        (t.dueAt.getTime() === next.dueAt.getTime() && t.key < next.key)
      )
        next = t;
    }
    return next;
  }

  // --- memory ---

  /** Read these memory rows (absent ones known absent) in one statement: a batch's hints. */
  async prefetchMemory(refs: readonly { play: string; key: string }[]): Promise<void> {
    const wanted = new Map<string, { play: string; key: string }>();
    for (const r of refs) {
      const id = `${r.play}\u0000${r.key}`;
      if (!this.memory.has(id)) wanted.set(id, r);
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    const { rows } = await this.db.query<{ play: string; key: string; value: Json; expires_at: Date | null }>(
      `select m.play, m.key, m.value, m.expires_at
         from unnest($2::text[], $3::text[]) as w(play, key)
         join play_memory m on m.community_id = $1 and m.play = w.play and m.key = w.key`,
      [this.communityId, list.map((r) => r.play), list.map((r) => r.key)],
    );
    for (const id of wanted.keys()) this.memory.set(id, null);
    for (const r of rows) {
      this.memory.set(`${r.play}\u0000${r.key}`, {
        value: r.value,
        expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
      });
    }
  }

  private async remembered(ref: MemoryRef): Promise<Remembered | null> {
    if (ref.communityId !== this.communityId) throw new Error('BatchPlayState: memory of another community');
    const id = `${ref.play}\u0000${ref.key}`;
    const known = this.memory.get(id);
    if (known !== undefined) return known;
    const { rows } = await this.db.query<{ value: Json; expires_at: Date | null }>(
      'select value, expires_at from play_memory where community_id = $1 and play = $2 and key = $3',
      [ref.communityId, ref.play, ref.key],
    );
    const row = rows[0];
    const found = row
      ? { value: row.value, expiresAt: row.expires_at === null ? null : new Date(row.expires_at) }
      : null;
    this.memory.set(id, found);
    return found;
  }

  async getMemory(ref: MemoryRef, now: Date): Promise<Json | undefined> {
    const m = await this.remembered(ref);
    if (!m || (m.expiresAt && m.expiresAt.getTime() <= now.getTime())) return undefined;
    return m.value;
  }

  async setMemory(ref: MemoryRef, value: Json, expiresAt: Date | null): Promise<void> {
    const id = `${ref.play}\u0000${ref.key}`;
    const row = { value, expiresAt };
    this.memory.set(id, row);
    this.memoryWrites.set(id, { ref, row });
  }

  async deleteMemory(ref: MemoryRef): Promise<void> {
    const id = `${ref.play}\u0000${ref.key}`;
    this.memory.set(id, null);
    this.memoryWrites.set(id, { ref, row: null });
  }

  // --- ledger: stored rows plus the batch's own entries ---

  async appendLedger(entry: LedgerEntryInput): Promise<void> {
    if (this.pendingKeys.has(entry.dedupeKey)) return;
    this.pendingKeys.add(entry.dedupeKey);
    // Ids the store has not given yet: negative, in order, so entries of one instant keep their order.
    const appended = { ...entry, id: this.nextId-- };
    this.pending.push(appended);
    const own = this.pendingByMember.get(entry.memberId);
    if (own) own.push(appended);
    else this.pendingByMember.set(entry.memberId, [appended]);
    // Appending a key the ledger already holds appends nothing, and reads must not count it: such a
    // key is looked up before a read it could change (`verify`), many in one statement, and the
    // flush's insert skips it anyway. A key made from an event stored just now (the engine's default
    // keys name the trigger) cannot be held yet, and needs no look.
    const fresh =
      entry.sourceEventId !== undefined &&
      this.freshEvents.has(entry.sourceEventId) &&
      entry.dedupeKey.includes(`:e${entry.sourceEventId}:`);
    if (!fresh) this.unverified.add(entry.dedupeKey);
  }

  /** The batch's entries a query of `memberId` (undefined: any member) can match, in append order. */
  private pendingOf(memberId: number | undefined): readonly LedgerEntry[] {
    if (memberId === undefined) return this.pending;
    return this.pendingByMember.get(memberId) ?? [];
  }

  /**
   * Drop the batch's entries of `memberId` (undefined: any member) matching `which` whose keys the
   * ledger already holds; one statement.
   */
  private async verify(memberId: number | undefined, which: (e: LedgerEntry) => boolean): Promise<void> {
    if (this.unverified.size === 0) return;
    const keys = this.pendingOf(memberId)
      .filter((e) => this.unverified.has(e.dedupeKey) && which(e))
      .map((e) => e.dedupeKey);
    if (keys.length === 0) return;
    const { rows } = await this.db.query<{ dedupe_key: string }>(
      'select dedupe_key from ledger where community_id = $1 and dedupe_key = any($2::text[])',
      [this.communityId, keys],
    );
    for (const k of keys) this.unverified.delete(k);
    if (rows.length === 0) return;
    const held = new Set(rows.map((r) => r.dedupe_key));
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (held.has((this.pending[i] as LedgerEntry).dedupeKey)) this.pending.splice(i, 1);
    }
    for (const own of this.pendingByMember.values()) {
      for (let i = own.length - 1; i >= 0; i--) if (held.has((own[i] as LedgerEntry).dedupeKey)) own.splice(i, 1);
    }
  }

  /**
   * Read the entries of these kinds of these members in one statement (a batch's hints): a later
   * query of one member and some of those kinds is answered from them. `plays`: only these plays'
   * entries (the plays that read them), which the ledger's index by member, play and kind finds
   * without walking each member's every entry; queries of those plays are then answered.
   */
  async prefetchLedger(memberIds: readonly number[], kinds: readonly string[], plays?: readonly string[]) {
    const members = [...new Set(memberIds)].filter((m) => !this.prefetched.has(m));
    if (members.length === 0 || kinds.length === 0 || plays?.length === 0) return;
    const { rows } = await this.db.query<LedgerRow>(
      `select * from ledger where community_id = $1 and member_id = any($2::bigint[])
          and ($4::text[] is null or play = any($4::text[])) and kind = any($3::text[])
        order by at, id`,
      [this.communityId, members, [...kinds], plays ? [...plays] : null],
    );
    const of = { kinds: new Set(kinds), plays: plays ? new Set(plays) : null };
    for (const m of members) this.prefetched.set(m, { ...of, entries: [] });
    for (const r of rows) this.prefetched.get(Number(r.member_id))?.entries.push(ledgerFromRow(r));
  }

  private async stored(q: LedgerQuery): Promise<LedgerEntry[]> {
    const known = q.memberId === undefined ? undefined : this.prefetched.get(q.memberId);
    if (
      known &&
      q.kinds?.every((k) => known.kinds.has(k)) &&
      (known.plays === null || (q.play !== undefined && known.plays.has(q.play))) &&
      q.communityId === this.communityId
    ) {
      return known.entries.filter((e) => ledgerMatches(e, q));
    }
    const key = JSON.stringify([q.memberId, q.groupId, q.play, q.kinds, q.since?.getTime()]);
    let rows = this.reads.get(key);
    if (!rows) {
      rows = await this.direct.readLedger(q);
      this.reads.set(key, rows);
    }
    return rows;
  }

  async readLedger(q: LedgerQuery): Promise<LedgerEntry[]> {
    await this.verify(q.memberId, (e) => ledgerMatches(e, q));
    const rows = await this.stored(q);
    const own = this.pendingOf(q.memberId).filter((e) => ledgerMatches(e, q));
    if (own.length === 0) return rows.slice();
    // A stable sort by time: batch entries follow stored ones of the same instant, in the order they
    // were appended, as the ids the store gives them at flush will order them.
    return [...rows, ...own].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /**
   * Read the balances of every kind for these members in one statement (the members of the batch's
   * events): each of the plays asking for one then costs nothing.
   */
  async prefetchBalances(memberIds: readonly number[]): Promise<void> {
    const wanted = [...new Set(memberIds)];
    if (wanted.length === 0) return;
    const { rows } = await this.db.query<{ member_id: number; kind: string; sum: string | number }>(
      `select member_id, kind, total as sum from ledger_balances
        where community_id = $1 and member_id = any($2::bigint[])`,
      [this.communityId, wanted],
    );
    const kinds = new Set(rows.map((r) => r.kind));
    for (const m of wanted) for (const k of kinds) this.balances.set(`${m}|${k}`, 0);
    for (const r of rows) this.balances.set(`${Number(r.member_id)}|${r.kind}`, Number(r.sum));
    for (const m of wanted) this.complete.add(m);
  }

  /** What is known of these members, each in the group of their event, in one statement. */
  async prefetchFacts(of: readonly { groupId: number; memberId: number }[]): Promise<void> {
    const wanted = new Map<string, { groupId: number; memberId: number }>();
    for (const m of of) {
      const key = `${this.communityId}|${m.groupId}|${m.memberId}`;
      if (!this.facts.has(key)) wanted.set(key, m);
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    const facts = await this.direct.membersFactsIn(this.communityId, list);
    for (const [i, f] of facts.entries()) this.facts.set(`${this.communityId}|${list[i]?.groupId}|${f.memberId}`, f);
  }

  /** The author of a message as the batch knows it (undefined: unknown, or not read yet). */
  knownAuthor(source: string, sourceId: string): number | undefined {
    return this.authors.get(authorKey(this.communityId, source, sourceId));
  }

  /** Authors of these events (the batch's own, and those its events reply to), in one statement. */
  async prefetchAuthors(known: readonly StoredEvent[], refs: readonly { source: string; sourceId: string }[]) {
    for (const e of known) this.authors.set(authorKey(e.communityId, e.source, e.sourceId), e.memberId);
    const wanted = new Map<string, { source: string; sourceId: string }>();
    for (const r of refs) {
      const key = authorKey(this.communityId, r.source, r.sourceId);
      if (!this.authors.has(key)) wanted.set(key, r);
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    const { rows } = await this.db.query<{ source: string; source_id: string; member_id: number }>(
      `select e.source, e.source_id, e.member_id from unnest($2::text[], $3::text[]) as w(source, source_id)
         join events e on e.community_id = $1 and e.source = w.source and e.source_id = w.source_id`,
      [this.communityId, list.map((r) => r.source), list.map((r) => r.sourceId)],
    );
    for (const key of wanted.keys()) this.authors.set(key, undefined);
    for (const r of rows) this.authors.set(authorKey(this.communityId, r.source, r.source_id), Number(r.member_id));
  }

  async sumLedger(q: LedgerQuery): Promise<number> {
    await this.verify(q.memberId, (e) => ledgerMatches(e, q));
    let base: number;
    if (isBalanceQuery(q) && q.kinds.length === 1) {
      const { memberId } = q;
      const key = `${memberId}|${q.kinds[0]}`;
      const known = this.balances.get(key) ?? (this.complete.has(memberId) ? 0 : undefined);
      if (known === undefined) {
        base = await this.direct.sumLedger(q);
        this.balances.set(key, base);
      } else base = known;
    } else {
      base = (await this.stored(q)).reduce((sum, e) => sum + e.amount, 0);
    }
    for (const e of this.pendingOf(q.memberId)) if (ledgerMatches(e, q)) base += e.amount;
    return base;
  }

  // --- what is known of members ---

  async memberFacts(communityId: number, groupId: number, memberId: number): Promise<MemberFacts> {
    await this.verify(
      memberId,
      (e) => e.memberId === memberId && (e.kind === 'blocklist_add' || e.kind === 'blocklist_remove'),
    );
    const key = `${communityId}|${groupId}|${memberId}`;
    let facts = this.facts.get(key);
    if (!facts) {
      facts =
        communityId === this.communityId
          ? await this.readFacts(groupId, memberId)
          : await this.direct.memberFacts(communityId, groupId, memberId);
      this.facts.set(key, facts);
    }
    // The batch may have listed or unlisted the member since: its latest word wins.
    const own = this.pendingOf(memberId);
    for (let i = own.length - 1; i >= 0; i--) {
      const e = own[i] as LedgerEntry;
      if (e.memberId !== memberId || e.communityId !== communityId) continue;
      if (e.kind === 'blocklist_add') return { ...facts, blocklisted: true };
      if (e.kind === 'blocklist_remove') return { ...facts, blocklisted: false };
    }
    return facts;
  }

  /**
   * Facts not known yet, read together with the others asked for in the same turn of the event loop:
   * a play naming several members at once (the nightly settlement's missed streaks, an inviter and
   * their invitee) costs one statement, not one per member.
   */
  private readFacts(groupId: number, memberId: number): Promise<MemberFacts> {
    return new Promise((settle, fail) => {
      if (this.factsAsked.push({ groupId, memberId, settle, fail }) === 1) setImmediate(() => this.readAskedFacts());
    });
  }

  private readAskedFacts(): void {
    const asked = this.factsAsked.splice(0);
    this.direct.membersFactsIn(this.communityId, asked).then(
      (facts) => {
        for (const [i, a] of asked.entries()) a.settle(facts[i] ?? plainMemberFacts(a.memberId));
      },
      (error: unknown) => {
        for (const a of asked) a.fail(error);
      },
    );
  }

  async authorOf(communityId: number, source: string, sourceId: string): Promise<number | undefined> {
    const key = authorKey(communityId, source, sourceId);
    if (this.authors.has(key)) return this.authors.get(key);
    const author = await this.direct.authorOf(communityId, source, sourceId);
    this.authors.set(key, author);
    return author;
  }

  membersWithRole(communityId: number, groupId: number, role: string): Promise<RoleHolder[]> {
    return this.direct.membersWithRole(communityId, groupId, role);
  }

  offeredRewards(communityId: number): Promise<OfferedReward[]> {
    return this.direct.offeredRewards(communityId);
  }

  /**
   * A request takes stock and may write points off right away, through the rewards' own statements:
   * the batch's writes go first, so the request sees the balance as the plays do, and reads start
   * afresh after it.
   */
  async requestReward(request: RewardRequest): Promise<RewardOutcome> {
    await this.flush();
    return this.direct.requestReward(request);
  }

  async enqueueAction(action: ActionInput): Promise<void> {
    if (this.actionKeys.has(action.idempotencyKey)) return;
    this.actionKeys.add(action.idempotencyKey);
    this.actions.push(action);
  }

  /** Write what the batch decided: ledger (and what entries imply), memory, timers, outbox. */
  async flush(): Promise<void> {
    await this.flushLedger();
    await this.flushMemory();
    await this.flushTimers();
    await this.flushActions();
  }

  private async flushLedger(): Promise<void> {
    // The keys stay known: an entry appended again after a flush is still appended once.
    const entries = this.pending.splice(0);
    this.pendingByMember.clear();
    this.unverified.clear();
    this.balances.clear();
    this.complete.clear();
    this.reads.clear();
    this.prefetched.clear();
    this.facts.clear();
    if (entries.length === 0) return;
    // Only entries with effects on other tables come back (the ledger took them: apply their effects);
    // most are points, and sending their keys back would be work for nothing.
    const { rows } = await this.db.query<{ dedupe_key: string }>(
      `with taken as (
         insert into ledger (community_id, group_id, member_id, play, kind, amount, data, dedupe_key, source_event_id, at)
         select $1, * from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::numeric[], $7::jsonb[],
                                  $8::text[], $9::bigint[], $10::timestamptz[])
         on conflict (community_id, dedupe_key) do nothing returning kind, dedupe_key
       )
       select dedupe_key from taken where kind = any($11::text[])`,
      [
        this.communityId,
        entries.map((e) => e.groupId),
        entries.map((e) => e.memberId),
        entries.map((e) => e.play),
        entries.map((e) => e.kind),
        entries.map((e) => e.amount),
        entries.map((e) => JSON.stringify(e.data)),
        entries.map((e) => e.dedupeKey),
        entries.map((e) => e.sourceEventId ?? null),
        entries.map((e) => e.at.toISOString()),
        LEDGER_EFFECT_KINDS,
      ],
    );
    const taken = new Set(rows.map((r) => r.dedupe_key));
    await this.direct.applyLedgerEffectsMany(entries.filter((e) => taken.has(e.dedupeKey)));
  }

  private async flushMemory(): Promise<void> {
    const writes = [...this.memoryWrites.values()];
    this.memoryWrites.clear();
    const sets = writes.filter((w) => w.row !== null);
    const deletes = writes.filter((w) => w.row === null);
    if (deletes.length > 0) {
      await this.db.query(
        `delete from play_memory m using unnest($2::text[], $3::text[]) as d(play, key)
          where m.community_id = $1 and m.play = d.play and m.key = d.key`,
        [this.communityId, deletes.map((w) => w.ref.play), deletes.map((w) => w.ref.key)],
      );
    }
    if (sets.length > 0) {
      await this.db.query(
        `insert into play_memory (community_id, play, key, value, expires_at)
         select $1, * from unnest($2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])
         on conflict (community_id, play, key) do update set value = excluded.value, expires_at = excluded.expires_at`,
        [
          this.communityId,
          sets.map((w) => w.ref.play),
          sets.map((w) => w.ref.key),
          sets.map((w) => JSON.stringify(w.row?.value ?? null)),
          sets.map((w) => w.row?.expiresAt?.toISOString() ?? null),
        ],
      );
    }
  }

  private async flushTimers(): Promise<void> {
    const writes = [...this.timerWrites.values()];
    this.timerWrites.clear();
    const sets = writes.flatMap((w) => (w.timer ? [w.timer] : []));
    const clears = writes.filter((w) => w.timer === null).map((w) => w.ref);
    if (clears.length > 0) {
      await this.db.query(
        `delete from timers t using unnest($2::bigint[], $3::text[], $4::text[]) as d(group_id, play, key)
          where t.community_id = $1 and t.group_id = d.group_id and t.play = d.play and t.key = d.key`,
        [this.communityId, clears.map((r) => r.groupId), clears.map((r) => r.play), clears.map((r) => r.key)],
      );
    }
    if (sets.length > 0) {
      await this.db.query(
        `insert into timers (community_id, group_id, play, key, due_at, data)
         select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
         on conflict (community_id, group_id, play, key) do update set due_at = excluded.due_at, data = excluded.data`,
        [
          this.communityId,
          sets.map((t) => t.groupId),
          sets.map((t) => t.play),
          sets.map((t) => t.key),
          sets.map((t) => t.dueAt.toISOString()),
          sets.map((t) => JSON.stringify(t.data)),
        ],
      );
    }
  }

  private async flushActions(): Promise<void> {
    const actions = this.actions.splice(0);
    this.actionKeys.clear();
    if (actions.length === 0) return;
    await this.db.query(
      `insert into actions (community_id, group_id, play, kind, payload, idempotency_key, source_event_id, at, next_attempt_at)
       select $1, a.group_id, a.play, a.kind, a.payload, a.idempotency_key, a.source_event_id, a.at, least(a.at, now())
       from unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::bigint[], $8::timestamptz[])
            with ordinality as a(group_id, play, kind, payload, idempotency_key, source_event_id, at, n)
       order by a.n
       on conflict (community_id, idempotency_key) do nothing`,
      [
        this.communityId,
        actions.map((a) => a.groupId),
        actions.map((a) => a.play),
        actions.map((a) => a.kind),
        actions.map((a) => JSON.stringify(a.payload)),
        actions.map((a) => a.idempotencyKey),
        actions.map((a) => a.sourceEventId ?? null),
        actions.map((a) => a.at.toISOString()),
      ],
    );
  }
}
