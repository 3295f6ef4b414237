import type { WallTime } from '../../shared/time.js';
import type { Day } from './names.js';

/**
 * The four log layouts read here. `ubuntu` is the `===` style of the #ubuntu logs in the
 * disentanglement data set (Kummerfeld et al. 2019): `[HH:MM] <nick> text` and untimed `=== ...` lines.
 */
export type Dialect = 'znc' | 'irssi' | 'weechat' | 'ubuntu';

/** What one line says, whatever the dialect. */
export type Body =
  | { kind: 'message'; nick: string; text: string; action?: true; notice?: true }
  | { kind: 'join'; nick: string; host?: string; channel?: string; netsplit?: true }
  | {
      kind: 'leave';
      nick: string;
      how: 'part' | 'quit' | 'kick';
      host?: string;
      channel?: string;
      reason?: string;
      by?: string;
      netsplit?: true;
    }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'topic'; nick: string; text: string; channel?: string }
  | { kind: 'mode'; nick: string; mode: string; channel?: string }
  | { kind: 'away'; nick: string; text: string }
  | { kind: 'emote'; nick: string; text: string };

export type LineResult =
  | { ok: true; wall: WallTime; bodies: Body[] }
  /** A line of a known shape that is no event of a member: client notices, log markers, blank lines. */
  | { ok: 'skip' }
  | { ok: false; reason: string };

/** Reads one file's lines in order; keeps what a dialect needs between lines (the day, the clock). */
export type LineReader = (text: string) => LineResult;

const SKIP: LineResult = { ok: 'skip' };
const unknown = (dialect: string): LineResult => ({ ok: false, reason: `line of no known ${dialect} log shape` });

/** A line typical of each dialect, to tell them apart from a file's first lines. */
export const SIGNATURES: Record<Dialect, RegExp> = {
  znc: /^\[\d{2}:\d{2}:\d{2}\] (?:<[^>]+>|\* \S|\*\*\* \S|-\S+- )/,
  irssi: /^(?:\d{2}:\d{2}(?::\d{2})? (?:<[^>]*>|-!- \S| ?\* \S|-\S+- )|--- (?:Log opened|Log closed|Day changed) )/,
  weechat: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\t[^\t]*\t/,
  ubuntu: /^(?:\[\d{2}:\d{2}\] (?:<[^>]+>|\* \S)|=== \S)/,
};

/** Nick mode prefixes clients show before a nick (`<@op>`, `< voice>` in irssi, `@op` in WeeChat). */
const stripMode = (nick: string): string => nick.replace(/^[ @+%&~!]/, '').trim();

const nickList = (list: string): string[] =>
  list
    .replace(/\s*\(\+\d+ more.*\)\s*$/, '')
    .split(/,\s*/)
    .map(stripMode)
    .filter((nick) => nick !== '');

// Servers set modes too (irssi `by irc.libera.chat`, ZNC `Server sets mode`): no member did it.
const isServer = (nick: string): boolean => nick.includes('.') || nick === 'Server';

/** A regex's groups by number; a group that did not take part is ''. */
type Groups = (i: number) => string;
type Rule<T> = readonly [RegExp, (g: Groups) => T];

/** What the first matching rule makes of `text`, or undefined when none matches. */
const firstMatch = <T>(text: string, rules: readonly Rule<T>[]): T | undefined => {
  for (const [pattern, make] of rules) {
    const m = pattern.exec(text);
    if (m) return make((i) => m[i] ?? '');
  }
  return undefined;
};

const withTime = (day: Day, h: string, m: string, s: string): WallTime | null => {
  const hour = Number(h);
  const minute = Number(m);
  const second = Number(s || 0);
  if (hour > 23 || minute > 59 || second > 60) return null;
  return { ...day, hour, minute, second };
};

const opt = <K extends string>(key: K, value: string): { [P in K]?: string } =>
  (value ? { [key]: value } : {}) as { [P in K]?: string };

type Parsed = Body[] | 'skip';

// --- ZNC (modules/log.cpp) ---------------------------------------------------------------------

