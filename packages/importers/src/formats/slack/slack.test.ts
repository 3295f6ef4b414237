import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EventInput, QunzhuError } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { byType, failure, members, readAll, scratch } from '../../importer.test-support.js';
import { probeInput } from '../../registry.js';
import type { ImportOptions } from '../../types.js';
import { slackImporter } from './index.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/slack/', import.meta.url));
const folder = join(fixtures, 'export');
const zip = join(fixtures, 'export.zip');
const zipInFolder = join(fixtures, 'export-in-folder.zip');
const { dir: tmp } = scratch('slack');

const GENERAL = 'C05KQ2A1GEN';
const DEV = 'C05KQ2B2DEV';
const THREAD = '1709544667.000200';

const read = (path: string, options: Partial<ImportOptions> = {}) =>
  readAll(slackImporter, path, { tz: 'UTC', ...options });

const count = (events: EventInput[]) => ({ ...byType(events), members: members(events) });

/** A copy of the fixture folder to damage. */
const copy = (name: string): string => {
  const dir = join(tmp, name);
  cpSync(folder, dir, { recursive: true });
  return dir;
};

describe('Slack export: the fixture workspace', () => {
  it('has the counts an independent walk of the raw day files gives', async () => {
    // Counted by hand: 12 messages, 7 joins, 1 leave, 3 service (topic, purpose, pin), 6 people (4 users, 2 bots).
    const raw = readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(folder, d.name)).flatMap((f) => JSON.parse(readFileSync(join(folder, d.name, f), 'utf8'))),
      );
    const said = [undefined, 'bot_message', 'thread_broadcast', 'file_share', 'me_message'];
    expect({
      message: raw.filter((m) => said.includes(m.subtype)).length,
      join: raw.filter((m) => m.subtype === 'channel_join').length,
      leave: raw.filter((m) => m.subtype === 'channel_leave').length,
      service: raw.filter((m) => ![...said, 'channel_join', 'channel_leave'].includes(m.subtype)).length,
      members: new Set(raw.map((m) => m.user ?? `bot:${m.bot_id}`)).size,
    }).toEqual({ message: 12, join: 7, leave: 1, service: 3, members: 6 });

    const { events, rejected } = await read(folder);
    expect(rejected).toEqual([]);
    expect(count(events)).toEqual({ message: 12, join: 7, leave: 1, service: 3, members: 6 });
  });

  it('reads the zip, and the zip re-made with one folder inside, exactly as the folder', async () => {
    const fromFolder = (await read(folder)).events;
    for (const path of [zip, zipInFolder]) {
      const { events, rejected } = await read(path);
      expect(rejected).toEqual([]);
      expect(count(events)).toEqual({ message: 12, join: 7, leave: 1, service: 3, members: 6 });
      expect(events).toEqual(fromFolder);
    }
  });

  it('reads channels by folder name and days in date order, with channel ids and names from channels.json', async () => {
    const { events } = await read(folder);
    // dev: 5 events on 03-04 and 5 on 03-06; general: 8 on 03-04 and 5 on 03-05.
    expect(events.slice(0, 10).every((e) => e.source === `slack:${DEV}`)).toBe(true);
    expect(events.slice(10).every((e) => e.source === `slack:${GENERAL}`)).toBe(true);
    expect(events[0]?.group).toEqual({ platform: 'slack', platformGroupId: DEV, name: 'dev' });
    expect(events[10]?.group).toEqual({ platform: 'slack', platformGroupId: GENERAL, name: 'general' });
    const times = events.slice(10).map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('uses ts as the id and the exact UTC time, whatever --tz says', async () => {
    const utc = (await read(folder)).events;
    const shanghai = (await read(folder, { tz: 'Asia/Shanghai' })).events;
    expect(shanghai.map((e) => e.at.toISOString())).toEqual(utc.map((e) => e.at.toISOString()));
    const parent = utc.find((e) => e.sourceId === THREAD);
    expect(parent?.at.toISOString()).toBe('2024-03-04T09:31:07.000Z');
    expect(new Set(utc.map((e) => `${e.source} ${e.sourceId}`)).size).toBe(23);
  });

  it('gives the same ids on a second read', async () => {
    const first = (await read(folder)).events.map((e) => e.sourceId);
    const second = (await read(zip)).events.map((e) => e.sourceId);
    expect(second).toEqual(first);
    expect(first).toContain('1709542830.000100');
  });

  it('keeps a thread together: replies (also on the next day, also broadcast) point at the parent ts', async () => {
    const { events } = await read(folder);
    const replies = events.filter((e) => e.replyTo !== undefined);
    expect(replies.map((e) => [e.actor.displayName, e.replyTo])).toEqual([
      ['maria', THREAD],
      ['Priya N.', THREAD],
      ['Kenji Watanabe', THREAD],
      ['Priya N.', THREAD],
    ]);
    const parent = events.find((e) => e.sourceId === THREAD);
    expect(parent).toMatchObject({ type: 'message', extra: { replyCount: 3 } });
    expect(parent?.replyTo).toBeUndefined();
    expect(replies[3]).toMatchObject({
      extra: { subtype: 'thread_broadcast' },
      text: 'Merged the bookmarks fix (#418); it will ship in 0.9.',
    });
    expect(replies[1]?.extra?.reactions).toEqual([{ name: 'tada', count: 2, users: ['U05KQ1D4E5F', 'U05KQ1A2B3C'] }]);
  });

  it('names people as Slack shows them: display name, else real name, else handle; bots by their name', async () => {
    const { events } = await read(folder);
    const names = Object.fromEntries(events.map((e) => [e.actor.platformUserId, e.actor.displayName]));
    expect(names).toEqual({
      U05KQ1A2B3C: 'maria',
      U05KQ1D4E5F: 'Kenji Watanabe',
      U05KQ1G6H7J: 'Priya N.',
      U05KQ1K8L9M: 'tbrennan',
      U05KQ1N0P1Q: 'Release Bot',
      'bot:B05KQ4GH1TB': 'GitHub',
    });
  });

  it('turns joins, leaves, bots, files and channel changes into the right events', async () => {
    const { events } = await read(folder);
    const priyaJoins = events.filter((e) => e.type === 'join' && e.actor.platformUserId === 'U05KQ1G6H7J');
    expect(priyaJoins.map((e) => e.inviter)).toEqual([
      undefined,
      { platform: 'slack', platformUserId: 'U05KQ1A2B3C', displayName: 'maria' },
    ]);
    expect(events.filter((e) => e.type === 'join' || e.type === 'leave').every((e) => e.text === undefined)).toBe(true);
    expect(events.find((e) => e.type === 'leave')).toMatchObject({
      actor: { platformUserId: 'U05KQ1K8L9M' },
      source: `slack:${GENERAL}`,
    });

    expect(events.filter((e) => e.type === 'service').map((e) => e.extra)).toEqual([
      { action: 'channel_purpose', purpose: 'Pull requests, CI and release chores' },
      { action: 'pinned_item', attachments: [{ fallback: 'Driftwood v0.9.0-rc.1 published to npm and crates.io.' }] },
      { action: 'channel_topic', topic: 'Driftwood 0.9 release planning — PR reviews go to #dev' },
    ]);

    const github = events.find((e) => e.actor.platformUserId === 'bot:B05KQ4GH1TB');
    expect(github).toMatchObject({
      type: 'message',
      text: '',
      extra: { subtype: 'bot_message', botId: 'B05KQ4GH1TB' },
    });
    expect(github?.extra?.attachments).toEqual([
      {
        title: '#418 Fix PDF outline nesting',
        fallback: '[driftwood-pdf/driftwood] Pull request opened: #418 Fix PDF outline nesting',
        url: 'https://github.com/driftwood-pdf/driftwood/pull/418',
      },
    ]);
    expect(events.find((e) => e.actor.platformUserId === 'U05KQ1N0P1Q')).toMatchObject({
      type: 'message',
      text: 'Driftwood v0.9.0-rc.1 published to npm and crates.io.',
      extra: { botId: 'B05KQ2R3S4T' },
    });
    expect(events.find((e) => e.extra?.subtype === 'file_share')).toMatchObject({
      text: 'Docs build log with the broken outline',
      extra: {
        files: [
          { id: 'F05KQ3LOG01', name: 'build-log.txt', title: 'build-log.txt', mimetype: 'text/plain', size: 18234 },
        ],
      },
    });
    expect(events.find((e) => e.extra?.subtype === 'me_message')?.text).toBe('is testing the rc on Windows');
    expect(events.find((e) => e.actor.platformUserId === 'U05KQ1K8L9M' && e.type === 'message')?.extra).toEqual({
      editedAt: '2024-03-05T10:03:05.000Z',
    });
  });

  it('puts every channel in the group named by --group, keeping ids unique with the channel id', async () => {
    const { events } = await read(folder, { group: 'Driftwood community' });
    expect(events).toHaveLength(23);
    expect(
      events.every(
        (e) =>
          e.source === 'slack:Driftwood community' &&
          e.group.platformGroupId === 'Driftwood community' &&
          e.group.name === 'Driftwood community',
      ),
    ).toBe(true);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(23);
    expect(events.find((e) => e.replyTo)?.replyTo).toBe(`${GENERAL}:${THREAD}`);
    expect(events[0]?.sourceId).toBe(`${DEV}:1709542830.000100`);
  });

  it('counts the bytes it reads, for progress', async () => {
    const readFiles = [
      'users.json',
      'channels.json',
      'dev/2024-03-04.json',
      'dev/2024-03-06.json',
      'general/2024-03-04.json',
      'general/2024-03-05.json',
    ];
    const expected = readFiles.reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
    expect((await read(folder)).bytes).toBe(expected);
    expect((await read(zip)).bytes).toBe(expected);
  });
});

