import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { EventInput } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { byType, failure, members, readAll, scratch } from '../../importer.test-support.js';
import { probeInput } from '../../registry.js';
import type { ImportOptions } from '../../types.js';
import { ircImporter } from './index.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FIXTURES = join(ROOT, 'packages/importers/fixtures/irc');
// The #ubuntu data set lives beside the repository (shared/), not in users' clones.
const UBUNTU_DATA = join(ROOT, '../shared/data/irc-ubuntu');
const DEMO = join(ROOT, 'packages/server/demo');

const ZNC = join(FIXTURES, 'znc');
const IRSSI = join(FIXTURES, 'irssi/#ubuntu.log');
const WEECHAT = join(FIXTURES, 'weechat/irc.libera.#debian-offtopic.weechatlog');
const UBUNTU = join(FIXTURES, 'ubuntu');

const { dir: tmp, write } = scratch('irc');
let made = 0;
/** A fresh folder under tmp with the given files (names may hold folders). */
const folder = (files: Record<string, string | Buffer>): string => {
  const dir = `d${made++}`;
  for (const [name, content] of Object.entries(files)) write(content, join(dir, name));
  return join(tmp, dir);
};

const read = (path: string, options: Partial<ImportOptions> = {}) =>
  readAll(ircImporter, path, { tz: 'UTC', ...options });

const tally = (events: EventInput[]) => {
  const action = (a: string) => events.filter((e) => e.type === 'service' && e.extra?.action === a).length;
  const chatters = new Set(events.filter((e) => e.type !== 'service').map((e) => e.actor.platformUserId));
  return { ...byType(events), rename: action('rename'), members: members(events), chatters: chatters.size };
};

const logFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\..*\.raw\.txt$/.test(f))
    .sort()
    .map((f) => join(dir, f));

