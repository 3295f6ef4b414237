import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isQunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { count, events, failure, members, probe, readAll, scratch } from '../../importer.test-support.js';
import type { ImportOptions } from '../../types.js';
import { csvImporter } from '../csv/index.js';
import { jsonlImporter } from '../jsonl/index.js';
import { discordCsvImporter, discordJsonImporter } from './index.js';

const fixtures = new URL('../../../fixtures/discord/', import.meta.url).pathname;
const GENERAL = join(fixtures, 'Marmot - Community - general [1017358823476207646].json');
const DM = join(fixtures, 'Direct Messages - Private - ilsebrandt, ravikumar, tomasz_w [1258442190611427388].json');
const HELP_CSV = join(fixtures, 'Marmot - Support - help [1017358823476207652].csv');

const { dir: work, write } = scratch('discord-json', (n) => `t${n}.json`);

const read = async (path: string, options: Partial<ImportOptions> = {}) =>
  (await readAll(discordJsonImporter, path, { tz: 'UTC', ...options })).records;

// A message in the shape JsonMessageWriter writes, for inputs made in the tests.
const message = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  type: 'Default',
  timestamp: '2020-06-01T12:34:56.789+00:00',
  timestampEdited: null,
  callEndedTimestamp: null,
  isPinned: false,
  content: `message ${id}`,
  author: { id: '301719844284907520', name: 'Mika', discriminator: '4821', nickname: 'Mika', isBot: false },
  attachments: [],
  embeds: [],
  stickers: [],
  reactions: [],
  mentions: [],
  ...over,
});
const exportOf = (messages: unknown[]) =>
  JSON.stringify(
    {
      guild: { id: '452011981634535420', name: 'Pixel Forge', iconUrl: '' },
      channel: {
        id: '452011981634535424',
        type: 'GuildTextChat',
        categoryId: '1',
        category: 'Text',
        name: 'beginners',
      },
      dateRange: { after: null, before: null },
      messages,
      messageCount: messages.length,
    },
    null,
    2,
  );

