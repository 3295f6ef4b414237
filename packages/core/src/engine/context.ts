import type { ActionKind, Capabilities, SendPayload } from '../actions/index.js';
import type { Community, Group } from '../communities/index.js';
import type { StoredEvent } from '../events/index.js';
import type { Json, JsonObject } from '../json.js';
import type { Random } from './random.js';
import type {
  LedgerEntry,
  LedgerEntryInput,
  LedgerQuery,
  MemberFacts,
  OfferedReward,
  PlayStatePort,
  RewardOutcome,
  RoleHolder,
  Timer,
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
  /** Made on first use: most plays never draw a random number. */
  random: () => Random;
  state: PlayStatePort;
  notes: Record<string, unknown>;
};

export const createContext = (input: ContextInput): BaseContext => {
  const { community, group, trigger, play, state } = input;
  const now = triggerTime(trigger);
  const key = triggerKey(trigger);
  const sourceEventId = trigger.kind === 'event' ? trigger.event.id : undefined;
  let actionCount = 0;
  let ledgerCount = 0;
  const ref = (timerKey: string) => ({ communityId: community.id, groupId: group.id, play, key: timerKey });
  const memoryRef = (memoryKey: string) => ({ communityId: community.id, play, key: memoryKey });
  const ledgerQuery = ({ play: asked, ...rest }: PlayLedgerQuery): LedgerQuery => {
    const p = asked === null ? undefined : (asked ?? play);
    return { ...rest, communityId: community.id, ...(p === undefined ? {} : { play: p }) };
  };
  const act = async (kind: ActionKind, payload: JsonObject): Promise<void> => {
    actionCount += 1;
    await state.enqueueAction({
      communityId: community.id,
      groupId: group.id,
      play,
      kind,
      payload,
      idempotencyKey: `${play}:g${group.id}:${key}:${actionCount}`,
      at: now,
      ...(sourceEventId === undefined ? {} : { sourceEventId }),
    });
  };
  let random: Random | undefined;
  return {
    notes: input.notes,
    community,
    group,
    capabilities: input.capabilities,
    trigger,
    now,
    get random() {
      random ??= input.random();
      return random;
    },
    play,
    act,
    send: (message) => act('send', message as JsonObject),
    appendLedger: async (entry) => {
      ledgerCount += 1;
      await state.appendLedger({
        ...entry,
        communityId: community.id,
        play,
        at: now,
        dedupeKey: entry.dedupeKey ?? `${play}:g${group.id}:${key}:${ledgerCount}`,
        ...(sourceEventId === undefined ? {} : { sourceEventId }),
      });
    },
    timers: {
      get: (timerKey) => state.getTimer(ref(timerKey)),
      set: (timerKey, dueAt, data) => state.setTimer({ ...ref(timerKey), dueAt, data }),
      clear: (timerKey) => state.clearTimer(ref(timerKey)),
    },
    readLedger: (query = {}) => state.readLedger(ledgerQuery(query)),
    sumLedger: (query = {}) => state.sumLedger(ledgerQuery(query)),
    authorOf: async (sourceId) =>
      trigger.kind === 'event' ? state.authorOf(community.id, trigger.event.source, sourceId) : undefined,
    memory: {
      get: async <T extends Json = Json>(memoryKey: string) =>
        (await state.getMemory(memoryRef(memoryKey), now)) as T | undefined,
      set: (memoryKey, value, ttlSeconds) =>
        state.setMemory(
          memoryRef(memoryKey),
          value,
          ttlSeconds === undefined ? null : new Date(now.getTime() + ttlSeconds * 1000),
        ),
      delete: (memoryKey) => state.deleteMemory(memoryRef(memoryKey)),
    },
    member: (memberId) => {
      const id = memberId ?? (trigger.kind === 'event' ? trigger.event.memberId : undefined);
      if (id === undefined) throw new Error('member(): a timer has no actor; pass a member id');
      return state.memberFacts(community.id, group.id, id);
    },
    membersWithRole: (role) => state.membersWithRole(community.id, group.id, role),
    rewards: {
      offered: () => state.offeredRewards(community.id),
      request: (rewardId, dedupeKey) => {
        if (trigger.kind !== 'event') throw new Error('rewards.request(): a timer has no actor');
        return state.requestReward({
          communityId: community.id,
          groupId: group.id,
          memberId: trigger.event.memberId,
          rewardId,
          play,
          dedupeKey: dedupeKey ?? `${play}:request:${key}`,
          at: now,
          ...(sourceEventId === undefined ? {} : { sourceEventId }),
        });
      },
    },
  };
};