describe('Slack export: conversations beyond channels.json', () => {
  it('reads private channels and DMs from groups.json and dms.json, and a folder no list names', async () => {
    const dir = copy('more-conversations');
    writeFileSync(
      join(dir, 'groups.json'),
      JSON.stringify([{ id: 'G05KQ9CORE1', name: 'core-team', members: ['U05KQ1A2B3C'] }]),
    );
    writeFileSync(
      join(dir, 'dms.json'),
      JSON.stringify([{ id: 'D05KQ9DM001', members: ['U05KQ1A2B3C', 'U05KQ1D4E5F'] }]),
    );
    const one = (user: string, ts: string, text: string) =>
      JSON.stringify([{ type: 'message', user, ts, text }], null, 4);
    for (const [name, text] of [
      ['core-team', 'Security fix for CVE triage goes out with 0.9.1.'],
      ['D05KQ9DM001', 'Can you review #418 today?'],
      ['random-ideas', 'What about EPUB output?'],
    ] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, '2024-03-06.json'), one('U05KQ1A2B3C', '1709730000.000100', text));
    }
    const { events, rejected } = await read(dir);
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(26);
    // Folders in name order: D05KQ9DM001, core-team, dev, general, random-ideas.
    expect([...new Set(events.map((e) => e.group.platformGroupId))]).toEqual([
      'D05KQ9DM001',
      'G05KQ9CORE1',
      DEV,
      GENERAL,
      'name:random-ideas',
    ]);
    const added = [events[0], events[1], events[25]];
    expect(added.map((e) => [e?.group.name, e?.text])).toEqual([
      ['DM: maria, Kenji Watanabe', 'Can you review #418 today?'],
      ['core-team', 'Security fix for CVE triage goes out with 0.9.1.'],
      ['random-ideas', 'What about EPUB output?'],
    ]);
  });
});

