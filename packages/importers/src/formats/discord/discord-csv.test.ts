import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isQunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { events, failure, members, probe, readAll, scratch } from '../../importer.test-support.js';
import type { ImportOptions } from '../../types.js';
import { csvImporter } from '../csv/index.js';
import { jsonlImporter } from '../jsonl/index.js';
import { discordCsvImporter, discordJsonImporter, parseExportDate, parseExportFileName } from './index.js';

const fixtures = new URL('../../../fixtures/discord/', import.meta.url).pathname;
const NEW = join(fixtures, 'Marmot - Support - help [1017358823476207652].csv');
const OLD = join(fixtures, 'Pixel Forge - Text Channels - beginners [452011981634535424].csv');
const OLDEST = join(fixtures, 'Pixel Forge - general.csv');
const PART1 = join(fixtures, 'Pixel Forge - Showcase - wip-screenshots [691264836412407838].csv');
const PART2 = join(fixtures, 'Pixel Forge - Showcase - wip-screenshots [691264836412407838] [part 2].csv');
const GENERIC = new URL('../../../fixtures/csv/signup-bot-log.csv', import.meta.url).pathname;
const JSON_EXPORT = join(fixtures, 'Marmot - Community - general [1017358823476207646].json');

const { dir: work, write } = scratch('discord-csv', (n) => `Guild - Text - chat [99999] ${n}.csv`);

const read = async (path: string, options: Partial<ImportOptions> = {}) =>
  (await readAll(discordCsvImporter, path, { tz: 'UTC', ...options })).records;

