import { randomBytes } from 'node:crypto';
import { QunzhuError } from '@qunzhu/core';
import { z } from 'zod';
import type { BotCommandSpec } from './outbound.js';

export type TelegramLog = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type TelegramOptions = {
  /** The bot's token from BotFather (TELEGRAM_BOT_TOKEN). */
  token: string;
  /** Another Bot API server: a local one, or an emulator in tests (TELEGRAM_API_ROOT). */
  apiRoot?: string;
  /** Long polling (default) or a webhook Telegram calls (TELEGRAM_WEBHOOK_URL). */
  mode?: 'polling' | 'webhook';
  webhook?: { url: string; secretToken: string };
  /** Groups to look up at start (getChat), since Telegram cannot list a bot's groups. */
  groupIds?: readonly string[];
  /** The command menu; defaults to check-in, points, rules and help. */
  commands?: readonly BotCommandSpec[];
  /** Seconds a getUpdates call waits for news (long polling). */
  pollTimeoutSeconds?: number;
  log?: TelegramLog;
};

const optionsSchema = z
  .object({
    token: z
      .string({ error: 'is required' })
      .regex(/^\d+:[\w-]+$/, 'must look like "123456789:AA…" (the token BotFather gives)'),
    apiRoot: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    mode: z.enum(['polling', 'webhook']).default('polling'),
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        secretToken: z
          .string()
          .regex(/^[\w-]{1,256}$/, 'must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram’s rule)'),
      })
      .optional(),
    groupIds: z.array(z.string().regex(/^-?\d+$/, 'must be a Telegram chat id such as -1001234567890')).default([]),
    pollTimeoutSeconds: z.number().int().min(0).max(50).default(30),
  })
  .refine((o) => o.mode !== 'webhook' || o.webhook !== undefined, {
    path: ['webhook'],
    message: 'webhook mode needs a webhook url and secret token (TELEGRAM_WEBHOOK_URL)',
  });

export const parseOptions = (options: TelegramOptions) => {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'options';
    throw new QunzhuError('bad_input', `Telegram connection: ${where} ${issue?.message ?? 'is invalid'}`, {
      details: parsed.error.issues,
    });
  }
  return parsed.data;
};

const ENV_NAMES: Record<string, string> = {
  token: 'TELEGRAM_BOT_TOKEN',
  apiRoot: 'TELEGRAM_API_ROOT',
  'webhook.url': 'TELEGRAM_WEBHOOK_URL',
  'webhook.secretToken': 'TELEGRAM_WEBHOOK_SECRET',
  groupIds: 'TELEGRAM_GROUP_IDS',
};

/**
 * The connection's options from the environment (docs/telegram.md), or null without a token:
 * TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_URL (webhook mode when set),
 * TELEGRAM_WEBHOOK_SECRET (random per start when unset: each start registers it again) and
 * TELEGRAM_GROUP_IDS (comma-separated chat ids to look up at start).
 */
export const telegramOptionsFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  log?: TelegramLog,
): TelegramOptions | null => {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return null;
  const apiRoot = env.TELEGRAM_API_ROOT?.trim();
  const webhookUrl = env.TELEGRAM_WEBHOOK_URL?.trim();
  const groupIds = (env.TELEGRAM_GROUP_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const options: TelegramOptions = {
    token,
    ...(apiRoot ? { apiRoot } : {}),
    ...(groupIds.length > 0 ? { groupIds } : {}),
    ...(log ? { log } : {}),
  };
  if (webhookUrl) {
    options.mode = 'webhook';
    options.webhook = {
      url: webhookUrl,
      secretToken: env.TELEGRAM_WEBHOOK_SECRET?.trim() || randomBytes(32).toString('base64url'),
    };
  }
  // Checked here, so a bad variable is named by its own name.
  try {
    parseOptions(options);
  } catch (error) {
    if (!(error instanceof QunzhuError) || !Array.isArray(error.details)) throw error;
    const path = (error.details[0] as { path?: PropertyKey[] } | undefined)?.path ?? [];
    const variable = ENV_NAMES[path.slice(0, path[0] === 'webhook' ? 2 : 1).join('.')];
    if (!variable) throw error;
    const reason = error.message.replace(/^Telegram connection: \S+ /, '');
    throw new QunzhuError('bad_input', `${variable} ${reason}`, { details: error.details });
  }
  return options;
};