describe('Slack export: bad input', () => {
  it('yields a damaged day file as one rejected record and a bad message with its line, and goes on', async () => {
    const dir = copy('damaged-days');
    const broken =
      '[\n    {\n        "type": "message",\n        "user": "U05KQ1A2B3C",\n        "ts": "1709730000.0001';
    writeFileSync(join(dir, 'general', '2024-03-06.json'), broken);
    writeFileSync(join(dir, 'general', '2024-03-07.json'), '{"ok": true}');
    const day = [
      { type: 'message', user: 'U05KQ1D4E5F', ts: '1709800000.000100', text: 'Release notes draft is in the wiki.' },
      { type: 'message', user: 'U05KQ1D4E5F', text: 'no ts here' },
      { type: 'message', subtype: 'bot_message', ts: '1709800100.000100', text: 'nobody said this' },
      { type: 'message', user: 'U05KQ1D4E5F', ts: '4102444800.000000', text: 'from the year 2100' },
      'just a string',
      { type: 'message', user: 'U05KQ1G6H7J', ts: '1709800200.000100', text: 'Thanks, reading it now.' },
    ];
    writeFileSync(join(dir, 'dev', '2024-03-07.json'), JSON.stringify(day, null, 4));
    const { events, rejected } = await read(dir);
    expect(count(events)).toEqual({ message: 14, join: 7, leave: 1, service: 3, members: 6 });
    expect(rejected.map((r) => [r.file.slice(dir.length + 1), r.line, r.reason])).toEqual([
      ['dev/2024-03-07.json', 8, 'ts: is missing'],
      ['dev/2024-03-07.json', 13, 'has neither "user" nor "bot_id": cannot tell who it is from'],
      ['dev/2024-03-07.json', 19, 'ts: "4102444800.000000" is not a time between 1970 and 2100'],
      ['dev/2024-03-07.json', 25, 'each message must be a JSON object'],
      ['general/2024-03-06.json', 1, expect.stringMatching(/^not valid JSON \(.+\); the day file is damaged/)],
      ['general/2024-03-07.json', 1, 'a day file must hold a JSON array of messages'],
    ]);
    expect(rejected[1]?.text).toContain('nobody said this');
    expect(rejected[4]?.text).toBe(broken);
  });

  it('refuses a truncated zip with bad_input, not a raw error', async () => {
    const bytes = readFileSync(zip);
    const half = join(tmp, 'truncated.zip');
    writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await failure(read(half));
    expect(error).toBeInstanceOf(QunzhuError);
    expect(error).toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/truncated\.zip: not a readable zip file \(truncated or damaged\?\)/),
    });
  });

  it('refuses a zip whose compressed data is damaged with bad_input naming the entry', async () => {
    const bytes = Buffer.from(readFileSync(zip));
    // The first mention of the name is the entry's local header; its deflated data follows. The directory stays intact.
    const entry = bytes.indexOf('dev/2024-03-06.json');
    expect(entry).toBeGreaterThan(0);
    bytes.fill(0xff, entry + 150, entry + 250);
    const damaged = join(tmp, 'damaged.zip');
    writeFileSync(damaged, bytes);
    const error = await failure(read(damaged));
    expect(error).toBeInstanceOf(QunzhuError);
    expect(error).toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(
        /damaged\.zip!dev\/2024-03-06\.json: cannot be read \(.+\); the export is damaged or cut short/,
      ),
    });
  });

  it('refuses a folder without users.json and channels.json: detect says 0, read says what is missing', async () => {
    const dir = join(tmp, 'only-days');
    cpSync(join(folder, 'general'), join(dir, 'general'), { recursive: true });
    writeFileSync(join(dir, 'channels.json'), readFileSync(join(folder, 'channels.json')));
    expect(slackImporter.detect(await probeInput(dir))).toBe(0);
    const error = await failure(read(dir));
    expect(error).toBeInstanceOf(QunzhuError);
    expect(error).toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('not a Slack export (no users.json with a channels.json beside it)'),
    });
  });

  it('refuses binary bytes and single JSON files with bad_input', async () => {
    const binary = join(tmp, 'photo.jpg');
    writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]));
    const single = join(tmp, 'users.json');
    writeFileSync(single, readFileSync(join(folder, 'users.json')));
    for (const path of [binary, single]) {
      const error = await failure(read(path));
      expect(error).toBeInstanceOf(QunzhuError);
      expect(error).toMatchObject({
        code: 'bad_input',
        message: expect.stringContaining('neither a folder nor a zip file'),
      });
    }
  });

  it('refuses a users.json that is cut short, naming the file', async () => {
    const dir = copy('cut-users');
    const users = readFileSync(join(folder, 'users.json'));
    writeFileSync(join(dir, 'users.json'), users.subarray(0, 700));
    const error = await failure(read(dir));
    expect(error).toBeInstanceOf(QunzhuError);
    expect(error).toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining(`${join(dir, 'users.json')}: not the JSON array Slack writes`),
    });
  });
});

