import { createServer } from 'node:net';
import type { StoredAction } from '@qunzhu/core';
// The package's entry point is CommonJS with a default export TypeScript cannot see through; the class itself is here.
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, RecordingSink } from '../contract.test-support.js';
import { createTelegramConnection, type TelegramConnection, telegramMessageId } from './index.js';

/**
 * End to end against telegram-test-api, an independent Bot API emulator from npm, on loopback: a
 * "client" member writes in a group, the connection hears it, and what the bot does reaches the
 * client. The emulator knows getMe, getUpdates, sendMessage, deleteMessage, answerCallbackQuery and
 * (set/delete)Webhook, and makes only message and callback_query updates; chat_member, join
 * requests, reactions and edits, and restrict/ban/invite links/pin/setMyCommands are covered by the
 * fake Bot API tests instead. Its webhook calls carry no secret token, so webhook mode is not
 * tried here (the connection would rightly refuse them).
 */

const TOKEN = '6001234567:AAHtestEmulatorToken_qunzhu-e2e';
const GROUP_ID = -1001555000111;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

let nextId = 1;
const action = (kind: StoredAction['kind'], payload: StoredAction['payload']): StoredAction => ({
  id: nextId++,
  communityId: 1,
  groupId: 1,
  play: 'e2e',
  kind,
  payload,
  idempotencyKey: `e2e-${nextId}`,
  at: new Date(),
  status: 'pending',
  attempts: 0,
  lastError: null,
  doneAt: null,
});

describe('telegram adapter end to end with telegram-test-api', () => {
  let server: TelegramServer;
  let connection: TelegramConnection;
  let sink: RecordingSink;

  beforeEach(async () => {
    server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    connection = createTelegramConnection({ token: TOKEN, apiRoot: server.config.apiURL, pollTimeoutSeconds: 1 });
    sink = new RecordingSink();
    await connection.start(sink);
  });
  afterEach(async () => {
    await connection.stop();
    await server.stop();
  });

  const member = (userId: number, firstName: string) =>
    server.getClient(TOKEN, {
      chatId: GROUP_ID,
      type: 'supergroup',
      chatTitle: '读书会 · 周三共读',
      userId,
      firstName,
      timeout: 5000,
    });

  it('connects to the emulator', () => {
    expect(sink.states.at(-1)).toMatchObject({ status: 'connected', account: { platformUserId: '666' } });
  });

  it('a member posts an ad, the connection hears it, and deleting it removes it from the group', async () => {
    const spammer = member(7712345678, '福利姐');
    await spammer.sendMessage(spammer.makeMessage('加微 abc123 领福利，私聊发链接'));
    const [ad] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'message');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(ad).toMatchObject({
      text: '加微 abc123 领福利，私聊发链接',
      actor: { platform: 'telegram', platformUserId: '7712345678', displayName: '福利姐' },
      group: { platformGroupId: String(GROUP_ID), name: '读书会 · 周三共读' },
    });
    const messageId = telegramMessageId(ad?.sourceId ?? '');
    const stored = () => server.storage.userMessages.filter((u) => u.messageId === messageId);
    expect(stored()).toHaveLength(1);

    const result = await connection.execute(action('delete', { eventId: 1 }), {
      platformGroupId: String(GROUP_ID),
      message: { sourceId: ad?.sourceId ?? '' },
    });
    expect(result).toMatchObject({ ok: true });
    expect(stored()).toHaveLength(0);
    // Deleting it again: the emulator says it is not there, which cannot get better by retrying.
    const again = await connection.execute(action('delete', { eventId: 1 }), {
      platformGroupId: String(GROUP_ID),
      message: { sourceId: ad?.sourceId ?? '' },
    });
    expect(again).toMatchObject({ ok: false, permanent: true });
  });

  it('a member checks in and the reply reaches them, as a reply, with the text as written', async () => {
    const reader = member(5123456789, '小林');
    await reader.sendMessage(reader.makeMessage('打卡 day 3'));
    const [checkIn] = await eventually(() => {
      const found = sink.received.filter((e) => e.text === '打卡 day 3');
      expect(found).toHaveLength(1);
      return found;
    });
    const result = await connection.execute(
      action('send', { text: '小林 打卡成功！连续 3 天 <3', mentionMemberIds: [1] }),
      {
        platformGroupId: String(GROUP_ID),
        message: { sourceId: checkIn?.sourceId ?? '' },
        mentions: [{ memberId: 1, platformUserId: '5123456789', displayName: '小林' }],
      },
    );
    expect(result.ok).toBe(true);
    const updates = await reader.getUpdates();
    const reply = updates.result.map((u) => u.message as unknown as Record<string, unknown>);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({
      chat_id: String(GROUP_ID),
      text: '小林 打卡成功！连续 3 天 <3',
      reply_parameters: { message_id: telegramMessageId(checkIn?.sourceId ?? '') },
      entities: [{ type: 'text_mention', offset: 0, length: 2, user: { id: 5123456789 } }],
    });
  });

  it('a button press comes in as a callback event', async () => {
    const newcomer = member(6234567890, 'Ada');
    await newcomer.sendCallback(newcomer.makeCallbackQuery('gate:6234567890:ok', { message: { message_id: 42 } }));
    const [press] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'callback');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(press?.extra).toMatchObject({ data: 'gate:6234567890:ok', messageSourceId: `${GROUP_ID}:42` });
    expect(press?.actor.platformUserId).toBe('6234567890');
  });
});
