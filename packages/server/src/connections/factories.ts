import type { ChatConnection, RateLimits } from '@qunzhu/core';
import { z } from 'zod';
import type { Logger } from '../runtime/runtime.js';

/** What a factory gets besides the settings. */
export type ConnectionContext = { communityId: number; log: Logger };

/**
 * How to make one platform's connection from a community's stored settings. The registry of these
 * (keyed by platform) is all the server knows of platforms: adding one is adding a factory.
 */
/** Settings as parsed: JSON values (optional fields may be undefined, which JSON drops). */
export type Settings = Record<string, unknown>;

export type ConnectionFactory<S extends Settings = Settings> = {
  platform: string;
  /** Parses the settings an admin sends (and the stored ones); errors name the field. */
  schema: z.ZodType<S>;
  /** Settings fields that are secrets: stored, never returned (only their last 4 characters). */
  secrets: readonly string[];
  /** Fill in what may be left out (a generated webhook secret); runs on every save. */
  prepare?(settings: S): S;
  /** Two communities cannot share one account (a bot polled twice loses updates): its identity. */
  accountKey?(settings: S): string;
  /** Whether these settings make the platform post updates to us (the webhook route serves only then). */
  usesWebhook?(settings: S): boolean;
  create(settings: S, context: ConnectionContext): ChatConnection;
};

/** A factory with its settings type checked, stored in the registry without it. */
export const defineConnectionFactory = <S extends Settings>(factory: ConnectionFactory<S>): ConnectionFactory =>
  factory as unknown as ConnectionFactory;

const rateLimitsSchema = z
  .object({
    perChatIntervalMs: z.number().int().min(0).max(3_600_000),
    perGroupPerMinute: z.number().int().min(1).max(10_000),
    globalPerSecond: z.number().int().min(1).max(10_000),
    jitterMs: z.number().int().min(0).max(3_600_000),
    dailyBudget: z.number().int().min(0).max(1_000_000),
    quietAfterLoginMs: z.number().int().min(0).max(86_400_000),
  })
  .partial()
  .strict();

/** Telegram's secret_token: 1–256 of A–Z, a–z, 0–9, _ and -. */
const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
/** A bot token from @BotFather: the bot's numeric id, a colon, a secret. */
const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]{20,}$/;

export const telegramSettingsSchema = z
  .object({
    token: z.string().trim().min(1, 'the bot token from @BotFather is required'),
    /** A local Bot API server or an emulator; default https://api.telegram.org. */
    apiRoot: z.url({ protocol: /^https?$/ }).optional(),
    /** Where Telegram posts updates (webhook mode); without it, long polling. */
    webhookUrl: z.url({ protocol: /^https$|^http$/ }).optional(),
    webhookSecret: z.string().regex(WEBHOOK_SECRET, 'use 1–256 characters of A–Z, a–z, 0–9, _ and -').optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // An emulator or local server may take other tokens; api.telegram.org only takes real ones.
    if (!s.apiRoot && !BOT_TOKEN.test(s.token)) {
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message: 'a bot token looks like 123456789:AAE… (from @BotFather)',
      });
    }
  });
export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;

export const wechatSettingsSchema = z
  .object({
    /** The Wechaty puppet package, e.g. wechaty-puppet-service or wechaty-puppet-wechat4u. */
    puppet: z
      .string()
      .trim()
      .regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, 'the puppet’s npm package name, e.g. wechaty-puppet-service'),
    puppetToken: z.string().trim().min(1).optional(),
    /** Session name: the login is kept under it. */
    name: z.string().trim().min(1).max(100).optional(),
    /** Override the adapter's conservative limits. */
    limits: rateLimitsSchema.optional(),
  })
  .strict();
export type WechatSettings = z.infer<typeof wechatSettingsSchema>;

/** The Telegram adapter's factory options (packages/adapters/src/telegram). */
export type TelegramConnectionOptions = {
  token: string;
  apiRoot?: string;
  mode?: 'polling' | 'webhook';
  webhook?: { url: string; secretToken: string };
  log?: Logger;
};
/** A connection that receives updates over HTTP (Telegram in webhook mode). */
export type WebhookConnection = ChatConnection & {
  handleWebhook(body: unknown, secretTokenHeader: string | undefined): Promise<{ status: number }>;
};
export const hasWebhook = (c: ChatConnection): c is WebhookConnection =>
  typeof (c as Partial<WebhookConnection>).handleWebhook === 'function';

/** The WeChat (Wechaty) adapter's factory options (packages/adapters/src/wechaty). */
export type WechatyConnectionOptions = {
  puppet: string;
  puppetToken?: string;
  name?: string;
  limits?: RateLimits;
  log?: Logger;
};

/** Where Telegram posts a community's updates, below the server's public address. */
export const telegramWebhookPath = (communityId: number): string => `/api/v1/telegram/${communityId}/webhook`;

/**
 * The factories of the platform adapters, given their constructors: wiring an adapter is one line,
 * `telegram: createTelegramConnection`.
 */
export const platformFactories = (adapters: {
  telegram?: (options: TelegramConnectionOptions) => ChatConnection;
  wechat?: (options: WechatyConnectionOptions) => ChatConnection;
}): ConnectionFactory[] => {
  const factories: ConnectionFactory[] = [];
  const { telegram, wechat } = adapters;
  if (telegram) {
    factories.push(
      defineConnectionFactory<TelegramSettings>({
        platform: 'telegram',
        schema: telegramSettingsSchema,
        secrets: ['token', 'webhookSecret'],
        prepare: (s) => (s.webhookUrl && !s.webhookSecret ? { ...s, webhookSecret: newWebhookSecret() } : s),
        usesWebhook: (s) => s.webhookUrl !== undefined,
        accountKey: (s) => `${s.apiRoot ?? 'https://api.telegram.org'} ${s.token.split(':')[0]}`,
        create: (s, { log }) =>
          telegram({
            token: s.token,
            ...(s.apiRoot ? { apiRoot: s.apiRoot } : {}),
            mode: s.webhookUrl ? 'webhook' : 'polling',
            ...(s.webhookUrl ? { webhook: { url: s.webhookUrl, secretToken: s.webhookSecret ?? '' } } : {}),
            log,
          }),
      }),
    );
  }
  if (wechat) {
    factories.push(
      defineConnectionFactory<WechatSettings>({
        platform: 'wechat',
        schema: wechatSettingsSchema,
        secrets: ['puppetToken'],
        create: (s, { log, communityId }) =>
          wechat({
            puppet: s.puppet,
            ...(s.puppetToken ? { puppetToken: s.puppetToken } : {}),
            name: s.name ?? `qunzhu-${communityId}`,
            ...(s.limits ? { limits: s.limits as RateLimits } : {}),
            log,
          }),
      }),
    );
  }
  return factories;
};

export const newWebhookSecret = (): string => {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
};
