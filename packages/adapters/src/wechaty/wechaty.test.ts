import { ACTION_KINDS, type ActionKind, isQunzhuError, type StoredAction } from '@qunzhu/core';
import { FileBox } from 'file-box';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanStatus } from 'wechaty';
import { eventually, RecordingSink } from '../contract.test-support.js';
import {
  createWechatyConnection,
  messageIdOf,
  PUPPET_ABILITIES,
  puppetAbilities,
  WECHATY_DEFAULT_LIMITS,
  type WechatyConnection,
} from './index.js';
import { createMockWorld, type MockWorld } from './mock.test-support.js';

let nextId = 1;
const action = (kind: ActionKind, payload: StoredAction['payload'] = {}): StoredAction => ({
  id: nextId,
  communityId: 1,
  groupId: 1,
  play: 'test',
  kind,
  payload,
  idempotencyKey: `wechaty-${nextId++}`,
  at: new Date(),
  status: 'pending',
  attempts: 0,
  lastError: null,
  doneAt: null,
});

const open: { world: MockWorld; connection: WechatyConnection }[] = [];
const connect = async (
  worldOptions: Parameters<typeof createMockWorld>[0] = {},
  options: Parameters<MockWorld['connection']>[0] = {},
) => {
  const world = createMockWorld(worldOptions);
  const connection = world.connection(options);
  open.push({ world, connection });
  const sink = new RecordingSink();
  await connection.start(sink);
  if (worldOptions.login ?? true) await eventually(() => expect(sink.states.at(-1)?.status).toBe('connected'));
  return { world, connection, sink };
};
afterEach(async () => {
  for (const { world, connection } of open.splice(0)) {
    await connection.stop();
    world.mocker.stop();
  }
});

describe('WeChat login', () => {
  it('shows the QR code to scan while connecting, then the account and its groups once logged in', async () => {
    const world = createMockWorld({ login: false });
    const connection = world.connection();
    open.push({ world, connection });
    const sink = new RecordingSink();
    const started = connection.start(sink);
    await eventually(() => expect(world.puppet.state.active()).toBe(true));
    world.mocker.scan('https://login.weixin.qq.com/l/QZ-2026', ScanStatus.Waiting);
    await started;
    expect(sink.states.at(-1)).toMatchObject({ status: 'connecting', detail: 'https://login.weixin.qq.com/l/QZ-2026' });
    expect(await connection.discoverGroups()).toEqual([]);

    world.mocker.login(world.self);
    await eventually(() =>
      expect(sink.states.at(-1)).toMatchObject({
        status: 'connected',
        account: { platformUserId: 'wxid_qunzhu_bot', displayName: '群主助手' },
      }),
    );
    await eventually(() =>
      expect(sink.found).toContainEqual({ platformGroupId: world.room.id, name: '读书会 · 3 群', memberCount: 2 }),
    );
  });

  it('reports a puppet that cannot be loaded as failed, naming it', async () => {
    const connection = createWechatyConnection({ puppet: 'wechaty-puppet-not-installed-here' });
    const sink = new RecordingSink();
    await connection.start(sink);
    expect(sink.states.at(-1)?.status).toBe('failed');
    expect(sink.states.at(-1)?.detail).toContain('wechaty-puppet-not-installed-here');
    await connection.stop();
  });
});

