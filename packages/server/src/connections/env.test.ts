import { createBuiltinRegistry, ManualClock } from '@qunzhu/core';
import { openTestStore } from '@qunzhu/store/testing';
import { describe, expect, it } from 'vitest';
import { Runtime } from '../runtime/runtime.js';
import { applyEnvConnections, connectionsFromEnv, resolveWebhookUrl } from './env.js';
import { platformFactories, type TelegramConnectionOptions, wechatSettingsSchema } from './factories.js';
import { FakeConnection } from './fake-connection.test-support.js';
import { ConnectionManager } from './manager.js';

const TOKEN = '7012345678:AAEhBP0av28fT_3YkbC2qmR0mFiYbY1c9xU';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('connections from the environment', () => {
  it('reads Telegram and WeChat variables; a dependent variable alone is an error naming both', () => {
    expect(
      connectionsFromEnv(
        {
          TELEGRAM_BOT_TOKEN: ` ${TOKEN} `,
          TELEGRAM_API_ROOT: 'http://127.0.0.1:9000',
          WECHATY_PUPPET: 'wechaty-puppet-service',
          WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_padlocal_abc',
        },
        '读书会',
      ),
    ).toEqual({
      community: '读书会',
      connections: [
        { platform: 'telegram', settings: { token: TOKEN, apiRoot: 'http://127.0.0.1:9000' } },
        { platform: 'wechat', settings: { puppet: 'wechaty-puppet-service', puppetToken: 'puppet_padlocal_abc' } },
      ],
    });
    expect(connectionsFromEnv({ TELEGRAM_BOT_TOKEN: '' })).toEqual({ connections: [] });
    expect(() => connectionsFromEnv({ TELEGRAM_WEBHOOK_URL: 'https://x.org' })).toThrow(
      'TELEGRAM_WEBHOOK_URL set but TELEGRAM_BOT_TOKEN is not',
    );
    expect(() => connectionsFromEnv({ WECHATY_PUPPET_SERVICE_TOKEN: 't' })).toThrow(/WECHATY_PUPPET is not/);
  });

  it('checks WeChat settings as the adapter will: an npm package name for the puppet, known limits only', () => {
    expect(wechatSettingsSchema.safeParse({ puppet: 'wechaty-puppet-service', puppetToken: 't' }).success).toBe(true);
    expect(wechatSettingsSchema.safeParse({ puppet: '@juzi/wechaty-puppet-service' }).success).toBe(true);
    const bad = wechatSettingsSchema.safeParse({ puppet: 'Wechaty Puppet!' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/npm package name/);
    expect(wechatSettingsSchema.safeParse({ puppet: 'wechaty-puppet-mock', limits: { burst: 5 } }).success).toBe(false);
  });

  it("makes a community's webhook address from a base, a full URL, or a template", () => {
    expect(resolveWebhookUrl('https://q.example.org', 3)).toBe('https://q.example.org/api/v1/telegram/3/webhook');
    expect(resolveWebhookUrl('https://q.example.org/qunzhu/', 3)).toBe(
      'https://q.example.org/qunzhu/api/v1/telegram/3/webhook',
    );
    expect(resolveWebhookUrl('https://q.example.org/hook/webhook', 3)).toBe('https://q.example.org/hook/webhook');
    expect(resolveWebhookUrl('https://q.example.org/tg/{communityId}', 12)).toBe('https://q.example.org/tg/12');
  });

  it('saves them into the named community (created if missing) and starts them; the secret is kept across starts', async () => {
    const store = await openTestStore('pglite');
    try {
      const clock = new ManualClock('2026-11-02T08:00:00Z');
      const runtime = new Runtime({ store, registry: createBuiltinRegistry(), adapters: [], clock, log: quiet });
      const made: TelegramConnectionOptions[] = [];
      const factories = platformFactories({
        telegram: (options) => {
          made.push(options);
          return new FakeConnection(clock, {}, 'telegram');
        },
      });
      const env = connectionsFromEnv(
        { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://q.example.org' },
        '读书会',
      );
      const first = new ConnectionManager({ store, runtime, clock, log: quiet, factories });
      const applied = await applyEnvConnections(store, first, env, quiet);
      expect(applied?.communityName).toBe('读书会');
      const id = applied?.communityId as number;
      expect(await first.whenStarted(id, 'telegram')).toMatchObject({ status: 'connected' });
      const secret = made[0]?.webhook?.secretToken;
      expect(made[0]).toMatchObject({
        mode: 'webhook',
        webhook: { url: `https://q.example.org/api/v1/telegram/${id}/webhook` },
      });
      expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      await first.stop();
      // A second start with the same environment: same community, same secret (Telegram keeps the old one).
      const second = new ConnectionManager({ store, runtime, clock, log: quiet, factories });
      expect((await applyEnvConnections(store, second, env, quiet))?.communityId).toBe(id);
      expect(made[1]?.webhook?.secretToken).toBe(secret);
      expect((await store.communities.list()).length).toBe(1);
      await second.stop();
    } finally {
      await store.dispose();
    }
  });
});