const ZNC_EVENTS: readonly Rule<Parsed>[] = [
  [/^Joins: (\S+) \((.*)\)$/, (g) => [{ kind: 'join', nick: g(1), host: g(2) }]],
  [
    /^Parts: (\S+) \((.*?)\) \((.*)\)$/,
    (g) => [{ kind: 'leave', how: 'part', nick: g(1), host: g(2), ...opt('reason', g(3)) }],
  ],
  [
    /^Quits: (\S+) \((.*?)\) \((.*)\)$/,
    (g) => [{ kind: 'leave', how: 'quit', nick: g(1), host: g(2), ...opt('reason', g(3)) }],
  ],
  [
    /^(\S+) was kicked by (\S+) \((.*)\)$/,
    (g) => [{ kind: 'leave', how: 'kick', nick: g(1), by: g(2), ...opt('reason', g(3)) }],
  ],
  [/^(\S+) is now known as (\S+)$/, (g) => [{ kind: 'rename', from: g(1), to: g(2) }]],
  [/^(\S+) changes topic to '(.*)'$/, (g) => [{ kind: 'topic', nick: g(1), text: g(2) }]],
  [/^(\S+) sets mode: (.*)$/, (g) => (isServer(g(1)) ? 'skip' : [{ kind: 'mode', nick: g(1), mode: g(2).trim() }])],
];

const ZNC_LINES: readonly Rule<Parsed | undefined>[] = [
  [/^<([^>]+)>(?: (.*))?$/, (g) => [{ kind: 'message', nick: g(1).trim(), text: g(2) }]],
  [/^\* (\S+)(?: (.*))?$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), action: true }]],
  [/^-([^\s-]\S*?)- (.*)$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), notice: true }]],
  [/^\*\*\* (.*)$/, (g) => firstMatch(g(1), ZNC_EVENTS)],
  // The status window's own lines.
  [/^(?:Connected to IRC|Disconnected from IRC) \(.*\)$|^Broadcast: /, () => 'skip'],
];

/** ZNC's log module: `[HH:MM:SS] <nick> text`; the day is in the file name. */
export const zncReader =
  (day: Day): LineReader =>
  (text) => {
    if (text.trim() === '') return SKIP;
    const m = /^\[(\d{2}):(\d{2}):(\d{2})\] (.*)$/.exec(text);
    if (!m) return unknown('ZNC');
    const [, h = '', mi = '', s = '', rest = ''] = m;
    const wall = withTime(day, h, mi, s);
    if (!wall) return { ok: false, reason: `not a time of day: [${h}:${mi}:${s}]` };
    const parsed = firstMatch(rest, ZNC_LINES);
    if (parsed === 'skip') return SKIP;
    return parsed ? { ok: true, wall, bodies: parsed } : unknown('ZNC');
  };

// --- irssi (default theme, core/log.c) ---------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const irssiDay = (month: string, day: string, year: string): Day | null => {
  const index = MONTHS.indexOf(month);
  return index < 0 ? null : { year: Number(year), month: index + 1, day: Number(day) };
};

const IRSSI_EVENTS: readonly Rule<Parsed>[] = [
  [/^(\S+) \[(.*?)\] has joined (\S+)$/, (g) => [{ kind: 'join', nick: g(1), host: g(2), channel: g(3) }]],
  [
    /^(\S+) \[(.*?)\] has left (\S+)(?: \[(.*)\])?$/,
    (g) => [{ kind: 'leave', how: 'part', nick: g(1), host: g(2), channel: g(3), ...opt('reason', g(4)) }],
  ],
  [
    /^(\S+) \[(.*?)\] has quit(?: \[(.*)\])?$/,
    (g) => [{ kind: 'leave', how: 'quit', nick: g(1), host: g(2), ...opt('reason', g(3)) }],
  ],
  [
    /^(\S+) was kicked from (\S+) by (\S+)(?: \[(.*)\])?$/,
    (g) => [{ kind: 'leave', how: 'kick', nick: g(1), channel: g(2), by: g(3), ...opt('reason', g(4)) }],
  ],
  [/^(\S+) is now known as (\S+)$/, (g) => [{ kind: 'rename', from: g(1), to: g(2) }]],
  [/^(\S+) changed the topic of (\S+) to: ?(.*)$/, (g) => [{ kind: 'topic', nick: g(1), channel: g(2), text: g(3) }]],
  [/^Topic unset by (\S+) on (\S+)$/, (g) => [{ kind: 'topic', nick: g(1), channel: g(2), text: '' }]],
  [
    /^mode\/(\S+) \[(.*)\] by (\S+)$/,
    (g) => (isServer(g(3)) ? 'skip' : [{ kind: 'mode', nick: g(3), channel: g(1), mode: g(2) }]),
  ],
  // With hide_netsplit_quits (on by default) irssi logs one line for all who split or came back.
  [
    /^Netsplit (\S+) <-> (\S+) quits: (.*)$/,
    (g) =>
      nickList(g(3)).map((nick) => ({
        kind: 'leave',
        how: 'quit',
        nick,
        reason: `netsplit ${g(1)} <-> ${g(2)}`,
        netsplit: true,
      })),
  ],
  [/^Netsplit over, joins: (.*)$/, (g) => nickList(g(1)).map((nick) => ({ kind: 'join', nick, netsplit: true }))],
  // Everything else after -!- is the client or server talking: "Irssi: ...", "Topic for", "ServerMode", "You're now known as".
  [/^/, () => 'skip'],
];