describe('WeChat group updates as events', () => {
  it('turns a member invited into the group into a join with the inviter, for attribution', async () => {
    const { world, sink } = await connect();
    const inviter = world.contact('wxid_lin', '小林');
    const ada = world.contact('wxid_ada', 'Ada');
    const bo = world.contact('wxid_bo', '阿波');
    world.room.add(ada, bo).by(inviter);
    const joins = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'join');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(joins.map((j) => j.actor.platformUserId)).toEqual(['wxid_ada', 'wxid_bo']);
    for (const join of joins) {
      expect(join.inviter).toEqual({ platform: 'wechat', platformUserId: 'wxid_lin', displayName: '小林' });
      expect(join.group).toEqual({ platform: 'wechat', platformGroupId: world.room.id, name: '读书会 · 3 群' });
      expect(join.source).toBe('wechaty');
    }
    expect(joins[0]?.actor.displayName).toBe('Ada');
    expect(new Set(joins.map((j) => j.sourceId)).size).toBe(2);
  });

  it('finds a group when the account is invited into it, and loses it when removed', async () => {
    const { world, sink } = await connect();
    const lin = world.contact('wxid_lin', '小林');
    const other = world.mocker.createRoom({ id: 'new-group@chatroom', topic: '新群', memberIdList: [lin.id] });
    other.add(world.self).by(lin);
    await eventually(() => expect(sink.found.map((g) => g.platformGroupId)).toContain('new-group@chatroom'));
    other.remove(world.self).by(lin);
    await eventually(() => expect(sink.lost).toEqual(['new-group@chatroom']));
    // The account's own comings and goings are not member events.
    expect(sink.received.filter((e) => e.actor.platformUserId === world.self.id)).toEqual([]);
  });

  it('turns a removal into a leave that names the remover', async () => {
    const { world, sink } = await connect();
    const ada = world.contact('wxid_ada', 'Ada');
    world.room.add(ada).by(world.contact('wxid_lin', '小林'));
    world.room.remove(ada).by(world.contact('wxid_owner', '林老师'));
    const [leave] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'leave');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(leave?.actor.platformUserId).toBe('wxid_ada');
    expect(leave?.extra).toEqual({ removedBy: 'wxid_owner' });
    expect(leave?.sourceId).toMatch(/^leave:reading-club@chatroom:wxid_ada:\d+$/);
  });

  it('delivers group messages with a source id that gives back the message id, and the same id on redelivery', async () => {
    const { world, sink } = await connect();
    const lin = world.contact('wxid_lin', '小林');
    lin.say('大家好，打卡 day 3').to(world.room);
    const [first] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'message');
      expect(found).toHaveLength(1);
      return found;
    });
    const messageId = messageIdOf(first?.sourceId ?? '');
    expect(messageId).toBeTruthy();
    expect(first).toMatchObject({
      text: '大家好，打卡 day 3',
      actor: { platform: 'wechat', platformUserId: 'wxid_lin', displayName: '小林' },
    });
    // The puppet delivers the same message again (a reconnect): the same source id, so it is stored once.
    world.puppet.emit('message', { messageId: messageId ?? '' });
    await eventually(() => expect(sink.received.filter((e) => e.type === 'message')).toHaveLength(2));
    const [a, b] = sink.received.filter((e) => e.type === 'message');
    expect(b?.sourceId).toBe(a?.sourceId);
  });

  it('leaves out what the account says itself and private chats; notes media and mentions', async () => {
    const { world, sink } = await connect();
    const lin = world.contact('wxid_lin', '小林');
    const ada = world.contact('wxid_ada', 'Ada');
    world.self.say('我自己发的').to(world.room);
    lin.say('私聊：在吗').to(world.self);
    lin.say(FileBox.fromBase64('iVBORw0KGgo=', 'receipt.png')).to(world.room);
    lin.say('@Ada 欢迎', [ada]).to(world.room);
    const messages = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'message');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(messages[0]?.text).toBeUndefined();
    expect(messages[0]?.extra).toEqual({ media: 'image' });
    expect(messages[1]).toMatchObject({ text: '@Ada 欢迎', extra: { mentionIds: ['wxid_ada'] } });
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.received.map((e) => e.text)).not.toContain('我自己发的');
    expect(sink.received.map((e) => e.text)).not.toContain('私聊：在吗');
  });

  it('turns a rename into a service event and the group found again under its new name', async () => {
    const { world, sink } = await connect();
    world.room.topic('读书会 · 春季班').by(world.contact('wxid_owner', '林老师'));
    const [rename] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'service');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rename).toMatchObject({
      text: '读书会 · 春季班',
      actor: { platformUserId: 'wxid_owner' },
      group: { name: '读书会 · 春季班' },
      extra: { action: 'rename_group', name: '读书会 · 春季班', previousName: '读书会 · 3 群' },
    });
    await eventually(() => expect(sink.found.at(-1)).toMatchObject({ name: '读书会 · 春季班' }));
  });
});

