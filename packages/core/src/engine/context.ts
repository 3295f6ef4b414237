import type { ActionKind, Capabilities, SendPayload } from '../actions/index.js';
import type { Community, Group } from '../communities/index.js';
import type { StoredEvent } from '../events/index.js';
import type { Json, JsonObject } from '../json.js';
import { type Random, seededRandom } from './random.js';
import type {
  LedgerEntry,
  LedgerEntryInput,
  LedgerQuery,
  MemberFacts,
  MemoryRef,
  OfferedReward,
  PlayStatePort,
  RewardOutcome,
  RoleHolder,
  Timer,
  TimerRef,
} from './state.js';

export type Trigger = { kind: 'event'; event: StoredEvent } | { kind: 'timer'; timer: Timer };

/** What every play sees. Plays add their own fields through flavors: `BaseContext & PointsFlavor`. */
export type BaseContext = {
  /** Shared by the plays of one trigger, so an earlier play can tell later ones what it found. */
  notes: Record<string, unknown>;
  community: Community;
  group: Group;
  capabilities: Capabilities;
  trigger: Trigger;
  /** Decision time: the event's time, or the timer's due time. Plays never read the wall clock. */
  now: Date;
  random: Random;
  /** The play this context belongs to. */
  play: string;
  /** Ask the outbox to do something; `send` is the common case. Idempotent per trigger. */
  act(kind: ActionKind, payload: JsonObject): Promise<void>;
  send(message: SendPayload): Promise<void>;
  appendLedger(
    entry: Omit<LedgerEntryInput, 'communityId' | 'play' | 'at' | 'dedupeKey'> & { dedupeKey?: string },
  ): Promise<void>;
  timers: {
    get(key: string): Promise<Timer | undefined>;
    /** Set or replace this play's timer for the group. */
    set(key: string, dueAt: Date, data: JsonObject): Promise<void>;
    clear(key: string): Promise<void>;
  };
  /** This play's ledger entries in the community (all members unless `memberId` is given), oldest first. */
  readLedger(query?: PlayLedgerQuery): Promise<LedgerEntry[]>;
  /** Sum of amounts over the same kind of query (a balance). Defaults to this play's entries. */
  sumLedger(query?: PlayLedgerQuery): Promise<number>;
  /** The member who wrote the message `sourceId` of the trigger's source (what a reply replies to). */
  authorOf(sourceId: string): Promise<number | undefined>;
  /**
   * This play's memory across the community's groups (a flood window, a text seen in another group).
   * Expiry is read against decision time, so a backtest forgets exactly as the live run did.
   */
  memory: {
    get<T extends Json = Json>(key: string): Promise<T | undefined>;
    /** Remember `value`; forgotten `ttlSeconds` after decision time, or never when omitted. */
    set(key: string, value: Json, ttlSeconds?: number): Promise<void>;
    delete(key: string): Promise<void>;
  };
  /** What is known of a member in this group; the trigger's actor when no id is given. */
  member(memberId?: number): Promise<MemberFacts>;
  /** Members holding `role` in this group or community-wide, to route a question to them. */
  membersWithRole(role: string): Promise<RoleHolder[]>;
  /** Rewards on offer, and a request for one by the trigger's actor (once per trigger and key). */
  rewards: {
    offered(): Promise<OfferedReward[]>;
    request(rewardId: number, dedupeKey?: string): Promise<RewardOutcome>;
  };
};

/** A ledger query from inside a play: `play` defaults to the asking play; `null` reads every play's. */
export type PlayLedgerQuery = Omit<LedgerQuery, 'communityId' | 'play'> & { play?: string | null };

/** The flavor every play gets: its own validated configuration. */
export type ConfigFlavor<Config> = { config: Config };
export type PlayContext<Config> = BaseContext & ConfigFlavor<Config>;

export const triggerKey = (trigger: Trigger): string =>
  trigger.kind === 'event' ? `e${trigger.event.id}` : `t${trigger.timer.key}@${trigger.timer.dueAt.toISOString()}`;