describe('DiscordChatExporter CSV', () => {
  it('reads the newer generation: quoted multi-line content, doubled quotes, emoji, attachments, reactions', async () => {
    const records = await read(NEW);
    expect(records.every((r) => r.ok)).toBe(true);
    const list = events(records);
    expect(list).toHaveLength(20);
    expect(list.every((e) => e.type === 'message')).toBe(true);
    expect(members(list)).toBe(8);
    expect(list[0]).toMatchObject({
      source: 'discord:1017358823476207652',
      group: { platform: 'discord', platformGroupId: '1017358823476207652', name: 'Marmot - Support - help' },
      actor: { platform: 'discord', platformUserId: '1187440982713397319', displayName: 'quietfox' },
    });
    expect(list[0]?.at.toISOString()).toBe('2024-06-18T19:02:44.215Z');
    expect(list[0]?.text).toBe(
      'after upgrading to 0.9.0 the web UI just says "502 Bad Gateway". docker logs:\n```\n' +
        'marmot-1  | Error: migration 0023_feed_tags failed: column "tag_id" already exists\n' +
        'marmot-1  | exited with code 1\n```',
    );
    expect(list[2]?.text).toBe('that fixed it, thank you!! 🙏');
    expect(list[6]).toMatchObject({
      text: '',
      extra: {
        attachments: [
          { url: 'https://cdn.discordapp.com/attachments/1017358823476207652/1253398551470133290/feeds-page.png' },
          { url: 'https://cdn.discordapp.com/attachments/1017358823476207652/1253398551856152686/settings-page.png' },
        ],
      },
    });
    expect(list[15]?.extra?.reactions).toEqual([
      { emoji: '👀', count: 1 },
      { emoji: '👍', count: 2 },
    ]);
    // `Name#1234`: the discriminator is not part of the display name.
    expect(list[16]?.actor).toEqual({
      platform: 'discord',
      platformUserId: '1017361893419454515',
      displayName: 'Marmot Releases',
    });
  });

  it('reads an export written on Windows: BOM and CRLF row ends, LF inside messages', async () => {
    const original = readFileSync(NEW, 'utf8');
    // Row ends become CRLF; the line breaks inside quoted content stay LF, as Discord stores them.
    const windows = `\uFEFF${original.replace(/"\n/g, '"\r\n').replace('Reactions\n', 'Reactions\r\n')}`;
    expect(windows).toContain('\r\n');
    const path = write(windows);
    const fromWindows = events(await read(path)).map((e) => [e.actor.platformUserId, e.text, e.at.toISOString()]);
    const fromOriginal = events(await read(NEW)).map((e) => [e.actor.platformUserId, e.text, e.at.toISOString()]);
    expect(fromWindows).toHaveLength(20);
    expect(fromWindows).toEqual(fromOriginal);
  });

  it('reads the 2018 generation (`;`, a `;` after every field) with local dates in --tz', async () => {
    const berlin = events(await read(OLD, { tz: 'Europe/Berlin' }));
    expect(berlin).toHaveLength(20);
    expect(members(berlin)).toBe(5);
    expect(berlin[0]?.at.toISOString()).toBe('2018-06-12T04:30:00.000Z'); // 12-Jun-18 06:30 AM, CEST
    expect(berlin[6]?.at.toISOString()).toBe('2018-06-12T11:15:00.000Z'); // 01:15 PM
    expect(berlin[18]?.at.toISOString()).toBe('2018-06-17T22:04:00.000Z'); // 18-Jun-18 12:04 AM
    const utc = events(await read(OLD, { tz: 'UTC' }));
    expect(utc[0]?.at.toISOString()).toBe('2018-06-12T06:30:00.000Z');
    // A `;` inside quotes is text, not a delimiter; quotes and line breaks survive.
    expect(berlin[8]?.text).toBe('+1 for GDScript. C# support in 3.0 is still new; the docs lag behind');
    expect(berlin[4]?.text).toBe(
      'Project Settings -> Rendering -> Quality, untick "Use Pixel Snap"... no wait, the other way round: turn it ON.\n' +
        'Then in Import, untick Filter on the texture and reimport.',
    );
    expect(berlin[16]?.extra).toEqual({
      attachments: [
        { url: 'https://cdn.discordapp.com/attachments/452011981634535424/457793390157471745/lighthouse.zip' },
        { url: 'https://cdn.discordapp.com/attachments/452011981634535424/457793401817645056/lighthouse.png' },
      ],
      reactions: [
        { emoji: '🎉', count: 5 },
        { emoji: '🔦', count: 1 },
      ],
    });
  });

  it('reads the oldest generation without AuthorID: the identity is Name#1234, the group the file name', async () => {
    const list = events(await read(OLDEST, { tz: 'Europe/Berlin' }));
    expect(list).toHaveLength(6);
    expect(members(list)).toBe(4);
    expect(list.map((e) => e.actor.platformUserId)).toEqual([
      'Teodora#5512',
      'Oskar#0613',
      'Mika#4821',
      'Oskar#0613',
      'Mika#0001',
      'Teodora#5512',
    ]);
    expect(list[2]?.actor.displayName).toBe('Mika');
    expect(list[0]?.group).toEqual({
      platform: 'discord',
      platformGroupId: 'Pixel Forge - general',
      name: 'Pixel Forge - general',
    });
    expect(list[0]?.at.toISOString()).toBe('2017-12-03T18:14:00.000Z'); // CET
  });

  it('maps a channel exported in parts to one group, with ids that do not collide across parts', async () => {
    const one = events(await read(PART1));
    const two = events(await read(PART2));
    expect(one).toHaveLength(6);
    expect(two).toHaveLength(5);
    expect(members(one)).toBe(4);
    expect(members(two)).toBe(4);
    expect(members([...one, ...two])).toBe(5);
    const group = {
      platform: 'discord',
      platformGroupId: '691264836412407838',
      name: 'Pixel Forge - Showcase - wip-screenshots',
    };
    for (const e of [...one, ...two]) expect(e.group).toEqual(group);
    // The last row of part 1 and the first of part 2 are identical, and still two messages.
    expect([one[5]?.text, one[5]?.actor.platformUserId, one[5]?.at]).toEqual([
      two[0]?.text,
      two[0]?.actor.platformUserId,
      two[0]?.at,
    ]);
    expect(new Set([...one, ...two].map((e) => e.sourceId)).size).toBe(11);
    // Importing a part again is a no-op: the same ids.
    expect(events(await read(PART2)).map((e) => e.sourceId)).toEqual(two.map((e) => e.sourceId));
    // A folder with both parts reads them in order, to the same ids.
    const dir = join(work, 'parts');
    mkdirSync(dir);
    copyFileSync(PART2, join(dir, basename(PART2)));
    copyFileSync(PART1, join(dir, basename(PART1)));
    const both = events(await read(dir));
    expect(both.map((e) => e.sourceId)).toEqual([...one, ...two].map((e) => e.sourceId));
  });

  it('keeps identical rows apart, gives the same ids on every read, and obeys --group', async () => {
    const row = '"218460301287129088","Oskar#0613","03-May-20 09:15 PM","+1","",""';
    const path = write(`AuthorID,Author,Date,Content,Attachments,Reactions\n${row}\n${row}\n`);
    const first = events(await read(path)).map((e) => e.sourceId);
    expect(first).toHaveLength(2);
    expect(first[0]).not.toBe(first[1]);
    expect(events(await read(path)).map((e) => e.sourceId)).toEqual(first);
    const grouped = events(await read(NEW, { group: 'Marmot 帮助' }));
    expect(grouped).toHaveLength(20);
    for (const e of grouped) {
      expect(e.group).toEqual({ platform: 'discord', platformGroupId: 'Marmot 帮助', name: 'Marmot 帮助' });
      expect(e.source).toBe('discord:Marmot 帮助');
    }
  });

  it('yields malformed rows as rejected, with file, line and reason, and goes on', async () => {
    const path = write(
      [
        'AuthorID,Author,Date,Content,Attachments,Reactions',
        '"301719844284907520","Mika#4821","2020-06-01T12:34:56.789+00:00","ok","",""',
        '"301719844284907520","Mika#4821","yesterday","bad date","",""',
        '"","Mika#4821","2020-06-01T12:35:00+00:00","no id","",""',
        '"301719844284907520","Mika#4821","2020-06-01T12:36:00+00:00","too few columns"',
        '"301719844284907520","Mika#4821","31-Feb-20 10:00 AM","no such day","",""',
        '"301719844284907520","Mika#4821","2020-06-01T12:37:00+00:00","ok again","",""',
        '',
      ].join('\n'),
    );
    const records = await read(path);
    expect(records.map((r) => (r.ok ? 'ok' : `${r.line}`))).toEqual(['ok', '3', '4', '5', '6', 'ok']);
    const rejected = records.flatMap((r) => (r.ok ? [] : [r]));
    expect(rejected.every((r) => r.file === path)).toBe(true);
    expect(rejected[0]?.reason).toMatch(/^Date "yesterday" is not a time/);
    expect(rejected[0]?.text).toContain('bad date');
    expect(rejected[1]?.reason).toBe('AuthorID is empty');
    expect(rejected[2]?.reason).toMatch(/Invalid Record Length/);
    expect(rejected[3]?.reason).toMatch(/^Date "31-Feb-20 10:00 AM"/);
  });

  it('refuses unusable input with a bad_input error that says what is wrong', async () => {
    const cases: [string, RegExp][] = [
      [
        write(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])),
        /binary file/,
      ],
      [write(''), /empty/],
      [
        write('AuthorID,Author,Content\n"1","Mika#4821","hi"\n'),
        /not a DiscordChatExporter CSV export: its header is "AuthorID,Author,Content", expected AuthorID,Author,Date,Content/,
      ],
      [GENERIC, /not a DiscordChatExporter CSV export.*--format csv with --map/],
    ];
    for (const [path, message] of cases) {
      const error = await failure(read(path));
      expect(isQunzhuError(error), String(error)).toBe(true);
      expect(isQunzhuError(error) && error.code).toBe('bad_input');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(path);
    }
  });

  it('is detected from its header, and look-alikes are not', () => {
    for (const path of [NEW, OLD, OLDEST, PART1, PART2]) {
      expect(discordCsvImporter.detect(probe(path)), path).toBeGreaterThanOrEqual(0.9);
      expect(discordJsonImporter.detect(probe(path)), path).toBe(0);
      expect(jsonlImporter.detect(probe(path)), path).toBeLessThan(0.3);
      expect(csvImporter.detect(probe(path)), path).toBe(0);
    }
    const lookAlikes = [
      GENERIC,
      JSON_EXPORT,
      write('Date,Author,Message\n2020-06-01,Mika,hi\n', 'whatsapp-ish.csv'),
      write("[2004-12-25 09:14] <crimsun> kleedrac: I'm afraid not.\n", 'irc.log'),
    ];
    for (const path of lookAlikes) expect(discordCsvImporter.detect(probe(path)), path).toBe(0);
  });
});

