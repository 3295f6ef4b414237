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

export type SendPayload = { text: string; replyTo?: string; mentionMemberIds?: number[] };

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

export type ActionStatus = 'pending' | 'sent' | 'failed' | 'skipped';

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

export type DeliveryResult = { ok: true; platformRef?: string } | { ok: false; error: string; retryAfterMs?: number };

/** One platform: executes actions and declares what it can do. Inbound updates arrive as EventInput. */
export type ChatAdapter = {
  readonly platform: string;
  readonly capabilities: Capabilities;
  execute(action: StoredAction, target: { platformGroupId: string }): Promise<DeliveryResult>;
};