const IRSSI_LINES: readonly Rule<Parsed | undefined>[] = [
  [
    /^<([^>]+)>(?: (.*))?$/,
    (g) => {
      const nick = stripMode(g(1));
      return nick ? [{ kind: 'message', nick, text: g(2) }] : undefined;
    },
  ],
  [/^ ?\* (\S+)(?: (.*))?$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), action: true }]],
  [/^-!- (.*)$/, (g) => firstMatch(g(1), IRSSI_EVENTS)],
  [
    /^-([^\s:()-][^\s:()]*?)(?::\S+|\(.*?\))?- (.*)$/,
    (g) => [{ kind: 'message', nick: g(1), text: g(2), notice: true }],
  ],
  // /names output: "[Users #chan]" and rows of "[@nick] [ nick]".
  [/^(?:\[[^\]]*\] *)+$/, () => 'skip'],
];

const IRSSI_DAY =
  /^--- (?:Log opened \w{3} (\w{3}) (\d{1,2}) \d{2}:\d{2}:\d{2} (\d{4})|Day changed \w{3} (\w{3}) (\d{1,2}) (\d{4}))$/;

/** irssi's default log: `HH:MM <nick> text`, the day from `--- Log opened` / `--- Day changed` (or the file name). */
export const irssiReader = (fileDay: Day | null): LineReader => {
  let day = fileDay;
  return (text) => {
    if (text.trim() === '') return SKIP;
    const marker = IRSSI_DAY.exec(text);
    if (marker) {
      const [, mo1, d1, y1, mo2 = '', d2 = '', y2 = ''] = marker;
      const month = mo1 ?? mo2;
      const next = irssiDay(month, d1 ?? d2, y1 ?? y2);
      if (!next) return { ok: false, reason: `unknown month "${month}"` };
      day = next;
      return SKIP;
    }
    if (text.startsWith('--- Log closed ')) return SKIP;
    const m = /^(\d{2}):(\d{2})(?::(\d{2}))? (.*)$/.exec(text);
    if (!m) return unknown('irssi');
    const [, h = '', mi = '', s = '', rest = ''] = m;
    const parsed = firstMatch(rest, IRSSI_LINES);
    if (parsed === 'skip') return SKIP;
    if (!parsed) return unknown('irssi');
    if (!day)
      return { ok: false, reason: 'no day known yet: no "--- Log opened" line before it and no date in the file name' };
    const wall = withTime(day, h, mi, s);
    if (!wall) return { ok: false, reason: `not a time of day: ${h}:${mi}` };
    return { ok: true, wall, bodies: parsed };
  };
};

// --- WeeChat (logger plugin) -------------------------------------------------------------------

const hostIn = (text: string): { host?: string } => opt('host', /\(([^()\s]*@[^()\s]*)\)\s*$/.exec(text)?.[1] ?? '');

