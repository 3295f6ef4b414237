import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventInput } from '@qunzhu/core';
import { isQunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { byType, members, probe, readAll, scratch, failure as thrownBy } from '../../importer.test-support.js';
import type { ImportOptions, ImportRecord, RejectedRecord } from '../../types.js';
import { telegramImporter } from './index.js';

const fixtures = new URL('../../../fixtures/telegram/', import.meta.url).pathname;
const SINGLE = join(fixtures, 'rust-newbie-village.json');
const ALL = join(fixtures, 'all-chats-2021.json');

const { dir, write } = scratch('telegram', (n) => `f${n}.json`);

const read = (path: string, options: Partial<ImportOptions> = {}) =>
  readAll(telegramImporter, path, { tz: 'Asia/Shanghai', ...options });

/** What reading throws (in UTC unless told), and the records yielded before it. */
const failure = async (path: string, options: Partial<ImportOptions> = {}) => {
  const seen: ImportRecord[] = [];
  const error = await thrownBy(readAll(telegramImporter, path, { tz: 'UTC', ...options }, seen));
  return { error, seen };
};

const bySource = (events: EventInput[], sourceId: string) => {
  const found = events.find((e) => e.sourceId === sourceId);
  if (!found) throw new Error(`no event ${sourceId}`);
  return found;
};

// An independent count straight from the JSON: what each Telegram message should become.
type RawMessage = { type: string; action?: string; members?: string[] };
const expected = (messages: RawMessage[]) => ({
  message: messages.filter((m) => m.type === 'message').length,
  join: messages
    .filter((m) => m.type === 'service')
    .reduce(
      (n, m) =>
        n +
        (m.action === 'join_group_by_link' || m.action === 'join_group_by_request'
          ? 1
          : m.action === 'invite_members'
            ? (m.members?.length ?? 0)
            : 0),
      0,
    ),
  leave: messages.filter((m) => m.action === 'remove_members').reduce((n, m) => n + (m.members?.length ?? 0), 0),
  service: messages.filter(
    (m) => m.type === 'service' && !/^(join_group_by_|invite_members|remove_members)/.test(m.action ?? ''),
  ).length,
});

/** A single-chat export written the way Telegram Desktop writes it. */
const chatExport = (messages: unknown[], chat: Record<string, unknown> = {}) =>
  JSON.stringify({ name: '独立开发者周报群', type: 'private_supergroup', id: 1700123456, ...chat, messages }, null, 1);

const textMessage = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'message',
  date: '2024-05-01T09:30:00',
  date_unixtime: '1714527000',
  from: '何苗',
  from_id: 'user6120394857',
  text: `第 ${id} 条`,
  text_entities: [{ type: 'plain', text: `第 ${id} 条` }],
  ...extra,
});

