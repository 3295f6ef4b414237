import type { ActionInput } from '../actions/index.js';
import type { StoredEvent } from '../events/index.js';
import type { Json, JsonObject } from '../json.js';

export type TimerRef = { communityId: number; groupId: number; play: string; key: string };
/** A play's reminder to itself: at `dueAt` the engine calls the play again with this data. */
export type Timer = TimerRef & { dueAt: Date; data: JsonObject };

/** What a play decides that must be remembered. Appended, never updated; balances are derived. */
export type LedgerEntryInput = {
  communityId: number;
  groupId: number | null;
  memberId: number;
  play: string;
  kind: string;
  amount: number;
  data: JsonObject;
  /** Unique per community, so that processing the same trigger twice appends once. */
  dedupeKey: string;
  at: Date;
  sourceEventId?: number;
};

export type LedgerEntry = LedgerEntryInput & { id: number };

/** Which ledger entries a play reads back: one member's violations, check-ins, credits… */
export type LedgerQuery = {
  communityId: number;
  memberId?: number;
  groupId?: number;
  play?: string;
  kinds?: readonly string[];
  /** Entries at or after this time. */
  since?: Date;
};

/** A play's community-wide memory: a value under a key, forgotten after `expiresAt`. */
export type MemoryRef = { communityId: number; play: string; key: string };

/** What a play may know of a member when it decides. */
export type MemberFacts = {
  memberId: number;
  displayName: string;
  /** Roles held in the group or community-wide: owner, admin, steward, or an operator's own (售后…). */
  roles: readonly string[];
  /** When the member last joined the group; null when unknown. */
  joinedAt: Date | null;
  firstSeenAt: Date | null;
  blocklisted: boolean;
};

export type MemberFactsReader = (communityId: number, groupId: number, memberId: number) => Promise<MemberFacts>;

/** A member holding a role, as a play may name them in a reply ("售后问题请找 @…"). */
export type RoleHolder = { memberId: number; displayName: string };
/** Members holding `role` in the group or community-wide, ordered by name then id. */
export type RoleHoldersReader = (communityId: number, groupId: number, role: string) => Promise<RoleHolder[]>;

/** Facts of a member nothing is known about: no roles, not listed. */
export const plainMemberFacts = (memberId: number): MemberFacts => ({
  memberId,
  displayName: `#${memberId}`,
  roles: [],
  joinedAt: null,
  firstSeenAt: null,
  blocklisted: false,
});

/** A reward members can redeem points for, as plays see it (the redeem command). */
export type OfferedReward = {
  id: number;
  name: string;
  cost: number;
  /** null: unlimited. */
  stock: number | null;
  needsApproval: boolean;
};
export type RewardsReader = (communityId: number) => Promise<OfferedReward[]>;

/** A member's request for a reward, made by a play for the trigger's actor. */
export type RewardRequest = {
  communityId: number;
  groupId: number;
  memberId: number;
  rewardId: number;
  play: string;
  /** The request's `redeem_request` ledger entry: handling the trigger again asks nothing again. */
  dedupeKey: string;
  at: Date;
  sourceEventId?: number;
};
export type RewardRefusal = 'not_found' | 'not_offered' | 'out_of_stock' | 'not_enough_points';
/** What became of a request: awaiting approval, approved at once (points written off), or refused. */
export type RewardOutcome =
  | { status: 'pending' | 'approved'; redemptionId: number; reward: OfferedReward }
  | { status: 'refused'; reason: RewardRefusal; reward?: OfferedReward; spendable?: number };

/**
 * The engine's port to state: timers, ledger, memory and outbox, and what is known of members.
 * The store implements it inside a transaction per trigger; backtests use the in-memory recorder.
 */
export type PlayStatePort = {
  getTimer(ref: TimerRef): Promise<Timer | undefined>;
  setTimer(timer: Timer): Promise<void>;
  clearTimer(ref: TimerRef): Promise<void>;
  appendLedger(entry: LedgerEntryInput): Promise<void>;
  /** Entries matching the query, oldest first. */
  readLedger(query: LedgerQuery): Promise<LedgerEntry[]>;
  /** The sum of matching entries' amounts: a balance, a count of violations net of reversals. */
  sumLedger(query: LedgerQuery): Promise<number>;
  /** The remembered value, unless it expired at or before `now` (decision time, never the wall clock). */
  getMemory(ref: MemoryRef, now: Date): Promise<Json | undefined>;
  setMemory(ref: MemoryRef, value: Json, expiresAt: Date | null): Promise<void>;
  deleteMemory(ref: MemoryRef): Promise<void>;
  memberFacts(communityId: number, groupId: number, memberId: number): Promise<MemberFacts>;
  /** Who wrote the stored message (source, sourceId); undefined when it is not stored. */
  authorOf(communityId: number, source: string, sourceId: string): Promise<number | undefined>;
  /** Members holding `role` in the group or community-wide (group 0), ordered by name then id. */
  membersWithRole(communityId: number, groupId: number, role: string): Promise<RoleHolder[]>;
  enqueueAction(action: ActionInput): Promise<void>;
  /** Rewards on offer in the community, by id. */
  offeredRewards(communityId: number): Promise<OfferedReward[]>;
  /**
   * Ask for a reward through the same stock and approval path as a steward's request: the stock is
   * taken atomically, refused beyond what the member can spend, approved at once when the reward
   * needs no approval. Once per `dedupeKey`: asked again, it answers what it answered then.
   */
  requestReward(request: RewardRequest): Promise<RewardOutcome>;
};