const WEECHAT_JOIN: readonly Rule<Parsed>[] = [
  [/^(\S+)(.*) has joined (\S+)$/, (g) => [{ kind: 'join', nick: g(1), channel: g(3), ...hostIn(g(2)) }]],
];

const WEECHAT_LEAVE: readonly Rule<Parsed>[] = [
  [
    /^(\S+) has kicked (\S+)(?: \((.*)\))?$/,
    (g) => [{ kind: 'leave', how: 'kick', nick: g(2), by: g(1), ...opt('reason', g(3)) }],
  ],
  [
    /^(\S+)(.*?) has left (\S+)(?: \((.*)\))?$/,
    (g) => [{ kind: 'leave', how: 'part', nick: g(1), channel: g(3), ...hostIn(g(2)), ...opt('reason', g(4)) }],
  ],
  [
    /^(\S+)(.*?) has quit(?: \((.*)\))?$/,
    (g) => [{ kind: 'leave', how: 'quit', nick: g(1), ...hostIn(g(2)), ...opt('reason', g(3)) }],
  ],
];

const WEECHAT_NETWORK: readonly Rule<Parsed>[] = [
  [/^(\S+) is now known as (\S+)$/, (g) => [{ kind: 'rename', from: g(1), to: g(2) }]],
  [
    /^(\S+) has changed topic for (\S+) (?:from ".*" )?to "(.*)"$/,
    (g) => [{ kind: 'topic', nick: g(1), channel: g(2), text: g(3) }],
  ],
  [/^(\S+) has unset topic for (\S+)$/, (g) => [{ kind: 'topic', nick: g(1), channel: g(2), text: '' }]],
  [
    /^Mode (\S+) \[(.*)\] by (\S+)$/,
    (g) => (isServer(g(3)) ? 'skip' : [{ kind: 'mode', nick: g(3), channel: g(1), mode: g(2) }]),
  ],
  [/^Notice\((\S+)\)(?: -> \S+)?: (.*)$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), notice: true }]],
  // Other network lines: topic on join, names, "Channel created on", "You are now known as", server notices.
  [/^/, () => 'skip'],
];

const WEECHAT_ACTION: readonly Rule<Parsed>[] = [
  [/^(\S+)(?: (.*))?$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), action: true }]],
];