describe('WeChat actions', () => {
  it('says a welcome with a mention, and the group sees it from the account', async () => {
    const { world, connection } = await connect();
    const ada = world.contact('wxid_ada', 'Ada');
    world.room.add(ada).by(world.contact('wxid_lin', '小林'));
    const seen: string[] = [];
    // The mock room is an event emitter (its typings lose that): what is said in it, it emits.
    (world.room as unknown as NodeJS.EventEmitter).on(
      'message',
      (message: { payload: { talkerId: string; text?: string } }) => {
        if (message.payload.talkerId === world.self.id) seen.push(message.payload.text ?? '');
      },
    );
    const result = await connection.execute(
      action('send', { text: '欢迎加入读书会！先看群公告', mentionMemberIds: [7] }),
      {
        platformGroupId: world.room.id,
        mentions: [{ memberId: 7, platformUserId: 'wxid_ada', displayName: 'Ada' }],
      },
    );
    expect(result.ok).toBe(true);
    expect(world.calls).toEqual([
      {
        method: 'say',
        roomId: world.room.id,
        text: expect.stringContaining('欢迎加入读书会！先看群公告'),
        mentionIds: ['wxid_ada'],
      },
    ]);
    await eventually(() => expect(seen).toEqual([expect.stringMatching(/^@Ada\s+欢迎加入读书会！先看群公告$/)]));
  });

  it('posts a send with pin as the group announcement where the puppet can, else says it', async () => {
    const { world, connection } = await connect();
    const target = { platformGroupId: world.room.id };
    expect((await connection.execute(action('send', { text: '群规：不发广告', pin: true }), target)).ok).toBe(true);
    expect(world.calls).toEqual([{ method: 'announce', roomId: world.room.id, text: '群规：不发广告' }]);

    const plain = await connect({}, { abilities: { announce: false } });
    expect((await plain.connection.execute(action('send', { text: '群规：不发广告', pin: true }), target)).ok).toBe(
      true,
    );
    expect(plain.world.calls.map((c) => c.method)).toEqual(['say']);
  });

  it('refuses delete and mute permanently, so the plays alert stewards instead', async () => {
    const { world, connection, sink } = await connect();
    world.contact('wxid_spam', '福利号').say('加微 abc123 领福利').to(world.room);
    const [ad] = await eventually(() => {
      const found = sink.received.filter((e) => e.type === 'message');
      expect(found).toHaveLength(1);
      return found;
    });
    const target = {
      platformGroupId: world.room.id,
      member: { platformUserId: 'wxid_spam', displayName: '福利号' },
      message: { sourceId: ad?.sourceId ?? '' },
    };
    expect(connection.capabilities.delete).toBe(false);
    expect(connection.capabilities.mute).toBe(false);
    for (const kind of ['delete', 'mute', 'unmute', 'pin', 'approve', 'create_invite_link', 'alert'] as const) {
      const result = await connection.execute(
        action(kind, { eventId: 1, memberId: 1, until: '2026-12-01T00:00:00Z' }),
        target,
      );
      expect(result, kind).toMatchObject({ ok: false, permanent: true });
      if (!result.ok) expect(result.error, kind).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/i);
    }
    expect(world.calls).toEqual([]);
  });

  it('removes a member where the puppet can, and refuses where it cannot', async () => {
    const { world, connection } = await connect();
    const spam = world.contact('wxid_spam', '福利号');
    world.room.add(spam).by(world.contact('wxid_lin', '小林'));
    const target = { platformGroupId: world.room.id, member: { platformUserId: 'wxid_spam', displayName: '福利号' } };
    expect(await connection.execute(action('remove', { memberId: 3 }), target)).toEqual({ ok: true });
    expect(world.calls).toEqual([{ method: 'remove', roomId: world.room.id, contactId: 'wxid_spam' }]);

    const xp = await connect({}, { puppet: 'wechaty-puppet-xp' });
    expect(xp.connection.capabilities.remove).toBe(false);
    expect(await xp.connection.execute(action('remove', { memberId: 3 }), target)).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(xp.world.calls).toEqual([]);
  });

  it('waits after login before it says anything, and asks to be retried rather than failing', async () => {
    let clock = Date.parse('2026-11-23T08:00:00Z');
    const { world, connection } = await connect({}, { limits: { quietAfterLoginMs: 60_000 }, now: () => clock });
    const target = { platformGroupId: world.room.id };
    clock += 20_000;
    const early = await connection.execute(action('send', { text: '早上好' }), target);
    expect(early).toMatchObject({ ok: false, retryAfterMs: 40_000 });
    expect(early.ok === false && early.permanent).toBeFalsy();
    expect(world.calls).toEqual([]);
    clock += 40_000;
    expect((await connection.execute(action('send', { text: '早上好' }), target)).ok).toBe(true);
  });

  it('asks to be retried later while the account is not logged in', async () => {
    const world = createMockWorld({ login: false });
    const connection = world.connection({ startTimeoutMs: 50 });
    open.push({ world, connection });
    await connection.start(new RecordingSink());
    const result = await connection.execute(action('send', { text: 'hi' }), { platformGroupId: world.room.id });
    expect(result).toMatchObject({ ok: false, retryAfterMs: 60_000 });
    expect(result.ok === false && result.permanent).toBeFalsy();
  });

  it('refuses a send without text and a remove without a member, permanently, before calling WeChat', async () => {
    const { world, connection } = await connect();
    const target = { platformGroupId: world.room.id };
    expect(await connection.execute(action('send', { text: '  ' }), target)).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(await connection.execute(action('remove', { memberId: 3 }), target)).toMatchObject({
      ok: false,
      permanent: true,
    });
    const elsewhere = await connection.execute(action('send', { text: 'hi' }), { platformGroupId: 'gone@chatroom' });
    expect(elsewhere).toMatchObject({ ok: false, permanent: true });
    expect(world.calls).toEqual([]);
  });

  it('carries out only send and remove of all the action kinds', async () => {
    const { world, connection } = await connect();
    const target = {
      platformGroupId: world.room.id,
      member: { platformUserId: 'wxid_owner', displayName: '林老师' },
    };
    const done: string[] = [];
    for (const kind of ACTION_KINDS) {
      const result = await connection.execute(
        action(kind, { text: '测试', memberId: 1, eventId: 1, name: 'x' }),
        target,
      );
      if (result.ok) done.push(kind);
      else expect(result.permanent, kind).toBe(true);
    }
    expect(done).toEqual(['send', 'remove']);
  });
});

