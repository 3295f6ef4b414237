import type { ActorRef, DiscoveredGroup, EventInput, EventType, JsonObject } from '@qunzhu/core';
import type {
  CallbackQuery,
  Chat,
  ChatInviteLink,
  ChatJoinRequest,
  ChatMember,
  ChatMemberUpdated,
  Message,
  MessageOrigin,
  MessageReactionUpdated,
  ReactionType,
  Update,
  User,
} from 'grammy/types';
import { TELEGRAM_PLATFORM } from './capabilities.js';

/** What the connection knows when it turns an update into events. */
export type InboundContext = {
  /** The bot's own user id (from getMe): names the event source and recognises the bot itself. */
  botId: string;
  /** When the update arrived; used only where Telegram gives no time (button presses). */
  receivedAt: Date;
  /**
   * Whether Telegram sends `chat_member` updates for this chat, that is whether the bot is an
   * administrator there. Where it does, the service messages "X joined" / "X left" are not counted
   * again (they describe the same change); where it does not, they are the only news of it.
   */
  receivesMemberUpdates(platformGroupId: string): boolean;
};

/** What one update means for Qunzhu. */
export type Inbound = {
  events: EventInput[];
  /** The group the update came from: every group update makes the group known. */
  group?: DiscoveredGroup;
  /** The bot's own membership in a group changed (added, promoted, removed); `admin` when known. */
  bot?: { platformGroupId: string; member: boolean; admin?: boolean };
  /** A button press, to be acknowledged (answerCallbackQuery) once stored. */
  callbackQueryId?: string;
};

const NOTHING: Inbound = { events: [] };

export const telegramSource = (botId: string): string => `${TELEGRAM_PLATFORM}:${botId}`;

/** Source id of a group message: the chat and the message id, so actions can find the message again. */
export const messageSourceId = (chatId: number | string, messageId: number): string => `${chatId}:${messageId}`;

/**
 * The Bot API message id inside a stored event's source id: `<chat>:<message>[:…]` for live
 * messages, edits, reactions and service messages; a bare number for history imported from a
 * Telegram export (ids of supergroup messages are the same for every account, bots included).
 */
