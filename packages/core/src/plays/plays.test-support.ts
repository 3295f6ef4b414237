import type { Capabilities } from '../actions/index.js';
import type { Community, Group, Language } from '../communities/index.js';
import { Engine, type GroupScope } from '../engine/engine.js';
import type { PlayRegistry } from '../engine/registry.js';
import { type MemberFactsReader, RecordingPlayState } from '../engine/state.js';
import type { EventType, StoredEvent } from '../events/index.js';

export const allCapabilities: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};

export const testCommunity = (over: Partial<Community> = {}): Community => ({
  id: 1,
  name: 'ubuntu',
  timezone: 'UTC',
  language: 'zh-CN' as Language,
  createdAt: new Date(0),
  ...over,
});

export const testGroup = (id = 7, over: Partial<Group> = {}): Group => ({
  id,
  communityId: 1,
  platform: 'irc',
  platformGroupId: `#g${id}`,
  name: `#g${id}`,
  type: 'fan',
  capacity: null,
  createdAt: new Date(0),
  ...over,
});

/** Builds stored events with rising ids, in one source per group. */
export const eventMaker = () => {
  let nextId = 1;
  return (
    type: EventType,
    memberId: number,
    at: string | Date,
    text?: string,
    over: Partial<StoredEvent> & { groupId?: number; replyTo?: string } = {},
  ): StoredEvent => {
    const id = nextId++;
    const { replyTo, ...rest } = over;
    const groupId = over.groupId ?? 7;
    return {
      id,
      communityId: 1,
      groupId,
      memberId,
      type,
      source: `irc:#g${groupId}`,
      sourceId: `m${id}`,
      at: new Date(at),
      payload: { ...(text === undefined ? {} : { text }), ...(replyTo ? { replyTo } : {}) },
      ...rest,
    };
  };
};

/**
 * Run several plays over events as the live runtime does (timers due before an event fire first)
 * with an in-memory recorder; returns the recorder to inspect, and lets a test run more events later.
 */
export const playRunner = (registry: PlayRegistry, scopes: readonly GroupScope[], facts?: MemberFactsReader) => {
  const engine = new Engine(registry, (f) => {
    throw f.error;
  });
  const state = new RecordingPlayState(facts);
  const byGroup = new Map(scopes.map((s) => [s.group.id, s]));
  const fireTimers = async (until: Date) => {
    for (;;) {
      const due = state.dueTimers(until)[0];
      if (!due) return;
      const scope = byGroup.get(due.groupId);
      if (!scope) throw new Error(`timer for unknown group ${due.groupId}`);
      await engine.handleTimer(scope, due, state);
    }
  };
  return {
    state,
    async run(events: Iterable<StoredEvent>, until?: Date): Promise<RecordingPlayState> {
      for (const event of events) {
        const scope = byGroup.get(event.groupId);
        if (!scope) throw new Error(`event for unknown group ${event.groupId}`);
        await fireTimers(event.at);
        state.saw(event);
        await engine.handleEvent(scope, event, state);
      }
      if (until) await fireTimers(until);
      return state;
    },
  };
};

export const scopeWith = (
  community: Community,
  group: Group,
  plays: Record<string, unknown>,
  capabilities: Capabilities = allCapabilities,
): GroupScope => ({
  community,
  group,
  capabilities,
  plays: Object.entries(plays).map(([play, config]) => ({ groupId: group.id, play, enabled: true, config })),
});
