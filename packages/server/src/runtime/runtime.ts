import {
  type ChatAdapter,
  type ChatConnection,
  type Clock,
  Engine,
  type EventInput,
  type GroupScope,
  type IngestResult,
  type PlayRegistry,
  type Random,
  type StoredEvent,
  type Timer,
} from '@qunzhu/core';
import type { Recovered, Store } from '@qunzhu/store';
import { DecisionHooks } from './decisions.js';
import { KeyedQueue } from './keyed-queue.js';
import { Outbox, type OutboxRoute } from './outbox.js';

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type RuntimeOptions = {
  store: Store;
  registry: PlayRegistry;
  adapters: readonly ChatAdapter[];
  clock: Clock;
  log: Logger;
  /** How long group scopes (play configuration) are cached; another process's changes show after this. */
  scopeTtlMs?: number;
  /** Attempts before an action is given up as failed (platform errors; waits it asked for do not count). */
  maxAttempts?: number;
  /** Backoff after the n-th failed attempt: base·2^(n−1), at most max. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Draws the outbox's jitter; seeded by default. */
  random?: Random;
};

/** A community's live connection to one platform, as the runtime routes actions to it. */
type Attached = { connection: ChatConnection; connectedAt: Date | null };

const NO_CAPABILITIES = {
  readMessages: false,
  send: false,
  delete: false,
  mute: false,
  remove: false,
  namedInviteLinks: false,
  joinRequests: false,
  pin: false,
};

/**
 * Plays' work is ordered per community: a batch runs over its groups in one transaction, and the
 * plays' memory and ledger are the community's, whatever the group.
 */
const queueKey = (communityId: number): string => String(communityId);

/** A batch of a community's stream: its up-front reads done, its plays done. */
type Stream = { read: Promise<void>; played: Promise<void> };
const DONE_PLAYING: Promise<void> = Promise.resolve();
const SETTLED_STREAM: Stream = { read: DONE_PLAYING, played: DONE_PLAYING };

/**
 * The live path: ingest → engine (a community's batch, in order) → outbox → adapter. Imports of
 * history use the store's ingest alone: plays never act on the past except in a backtest.
 */
export class Runtime {
  private readonly engine: Engine;
  private readonly queue = new KeyedQueue();
  private readonly scopes = new Map<string, { scope: GroupScope; at: number }>();
  /** Per community, the batch `ingestStream` stored last, while its plays are still to finish. */
  private readonly streams = new Map<number, Stream>();
  private readonly adapters: Map<string, ChatAdapter>;
  private readonly attached = new Map<string, Attached>();
  private readonly outbox: Outbox;
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private dispatching: Promise<void> | null = null;
  /** Moderators' decisions on violations (confirm, restore), for whoever learns from them. */
  readonly decisions: DecisionHooks;
  private lastSweep = 0;
  private dispatchAgain = false;
  /** Housekeeping run from the tick at most every `everyMs` (not a play's timer: no group scope). */
  private readonly periodic: { name: string; everyMs: number; last: number; run: (now: Date) => Promise<unknown> }[] =
    [];