export const telegramMessageId = (sourceId: string): number | null => {
  // Group chat ids are negative, which tells `<chat>:<message>` from an imported `<message>:<n>`.
  const m = /^(?:-\d+:)?(\d+)(?::|$)/.exec(sourceId);
  if (!m?.[1]) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

const isGroup = (chat: Chat | undefined): chat is Chat.GroupChat | Chat.SupergroupChat =>
  chat?.type === 'group' || chat?.type === 'supergroup';

export const displayName = (user: User): string => [user.first_name, user.last_name].filter(Boolean).join(' ');

const userRef = (user: User): ActorRef => ({
  platform: TELEGRAM_PLATFORM,
  platformUserId: String(user.id),
  displayName: displayName(user),
});

/** An anonymous admin or a channel posts as a chat: that chat is the actor. */
const chatRef = (chat: Chat): ActorRef => ({
  platform: TELEGRAM_PLATFORM,
  platformUserId: String(chat.id),
  ...('title' in chat && chat.title ? { displayName: chat.title } : {}),
});

const groupOf = (chat: Chat.GroupChat | Chat.SupergroupChat): DiscoveredGroup => ({
  platformGroupId: String(chat.id),
  name: chat.title,
});

const eventGroup = (chat: Chat.GroupChat | Chat.SupergroupChat) => ({
  platform: TELEGRAM_PLATFORM,
  platformGroupId: String(chat.id),
  name: chat.title,
});

const at = (unixSeconds: number): Date => new Date(unixSeconds * 1000);

const base = (
  ctx: InboundContext,
  type: EventType,
  chat: Chat.GroupChat | Chat.SupergroupChat,
  actor: ActorRef,
  sourceId: string,
  time: Date,
): EventInput => ({
  type,
  source: telegramSource(ctx.botId),
  sourceId,
  group: eventGroup(chat),
  actor,
  at: time,
});

const MEDIA_KINDS = [
  'photo',
  'video',
  'animation',
  'document',
  'sticker',
  'voice',
  'audio',
  'video_note',
  'contact',
  'location',
  'venue',
  'poll',
  'dice',
  'story',
] as const;

const originJson = (origin: MessageOrigin): JsonObject => {
  switch (origin.type) {
    case 'user':
      return { type: 'user', userId: String(origin.sender_user.id), name: displayName(origin.sender_user) };
    case 'hidden_user':
      return { type: 'hidden_user', name: origin.sender_user_name };
    case 'chat':
      return { type: 'chat', chatId: String(origin.sender_chat.id), ...chatTitle(origin.sender_chat) };
    case 'channel':
      return {
        type: 'channel',
        chatId: String(origin.chat.id),
        messageId: origin.message_id,
        ...chatTitle(origin.chat),
      };
  }
};

const chatTitle = (chat: Chat): JsonObject => ('title' in chat && chat.title ? { title: chat.title } : {});

const linkJson = (link: ChatInviteLink): JsonObject => ({
  url: link.invite_link,
  ...(link.name ? { name: link.name } : {}),
  creatorId: String(link.creator.id),
  ...(link.creates_join_request ? { createsJoinRequest: true } : {}),
});

/** Whose link brought someone in: its creator, unless that is the bot (then the link's name says who). */
const linkInviter = (ctx: InboundContext, link: ChatInviteLink | undefined, user: User): ActorRef | undefined =>
  link && String(link.creator.id) !== ctx.botId && link.creator.id !== user.id ? userRef(link.creator) : undefined;

/** A message with text or a caption (or media), forwarded or not, maybe a reply. */
const fromMessage = (ctx: InboundContext, message: Message, type: 'message' | 'edit'): EventInput[] => {
  const chat = message.chat;
  if (!isGroup(chat)) return [];
  const actor = message.sender_chat ? chatRef(message.sender_chat) : message.from ? userRef(message.from) : null;
  if (!actor) return [];
  const sourceId =
    type === 'edit'
      ? `${messageSourceId(chat.id, message.message_id)}:edit:${message.edit_date ?? message.date}`
      : messageSourceId(chat.id, message.message_id);
  const time = type === 'edit' && message.edit_date ? at(message.edit_date) : at(message.date);
  const event = base(ctx, type, chat, actor, sourceId, time);
  const text = message.text ?? message.caption;
  if (text !== undefined) event.text = text;
  if (message.reply_to_message) event.replyTo = messageSourceId(chat.id, message.reply_to_message.message_id);
  const extra: JsonObject = {};
  if (type === 'edit') extra.messageSourceId = messageSourceId(chat.id, message.message_id);
  if (message.forward_origin) {
    extra.forwarded = true;
    extra.forwardOrigin = originJson(message.forward_origin);
  }
  const media = MEDIA_KINDS.find((kind) => message[kind] !== undefined);
  if (media) extra.media = media;
  const entities = message.entities ?? message.caption_entities ?? [];
  // Hidden links and mentions are what ads use; the text alone does not show a text_link's URL.
  const links = entities.flatMap((e) => (e.type === 'text_link' ? [e.url] : []));
  if (links.length > 0) extra.links = links;
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (command && text) extra.command = text.slice(1, command.length).split('@')[0] ?? '';
  if (message.sender_chat) extra.senderChat = true;
  if (message.from?.is_bot) extra.bot = true;
  if (message.message_thread_id !== undefined && message.is_topic_message) extra.topicId = message.message_thread_id;
  if (Object.keys(extra).length > 0) event.extra = extra;
  return [event];
};

/**
 * Service messages "X joined" / "X left", counted only where `chat_member` updates do not come
 * (the bot is not an administrator): both describe the same change, and counting both would
 * count every join twice. Several members added at once become one event each.
 */
const fromServiceMembership = (ctx: InboundContext, message: Message): EventInput[] => {
  const chat = message.chat;
  if (!isGroup(chat) || ctx.receivesMemberUpdates(String(chat.id))) return [];
  const by = message.from;
  const joined = (message.new_chat_members ?? []).filter((u) => String(u.id) !== ctx.botId);
  const left =
    message.left_chat_member && String(message.left_chat_member.id) !== ctx.botId ? [message.left_chat_member] : [];
  const id = messageSourceId(chat.id, message.message_id);
  const time = at(message.date);
  const events = joined.map((user, i) => {
    const event = base(ctx, 'join', chat, userRef(user), joined.length === 1 ? id : `${id}:${i + 1}`, time);
    if (by && by.id !== user.id) event.inviter = userRef(by);
    event.extra = { via: 'service_message', ...(user.username ? { username: user.username } : {}) };
    return event;
  });
  for (const user of left) {
    const event = base(ctx, 'leave', chat, userRef(user), id, time);
    event.extra = { via: 'service_message', ...(by && by.id !== user.id ? { removedBy: String(by.id) } : {}) };
    events.push(event);
  }
  return events;
};

/** In the chat: member, admin, owner, or restricted but still a member. */
export const isInChat = (member: ChatMember): boolean =>
  member.status === 'creator' ||
  member.status === 'administrator' ||
  member.status === 'member' ||
  (member.status === 'restricted' && member.is_member);

const isAdmin = (member: ChatMember): boolean => member.status === 'creator' || member.status === 'administrator';

/** A member's status changed: a join or a leave when they came in or went out; anything else is not an event. */
const fromChatMember = (ctx: InboundContext, update: ChatMemberUpdated): EventInput[] => {
  const chat = update.chat;
  if (!isGroup(chat)) return [];
  const was = isInChat(update.old_chat_member);
  const is = isInChat(update.new_chat_member);
  if (was === is) return [];
  const user = update.new_chat_member.user;
  const sourceId = `${chat.id}:member:${user.id}:${update.date}:${update.new_chat_member.status}`;
  const event = base(ctx, is ? 'join' : 'leave', chat, userRef(user), sourceId, at(update.date));
  const extra: JsonObject = { status: update.new_chat_member.status };
  if (user.username) extra.username = user.username;
  if (is) {
    if (update.invite_link) extra.inviteLink = linkJson(update.invite_link);
    if (update.via_join_request) extra.viaJoinRequest = true;
    if (update.via_chat_folder_invite_link) extra.viaChatFolder = true;
    // Added by someone (not by themselves, not approved by an admin or the bot): that someone invited them.
    const adder =
      update.from.id !== user.id && !update.via_join_request && String(update.from.id) !== ctx.botId
        ? userRef(update.from)
        : undefined;
    const inviter = linkInviter(ctx, update.invite_link, user) ?? adder;
    if (inviter) event.inviter = inviter;
  } else if (update.from.id !== user.id) {
    extra.removedBy = String(update.from.id);
  }
  event.extra = extra;
  return [event];
};

const fromJoinRequest = (ctx: InboundContext, request: ChatJoinRequest): EventInput[] => {
  const chat = request.chat;
  if (!isGroup(chat)) return [];
  const user = request.from;
  const sourceId = `${chat.id}:join_request:${user.id}:${request.date}`;
  const event = base(ctx, 'join_request', chat, userRef(user), sourceId, at(request.date));
  const extra: JsonObject = { userChatId: String(request.user_chat_id) };
  if (user.username) extra.username = user.username;
  if (request.bio) extra.bio = request.bio;
  if (request.invite_link) extra.inviteLink = linkJson(request.invite_link);
  event.extra = extra;
  const inviter = linkInviter(ctx, request.invite_link, user);
  if (inviter) event.inviter = inviter;
  return [event];
};

const fromCallback = (ctx: InboundContext, query: CallbackQuery): EventInput[] => {
  const message = query.message;
  if (!message || !isGroup(message.chat) || query.data === undefined) return [];
  const chat = message.chat;
  // A button press carries no time of its own: it is stamped when it arrives.
  const event = base(ctx, 'callback', chat, userRef(query.from), `${chat.id}:callback:${query.id}`, ctx.receivedAt);
  event.extra = { data: query.data, messageSourceId: messageSourceId(chat.id, message.message_id) };
  return [event];
};

const reactionKey = (r: ReactionType): string =>
  r.type === 'emoji' ? r.emoji : r.type === 'custom_emoji' ? `custom:${r.custom_emoji_id}` : 'paid';

const fromReaction = (ctx: InboundContext, update: MessageReactionUpdated): EventInput[] => {
  const chat = update.chat;
  if (!isGroup(chat)) return [];
  const actor = update.user ? userRef(update.user) : update.actor_chat ? chatRef(update.actor_chat) : null;
  if (!actor) return [];
  const now = update.new_reaction.map(reactionKey);
  const before = update.old_reaction.map(reactionKey);
  const target = messageSourceId(chat.id, update.message_id);
  const sourceId = `${target}:reaction:${actor.platformUserId}:${update.date}:${now.join(',')}`;
  const event = base(ctx, 'reaction', chat, actor, sourceId, at(update.date));
  event.text = now.join('');
  event.extra = {
    messageSourceId: target,
    reactions: now,
    added: now.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !now.includes(r)),
  };
  return [event];
};

