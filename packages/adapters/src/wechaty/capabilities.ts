import type { Capabilities, RateLimits } from '@qunzhu/core';

/** What a puppet does beyond reading and saying: checked in each puppet's source, not assumed. */
export type PuppetAbilities = {
  /** `room.remove(contact)` removes the member (the account must be the group's owner or an admin). */
  remove: boolean;
  /** `room.announce(text)` sets the group announcement (群公告; owner or admin). */
  announce: boolean;
};

/**
 * Per puppet, from its source (versions in docs/wechat.md). A puppet that accepts a call but does
 * nothing with it counts as unable: reporting success for a removal that did not happen is worse
 * than an honest "cannot".
 */
export const PUPPET_ABILITIES: Readonly<Record<string, PuppetAbilities>> = {
  // The Wechaty project's test double: accepts both and changes nothing.
  'wechaty-puppet-mock': { remove: true, announce: true },
  // Forwards to a puppet service (pad/iPad, Windows or WeCom protocols behind a token); the provider
  // decides, and a provider that refuses turns into a failed action, never a silent success.
  'wechaty-puppet-service': { remove: true, announce: true },
  // Web (UOS) protocol: removes members; roomAnnounce throws "unsupported".
  'wechaty-puppet-wechat4u': { remove: true, announce: false },
  // Web protocol in a browser: removes members; roomAnnounce logs "not supported" and returns.
  'wechaty-puppet-wechat': { remove: true, announce: false },
  // Windows hook: roomDel and roomAnnounce are empty stubs.
  'wechaty-puppet-xp': { remove: false, announce: false },
};

/** Any other puppet: nothing beyond reading and saying until someone says otherwise. */
const UNKNOWN_PUPPET: PuppetAbilities = { remove: false, announce: false };

export const puppetAbilities = (puppet: string, overrides: Partial<PuppetAbilities> = {}): PuppetAbilities => ({
  ...(PUPPET_ABILITIES[puppet] ?? UNKNOWN_PUPPET),
  ...overrides,
});

/**
 * A personal WeChat account reads and says in its groups; it cannot delete others' messages (a
 * recall works only on its own, for two minutes), cannot mute, has no invite links of its own and
 * sees no join requests. Announcing is not pinning a message, so `pin` stays false: a `send` with
 * `pin: true` becomes the group announcement where the puppet can set one.
 */
export const wechatyCapabilities = (abilities: PuppetAbilities): Capabilities => ({
  readMessages: true,
  send: true,
  delete: false,
  mute: false,
  remove: abilities.remove,
  namedInviteLinks: false,
  joinRequests: false,
  pin: false,
});

/**
 * Conservative by default: WeChat bans personal accounts that behave like bots, and a ban costs
 * the operator the account and its groups. Slow, irregular sends within a daily budget, and none
 * right after a login (the moment WeChat watches most closely). docs/wechat.md says why each.
 */
export const WECHATY_DEFAULT_LIMITS: Readonly<Required<RateLimits>> = {
  perChatIntervalMs: 3000,
  jitterMs: 2000,
  perGroupPerMinute: 10,
  // At most one action every two seconds over the whole account.
  globalPerSecond: 0.5,
  dailyBudget: 500,
  quietAfterLoginMs: 60_000,
};
