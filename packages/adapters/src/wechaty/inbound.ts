import type { ActorRef, DiscoveredGroup, EventInput, JsonObject } from '@qunzhu/core';
import type { Contact, Message, Room } from 'wechaty';
// The enums alone: importing 'wechaty' itself takes seconds, and every command loads this package.
import * as types from 'wechaty-puppet/types';

/** Same platform name as the WeChat chat-export importer, so live and imported identities meet. */
export const WECHAT_PLATFORM = 'wechat';
/** Live updates through Wechaty; (source, sourceId) is unique, so a redelivered update is stored once. */
export const WECHATY_SOURCE = 'wechaty';

/**
 * Source ids: the platform's message id for messages (so delete/reply/pin can find it again), and
 * room + member + time for joins, leaves and renames, which carry no id of their own.
 */
const MESSAGE_PREFIX = 'msg:';
export const messageSourceId = (messageId: string): string => `${MESSAGE_PREFIX}${messageId}`;
/** The platform's message id inside a stored message event's source id; null for other events. */
export const messageIdOf = (sourceId: string): string | null =>
  sourceId.startsWith(MESSAGE_PREFIX) ? sourceId.slice(MESSAGE_PREFIX.length) : null;

/** Names as the WeChat importer writes them in `extra.media` (packages/importers wechat/content.ts). */
const MEDIA: Partial<Record<types.Message, string>> = {
  [types.Message.Attachment]: 'file',
  [types.Message.Audio]: 'voice',
  [types.Message.Contact]: 'card',
  [types.Message.ChatHistory]: 'chat_history',
  [types.Message.Emoticon]: 'sticker',
  [types.Message.Image]: 'image',
  [types.Message.Location]: 'location',
  [types.Message.MiniProgram]: 'mini_program',
  [types.Message.GroupNote]: 'group_note',
  [types.Message.Transfer]: 'transfer',
  [types.Message.RedEnvelope]: 'red_packet',
  [types.Message.Url]: 'link',
  [types.Message.Video]: 'video',
  [types.Message.Post]: 'post',
};

/** Contact id as the platform user id; the WeChat name (the same in every group) as the display name. */
export const actorOf = (contact: Contact): ActorRef => ({
  platform: WECHAT_PLATFORM,
  platformUserId: contact.id,
  displayName: contact.name() || contact.id,
});

const groupOf = (room: Room): EventInput['group'] => {
  const topic = room.payload?.topic;
  return { platform: WECHAT_PLATFORM, platformGroupId: room.id, ...(topic ? { name: topic } : {}) };
};

export const discoveredGroup = (room: Room): DiscoveredGroup => {
  const members = room.payload?.memberIdList;
  return {
    platformGroupId: room.id,
    name: room.payload?.topic || room.id,
    ...(members ? { memberCount: members.length } : {}),
  };
};

/**
 * A group message as an event. Messages the account sent itself and private chats are not group
 * activity: null. Text messages carry their text; the rest say what they were in `extra.media`.
 */
export const messageEvent = async (message: Message): Promise<EventInput | null> => {
  if (message.self()) return null;
  const room = message.room();
  if (!room) return null;
  const talker = message.talker();
  const type = message.type();
  const base = {
    source: WECHATY_SOURCE,
    sourceId: messageSourceId(message.id),
    group: groupOf(room),
    actor: actorOf(talker),
    at: message.date(),
  };
  const extra: JsonObject = {};
  const groupAlias = await room.alias(talker).catch(() => undefined);
  if (groupAlias && groupAlias !== talker.name()) extra.groupAlias = groupAlias;
  if (type === types.Message.Recalled) {
    // The text of a "recalled" notice is the id of the message taken back.
    return { ...base, type: 'service', extra: { ...extra, action: 'revoke', messageId: message.text() } };
  }
  const mentionIds = message.payload && 'mentionIdList' in message.payload ? message.payload.mentionIdList : undefined;
  if (mentionIds && mentionIds.length > 0) extra.mentionIds = [...mentionIds];
  if (type === types.Message.Text) {
    return { ...base, type: 'message', text: message.text(), ...(Object.keys(extra).length > 0 ? { extra } : {}) };
  }
  extra.media = MEDIA[type] ?? 'unknown';
  return { ...base, type: 'message', extra };
};

const at = (date: Date | undefined): Date => (date && !Number.isNaN(date.getTime()) ? date : new Date());

/** One join per invitee (the account itself left out), each with the inviter for attribution. */
export const joinEvents = (
  room: Room,
  invitees: readonly Contact[],
  inviter: Contact | undefined,
  date: Date | undefined,
  selfId: string,
): EventInput[] => {
  const when = at(date);
  return invitees
    .filter((invitee) => invitee.id !== selfId)
    .map((invitee) => ({
      type: 'join',
      source: WECHATY_SOURCE,
      sourceId: `join:${room.id}:${invitee.id}:${when.getTime()}`,
      group: groupOf(room),
      actor: actorOf(invitee),
      at: when,
      // Joining by a shared QR code reports whoever shared it as the inviter: attribution either way.
      ...(inviter && inviter.id !== invitee.id ? { inviter: actorOf(inviter) } : {}),
    }));
};

/** One leave per member who left or was removed; `extra.removedBy` names the remover, as the importer does. */
export const leaveEvents = (
  room: Room,
  leavers: readonly Contact[],
  remover: Contact | undefined,
  date: Date | undefined,
  selfId: string,
): EventInput[] => {
  const when = at(date);
  return leavers
    .filter((leaver) => leaver.id !== selfId)
    .map((leaver) => ({
      type: 'leave',
      source: WECHATY_SOURCE,
      sourceId: `leave:${room.id}:${leaver.id}:${when.getTime()}`,
      group: groupOf(room),
      actor: actorOf(leaver),
      at: when,
      ...(remover && remover.id !== leaver.id ? { extra: { removedBy: remover.id } } : {}),
    }));
};

/** A rename as a service event, in the importer's words: `action: 'rename_group'`, `name`. */
export const topicEvent = (
  room: Room,
  topic: string,
  previousTopic: string,
  changer: Contact,
  date: Date | undefined,
): EventInput => {
  const when = at(date);
  return {
    type: 'service',
    source: WECHATY_SOURCE,
    sourceId: `topic:${room.id}:${when.getTime()}`,
    group: { platform: WECHAT_PLATFORM, platformGroupId: room.id, name: topic },
    actor: actorOf(changer),
    at: when,
    text: topic,
    extra: { action: 'rename_group', name: topic, previousName: previousTopic },
  };
};
