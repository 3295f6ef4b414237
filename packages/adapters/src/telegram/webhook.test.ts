import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingSink } from '../contract.test-support.js';
import { FakeBotApi, type FakeChat, tgChat, tgUser } from './fake-bot-api.test-support.js';
import {
  createTelegramConnection,
  TELEGRAM_ALLOWED_UPDATES,
  type TelegramConnection,
  type TelegramLog,
} from './index.js';
import { secretMatches } from './webhook.js';

const GROUP: FakeChat = { id: -1001987654321, title: '读书会 · 周三共读', type: 'supergroup' };
const SECRET = 'qz_9f8e7d6c5b4a3f2e1d0c-webhook';
const lin = tgUser(5123456789, '小林');

const update = (id: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 1763884800, chat: tgChat(GROUP), from: lin, text },
});

describe('secretMatches', () => {
  it('accepts only the exact secret', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET, undefined)).toBe(false);
    expect(secretMatches(SECRET, '')).toBe(false);
    expect(secretMatches(SECRET, `${SECRET}x`)).toBe(false);
    expect(secretMatches(SECRET, SECRET.toUpperCase())).toBe(false);
  });
});

describe('telegram webhook mode', () => {
  let fake: FakeBotApi;
  let connection: TelegramConnection;
  let sink: RecordingSink;
  const warnings: string[] = [];
  const log: TelegramLog = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };

  beforeEach(async () => {
    warnings.length = 0;
    fake = new FakeBotApi();
    fake.addChat(GROUP);
    const apiRoot = await fake.start();
    connection = createTelegramConnection({
      token: fake.token,
      apiRoot,
      mode: 'webhook',
      webhook: { url: 'https://qunzhu.example.org/telegram/webhook', secretToken: SECRET },
      log,
    });
    sink = new RecordingSink();
  });
  afterEach(async () => {
    await connection.stop();
    await fake.close();
  });

  it('registers the webhook with its secret and the update kinds, and does not poll', async () => {
    await connection.start(sink);
    expect(sink.states.at(-1)?.status).toBe('connected');
    const [hook] = fake.callsOf('setWebhook');
    expect(hook).toMatchObject({ url: 'https://qunzhu.example.org/telegram/webhook', secret_token: SECRET });
    expect([...(hook?.allowed_updates as string[])].sort()).toEqual([...TELEGRAM_ALLOWED_UPDATES].sort());
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('getUpdates')).toEqual([]);
    expect(fake.callsOf('deleteWebhook')).toEqual([]);
  });

  it('refuses a request without the right secret token, and logs it', async () => {
    await connection.start(sink);
    expect(await connection.handleWebhook(update(1, '广告'), undefined)).toEqual({ status: 401 });
    expect(await connection.handleWebhook(update(2, '广告'), 'qz_guess')).toEqual({ status: 401 });
    expect(sink.received).toEqual([]);
    expect(warnings.filter((w) => /secret token/.test(w))).toHaveLength(2);
  });

  it('accepts a valid update with the right token, once per update however often it comes', async () => {
    await connection.start(sink);
    expect(await connection.handleWebhook(update(3, '打卡 day 1'), SECRET)).toEqual({ status: 200 });
    expect(await connection.handleWebhook(update(3, '打卡 day 1'), SECRET)).toEqual({ status: 200 });
    expect(sink.received.map((e) => e.text)).toEqual(['打卡 day 1', '打卡 day 1']);
    // Telegram retries a webhook call; the same source id makes the store keep one event.
    expect(new Set(sink.received.map((e) => `${e.source}/${e.sourceId}`)).size).toBe(1);
    expect(await connection.handleWebhook({ hello: 'world' }, SECRET)).toEqual({ status: 400 });
  });

  it('asks Telegram to call again (500) when the runtime could not store the update', async () => {
    sink.events = async () => {
      throw new Error('store unavailable');
    };
    await connection.start(sink);
    expect(await connection.handleWebhook(update(4, '你好'), SECRET)).toEqual({ status: 500 });
  });

  it('answers 503 once stopped, and a polling connection has no webhook', async () => {
    await connection.start(sink);
    await connection.stop();
    expect(await connection.handleWebhook(update(5, '晚安'), SECRET)).toEqual({ status: 503 });
    const polling = createTelegramConnection({ token: fake.token });
    expect(await polling.handleWebhook(update(6, '晚安'), SECRET)).toEqual({ status: 404 });
  });
});