/**
 * One Telegram update → what it means for Qunzhu: events for the runtime, the group it came from,
 * and changes of the bot's own membership. Only groups and supergroups count; private chats and
 * channels are ignored. Pure: everything it needs is in the update and the context.
 */
export const fromUpdate = (update: Update, ctx: InboundContext): Inbound => {
  if (update.message) {
    const message = update.message;
    if (!isGroup(message.chat)) return NOTHING;
    const group = groupOf(message.chat);
    if (message.migrate_to_chat_id !== undefined) {
      // A basic group became a supergroup with a new id: the old group is gone, the new one found.
      return {
        events: [],
        group: { platformGroupId: String(message.migrate_to_chat_id), name: group.name },
        bot: { platformGroupId: group.platformGroupId, member: false },
      };
    }
    const botIn = (message.new_chat_members ?? []).some((u) => String(u.id) === ctx.botId);
    const botOut = message.left_chat_member !== undefined && String(message.left_chat_member.id) === ctx.botId;
    const membership = message.new_chat_members !== undefined || message.left_chat_member !== undefined;
    const events = membership
      ? fromServiceMembership(ctx, message)
      : isChatContent(message)
        ? fromMessage(ctx, message, 'message')
        : [];
    return {
      events,
      group,
      // A service message does not say whether the bot was made admin; my_chat_member does.
      ...(botIn || botOut ? { bot: { platformGroupId: group.platformGroupId, member: botIn } } : {}),
    };
  }
  if (update.edited_message) {
    const message = update.edited_message;
    if (!isGroup(message.chat)) return NOTHING;
    return { events: fromMessage(ctx, message, 'edit'), group: groupOf(message.chat) };
  }
  if (update.chat_member) {
    const chat = update.chat_member.chat;
    if (!isGroup(chat)) return NOTHING;
    return { events: fromChatMember(ctx, update.chat_member), group: groupOf(chat) };
  }
  if (update.my_chat_member) {
    const { chat, new_chat_member } = update.my_chat_member;
    if (!isGroup(chat)) return NOTHING;
    return {
      events: [],
      group: groupOf(chat),
      bot: { platformGroupId: String(chat.id), member: isInChat(new_chat_member), admin: isAdmin(new_chat_member) },
    };
  }
  if (update.chat_join_request) {
    const chat = update.chat_join_request.chat;
    if (!isGroup(chat)) return NOTHING;
    return { events: fromJoinRequest(ctx, update.chat_join_request), group: groupOf(chat) };
  }
  if (update.callback_query) {
    const events = fromCallback(ctx, update.callback_query);
    const chat = update.callback_query.message?.chat;
    return {
      events,
      ...(isGroup(chat) ? { group: groupOf(chat) } : {}),
      // Every press is acknowledged, even outside groups, so the button stops spinning.
      callbackQueryId: update.callback_query.id,
    };
  }
  if (update.message_reaction) {
    const chat = update.message_reaction.chat;
    if (!isGroup(chat)) return NOTHING;
    return { events: fromReaction(ctx, update.message_reaction), group: groupOf(chat) };
  }
  return NOTHING;
};

/**
 * Something a member said or shared. Other service messages (title changed, message pinned, chat
 * upgraded…) are not activity and are left out.
 */
const isChatContent = (message: Message): boolean =>
  message.text !== undefined || message.caption !== undefined || MEDIA_KINDS.some((k) => message[k] !== undefined);