describe('Telegram Desktop export', () => {
  it('reads a single-chat export: counts, members, joins with inviters, leaves, service', async () => {
    const { events, rejected } = await read(SINGLE);
    expect(rejected).toEqual([]);
    // By hand: 32 messages; joins: 2 by link, 1 by request, 1 self-join, 2 invited; leaves: 1 removed, 1 left.
    const counts = { message: 32, join: 6, leave: 2, service: 1 };
    expect(expected(JSON.parse(readFileSync(SINGLE, 'utf8')).messages)).toEqual(counts);
    expect(byType(events)).toEqual(counts);
    expect(events).toHaveLength(41);
    // 10 senders with ids (one of them the group posting anonymously) + 刘洋 and 孙悦, invited before
    // they ever wrote, known only by name.
    expect(members(events)).toBe(12);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(events.length);

    for (const e of events) {
      expect(e.source).toBe('telegram:-1001461234567');
      expect(e.group).toEqual({
        platform: 'telegram',
        platformGroupId: '-1001461234567',
        name: 'Rust 中文社区 · 新手村',
      });
      expect(e.actor.platform).toBe('telegram');
    }
    expect(bySource(events, '20310')).toMatchObject({
      type: 'message',
      actor: { platform: 'telegram', platformUserId: '5210394877', displayName: '王磊' },
      text: '各位晚上好，本周六（3月16日）晚 8 点线上分享：《所有权与借用，一次讲透》，主讲 @chensiyuan_rs，欢迎新手来听～',
      extra: {
        entities: [
          { type: 'bold', text: '《所有权与借用，一次讲透》' },
          { type: 'mention', text: '@chensiyuan_rs' },
        ],
      },
    });
    expect(bySource(events, '20310').at.toISOString()).toBe('2024-03-15T11:02:11.000Z');
    expect(bySource(events, '20314')).toMatchObject({
      replyTo: '20313',
      text: '欢迎！新手村置顶有学习路线，先把 The Book 前八章过一遍',
    });
    expect(bySource(events, '20314').extra?.entities).toEqual([
      { type: 'text_link', text: 'The Book', href: 'https://doc.rust-lang.org/book/' },
    ]);
    expect(bySource(events, '20323')).toMatchObject({
      type: 'message',
      text: '',
      extra: { photo: 'photos/photo_3@15-03-2024_21-14-08.jpg', width: 1280, height: 720 },
    });
    expect(bySource(events, '20331').extra).toMatchObject({ media_type: 'sticker', sticker_emoji: '👋' });
    expect(bySource(events, '20332').actor).toEqual({
      platform: 'telegram',
      platformUserId: '-1001461234567',
      displayName: 'Rust 中文社区 · 新手村',
    });
    expect(bySource(events, '20326').extra?.reactions).toMatchObject([{ emoji: '👍', count: 3 }]);
    expect(bySource(events, '20333').extra).toMatchObject({
      edited: '2024-03-15T22:40:12',
      edited_unixtime: '1710513612',
    });

    // Joined by someone's link: the export names the link's owner only, who had written here before.
    expect(bySource(events, '20312')).toMatchObject({
      type: 'join',
      actor: { platformUserId: '5873920164', displayName: '周婷' },
      inviter: { platform: 'telegram', platformUserId: '5210394877', displayName: '王磊' },
      extra: { action: 'join_group_by_link' },
    });
    expect(bySource(events, '20327').inviter).toEqual({
      platform: 'telegram',
      platformUserId: '1843029571',
      displayName: '陈思远',
    });
    expect(bySource(events, '20334')).toMatchObject({ type: 'join', actor: { platformUserId: '6234598812' } });
    expect(bySource(events, '20334').inviter).toBeUndefined();
    // Joined a public group by themselves: "invite_members" of their own name.
    expect(bySource(events, '20319')).toMatchObject({ type: 'join', actor: { platformUserId: '6677889900' } });
    expect(bySource(events, '20319').inviter).toBeUndefined();
    // Two invited at once: one join each, the admin as inviter.
    for (const [sourceId, name] of [
      ['20328:1', '刘洋'],
      ['20328:2', '孙悦'],
    ] as const) {
      expect(bySource(events, sourceId)).toMatchObject({
        type: 'join',
        actor: { platformUserId: `name:${name}`, displayName: name },
        inviter: { platformUserId: '5210394877', displayName: '王磊' },
        extra: { action: 'invite_members' },
      });
    }
    // Removed by an admin: named only, but the name was seen with one id when the account joined.
    expect(bySource(events, '20321')).toMatchObject({
      type: 'leave',
      actor: { platformUserId: '6677889900', displayName: 'USDT搬砖日入3000' },
      extra: { action: 'remove_members', removedBy: '5210394877' },
    });
    expect(bySource(events, '20343')).toMatchObject({ type: 'leave', actor: { platformUserId: '902837465' } });
    expect(bySource(events, '20343').extra).toEqual({ action: 'remove_members' });
    expect(bySource(events, '20311')).toMatchObject({
      type: 'service',
      actor: { platformUserId: '5210394877' },
      extra: { action: 'pin_message', message_id: 20310 },
    });
  });

  it('reads an all-chats export: every chat and left chat is its own group, the rest is skipped', async () => {
    const { events, rejected, bytes } = await read(ALL);
    expect(rejected).toEqual([]);
    expect(bytes).toBe(statSync(ALL).size);
    const json = JSON.parse(readFileSync(ALL, 'utf8'));
    const raw = [...json.chats.list, ...json.left_chats.list].flatMap((c: { messages: RawMessage[] }) => c.messages);
    const counts = { message: 8, join: 4, leave: 1, service: 2 };
    expect(expected(raw)).toEqual(counts);
    expect(byType(events)).toEqual(counts);
    // 小鹿老师, 许诺, 杨柳, 何佳琪, 郑晓雯, 阿杰 by id; 许诺, 杨柳, 何佳琪 also by name where they were invited.
    expect(members(events)).toBe(9);
    expect(new Set(events.map((e) => e.source))).toEqual(
      new Set(['telegram:-1001587340921', 'telegram:-1001320458711']),
    );
    expect(bySource(events, '88420')).toMatchObject({
      type: 'leave',
      group: { platformGroupId: '-1001320458711', name: '深圳独立开发者交流' },
      actor: { platformUserId: '1938475620', displayName: '许诺' },
    });
    expect(bySource(events, '1')).toMatchObject({
      type: 'service',
      extra: { action: 'create_channel', title: '小红书运营训练营 · 第7期学员群' },
    });
    expect(bySource(events, '9').inviter).toEqual({
      platform: 'telegram',
      platformUserId: '1750293841',
      displayName: '小鹿老师',
    });
    // Invited before they ever wrote: known by name only.
    expect(events.filter((e) => e.sourceId.startsWith('2:')).map((e) => e.actor.platformUserId)).toEqual([
      'name:许诺',
      'name:杨柳',
      'name:何佳琪',
    ]);
    expect(bySource(events, '6').text).toBe('对，参考 定位模板 填完发群里');
    // No date_unixtime in this older export: "date" is the exporting computer's clock, read in --tz.
    expect(bySource(events, '3').at.toISOString()).toBe('2021-06-07T12:05:40.000Z');
    const utc = await read(ALL, { tz: 'UTC' });
    expect(bySource(utc.events, '3').at.toISOString()).toBe('2021-06-07T20:05:40.000Z');
  });

  it('gives the same ids on every read', async () => {
    for (const path of [SINGLE, ALL]) {
      const first = (await read(path)).events.map((e) => `${e.source}/${e.sourceId}`);
      const second = (await read(path)).events.map((e) => `${e.source}/${e.sourceId}`);
      expect(second).toEqual(first);
    }
  });

  it('puts every record in the group named by --group, keeping ids of different chats apart', async () => {
    const { events } = await read(ALL, { group: '运营总群' });
    expect(events).toHaveLength(15);
    for (const e of events) {
      expect(e.group).toEqual({ platform: 'telegram', platformGroupId: '运营总群', name: '运营总群' });
      expect(e.source).toBe('telegram:运营总群');
    }
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(15);
    expect(events.map((e) => e.sourceId)).toContain('1587340921:3');
    expect(events.map((e) => e.sourceId)).toContain('1320458711:88412');
  });

  it('names people by id where the export names them only by a name seen with exactly one id in the chat', async () => {
    const service = (id: number, actor: [string, string], action: string, more: Record<string, unknown>) => ({
      id,
      type: 'service',
      date: '2024-05-01T10:00:00',
      date_unixtime: String(1714528800 + id),
      actor: actor[0],
      actor_id: actor[1],
      action,
      ...more,
      text: '',
      text_entities: [],
    });
    const miao: [string, string] = ['何苗', 'user6120394857'];
    const path = write(
      chatExport([
        textMessage(1),
        textMessage(2, { from: '小王', from_id: 'user111' }),
        textMessage(3, { from: '小王', from_id: 'user222' }),
        service(4, ['阿宁', 'user333'], 'join_group_by_link', { inviter: '何苗' }),
        service(5, ['阿宁', 'user334'], 'join_group_by_link', { inviter: '小王' }),
        service(6, ['阿宁', 'user335'], 'join_group_by_link', { inviter: '老周' }),
        service(7, miao, 'remove_members', { members: ['小王'] }),
        service(8, miao, 'invite_members', { members: ['阿宁', '何苗'] }),
      ]),
    );
    const { events } = await read(path);
    expect(events.map((e) => [e.sourceId, e.type, e.actor.platformUserId, e.inviter?.platformUserId ?? null])).toEqual([
      ['1', 'message', '6120394857', null],
      ['2', 'message', '111', null],
      ['3', 'message', '222', null],
      ['4', 'join', '333', '6120394857'],
      ['5', 'join', '334', 'name:小王'], // two 小王 with different ids: ambiguous
      ['6', 'join', '335', 'name:老周'], // never seen
      ['7', 'leave', 'name:小王', null],
      ['8:1', 'join', 'name:阿宁', '6120394857'], // 阿宁 was seen with three ids
      ['8:2', 'join', '6120394857', null], // the actor's own name: they joined by themselves
    ]);
    // Names are resolved within one chat only.
    const other = write(
      JSON.stringify({
        about: '',
        chats: {
          about: '',
          list: [
            { name: '甲群', type: 'private_supergroup', id: 1, messages: [textMessage(1)] },
            {
              name: '乙群',
              type: 'private_supergroup',
              id: 2,
              messages: [service(2, ['阿宁', 'user333'], 'join_group_by_link', { inviter: '何苗' })],
            },
          ],
        },
      }),
    );
    expect((await read(other)).events[1]?.inviter?.platformUserId).toBe('name:何苗');
  });

  it('takes date_unixtime when present, else reads date in --tz', async () => {
    const path = write(
      chatExport([
        // date_unixtime is exact: the "date" here was written on a computer in another zone.
        textMessage(1, { date: '2024-05-01T03:30:00', date_unixtime: '1714527000' }),
        textMessage(2, { date: '2024-05-01T09:30:00', date_unixtime: undefined }),
        textMessage(3, { date: '2024-05-01T09:30:00', date_unixtime: '17145x' }),
      ]),
    );
    for (const tz of ['Asia/Shanghai', 'Europe/Moscow']) {
      const { events } = await read(path, { tz });
      expect(bySource(events, '1').at.toISOString()).toBe('2024-05-01T01:30:00.000Z');
    }
    const shanghai = (await read(path, { tz: 'Asia/Shanghai' })).events;
    expect(bySource(shanghai, '2').at.toISOString()).toBe('2024-05-01T01:30:00.000Z');
    expect(bySource(shanghai, '3').at.toISOString()).toBe('2024-05-01T01:30:00.000Z');
    const moscow = (await read(path, { tz: 'Europe/Moscow' })).events;
    expect(bySource(moscow, '2').at.toISOString()).toBe('2024-05-01T06:30:00.000Z');
  });

  it('joins text given as a list of strings and entities', async () => {
    const path = write(
      chatExport([
        textMessage(1, {
          text: [
            '周报第 12 期：',
            { type: 'text_link', text: '点这里', href: 'https://mp.weixin.qq.com/s/abc' },
            '，作者 ',
            { type: 'mention_name', text: '老周', user_id: 5012938475 },
            ' ',
            { type: 'hashtag', text: '#独立开发' },
            { type: 'plain', text: '，欢迎转发' },
          ],
        }),
        textMessage(2, { text: '只有一段纯文本' }),
        textMessage(3, { text: undefined, text_entities: undefined, photo: 'photos/photo_9.jpg' }),
      ]),
    );
    const { events } = await read(path);
    expect(events.map((e) => e.text)).toEqual([
      '周报第 12 期：点这里，作者 老周 #独立开发，欢迎转发',
      '只有一段纯文本',
      '',
    ]);
    expect(events[0]?.extra?.entities).toEqual([
      { type: 'text_link', text: '点这里', href: 'https://mp.weixin.qq.com/s/abc' },
      { type: 'mention_name', text: '老周', user_id: 5012938475 },
      { type: 'hashtag', text: '#独立开发' },
    ]);
    expect(events[0]?.extra).not.toHaveProperty('text_entities');
  });

  it('reads the \\xHH escapes Telegram Desktop writes for control characters, and strips NUL', async () => {
    const json = chatExport([textMessage(1, { text: 'TEMPLATE' }), textMessage(2, { text: 'PATH' })])
      .replace('"TEMPLATE"', '"a\\x00b\\x07c"')
      .replace('"PATH"', '"C:\\\\x41"');
    const { events, rejected } = await read(write(json));
    expect(rejected).toEqual([]);
    expect(events.map((e) => e.text)).toEqual(['ab\u0007c', 'C:\\x41']);
  });

  it('yields a record it cannot read as rejected, with file, line and reason, and goes on', async () => {
    const messages = [
      textMessage(1),
      textMessage(2, { from_id: undefined, from: undefined }),
      textMessage(3, { date: '昨天', date_unixtime: undefined }),
      { id: 4, type: 'unsupported' },
      {
        id: 5,
        type: 'service',
        date: '2024-05-01T10:00:00',
        date_unixtime: '1714528800',
        actor: '何苗',
        actor_id: 'user6120394857',
        action: 'invite_members',
        members: ['钱多多', null],
        text: '',
        text_entities: [],
      },
      'not a message',
      textMessage(7, { type: 'poll_result' }),
      textMessage(8, { text: 42 }),
      textMessage(9, { date_unixtime: '99999999999', date: '2400-01-01T00:00:00' }),
      textMessage(10),
    ];
    const json = chatExport(messages);
    const path = write(json);
    const lines = json.split('\n');
    // The line a message's object starts on: the one before its "id".
    const lineOf = (id: number) => lines.findIndex((l) => l.trim() === `"id": ${id},`);
    const { records, events } = await read(path);
    expect(events.map((e) => e.sourceId)).toEqual(['1', '5:1', '10']);
    const rejected = records.filter((r): r is RejectedRecord => !r.ok);
    expect(rejected.every((r) => r.file === path)).toBe(true);
    expect(rejected.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      `${lineOf(2)}: message has no sender ("from_id")`,
      expect.stringMatching(new RegExp(`^${lineOf(3)}: no usable time: .*"昨天"`)),
      `${lineOf(4)}: Telegram Desktop could not export this message (type "unsupported")`,
      `${lineOf(5)}: "invite_members" lists a member without a name (a deleted account?): member 2 of 2 skipped`,
      `${lines.findIndex((l) => l.includes('"not a message"')) + 1}: each message must be a JSON object`,
      `${lineOf(7)}: "type" must be "message" or "service", got "poll_result"`,
      `${lineOf(8)}: "text" is neither a string nor a list of strings and entities`,
      expect.stringMatching(new RegExp(`^${lineOf(9)}: no usable time`)),
    ]);
    expect(rejected[0]?.text).toContain('"id":2');
  });

  it('refuses inputs it cannot use with a bad_input error that says what to do', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0x08, 0, 0, 0, 1, 2, 3]), /binary file/],
      ['empty', '  \n', /empty/],
      [
        'slack',
        '[{"type":"message","user":"U024BE7LH","text":"hi","ts":"1355517523.000005"}]',
        /not a Telegram Desktop export.*not an object/,
      ],
      [
        'discord',
        JSON.stringify(
          { guild: { id: '1', name: 'Rust' }, channel: { id: '2', type: 'GuildTextChat' }, messages: [] },
          null,
          2,
        ),
        /has "messages" without a numeric chat "id".*not a Telegram Desktop export/,
      ],
      ['other json', '{"version": 3, "users": []}', /neither "messages" nor "chats"/],
      [
        'html',
        '<!DOCTYPE html>\n<html><head><title>Exported Data</title></head><body><div class="page_wrap">',
        /HTML export.*Machine-readable JSON/,
      ],
      [
        'garbage in the middle',
        chatExport([textMessage(1), textMessage(2)]).replace('"第 2 条"', '"第 2 条" ]]'),
        /broken JSON at line \d+/,
      ],
      ['trailing junk', `${chatExport([textMessage(1)])}\n{}`, /more after the end of the export's JSON/],
    ];
    for (const [what, content, message] of cases) {
      const { error } = await failure(write(content));
      expect(isQunzhuError(error), what).toBe(true);
      expect(isQunzhuError(error) && error.code, what).toBe('bad_input');
      expect((error as Error).message, what).toMatch(message);
    }
    const { error } = await failure(SINGLE, { tz: 'Mars/Olympus' });
    expect(isQunzhuError(error) && error.code).toBe('bad_input');
  });

  it('says a cut-off result.json ends early, after yielding what came before, without crashing', async () => {
    const whole = readFileSync(SINGLE);
    for (const fraction of [0.02, 0.5, 0.97]) {
      const { error, seen } = await failure(write(whole.subarray(0, Math.floor(whole.length * fraction))));
      expect(isQunzhuError(error)).toBe(true);
      expect(isQunzhuError(error) && error.code).toBe('bad_input');
      expect((error as Error).message).toMatch(/the JSON ends early, at line \d+.*export is incomplete or was cut off/);
      // The caller discards the file; what came before is only whole records.
      expect(seen.every((r) => r.ok)).toBe(true);
      if (fraction === 0.5) expect(seen.length).toBeGreaterThan(5);
    }
  });

  it('reads a whole export folder through its result.json', async () => {
    const folder = join(dir, 'ChatExport_2024-03-17');
    mkdirSync(join(folder, 'photos'), { recursive: true });
    copyFileSync(SINGLE, join(folder, 'result.json'));
    writeFileSync(join(folder, 'photos', 'photo_3@15-03-2024_21-14-08.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect((await read(folder)).events).toHaveLength(41);
    const html = join(dir, 'ChatExport_html');
    mkdirSync(html);
    writeFileSync(join(html, 'messages.html'), '<!DOCTYPE html>');
    const { error } = await failure(html);
    expect((error as Error).message).toMatch(/HTML export/);
  });

  it('streams: the first records come before most of the file is read', async () => {
    const parts: string[] = [];
    const n = 40_000;
    for (let i = 1; i <= n; i++) {
      parts.push(
        JSON.stringify(
          textMessage(i, {
            text: [
              '这是一条很长的测试消息，用来把文件撑大。'.repeat(3),
              { type: 'code', text: `cargo run --bin n${i}` },
            ],
          }),
          null,
          1,
        ),
      );
    }
    const path = write(
      `{\n "name": "压力测试", "type": "private_supergroup", "id": 1, "messages": [\n${parts.join(',\n')}\n]}`,
    );
    const size = statSync(path).size;
    let counted = 0;
    let countedAtFirst = -1;
    let events = 0;
    const source = { path, isDirectory: false, size, counter: { add: (b: number) => (counted += b) } };
    for await (const r of telegramImporter.read(source, { tz: 'UTC' })) {
      if (countedAtFirst < 0) countedAtFirst = counted;
      if (r.ok) events += 1;
    }
    expect(size).toBeGreaterThan(10_000_000);
    expect(events).toBe(n);
    expect(countedAtFirst).toBeLessThan(size / 10);
    expect(counted).toBe(size);
    // A reader that stops early closes the file and nothing is left running.
    let taken = 0;
    for await (const _ of telegramImporter.read({ ...source, counter: { add: () => {} } }, { tz: 'UTC' })) {
      if (++taken === 10) break;
    }
    expect(taken).toBe(10);
  });

  it('reads a result.json an editor saved as UTF-16, and reads bad UTF-8 bytes as UTF-8, not GB18030', async () => {
    const utf16 = write(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SINGLE, 'utf8'), 'utf16le')]),
    );
    const { events } = await read(utf16);
    expect(events).toHaveLength(41);
    expect(bySource(events, '20313').text).toBe('大家好，刚学 Rust 两周，从 Go 转过来的，请多指教 🙏');
    const bad = Buffer.from(chatExport([textMessage(1, { text: '群主好' }), textMessage(2, { text: 'XX' })]));
    bad.set([0xc3, 0x28], bad.indexOf('XX'));
    const mixed = await read(write(bad), { encoding: 'auto' });
    expect(mixed.events.map((e) => e.text)).toEqual(['群主好', '\uFFFD(']);
  });

  it('reads minified JSON (one line) as well', async () => {
    const path = write(
      JSON.stringify({ name: '群', type: 'private_group', id: 42, messages: [textMessage(1), { id: 2 }] }),
    );
    const { events, rejected } = await read(path);
    expect(events).toHaveLength(1);
    expect(rejected.map((r) => r.line)).toEqual([1]);
  });

  it('detects its exports and not the look-alikes', () => {
    expect(telegramImporter.detect(probe(SINGLE))).toBeGreaterThanOrEqual(0.9);
    expect(telegramImporter.detect(probe(ALL))).toBeGreaterThanOrEqual(0.9);
    const folder = { path: '/x/ChatExport', name: 'ChatExport', isDirectory: true, head: Buffer.alloc(0) };
    expect(
      telegramImporter.detect({ ...folder, entries: ['css/style.css', 'photos/p.jpg', 'result.json'] }),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      telegramImporter.detect({ ...folder, entries: ['channels.json', 'users.json', 'general/2024-01-01.json'] }),
    ).toBe(0);

    const lookAlikes: Record<string, string> = {
      'discord.json': JSON.stringify(
        {
          guild: { id: '81384788765712384', name: 'Discord API' },
          channel: { id: '381887113391505410', type: 'GuildTextChat', name: 'general' },
          messages: [
            { id: '1', type: 'Default', timestamp: '2018-01-01T00:00:00+00:00', content: 'hi', author: { id: '2' } },
          ],
        },
        null,
        2,
      ),
      'slack.json':
        '[\n    {\n        "type": "message",\n        "user": "U024BE7LH",\n        "text": "hi",\n        "ts": "1355517523.000005"\n    }\n]',
      'history.jsonl':
        '{"type":"message","group":"#ubuntu","user":"crimsun","at":"2004-12-25T09:14:00Z","text":"hi"}\n',
      'qq.txt':
        '消息记录（此消息记录为文本格式，不支持重新导入）\n\n================================================================\n消息分组:我的QQ群\n',
      'other.json': '{"messages": [{"id": 1, "text": "hello", "date": "2024-01-01"}]}',
      'page.html': '<!DOCTYPE html><html><body>hello</body></html>',
    };
    for (const [name, content] of Object.entries(lookAlikes)) {
      expect(telegramImporter.detect(probe(write(content, name))), name).toBeLessThan(0.3);
    }
  });
});