describe('WeChat connection options', () => {
  it('declares the conservative limits by default and takes overrides', () => {
    const byDefault = createWechatyConnection({ puppet: 'wechaty-puppet-service' });
    expect(byDefault.limits).toEqual(WECHATY_DEFAULT_LIMITS);
    expect(byDefault.limits.dailyBudget).toBeLessThanOrEqual(500);
    expect(byDefault.limits.globalPerSecond).toBeLessThanOrEqual(0.5);
    const tuned = createWechatyConnection({ puppet: 'wechaty-puppet-service', limits: { dailyBudget: 200 } });
    expect(tuned.limits).toEqual({ ...WECHATY_DEFAULT_LIMITS, dailyBudget: 200 });
  });

  it('refuses bad options, naming the field and why', () => {
    const bad = (options: Parameters<typeof createWechatyConnection>[0]) => {
      try {
        createWechatyConnection(options);
      } catch (error) {
        if (isQunzhuError(error)) return `${error.code}: ${error.message}`;
        throw error;
      }
      throw new Error('accepted');
    };
    expect(bad({ puppet: '' })).toMatch(/^bad_input: .*puppet: an npm package name/);
    expect(bad({ puppet: 'wechaty-puppet-service', limits: { dailyBudget: -1 } })).toMatch(/limits\.dailyBudget/);
    expect(bad({ puppet: 'wechaty-puppet-service', limits: { perChatIntervalMs: 1.5 } })).toMatch(
      /limits\.perChatIntervalMs/,
    );
  });

  it('knows what each puppet can do, and assumes nothing of an unknown one', () => {
    expect(puppetAbilities('wechaty-puppet-wechat4u')).toEqual({ remove: true, announce: false });
    expect(puppetAbilities('wechaty-puppet-xp')).toEqual({ remove: false, announce: false });
    expect(puppetAbilities('wechaty-puppet-somebody-elses')).toEqual({ remove: false, announce: false });
    expect(puppetAbilities('wechaty-puppet-somebody-elses', { remove: true })).toEqual({
      remove: true,
      announce: false,
    });
    expect(Object.keys(PUPPET_ABILITIES)).toContain('wechaty-puppet-service');
    const connection = createWechatyConnection({ puppet: 'wechaty-puppet-wechat4u' });
    expect(connection.capabilities).toMatchObject({ readMessages: true, send: true, remove: true, delete: false });
  });
});
