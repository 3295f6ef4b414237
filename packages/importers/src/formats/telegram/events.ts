import type { ActorRef, EventInput, EventType, Json, JsonObject } from '@qunzhu/core';
import type { DerivedIds } from '../../shared/derive-id.js';
import type { Outcome } from '../../shared/outcome.js';
import { clean } from '../../shared/source.js';
import { parseLocalOrIso, plausibleTime } from '../../shared/time.js';
import type { NameBook } from './names.js';
import type { ChatInfo } from './walker.js';

/**
 * The chat id as the Bot API (and so a connected bot) sees it: supergroups and channels are
 * `-100<id>`, basic groups `-<id>`, private chats the plain id. Imported history and live updates
 * then land in the same group.
 */
export const botApiChatId = (chat: Pick<ChatInfo, 'id' | 'type'>): string => {
  if (!/^\d+$/.test(chat.id)) return chat.id;
  if (/supergroup|channel/.test(chat.type)) return `-100${chat.id}`;
  if (chat.type === 'private_group') return `-${chat.id}`;
  return chat.id;
};

export const PLATFORM = 'telegram';

export type ConvertOptions = { tz: string; group?: string | undefined; ids: DerivedIds; names: NameBook };

type Message = Record<string, unknown>;

const MESSAGE_FIELDS = ['id', 'type', 'date', 'date_unixtime', 'from', 'from_id', 'text', 'text_entities'];
const SERVICE_FIELDS = ['id', 'type', 'date', 'date_unixtime', 'actor', 'actor_id', 'action', 'text', 'text_entities'];
const MEMBERSHIP_FIELDS = [...SERVICE_FIELDS, 'members', 'inviter'];

/** Prefix of user ids derived from a display name, where the export gives no id (never a Telegram id). */
export const NAME_PREFIX = 'name:';

/**
 * A Telegram peer id as the Bot API writes it, so history and live events name people alike:
 * `user123` → `123`, `channel123` → `-100123`, `chat123` → `-123`. Old exports wrote users as bare numbers.
 */
export const peerId = (value: unknown): string | null => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(user|channel|chat)(\d{1,20})$/.exec(value);
  if (!m) return clean(value.trim());
  const [, kind, digits] = m as unknown as [string, string, string];
  if (kind === 'user') return digits;
  if (kind === 'chat') return `-${digits}`;
  return (-(10n ** 12n) - BigInt(digits)).toString();
};

const cleanJson = (value: unknown): Json => {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(cleanJson);
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [clean(k), cleanJson(v)]));
};

const rest = (message: Message, used: readonly string[]): JsonObject =>
  Object.fromEntries(
    Object.entries(message)
      .filter(([k]) => !used.includes(k))
      .map(([k, v]) => [clean(k), cleanJson(v)]),
  );

/** A message's time: `date_unixtime` is exact; `date` is the exporting computer's wall clock, read in `tz`. */
export const messageTime = (message: Message, tz: string): Date | null => {
  const unix = message.date_unixtime;
  if ((typeof unix === 'string' && /^\d{1,12}$/.test(unix)) || (typeof unix === 'number' && Number.isInteger(unix))) {
    const date = new Date(Number(unix) * 1000);
    if (plausibleTime(date)) return date;
  }
  return typeof message.date === 'string' ? parseLocalOrIso(message.date, tz) : null;
};

/** `text` is a string, or a list of strings and entity objects `{type, text, href?}`: their texts joined. */
export const joinText = (text: unknown): { text: string; entities: JsonObject[] } | null => {
  if (text === undefined || text === null) return { text: '', entities: [] };
  if (typeof text === 'string') return { text: clean(text), entities: [] };
  if (!Array.isArray(text)) return null;
  let joined = '';
  const entities: JsonObject[] = [];
  for (const part of text) {
    if (typeof part === 'string') joined += part;
    else if (part && typeof part === 'object' && typeof (part as Message).text === 'string') {
      joined += (part as Message).text as string;
      if ((part as Message).type !== 'plain') entities.push(cleanJson(part) as JsonObject);
    }
  }
  return { text: clean(joined), entities };
};

/** Someone the export names without an id: the id their name was seen with in this chat, else one made from the name. */
const nameRef = (name: string, names: NameBook): ActorRef => ({
  platform: PLATFORM,
  platformUserId: names.idOf(name) ?? `${NAME_PREFIX}${clean(name)}`,
  displayName: clean(name),
});

const actorRef = (id: string, name: unknown): ActorRef =>
  typeof name === 'string' && name !== ''
    ? { platform: PLATFORM, platformUserId: id, displayName: clean(name) }
    : { platform: PLATFORM, platformUserId: id };

const fail = (reason: string): Outcome[] => [{ ok: false, reason }];

/**
 * Turn one exported message (already parsed) of a chat into events, or say why not: usually one
 * event, several for a multi-member invite or removal.
 */
