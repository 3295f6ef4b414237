import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { count, failure, members, probe, readAll, scratch } from '../../importer.test-support.js';
import type { ImportOptions } from '../../types.js';
import { qqImporter } from './index.js';
import { parseHeader, parseNotice } from './parse.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const fixture = (name: string) => join(fixtures, 'qq', name);
const ENCODINGS = ['utf8', 'utf16le', 'gb18030'] as const;
const study = (encoding: (typeof ENCODINGS)[number]) => fixture(`python-study-group.${encoding}.txt`);

const { write } = scratch('qq', (n) => `f${n}.txt`);

const read = (path: string, options: Partial<ImportOptions> = {}) =>
  readAll(qqImporter, path, { tz: 'Asia/Shanghai', ...options });

describe('QQ 消息管理器 text export', () => {
  it('reads the study group with exact counts', async () => {
    const { records, events } = await read(study('utf8'));
    expect(records.every((r) => r.ok)).toBe(true);
    // Independent count: header lines in the file, and those written by 系统消息(10000).
    const lines = readFileSync(study('utf8'), 'utf8').split(/\r?\n/);
    const headers = lines.filter((l) => /^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2} .*(\(\d+\)|<.+>)$/.test(l));
    const notices = headers.filter((l) => l.endsWith(' 系统消息(10000)'));
    expect(headers.length).toBe(30);
    expect(notices.length).toBe(4);
    expect(events.length).toBe(30);
    expect(count(events, 'message')).toBe(26);
    expect(count(events, 'join')).toBe(2);
    expect(count(events, 'leave')).toBe(1);
    expect(count(events, 'service')).toBe(1);
    // 8 authors (7 QQ numbers + 1 e-mail), 林晓/大橙子/王浩 by nickname in notices, and 10000.
    expect(members(events)).toBe(12);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(30);
  });

  it('gives identical events for UTF-8, UTF-16LE and GB18030 copies', async () => {
    const [utf8, utf16, gb] = await Promise.all(ENCODINGS.map(async (e) => (await read(study(e))).events));
    expect(utf8?.length).toBe(30);
    expect(utf16).toEqual(utf8);
    expect(gb).toEqual(utf8);
    // Named encodings work too, and the byte counter sees the whole file.
    const named = await read(study('gb18030'), { encoding: 'gb18030' });
    expect(named.events).toEqual(utf8);
    expect(named.bytes).toBe(statSync(study('gb18030')).size);
  });

  it('takes the identity from the last (QQ号) or <email> of the header', async () => {
    const { events } = await read(study('utf16le'));
    const actor = (id: string) => events.find((e) => e.actor.platformUserId === id)?.actor;
    expect(actor('571203948')).toEqual({
      platform: 'qq',
      platformUserId: '571203948',
      displayName: 'Tony (深圳) 数据分析(转行中)',
    });
    expect(actor('1203948576')?.displayName).toBe('Luna(1998)');
    expect(actor('zhou.wenjing@foxmail.com')?.displayName).toBe('周周');
    const owner = events[0];
    expect(owner).toMatchObject({
      type: 'message',
      source: 'qq:Python 学习交流群',
      group: { platform: 'qq', platformGroupId: 'Python 学习交流群', name: 'Python 学习交流群' },
      actor: { platformUserId: '283746519', displayName: '陈老师' },
      extra: { title: '群主' },
    });
  });

  it('keeps multi-line content, trims the trailing blank line, marks media-only messages', async () => {
    const { events } = await read(study('utf8'));
    const homework = events.find((e) => e.text?.startsWith('作业做完了'));
    expect(homework?.text).toBe('作业做完了，统计结果：\n一班 32 人\n二班 29 人\n\n三班 31 人');
    const code = events.find((e) => e.text?.startsWith('开始了'));
    expect(code?.text?.split('\n')).toHaveLength(4);
    const media = events.filter((e) => e.extra?.media === true).map((e) => e.text);
    expect(media).toEqual(['[表情]', '[图片]', '[表情]']);
    expect(events.at(-1)?.text).toBe('有，八点半，讲函数。\n[图片]');
    expect(events.at(-1)?.extra?.media).toBeUndefined();
  });

  it('turns 系统消息 into joins, a leave and a service event', async () => {
    const { events } = await read(study('utf8'));
    const joins = events.filter((e) => e.type === 'join');
    expect(joins.map((e) => e.actor)).toEqual([
      { platform: 'qq', platformUserId: 'name:林晓', displayName: '林晓' },
      { platform: 'qq', platformUserId: 'name:大橙子', displayName: '大橙子' },
    ]);
    expect(events.find((e) => e.type === 'leave')?.actor.platformUserId).toBe('name:王浩');
    expect(events.find((e) => e.type === 'service')).toMatchObject({
      actor: { platformUserId: '10000' },
      extra: { action: 'rename_group' },
    });
  });

  it('reads times without an offset in options.tz', async () => {
    const shanghai = (await read(study('utf8'))).events;
    const utc = (await read(study('utf8'), { tz: 'UTC' })).events;
    expect(shanghai[0]?.at.toISOString()).toBe('2019-03-05T12:01:13.000Z');
    expect(utc[0]?.at.toISOString()).toBe('2019-03-05T20:01:13.000Z');
    // "8:05:12": hours without a leading zero.
    expect(shanghai.find((e) => e.text?.startsWith('早上好'))?.at.toISOString()).toBe('2019-03-06T00:05:12.000Z');
  });

  it('gives the same ids on a second read and keeps identical messages apart', async () => {
    const first = (await read(study('utf8'))).events.map((e) => e.sourceId);
    const second = (await read(study('utf8'))).events.map((e) => e.sourceId);
    expect(second).toEqual(first);
    const twice = [
      '消息对象:读书会',
      '',
      '2020-01-01 9:00:00 小鹿(30917254)',
      '打卡',
      '',
      '2020-01-01 9:00:00 小鹿(30917254)',
      '打卡',
    ];
    const { events } = await read(write(twice.join('\r\n')));
    expect(events).toHaveLength(2);
    expect(events[0]?.sourceId).not.toBe(events[1]?.sourceId);
  });

  it('splits an export of several 消息对象 into groups, with inviters', async () => {
    const { events } = await read(fixture('export-all.utf16le.txt'));
    const groups = [...new Set(events.map((e) => e.group.platformGroupId))];
    expect(groups).toEqual(['Python 学习交流群', '数据分析打卡群']);
    expect(events.filter((e) => e.group.platformGroupId === '数据分析打卡群')).toHaveLength(3);
    expect(count(events, 'message')).toBe(4);
    const join = events.find((e) => e.type === 'join');
    expect(join).toMatchObject({
      source: 'qq:数据分析打卡群',
      actor: { platformUserId: 'name:小吴', displayName: '小吴' },
      inviter: { platformUserId: 'name:阿May', displayName: '阿May' },
    });
  });

  it('puts every record in the group named by options.group', async () => {
    const { events } = await read(fixture('export-all.utf16le.txt'), { group: 'Python 社群' });
    expect(events).toHaveLength(5);
    for (const e of events) {
      expect(e.source).toBe('qq:Python 社群');
      expect(e.group).toEqual({ platform: 'qq', platformGroupId: 'Python 社群', name: 'Python 社群' });
    }
  });

  it('yields unreadable records as rejected, with file, line and reason, and goes on', async () => {
    const text = [
      '消息记录（此消息记录为文本格式，不支持重新导入）',
      '',
      '2019-03-05 20:00:00 小鹿(30917254)',
      '这条在消息对象之前',
      '',
      '================================================================',
      '消息分组:我的QQ群',
      '================================================================',
      '消息对象:Python 学习交流群',
      '================================================================',
      '',
      '没有消息头的一行',
      '',
      '2019-02-30 25:61:00 小鹿(30917254)',
      '时间不对',
      '',
      '2019-03-05 20:01:00 小鹿(30917254)',
      '分隔线也是正文：',
      '================',
      '2019-03-05 not a header (123456)',
    ].join('\r\n');
    const path = write(text);
    const { records } = await read(path);
    expect(records.map((r) => (r.ok ? `ok: ${r.event.text}` : `${r.line}: ${r.reason}`))).toEqual([
      expect.stringMatching(/^3: this message comes before any "消息对象:" line/),
      expect.stringMatching(/^12: text outside any message/),
      '14: "2019-02-30 25:61:00" is not a date and time between 1970 and 2100',
      'ok: 分隔线也是正文：\n================\n2019-03-05 not a header (123456)',
    ]);
    expect(records.every((r) => r.ok || r.file === path)).toBe(true);
  });

  it('rejects a message that runs on for more than 100,000 characters instead of holding it', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `第 ${i} 行：${'很长的内容'.repeat(8)}`);
    const text = [
      '消息对象:读书会',
      '',
      '2020-01-01 9:00:00 小鹿(30917254)',
      ...long,
      '',
      '2020-01-01 9:01:00 林晓(846201375)',
      '好',
    ];
    const { records } = await read(write(text.join('\n')));
    expect(records.map((r) => (r.ok ? `ok ${r.event.text}` : `${r.line}: ${r.reason}`))).toEqual([
      expect.stringMatching(/^3: the message is longer than 100000 characters: the file may be damaged/),
      'ok 好',
    ]);
  });

  it('refuses unusable input with bad_input, never a TypeError', async () => {
    const binary = write(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    const empty = write('');
    const csv = fixtures.concat('wechat/AI副业训练营7期转化群_utf8.csv');
    const prose = write('今天天气不错，我们去公园散步吧。\n明天见。\n');
    const nameless = write('2019-03-05 20:01:13 小鹿(30917254)\n没有消息对象\n');
    const cases: [string, RegExp][] = [
      [binary, /binary file, not a QQ/],
      [empty, /empty/],
      [csv, /not a QQ 消息管理器 text export: expected lines like/],
      [prose, /not a QQ 消息管理器 text export/],
      [nameless, /no "消息对象:" line .* --group/],
    ];
    for (const [path, message] of cases) {
      const error = await failure(read(path));
      expect(error).toBeInstanceOf(QunzhuError);
      expect((error as QunzhuError).code).toBe('bad_input');
      expect((error as QunzhuError).message).toMatch(message);
      expect((error as QunzhuError).message.startsWith(path)).toBe(true);
    }
    // With --group the nameless file is fine.
    expect((await read(nameless, { group: '读书会' })).events).toHaveLength(1);
    // A file cut off mid-message keeps what it has (there is nothing to detect in plain text).
    const cut = readFileSync(study('utf8'), 'utf8').slice(0, 400);
    const { records } = await read(write(cut));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.ok)).toBe(true);
  });

  it('is detected from content in every encoding, and not for look-alikes', () => {
    for (const e of ENCODINGS) expect(qqImporter.detect(probe(study(e)))).toBeGreaterThanOrEqual(0.9);
    expect(qqImporter.detect(probe(fixture('export-all.utf16le.txt')))).toBeGreaterThanOrEqual(0.9);
    const lookAlikes = [
      fixtures.concat('wechat/AI副业训练营7期转化群_utf8.csv'),
      write('{"type":"message","group":"#ubuntu","user":"crimsun","at":"2004-12-25T09:14:00Z","text":"hi"}\n'),
      write("[09:14] <crimsun> kleedrac: I'm afraid not.\n[09:15] * L0sT has joined #ubuntu\n"),
      write('2004-12-25 09:14:00 <crimsun> kleedrac: no\n2004-12-25 09:15:00 <will> VLC\n'),
      write(Buffer.from([0, 1, 2, 3, 0xff, 0xd8, 0xff, 0xe0])),
    ];
    for (const path of lookAlikes) expect(qqImporter.detect(probe(path))).toBeLessThan(0.3);
  });
});

