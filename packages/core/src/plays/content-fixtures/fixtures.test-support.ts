import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StoredEvent } from '../../events/index.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export type LabelledLine = { spam: boolean; text: string };

/** The spam-zh cut: 1 = spam, 0 = normal; the text is everything after the first comma. */
export const spamZh = (): LabelledLine[] =>
  readFileSync(here('spam-zh.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 2)
    .map((l) => ({ spam: l.startsWith('1,'), text: l.slice(2) }));

export type IrcLine = { time: string; nick: string; text: string };

/** The #ubuntu cut: messages only, `[HH:MM] <nick> text`. */
export const ircUbuntu = (): IrcLine[] =>
  readFileSync(here('irc-ubuntu-2005-06-12.txt'), 'utf8')
    .split('\n')
    .map((l) => /^\[(\d\d:\d\d)\] <([^>]+)> (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ time: m[1] ?? '', nick: m[2] ?? '', text: m[3] ?? '' }));

/** Chat lines as stored message events of one group, a second apart from `start`, members by nick. */
export const asEvents = (
  lines: readonly { nick?: string; text: string }[],
  options: { communityId?: number; groupId: number; start: string; firstId?: number },
): StoredEvent[] => {
  const members = new Map<string, number>();
  const startMs = new Date(options.start).getTime();
  return lines.map((line, i) => {
    const nick = line.nick ?? `m${i % 7}`;
    if (!members.has(nick)) members.set(nick, members.size + 1);
    const id = (options.firstId ?? 1) + i;
    return {
      id,
      communityId: options.communityId ?? 1,
      groupId: options.groupId,
      memberId: members.get(nick) ?? 0,
      type: 'message',
      source: 'fixture',
      sourceId: `f${id}`,
      at: new Date(startMs + i * 1000),
      payload: { text: line.text, name: nick },
    };
  });
};