  constructor(private readonly options: RuntimeOptions) {
    this.decisions = new DecisionHooks((error) =>
      options.log.error('decision listener failed', { error: String(error) }),
    );
    this.adapters = new Map(options.adapters.map((a) => [a.platform, a]));
    this.engine = new Engine(options.registry, (f) =>
      options.log.error('play failed', { play: f.play, trigger: f.trigger, error: String(f.error) }),
    );
    this.outbox = new Outbox({
      store: options.store,
      clock: options.clock,
      log: options.log,
      route: (communityId, platform) => this.route(communityId, platform),
      group: async (communityId, groupId) => (await this.scope(communityId, groupId)).group,
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      ...(options.backoffBaseMs === undefined ? {} : { backoffBaseMs: options.backoffBaseMs }),
      ...(options.backoffMaxMs === undefined ? {} : { backoffMaxMs: options.backoffMaxMs }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
  }

  get store(): Store {
    return this.options.store;
  }

  get registry(): PlayRegistry {
    return this.options.registry;
  }

  /** The adapter serving a platform: the community's own connection first, then an install-wide one. */
  adapterFor(platform: string, communityId?: number): ChatAdapter | undefined {
    const own = communityId === undefined ? undefined : this.attached.get(`${communityId}:${platform}`);
    return own?.connection ?? this.adapters.get(platform);
  }

  /** A community's connection to a platform now serves its groups (the ConnectionManager calls this). */
  attach(communityId: number, connection: ChatConnection): void {
    this.attached.set(`${communityId}:${connection.platform}`, { connection, connectedAt: null });
    this.invalidate(communityId);
  }

  detach(communityId: number, platform: string): void {
    const key = `${communityId}:${platform}`;
    this.attached.delete(key);
    this.outbox.forget(key);
    this.invalidate(communityId);
  }

  /** The connection logged in (`at`) or went down (null): actions wait while it is down. */
  connected(communityId: number, platform: string, at: Date | null): void {
    const a = this.attached.get(`${communityId}:${platform}`);
    if (a) a.connectedAt = at;
    if (at) void this.dispatch();
  }

  private route(communityId: number, platform: string): OutboxRoute {
    const key = `${communityId}:${platform}`;
    const own = this.attached.get(key);
    if (own) {
      if (!own.connectedAt) return { kind: 'waiting', reason: `${platform} is not connected` };
      return {
        kind: 'ready',
        key,
        adapter: own.connection,
        limits: own.connection.limits,
        connectedAt: own.connectedAt,
      };
    }
    const shared = this.adapters.get(platform);
    if (!shared) return { kind: 'none' };
    const limits = 'limits' in shared ? (shared as ChatConnection).limits : {};
    return { kind: 'ready', key: platform, adapter: shared, limits, connectedAt: null };
  }

  /** Store live events, then run plays over the new ones. Resolves once the plays have run. */
  async ingestLive(communityId: number, inputs: readonly EventInput[]): Promise<IngestResult> {
    const result = await this.store.ingest(communityId, inputs);
    await this.process(communityId, result.events);
    void this.dispatch();
    return result;
  }

  /**
   * Live events as a stream (a connection's deliveries, one batch after another): store the batch,
   * then let its plays run while the caller brings the next one. Storing a batch is mostly the
   * database's work and playing one mostly this process's, so the two overlap instead of taking
   * turns. Resolves once the batch is stored and the community's batches before it have been played:
   * at most one batch's plays run behind the caller (back-pressure), and `idle()` waits for it.
   *
   * Plays still run batch after batch, in order. A batch is stored only once the batch before it
   * has read what it reads up front (its members' facts, the authors its replies answer), so those
   * reads never see a later batch's joins or names. A play's failure is logged, as on the live path;
   * it is not the next batch's to report.
   */
  async ingestStream(communityId: number, inputs: readonly EventInput[]): Promise<IngestResult> {
    const before = this.streams.get(communityId) ?? SETTLED_STREAM;
    await before.read;
    const result = await this.store.ingest(communityId, inputs);
    let read: () => void = () => {};
    const stream: Stream = { read: new Promise<void>((resolve) => (read = resolve)), played: DONE_PLAYING };
    stream.played = this.process(communityId, result.events, read)
      .catch((error: unknown) =>
        this.options.log.error('plays failed for a batch', { community: communityId, error: String(error) }),
      )
      .finally(() => {
        read();
        if (this.streams.get(communityId) === stream) this.streams.delete(communityId);
        void this.dispatch();
      });
    this.streams.set(communityId, stream);
    await before.played;
    return result;
  }

  /**
   * Run plays over a community's new events, in order, in one transaction whatever their groups: the
   * timers of an event's group due by it fire before it. Events of groups with no play switched on
   * are passed over; a batch with none costs no transaction at all.
   */
  private process(communityId: number, stored: readonly StoredEvent[], read: () => void = () => {}): Promise<void> {
    if (stored.length === 0) {
      read();
      return Promise.resolve();
    }
    return this.queue.run(queueKey(communityId), async () => {
      const scopes = new Map<number, GroupScope>();
      for (const event of stored) {
        if (!scopes.has(event.groupId)) scopes.set(event.groupId, await this.scope(communityId, event.groupId));
      }
      // Timers of switched-off plays are forgotten by the next tick; nothing here can fire.
      const events = stored.filter((e) => scopes.get(e.groupId)?.plays.some((p) => p.enabled));
      if (events.length === 0) return read();
      const byGroup = new Map<number, StoredEvent[]>();
      for (const e of events) {
        const list = byGroup.get(e.groupId);
        if (list) list.push(e);
        else byGroup.set(e.groupId, [e]);
      }
      const groups = [...byGroup.keys()];
      await this.store.transaction(async (tx) => {
        // Reads kept and writes held for the batch, written in a few statements before commit.
        // The events were stored just now by ingestLive (new ones only): no play has run on them.
        const state = tx.batchPlayState(communityId, groups, new Set(events.map((e) => e.id)));
        const members = events.map((e) => e.memberId);
        await state.prefetchAuthors(
          events,
          events.flatMap((e) => (e.payload.replyTo ? [{ source: e.source, sourceId: e.payload.replyTo }] : [])),
        );
        const repliedTo = (e: StoredEvent) =>
          e.payload.replyTo ? state.knownAuthor(e.source, e.payload.replyTo) : undefined;
        const memoryKeys: { play: string; key: string }[] = [];
        const kinds = new Set<string>();
        const readers = new Set<string>();
        for (const [g, own] of byGroup) {
          const scope = scopes.get(g) as GroupScope;
          for (const k of this.engine.memoryKeysFor(scope, own, repliedTo)) memoryKeys.push(k);
          const reads = this.engine.ledgerReadsFor(scope);
          for (const k of reads.kinds) kinds.add(k);
          for (const p of reads.plays) readers.add(p);
        }
        await state.prefetchBalances(members);
        await state.prefetchFacts(events);
        await state.prefetchMemory(memoryKeys);
        await state.prefetchLedger(members, [...kinds], [...readers]);
        read();
        for (const event of events) {
          const scope = scopes.get(event.groupId) as GroupScope;
          for (;;) {
            const timer = await state.nextDueTimer(event.groupId, event.at);
            if (!timer) break;
            await this.engine.handleTimer(scope, timer, state);
          }
          await this.engine.handleEvent(scope, event, state);
        }
        await state.flush();
      });
    });
  }

  /** Fire every timer due by now; then deliver what the plays decided. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        const due = await this.store.timers.due(this.options.clock.now());
        const groups = new Map<string, Timer>();
        for (const t of due) groups.set(`${t.communityId}:${t.groupId}`, t);
        await Promise.all(
          [...groups.values()].map((t) =>
            this.queue.run(queueKey(t.communityId), async () => {
              const scope = await this.scope(t.communityId, t.groupId);
              await this.fireGroupTimers(scope, this.options.clock.now());
            }),
          ),
        );
        const now = this.options.clock.now().getTime();
        for (const task of this.periodic) {
          if (now - task.last < task.everyMs) continue;
          task.last = now;
          await task
            .run(new Date(now))
            .catch((error: unknown) =>
              this.options.log.error('periodic task failed', { task: task.name, error: String(error) }),
            );
        }
        if (now - this.lastSweep >= 60_000) {
          // A call cannot take this long: whoever marked it `sending` is gone.
          this.lastSweep = now;
          await this.recover(new Date(now - 10 * 60_000));
        }
        await this.dispatch();
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /**
   * Run `task` from the tick, first at the next tick and then at most every `everyMs` (the live
   * codes' QR reminders). What it queues in the outbox goes out in the same tick.
   */
  every(name: string, everyMs: number, task: (now: Date) => Promise<unknown>): void {
    this.periodic.push({ name, everyMs, last: Number.NEGATIVE_INFINITY, run: task });
  }

  /**
   * Fire a group's pending timers now, even those not yet due (the sandbox's fast-forward). Only the
   * timers pending at the call fire: a recurring one (a monthly badge, a weekly board) sets its next
   * occurrence, which waits for its time rather than looping to the end of the calendar.
   */
  fastForward(communityId: number, groupId: number): Promise<void> {
    return this.queue.run(queueKey(communityId), async () => {
      const scope = await this.scope(communityId, groupId);
      const pending = await this.store.timers.dueForGroup(communityId, groupId, new Date('9999-12-31T00:00:00Z'));
      for (const timer of pending) {
        await this.store.transaction((tx) => this.engine.handleTimer(scope, timer, tx.playState));
      }
    });
  }

  private async fireGroupTimers(scope: GroupScope, until: Date): Promise<void> {
    for (;;) {
      const [timer] = await this.store.timers.dueForGroup(scope.community.id, scope.group.id, until);
      if (!timer) return;
      await this.store.transaction((tx) => this.engine.handleTimer(scope, timer, tx.playState));
    }
  }

  /** Deliver pending actions through their connections: in order per chat, within rate limits. */
  dispatch(): Promise<void> {
    if (this.dispatching) {
      // Actions enqueued while a pass runs go out in the same call, after it.
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = (async () => {
      try {
        do {
          this.dispatchAgain = false;
          await this.outbox.dispatch();
        } while (this.dispatchAgain);
      } finally {
        this.dispatching = null;
      }
      this.scheduleWake();
    })();
    return this.dispatching;
  }

  /**
   * Settle actions left `sending` by a process that stopped (see Outbox.recover). At start, before
   * anything dispatches, everything in flight is such (one process dispatches a community's actions).
   */
  recover(startedBefore: Date): Promise<Recovered> {
    return this.outbox.recover(startedBefore);
  }

  /** Between ticks, wake up for a limit or a retry that ends sooner than the next tick. */
  private scheduleWake(): void {
    if (!this.timer) return;
    const wake = this.outbox.nextWake;
    if (!wake) return;
    const delay = wake.getTime() - this.options.clock.now().getTime();
    if (delay <= 0 || delay >= this.intervalMs) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.dispatch().catch((error: unknown) => this.options.log.error('outbox failed', { error: String(error) }));
    }, delay);
    this.wakeTimer.unref();
  }

  /** Group scopes are cached briefly; call after changing a group's plays, or its community. */
  invalidate(communityId: number, groupId?: number): void {
    for (const key of [...this.scopes.keys()]) {
      if (groupId === undefined ? key.startsWith(`${communityId}:`) : key === `${communityId}:${groupId}`) {
        this.scopes.delete(key);
      }
    }
  }

  async scope(communityId: number, groupId: number): Promise<GroupScope> {
    const key = `${communityId}:${groupId}`;
    const cached = this.scopes.get(key);
    const now = Date.now();
    if (cached && now - cached.at < (this.options.scopeTtlMs ?? 5000)) return cached.scope;
    const [community, group, configs, shared] = await Promise.all([
      this.store.communities.get(communityId),
      this.store.groups.get(communityId, groupId),
      this.store.plays.list(communityId, groupId),
      this.store.plays.listShared(communityId),
    ]);
    const plays = configs.map((p) => (shared.has(p.play) ? { ...p, shared: shared.get(p.play) } : p));
    const scope: GroupScope = {
      community,
      group,
      capabilities: this.adapterFor(group.platform, communityId)?.capabilities ?? NO_CAPABILITIES,
      plays,
    };
    this.scopes.set(key, { scope, at: now });
    return scope;
  }

  private intervalMs = 1000;

  /** Tick every `intervalMs` until stopped. Call `recover` first, before anything dispatches. */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.intervalMs = intervalMs;
    this.lastSweep = this.options.clock.now().getTime();
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.log.error('runtime tick failed', { error: String(error) }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.timer = null;
    this.wakeTimer = null;
    await this.ticking;
    await this.settled();
  }

  /** Stop (for a list of things to close). */
  close(): Promise<void> {
    return this.stop();
  }

  /** Resolves when all queued work is done (tests). */
  idle(): Promise<void> {
    return this.settled();
  }

  /** Every batch played (streamed ones too), every queued task done, and the outbox pass after them. */
  private async settled(): Promise<void> {
    while (this.streams.size > 0) await Promise.all([...this.streams.values()].map((s) => s.played));
    await this.queue.idle();
    await this.dispatching;
  }
}