describe('DiscordChatExporter JSON', () => {
  it('reads a server channel: messages, joins, a pin and a thread, replies, attachments, reactions', async () => {
    const records = await read(GENERAL);
    expect(records.every((r) => r.ok)).toBe(true);
    const list = events(records);
    // Counted by hand from the fixture: 30 messages in the export.
    expect(list).toHaveLength(30);
    expect(count(list, 'message')).toBe(25);
    expect(count(list, 'join')).toBe(3);
    expect(count(list, 'leave')).toBe(0);
    expect(count(list, 'service')).toBe(2);
    expect(members(list)).toBe(7);

    // An independent count over the raw export agrees.
    const raw = JSON.parse(readFileSync(GENERAL, 'utf8')) as { messages: { id: string; type: string }[] };
    expect(raw.messages.filter((m) => m.type === 'Default' || m.type === 'Reply')).toHaveLength(25);
    expect(list.map((e) => e.sourceId)).toEqual(raw.messages.map((m) => m.id));

    for (const e of list) {
      expect(e.group).toEqual({ platform: 'discord', platformGroupId: '1017358823476207646', name: 'Marmot #general' });
      expect(e.source).toBe('discord:1017358823476207646');
    }
    expect(list[0]).toMatchObject({
      type: 'join',
      actor: { platform: 'discord', platformUserId: '1123960437717631048', displayName: 'tomasz_w' },
    });
    expect(list[0]?.at.toISOString()).toBe('2024-07-01T08:02:11.412Z');
    // The nickname is the display name.
    expect(list[1]?.actor.displayName).toBe('Ilse (maintainer)');
    // A reply points at the question it answers.
    expect(list[3]).toMatchObject({ type: 'message', replyTo: list[2]?.sourceId });
    expect(list.filter((e) => e.replyTo)).toHaveLength(5);
    // Attachment only: no text, the file in extra.
    expect(list[4]).toMatchObject({
      type: 'message',
      text: '',
      extra: { attachments: [{ fileName: 'marmot-pi.png', fileSizeBytes: 184233 }] },
    });
    expect(list[5]?.extra?.reactions).toEqual([
      { emoji: '🎉', count: 3 },
      { emoji: '❤️', count: 1 },
    ]);
    expect(list[7]).toMatchObject({
      type: 'service',
      extra: { action: 'ChannelPinnedMessage', messageId: list[6]?.sourceId },
    });
    expect(list[16]).toMatchObject({
      type: 'service',
      text: 'OPML import edge cases',
      extra: { action: 'ThreadCreated' },
    });
    expect(list[17]?.extra?.editedAt).toBe('2024-07-01T15:31:02.114Z');
    expect(list[8]?.extra).toMatchObject({ bot: true, embeds: 1 });
    expect(list[21]).toMatchObject({ text: '', extra: { stickers: ['Wave'] } });
  });

  it('reads a group DM: added and removed recipients are joins and leaves', async () => {
    const list = events(await read(DM));
    expect(list).toHaveLength(9);
    expect(count(list, 'message')).toBe(4);
    expect(count(list, 'join')).toBe(2);
    expect(count(list, 'leave')).toBe(2);
    expect(count(list, 'service')).toBe(1);
    expect(members(list)).toBe(3);
    expect(list[0]?.group.name).toBe('ilsebrandt, ravikumar, tomasz_w');
    // +02:00 in the export.
    expect(list[0]?.at.toISOString()).toBe('2024-07-04T17:20:41.517Z');
    const ilse = { platform: 'discord', platformUserId: '690213458917883914', displayName: 'ilsebrandt' };
    expect(list[1]).toMatchObject({ type: 'join', actor: { platformUserId: '803544912076161054' }, inviter: ilse });
    expect(list[2]).toMatchObject({ type: 'join', actor: { platformUserId: '1123960437717631048' }, inviter: ilse });
    expect(list[5]).toMatchObject({
      type: 'service',
      text: '1.0 release crew',
      extra: { action: 'ChannelNameChange' },
    });
    // Tomasz left by himself; Ravi was removed by Ilse.
    expect(list[6]).toMatchObject({ type: 'leave', actor: { platformUserId: '1123960437717631048' } });
    expect(list[6]?.extra).toBeUndefined();
    expect(list[8]).toMatchObject({
      type: 'leave',
      actor: { platformUserId: '803544912076161054' },
      extra: { removedBy: ilse },
    });
  });

  it('gives the same ids on every read and puts everything in the group named by --group', async () => {
    const first = events(await read(GENERAL)).map((e) => e.sourceId);
    const second = events(await read(GENERAL)).map((e) => e.sourceId);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(30);
    const grouped = events(await read(DM, { group: 'Marmot 1.0' }));
    for (const e of grouped) {
      expect(e.group).toEqual({ platform: 'discord', platformGroupId: 'Marmot 1.0', name: 'Marmot 1.0' });
      expect(e.source).toBe('discord:Marmot 1.0');
    }
  });

  it('reads an export written on Windows: BOM and CRLF line ends', async () => {
    const path = write(`\uFEFF${readFileSync(DM, 'utf8').replace(/\n/g, '\r\n')}`);
    const list = events(await read(path));
    expect(list.map((e) => [e.type, e.sourceId, e.text])).toEqual(
      events(await read(DM)).map((e) => [e.type, e.sourceId, e.text]),
    );
    expect(discordJsonImporter.detect(probe(path))).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a timestamp without an offset in --tz', async () => {
    const path = write(exportOf([message('1', { timestamp: '2020-06-01T12:34:56' })]));
    const [e] = events(await read(path, { tz: 'Asia/Shanghai' }));
    expect(e?.at.toISOString()).toBe('2020-06-01T04:34:56.000Z');
    const [utc] = events(await read(path, { tz: 'UTC' }));
    expect(utc?.at.toISOString()).toBe('2020-06-01T12:34:56.000Z');
  });

  it('yields malformed messages as rejected, with the line each starts on, and goes on', async () => {
    const text = exportOf([
      message('717000000000000001'),
      message('717000000000000002', { author: undefined }),
      message('717000000000000003', { timestamp: '01-Jun-20 12:34 PM' }),
      'not a message',
      message('717000000000000005', { timestamp: '2150-01-01T00:00:00+00:00' }),
      message('717000000000000006'),
    ]);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    // The line of the `{` that opens a message: the one before its "id".
    const startOf = (id: string) => lineOf(`"id": "${id}"`) - 1;
    const path = write(text);
    const records = await read(path);
    expect(records.map((r) => r.ok)).toEqual([true, false, false, false, false, true]);
    const rejected = records.flatMap((r) => (r.ok ? [] : [r]));
    expect(rejected.map((r) => r.file)).toEqual([path, path, path, path]);
    expect(rejected.map((r) => r.line)).toEqual([
      startOf('717000000000000002'),
      startOf('717000000000000003'),
      lineOf('"not a message"'),
      startOf('717000000000000005'),
    ]);
    expect(rejected[0]?.reason).toMatch(/^author: /);
    expect(rejected[0]?.text).toContain('717000000000000002');
    expect(rejected[1]?.reason).toBe('timestamp "01-Jun-20 12:34 PM" is not an ISO-8601 time between 1970 and 2100');
    expect(rejected[2]?.reason).toBe('each message must be a JSON object');
    expect(rejected[3]?.reason).toMatch(/not an ISO-8601 time between 1970 and 2100/);
  });

  it('refuses unusable input with a bad_input error that says what is wrong', async () => {
    const full = readFileSync(GENERAL);
    const cases: [string, RegExp][] = [
      [write(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x08, 0, 0xff, 0x13, 0x00, 0x01])), /binary file/],
      [write(full.subarray(0, Math.floor(full.length / 2))), /ends early at line \d+: the export is truncated/],
      [write(''), /empty/],
      [
        write('{"name": "Marmot", "type": "private_supergroup", "id": 1627384950, "messages": [{"id": 1}]}'),
        /not a DiscordChatExporter JSON export: no "channel" comes before "messages"/,
      ],
      [
        write('[{"type":"message","channel":"C024BE91L","user":"U2147483697","text":"hi","ts":"1355517523.000005"}]'),
        /not a DiscordChatExporter JSON export: it is not a JSON object/,
      ],
      [write(exportOf([message('1')]).replace('"messages": [', '"messages": [ }')), /:\d+: not valid JSON .*damaged/],
      [write('{"guild": {}, "channel": {"id": "1", "name": "x"}, "dateRange": {}}'), /has no "messages" array/],
    ];
    for (const [path, message] of cases) {
      const error = await failure(read(path));
      expect(isQunzhuError(error), String(error)).toBe(true);
      expect(isQunzhuError(error) && error.code).toBe('bad_input');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(path);
    }
  });

  it('streams: the first records come before the file is read to its end', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => message(String(717000000000000000n + BigInt(i))));
    const path = write(exportOf(many));
    const size = statSync(path).size;
    let bytes = 0;
    let atFirst = -1;
    let total = 0;
    const counter = {
      add: (b: number) => {
        bytes += b;
      },
    };
    const source = { path, isDirectory: false, size, counter };
    for await (const r of discordJsonImporter.read(source, { tz: 'UTC' })) {
      if (atFirst < 0) atFirst = bytes;
      if (r.ok) total += 1;
    }
    expect(total).toBe(20_000);
    expect(bytes).toBe(size);
    expect(atFirst).toBeGreaterThan(0);
    expect(atFirst).toBeLessThan(size / 10);
  });

  it('reads a folder of exports file by file', async () => {
    const dir = join(work, 'export-folder');
    mkdirSync(join(dir, 'Marmot - Community - general [1017358823476207646].json_Files'), { recursive: true });
    copyFileSync(GENERAL, join(dir, basename(GENERAL)));
    copyFileSync(DM, join(dir, basename(DM)));
    const list = events(await read(dir));
    expect(list).toHaveLength(39);
    expect(new Set(list.map((e) => e.group.platformGroupId))).toEqual(
      new Set(['1017358823476207646', '1258442190611427388']),
    );
  });

  it('is detected from its content, and look-alikes are not', () => {
    expect(discordJsonImporter.detect(probe(GENERAL))).toBeGreaterThanOrEqual(0.9);
    expect(discordJsonImporter.detect(probe(DM))).toBeGreaterThanOrEqual(0.9);
    const lookAlikes = [
      write(
        '{\n "name": "Marmot",\n "type": "private_supergroup",\n "id": 1627384950,\n "messages": [\n  {\n   "id": 1,\n   "type": "message"',
      ),
      write(
        '[\n    {\n        "id": "C024BE91L",\n        "name": "general",\n        "created": 1360782804\n    }\n]',
      ),
      write('{"type":"message","group":"#ubuntu","user":"crimsun","at":"2004-12-25T09:14:00Z","text":"hi"}\n'),
      HELP_CSV,
    ];
    for (const path of lookAlikes) expect(discordJsonImporter.detect(probe(path)), path).toBe(0);
    // …and the other importers do not take a DCE JSON export for theirs.
    for (const other of [discordCsvImporter, jsonlImporter, csvImporter]) {
      expect(other.detect(probe(GENERAL)), other.format).toBeLessThan(0.3);
    }
  });
});
