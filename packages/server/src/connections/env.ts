import { QunzhuError } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import type { Logger } from '../runtime/runtime.js';
import { telegramWebhookPath } from './factories.js';
import type { ConnectionManager } from './manager.js';

/** Connections configured by environment variables, for a one-command start. */
export type EnvConnections = {
  /** The community they serve (created if missing); default: the first community. */
  community?: string;
  connections: { platform: string; settings: Record<string, unknown> }[];
};

/** The variables `qunzhu start` reads, with what each does (its --help lists them). */
export const CONNECTION_ENV: readonly [string, string][] = [
  ['TELEGRAM_BOT_TOKEN', 'connect this Telegram bot (token from @BotFather)'],
  ['TELEGRAM_API_ROOT', 'a local Bot API server or an emulator instead of api.telegram.org'],
  ['TELEGRAM_WEBHOOK_URL', 'receive updates by webhook at this public address (docs/connections.md); default: polling'],
  ['TELEGRAM_WEBHOOK_SECRET', "the webhook's secret token (default: generated and kept)"],
  ['WECHATY_PUPPET', 'connect a WeChat account through this Wechaty puppet (e.g. wechaty-puppet-service)'],
  ['WECHATY_PUPPET_SERVICE_TOKEN', "the puppet service's token, where the puppet needs one"],
];

/** Read the connection variables; a variable that needs another one missing is an error. */
export const connectionsFromEnv = (env: NodeJS.ProcessEnv, community?: string): EnvConnections => {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const connections: EnvConnections['connections'] = [];
  const token = get('TELEGRAM_BOT_TOKEN');
  const telegramExtras = ['TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'].filter(get);
  if (token) {
    const apiRoot = get('TELEGRAM_API_ROOT');
    const webhookUrl = get('TELEGRAM_WEBHOOK_URL');
    const webhookSecret = get('TELEGRAM_WEBHOOK_SECRET');
    connections.push({
      platform: 'telegram',
      settings: {
        token,
        ...(apiRoot ? { apiRoot } : {}),
        ...(webhookUrl ? { webhookUrl } : {}),
        ...(webhookSecret ? { webhookSecret } : {}),
      },
    });
  } else if (telegramExtras.length > 0) {
    throw new QunzhuError('bad_input', `${telegramExtras.join(', ')} set but TELEGRAM_BOT_TOKEN is not`);
  }
  const puppet = get('WECHATY_PUPPET');
  const puppetToken = get('WECHATY_PUPPET_SERVICE_TOKEN');
  if (puppet) {
    connections.push({ platform: 'wechat', settings: { puppet, ...(puppetToken ? { puppetToken } : {}) } });
  } else if (puppetToken) {
    throw new QunzhuError('bad_input', 'WECHATY_PUPPET_SERVICE_TOKEN set but WECHATY_PUPPET is not');
  }
  return { ...(community ? { community } : {}), connections };
};

/**
 * Where Telegram should post a community's updates: `{communityId}` in the URL is replaced; a URL
 * ending in /webhook is taken as it is; otherwise it is the server's public address and the route's
 * path is appended.
 */
export const resolveWebhookUrl = (value: string, communityId: number): string => {
  if (value.includes('{communityId}')) return value.replaceAll('{communityId}', String(communityId));
  const url = new URL(value);
  if (url.pathname.endsWith('/webhook')) return url.toString();
  url.pathname = `${url.pathname.replace(/\/$/, '')}${telegramWebhookPath(communityId)}`;
  return url.toString();
};

/**
 * Save the environment's connections into the community's configuration (so the console shows
 * them) and start them. Returns the community they went to.
 */
export const applyEnvConnections = async (
  store: Store,
  manager: ConnectionManager,
  env: EnvConnections,
  log: Logger,
): Promise<{ communityId: number; communityName: string } | null> => {
  if (env.connections.length === 0) return null;
  for (const c of env.connections) {
    if (!manager.platforms.includes(c.platform)) {
      throw new QunzhuError(
        'unsupported',
        `${c.platform} is configured in the environment, but this build has no ${c.platform} adapter`,
      );
    }
  }
  let community = env.community
    ? await store.communities.findByName(env.community)
    : (await store.communities.list())[0];
  if (!community) {
    community = await store.communities.create({ name: env.community ?? 'My community 我的社群' });
    log.info('community created for the configured connections', { community: community.name });
  }
  for (const c of env.connections) {
    const settings = { ...c.settings };
    if (c.platform === 'telegram' && typeof settings.webhookUrl === 'string') {
      settings.webhookUrl = resolveWebhookUrl(settings.webhookUrl, community.id);
    }
    await manager.configure(community.id, c.platform, settings, null);
  }
  return { communityId: community.id, communityName: community.name };
};
