import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramConnection, createWechatyConnection } from '@qunzhu/adapters';
import { platformFactories, type RunningServer, startServer } from '@qunzhu/server';
// The emulator's entry point is CommonJS with a default export TypeScript cannot see through.
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockWorld, type MockWorld } from '../packages/adapters/src/wechaty/mock.test-support.js';

/**
 * Qunzhu as an operator runs it — `startServer` with platform connections from the environment —
 * against telegram-test-api (an independent Bot API emulator from npm) and wechaty-puppet-mock (the
 * Wechaty project's mock), on loopback: the configured plays act in real groups.
 */

const TOKEN = '6001234567:AAHtestEmulatorToken_qunzhu-e2e';
const TG_GROUP = -1001555000111;
const AD = '加微 abc123 领福利，私聊发链接 vx同号';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> => {
  const start = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('platforms end to end', () => {
  let telegram: TelegramServer;
  let world: MockWorld;
  let server: RunningServer;
  let dir: string;
  let communityId: number;

  beforeAll(async () => {
    telegram = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 60 });
    await telegram.start();
    world = createMockWorld();
    dir = mkdtempSync(join(tmpdir(), 'qunzhu-platforms-'));
    server = await startServer({
      store: { dataDir: join(dir, 'data') },
      port: 0,
      log: quiet,
      tickMs: 200,
      connectionFactories: platformFactories({
        telegram: createTelegramConnection,
        // The mock world's Wechaty stands in for a logged-in WeChat account.
        wechat: (options) => createWechatyConnection({ ...options, wechaty: world.wechaty }),
      }),
      envConnections: {
        community: '读书会',
        connections: [
          { platform: 'telegram', settings: { token: TOKEN, apiRoot: telegram.config.apiURL } },
          {
            platform: 'wechat',
            // No quiet time after login and no spacing: the test should not wait a minute.
            settings: {
              puppet: 'wechaty-puppet-mock',
              limits: { quietAfterLoginMs: 0, perChatIntervalMs: 0, jitterMs: 0 },
            },
          },
        ],
      },
    });
    communityId = server.envCommunity?.communityId ?? 0;
    expect(communityId).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await telegram?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Switch plays on for the group the connection found on `platform`. */
  const enable = async (platform: string, plays: Record<string, unknown>) => {
    const group = await eventually(async () => {
      const g = (await server.store.groups.list(communityId)).find((x) => x.platform === platform);
      expect(g).toBeDefined();
      return g as NonNullable<typeof g>;
    });
    for (const [play, config] of Object.entries(plays)) {
      await server.store.plays.put(communityId, { groupId: group.id, play, enabled: true, config }, null);
    }
    server.runtime.invalidate(communityId);
    return group;
  };

  it('Telegram: a member posts an ad and the bot deletes it; a member checks in and the bot answers', async () => {
    const client = (userId: number, firstName: string) =>
      telegram.getClient(TOKEN, {
        chatId: TG_GROUP,
        type: 'supergroup',
        chatTitle: '读书会 · 周三共读',
        userId,
        firstName,
        timeout: 5000,
      });
    const reader = client(5123456789, '小林');
    // The first message makes the group known to Qunzhu, as a bot added to a group would.
    await reader.sendMessage(reader.makeMessage('大家好'));
    await enable('telegram', { 'anti-spam': {}, 'check-in': {} });

    const spammer = client(7712345678, '福利姐');
    await spammer.sendMessage(spammer.makeMessage(AD));
    await eventually(() => {
      const left = telegram.storage.userMessages.filter((u) => 'message' in u && u.message.text === AD);
      expect(left).toHaveLength(0);
    });
    const deletes = await server.store.actions.list(communityId, { limit: 50 });
    expect(deletes.some((a) => a.kind === 'delete' && a.status === 'sent')).toBe(true);

    await reader.sendMessage(reader.makeMessage('打卡 今天读完第三章'));
    const reply = await eventually(async () => {
      const updates = await reader.getUpdates();
      const texts = updates.result.map((u) => String((u.message as unknown as { text?: string }).text ?? ''));
      const found = texts.find((t) => t.includes('打卡成功'));
      expect(found).toBeDefined();
      return found;
    });
    expect(reply).toContain('小林 打卡成功！已连续打卡 1 天');
  }, 60_000);

  it('WeChat: a member joins a room and is welcomed; an ad cannot be deleted there, so stewards are alerted', async () => {
    await eventually(() => expect(world.wechaty.isLoggedIn).toBe(true));
    await enable('wechat', { welcome: { burstWindowSeconds: 0 }, 'anti-spam': {} });
    const inviter = world.contact('wxid_lin', '林老师');
    const ada = world.contact('wxid_ada', 'Ada');
    world.room.add(ada).by(inviter);
    await eventually(() => {
      const greeting = world.calls.find((c) => c.method === 'say' && c.text.includes('欢迎'));
      expect(greeting && 'text' in greeting ? greeting.text : '').toContain('Ada');
    });

    ada.say(AD).to(world.room);
    const alert = await eventually(async () => {
      const actions = await server.store.actions.list(communityId, { limit: 50 });
      const found = actions.find((a) => a.kind === 'alert' && a.play === 'anti-spam');
      expect(found).toBeDefined();
      return found;
    });
    expect(alert?.payload.reason).toBeDefined();
    // Nothing was asked of WeChat that it cannot do.
    expect(world.calls.filter((c) => c.method === 'remove')).toHaveLength(0);
  }, 60_000);
});