export const triggerTime = (trigger: Trigger): Date =>
  trigger.kind === 'event' ? trigger.event.at : trigger.timer.dueAt;

type ContextInput = {
  community: Community;
  group: Group;
  capabilities: Capabilities;
  trigger: Trigger;
  play: string;
  state: PlayStatePort;
  notes: Record<string, unknown>;
};

/**
 * One play's view of one trigger. A class rather than an object of closures: the engine makes one
 * per play per event, and prototype methods keep that to a single small allocation.
 */
export class StepContext<Config = unknown> implements BaseContext, ConfigFlavor<Config> {
  readonly notes: Record<string, unknown>;
  readonly community: Community;
  readonly group: Group;
  readonly capabilities: Capabilities;
  readonly trigger: Trigger;
  readonly now: Date;
  readonly play: string;
  config: Config;
  private readonly state: PlayStatePort;
  private readonly key: string;
  private actionCount = 0;
  private ledgerCount = 0;
  private randomMade: Random | undefined;
  private timersMade: BaseContext['timers'] | undefined;
  private memoryMade: BaseContext['memory'] | undefined;

  constructor(
    scope: Pick<ContextInput, 'community' | 'group' | 'capabilities'>,
    trigger: Trigger,
    play: string,
    state: PlayStatePort,
    notes: Record<string, unknown>,
    config: Config,
    key: string = triggerKey(trigger),
  ) {
    this.notes = notes;
    this.community = scope.community;
    this.group = scope.group;
    this.capabilities = scope.capabilities;
    this.trigger = trigger;
    this.now = triggerTime(trigger);
    this.play = play;
    this.state = state;
    this.config = config;
    this.key = key;
  }

  /** Made on first use: most plays never draw a random number. */
  get random(): Random {
    this.randomMade ??= seededRandom(`${this.community.id}:${this.play}:${this.key}`);
    return this.randomMade;
  }

  private get sourceEventId(): number | undefined {
    return this.trigger.kind === 'event' ? this.trigger.event.id : undefined;
  }

  async act(kind: ActionKind, payload: JsonObject): Promise<void> {
    this.actionCount += 1;
    const sourceEventId = this.sourceEventId;
    await this.state.enqueueAction({
      communityId: this.community.id,
      groupId: this.group.id,
      play: this.play,
      kind,
      payload,
      idempotencyKey: `${this.play}:g${this.group.id}:${this.key}:${this.actionCount}`,
      at: this.now,
      ...(sourceEventId === undefined ? {} : { sourceEventId }),
    });
  }

  send(message: SendPayload): Promise<void> {
    return this.act('send', message as JsonObject);
  }

  async appendLedger(
    entry: Omit<LedgerEntryInput, 'communityId' | 'play' | 'at' | 'dedupeKey'> & { dedupeKey?: string },
  ): Promise<void> {
    this.ledgerCount += 1;
    const full: LedgerEntryInput = {
      communityId: this.community.id,
      groupId: entry.groupId,
      memberId: entry.memberId,
      play: this.play,
      kind: entry.kind,
      amount: entry.amount,
      data: entry.data,
      dedupeKey: entry.dedupeKey ?? `${this.play}:g${this.group.id}:${this.key}:${this.ledgerCount}`,
      at: this.now,
    };
    const source = this.trigger.kind === 'event' ? this.trigger.event.id : entry.sourceEventId;
    if (source !== undefined) full.sourceEventId = source;
    await this.state.appendLedger(full);
  }

  get timers(): BaseContext['timers'] {
    this.timersMade ??= new PlayTimers(this.state, this.community.id, this.group.id, this.play);
    return this.timersMade;
  }

  get memory(): BaseContext['memory'] {
    this.memoryMade ??= new PlayMemory(this.state, this.community.id, this.play, this.now);
    return this.memoryMade;
  }

