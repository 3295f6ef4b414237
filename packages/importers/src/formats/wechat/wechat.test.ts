import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QunzhuError } from '@qunzhu/core';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { count, failure, probe, readAll, scratch } from '../../importer.test-support.js';
import type { ImportOptions } from '../../types.js';
import { wechatImporter } from './index.js';
import { parseSystemText } from './system.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const COURSE = join(fixtures, 'wechat', 'AI副业训练营7期转化群_utf8.csv');
const REAL_SHAPE = join(fixtures, 'wechat', '小红书运营交流群_utf8.csv');
const HEADER = 'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender';
const ROOM = '20873165432@chatroom';

const { write } = scratch('wechat', (n) => `f${n}.csv`);

const read = (path: string, options: Partial<ImportOptions> = {}) =>
  readAll(wechatImporter, path, { tz: 'Asia/Shanghai', ...options });

describe('WeChatMsg / 留痕 CSV', () => {
  it('reads the conversion group with exact counts', async () => {
    const { records, events, bytes } = await read(COURSE);
    expect(records.every((r) => r.ok)).toBe(true);
    expect(bytes).toBe(statSync(COURSE).size);
    // Independent count of the rows by Type.
    const rows = parse(readFileSync(COURSE), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(31);
    expect(rows.filter((r) => r.Type === '10000')).toHaveLength(8);
    expect(rows.filter((r) => r.Type === '10002')).toHaveLength(1);
    // One invitation names two people, so 31 rows give 32 events.
    expect(events).toHaveLength(32);
    expect(count(events, 'message')).toBe(22);
    expect(count(events, 'join')).toBe(5);
    expect(count(events, 'leave')).toBe(1);
    expect(count(events, 'service')).toBe(4);
    // self, system, 6 wxids, and name:Kevin老师/王磊/Cindy 陈/赵小雨/阿峰/推广号-优惠券 from system lines.
    expect(new Set(events.map((e) => e.actor.platformUserId)).size).toBe(14);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(32);
    expect(events[1]).toMatchObject({
      type: 'message',
      source: `wechat:${ROOM}`,
      group: { platform: 'wechat', platformGroupId: ROOM, name: 'AI副业训练营7期转化群' },
      actor: { platform: 'wechat', platformUserId: 'self', displayName: '小美老师｜训练营班主任' },
    });
  });

  it('attributes joins to their inviters and removals to the remover', async () => {
    const { events } = await read(COURSE);
    const joins = events
      .filter((e) => e.type === 'join')
      .map((e) => [e.actor.platformUserId, e.inviter?.platformUserId, e.extra?.via ?? null]);
    expect(joins).toEqual([
      ['name:Kevin老师', 'self', null],
      ['name:王磊', 'name:Kevin老师', null],
      ['name:Cindy 陈', 'name:Kevin老师', null],
      ['name:赵小雨', 'self', '二维码'],
      ['name:阿峰', 'name:Kevin老师', '二维码'],
    ]);
    expect(events.find((e) => e.type === 'join' && e.actor.platformUserId === 'name:Cindy 陈')?.actor.displayName).toBe(
      'Cindy 陈',
    );
    expect(events.find((e) => e.type === 'leave')).toMatchObject({
      actor: { platformUserId: 'name:推广号-优惠券', displayName: '推广号-优惠券' },
      extra: { removedBy: 'name:Kevin老师' },
    });
    const services = events.filter((e) => e.type === 'service').map((e) => [e.extra?.action, e.actor.platformUserId]);
    expect(services).toEqual([
      ['not_friends_notice', 'system'],
      ['rename_group', 'name:Kevin老师'],
      ['revoke', 'name:阿峰'],
      ['revoke', 'name:王磊'],
    ]);
    expect(events.find((e) => e.extra?.action === 'rename_group')?.extra?.name).toBe('AI副业训练营·7期（今晚8点直播）');
  });

  it('reads message kinds and quoted content with commas, quotes and newlines', async () => {
    const { events } = await read(COURSE);
    const messages = events.filter((e) => e.type === 'message');
    expect(messages.filter((e) => e.extra?.media).map((e) => [e.extra?.media, e.text])).toEqual([
      ['sticker', ''],
      ['link', '小红书爆款笔记的 5 个标题公式'],
      ['image', ''],
      ['voice', ''],
      ['file', '7期正式课-课程大纲.pdf'],
    ]);
    expect(messages.find((e) => e.extra?.media === 'link')?.extra?.url).toBe(
      'https://mp.weixin.qq.com/s/Xq3b8LkP2mZ9v7tR1sYwNg',
    );
    expect(messages.find((e) => e.text?.startsWith('看完了'))?.text).toBe(
      '看完了，总结三点：\n1. 标题要有"数字+结果"，比如"7天涨粉1000"\n2. 封面统一风格, 别太花\n3. 发布时间晚上 8-10 点',
    );
  });

  it('takes CreateTime as exact and reads StrTime in options.tz when CreateTime is missing', async () => {
    const shanghai = (await read(COURSE)).events;
    const utc = (await read(COURSE, { tz: 'UTC' })).events;
    expect(utc.map((e) => e.at)).toEqual(shanghai.map((e) => e.at));
    expect(shanghai[0]?.at.toISOString()).toBe('2024-03-12T11:02:11.000Z');
    const noEpoch = write(`${HEADER}\r\n5,${ROOM},1,0,0,,0,早,2024-03-12 19:02:11,,王磊,wxid_w4ngl31_88\r\n`);
    expect((await read(noEpoch)).events[0]?.at.toISOString()).toBe('2024-03-12T11:02:11.000Z');
    expect((await read(noEpoch, { tz: 'UTC' })).events[0]?.at.toISOString()).toBe('2024-03-12T19:02:11.000Z');
  });

  it('derives ids that survive a second read and a re-export with other localIds', async () => {
    const first = (await read(COURSE)).events.map((e) => e.sourceId);
    expect((await read(COURSE)).events.map((e) => e.sourceId)).toEqual(first);
    // localId is only unique per database: renumber every row; the ids must not move.
    const renumbered = readFileSync(COURSE, 'utf8').replace(/^(\d+),/gm, (_all, n: string) => `${Number(n) + 5000},`);
    expect(renumbered).not.toBe(readFileSync(COURSE, 'utf8'));
    expect((await read(write(renumbered))).events.map((e) => e.sourceId)).toEqual(first);
    // The two identical "[强][强]" rows (same second, same author) stay two.
    const thumbs = (await read(COURSE)).events.filter((e) => e.text === '[强][强]');
    expect(thumbs).toHaveLength(2);
    expect(thumbs[0]?.sourceId).not.toBe(thumbs[1]?.sourceId);
  });

  it('reads the shape WeChatMsg writes: numeric TalkerId, own wxid filled in, name from the file', async () => {
    const { records, events } = await read(REAL_SHAPE);
    expect(records.every((r) => r.ok)).toBe(true);
    expect([count(events, 'message'), count(events, 'join'), count(events, 'leave'), count(events, 'service')]).toEqual(
      [3, 2, 0, 0],
    );
    expect(events[0]?.group).toEqual({ platform: 'wechat', platformGroupId: '27', name: '小红书运营交流群' });
    expect(events[0]?.actor).toEqual({ platform: 'wechat', platformUserId: 'wxid_ownr5k2j9x22', displayName: '阿杰' });
    // 你 in a system line is the account whose own rows carry wxid_ownr5k2j9x22.
    expect(events.find((e) => e.actor.platformUserId === 'name:小林')?.inviter?.platformUserId).toBe(
      'wxid_ownr5k2j9x22',
    );
    expect(events.find((e) => e.actor.platformUserId === 'name:大鹏')?.inviter).toEqual({
      platform: 'wechat',
      platformUserId: 'name:Momo🍑',
      displayName: 'Momo🍑',
    });
  });

  it('puts every record in the group named by options.group', async () => {
    const { events } = await read(COURSE, { group: '训练营 7 期' });
    expect(events).toHaveLength(32);
    for (const e of events) {
      expect(e.source).toBe('wechat:训练营 7 期');
      expect(e.group).toEqual({ platform: 'wechat', platformGroupId: '训练营 7 期', name: '训练营 7 期' });
    }
  });

  it('reads a copy saved as GB18030 (Excel) into identical events', async () => {
    const text = readFileSync(COURSE, 'utf8').replace(/^\uFEFF/, '');
    const gbk = write(iconv.encode(text, 'gb18030'), basename(COURSE));
    expect(readFileSync(gbk).subarray(0, 3)).not.toEqual(readFileSync(COURSE).subarray(0, 3));
    const [utf8, gb] = [(await read(COURSE)).events, (await read(gbk)).events];
    expect(gb).toHaveLength(32);
    expect(gb).toEqual(utf8);
  });

  it('yields unreadable rows as rejected, with file, line and reason, and goes on', async () => {
    const lines = [
      HEADER,
      `1,${ROOM},1,0,0,1710241331,0,正常,2024-03-12 19:02:11,,王磊,wxid_w4ngl31_88`,
      `2,${ROOM},text,0,0,1710241332,0,类型不对,2024-03-12 19:02:12,,王磊,wxid_w4ngl31_88`,
      `3,${ROOM},1,0,0,1710241333000,0,毫秒,not a time,,王磊,wxid_w4ngl31_88`,
      `4,${ROOM},1,0,0,1710241334,0,"两行`,
      `内容但没有发送人",2024-03-12 19:02:14,,,`,
      `5,${ROOM},1,0,0,1710241335`,
      `6,,1,0,0,1710241336,0,没有群,2024-03-12 19:02:16,,王磊,wxid_w4ngl31_88`,
      `7,${ROOM},1,0,0,1710241337,0,最后一条,2024-03-12 19:02:17,,王磊,wxid_w4ngl31_88`,
      `8,${ROOM},1,0,0,1710241338,0,"被截断的`,
    ];
    const path = write(lines.join('\r\n'));
    const { records } = await read(path);
    expect(records.every((r) => r.ok || r.file === path)).toBe(true);
    const summary = records.map((r) => (r.ok ? `ok ${r.event.text}` : `${r.line}: ${r.reason}`));
    // In file order, with the line each record starts on (the fifth spans lines 5-6, joined by CRLF).
    expect(summary).toEqual([
      'ok 正常',
      '3: Type "text" is not a WeChat message type number',
      '4: CreateTime "1710241333000" is not epoch seconds between 1970 and 2100 and StrTime "not a time" is not a date and time (YYYY-MM-DD HH:MM:SS)',
      '5: Sender is empty on a message the exporting account did not send, so its author is unknown',
      expect.stringMatching(/^7: Invalid Record Length: columns length is 12, got 6/),
      '8: TalkerId is empty, so the chat is unknown; name the group with --group',
      'ok 最后一条',
      expect.stringMatching(/^10: the file ends inside a quoted field: it was probably cut off/),
    ]);
  });

  it('refuses unusable input with bad_input naming what is wrong', async () => {
    const noType = write(
      `localId,TalkerId,SubType,CreateTime,StrContent,Sender\r\n1,${ROOM},0,1710241331,早,wxid_a\r\n`,
    );
    const noTime = write(`TalkerId,Type,IsSender,StrContent\r\n${ROOM},1,0,早\r\n`);
    const binary = write(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0, 0xb7, 0xac, 0xce, 0x34]));
    const neither = write('time,user,text\r\n2024-03-12 19:02:11,王磊,早\r\n');
    const qq = join(fixtures, 'qq', 'python-study-group.utf16le.txt');
    const cut = write(HEADER.slice(0, 20));
    const cases: [string, RegExp][] = [
      [
        noType,
        /missing columns "Type", "IsSender"; a WeChatMsg\/留痕 CSV export starts with the header localId,TalkerId/,
      ],
      [noTime, /missing column "CreateTime \(or StrTime\)"/],
      [binary, /binary file, not a WeChatMsg/],
      [neither, /not a WeChatMsg\/留痕 CSV export: its first line should be the header localId,TalkerId,Type/],
      [qq, /not a WeChatMsg\/留痕 CSV export/],
      [cut, /missing columns "Type", "IsSender", "StrContent", "CreateTime \(or StrTime\)"/],
      [write(''), /empty/],
    ];
    for (const [path, message] of cases) {
      const error = await failure(read(path));
      expect(error).toBeInstanceOf(QunzhuError);
      expect((error as QunzhuError).code).toBe('bad_input');
      expect((error as QunzhuError).message).toMatch(message);
      expect((error as QunzhuError).message.startsWith(path)).toBe(true);
    }
  });

  it('is detected from the header, and not for look-alikes', () => {
    expect(wechatImporter.detect(probe(COURSE))).toBeGreaterThanOrEqual(0.9);
    expect(wechatImporter.detect(probe(REAL_SHAPE))).toBeGreaterThanOrEqual(0.9);
    const lookAlikes = [
      join(fixtures, 'qq', 'python-study-group.utf8.txt'),
      join(fixtures, 'qq', 'python-study-group.utf16le.txt'),
      write('time,user,text\r\n2024-03-12 19:02:11,王磊,早\r\n'),
      write('{"type":"message","group":"#ubuntu","user":"crimsun","at":"2004-12-25T09:14:00Z"}\n'),
      write(Buffer.from([0, 1, 2, 3, 0xff, 0xd8, 0xff, 0xe0])),
    ];
    for (const path of lookAlikes) expect(wechatImporter.detect(probe(path))).toBeLessThan(0.3);
  });
});

