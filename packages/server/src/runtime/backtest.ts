import { sandboxCapabilities } from '@qunzhu/adapters';
import { type BacktestResult, type Capabilities, runBacktest } from '@qunzhu/core';
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
): Promise<BacktestResult & { assumedCapabilities: number[] }> => {
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
  });
  return { ...result, assumedCapabilities: assumed };
};
