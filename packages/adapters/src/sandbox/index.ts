import type { ChatAdapter } from '@qunzhu/core';
import { sandboxCapabilities } from './capabilities.js';
import { SANDBOX_PLATFORM } from './inbound.js';
import { executeSandboxAction } from './outbound.js';

export { sandboxCapabilities } from './capabilities.js';
export { SANDBOX_PLATFORM, type SandboxInput, sandboxEvent } from './inbound.js';

export const createSandboxAdapter = (): ChatAdapter => ({
  platform: SANDBOX_PLATFORM,
  capabilities: sandboxCapabilities,
  execute: (action) => executeSandboxAction(action),
});
