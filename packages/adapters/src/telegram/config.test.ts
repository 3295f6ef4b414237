import { isQunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { telegramOptionsFromEnv } from './config.js';

const TOKEN = '7000000001:AAFakeTokenForQunzhuTests_0123456789';

const failure = (env: Record<string, string>) => {
  try {
    telegramOptionsFromEnv(env);
  } catch (error) {
    if (isQunzhuError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

describe('telegramOptionsFromEnv', () => {
  it('is off without a token, polls by default, and takes a webhook when its URL is set', () => {
    expect(telegramOptionsFromEnv({})).toBeNull();
    expect(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN })).toEqual({ token: TOKEN });
    const hooked = telegramOptionsFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_WEBHOOK_URL: 'https://qunzhu.example.org/api/v1/telegram/webhook',
      TELEGRAM_GROUP_IDS: '-1001987654321, -4012345678',
    });
    expect(hooked).toMatchObject({
      apiRoot: 'http://127.0.0.1:8081',
      mode: 'webhook',
      webhook: { url: 'https://qunzhu.example.org/api/v1/telegram/webhook' },
      groupIds: ['-1001987654321', '-4012345678'],
    });
    // Without TELEGRAM_WEBHOOK_SECRET each start makes (and registers) a new random one.
    const again = telegramOptionsFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://q.example.org/hook',
    });
    expect(hooked?.webhook?.secretToken).toMatch(/^[\w-]{40,}$/);
    expect(again?.webhook?.secretToken).not.toBe(hooked?.webhook?.secretToken);
    const fixed = telegramOptionsFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://q.example.org/hook',
      TELEGRAM_WEBHOOK_SECRET: 'qz_secret-1',
    });
    expect(fixed?.webhook?.secretToken).toBe('qz_secret-1');
  });

  it('names the variable that is wrong', () => {
    expect(failure({ TELEGRAM_BOT_TOKEN: 'my bot' })).toMatch(/^bad_input: TELEGRAM_BOT_TOKEN must look like/);
    expect(failure({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'localhost:8081' })).toMatch(
      /^bad_input: TELEGRAM_API_ROOT /,
    );
    expect(failure({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'qunzhu.example.org/hook' })).toMatch(
      /^bad_input: TELEGRAM_WEBHOOK_URL /,
    );
    expect(
      failure({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: 'https://q.example.org/hook',
        TELEGRAM_WEBHOOK_SECRET: 'a b',
      }),
    ).toMatch(/^bad_input: TELEGRAM_WEBHOOK_SECRET /);
    expect(failure({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_GROUP_IDS: '读书会' })).toMatch(
      /^bad_input: TELEGRAM_GROUP_IDS /,
    );
  });
});
