import type { ActionTarget, DeliveryResult, StoredAction } from '@qunzhu/core';
import { type Api, GrammyError, HttpError, InlineKeyboard } from 'grammy';
import type { ChatPermissions, MessageEntity } from 'grammy/types';
import { telegramMessageId } from './inbound.js';

/** Telegram treats a restriction shorter than 30 seconds (or longer than 366 days) as forever. */
const MIN_RESTRICT_SECONDS = 30;
/** Telegram's limit on an invite link's name. */
const INVITE_NAME_MAX = 32;

/** Everything a muted member may not do. */
const MUTED: ChatPermissions = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_change_info: false,
  can_invite_users: false,
  can_pin_messages: false,
  can_manage_topics: false,
};

/** What a member may do when the group says nothing (Telegram's defaults for a new group). */
const DEFAULT_PERMISSIONS: ChatPermissions = {
  can_send_messages: true,
  can_send_audios: true,
  can_send_documents: true,
  can_send_photos: true,
  can_send_videos: true,
  can_send_video_notes: true,
  can_send_voice_notes: true,
  can_send_polls: true,
  can_send_other_messages: true,
  can_add_web_page_previews: true,
};

const refuse = (error: string): DeliveryResult => ({ ok: false, permanent: true, error });

/**
 * A failed Bot API call as the outbox needs it: 429 says how long to wait (never slept here: the
 * outbox owns waiting), 400/401/403 cannot get better by retrying, network and server errors can.
 */
export const deliveryError = (method: string, error: unknown): DeliveryResult & { ok: false } => {
  if (error instanceof GrammyError) {
    const what = `Telegram refused ${method}: ${error.description} (${error.error_code})`;
    if (error.error_code === 429) {
      const seconds = error.parameters?.retry_after ?? 1;
      return { ok: false, error: what, retryAfterMs: seconds * 1000 };
    }
    if (error.parameters?.migrate_to_chat_id !== undefined) {
      return {
        ok: false,
        permanent: true,
        error: `${what}; the group became a supergroup with id ${error.parameters.migrate_to_chat_id}`,
      };
    }
    if (error.error_code === 400 || error.error_code === 401 || error.error_code === 403 || error.error_code === 404) {
      return { ok: false, permanent: true, error: `${what}${hint(error.description)}` };
    }
    return { ok: false, error: what };
  }
  if (error instanceof HttpError) return { ok: false, error: `network error calling ${method}: ${error.message}` };
  return { ok: false, error: `${method} failed: ${error instanceof Error ? error.message : String(error)}` };
};

/** What an operator can do about the common refusals. */
const hint = (description: string): string => {
  if (/not enough rights|need administrator rights|CHAT_ADMIN_REQUIRED|have no rights/i.test(description)) {
    return ' — make the bot an administrator of the group with this right';
  }
  if (/message to (delete|pin) not found|message to be replied not found|MESSAGE_ID_INVALID/i.test(description)) {
    return ' — the message is gone (deleted already, or older than Telegram lets bots touch)';
  }
  if (/bot was kicked|bot is not a member|chat not found/i.test(description)) {
    return ' — the bot is no longer in the group';
  }
  return '';
};

