import {
  type ActionKind,
  type ChatAdapter,
  type Clock,
  type DeliveryResult,
  type Group,
  kindNeeds,
  type Random,
  type RateLimits,
  seededRandom,
} from '@qunzhu/core';
import type { OutboxAction, Recovered, Store } from '@qunzhu/store';
import { ConnectionLimiter } from './rate-limiter.js';
import type { Logger } from './runtime.js';
import { resolveTarget } from './target.js';

/**
 * Kinds whose platform call can be repeated without harm: they set a state (deleted, muted, removed,
 * approved, pinned) rather than add something. An attempt of one of these interrupted by a crash is
 * simply made again; any other kind (a send, an invite link) becomes `unknown` for a person to check.
 */
export const REPEATABLE_KINDS: readonly ActionKind[] = [
  'delete',
  'mute',
  'unmute',
  'remove',
  'approve',
  'decline',
  'pin',
];

/** Where an action goes: the connection that serves its community and platform, and its limits. */
export type OutboxRoute =
  | { kind: 'none' }
  /** A connection is configured but not connected now: its actions wait. */
  | { kind: 'waiting'; reason: string }
  | { kind: 'ready'; key: string; adapter: ChatAdapter; limits: RateLimits; connectedAt: Date | null };

export type OutboxOptions = {
  store: Store;
  clock: Clock;
  log: Logger;
  route(communityId: number, platform: string): OutboxRoute;
  group(communityId: number, groupId: number): Promise<Group>;
  /** Attempts (platform errors, not waits the platform asked for) before an action is `failed`. Default 6. */
  maxAttempts?: number;
  /** Backoff after the n-th failed attempt: base·2^(n−1), at most max. Defaults 2 s and 5 min. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Draws the jitter of spacing; seeded so tests see the same waits. */
  random?: Random;
};

type Step = 'done' | 'blocked';

/**
 * The persistent outbox: actions are rows; each chat's queue goes out in order, one action at a
 * time, within its connection's rate limits. An attempt is recorded as `sending` before the platform
 * call, so a crash during the call is known afterwards (see `recover`).
 */
export class Outbox {
  private readonly limiters = new Map<string, ConnectionLimiter>();
  private readonly seeding = new Map<string, Promise<void>>();
  private readonly random: Random;
  private wake: number | null = null;

  constructor(private readonly options: OutboxOptions) {
    this.random = options.random ?? seededRandom('outbox');
  }

  /** The earliest time something blocked by a limit or a retry may go (the runtime's next wake-up). */
  get nextWake(): Date | null {
    return this.wake === null ? null : new Date(this.wake);
  }

  /** Deliver what may go now, chat by chat in order, in parallel across chats. */
  async dispatch(): Promise<void> {
    this.wake = null;
    for (;;) {
      const heads = await this.options.store.actions.queueHeads(20);
      if (heads.length === 0) return;
      const chats = new Map<string, OutboxAction[]>();
      for (const a of heads) {
        const key = `${a.communityId}:${a.groupId}`;
        const list = chats.get(key);
        if (list) list.push(a);
        else chats.set(key, [a]);
      }
      let progressed = false;
      await Promise.all(
        [...chats.values()].map(async (actions) => {
          for (const action of actions) {
            if ((await this.step(action)) === 'blocked') return;
            progressed = true;
          }
        }),
      );
      if (!progressed) return;
    }
  }

  /**
   * Settle actions a stopped process left `sending` since before `startedBefore`: repeatable kinds go
   * back to the queue, the rest become `unknown` (the console asks a person to check).
   */
  async recover(startedBefore: Date, communityIds?: readonly number[]): Promise<Recovered> {
    const { store, clock, log } = this.options;
    const recovered = await store.actions.recoverInFlight(startedBefore, REPEATABLE_KINDS, clock.now(), communityIds);
    for (const a of recovered.unknown) {
      log.warn('action interrupted during its platform call; marked unknown', {
        action: a.id,
        community: a.communityId,
        kind: a.kind,
      });
    }
    if (recovered.requeued.length > 0)
      log.info('interrupted actions queued again', { count: recovered.requeued.length });
    return recovered;
  }

  /** Forget a connection's in-memory limits (it was removed or replaced). */
  forget(key: string): void {
    this.limiters.delete(key);
    this.seeding.delete(key);
  }

