import { describe, expect, it } from 'vitest';
import { readAll, scratch } from '../../importer.test-support.js';
import { jsonlImporter } from './index.js';

// Lines in the shape of the demo history (#ubuntu IRC, CC-BY-4.0).
const sample = [
  '\uFEFF{"type":"message","group":"#ubuntu","user":"crimsun","name":"crimsun","at":"2004-12-25T09:14:00Z","text":"kleedrac: I\'m afraid not."}',
  '{"type":"join","group":"#ubuntu","user":"L0sT","at":1103966160}',
  '',
  '{"type":"message","group":"#ubuntu","user":"crimsun","name":"crimsun","at":"2004-12-25T09:14:00Z","text":"kleedrac: I\'m afraid not."}',
  '{"type":"message","group":"#ubuntu","user":"will","at":"2004-12-25T17:15:00+08:00","text":"best media player: VLC","id":"m-9","replyTo":"m-8","channel":"web"}',
].join('\r\n');

const { write } = scratch('jsonl', (n) => `f${n}.jsonl`);
const parse = async (text: string, group?: string) =>
  (await readAll(jsonlImporter, write(text), { tz: 'UTC', platform: 'irc', ...(group ? { group } : {}) })).records;

describe('Qunzhu JSONL', () => {
  it('parses records into events with stable derived ids', async () => {
    const records = await parse(sample);
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true]);
    const events = records.flatMap((r) => (r.ok ? [r.event] : []));
    expect(events[0]).toMatchObject({
      type: 'message',
      source: 'irc:#ubuntu',
      group: { platform: 'irc', platformGroupId: '#ubuntu' },
      actor: { platform: 'irc', platformUserId: 'crimsun', displayName: 'crimsun' },
    });
    expect(events[1]?.at.toISOString()).toBe('2004-12-25T09:16:00.000Z');
    // Two identical lines get two different ids; the same file again gets the same ids.
    expect(events[0]?.sourceId).not.toBe(events[2]?.sourceId);
    const again = (await parse(sample)).flatMap((r) => (r.ok ? [r.event.sourceId] : []));
    expect(again).toEqual(events.map((e) => e.sourceId));
    expect(events[3]).toMatchObject({ sourceId: 'm-9', replyTo: 'm-8', extra: { channel: 'web' } });
    expect(events[3]?.at.toISOString()).toBe('2004-12-25T09:15:00.000Z');
  });

  it('says which line is wrong and why', async () => {
    const bad = [
      '{"type":"message","group":"#ubuntu","user":"a","at":"2004-12-25 09:14"}',
      '{"type":"shout","group":"#ubuntu","user":"a","at":"2004-12-25T09:14:00Z"}',
      '{"type":"message","group":"#ubuntu","at":"2004-12-25T09:14:00Z"',
      '[1,2]',
      '{"type":"message","group":"#ubuntu","user":"a","at":1103966160000}',
    ].join('\n');
    const records = await parse(bad);
    expect(records.every((r) => !r.ok && r.file.endsWith('.jsonl'))).toBe(true);
    expect(records.map((r) => (r.ok ? 'ok' : `${r.line}: ${r.reason}`))).toEqual([
      expect.stringMatching(/^1: at: "at" must be ISO-8601 with an offset/),
      expect.stringMatching(/^2: type: /),
      expect.stringMatching(/^3: not JSON/),
      '4: each record must be one JSON object',
      expect.stringMatching(/^5: at: "at" is not a time between 1970 and 2100/),
    ]);
  });

  it('puts every line in the group named by --group', async () => {
    const [r] = await parse('{"type":"join","group":"#ubuntu","user":"L0sT","at":0}', 'Ubuntu 中文群');
    expect(r?.ok && r.event.group).toEqual({
      platform: 'irc',
      platformGroupId: 'Ubuntu 中文群',
      name: 'Ubuntu 中文群',
    });
  });

  it('strips NUL characters that PostgreSQL cannot store', async () => {
    const [r] = await parse('{"type":"message","group":"#ubuntu","user":"a\\u0000b","at":0,"text":"x\\u0000y"}');
    expect(r?.ok && r.event.text).toBe('xy');
    expect(r?.ok && r.event.actor.platformUserId).toBe('ab');
  });
});