describe('QQ headers and notices', () => {
  it('reads header and notice variants', () => {
    expect(parseHeader('2019-03-05 21:43:27 (123456789)')).toEqual({
      wallTime: '2019-03-05 21:43:27',
      userId: '123456789',
      nickname: '',
    });
    expect(parseHeader('2019-03-05 21:43:27 【管理员】小鹿(30917254)')).toMatchObject({
      nickname: '小鹿',
      title: '管理员',
    });
    expect(parseHeader('2019-03-05 21:43:27 今晚开会 (2019)')).toBeNull();
    expect(parseNotice('林晓(846201375) 加入本群')).toEqual({
      kind: 'join',
      member: { userId: '846201375', nickname: '林晓' },
    });
    expect(parseNotice('王浩 被管理员移出本群')).toEqual({
      kind: 'leave',
      member: { userId: 'name:王浩', nickname: '王浩' },
      removedBy: 'admin',
    });
    expect(parseNotice('王浩被群主移出本群。')).toMatchObject({ kind: 'leave', removedBy: 'owner' });
    expect(parseNotice('王浩 已退出本群')).toMatchObject({ kind: 'leave', member: { userId: 'name:王浩' } });
    expect(parseNotice('小鹿 撤回了一条消息')).toEqual({ kind: 'service', action: 'notice' });
  });
});
