import type { Capabilities } from '@qunzhu/core';

/** The sandbox can do everything, so every play can be tried in it. */
export const sandboxCapabilities: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};
