import {
  type ChatAdapter,
  type Clock,
  Engine,
  type EventInput,
  type GroupScope,
  type IngestResult,
  kindNeeds,
  type PlayRegistry,
  type StoredAction,
  type StoredEvent,
  type Timer,
} from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import { DecisionHooks } from './decisions.js';
import { KeyedQueue } from './keyed-queue.js';
import { resolveTarget } from './target.js';

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
  /** Attempts before an action is given up as failed. */
  maxAttempts?: number;
};

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
 * The live path: ingest → engine (per group, in order) → outbox → adapter. Imports of history use
 * the store's ingest alone: plays never act on the past except in a backtest.
 */
export class Runtime {
  private readonly engine: Engine;
  private readonly queue = new KeyedQueue();
  private readonly scopes = new Map<string, { scope: GroupScope; at: number }>();
  private readonly adapters: Map<string, ChatAdapter>;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private dispatching: Promise<void> | null = null;
  /** Moderators' decisions on violations (confirm, restore), for whoever learns from them. */
  readonly decisions: DecisionHooks;

  constructor(private readonly options: RuntimeOptions) {
    this.decisions = new DecisionHooks((error) =>
      options.log.error('decision listener failed', { error: String(error) }),
    );
    this.adapters = new Map(options.adapters.map((a) => [a.platform, a]));
    this.engine = new Engine(options.registry, (f) =>
      options.log.error('play failed', { play: f.play, trigger: f.trigger, error: String(f.error) }),
    );
  }

  get store(): Store {
    return this.options.store;
  }

  get registry(): PlayRegistry {
    return this.options.registry;
  }

  adapterFor(platform: string): ChatAdapter | undefined {
    return this.adapters.get(platform);
  }

  /** Store live events, then run plays over the new ones. Resolves once the plays have run. */
  async ingestLive(communityId: number, inputs: readonly EventInput[]): Promise<IngestResult> {
    const result = await this.store.ingest(communityId, inputs);
    await Promise.all(result.events.map((event) => this.process(event)));
    void this.dispatch();
    return result;
  }

  /** Run plays over one stored event, in its group's order; due timers of the group fire first. */
  process(event: StoredEvent): Promise<void> {
    return this.queue.run(`${event.communityId}:${event.groupId}`, async () => {
      const scope = await this.scope(event.communityId, event.groupId);
      await this.fireGroupTimers(scope, event.at);
      await this.store.transaction((tx) => this.engine.handleEvent(scope, event, tx.playState));
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
          [...groups.entries()].map(([key, t]) =>
            this.queue.run(key, async () => {
              const scope = await this.scope(t.communityId, t.groupId);
              await this.fireGroupTimers(scope, this.options.clock.now());
            }),
          ),
        );
        await this.dispatch();
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /**
   * Fire a group's pending timers now, even those not yet due (the sandbox's fast-forward). Only the
   * timers pending at the call fire: a recurring one (a monthly badge, a weekly board) sets its next
   * occurrence, which waits for its time rather than looping to the end of the calendar.
   */
  fastForward(communityId: number, groupId: number): Promise<void> {
    return this.queue.run(`${communityId}:${groupId}`, async () => {
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

  /** Deliver pending actions through their platform's adapter, in order per group. */
  dispatch(): Promise<void> {
    this.dispatching ??= (async () => {
      try {
        for (;;) {
          const due = await this.store.actions.due(this.options.clock.now());
          if (due.length === 0) return;
          const byGroup = new Map<string, StoredAction[]>();
          for (const a of due) {
            const key = `${a.communityId}:${a.groupId}`;
            byGroup.set(key, [...(byGroup.get(key) ?? []), a]);
          }
          await Promise.all([...byGroup.values()].map((actions) => this.deliverInOrder(actions)));
          if (due.length < 100) return;
        }
      } finally {
        this.dispatching = null;
      }
    })();
    return this.dispatching;
  }

  private async deliverInOrder(actions: StoredAction[]): Promise<void> {
    for (const action of actions) {
      const ok = await this.deliver(action);
      // Keep the group's order: a later action waits until the earlier one went out.
      if (!ok) return;
    }
  }

  private async deliver(action: StoredAction): Promise<boolean> {
    const { store, clock, log } = this.options;
    const scope = await this.scope(action.communityId, action.groupId);
    const adapter = this.adapters.get(scope.group.platform);
    const now = clock.now();
    if (!adapter) {
      await store.actions.markSkipped(
        action.communityId,
        action.id,
        `no connection for platform "${scope.group.platform}"`,
        now,
      );
      return true;
    }
    if (action.kind === 'alert') {
      // Alerts are for stewards: the console lists them from the outbox; no platform call.
      await store.actions.markSent(action.communityId, action.id, now);
      return true;
    }
    const needed = kindNeeds[action.kind];
    if (needed && !adapter.capabilities[needed]) {
      await store.actions.markSkipped(action.communityId, action.id, `${adapter.platform} cannot ${action.kind}`, now);
      return true;
    }
    let result: Awaited<ReturnType<ChatAdapter['execute']>>;
    try {
      result = await adapter.execute(action, await resolveTarget(store, action, scope.group));
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (result.ok) {
      await store.actions.markSent(action.communityId, action.id, clock.now());
      return true;
    }
    const attempts = action.attempts + 1;
    const giveUp = attempts >= (this.options.maxAttempts ?? 5);
    const backoff = result.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** attempts);
    await store.actions.markAttemptFailed(
      action.communityId,
      action.id,
      result.error,
      giveUp ? null : new Date(now.getTime() + backoff),
      now,
    );
    log.warn(giveUp ? 'action failed, giving up' : 'action failed, will retry', {
      action: action.id,
      kind: action.kind,
      error: result.error,
    });
    return false;
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
      capabilities: this.adapters.get(group.platform)?.capabilities ?? NO_CAPABILITIES,
      plays,
    };
    this.scopes.set(key, { scope, at: now });
    return scope;
  }

  /** Tick every `intervalMs` until stopped. */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.log.error('runtime tick failed', { error: String(error) }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.queue.idle();
    await this.dispatching;
  }

  /** Resolves when all queued work is done (tests). */
  async idle(): Promise<void> {
    await this.queue.idle();
    await this.dispatching;
  }
}