  private ledgerQuery(asked: PlayLedgerQuery): LedgerQuery {
    // Field by field rather than rest and spread: plays ask on every event.
    const q: LedgerQuery = { communityId: this.community.id };
    if (asked.memberId !== undefined) q.memberId = asked.memberId;
    if (asked.groupId !== undefined) q.groupId = asked.groupId;
    if (asked.kinds !== undefined) q.kinds = asked.kinds;
    if (asked.since !== undefined) q.since = asked.since;
    if (asked.play !== null) q.play = asked.play ?? this.play;
    return q;
  }

  readLedger(query: PlayLedgerQuery = {}): Promise<LedgerEntry[]> {
    return this.state.readLedger(this.ledgerQuery(query));
  }

  sumLedger(query: PlayLedgerQuery = {}): Promise<number> {
    return this.state.sumLedger(this.ledgerQuery(query));
  }

  async authorOf(sourceId: string): Promise<number | undefined> {
    const { trigger } = this;
    return trigger.kind === 'event'
      ? this.state.authorOf(this.community.id, trigger.event.source, sourceId)
      : undefined;
  }

  member(memberId?: number): Promise<MemberFacts> {
    const id = memberId ?? (this.trigger.kind === 'event' ? this.trigger.event.memberId : undefined);
    if (id === undefined) throw new Error('member(): a timer has no actor; pass a member id');
    return this.state.memberFacts(this.community.id, this.group.id, id);
  }

  membersWithRole(role: string): Promise<RoleHolder[]> {
    return this.state.membersWithRole(this.community.id, this.group.id, role);
  }

  get rewards(): BaseContext['rewards'] {
    return {
      offered: () => this.state.offeredRewards(this.community.id),
      request: (rewardId, dedupeKey) => {
        const { trigger } = this;
        if (trigger.kind !== 'event') throw new Error('rewards.request(): a timer has no actor');
        return this.state.requestReward({
          communityId: this.community.id,
          groupId: this.group.id,
          memberId: trigger.event.memberId,
          rewardId,
          play: this.play,
          dedupeKey: dedupeKey ?? `${this.play}:request:${this.key}`,
          at: this.now,
          sourceEventId: trigger.event.id,
        });
      },
    };
  }
}

type PlayTimersView = BaseContext['timers'];
type PlayMemoryView = BaseContext['memory'];

/** A play's timers in its group; prototype methods, not closures: made once per play and event. */
class PlayTimers implements PlayTimersView {
  constructor(
    private readonly state: PlayStatePort,
    private readonly communityId: number,
    private readonly groupId: number,
    private readonly play: string,
  ) {}
  private ref(key: string): TimerRef {
    return { communityId: this.communityId, groupId: this.groupId, play: this.play, key };
  }
  get(key: string): Promise<Timer | undefined> {
    return this.state.getTimer(this.ref(key));
  }
  set(key: string, dueAt: Date, data: JsonObject): Promise<void> {
    return this.state.setTimer({ ...this.ref(key), dueAt, data });
  }
  clear(key: string): Promise<void> {
    return this.state.clearTimer(this.ref(key));
  }
}

/** A play's memory in the community, read at decision time. */
class PlayMemory implements PlayMemoryView {
  constructor(
    private readonly state: PlayStatePort,
    private readonly communityId: number,
    private readonly play: string,
    private readonly now: Date,
  ) {}
  private ref(key: string): MemoryRef {
    return { communityId: this.communityId, play: this.play, key };
  }
  get<T extends Json = Json>(key: string): Promise<T | undefined> {
    // The port's promise as it is: the plays' memory is read on nearly every event.
    return this.state.getMemory(this.ref(key), this.now) as Promise<T | undefined>;
  }
  set(key: string, value: Json, ttlSeconds?: number): Promise<void> {
    const expiresAt = ttlSeconds === undefined ? null : new Date(this.now.getTime() + ttlSeconds * 1000);
    return this.state.setMemory(this.ref(key), value, expiresAt);
  }
  delete(key: string): Promise<void> {
    return this.state.deleteMemory(this.ref(key));
  }
}

/** A context without a configuration flavor, for tests and tools that drive one step by hand. */
export const createContext = (input: ContextInput): BaseContext =>
  new StepContext<undefined>(input, input.trigger, input.play, input.state, input.notes, undefined);