describe('WeChat system lines', () => {
  const B = { self: false, name: 'B' };
  it('reads every membership wording, and nothing else as membership', () => {
    expect(parseSystemText('"A"邀请你和"B"加入了群聊，群聊参与人还有：C、D')).toEqual([
      { kind: 'join', member: { self: true }, inviter: { self: false, name: 'A' } },
      { kind: 'join', member: B, inviter: { self: false, name: 'A' } },
    ]);
    expect(parseSystemText('“A”邀请“B”加入了群聊  撤销')).toEqual([
      { kind: 'join', member: B, inviter: { self: false, name: 'A' } },
    ]);
    expect(parseSystemText('你将"B"、"C"移出了群聊').map((f) => f.kind === 'leave' && f.removedBy)).toEqual([
      { self: true },
      { self: true },
    ]);
    expect(parseSystemText('你被"A"移出群聊')).toEqual([
      { kind: 'leave', member: { self: true }, removedBy: { self: false, name: 'A' } },
    ]);
    expect(parseSystemText('"A"邀请加入了群聊')).toEqual([{ kind: 'service', action: 'system' }]);
    expect(parseSystemText('"A"拍了拍"B"')).toEqual([
      { kind: 'service', action: 'pat', actor: { self: false, name: 'A' } },
    ]);
    expect(parseSystemText('以下为新消息')).toEqual([{ kind: 'service', action: 'system' }]);
  });
});
