import { sandboxCapabilities } from '@qunzhu/adapters';
import { type ActionInput, type BacktestResult, type Capabilities, type EventType, runBacktest } from '@qunzhu/core';
import type { Runtime } from './runtime.js';

export type BacktestRequest = {
  communityId: number;
  play: string;
  config: unknown;
  /** A candidate shared configuration; the stored one when absent. */
  shared?: unknown;
  groupIds?: readonly number[];
  from?: Date;
  to?: Date;
};

/**
 * Replay a community's stored history through one play with a candidate configuration.
 * Groups of platforms with no connection are replayed as if every capability were there
 * (`assumedCapabilities` names them), so imported history shows what the play would decide.
 */
export const backtestPlay = async (
  runtime: Runtime,
  request: BacktestRequest,
): Promise<BacktestResult & { assumedCapabilities: number[]; actionsByReason: Record<string, number> }> => {
  const { store } = runtime;
  const community = await store.communities.get(request.communityId);
  const wanted = request.groupIds ? new Set(request.groupIds) : null;
  const groups = (await store.groups.list(request.communityId)).filter((g) => !wanted || wanted.has(g.id));
  const assumed: number[] = [];
  const scoped = new Map<number, { group: (typeof groups)[number]; capabilities: Capabilities }>();
  for (const group of groups) {
    const adapter = runtime.adapterFor(group.platform, request.communityId);
    if (!adapter) assumed.push(group.id);
    scoped.set(group.id, { group, capabilities: adapter?.capabilities ?? sandboxCapabilities });
  }
  const result = await runBacktest({
    registry: runtime.registry,
    play: request.play,
    config: request.config,
    shared: request.shared ?? (await store.plays.listShared(request.communityId)).get(request.play),
    community,
    groups: scoped,
    events: store.events.stream(request.communityId, {
      groupIds: [...scoped.keys()],
      ...(request.from ? { from: request.from } : {}),
      ...(request.to ? { to: request.to } : {}),
    }),
    ...(request.to ? { until: request.to } : {}),
    // Roles and the blocklist as they are now; when someone joined is read from the replay itself.
    memberFacts: async (communityId, groupId, memberId) => ({
      ...(await store.playState.memberFacts(communityId, groupId, memberId)),
      joinedAt: null,
    }),
    membersWithRole: (communityId, groupId, role) => store.playState.membersWithRole(communityId, groupId, role),
    rewards: (communityId) => store.playState.offeredRewards(communityId),
  });
  return { ...result, assumedCapabilities: assumed, actionsByReason: countByReason(result.actions) };
};

/** Actions without a `reason` in their payload (a greeting, an answer) are counted under this key. */
export const NO_REASON = 'none';

/** How many actions each reason (`link`, `flood`, `quiet_hours`… from the payload) accounts for. */
export const countByReason = (actions: readonly ActionInput[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const a of actions) {
    const reason = typeof a.payload.reason === 'string' && a.payload.reason ? a.payload.reason : NO_REASON;
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
};

/** The message (or join…) that made a play act: when, who, what they said. */
export type TriggeringEvent = {
  eventId: number;
  type: EventType;
  at: Date;
  memberId: number;
  memberName: string;
  text: string | null;
};

/** Sampled actions with the events that triggered them, looked up by `sourceEventId`. */
export const withTriggers = async (
  runtime: Runtime,
  communityId: number,
  actions: readonly ActionInput[],
): Promise<(ActionInput & { trigger: TriggeringEvent | null })[]> => {
  const ids = actions.flatMap((a) => (a.sourceEventId === undefined ? [] : [a.sourceEventId]));
  const events = new Map((await runtime.store.events.byIds(communityId, ids)).map((e) => [e.id, e]));
  return actions.map((a) => {
    const e = a.sourceEventId === undefined ? undefined : events.get(a.sourceEventId);
    return {
      ...a,
      trigger: e
        ? {
            eventId: e.id,
            type: e.type,
            at: e.at,
            memberId: e.memberId,
            memberName: e.memberName,
            text: e.payload.text ?? null,
          }
        : null,
    };
  });
};
