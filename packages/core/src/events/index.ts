import type { JsonObject } from '../json.js';

export const EVENT_TYPES = [
  'message',
  'join',
  'leave',
  'reaction',
  'join_request',
  'command',
  'edit',
  'service',
  /** A button pressed under a bot's message (a newcomer challenge): `extra.data` says which. */
  'callback',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who did it, as the platform knows them. Resolved to a member on ingest. */
export type ActorRef = {
  platform: string;
  platformUserId: string;
  displayName?: string;
};

/** An event as it arrives, before identities are resolved and before it is stored. */
export type EventInput = {
  type: EventType;
  /** Where the event came from; with `sourceId` it is unique, so re-delivery changes nothing. */
  source: string;
  sourceId: string;
  /** The group, by the platform's id for it. */
  group: { platform: string; platformGroupId: string; name?: string };
  actor: ActorRef;
  at: Date;
  text?: string;
  /** The source id of the message this one replies to, within the same source. */
  replyTo?: string;
  /** Who invited the actor (join events), when the source says. */
  inviter?: ActorRef;
  /**
   * The identity the actor had before (an IRC nick change): when the actor's identity is new, it
   * becomes an alias of the member behind `previous`. Different ids are never merged otherwise.
   */
  previous?: ActorRef;
  /** Anything else the source carries, kept as it came. */
  extra?: JsonObject;
};

export type EventPayload = {
  text?: string;
  replyTo?: string;
  inviterMemberId?: number;
  name?: string;
  extra?: JsonObject;
};

/** An immutable, normalised fact as stored. */
export type StoredEvent = {
  id: number;
  communityId: number;
  groupId: number;
  memberId: number;
  type: EventType;
  source: string;
  sourceId: string;
  at: Date;
  payload: EventPayload;
};

export type IngestResult = {
  inserted: number;
  duplicates: number;
  /** The events this batch added, in the order given (duplicates left out). */
  events: StoredEvent[];
};
