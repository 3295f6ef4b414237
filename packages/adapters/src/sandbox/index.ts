import type { ChatConnection, DiscoveredGroup, InboundSink } from '@qunzhu/core';
import { sandboxCapabilities } from './capabilities.js';
import { SANDBOX_PLATFORM, type SandboxInput, sandboxEvent } from './inbound.js';
import { executeSandboxAction, type SandboxCall } from './outbound.js';

export { sandboxCapabilities } from './capabilities.js';
export { SANDBOX_PLATFORM, type SandboxInput, sandboxEvent } from './inbound.js';
export type { SandboxCall } from './outbound.js';

/** The in-process platform: an operator acts as pretend members; actions are recorded, never sent. */
export type SandboxConnection = ChatConnection & {
  /** Make a group exist on the sandbox "platform" (the account is in it). */
  addGroup(group: DiscoveredGroup): Promise<void>;
  /** A pretend member acts: the event reaches the sink like a platform update. */
  post(platformGroupId: string, input: SandboxInput, at?: Date): Promise<void>;
  /** Every action carried out, oldest first. */
  readonly calls: readonly SandboxCall[];
};

export const createSandboxAdapter = (): SandboxConnection => {
  const groups = new Map<string, DiscoveredGroup>();
  const calls: SandboxCall[] = [];
  let sink: InboundSink | null = null;
  return {
    platform: SANDBOX_PLATFORM,
    capabilities: sandboxCapabilities,
    limits: {},
    calls,
    execute: async (action, target) => executeSandboxAction(action, target, (call) => calls.push(call)),
    async start(s) {
      sink = s;
      s.state({ status: 'connected', at: new Date(), account: { platformUserId: 'sandbox-bot', displayName: '群主' } });
      for (const g of groups.values()) await s.groupFound(g);
    },
    async stop() {
      sink?.state({ status: 'disconnected', at: new Date() });
      sink = null;
    },
    async discoverGroups() {
      return [...groups.values()];
    },
    async addGroup(group) {
      groups.set(group.platformGroupId, group);
      await sink?.groupFound(group);
    },
    async post(platformGroupId, input, at = new Date()) {
      await sink?.events([sandboxEvent(platformGroupId, input, at)]);
    },
  };
};