/** A reward outcome as a `redeem_request` entry keeps it (and gives it back when asked again). */
export const outcomeData = (rewardId: number, o: RewardOutcome): JsonObject => ({
  reward: rewardId,
  status: o.status,
  ...(o.status === 'refused'
    ? { reason: o.reason, ...(o.spendable === undefined ? {} : { spendable: o.spendable }) }
    : { redemption: o.redemptionId }),
  ...(o.reward ? { offered: { ...o.reward } } : {}),
});

/** The outcome a `redeem_request` entry recorded. */
export const outcomeFromData = (data: JsonObject): RewardOutcome => {
  const offered = data.offered as OfferedReward | undefined;
  if (data.status === 'pending' || data.status === 'approved') {
    return { status: data.status, redemptionId: Number(data.redemption), reward: offered as OfferedReward };
  }
  return {
    status: 'refused',
    reason: data.reason as RewardRefusal,
    ...(offered ? { reward: offered } : {}),
    ...(typeof data.spendable === 'number' ? { spendable: data.spendable } : {}),
  };
};

/** A balance: one member's entries of some kinds, of any play and group, of all time. */
export const isBalanceQuery = (q: LedgerQuery): q is LedgerQuery & { memberId: number; kinds: readonly string[] } =>
  q.memberId !== undefined && q.kinds !== undefined && q.groupId === undefined && q.play === undefined && !q.since;

export const ledgerMatches = (e: LedgerEntryInput, q: LedgerQuery): boolean =>
  e.communityId === q.communityId &&
  (q.memberId === undefined || e.memberId === q.memberId) &&
  (q.groupId === undefined || e.groupId === q.groupId) &&
  (q.play === undefined || e.play === q.play) &&
  (q.kinds === undefined || q.kinds.includes(e.kind)) &&
  (q.since === undefined || e.at.getTime() >= q.since.getTime());

const timerId = (ref: TimerRef): string => `${ref.communityId}/${ref.groupId}/${ref.play}/${ref.key}`;

/** `map`'s value under `key`, made by `make` and kept when there is none yet. */
const child = <K, V>(map: Map<K, V>, key: K, make: () => NoInfer<V>): V => {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
};
const newMap = <K, V>() => new Map<K, V>();

/**
 * The entry with its id, as `{ ...entry, id }` makes it (same fields, same order) without the
 * generic copy, which was the recorder's dearest line.
 */
const stamped = (e: LedgerEntryInput, id: number): LedgerEntry =>
  'sourceEventId' in e
    ? {
        communityId: e.communityId,
        groupId: e.groupId,
        memberId: e.memberId,
        play: e.play,
        kind: e.kind,
        amount: e.amount,
        data: e.data,
        dedupeKey: e.dedupeKey,
        at: e.at,
        sourceEventId: e.sourceEventId as number,
        id,
      }
    : {
        communityId: e.communityId,
        groupId: e.groupId,
        memberId: e.memberId,
        play: e.play,
        kind: e.kind,
        amount: e.amount,
        data: e.data,
        dedupeKey: e.dedupeKey,
        at: e.at,
        id,
      };

/** A remembered value; `expiresAt` in epoch milliseconds, Infinity for never. */
type Remembered = { value: Json; expiresAt: number };