const weechatBody = (prefix: string, message: string): Parsed | undefined => {
  if (prefix === '-->') return firstMatch(message, WEECHAT_JOIN);
  if (prefix === '<--') return firstMatch(message, WEECHAT_LEAVE);
  if (prefix === '--') return firstMatch(message, WEECHAT_NETWORK);
  if (prefix === ' *' || prefix === '*') return firstMatch(message, WEECHAT_ACTION);
  // Errors (=!=), logger info lines and other symbol-only prefixes are the client's own.
  if (/^[^\p{L}\p{N}_[\]\\`^{|}]+$/u.test(prefix)) return 'skip';
  const nick = stripMode(prefix);
  return nick ? [{ kind: 'message', nick, text: message }] : undefined;
};

/** WeeChat's logger: `YYYY-MM-DD HH:MM:SS<TAB>prefix<TAB>message`. */
export const weechatReader = (): LineReader => (text) => {
  if (text.trim() === '') return SKIP;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\t([^\t]*)\t(.*)$/.exec(text);
  if (!m) return unknown('WeeChat');
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', prefix = '', message = ''] = m;
  const day: Day = { year: Number(y), month: Number(mo), day: Number(d) };
  const wall = day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= 31 ? withTime(day, h, mi, s) : null;
  if (!wall) return { ok: false, reason: `not a date and time: ${y}-${mo}-${d} ${h}:${mi}:${s}` };
  const parsed = weechatBody(prefix, message);
  if (parsed === 'skip') return SKIP;
  return parsed ? { ok: true, wall, bodies: parsed } : unknown('WeeChat');
};

// --- the #ubuntu data set's `===` style --------------------------------------------------------

export const UBUNTU_STAMP = /^\[(\d{2}):(\d{2})\] /;

const UBUNTU_TIMED: readonly Rule<Body[] | string>[] = [
  [
    /^\[\d{2}:\d{2}\] <([^>]+)>(?: (.*))?$/,
    (g) => (g(1).trim() ? [{ kind: 'message', nick: g(1).trim(), text: g(2) }] : 'empty nick'),
  ],
  [/^\[\d{2}:\d{2}\] \* (\S+) (.*)$/, (g) => [{ kind: 'message', nick: g(1), text: g(2), action: true }]],
];

const UBUNTU_UNTIMED: readonly Rule<Parsed>[] = [
  // The nick is everything before the first " [" (nicks here may hold "[" but not " [").
  [
    /^=== (.+?) \[(.*?)\] {2}has joined(?: (#\S+))?(?: \[.*\])?$/,
    (g) => [{ kind: 'join', nick: g(1).trim(), host: g(2), ...opt('channel', g(3)) }],
  ],
  [
    /^=== (.+?) \[(.*?)\] {2}has (left|quit)(?: (#\S+))?(?: \[(.*)\])?$/,
    (g) => [
      {
        kind: 'leave',
        how: g(3) === 'left' ? 'part' : 'quit',
        nick: g(1).trim(),
        host: g(2),
        ...opt('channel', g(4)),
        ...opt('reason', g(5)),
      },
    ],
  ],
  [/^=== (.+?) is now known as (.+)$/, (g) => [{ kind: 'rename', from: g(1).trim(), to: g(2).trim() }]],
  [
    /^=== mode\/(#\S+) \[(.*)\] +by (\S+)$/,
    (g) => (isServer(g(3)) ? 'skip' : [{ kind: 'mode', nick: g(3), channel: g(1), mode: g(2) }]),
  ],
  [/^=== netjoined: /, () => 'skip'],
  [/^=== (\S+) is away: (.*)$/, (g) => [{ kind: 'away', nick: g(1), text: g(2) }]],
  // Untimed "=== nick does something": mostly /me actions, but the format cannot tell them from
  // server notices, and the demo history leaves them out of its messages.
  [/^=== (\S+) +(\S.*)$/, (g) => [{ kind: 'emote', nick: g(1), text: g(2) }]],
];

/**
 * The `===` logs keep a 12-hour clock without am/pm. As scripts/make-demo-history.mjs does: when the
 * clock goes back by more than 6 hours it has passed 12 (or midnight, where some hour is above 12),
 * so a cycle is added for the rest of the file. Lines without a time get the last time seen.
 */
export const ubuntuReader = (day: Day, maxHour: number): LineReader => {
  const cycle = (maxHour > 12 ? 24 : 12) * 60;
  let cycles = 0;
  let minutes = 0;
  return (text) => {
    const stamp = UBUNTU_STAMP.exec(text);
    if (stamp) {
      const [, hh = '', mm = ''] = stamp;
      if (Number(hh) > 23 || Number(mm) > 59) return { ok: false, reason: `not a time of day: [${hh}:${mm}]` };
      let t = cycles * cycle + Number(hh) * 60 + Number(mm);
      while (t < minutes - 6 * 60) {
        cycles++;
        t += cycle;
      }
      minutes = t;
    }
    const wall: WallTime = { ...day, hour: 0, minute: minutes };
    if (stamp) {
      const parsed = firstMatch(text, UBUNTU_TIMED);
      if (typeof parsed === 'string') return { ok: false, reason: parsed };
      return parsed ? { ok: true, wall, bodies: parsed } : unknown('===');
    }
    if (text.trim() === '') return SKIP;
    const parsed = firstMatch(text, UBUNTU_UNTIMED);
    if (parsed === 'skip') return SKIP;
    return parsed ? { ok: true, wall, bodies: parsed } : unknown('===');
  };
};

/** Which dialect a file's first lines are in, and how sure: the share of non-blank lines typical of it. */
export const classify = (lines: readonly string[]): { dialect: Dialect; matched: number; share: number } | null => {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 200);
  if (sample.length === 0) return null;
  let best: { dialect: Dialect; matched: number; share: number } | null = null;
  for (const dialect of Object.keys(SIGNATURES) as Dialect[]) {
    const matched = sample.filter((l) => SIGNATURES[dialect].test(l)).length;
    if (matched > 0 && (!best || matched > best.matched)) best = { dialect, matched, share: matched / sample.length };
  }
  return best;
};
