import type { EventInput } from '../events/index.js';
import type { JsonObject } from '../json.js';

export const ACTION_KINDS = [
  'send',
  'delete',
  'mute',
  'unmute',
  'remove',
  'approve',
  'decline',
  'create_invite_link',
  'pin',
  'alert',
] as const;
/** What a play wants done outside. */
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * Payloads by kind. Members and messages are named by Qunzhu's ids (memberId, eventId); the runtime
 * resolves them to the platform's ids (ActionTarget) before an adapter sees the action.
 */
export type SendPayload = {
  text: string;
  /** Reply to this stored event's message. */
  replyToEventId?: number;
  mentionMemberIds?: number[];
  /** Buttons under the message (a challenge, a menu); each press comes back as a `callback` event. */
  buttons?: { text: string; data: string }[];
  /** Pin the message once sent (where the platform allows). */
  pin?: boolean;
};
export type DeletePayload = { eventId: number; reason?: string };
export type MutePayload = { memberId: number; until: string; reason?: string };
export type UnmutePayload = { memberId: number };
export type RemovePayload = {
  memberId: number;
  reason?: string /** Keep them out (Telegram ban) rather than kick. */;
  ban?: boolean;
};
export type JoinRequestPayload = { memberId: number };
export type InviteLinkPayload = { name: string; memberId?: number; expiresAt?: string; memberLimit?: number };
export type PinPayload = { eventId: number };
/** Not for the platform: tells the community's stewards in the console (and, later, by chat). */
export type AlertPayload = { text: string; reason: string; memberId?: number; eventId?: number };

/** A decision to act, as a play emits it. The outbox makes it happen, once. */
export type ActionInput = {
  communityId: number;
  groupId: number;
  play: string;
  kind: ActionKind;
  payload: JsonObject;
  /** Unique per community: a retried event or timer cannot enqueue the same action twice. */
  idempotencyKey: string;
  /** Decision time: the triggering event's time or the timer's due time, never the wall clock. */
  at: Date;
  sourceEventId?: number;
};

export const ACTION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'unknown'] as const;
/**
 * `sending`: the platform call has started (recorded before it is made). `unknown`: the process
 * stopped during a call that is not safe to repeat, so nobody knows whether it went out.
 */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type StoredAction = ActionInput & {
  id: number;
  status: ActionStatus;
  attempts: number;
  lastError: string | null;
  doneAt: Date | null;
};

/** What a platform adapter can do; plays degrade where one is missing. */
export type Capabilities = {
  readMessages: boolean;
  send: boolean;
  delete: boolean;
  mute: boolean;
  remove: boolean;
  namedInviteLinks: boolean;
  joinRequests: boolean;
  pin: boolean;
};

export const kindNeeds: Partial<Record<ActionKind, keyof Capabilities>> = {
  send: 'send',
  delete: 'delete',
  mute: 'mute',
  unmute: 'mute',
  remove: 'remove',
  approve: 'joinRequests',
  decline: 'joinRequests',
  create_invite_link: 'namedInviteLinks',
  pin: 'pin',
};

export type DeliveryResult =
  | { ok: true; platformRef?: string }
  | {
      ok: false;
      error: string;
      /** The platform asked us to wait (Telegram's `retry_after`). */
      retryAfterMs?: number;
      /** Retrying cannot help (bad request, no rights): give up at once. */
      permanent?: boolean;
    };

/** A member as the platform knows them. */
export type PlatformUser = { platformUserId: string; displayName: string };

/** The platform's side of an action, resolved by the runtime from the payload's Qunzhu ids. */
export type ActionTarget = {
  platformGroupId: string;
  /** The member the action is about (mute, remove, approve, a personal invite link). */
  member?: PlatformUser;
  /** The message the action is about (delete, pin) or replies to (send): the stored event's source id. */
  message?: { sourceId: string };
  /** Members a send mentions, in the payload's order. */
  mentions?: (PlatformUser & { memberId: number })[];
};

/** One platform: executes actions and declares what it can do. Inbound updates arrive as EventInput. */
export type ChatAdapter = {
  readonly platform: string;
  readonly capabilities: Capabilities;
  execute(action: StoredAction, target: ActionTarget): Promise<DeliveryResult>;
};

/** Outgoing limits the outbox keeps for one connection. Omitted: no limit of that kind. */
export type RateLimits = {
  /** Least time between two sends to one chat. */
  perChatIntervalMs?: number;
  /** Most actions to one group in a minute. */
  perGroupPerMinute?: number;
  /** Most actions per second over the whole connection. */
  globalPerSecond?: number;
  /** Random extra wait added to each spacing, up to this (looks less like a bot; WeChat). */
  jitterMs?: number;
  /** Most outgoing messages in a day for the account (WeChat); the rest wait for the next day. */
  dailyBudget?: number;
  /** No outgoing messages for this long after the connection logs in (WeChat). */
  quietAfterLoginMs?: number;
};

export type DiscoveredGroup = { platformGroupId: string; name: string; memberCount?: number };

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';
export type ConnectionState = {
  status: ConnectionStatus;
  at: Date;
  /** Who we are on the platform (the bot, the WeChat account). */
  account?: PlatformUser;
  /** Why it failed or disconnected, in words a person can act on. */
  detail?: string;
};

/** Where a connection delivers what it hears; the server's runtime implements it. */
export type InboundSink = {
  /** Updates as events; the runtime stores them (once per source id) and runs plays. */
  events(inputs: readonly EventInput[]): Promise<void>;
  /** The bot or account is in this group (added, or found at start): it appears in the console. */
  groupFound(group: DiscoveredGroup): Promise<void>;
  /** The bot or account was removed from the group. */
  groupLost(platformGroupId: string): Promise<void>;
  state(state: ConnectionState): void;
};

/**
 * A live connection to one platform account (a Telegram bot, a WeChat account) for one community.
 * Every adapter folder exports a factory of one, and passes the adapter contract suite.
 */
export type ChatConnection = ChatAdapter & {
  readonly limits: RateLimits;
  /** Connect and deliver updates to the sink until `stop`. Resolves once connected (or failed). */
  start(sink: InboundSink): Promise<void>;
  stop(): Promise<void>;
  /** The groups the account is in, as far as the platform can tell. */
  discoverGroups(): Promise<DiscoveredGroup[]>;
};