/** In-memory state that records every decision: the backtest's outbox, and a test double. */
export class RecordingPlayState implements PlayStatePort {
  readonly actions: ActionInput[] = [];
  readonly ledger: LedgerEntry[] = [];
  /** Timers in the order they were first set (which `dueTimers` keeps among equals)… */
  private readonly timers = new Map<string, Timer>();
  /** …and the same by community → group → play → key, so the lookup on every event joins no string. */
  private readonly timersByRef = new Map<number, Map<number, Map<string, Map<string, Timer>>>>();
  /** community → play → key: plays read their memory on every event; nested, no key is built. */
  private readonly memory = new Map<number, Map<string, Map<string, Remembered>>>();
  private readonly actionKeys = new Set<string>();
  private readonly ledgerKeys = new Set<string>();
  private readonly byMember = new Map<number, LedgerEntry[]>();
  /** member → kind → entries and their running total, so a balance is one lookup. */
  private readonly byMemberKind = new Map<number, Map<string, { entries: LedgerEntry[]; total: number }>>();
  /** Who the replay put on or took off the blocklist (community → member), latest word first. */
  private readonly listed = new Map<number, Map<number, boolean>>();
  /** Joins seen in the replay: group → member → time, overriding what the reader knows. */
  private readonly joins = new Map<number, Map<number, Date>>();
  /** Authors of the messages seen: source → source id → member. */
  private readonly authors = new Map<string, Map<string, number>>();

  /**
   * `facts` tells roles and blocklist (the store's, in a backtest); joins come from the replay.
   * `roleHolders` tells who holds a role (the store's, in a backtest); nobody by default.
   */
  /** What replayed reward requests decided, by dedupe key; and the stock they used. */
  private readonly rewardOutcomes = new Map<string, RewardOutcome>();
  private readonly rewardStock = new Map<number, number>();
  private readonly heldPoints = new Map<number, number>();
  private requests = 0;

  constructor(
    private readonly facts: MemberFactsReader = async (_c, _g, m) => plainMemberFacts(m),
    private readonly roleHolders: RoleHoldersReader = async () => [],
    private readonly rewards: RewardsReader = async () => [],
  ) {}

  async offeredRewards(communityId: number): Promise<OfferedReward[]> {
    return this.rewards(communityId);
  }

  /**
   * A replay decides as the store would, against the replay's balances and the rewards' stock as it
   * is now, and records the request; nothing is redeemed.
   */
  async requestReward(r: RewardRequest): Promise<RewardOutcome> {
    const known = this.rewardOutcomes.get(r.dedupeKey);
    if (known) return known;
    const reward = (await this.rewards(r.communityId)).find((x) => x.id === r.rewardId);
    const stock = reward ? (this.rewardStock.get(reward.id) ?? reward.stock) : null;
    const held = this.heldPoints.get(r.memberId) ?? 0;
    const spendable = (this.byMemberKind.get(r.memberId)?.get('points')?.total ?? 0) - held;
    let outcome: RewardOutcome;
    if (!reward) outcome = { status: 'refused', reason: 'not_found' };
    else if (stock !== null && stock <= 0) outcome = { status: 'refused', reason: 'out_of_stock', reward };
    else if (spendable < reward.cost) outcome = { status: 'refused', reason: 'not_enough_points', reward, spendable };
    else {
      this.requests += 1;
      if (stock !== null) this.rewardStock.set(reward.id, stock - 1);
      outcome = { status: reward.needsApproval ? 'pending' : 'approved', redemptionId: this.requests, reward };
      if (reward.needsApproval) this.heldPoints.set(r.memberId, held + reward.cost);
      else {
        await this.appendLedger({
          communityId: r.communityId,
          groupId: null,
          memberId: r.memberId,
          play: 'rewards',
          kind: 'points',
          amount: -reward.cost,
          data: { reason: 'redemption' },
          dedupeKey: `${r.dedupeKey}:points`,
          at: r.at,
        });
      }
    }
    this.rewardOutcomes.set(r.dedupeKey, outcome);
    await this.appendLedger({
      communityId: r.communityId,
      groupId: r.groupId,
      memberId: r.memberId,
      play: r.play,
      kind: 'redeem_request',
      amount: 0,
      data: outcomeData(r.rewardId, outcome),
      dedupeKey: r.dedupeKey,
      at: r.at,
      ...(r.sourceEventId === undefined ? {} : { sourceEventId: r.sourceEventId }),
    });
    return outcome;
  }

  async membersWithRole(communityId: number, groupId: number, role: string): Promise<RoleHolder[]> {
    return this.roleHolders(communityId, groupId, role);
  }