describe('Slack export: detect', () => {
  it('is sure of the fixture folder and both zips', async () => {
    for (const path of [folder, zip, zipInFolder])
      expect(slackImporter.detect(await probeInput(path))).toBeGreaterThanOrEqual(0.9);
  });

  it('says 0 for the look-alikes of other formats', async () => {
    const telegram = join(tmp, 'result.json');
    writeFileSync(
      telegram,
      JSON.stringify({ name: 'Driftwood', type: 'public_supergroup', id: 1234567890, messages: [] }),
    );
    const discordExporter = join(tmp, 'Driftwood - general [1092834756102938475].json');
    writeFileSync(
      discordExporter,
      JSON.stringify({ guild: { id: '1', name: 'Driftwood' }, channel: { id: '2', name: 'general' }, messages: [] }),
    );
    const jsonl = join(tmp, 'history.jsonl');
    writeFileSync(jsonl, '{"type":"message","group":"#dev","user":"maria","at":"2024-03-04T09:00:00Z","text":"hi"}\n');
    // A Discord data package: messages/<channel>/channel.json + messages.json, an index, an account folder.
    const discordPackage = join(tmp, 'discord-package');
    mkdirSync(join(discordPackage, 'messages', 'c1092834756102938475'), { recursive: true });
    mkdirSync(join(discordPackage, 'account'));
    writeFileSync(join(discordPackage, 'messages', 'index.json'), '{"1092834756102938475":"general in Driftwood"}');
    writeFileSync(
      join(discordPackage, 'messages', 'c1092834756102938475', 'channel.json'),
      '{"id":"1092834756102938475"}',
    );
    writeFileSync(join(discordPackage, 'messages', 'c1092834756102938475', 'messages.json'), '[]');
    writeFileSync(join(discordPackage, 'account', 'user.json'), '{"id":"1","username":"maria"}');
    for (const path of [telegram, discordExporter, jsonl, discordPackage])
      expect(slackImporter.detect(await probeInput(path))).toBe(0);
  });
});
