import { type ActionKind, type ActionTarget, isQunzhuError, type StoredAction } from '@qunzhu/core';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, RecordingSink } from '../contract.test-support.js';
import { FakeBotApi, type FakeChat, memberUpdate, tgChat, tgUser } from './fake-bot-api.test-support.js';
import {
  createTelegramConnection,
  TELEGRAM_ALLOWED_UPDATES,
  type TelegramConnection,
  type TelegramLog,
} from './index.js';

const GROUP: FakeChat = {
  id: -1001987654321,
  title: '读书会 · 周三共读',
  type: 'supergroup',
  permissions: { can_send_messages: true, can_send_photos: true, can_send_polls: false, can_invite_users: false },
};
const BASIC: FakeChat = { id: -4012345678, title: '小区团购群', type: 'group', botStatus: 'member' };
const lin = tgUser(5123456789, '小林', { username: 'xiaolin_reads' });
const ada = tgUser(6234567890, 'Ada', { last_name: 'Wong' });

let actionId = 1;
const action = (kind: ActionKind, payload: StoredAction['payload']): StoredAction => ({
  id: actionId++,
  communityId: 1,
  groupId: 1,
  play: 'test',
  kind,
  payload,
  idempotencyKey: `t-${actionId}`,
  at: new Date(),
  status: 'pending',
  attempts: 0,
  lastError: null,
  doneAt: null,
});

const recordingLog = () => {
  const lines: { level: string; message: string }[] = [];
  const log: TelegramLog = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
  return { lines, log };
};

