import { readFileSync } from 'node:fs';
import type { Capabilities } from '../../actions/index.js';
import type { Community, Group, Language } from '../../communities/index.js';
import type { EventType, StoredEvent } from '../../events/index.js';
import type { JsonObject } from '../../json.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The spam-zh sample: label and text per row (text is everything after the first comma). */
export const spamZhSample = (): { spam: boolean; text: string }[] =>
  fixture('spam-zh-sample.csv')
    .split('\n')
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => {
      const comma = line.indexOf(',');
      return { spam: line.slice(0, comma) === '1', text: line.slice(comma + 1) };
    });

export type IrcLine = { kind: 'message' | 'join'; nick: string; at: Date; text: string };

/**
 * Messages and joins of an #ubuntu fixture. Times have minute resolution in the log: the lines of
 * one minute are spread evenly over it, in order, so the sequence keeps its real pace.
 */
export const ircFixture = (file: string): IrcLine[] => {
  const day = /(\d{4}-\d{2}-\d{2})/.exec(file)?.[1] ?? '2005-01-01';
  const raw: { kind: 'message' | 'join'; nick: string; minute: string; text: string }[] = [];
  let minute = '00:00';
  for (const line of fixture(file).split('\n')) {
    const message = /^\[(\d\d:\d\d)\] <([^>]*)> ?(.*)$/.exec(line);
    if (message) {
      minute = message[1] ?? minute;
      raw.push({ kind: 'message', nick: (message[2] ?? '').trim(), minute, text: message[3] ?? '' });
      continue;
    }
    const join = /^=== (\S+) \[[^\]]*\]\s+has joined/.exec(line);
    if (join) raw.push({ kind: 'join', nick: join[1] ?? '', minute, text: '' });
  }
  const perMinute = new Map<string, number>();
  for (const r of raw) perMinute.set(r.minute, (perMinute.get(r.minute) ?? 0) + 1);
  const seen = new Map<string, number>();
  return raw.map((r) => {
    const i = seen.get(r.minute) ?? 0;
    seen.set(r.minute, i + 1);
    const spread = Math.floor((i * 60_000) / (perMinute.get(r.minute) ?? 1));
    return { kind: r.kind, nick: r.nick, text: r.text, at: new Date(Date.parse(`${day}T${r.minute}:00Z`) + spread) };
  });
};

export const allCapabilities: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};
/** WeChat (personal): reads messages, cannot delete others' messages. */
export const wechatCapabilities: Capabilities = { ...allCapabilities, delete: false, mute: false, pin: false };

export const community = (language: Language = 'zh-CN'): Community => ({
  id: 1,
  name: '测试社群',
  timezone: 'Asia/Shanghai',
  language,
  createdAt: new Date(0),
});

export const group = (id: number, name = `群${id}`): Group => ({
  id,
  communityId: 1,
  platform: 'sandbox',
  platformGroupId: `g${id}`,
  name,
  type: 'fan',
  capacity: null,
  createdAt: new Date(0),
});

/** Builds stored events with increasing ids. */
export const eventFactory = () => {
  let nextId = 1;
  return (
    type: EventType,
    groupId: number,
    memberId: number,
    at: Date | string,
    text?: string,
    extra?: JsonObject,
  ): StoredEvent => {
    const id = nextId++;
    return {
      id,
      communityId: 1,
      groupId,
      memberId,
      type,
      source: 'test',
      sourceId: `s${id}`,
      at: typeof at === 'string' ? new Date(at) : at,
      payload: {
        name: `成员${memberId}`,
        ...(text === undefined ? {} : { text }),
        ...(extra === undefined ? {} : { extra }),
      },
    };
  };
};