describe('DiscordChatExporter dates and file names', () => {
  it('reads every date form the exporter has written', () => {
    const iso = (text: string, tz = 'UTC') => parseExportDate(text, tz)?.toISOString() ?? null;
    expect(iso('2020-06-01T12:34:56.789+00:00')).toBe('2020-06-01T12:34:56.789Z');
    expect(iso('2020-06-01T12:34:56.789+03:00', 'Asia/Shanghai')).toBe('2020-06-01T09:34:56.789Z');
    expect(iso('2020-06-01 12:34', 'Asia/Shanghai')).toBe('2020-06-01T04:34:00.000Z');
    expect(iso('12-Jun-18 06:30 AM', 'Europe/Berlin')).toBe('2018-06-12T04:30:00.000Z');
    expect(iso('12-jun-2018 06:30:15 PM')).toBe('2018-06-12T18:30:15.000Z');
    expect(iso('01-Jan-19 12:00 AM')).toBe('2019-01-01T00:00:00.000Z');
    expect(iso('01-Jan-19 12:00 PM')).toBe('2019-01-01T12:00:00.000Z');
    // Day first on a 24-hour clock (en-GB "g"), month first with AM/PM (en-US "g").
    expect(iso('12/06/2018 06:30')).toBe('2018-06-12T06:30:00.000Z');
    expect(iso('6/12/2018 6:30 PM')).toBe('2018-06-12T18:30:00.000Z');
    for (const bad of [
      '',
      'yesterday',
      '31-Feb-20 10:00 AM',
      '12-Jun-18 13:30 PM',
      '12-Foo-18 06:30 AM',
      '13/13/2018 06:30',
      '12/06/2018 24:30',
    ]) {
      expect(iso(bad), bad).toBeNull();
    }
  });

  it('reads the channel id, name and part from a file name', () => {
    expect(parseExportFileName('Guild - category - channel [123456789].csv')).toEqual({
      platformGroupId: '123456789',
      name: 'Guild - category - channel',
      part: 1,
    });
    expect(parseExportFileName('Guild - category - channel [123456789] [part 12].csv')).toEqual({
      platformGroupId: '123456789',
      name: 'Guild - category - channel',
      part: 12,
    });
    expect(
      parseExportFileName('Guild - category - channel [123456789] (2020-01-01 to 2020-02-01) [part 2].json'),
    ).toEqual({
      platformGroupId: '123456789',
      name: 'Guild - category - channel',
      part: 2,
    });
    expect(parseExportFileName('Pixel Forge - general.csv')).toEqual({
      platformGroupId: 'Pixel Forge - general',
      name: 'Pixel Forge - general',
      part: 1,
    });
  });
});
