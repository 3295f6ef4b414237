import { readFileSync } from 'node:fs';
import { isQunzhuError } from '@qunzhu/core';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { count, events, failure, probe, readAll, scratch } from '../../importer.test-support.js';
import { sniffDelimiter } from '../../shared/csv-header.js';
import type { CsvMapping, ImportOptions } from '../../types.js';
import { csvImporter, parseCsvTime } from './index.js';

const FIXTURE = new URL('../../../fixtures/csv/signup-bot-log.csv', import.meta.url).pathname;
const MAPPING: CsvMapping = {
  at: '时间',
  group: '群名',
  user: '用户ID',
  name: '群昵称',
  type: '事件',
  text: '内容',
  inviter: '邀请人',
};

const { write } = scratch('csv', (n) => `t${n}.csv`);

/** Reads with the fixture's mapping, platform wechat and China time, unless told otherwise or to `omit` them. */
const read = async (path: string, options: Partial<ImportOptions> = {}, omit: (keyof ImportOptions)[] = []) => {
  const all: ImportOptions = { tz: 'Asia/Shanghai', csvMapping: MAPPING, platform: 'wechat', ...options };
  for (const key of omit) delete all[key];
  return (await readAll(csvImporter, path, all)).records;
};

describe('generic CSV with a column mapping', () => {
  it('reads a sign-up bot log: messages, joins with inviters, leaves, two groups', async () => {
    const records = await read(FIXTURE);
    expect(records.every((r) => r.ok)).toBe(true);
    const list = events(records);
    expect(list).toHaveLength(21);
    expect(count(list, 'message')).toBe(15);
    expect(count(list, 'join')).toBe(4);
    expect(count(list, 'leave')).toBe(2);
    expect(new Set(list.map((e) => e.actor.platformUserId)).size).toBe(8);
    expect(list.filter((e) => e.group.platformGroupId === '周末读书会1群')).toHaveLength(15);
    expect(list.filter((e) => e.group.platformGroupId === '周末读书会2群')).toHaveLength(6);
    expect(list.filter((e) => e.inviter)).toHaveLength(3);

    expect(list[0]).toMatchObject({
      type: 'join',
      source: 'wechat:周末读书会1群',
      group: { platform: 'wechat', platformGroupId: '周末读书会1群', name: '周末读书会1群' },
      actor: { platform: 'wechat', platformUserId: 'wxid_4k7m2p9q1s3t', displayName: '林小满' },
      inviter: { platform: 'wechat', platformUserId: 'wxid_8d2f6h1j4l7n' },
      extra: { 备注: '扫码入群' },
    });
    // 20:15:03 China time.
    expect(list[0]?.at.toISOString()).toBe('2024-03-02T12:15:03.000Z');
    expect(list[1]?.text).toBe('大家好，我是小满，刚从豆瓣小组过来 👋');
    expect(list[2]?.text).toBe(
      '【报名】3月9日（周六）线下读书会\n书目：《置身事内》\n地点：静安区愚园路 XX 书店二楼\n名额 12 人，回复"报名+姓名"即可',
    );
    expect(list[19]?.text).toBe('低价代购，加V：xxx "保真"');
    expect(list[20]).toMatchObject({ type: 'leave', extra: { 备注: '被群主移出' } });
  });

  it('gives the same ids on every read, keeps identical rows apart, and uses an id column when mapped', async () => {
    const first = events(await read(FIXTURE)).map((e) => e.sourceId);
    expect(new Set(first).size).toBe(21);
    expect(events(await read(FIXTURE)).map((e) => e.sourceId)).toEqual(first);

    const row = '2024-03-02 20:31:12,周末读书会1群,wxid_4k7m2p9q1s3t,林小满,message,+1,';
    const path = write(`时间,群名,用户ID,群昵称,事件,内容,邀请人\n${row}\n${row}\n`);
    const twice = events(await read(path)).map((e) => e.sourceId);
    expect(twice).toHaveLength(2);
    expect(twice[0]).not.toBe(twice[1]);

    const withIds = write(
      'msg_id\tfrom\tsent\tbody\tparent\nm-1\tlin\t1709382663\t第一条\t\nm-2\tzhou\t1709382700\t回复你\tm-1\n',
    );
    const list = events(
      await read(withIds, { csvMapping: { id: 'msg_id', user: 'from', at: 'sent', text: 'body', replyTo: 'parent' } }),
    );
    expect(list.map((e) => [e.sourceId, e.replyTo, e.at.toISOString()])).toEqual([
      ['m-1', undefined, '2024-03-02T12:31:03.000Z'],
      ['m-2', 'm-1', '2024-03-02T12:31:40.000Z'],
    ]);
  });

  it('takes the group from --group, else the group column, else the file name; the platform defaults to import', async () => {
    const grouped = events(await read(FIXTURE, { group: '读书会' }));
    expect(new Set(grouped.map((e) => JSON.stringify(e.group)))).toEqual(
      new Set([JSON.stringify({ platform: 'wechat', platformGroupId: '读书会', name: '读书会' })]),
    );
    const path = write('user;at;text\nlin;2024-03-02 20:15;你好\n', '读书会报名.csv');
    const [e] = events(await read(path, { csvMapping: { user: 'user', at: 'at', text: 'text' } }, ['platform']));
    expect(e).toMatchObject({
      type: 'message',
      source: 'import:读书会报名',
      group: { platform: 'import', platformGroupId: '读书会报名', name: '读书会报名' },
      actor: { platform: 'import', platformUserId: 'lin' },
      text: '你好',
    });
    expect(e?.at.toISOString()).toBe('2024-03-02T12:15:00.000Z');
  });

  it('reads times without an offset in --tz', async () => {
    const path = write('user,at\nlin,2024/3/2 20:15\nlin,2024-03-02T20:15:00+08:00\n');
    const mapping = { user: 'user', at: 'at' };
    const shanghai = events(await read(path, { csvMapping: mapping, tz: 'Asia/Shanghai' }));
    const utc = events(await read(path, { csvMapping: mapping, tz: 'UTC' }));
    expect(shanghai.map((e) => e.at.toISOString())).toEqual(['2024-03-02T12:15:00.000Z', '2024-03-02T12:15:00.000Z']);
    expect(utc.map((e) => e.at.toISOString())).toEqual(['2024-03-02T20:15:00.000Z', '2024-03-02T12:15:00.000Z']);
  });

  it('reads a GB18030 file like its UTF-8 original', async () => {
    const utf8 = readFileSync(FIXTURE, 'utf8').replace(/^\uFEFF/, '');
    const path = write(iconv.encode(utf8, 'gb18030'));
    const fromGb = events(await read(path)).map((e) => [e.actor.displayName, e.text, e.group.name]);
    const fromUtf8 = events(await read(FIXTURE)).map((e) => [e.actor.displayName, e.text, e.group.name]);
    expect(fromGb).toEqual(fromUtf8);
  });

  it('yields malformed rows as rejected, with file, line and reason, and goes on', async () => {
    const path = write(
      [
        '时间,群名,用户ID,群昵称,事件,内容,邀请人',
        '2024-03-02 20:15:03,1群,wxid_a,甲,message,好,',
        '2024-03-02 20:16:00,1群,wxid_a,甲,点赞,👍,',
        '2024-03-02 20:17:00,1群,,甲,message,没有用户,',
        '昨天晚上,1群,wxid_a,甲,message,时间不对,',
        '2024-03-02 20:18:00,,wxid_a,甲,message,没有群,',
        '2024-03-02 20:19:00,1群,wxid_a',
        '2024-03-02 20:20:00,1群,wxid_b,乙,JOIN,,wxid_a',
        '',
      ].join('\n'),
    );
    const records = await read(path);
    expect(records.map((r) => (r.ok ? 'ok' : `${r.line}`))).toEqual(['ok', '3', '4', '5', '6', '7', 'ok']);
    const rejected = records.flatMap((r) => (r.ok ? [] : [r]));
    expect(rejected.every((r) => r.file === path)).toBe(true);
    expect(rejected.map((r) => r.reason)).toEqual([
      'type "点赞" (column "事件") is not message, join or leave',
      'the user column "用户ID" is empty',
      expect.stringMatching(/^"昨天晚上" \(column "时间"\) is not a time/),
      'the group column "群名" is empty',
      expect.stringMatching(/Invalid Record Length/),
    ]);
    expect(rejected[0]?.text).toContain('点赞');
    expect(events(records)[1]).toMatchObject({ type: 'join', inviter: { platformUserId: 'wxid_a' } });
  });

  it('needs a mapping, and every mapped column in the header', async () => {
    expect(csvImporter.detect(probe(FIXTURE))).toBe(0);
    const noMapping = await failure(read(FIXTURE, {}, ['csvMapping']));
    expect(isQunzhuError(noMapping) && noMapping.code).toBe('bad_input');
    expect((noMapping as Error).message).toMatch(/--map user=COLUMN,at=COLUMN.*csvMapping/);

    const missing = await failure(read(FIXTURE, { csvMapping: { ...MAPPING, user: '微信号' } }));
    expect(isQunzhuError(missing) && missing.code).toBe('bad_input');
    expect((missing as Error).message).toBe(
      `${FIXTURE}: column "微信号" (mapped to user) is not in the header: 时间, 群名, 用户ID, 群昵称, 事件, 内容, 邀请人, 备注`,
    );
    const two = await failure(read(FIXTURE, { csvMapping: { user: 'uid', at: 'when' } }));
    expect((two as Error).message).toMatch(
      /columns "uid" \(mapped to user\), "when" \(mapped to at\) are not in the header/,
    );
  });

  it('refuses binary and empty files with a bad_input error', async () => {
    for (const [path, message] of [
      [
        write(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x01, 0x02, 0, 0, 0xff, 0xfe, 0x00])),
        /binary file/,
      ],
      [write(''), /empty/],
    ] as const) {
      const error = await failure(read(path));
      expect(isQunzhuError(error), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('CSV helpers', () => {
  it('finds the delimiter of a header line', () => {
    expect(sniffDelimiter('时间,群名,用户ID')).toBe(',');
    expect(sniffDelimiter('AuthorID;Author;Date;Content;Attachments;Reactions;')).toBe(';');
    expect(sniffDelimiter('id\tuser\tat')).toBe('\t');
    expect(sniffDelimiter('"a;b",c')).toBe(',');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('reads times as spreadsheets and bots write them', () => {
    const iso = (t: string, tz = 'Asia/Shanghai') => parseCsvTime(t, tz)?.toISOString() ?? null;
    expect(iso('2024-03-02 20:15:03')).toBe('2024-03-02T12:15:03.000Z');
    expect(iso('2024/03/02 20:15')).toBe('2024-03-02T12:15:00.000Z');
    expect(iso('2024.3.2')).toBe('2024-03-01T16:00:00.000Z');
    expect(iso('1709382663')).toBe('2024-03-02T12:31:03.000Z');
    expect(iso('1709382663123')).toBe('2024-03-02T12:31:03.123Z');
    for (const bad of ['', '昨天', '2024-13-01 10:00', '99999999999999', '1709382663.5'])
      expect(iso(bad), bad).toBeNull();
  });
});
