import { type ActionKind, createBuiltinRegistry, type Group, ManualClock, type RateLimits } from '@qunzhu/core';
import { openTestStore, type TestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_PLATFORM, FakeConnection } from '../connections/fake-connection.test-support.js';
import { Runtime } from './runtime.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const T0 = Date.parse('2026-11-02T08:00:00Z');

describe.each(testStoreKinds())('outbox on %s', (kind) => {
  let store: TestStore;
  let clock: ManualClock;
  let communityId: number;
  let seq = 0;

  // One store; each test has its own community (the outbox reads every community's queue, so the
  // previous tests' communities must be settled: each test drains its own).
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  beforeEach(async () => {
    clock = new ManualClock(T0);
    communityId = (await store.communities.create({ name: `Outbox 社群 ${++seq}` })).id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const setup = async (limits: RateLimits = {}, options: { maxAttempts?: number } = {}) => {
    const connection = new FakeConnection(clock, limits);
    const runtime = new Runtime({
      store,
      registry: createBuiltinRegistry(),
      adapters: [],
      clock,
      log: quiet,
      backoffBaseMs: 2000,
      ...options,
    });
    runtime.attach(communityId, connection);
    runtime.connected(communityId, FAKE_PLATFORM, clock.now());
    await runtime.idle();
    return { connection, runtime };
  };

  const group = (name: string): Promise<Group> =>
    store.groups.create(communityId, { platform: FAKE_PLATFORM, platformGroupId: `g-${name}`, name });

  const enqueue = async (g: Group, count: number, kindOf: ActionKind = 'send') => {
    for (let i = 0; i < count; i++) {
      seq++;
      await store.playState.enqueueAction({
        communityId,
        groupId: g.id,
        play: 'test',
        kind: kindOf,
        payload: kindOf === 'send' ? { text: `message ${seq}` } : { eventId: 1 },
        idempotencyKey: `test:${seq}`,
        at: new Date(T0),
      });
    }
  };

  /** Dispatch, move the clock by `stepMs`, until nothing is open or `maxMs` has passed. */
  const drain = async (runtime: Runtime, stepMs: number, maxMs: number) => {
    const end = clock.now().getTime() + maxMs;
    for (;;) {
      await runtime.dispatch();
      const c = await store.actions.counts(communityId);
      if (c.pending + c.sending === 0 || clock.now().getTime() >= end) return;
      clock.advance(stepMs);
    }
  };

  it('keeps Telegram limits: 1/s per chat, 20/min per group, in order per chat', async () => {
    const { connection, runtime } = await setup({
      perChatIntervalMs: 1000,
      perGroupPerMinute: 20,
      globalPerSecond: 30,
    });
    const a = await group('a');
    const b = await group('b');
    await enqueue(a, 25);
    await enqueue(b, 25);
    await drain(runtime, 1000, 10 * 60_000);
    expect(await store.actions.counts(communityId)).toEqual({ pending: 0, sending: 0, failed: 0, unknown: 0 });
    for (const g of [a, b]) {
      const calls = connection.callsIn(g.platformGroupId);
      expect(calls).toHaveLength(25);
      const ids = calls.map((c) => c.action.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      for (let k = 1; k < calls.length; k++) {
        expect((calls[k]?.at as number) - (calls[k - 1]?.at as number)).toBeGreaterThanOrEqual(1000);
      }
      // 20 in the first minute; the 21st waits until the first has left the minute's window.
      expect((calls[20]?.at as number) - (calls[0]?.at as number)).toBeGreaterThanOrEqual(60_000);
      expect((calls[19]?.at as number) - (calls[0]?.at as number)).toBeLessThan(60_000);
    }
    // The idempotency key reaches the adapter (adapters that can use it will).
    expect(connection.calls[0]?.action.idempotencyKey).toMatch(/^test:\d+$/);
  });

  it('keeps 30 a second over the connection, across 40 chats', async () => {
    const { connection, runtime } = await setup({ globalPerSecond: 30 });
    const groups = await Promise.all(Array.from({ length: 40 }, (_, i) => group(`g${i}`)));
    for (const g of groups) await enqueue(g, 2);
    await drain(runtime, 100, 60_000);
    const times = connection.calls.map((c) => c.at).sort((x, y) => x - y);
    expect(times).toHaveLength(80);
    for (let i = 30; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 30] as number)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('honours retry_after: the chat waits, its order holds, other chats go on, no attempt is used up', async () => {
    const { connection, runtime } = await setup();
    const a = await group('a');
    const b = await group('b');
    await enqueue(a, 2);
    await enqueue(b, 1);
    const first = (await store.actions.list(communityId, { groupId: a.id, limit: 1 }))[0];
    connection.answer = (action, attempt) =>
      action.id === first?.id && attempt === 1
        ? { ok: false, error: 'Too Many Requests: retry after 5', retryAfterMs: 5000 }
        : { ok: true };
    await runtime.dispatch();
    expect(connection.callsIn(b.platformGroupId)).toHaveLength(1);
    expect(connection.callsIn(a.platformGroupId)).toHaveLength(1);
    clock.advance(4000);
    await runtime.dispatch();
    expect(connection.callsIn(a.platformGroupId)).toHaveLength(1);
    clock.advance(1000);
    await runtime.dispatch();
    const calls = connection.callsIn(a.platformGroupId);
    expect(calls.map((c) => [c.action.id, c.at - T0])).toEqual([
      [first?.id, 0],
      [first?.id, 5000],
      [(first?.id as number) + 1, 5000],
    ]);
    const stored = await store.actions.get(communityId, first?.id as number);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries network errors with exponential backoff, then gives up: failed, and the chat goes on', async () => {
    const { connection, runtime } = await setup({}, { maxAttempts: 4 });
    const a = await group('a');
    await enqueue(a, 2);
    const [first, second] = await store.actions.list(communityId, { groupId: a.id, limit: 2 });
    connection.answer = (action) => (action.id === first?.id ? { ok: false, error: 'ECONNRESET' } : { ok: true });
    await drain(runtime, 500, 120_000);
    const tries = connection.calls.filter((c) => c.action.id === first?.id).map((c) => c.at - T0);
    expect(tries).toEqual([0, 2000, 6000, 14000]);
    expect(await store.actions.get(communityId, first?.id as number)).toMatchObject({
      status: 'failed',
      attempts: 4,
      lastError: 'ECONNRESET',
    });
    const after = connection.calls.find((c) => c.action.id === second?.id);
    expect(after?.at).toBe(T0 + 14000);
    expect(await store.actions.counts(communityId)).toMatchObject({ failed: 1, pending: 0 });
  });

  it('fails a permanent error at once', async () => {
    const { connection, runtime } = await setup();
    const a = await group('a');
    await enqueue(a, 1);
    connection.answer = () => ({ ok: false, error: 'Bad Request: chat not found', permanent: true });
    await drain(runtime, 1000, 30_000);
    expect(connection.calls).toHaveLength(1);
    expect((await store.actions.list(communityId, { limit: 5 }))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('waits while the connection is down, and skips where no connection serves the platform', async () => {
    const { connection, runtime } = await setup();
    runtime.connected(communityId, FAKE_PLATFORM, null);
    const a = await group('a');
    await enqueue(a, 1);
    const irc = await store.groups.create(communityId, {
      platform: 'irc',
      platformGroupId: '#ubuntu',
      name: '#ubuntu',
    });
    await enqueue(irc, 1);
    await runtime.dispatch();
    expect(connection.calls).toHaveLength(0);
    const [waiting, skipped] = await store.actions.list(communityId, { limit: 5 });
    expect(waiting?.status).toBe('pending');
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'no connection for platform "irc"' });
    runtime.connected(communityId, FAKE_PLATFORM, clock.now());
    await runtime.idle();
    expect(connection.calls).toHaveLength(1);
  });

  it('after a crash mid-call: repeats what is safe to repeat, marks a send unknown; a person can retry it', async () => {
    const { connection, runtime } = await setup();
    const a = await group('a');
    await enqueue(a, 1, 'send');
    await enqueue(a, 1, 'delete');
    const [send, del] = await store.actions.list(communityId, { limit: 5 });
    // A process claimed both and died during the calls.
    await store.actions.claim(communityId, send?.id as number, clock.now());
    await store.actions.claim(communityId, del?.id as number, clock.now());
    clock.advance(1000);
    const recovered = await runtime.recover(clock.now());
    expect(recovered.unknown.map((x) => x.id)).toEqual([send?.id]);
    expect(recovered.requeued.map((x) => x.id)).toEqual([del?.id]);
    await runtime.dispatch();
    expect(connection.calls.map((c) => c.action.kind)).toEqual(['delete']);
    expect(await store.actions.counts(communityId)).toMatchObject({ unknown: 1, pending: 0 });
    expect(await store.actions.retry(communityId, send?.id as number, clock.now())).toMatchObject({
      status: 'pending',
    });
    await runtime.dispatch();
    expect(connection.calls.map((c) => c.action.kind)).toEqual(['delete', 'send']);
    expect(await store.actions.get(communityId, send?.id as number)).toMatchObject({ status: 'sent' });
    // Retry and dismiss only apply to failed or unknown actions.
    expect(await store.actions.retry(communityId, send?.id as number, clock.now())).toBeUndefined();
  });

  it('keeps limits across a restart: a new runtime sees the calls made in the last minute', async () => {
    const { runtime } = await setup({ perGroupPerMinute: 3 });
    const a = await group('a');
    await enqueue(a, 3);
    await runtime.dispatch();
    await runtime.stop();
    const again = await setup({ perGroupPerMinute: 3 });
    await enqueue(a, 1);
    await again.runtime.dispatch();
    expect(again.connection.calls).toHaveLength(0);
    clock.advance(60_000);
    await again.runtime.dispatch();
    expect(again.connection.calls).toHaveLength(1);
  });
});