/** Counts of a `===` folder by plain regexes over the raw lines, independent of the importer. */
const countRaw = (dir: string) => {
  const lines = logFiles(dir).flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  const messages = lines.filter((l) => /^\[\d\d:\d\d\] (<|\* )/.test(l));
  const joins = lines.filter((l) => /^=== .* {2}has joined #ubuntu$/i.test(l));
  const leaves = lines.filter((l) => /^=== .* {2}has (left|quit)/.test(l));
  const renames = lines.filter((l) => / is now known as /.test(l) && l.startsWith('=== '));
  const modes = lines.filter((l) => l.startsWith('=== mode/'));
  const others = lines.filter(
    (l) => l.startsWith('=== ') && !/has (joined|left|quit)|is now known as|^=== mode\/|^=== netjoined:/.test(l),
  );
  const nicks = new Set([
    ...messages.map((l) => (/<([^>]+)>/.exec(l)?.[1] ?? '').trim()),
    ...[...joins, ...leaves].map((l) => (/^=== (.+?) \[/.exec(l)?.[1] ?? '').trim()),
  ]);
  return {
    message: messages.length,
    join: joins.length,
    leave: leaves.length,
    // nick changes, mode changes, away notices and untimed /me-like lines
    service: renames.length + modes.length + others.length,
    rename: renames.length,
    chatters: nicks.size,
  };
};

type DemoRow = { type: string; user: string; at: string; text?: string };
const demoRows = (): string[] =>
  readFileSync(join(DEMO, 'ubuntu-irc.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const j = JSON.parse(l) as DemoRow;
      return JSON.stringify([j.type, j.user, j.at, j.text ?? null]);
    });
const asDemo = (events: EventInput[]): string[] =>
  events
    .filter((e) => e.type !== 'service')
    .map((e) =>
      JSON.stringify([e.type, e.actor.platformUserId, e.at.toISOString().replace('.000Z', 'Z'), e.text ?? null]),
    );

describe('IRC logs: the #ubuntu data set (=== style)', () => {
  const sets = [
    { name: 'fixture cuts', dir: UBUNTU, full: false },
    ...(existsSync(UBUNTU_DATA) ? [{ name: 'all of shared/data/irc-ubuntu', dir: UBUNTU_DATA, full: true }] : []),
  ];

  for (const set of sets) {
    it(`imports ${set.name} with the counts of the raw lines`, async () => {
      const { events, rejected, bytes } = await read(set.dir);
      expect(rejected).toEqual([]);
      const raw = countRaw(set.dir);
      const got = tally(events);
      const { members: _, ...counted } = got;
      expect(counted).toEqual(raw);
      // Every byte of the logs counted once (the clock pre-scan is not progress).
      expect(bytes).toBe(logFiles(set.dir).reduce((sum, f) => sum + statSync(f).size, 0));
      expect(new Set(events.map((e) => e.group.platformGroupId))).toEqual(new Set(['#ubuntu']));
      expect(new Set(events.map((e) => e.source))).toEqual(new Set(['irc:#ubuntu']));
      if (set.full) {
        const expected = JSON.parse(readFileSync(join(DEMO, 'expected-counts.json'), 'utf8')) as Record<string, number>;
        expect([got.message, got.join, got.leave, got.chatters]).toEqual([
          expected.message,
          expected.join,
          expected.leave,
          expected.members,
        ]);
        expect([got.message, got.join, got.leave, got.chatters]).toEqual([14315, 2242, 306, 1741]);
      }
    });

    it(`agrees with the demo history on ${set.name}: same events, same times`, async () => {
      const mine = asDemo((await read(set.dir)).events);
      const demo = demoRows();
      if (set.full) {
        expect(mine).toEqual(demo);
        return;
      }
      // A cut is a run of the demo history: find each file's first event and compare from there.
      for (const file of logFiles(set.dir)) {
        const part = asDemo((await read(file)).events);
        const start = demo.indexOf(part[0] as string);
        expect(start, file).toBeGreaterThanOrEqual(0);
        expect(demo.slice(start, start + part.length)).toEqual(part);
      }
    });
  }

  it('reads the fixture cuts exactly (counted by hand)', async () => {
    const { events } = await read(UBUNTU);
    expect(tally(events)).toEqual({
      message: 88,
      join: 32,
      leave: 2,
      service: 10,
      rename: 1,
      members: 58,
      chatters: 56,
    });
  });

  it('turns the 12-hour clock forward where it passes 12, like the demo converter', async () => {
    const { events } = await read(join(UBUNTU, '2004-12-25.train-c.raw.txt'));
    const at = (text: string) => events.find((e) => e.text === text)?.at.toISOString();
    expect(at('none can help me?')).toBe('2004-12-25T11:55:00.000Z');
    expect(at("I want install a server,what's better of debian or ubuntu?")).toBe('2004-12-25T12:05:00.000Z');
    // Join lines have no time: they take the last one seen.
    const joined = events.find((e) => e.type === 'join' && e.actor.platformUserId === 'karlheg');
    expect(joined?.at.toISOString()).toBe('2004-12-25T11:55:00.000Z');
    const left = events.find((e) => e.type === 'leave');
    expect(left).toMatchObject({
      actor: { platformUserId: 'maz1977' },
      extra: { host: '~maz1977@gw-cu.metafora.mi.it' },
    });
  });

  it('keeps nick changes, mode changes and untimed === lines as service events', async () => {
    const { events } = await read(UBUNTU);
    const rename = events.find((e) => e.extra?.action === 'rename');
    expect(rename).toMatchObject({
      type: 'service',
      actor: { platform: 'irc', platformUserId: 'ditCh' },
      previous: { platform: 'irc', platformUserId: 'ditCh_' },
      extra: { action: 'rename', from: 'ditCh_' },
    });
    expect(
      events.filter((e) => e.extra?.action === 'mode').map((e) => [e.actor.platformUserId, e.extra?.mode]),
    ).toEqual([
      ['ChanServ', '+o Amaranth'],
      ['Amaranth', '+q Thazza!*@*'],
      ['ChanServ', '-o Amaranth'],
    ]);
    expect(events.find((e) => e.extra?.action === 'emote')).toMatchObject({
      actor: { platformUserId: 'GammaRay' },
      text: 'has not actually had as chance to use serptntine though',
    });
    // "#Ubuntu" in a join line is the same group.
    expect(events.find((e) => e.actor.platformUserId === 'FireEgl')?.group).toEqual({
      platform: 'irc',
      platformGroupId: '#ubuntu',
      name: '#ubuntu',
    });
  });
});

describe('IRC logs: ZNC, irssi, WeeChat', () => {
  it('reads a ZNC network folder as one group per channel, the day from each file name', async () => {
    const { events, rejected } = await read(ZNC);
    expect(rejected).toEqual([]);
    expect(tally(events)).toEqual({ message: 31, join: 6, leave: 5, service: 7, rename: 3, members: 12, chatters: 10 });
    expect(new Set(events.map((e) => JSON.stringify(e.group)))).toEqual(
      new Set([JSON.stringify({ platform: 'irc', platformGroupId: '#debian', name: '#debian' })]),
    );
    expect(events[0]).toMatchObject({
      type: 'join',
      source: 'irc:#debian',
      actor: { platform: 'irc', platformUserId: 'mareike', displayName: 'mareike' },
      extra: { host: '~mareike@2a02:8108:1dc0:5e4::7' },
    });
    expect(events[0]?.at.toISOString()).toBe('2021-06-01T09:02:11.000Z');
    expect(events.at(-1)?.at.toISOString()).toBe('2021-06-02T08:41:02.000Z');
    expect(events.find((e) => e.extra?.action === true)).toMatchObject({
      type: 'message',
      actor: { platformUserId: 'nandu' },
      text: 'goes looking for a usb stick',
    });
    expect(events.find((e) => e.extra?.removedBy)).toMatchObject({
      type: 'leave',
      actor: { platformUserId: 'vpsdeals' },
      extra: { removedBy: 'tvrtko', reason: 'spam' },
    });
    expect(events.find((e) => e.extra?.quit)).toMatchObject({
      actor: { platformUserId: 'mareike' },
      extra: { quit: true },
    });
    expect(events.find((e) => e.extra?.action === 'rename')).toMatchObject({
      actor: { platformUserId: 'olaf' },
      previous: { platform: 'irc', platformUserId: 'olaf_k' },
    });
    expect(events.find((e) => e.extra?.action === 'topic')?.text).toMatch(
      /^Welcome to #debian \| Debian 10\.9 "buster"/,
    );
  });

  it('reads irssi with its day lines, mode prefixes, kicks and netsplits', async () => {
    const { events, rejected } = await read(IRSSI);
    expect(rejected).toEqual([]);
    expect(tally(events)).toEqual({ message: 17, join: 6, leave: 6, service: 3, rename: 1, members: 7, chatters: 7 });
    expect(events.map((e) => e.group.platformGroupId)).toEqual(events.map(() => '#ubuntu'));
    const byText = (text: string) => events.find((e) => e.text === text);
    expect(byText("sunnyk: the flatpak, or google chrome's own deb")?.actor.platformUserId).toBe('ducasse');
    expect(byText('lotuspetal: x11')?.actor.platformUserId).toBe('ondrej_p');
    expect(byText('hwe kernel works, the ax210 shows up. thanks lotuspetal')?.at.toISOString()).toBe(
      '2021-06-02T00:12:00.000Z',
    );
    expect(byText('shrugs')).toMatchObject({ actor: { platformUserId: 'lotuspetal' }, extra: { action: true } });
    expect(events.filter((e) => e.extra?.netsplit).map((e) => `${e.type} ${e.actor.platformUserId}`)).toEqual([
      'leave lotuspetal',
      'leave ducasse',
      'join lotuspetal',
      'join ducasse',
    ]);
    expect(events.find((e) => e.extra?.removedBy)).toMatchObject({
      actor: { platformUserId: 'freebtc' },
      extra: { removedBy: 'ducasse' },
    });
  });

  it('reads WeeChat, skipping its own notices', async () => {
    const { events, rejected } = await read(WEECHAT);
    expect(rejected).toEqual([]);
    expect(tally(events)).toEqual({ message: 13, join: 3, leave: 3, service: 4, rename: 2, members: 6, chatters: 5 });
    expect(events[0]).toMatchObject({
      type: 'join',
      group: { platform: 'irc', platformGroupId: '#debian-offtopic', name: '#debian-offtopic' },
      extra: { host: '~karola@user/karola' },
    });
    expect(events.find((e) => e.text?.startsWith('karola: most of us'))?.actor.platformUserId).toBe('mjg');
    expect(events.find((e) => e.extra?.removedBy)).toMatchObject({
      actor: { platformUserId: 'trollface' },
      extra: { removedBy: 'mjg' },
    });
    expect(events.find((e) => e.extra?.action === 'topic')?.text).toMatch(/bullseye release party: see the wiki$/);
    expect(
      events
        .filter((e) => e.extra?.action === 'rename')
        .map((e) => [e.previous?.platformUserId, e.actor.platformUserId]),
    ).toEqual([
      ['piet', 'piet_afk'],
      ['piet_afk', 'piet'],
    ]);
  });
});

describe('IRC logs: options, ids and bad input', () => {
  it('gives the same ids on a second read, and two ids to two identical lines', async () => {
    const first = (await read(UBUNTU)).events.map((e) => e.sourceId);
    const second = (await read(UBUNTU)).events.map((e) => e.sourceId);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    // "[01:35] <kbrooks> omfg" appears twice in the same minute.
    const omfg = (await read(UBUNTU)).events.filter((e) => e.text === 'omfg');
    expect(omfg).toHaveLength(2);
    expect(omfg[0]?.sourceId).not.toBe(omfg[1]?.sourceId);
  });

  it('puts every record in the group named by --group', async () => {
    const { events } = await read(ZNC, { group: 'Debian 用户群' });
    expect(events.length).toBe(49);
    for (const e of events) {
      expect(e.group).toEqual({ platform: 'irc', platformGroupId: 'Debian 用户群', name: 'Debian 用户群' });
      expect(e.source).toBe('irc:Debian 用户群');
    }
  });

  it('reads times in --tz', async () => {
    const irssi = (await read(IRSSI, { tz: 'Asia/Shanghai' })).events;
    expect(irssi[0]?.at.toISOString()).toBe('2021-06-01T13:40:00.000Z');
    const weechat = (await read(WEECHAT, { tz: 'America/New_York' })).events;
    expect(weechat[0]?.at.toISOString()).toBe('2021-06-03T22:02:11.000Z');
    const znc = (await read(ZNC, { tz: 'Europe/Berlin' })).events;
    expect(znc[0]?.at.toISOString()).toBe('2021-06-01T07:02:11.000Z');
    await expect(read(IRSSI, { tz: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('yields lines it cannot read as rejected, with file, line and reason, and goes on', async () => {
    const dir = folder({
      '#debian/2021-06-01.log': [
        '[09:00:00] <olaf> good morning',
        'this line was pasted into the log by hand',
        '[25:61:00] <olaf> a time that does not exist',
        '[09:01:00] *** Joins: tvrtko (~tvrtko@user/tvrtko)',
        '[09:02:00] <tvrtko>',
      ].join('\n'),
    });
    const { events, rejected } = await read(dir);
    expect(events.map((e) => [e.type, e.actor.platformUserId, e.text ?? null])).toEqual([
      ['message', 'olaf', 'good morning'],
      ['join', 'tvrtko', null],
      ['message', 'tvrtko', ''],
    ]);
    expect(rejected.map((r) => [r.file, r.line, r.reason])).toEqual([
      [join(dir, '#debian/2021-06-01.log'), 2, 'line of no known ZNC log shape'],
      [join(dir, '#debian/2021-06-01.log'), 3, 'not a time of day: [25:61:00]'],
    ]);
    expect(rejected[0]?.text).toBe('this line was pasted into the log by hand');
  });

  it('rejects irssi lines before any day is known, and joins of another channel', async () => {
    const dir = folder({
      'irssi/#ubuntu.log': [
        '21:40 < ondrej_p> hello?',
        '--- Log opened Tue Jun 01 21:40:12 2021',
        '21:41 < ondrej_p> hello',
      ].join('\n'),
      'ubuntu/2005-06-12.log': [
        '[01:34] <GammaRay> hi',
        '=== dpod [~dan@d209-107-97-72.abhsia.telus.net]  has joined #ubuntu',
        '=== malte` is away: faccio cose, vedo gente',
        '=== dpod [~dan@d209-107-97-72.abhsia.telus.net]  has left #kubuntu []',
      ].join('\n'),
    });
    const irssi = await read(join(dir, 'irssi/#ubuntu.log'));
    expect(irssi.events.map((e) => e.text)).toEqual(['hello']);
    expect(irssi.rejected.map((r) => [r.line, r.reason])).toEqual([
      [1, 'no day known yet: no "--- Log opened" line before it and no date in the file name'],
    ]);
    const ubuntu = await read(join(dir, 'ubuntu'));
    // The channel of a file that names none comes from its first join or leave line.
    expect(ubuntu.rejected.map((r) => [r.line, r.reason])).toEqual([[4, 'leave of #kubuntu in the log of #ubuntu']]);
    expect(ubuntu.events.map((e) => `${e.type} ${e.extra?.action ?? ''} ${e.actor.platformUserId}`)).toEqual([
      'message  GammaRay',
      'join  dpod',
      'service away malte`',
    ]);
  });

  it('refuses unusable input with a bad_input error a person can act on', async () => {
    const dir = folder({
      'binary.log': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0x10, 0x20]),
      'history.jsonl':
        '{"type":"message","group":"#ubuntu","user":"crimsun","at":"2004-12-25T09:14:00Z","text":"hi"}\n',
      'readme-only/README.md': '# My logs\n\nNothing here yet.\n',
      'nodate/#debian.log': '[09:00:00] <olaf> good morning\n',
      'nochannel/2021-06-01.log': '[09:00:00] <olaf> good morning\n[09:01:00] *** Joins: tvrtko (~t@user/t)\n',
      '#debian/2021-06-01.log.gz': gzipSync(readFileSync(join(ZNC, 'libera/#debian/2021-06-01.log'))).subarray(0, 300),
    });
    const fails = async (path: string, pattern: RegExp, options: Partial<ImportOptions> = {}) => {
      const error = await failure(read(path, options));
      expect(error, path).toMatchObject({ name: 'QunzhuError', code: 'bad_input' });
      expect((error as Error).message).toMatch(pattern);
    };
    await fails(join(dir, 'binary.log'), /binary\.log: this is a binary file, not an IRC log/);
    await fails(join(dir, 'history.jsonl'), /history\.jsonl: not an IRC log: no line looks like ZNC/);
    await fails(join(dir, 'readme-only'), /readme-only: no IRC log in this folder/);
    await fails(join(dir, 'nodate/#debian.log'), /the date comes from the file name, which has none; rename the file/);
    await fails(join(dir, 'nochannel'), /cannot tell which channel this log is of .*--group/);
    await fails(join(dir, '#debian'), /2021-06-01\.log\.gz: the compressed log ends early or is damaged/);
    // With --group the channel need not be known.
    expect((await read(join(dir, 'nochannel'), { group: '#debian' })).events).toHaveLength(2);
  });

  it('reads gzipped logs and skips files that are not logs in a folder', async () => {
    const dir = folder({
      '#debian/2021-06-01.log.gz': gzipSync(readFileSync(join(ZNC, 'libera/#debian/2021-06-01.log'))),
      '#debian/LICENSE.txt': readFileSync(join(FIXTURES, 'README.md')),
    });
    const { events, rejected } = await read(dir);
    expect(rejected).toEqual([]);
    expect(tally(events)).toMatchObject({ message: 19, join: 3, leave: 3, service: 4 });
  });

  it('detects its fixtures and not the look-alikes of other formats', async () => {
    for (const path of [ZNC, IRSSI, WEECHAT, UBUNTU, join(UBUNTU, '2005-06-12.train-c.raw.txt')]) {
      expect(ircImporter.detect(await probeInput(path)), path).toBeGreaterThanOrEqual(0.9);
    }
    const dir = folder({
      'demo.jsonl': readFileSync(join(DEMO, 'ubuntu-irc.jsonl')).subarray(0, 4000),
      'chat.csv': 'time,user,text\n2021-06-01 09:00:00,olaf,good morning\n2021-06-01 09:01:00,tvrtko,morning\n',
      'whatsapp.txt':
        '[01/06/2021, 09:02:40] Mareike: hi\n[01/06/2021, 09:03:05] Olaf: hello\n[01/06/2021, 09:03:31] Mareike: all good\n',
      'telegram.json':
        '{\n "name": "Debian 用户群",\n "type": "private_supergroup",\n "id": 1234567,\n "messages": [\n  {\n   "id": 1,\n   "type": "service"\n  }\n ]\n}\n',
      'qq.txt': '2021-06-01 09:02:40 小明(12345678)\n大家好\n\n2021-06-01 09:03:05 小红(87654321)\n你好\n',
      'source.md': readFileSync(join(FIXTURES, 'README.md')),
      'empty.log': '',
    });
    for (const name of readdirSync(dir)) {
      expect(ircImporter.detect(await probeInput(join(dir, name))), name).toBeLessThan(0.3);
    }
  });
});