  async readLedger(query: LedgerQuery): Promise<LedgerEntry[]> {
    return this.candidates(query).filter((e) => ledgerMatches(e, query));
  }
  async sumLedger(query: LedgerQuery): Promise<number> {
    // A balance of one kind is kept as a running total.
    if (isBalanceQuery(query) && query.kinds.length === 1) {
      return this.byMemberKind.get(query.memberId)?.get(query.kinds[0] as string)?.total ?? 0;
    }
    let sum = 0;
    for (const e of this.candidates(query)) if (ledgerMatches(e, query)) sum += e.amount;
    return sum;
  }
  /** The entries a query can match: a member's (of one kind) when it names them, so no full scan. */
  private candidates(query: LedgerQuery): readonly LedgerEntry[] {
    if (query.memberId === undefined) return this.ledger;
    if (query.kinds?.length === 1)
      return this.byMemberKind.get(query.memberId)?.get(query.kinds[0] as string)?.entries ?? [];
    return this.byMember.get(query.memberId) ?? [];
  }
  async getMemory(ref: MemoryRef, now: Date): Promise<Json | undefined> {
    const m = this.memory.get(ref.communityId)?.get(ref.play)?.get(ref.key);
    if (!m || m.expiresAt <= now.getTime()) return undefined;
    return m.value;
  }
  async setMemory(ref: MemoryRef, value: Json, expiresAt: Date | null): Promise<void> {
    const ofPlay = child(child(this.memory, ref.communityId, newMap), ref.play, newMap);
    const until = expiresAt === null ? Number.POSITIVE_INFINITY : expiresAt.getTime();
    const known = ofPlay.get(ref.key);
    // Updated in place: most writes replace a value a play keeps per member (a cap, a cooldown).
    if (known) {
      known.value = value;
      known.expiresAt = until;
    } else ofPlay.set(ref.key, { value, expiresAt: until });
  }
  async deleteMemory(ref: MemoryRef): Promise<void> {
    this.memory.get(ref.communityId)?.get(ref.play)?.delete(ref.key);
  }
  async memberFacts(communityId: number, groupId: number, memberId: number): Promise<MemberFacts> {
    const facts = await this.facts(communityId, groupId, memberId);
    const joinedAt = this.joins.get(groupId)?.get(memberId);
    // The store lists a member on appending `blocklist_add` (and unlists on `blocklist_remove`):
    // the recorder does the same, so a replay sees a member the ladder listed earlier in it.
    const blocklisted = this.listed.get(communityId)?.get(memberId) ?? facts.blocklisted;
    return { ...facts, blocklisted, ...(joinedAt ? { joinedAt } : {}) };
  }
  async authorOf(_communityId: number, source: string, sourceId: string): Promise<number | undefined> {
    return this.authors.get(source)?.get(sourceId);
  }
  /**
   * The replay tells the recorder of each event before the plays see it: joins, so "joined less
   * than a day ago" reads as it did then, and authors, so a reply finds whom it answers.
   */
  saw(event: StoredEvent): void {
    if (event.type === 'join') child(this.joins, event.groupId, newMap).set(event.memberId, event.at);
    if (event.type === 'message') child(this.authors, event.source, newMap).set(event.sourceId, event.memberId);
  }

  async getTimer(ref: TimerRef): Promise<Timer | undefined> {
    return this.timersByRef.get(ref.communityId)?.get(ref.groupId)?.get(ref.play)?.get(ref.key);
  }
  async setTimer(timer: Timer): Promise<void> {
    this.timers.set(timerId(timer), timer);
    const ofGroup = child(child(this.timersByRef, timer.communityId, newMap), timer.groupId, newMap);
    child(ofGroup, timer.play, newMap).set(timer.key, timer);
  }
  async clearTimer(ref: TimerRef): Promise<void> {
    this.timers.delete(timerId(ref));
    this.timersByRef.get(ref.communityId)?.get(ref.groupId)?.get(ref.play)?.delete(ref.key);
  }
  async appendLedger(entry: LedgerEntryInput): Promise<void> {
    if (this.ledgerKeys.has(entry.dedupeKey)) return;
    this.ledgerKeys.add(entry.dedupeKey);
    const stored = stamped(entry, this.ledger.length + 1);
    this.ledger.push(stored);
    const own = this.byMember.get(entry.memberId);
    if (own) own.push(stored);
    else this.byMember.set(entry.memberId, [stored]);
    let kinds = this.byMemberKind.get(entry.memberId);
    if (!kinds) {
      kinds = new Map();
      this.byMemberKind.set(entry.memberId, kinds);
    }
    const ofKind = kinds.get(entry.kind);
    if (ofKind) {
      ofKind.entries.push(stored);
      ofKind.total += entry.amount;
    } else kinds.set(entry.kind, { entries: [stored], total: entry.amount });
    if (entry.kind === 'blocklist_add' || entry.kind === 'blocklist_remove') {
      child(this.listed, entry.communityId, newMap).set(entry.memberId, entry.kind === 'blocklist_add');
    }
  }
  async enqueueAction(action: ActionInput): Promise<void> {
    if (this.actionKeys.has(action.idempotencyKey)) return;
    this.actionKeys.add(action.idempotencyKey);
    this.actions.push(action);
  }
  /** Timers due at or before `until`, earliest first. */
  dueTimers(until: Date | undefined): Timer[] {
    return [...this.timers.values()]
      .filter((t) => until === undefined || t.dueAt.getTime() <= until.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
  }
}