  private async step(action: OutboxAction): Promise<Step> {
    const { store, clock, log } = this.options;
    const now = clock.now();
    if (action.status === 'sending') return 'blocked';
    if (action.nextAttemptAt.getTime() > now.getTime()) {
      this.wakeAt(action.nextAttemptAt.getTime());
      return 'blocked';
    }
    if (action.kind === 'alert') {
      // Alerts are for stewards: the console lists them from the outbox; no platform call.
      await store.actions.markSent(action.communityId, action.id, now);
      return 'done';
    }
    const group = await this.options.group(action.communityId, action.groupId);
    const route = this.options.route(action.communityId, group.platform);
    if (route.kind === 'none') {
      await store.actions.markSkipped(
        action.communityId,
        action.id,
        `no connection for platform "${group.platform}"`,
        now,
      );
      return 'done';
    }
    if (route.kind === 'waiting') return 'blocked';
    const { adapter } = route;
    const needed = kindNeeds[action.kind];
    if (needed && !adapter.capabilities[needed]) {
      await store.actions.markSkipped(action.communityId, action.id, `${adapter.platform} cannot ${action.kind}`, now);
      return 'done';
    }
    const limiter = await this.limiter(route, action.communityId, group.platform);
    const chat = String(action.groupId);
    const at = limiter.earliest(chat, action.kind, now.getTime());
    if (at > now.getTime()) {
      this.wakeAt(at);
      return 'blocked';
    }
    // Counted before the call: parallel chats of the connection see it at once.
    limiter.record(chat, action.kind, now.getTime());
    if (!(await store.actions.claim(action.communityId, action.id, now))) return 'blocked';
    let result: DeliveryResult;
    try {
      result = await adapter.execute(action, await resolveTarget(store, action, group));
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const after = clock.now();
    if (result.ok) {
      await store.actions.markSent(action.communityId, action.id, after, result.platformRef);
      return 'done';
    }
    if (result.retryAfterMs !== undefined && !result.permanent) {
      const until = after.getTime() + result.retryAfterMs;
      limiter.pause(chat, until);
      await store.actions.markAttemptFailed(action.communityId, action.id, result.error, new Date(until), after, false);
      this.wakeAt(until);
      log.warn('platform asked to wait', { action: action.id, kind: action.kind, retryAfterMs: result.retryAfterMs });
      return 'blocked';
    }
    const attempts = action.attempts + 1;
    if (result.permanent || attempts >= (this.options.maxAttempts ?? 6)) {
      await store.actions.markAttemptFailed(action.communityId, action.id, result.error, null, after);
      log.warn('action failed, giving up', {
        action: action.id,
        kind: action.kind,
        attempts,
        permanent: Boolean(result.permanent),
        error: result.error,
      });
      // Failed is final (the console shows it): the chat's later actions go on.
      return 'done';
    }
    const base = this.options.backoffBaseMs ?? 2000;
    const retryAt = after.getTime() + Math.min(this.options.backoffMaxMs ?? 300_000, base * 2 ** (attempts - 1));
    await store.actions.markAttemptFailed(action.communityId, action.id, result.error, new Date(retryAt), after);
    this.wakeAt(retryAt);
    log.warn('action failed, will retry', { action: action.id, kind: action.kind, attempts, error: result.error });
    return 'blocked';
  }

  /** The connection's limiter, primed with the calls it made in the last day (limits hold across restarts). */
  private async limiter(
    route: Extract<OutboxRoute, { kind: 'ready' }>,
    communityId: number,
    platform: string,
  ): Promise<ConnectionLimiter> {
    let limiter = this.limiters.get(route.key);
    if (!limiter) {
      limiter = new ConnectionLimiter(route.limits, this.random);
      this.limiters.set(route.key, limiter);
      const made = limiter;
      this.seeding.set(
        route.key,
        (async () => {
          const since = new Date(this.options.clock.now().getTime() - 86_400_000);
          for (const d of await this.options.store.actions.doneSince(communityId, platform, since)) {
            made.record(String(d.groupId), d.kind, d.at.getTime());
          }
        })(),
      );
    }
    await this.seeding.get(route.key);
    limiter.loggedIn(route.connectedAt?.getTime() ?? null);
    return limiter;
  }

  private wakeAt(ms: number): void {
    this.wake = this.wake === null ? ms : Math.min(this.wake, ms);
  }
}