describe('telegram connection against a fake Bot API', () => {
  let fake: FakeBotApi;
  let apiRoot: string;
  let connection: TelegramConnection;
  let sink: RecordingSink;
  const target: ActionTarget = { platformGroupId: String(GROUP.id) };

  beforeEach(async () => {
    fake = new FakeBotApi();
    fake.addChat(GROUP);
    fake.addChat(BASIC);
    apiRoot = await fake.start();
    connection = createTelegramConnection({ token: fake.token, apiRoot, pollTimeoutSeconds: 1 });
    sink = new RecordingSink();
  });
  afterEach(async () => {
    await connection.stop();
    await fake.close();
  });

  const postMessage = (id: number, text: string, from = lin, chat = GROUP) =>
    fake.deliver({ message: { message_id: id, date: 1763884800 + id, chat: tgChat(chat), from, text } });

  it('connects: who it is, the command menu in zh and en, polling with every update kind it needs', async () => {
    await connection.start(sink);
    expect(sink.states.at(-1)).toMatchObject({
      status: 'connected',
      account: { platformUserId: String(fake.bot.id), displayName: '群主助手 (@qunzhu_test_bot)' },
    });
    const menus = fake.callsOf('setMyCommands');
    expect(menus.map((m) => m.language_code ?? 'default')).toEqual(['default', 'zh', 'en']);
    expect((menus[2]?.commands as { description: string }[]).map((c) => c.description)).toContain('Check in');
    expect((menus[1]?.commands as { description: string }[]).map((c) => c.description)).toContain('打卡');
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    const poll = await eventually(() => {
      const p = fake.callsOf('getUpdates')[0];
      expect(p).toBeDefined();
      return p;
    });
    expect([...(poll?.allowed_updates as string[])].sort()).toEqual([...TELEGRAM_ALLOWED_UPDATES].sort());
    expect(poll?.allowed_updates).toContain('chat_member');
  });

  it('sends plain text, replies, mentions by text_mention, buttons and pins', async () => {
    await connection.start(sink);
    postMessage(4411, '打卡 day 12');
    const [event] = await eventually(() => {
      expect(sink.received).toHaveLength(1);
      return sink.received;
    });
    const result = await connection.execute(
      action('send', {
        text: '欢迎 小林 和 Ada Wong！<b>群规</b> & 打卡',
        buttons: [{ text: '我已阅读群规', data: 'rules:ok' }],
        pin: true,
      }),
      {
        ...target,
        message: { sourceId: event?.sourceId ?? '' },
        mentions: [
          { memberId: 1, platformUserId: String(lin.id), displayName: '小林' },
          { memberId: 2, platformUserId: String(ada.id), displayName: 'Ada Wong' },
        ],
      },
    );
    expect(result.ok).toBe(true);
    const [sent] = fake.callsOf('sendMessage');
    expect(sent?.text).toBe('欢迎 小林 和 Ada Wong！<b>群规</b> & 打卡');
    expect(sent?.parse_mode).toBeUndefined();
    expect(sent?.reply_parameters).toMatchObject({ message_id: 4411 });
    expect(sent?.entities).toEqual([
      { type: 'text_mention', offset: 3, length: 2, user: { id: lin.id, is_bot: false, first_name: '小林' } },
      { type: 'text_mention', offset: 8, length: 8, user: { id: ada.id, is_bot: false, first_name: 'Ada Wong' } },
    ]);
    expect(sent?.reply_markup).toEqual({ inline_keyboard: [[{ text: '我已阅读群规', callback_data: 'rules:ok' }]] });
    const [pin] = fake.callsOf('pinChatMessage');
    expect(result.ok && result.platformRef).toBe(`${GROUP.id}:${pin?.message_id}`);
  });

  it('deletes, pins, mutes, unmutes, removes, bans, answers join requests and makes named links', async () => {
    await connection.start(sink);
    postMessage(4500, '加微 abc123 领福利', ada);
    const [event] = await eventually(() => {
      expect(sink.received).toHaveLength(1);
      return sink.received;
    });
    const member = { platformUserId: String(ada.id), displayName: 'Ada Wong' };
    const about = { ...target, member, message: { sourceId: event?.sourceId ?? '' } };

    expect(await connection.execute(action('pin', { eventId: 1 }), about)).toMatchObject({ ok: true });
    expect(fake.callsOf('pinChatMessage')[0]).toMatchObject({ message_id: 4500, disable_notification: true });
    expect(await connection.execute(action('delete', { eventId: 1 }), about)).toMatchObject({ ok: true });
    expect(fake.callsOf('deleteMessage')[0]).toMatchObject({ chat_id: String(GROUP.id), message_id: 4500 });

    const until = new Date(Date.now() + 3_600_000);
    expect(await connection.execute(action('mute', { memberId: 1, until: until.toISOString() }), about)).toMatchObject({
      ok: true,
    });
    const [mute] = fake.callsOf('restrictChatMember');
    expect(mute?.user_id).toBe(ada.id);
    expect(mute?.until_date).toBe(Math.ceil(until.getTime() / 1000));
    expect(Object.values(mute?.permissions as object).every((v) => v === false)).toBe(true);

    // A mute shorter than 30 s would be for ever on Telegram: it is lengthened, never made permanent.
    const soon = new Date(Date.now() + 5_000);
    await connection.execute(action('mute', { memberId: 1, until: soon.toISOString() }), about);
    const short = fake.callsOf('restrictChatMember')[1];
    expect(Number(short?.until_date) * 1000 - Date.now()).toBeGreaterThan(29_000);
    const past = await connection.execute(action('mute', { memberId: 1, until: '2020-01-01T00:00:00Z' }), about);
    expect(past).toMatchObject({ ok: false, permanent: true });

    expect(await connection.execute(action('unmute', { memberId: 1 }), about)).toMatchObject({ ok: true });
    const unmute = fake.callsOf('restrictChatMember').at(-1);
    expect(unmute?.permissions).toEqual(GROUP.permissions);
    expect(unmute?.until_date).toBeUndefined();

    expect(await connection.execute(action('remove', { memberId: 1 }), about)).toMatchObject({ ok: true });
    expect(fake.callsOf('banChatMember')).toHaveLength(1);
    expect(fake.callsOf('unbanChatMember')[0]).toMatchObject({ user_id: ada.id, only_if_banned: true });
    expect(await connection.execute(action('remove', { memberId: 1, ban: true }), about)).toMatchObject({ ok: true });
    expect(fake.callsOf('banChatMember')).toHaveLength(2);
    expect(fake.callsOf('unbanChatMember')).toHaveLength(1);

    expect(await connection.execute(action('approve', { memberId: 1 }), about)).toMatchObject({ ok: true });
    expect(await connection.execute(action('decline', { memberId: 1 }), about)).toMatchObject({ ok: true });
    expect(fake.callsOf('approveChatJoinRequest')[0]?.user_id).toBe(ada.id);
    expect(fake.callsOf('declineChatJoinRequest')[0]?.user_id).toBe(ada.id);

    const link = await connection.execute(
      action('create_invite_link', { name: '小林的邀请', expiresAt: '2030-01-01T00:00:00Z', memberLimit: 50 }),
      target,
    );
    expect(link).toEqual({ ok: true, platformRef: 'https://t.me/+fakeLink1' });
    expect(fake.callsOf('createChatInviteLink')[0]).toMatchObject({
      name: '小林的邀请',
      expire_date: 1893456000,
      member_limit: 50,
    });
    const long = await connection.execute(
      action('create_invite_link', { name: '裂变活动·双十一·第三期·小林的专属邀请链接（限时七天有效，满五十人即止）' }),
      target,
    );
    expect(long).toMatchObject({ ok: false, permanent: true });
    expect(!long.ok && long.error).toMatch(/32/);
    expect(fake.callsOf('createChatInviteLink')).toHaveLength(1);
  });

  it('refuses plainly what it cannot address', async () => {
    await connection.start(sink);
    const noMember = await connection.execute(
      action('mute', { memberId: 1, until: new Date(Date.now() + 60_000).toISOString() }),
      target,
    );
    expect(noMember).toMatchObject({ ok: false, permanent: true });
    const notAMessage = await connection.execute(action('delete', { eventId: 1 }), {
      ...target,
      message: { sourceId: '-1001987654321:member:1:2:left' },
    });
    expect(notAMessage).toMatchObject({ ok: false, permanent: true });
    expect(await connection.execute(action('alert', { text: 'x', reason: 'y' }), target)).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(fake.calls.filter((c) => ['restrictChatMember', 'deleteMessage'].includes(c.method))).toEqual([]);
  });

  it('returns retry_after from a 429 instead of waiting, and tells permanent refusals from network trouble', async () => {
    await connection.start(sink);
    const send = () => connection.execute(action('send', { text: '早报：今天共读第四章' }), target);

    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const started = Date.now();
    const limited = await send();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(limited).toMatchObject({ ok: false, retryAfterMs: 7000 });
    expect(!limited.ok && limited.permanent).toBeFalsy();

    fake.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the supergroup chat',
    });
    const kicked = await send();
    expect(kicked).toMatchObject({ ok: false, permanent: true });
    expect(!kicked.ok && kicked.error).toMatch(/no longer in the group/);

    fake.failNext('restrictChatMember', {
      error_code: 400,
      description: 'Bad Request: not enough rights to restrict/unrestrict chat member',
    });
    const noRights = await connection.execute(
      action('mute', { memberId: 1, until: new Date(Date.now() + 600_000).toISOString() }),
      {
        ...target,
        member: { platformUserId: String(ada.id), displayName: 'Ada' },
      },
    );
    expect(noRights).toMatchObject({ ok: false, permanent: true });
    expect(!noRights.ok && noRights.error).toMatch(/administrator/);

    const gone = await connection.execute(action('delete', { eventId: 1 }), {
      ...target,
      message: { sourceId: `${GROUP.id}:99999` },
    });
    expect(gone).toMatchObject({ ok: false, permanent: true });
    expect(!gone.ok && gone.error).toMatch(/message to delete not found/);

    fake.failNext('sendMessage', 'drop');
    const dropped = await send();
    expect(dropped.ok).toBe(false);
    expect(!dropped.ok && dropped.permanent).toBeFalsy();
    expect(!dropped.ok && dropped.error).toMatch(/network error calling sendMessage/);

    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const upstream = await send();
    expect(upstream).toMatchObject({ ok: false });
    expect(!upstream.ok && upstream.permanent).toBeFalsy();

    expect((await send()).ok).toBe(true);
  });

  it('finds groups from updates, loses them when the bot is removed, and acknowledges button presses', async () => {
    await connection.start(sink);
    const bot = { id: fake.bot.id, is_bot: true as const, first_name: fake.bot.first_name };
    fake.deliver({
      my_chat_member: {
        chat: tgChat(GROUP),
        from: lin,
        date: 1763885500,
        old_chat_member: { status: 'left', user: bot },
        new_chat_member: { status: 'member', user: bot },
      },
    });
    await eventually(() => expect(sink.found.map((g) => g.platformGroupId)).toEqual([String(GROUP.id)]));
    expect((await connection.discoverGroups()).map((g) => g.name)).toEqual([GROUP.title]);

    fake.deliver({
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        from: ada,
        chat_instance: '-8203745',
        data: 'gate:ok',
        message: { message_id: 5001, date: 1763885810, chat: tgChat(GROUP), from: bot, text: '请点按钮' },
      },
    });
    await eventually(() =>
      expect(fake.callsOf('answerCallbackQuery')[0]?.callback_query_id).toBe('4382bfdwdsb323b2d9'),
    );
    expect(sink.received.find((e) => e.type === 'callback')?.extra?.data).toBe('gate:ok');

    fake.deliver({
      my_chat_member: {
        chat: tgChat(GROUP),
        from: lin,
        date: 1763885600,
        old_chat_member: { status: 'member', user: bot },
        new_chat_member: { status: 'kicked', user: bot, until_date: 0 },
      },
    });
    await eventually(() => expect(sink.lost).toEqual([String(GROUP.id)]));
    expect(await connection.discoverGroups()).toEqual([]);
  });

  it('counts service join messages only where the bot is no admin (no chat_member updates there)', async () => {
    await connection.start(sink);
    fake.deliver({
      message: { message_id: 88, date: 1763885300, chat: tgChat(BASIC), from: lin, new_chat_members: [ada] },
    } as Omit<Update, 'update_id'>);
    fake.deliver({
      message: { message_id: 89, date: 1763885301, chat: tgChat(GROUP), from: lin, new_chat_members: [ada] },
    } as Omit<Update, 'update_id'>);
    fake.deliver({ chat_member: memberUpdate(GROUP, ada, lin, 'left', 'member', 1763885301) } as Omit<
      Update,
      'update_id'
    >);
    await eventually(() => expect(sink.received.filter((e) => e.type === 'join')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 300));
    const joins = sink.received.filter((e) => e.type === 'join');
    expect(joins.map((e) => [e.group.platformGroupId, e.extra?.via ?? 'chat_member'])).toEqual([
      [String(BASIC.id), 'service_message'],
      [String(GROUP.id), 'chat_member'],
    ]);
    expect(fake.callsOf('getChatMember').map((c) => String(c.chat_id))).toContain(String(BASIC.id));
  });

  it('remembers that the bot was made admin even when the "bot joined" service message comes after', async () => {
    await connection.start(sink);
    const bot = { id: fake.bot.id, is_bot: true as const, first_name: fake.bot.first_name };
    const promoted = {
      status: 'administrator' as const,
      user: bot,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: false,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_send_welcome_messages: false,
    };
    fake.deliver({
      my_chat_member: {
        chat: tgChat(BASIC),
        from: lin,
        date: 1763885000,
        old_chat_member: { status: 'left', user: bot },
        new_chat_member: promoted,
      },
    });
    fake.deliver({
      message: { message_id: 90, date: 1763885000, chat: tgChat(BASIC), from: lin, new_chat_members: [bot] },
    } as Omit<Update, 'update_id'>);
    fake.deliver({
      message: { message_id: 91, date: 1763885010, chat: tgChat(BASIC), from: lin, new_chat_members: [ada] },
    } as Omit<Update, 'update_id'>);
    postMessage(92, '欢迎新朋友', lin, BASIC);
    await eventually(() => expect(sink.received.map((e) => e.type)).toContain('message'));
    // The bot is admin there (chat_member updates will tell of joins): the service message is not counted.
    expect(sink.received.filter((e) => e.type === 'join')).toEqual([]);
    expect(fake.callsOf('getChatMember')).toEqual([]);
    expect(sink.found.map((g) => g.platformGroupId)).toEqual([String(BASIC.id)]);
  });

  it('keeps a batch the runtime could not store and delivers it again, once stored confirms it', async () => {
    let failures = 1;
    const flaky = new RecordingSink();
    const events = flaky.events.bind(flaky);
    flaky.events = async (inputs) => {
      if (failures-- > 0) throw new Error('store unavailable');
      await events(inputs);
    };
    const { log, lines } = recordingLog();
    connection = createTelegramConnection({ token: fake.token, apiRoot, pollTimeoutSeconds: 1, log });
    await connection.start(flaky);
    const u = postMessage(4600, '今天的共读笔记');
    await eventually(() => expect(flaky.received.map((e) => e.text)).toEqual(['今天的共读笔记']));
    expect(lines.some((l) => l.level === 'error' && /will retry/.test(l.message))).toBe(true);
    await eventually(() => expect(fake.callsOf('getUpdates').some((c) => c.offset === u.update_id + 1)).toBe(true));
    await new Promise((r) => setTimeout(r, 400));
    expect(flaky.received).toHaveLength(1);
  });

  it('reports a refused token as failed, in words a person can act on', async () => {
    connection = createTelegramConnection({ token: '123:not-the-token', apiRoot, pollTimeoutSeconds: 1 });
    await connection.start(sink);
    expect(sink.states.at(-1)?.status).toBe('failed');
    expect(sink.states.at(-1)?.detail).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(fake.callsOf('getUpdates')).toEqual([]);
  });

  it('reports an unreachable API as disconnected and connects when it comes back', async () => {
    fake.failNext('getMe', 'drop');
    await connection.start(sink);
    expect(sink.states.at(-1)?.status).toBe('disconnected');
    expect(sink.states.at(-1)?.detail).toMatch(/Cannot reach/);
    await eventually(() => expect(sink.states.at(-1)?.status).toBe('connected'), 8000);
  });

  it('refuses bad options, naming the setting', () => {
    const attempt = (options: Parameters<typeof createTelegramConnection>[0]) => {
      try {
        createTelegramConnection(options);
      } catch (error) {
        if (isQunzhuError(error)) return `${error.code}: ${error.message}`;
        throw error;
      }
      return 'accepted';
    };
    expect(attempt({ token: 'abc' })).toMatch(/^bad_input: .*token/);
    expect(attempt({ token: fake.token, mode: 'webhook' })).toMatch(/^bad_input: .*webhook/);
    expect(
      attempt({
        token: fake.token,
        mode: 'webhook',
        webhook: { url: 'https://q.example.org/tg', secretToken: 'has spaces' },
      }),
    ).toMatch(/secretToken/);
    expect(attempt({ token: fake.token, groupIds: ['读书会'] })).toMatch(/groupIds/);
    expect(attempt({ token: fake.token, apiRoot: 'ftp://x' })).toMatch(/apiRoot/);
  });
});