const userId = (target: ActionTarget): number | null => {
  const raw = target.member?.platformUserId;
  if (raw === undefined || !/^-?\d+$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
};

const messageId = (target: ActionTarget): number | null =>
  target.message ? telegramMessageId(target.message.sourceId) : null;

const text = (payload: StoredAction['payload'], key: string): string | undefined => {
  const v = payload[key];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Mentions as `text_mention` entities over the first place (after the previous mention) where the
 * member's name appears in the text: the name becomes a tap-able link to the member even without a
 * username, and the text stays exactly what the play wrote. A name not in the text is not added.
 */
export const mentionEntities = (body: string, mentions: ActionTarget['mentions']): MessageEntity[] => {
  const entities: MessageEntity[] = [];
  let from = 0;
  for (const m of mentions ?? []) {
    const id = Number(m.platformUserId);
    if (!Number.isSafeInteger(id) || id <= 0 || m.displayName === '') continue;
    const offset = body.indexOf(m.displayName, from);
    if (offset < 0) continue;
    entities.push({
      type: 'text_mention',
      offset,
      length: m.displayName.length,
      user: { id, is_bot: false, first_name: m.displayName },
    });
    from = offset + m.displayName.length;
  }
  return entities;
};

const buttonsOf = (payload: StoredAction['payload']): { text: string; data: string }[] | null => {
  const raw = payload.buttons;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return null;
  const buttons: { text: string; data: string }[] = [];
  for (const b of raw) {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return null;
    const { text: label, data } = b as Record<string, unknown>;
    if (typeof label !== 'string' || typeof data !== 'string') return null;
    buttons.push({ text: label, data });
  }
  return buttons;
};

/**
 * Carry out one action with the Bot API. Text goes out without a parse mode, so whatever a play
 * writes (`<b>`, `&`, `*`) arrives as written; nothing needs escaping and nothing can inject markup.
 */
export const executeTelegramAction = async (
  api: Api,
  action: StoredAction,
  target: ActionTarget,
): Promise<DeliveryResult> => {
  const chat = target.platformGroupId;
  const { payload } = action;
  let method: string = action.kind;
  const call = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    method = name;
    return run();
  };
  try {
    switch (action.kind) {
      case 'send': {
        const body = text(payload, 'text');
        if (body === undefined || body.trim() === '') return refuse('send without text');
        const buttons = buttonsOf(payload);
        if (buttons === null) return refuse('send: "buttons" must be a list of { text, data } strings');
        const tooLong = buttons.find((b) => Buffer.byteLength(b.data) > 64);
        if (tooLong) return refuse(`send: button data "${tooLong.data}" is over Telegram's 64 bytes`);
        const replyTo = messageId(target);
        const entities = mentionEntities(body, target.mentions);
        const keyboard =
          buttons.length > 0
            ? InlineKeyboard.from([buttons.map((b) => InlineKeyboard.text(b.text, b.data))])
            : undefined;
        const sent = await call('sendMessage', () =>
          api.sendMessage(chat, body, {
            ...(entities.length > 0 ? { entities } : {}),
            ...(replyTo === null
              ? {}
              : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }),
            ...(keyboard ? { reply_markup: keyboard } : {}),
          }),
        );
        if (payload.pin === true) {
          // The message is out: a failed pin is reported, but the send is not repeated for it.
          try {
            await api.pinChatMessage(chat, sent.message_id, { disable_notification: true });
          } catch (error) {
            const failed = deliveryError('pinChatMessage', error);
            return { ok: true, platformRef: `${chat}:${sent.message_id} (not pinned: ${failed.error})` };
          }
        }
        return { ok: true, platformRef: `${chat}:${sent.message_id}` };
      }
      case 'delete':
      case 'pin': {
        const id = messageId(target);
        if (id === null) {
          return refuse(
            `${action.kind}: ${target.message ? `"${target.message.sourceId}" is not a Telegram message` : 'no message given'}`,
          );
        }
        if (action.kind === 'delete') await call('deleteMessage', () => api.deleteMessage(chat, id));
        else await call('pinChatMessage', () => api.pinChatMessage(chat, id, { disable_notification: true }));
        return { ok: true, platformRef: `${chat}:${id}` };
      }
      case 'mute':
      case 'unmute':
      case 'remove':
      case 'approve':
      case 'decline': {
        const user = userId(target);
        if (user === null) return refuse(`${action.kind}: no Telegram member given`);
        if (action.kind === 'mute') {
          const until = text(payload, 'until');
          const end = until === undefined ? Number.NaN : Date.parse(until);
          if (Number.isNaN(end)) return refuse(`mute: "until" must be a time, got ${JSON.stringify(until ?? null)}`);
          const now = Date.now();
          if (end <= now) return refuse(`mute: "until" (${until}) has passed; nothing to do`);
          // Under 30 s Telegram would mute for ever: never shorter than that.
          const untilDate = Math.ceil(Math.max(end, now + (MIN_RESTRICT_SECONDS + 1) * 1000) / 1000);
          await call('restrictChatMember', () =>
            api.restrictChatMember(chat, user, MUTED, {
              until_date: untilDate,
              use_independent_chat_permissions: true,
            }),
          );
        } else if (action.kind === 'unmute') {
          // Back to what the group allows everyone, not to "everything": the group's own defaults.
          const info = await call('getChat', () => api.getChat(chat));
          await call('restrictChatMember', () =>
            api.restrictChatMember(chat, user, info.permissions ?? DEFAULT_PERMISSIONS, {
              use_independent_chat_permissions: true,
            }),
          );
        } else if (action.kind === 'remove') {
          await call('banChatMember', () => api.banChatMember(chat, user));
          // A removal lets them come back later; `ban` keeps them out.
          if (payload.ban !== true) {
            await call('unbanChatMember', () => api.unbanChatMember(chat, user, { only_if_banned: true }));
          }
        } else if (action.kind === 'approve') {
          await call('approveChatJoinRequest', () => api.approveChatJoinRequest(chat, user));
        } else {
          await call('declineChatJoinRequest', () => api.declineChatJoinRequest(chat, user));
        }
        return { ok: true, platformRef: `${chat}:${user}` };
      }
      case 'create_invite_link': {
        const name = text(payload, 'name');
        if (name === undefined || name === '') return refuse('create_invite_link: a name is needed');
        const length = [...name].length;
        if (length > INVITE_NAME_MAX) {
          return refuse(
            `create_invite_link: the name "${name}" has ${length} characters; Telegram allows ${INVITE_NAME_MAX}`,
          );
        }
        const expires = text(payload, 'expiresAt');
        const expireDate = expires === undefined ? undefined : Date.parse(expires);
        if (expireDate !== undefined && Number.isNaN(expireDate)) {
          return refuse(`create_invite_link: "expiresAt" must be a time, got ${JSON.stringify(expires)}`);
        }
        const limit = payload.memberLimit;
        if (
          limit !== undefined &&
          (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 99_999)
        ) {
          return refuse(
            `create_invite_link: "memberLimit" must be a whole number from 1 to 99999, got ${JSON.stringify(limit)}`,
          );
        }
        const link = await call('createChatInviteLink', () =>
          api.createChatInviteLink(chat, {
            name,
            ...(expireDate === undefined ? {} : { expire_date: Math.ceil(expireDate / 1000) }),
            ...(typeof limit === 'number' ? { member_limit: limit } : {}),
          }),
        );
        return { ok: true, platformRef: link.invite_link };
      }
      default:
        return refuse(`Telegram does not carry out "${action.kind}"`);
    }
  } catch (error) {
    return deliveryError(method, error);
  }
};

/** A command in the bot's menu, described in both languages. */
export type BotCommandSpec = { command: string; zh: string; en: string };

/** The commands the plays answer; shown in Telegram's menu in the member's language. */
export const DEFAULT_COMMANDS: readonly BotCommandSpec[] = [
  { command: 'checkin', zh: '打卡', en: 'Check in' },
  { command: 'points', zh: '我的积分', en: 'My points' },
  { command: 'rules', zh: '群规', en: 'Group rules' },
  { command: 'help', zh: '帮助', en: 'Help' },
];

/** Set the command menu in Chinese (also the default, for other languages) and English. */
export const setCommands = async (api: Api, commands: readonly BotCommandSpec[]): Promise<void> => {
  const zh = commands.map((c) => ({ command: c.command, description: c.zh }));
  const en = commands.map((c) => ({ command: c.command, description: c.en }));
  await api.setMyCommands(zh);
  await api.setMyCommands(zh, { language_code: 'zh' });
  await api.setMyCommands(en, { language_code: 'en' });
};
