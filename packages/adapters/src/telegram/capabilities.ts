import type { Capabilities, RateLimits } from '@qunzhu/core';

export const TELEGRAM_PLATFORM = 'telegram';

/**
 * What a bot can do in a group where it is an administrator with the usual rights (delete
 * messages, ban users, invite users, pin). Reading every message needs privacy mode off in
 * BotFather (or admin rights); without it the bot sees commands and replies only (docs/telegram.md).
 */
export const telegramCapabilities: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};

/**
 * Telegram's published limits for bots: about one message a second per chat, 20 a minute per
 * group, 30 a second in all. The server's outbox keeps them; the adapter never sleeps.
 */
export const telegramLimits: RateLimits = {
  perChatIntervalMs: 1000,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

/**
 * The updates the bot asks for. Telegram leaves out `chat_member`, `message_reaction` and
 * `chat_join_request` unless they are listed here (and sends them only where the bot is admin).
 */
export const TELEGRAM_ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'chat_member',
  'my_chat_member',
  'chat_join_request',
  'callback_query',
  'message_reaction',
] as const;
