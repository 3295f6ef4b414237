import {
  ACTION_KINDS,
  type ActionKind,
  type ChatConnection,
  type ConnectionState,
  type DiscoveredGroup,
  type EventInput,
  type InboundSink,
  kindNeeds,
  type StoredAction,
} from '@qunzhu/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** An update the platform (or its fake) delivers to the connection. */
export type InjectedUpdate = {
  type: 'message' | 'join' | 'leave';
  user: { id: string; name: string };
  text?: string;
};

/** What the platform saw the connection do. */
export type ObservedCall = {
  kind: ActionKind;
  platformGroupId: string;
  text?: string;
  platformUserId?: string;
  /** The platform's message id the call was about (delete, pin). */
  messageId?: string;
};

/** One platform, made testable: a connection to it (or to its fake) with one group the account is in. */
export type AdapterHarness = {
  open(): Promise<{ connection: ChatConnection; platformGroupId: string }>;
  /** Make the platform deliver an update to the connection's group. */
  inject(update: InjectedUpdate): Promise<void>;
  /** Calls the platform received, oldest first. */
  calls(): Promise<ObservedCall[]>;
  /** The platform's message id inside a delivered event's source id (the adapter's own encoding). */
  messageIdOf(event: EventInput): string;
  close(): Promise<void>;
};

/** A sink that records what a connection delivers. */
export class RecordingSink implements InboundSink {
  readonly received: EventInput[] = [];
  readonly found: DiscoveredGroup[] = [];
  readonly lost: string[] = [];
  readonly states: ConnectionState[] = [];
  async events(inputs: readonly EventInput[]): Promise<void> {
    this.received.push(...inputs);
  }
  async groupFound(group: DiscoveredGroup): Promise<void> {
    this.found.push(group);
  }
  async groupLost(platformGroupId: string): Promise<void> {
    this.lost.push(platformGroupId);
  }
  state(state: ConnectionState): void {
    this.states.push(state);
  }
}

/** Poll until `check` holds (platforms deliver asynchronously); fails with the last error. */
export const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> => {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > timeoutMs) throw lastError;
    await new Promise((r) => setTimeout(r, 20));
  }
};

let nextActionId = 1;
const storedAction = (kind: ActionKind, payload: StoredAction['payload']): StoredAction => ({
  id: nextActionId++,
  communityId: 1,
  groupId: 1,
  play: 'contract',
  kind,
  payload,
  idempotencyKey: `contract-${nextActionId}`,
  at: new Date(),
  status: 'pending',
  attempts: 0,
  lastError: null,
  doneAt: null,
});

/**
 * The adapter contract: every platform adapter (and the sandbox) passes it, so plays can rely on
 * the same behaviour everywhere — updates arrive as events, actions are executed or refused plainly.
 */
export const adapterContract = (name: string, makeHarness: () => AdapterHarness) => {
  describe(`adapter contract: ${name}`, () => {
    let harness: AdapterHarness;
    let connection: ChatConnection;
    let groupId: string;
    let sink: RecordingSink;

    beforeEach(async () => {
      harness = makeHarness();
      ({ connection, platformGroupId: groupId } = await harness.open());
      sink = new RecordingSink();
      await connection.start(sink);
    });
    afterEach(async () => {
      await connection.stop();
      await harness.close();
    });

    const received = (type: EventInput['type'], n = 1) =>
      eventually(() => {
        const found = sink.received.filter((e) => e.type === type);
        expect(found.length).toBeGreaterThanOrEqual(n);
        return found;
      });

    it('declares its platform, every capability and its limits', () => {
      expect(connection.platform).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const key of new Set(Object.values(kindNeeds))) expect(typeof connection.capabilities[key]).toBe('boolean');
      expect(typeof connection.limits).toBe('object');
    });

    it('reports itself connected and finds the group it is in', async () => {
      await eventually(() => expect(sink.states.at(-1)?.status).toBe('connected'));
      expect((await connection.discoverGroups()).map((g) => g.platformGroupId)).toContain(groupId);
    });

    it('delivers a message as one event with its text, actor, group and a source id', async () => {
      await harness.inject({ type: 'message', user: { id: 'u1001', name: '小林' }, text: '大家好，打卡 day 3' });
      const [event] = await received('message');
      expect(event?.text).toBe('大家好，打卡 day 3');
      expect(event?.actor.platform).toBe(connection.platform);
      expect(event?.actor.displayName).toBe('小林');
      expect(event?.group.platformGroupId).toBe(groupId);
      expect(event?.source.length).toBeGreaterThan(0);
      expect(event?.sourceId.length).toBeGreaterThan(0);
      expect(Number.isNaN(event?.at.getTime())).toBe(false);
    });

    it('delivers joins and leaves', async () => {
      await harness.inject({ type: 'join', user: { id: 'u1002', name: 'Ada' } });
      const [join] = await received('join');
      await harness.inject({ type: 'leave', user: { id: 'u1002', name: 'Ada' } });
      const [leave] = await received('leave');
      expect(join?.actor.platformUserId).toBe(leave?.actor.platformUserId);
      expect(join?.sourceId).not.toBe(leave?.sourceId);
    });

    it('sends text, and the platform sees it', async () => {
      const result = await connection.execute(storedAction('send', { text: '欢迎 Ada！Welcome <b>&</b>' }), {
        platformGroupId: groupId,
      });
      expect(result.ok).toBe(true);
      const calls = await harness.calls();
      expect(calls.some((c) => c.kind === 'send' && c.text === '欢迎 Ada！Welcome <b>&</b>')).toBe(true);
    });

    it('deletes, mutes and removes where it declares it can, and refuses plainly where it cannot', async () => {
      await harness.inject({ type: 'message', user: { id: 'u1003', name: 'spammer' }, text: '加微 abc123 领福利' });
      const [event] = await received('message');
      if (!event) throw new Error('no event');
      const member = { platformUserId: event.actor.platformUserId, displayName: 'spammer' };
      const target = { platformGroupId: groupId, member, message: { sourceId: event.sourceId } };
      const cases: [ActionKind, StoredAction['payload']][] = [
        ['delete', { eventId: 1 }],
        ['mute', { memberId: 1, until: new Date(Date.now() + 600_000).toISOString() }],
        ['remove', { memberId: 1 }],
      ];
      for (const [kind, payload] of cases) {
        const capability = kindNeeds[kind];
        const result = await connection.execute(storedAction(kind, payload), target);
        if (capability && connection.capabilities[capability]) {
          expect(result, kind).toEqual(expect.objectContaining({ ok: true }));
          const calls = await harness.calls();
          const call = calls.find((c) => c.kind === kind);
          expect(call, kind).toBeDefined();
          if (kind === 'delete') expect(call?.messageId).toBe(harness.messageIdOf(event));
          else expect(call?.platformUserId).toBe(member.platformUserId);
        } else {
          expect(result.ok, kind).toBe(false);
        }
      }
    });

    it('refuses an action it does not know rather than pretending', async () => {
      const unknown = ACTION_KINDS.includes('alert') ? 'alert' : 'send';
      const result = await connection.execute(storedAction(unknown, { text: 'x', reason: 'r' }), {
        platformGroupId: groupId,
      });
      // Alerts are for stewards in the console, never a platform call.
      expect(result.ok).toBe(false);
    });

    it('stops delivering after stop()', async () => {
      await connection.stop();
      const before = sink.received.length;
      await harness
        .inject({ type: 'message', user: { id: 'u1004', name: 'late' }, text: 'after stop' })
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      expect(sink.received.length).toBe(before);
    });
  });
};