export const messageToEvents = (raw: unknown, chat: ChatInfo, options: ConvertOptions): Outcome[] => {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('each message must be a JSON object');
  const message = raw as Message;
  const kind = message.type;
  if (kind === 'unsupported') return fail('Telegram Desktop could not export this message (type "unsupported")');
  if (kind !== 'message' && kind !== 'service') {
    return fail(`"type" must be "message" or "service", got ${JSON.stringify(kind ?? null)}`);
  }
  const at = messageTime(message, options.tz);
  if (!at) {
    return fail(
      `no usable time: "date_unixtime" ${JSON.stringify(message.date_unixtime ?? null)}, "date" ${JSON.stringify(message.date ?? null)} (want a time between 1970 and 2100)`,
    );
  }
  const parsedText = joinText(message.text);
  if (!parsedText) return fail('"text" is neither a string nor a list of strings and entities');

  const who = kind === 'message' ? 'from' : 'actor';
  const id = peerId(message[`${who}_id`]);
  if (!id) {
    return fail(
      kind === 'message'
        ? 'message has no sender ("from_id")'
        : `service message ${JSON.stringify(message.action ?? null)} has no actor ("actor_id")`,
    );
  }
  const actor = actorRef(id, message[who]);
  const names = options.names.forChat(chat.id);
  names.see(message[who], id);

  const group = options.group
    ? { platform: PLATFORM, platformGroupId: options.group, name: options.group }
    : { platform: PLATFORM, platformGroupId: botApiChatId(chat), ...(chat.name ? { name: clean(chat.name) } : {}) };
  const exportId =
    typeof message.id === 'number' || (typeof message.id === 'string' && message.id !== '') ? String(message.id) : null;
  let baseId =
    exportId === null
      ? options.ids.next({
          chat: chat.id,
          kind,
          action: message.action ?? null,
          at: at.toISOString(),
          user: id,
          text: parsedText.text,
        })
      : clean(exportId);
  // With --group, several chats share one source: their message ids (each counted from 1) must not collide.
  if (options.group) baseId = `${chat.id}:${baseId}`;

  const base = (type: EventType, who: ActorRef, sourceId: string, extra: JsonObject): EventInput => ({
    type,
    source: `${PLATFORM}:${group.platformGroupId}`,
    sourceId,
    group: { ...group },
    actor: who,
    at,
    ...(Object.keys(extra).length > 0 ? { extra: { ...extra } } : {}),
  });

  if (kind === 'message') {
    const extra = rest(message, MESSAGE_FIELDS);
    if (parsedText.entities.length > 0) extra.entities = parsedText.entities;
    const reply = message.reply_to_message_id;
    const replyTo =
      (typeof reply === 'number' || typeof reply === 'string') && message.reply_to_peer_id === undefined
        ? clean(String(reply))
        : undefined;
    if (replyTo !== undefined) delete extra.reply_to_message_id;
    const event = base('message', actor, baseId, extra);
    event.text = parsedText.text;
    if (replyTo !== undefined) event.replyTo = replyTo;
    return [{ ok: true, event }];
  }

  const action = typeof message.action === 'string' ? clean(message.action) : 'unknown';
  const members = message.members;
  const membership =
    action === 'join_group_by_link' ||
    action === 'join_group_by_request' ||
    ((action === 'invite_members' || action === 'remove_members') && Array.isArray(members) && members.length > 0);
  if (!membership) {
    const event = base('service', actor, baseId, { action, ...rest(message, SERVICE_FIELDS) });
    if (parsedText.text !== '') event.text = parsedText.text;
    return [{ ok: true, event }];
  }
  const extra: JsonObject = { action, ...rest(message, MEMBERSHIP_FIELDS) };

  if (action === 'join_group_by_link' || action === 'join_group_by_request') {
    const event = base('join', actor, baseId, extra);
    // The export names whose link was used, but gives no id for them.
    const inviter = message.inviter;
    if (action === 'join_group_by_link' && typeof inviter === 'string' && inviter.trim() !== '') {
      event.inviter = nameRef(inviter, names);
    }
    return [{ ok: true, event }];
  }

  // invite_members / remove_members: the export lists members by name only. The actor's own name
  // means the actor joined (public groups) or left by themselves; their id is known.
  const list = members as unknown[];
  const joining = action === 'invite_members';
  return list.map((member, index): Outcome => {
    const sourceId = list.length === 1 ? baseId : `${baseId}:${index + 1}`;
    if (typeof member !== 'string' || member.trim() === '') {
      return {
        ok: false,
        reason: `"${action}" lists a member without a name (a deleted account?): member ${index + 1} of ${list.length} skipped`,
      };
    }
    const self = typeof message.actor === 'string' && member === message.actor;
    if (self) return { ok: true, event: base(joining ? 'join' : 'leave', actor, sourceId, extra) };
    if (joining)
      return { ok: true, event: { ...base('join', nameRef(member, names), sourceId, extra), inviter: actor } };
    return {
      ok: true,
      event: base('leave', nameRef(member, names), sourceId, { ...extra, removedBy: actor.platformUserId }),
    };
  });
};
