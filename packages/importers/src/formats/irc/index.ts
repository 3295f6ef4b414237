import { basename, dirname } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { type ActorRef, type EventInput, type JsonObject, QunzhuError } from '@qunzhu/core';
import iconv from 'iconv-lite';
import { DerivedIds } from '../../shared/derive-id.js';
import { clean, detectEncoding, looksBinary, noCounter, readHead, readTextLines } from '../../shared/source.js';
import { checkTimeZone, plausibleTime, zonedTime } from '../../shared/time.js';
import type { Importer, ImportOptions, ImportRecord, ImportSource, Probe } from '../../types.js';
import {
  type Body,
  classify,
  type Dialect,
  irssiReader,
  type LineReader,
  UBUNTU_STAMP,
  ubuntuReader,
  weechatReader,
  zncReader,
} from './dialects.js';
import { channelFromFolder, channelFromName, dayFromName, listFiles } from './names.js';

const PLATFORM = 'irc';
const HEAD_BYTES = 64 * 1024;
const DIALECT_NAMES: Record<Dialect, string> = {
  znc: 'ZNC',
  irssi: 'irssi',
  weechat: 'WeeChat',
  ubuntu: '#ubuntu-style (===)',
};
const KNOWN_SHAPES =
  'ZNC ([HH:MM:SS] <nick> text), irssi (HH:MM <nick> text), WeeChat (date time<TAB>nick<TAB>text) or the #ubuntu `===` style ([HH:MM] <nick> text)';

/** The first bytes of a file as text bytes: `.gz` logs (rotated ZNC logs) are inflated as far as they go. */
const startOf = async (path: string): Promise<Buffer> => {
  const head = await readHead(path, HEAD_BYTES);
  return head[0] === 0x1f && head[1] === 0x8b ? inflateStart(head) : head;
};

const inflateStart = (head: Buffer): Buffer => {
  try {
    // SYNC_FLUSH gives what a cut-off stream holds instead of failing on its missing end.
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 4 * HEAD_BYTES);
  } catch {
    return Buffer.alloc(0);
  }
};

/** Whole lines of a head sample (a last line cut off by the sample is left out). */
const headLines = (head: Buffer, cut: boolean): string[] => {
  const encoding = detectEncoding(head);
  const text = iconv.decode(head, encoding);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (cut && lines.length > 1) lines.pop();
  return lines;
};

const CHANNEL_IN_LINE = /(?: has (?:joined|left) |^=== mode\/|-!- mode\/|\tMode )(#[^\s[\](),]+)/;

/** The first channel a file's lines name (joins, parts, mode changes). */
const channelFromLines = (lines: readonly string[]): string | null => {
  for (const line of lines) {
    const m = CHANNEL_IN_LINE.exec(line);
    if (m) return m[1] ?? null;
  }
  return null;
};

type Group = { platformGroupId: string; name: string };

type ReadState = {
  options: ImportOptions;
  ids: DerivedIds;
  /** First spelling seen of each channel, so one group keeps one name across files. */
  names: Map<string, string>;
  /** Channel of the last file read in each folder, for daily files that never name theirs. */
  lastChannel: Map<string, string>;
};

type FileRecord = ImportRecord | { skipped: string };

const actor = (nick: string): ActorRef => ({
  platform: PLATFORM,
  platformUserId: clean(nick),
  displayName: clean(nick),
});

const bodyToEvent = (body: Body, at: Date, group: Group, state: ReadState): EventInput => {
  const base = {
    source: `${PLATFORM}:${group.platformGroupId}`,
    group: { platform: PLATFORM, platformGroupId: group.platformGroupId, name: group.name },
    at,
  };
  let event: Omit<EventInput, 'source' | 'sourceId' | 'group' | 'at'>;
  switch (body.kind) {
    case 'message': {
      const extra: JsonObject = { ...(body.action ? { action: true } : {}), ...(body.notice ? { notice: true } : {}) };
      event = {
        type: 'message',
        actor: actor(body.nick),
        text: clean(body.text),
        ...(Object.keys(extra).length ? { extra } : {}),
      };
      break;
    }
    case 'join': {
      const extra: JsonObject = {
        ...(body.host ? { host: clean(body.host) } : {}),
        ...(body.netsplit ? { netsplit: true } : {}),
      };
      event = { type: 'join', actor: actor(body.nick), ...(Object.keys(extra).length ? { extra } : {}) };
      break;
    }
    case 'leave': {
      const extra: JsonObject = {
        ...(body.how === 'quit' ? { quit: true } : {}),
        ...(body.by ? { removedBy: clean(body.by) } : {}),
        ...(body.host ? { host: clean(body.host) } : {}),
        ...(body.reason ? { reason: clean(body.reason) } : {}),
        ...(body.netsplit ? { netsplit: true } : {}),
      };
      event = { type: 'leave', actor: actor(body.nick), ...(Object.keys(extra).length ? { extra } : {}) };
      break;
    }
    case 'rename':
      // The new nick acts; `previous` lets the store link it to the member behind the old one.
      event = {
        type: 'service',
        actor: actor(body.to),
        previous: actor(body.from),
        extra: { action: 'rename', from: clean(body.from) },
      };
      break;
    case 'topic':
      event = { type: 'service', actor: actor(body.nick), text: clean(body.text), extra: { action: 'topic' } };
      break;
    case 'mode':
      event = { type: 'service', actor: actor(body.nick), extra: { action: 'mode', mode: clean(body.mode) } };
      break;
    case 'away':
      event = { type: 'service', actor: actor(body.nick), text: clean(body.text), extra: { action: 'away' } };
      break;
    case 'emote':
      event = { type: 'service', actor: actor(body.nick), text: clean(body.text), extra: { action: 'emote' } };
      break;
  }
  const content = {
    type: event.type,
    at: at.toISOString(),
    group: group.platformGroupId,
    user: event.actor.platformUserId,
    text: event.text ?? null,
    extra: event.extra ?? null,
  };
  return { ...base, ...event, sourceId: state.ids.next(content) };
};

const groupOf = (channel: string, state: ReadState): Group => {
  const platformGroupId = channel.toLowerCase();
  let name = state.names.get(platformGroupId);
  if (name === undefined) {
    name = channel;
    state.names.set(platformGroupId, name);
  }
  return { platformGroupId, name };
};

const textEncoding = (options: ImportOptions, head: Buffer): ImportOptions['encoding'] => {
  if (options.encoding && options.encoding !== 'auto') return options.encoding;
  const detected = detectEncoding(head);
  return detected === 'utf16be' ? 'auto' : detected;
};

/** Highest hour of the `[HH:MM]` stamps of a `===` file: whether its clock has 12 or 24 hours. */
const maxHourOf = async (path: string, encoding: ImportOptions['encoding']): Promise<number> => {
  let max = 0;
  for await (const { text } of readTextLines(path, noCounter, encoding)) {
    const stamp = UBUNTU_STAMP.exec(text);
    if (stamp) max = Math.max(max, Number(stamp[1]));
  }
  return max;
};

/** The line reader of a file's dialect; ZNC and `===` logs take their day from the file name. */
const readerFor = async (dialect: Dialect, path: string, encoding: ImportOptions['encoding']): Promise<LineReader> => {
  if (dialect === 'weechat') return weechatReader();
  const day = dayFromName(basename(path));
  if (dialect === 'irssi') return irssiReader(day);
  if (!day) {
    throw new QunzhuError(
      'bad_input',
      `${path}: ${DIALECT_NAMES[dialect]} logs keep only the time of day and the date comes from the file name, which has none; rename the file to its day, e.g. 2016-06-01.log`,
    );
  }
  return dialect === 'znc' ? zncReader(day) : ubuntuReader(day, await maxHourOf(path, encoding));
};

/**
 * One log file. Yields `{skipped}` instead of throwing where a file of a folder is not a log at all
 * (a README, a licence): the caller decides whether that is fatal.
 */
async function* readFile(path: string, source: ImportSource, state: ReadState): AsyncGenerator<FileRecord> {
  const { options } = state;
  const head = await startOf(path);
  if (head.length === 0) return;
  if (looksBinary(head)) {
    yield { skipped: `${path}: this is a binary file, not an IRC log` };
    return;
  }
  const lines = headLines(head, head.length >= HEAD_BYTES);
  const found = classify(lines);
  if (!found || found.share < 0.2) {
    yield { skipped: `${path}: not an IRC log: no line looks like ${KNOWN_SHAPES}` };
    return;
  }
  const { dialect } = found;
  const name = basename(path);
  const encoding =
    path.endsWith('.gz') && (options.encoding ?? 'auto') === 'auto' ? 'utf8' : textEncoding(options, head);
  const reader = await readerFor(dialect, path, encoding);

  const folder = dirname(path);
  const channel =
    channelFromName(name) ??
    channelFromFolder(path) ??
    channelFromLines(lines) ??
    state.lastChannel.get(folder) ??
    null;
  let group: Group;
  if (options.group) {
    group = { platformGroupId: options.group, name: options.group };
  } else if (channel) {
    group = groupOf(channel, state);
  } else {
    throw new QunzhuError(
      'bad_input',
      `${path}: cannot tell which channel this log is of (no #channel in its name, its folder or its first lines); name the group with --group`,
    );
  }
  if (channel) state.lastChannel.set(folder, channel);
  const fileChannel = channel?.toLowerCase() ?? null;

  for await (const { line, text } of readTextLines(path, source.counter, encoding)) {
    const result = reader(text);
    if (result.ok === 'skip') continue;
    if (!result.ok) {
      yield { ok: false, file: path, line, text, reason: result.reason };
      continue;
    }
    const at = zonedTime(result.wall, options.tz);
    if (!plausibleTime(at)) {
      yield { ok: false, file: path, line, text, reason: 'time is not between 1970 and 2100' };
      continue;
    }
    for (const body of result.bodies) {
      const named = 'channel' in body ? body.channel : undefined;
      if (named && fileChannel && named.toLowerCase() !== fileChannel) {
        yield { ok: false, file: path, line, text, reason: `${body.kind} of ${named} in the log of ${channel}` };
        continue;
      }
      const nicks = body.kind === 'rename' ? [body.from, body.to] : [body.nick];
      if (nicks.some((n) => clean(n).trim() === '')) {
        yield { ok: false, file: path, line, text, reason: 'empty nick' };
        continue;
      }
      yield { ok: true, event: bodyToEvent(body, at, group, state) };
    }
  }
}

const wrap = (path: string, error: unknown): QunzhuError => {
  if (error instanceof QunzhuError) return error;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
    return new QunzhuError(
      'bad_input',
      `${path}: the compressed log ends early or is damaged (${message}); unpack it or copy it again`,
      {
        cause: error,
      },
    );
  }
  return new QunzhuError('bad_input', `${path}: cannot be read as an IRC log (${message})`, { cause: error });
};

/**
 * IRC channel logs: ZNC's log module, irssi, WeeChat, and the `===` style of the #ubuntu data set,
 * told apart per file from its lines. A file is one channel's log; a folder of them (daily files, or
 * ZNC's `<network>/<channel>/<date>.log`) is read file by file, in name order.
 */
export const ircImporter: Importer = {
  format: 'irc',
  title: 'IRC logs (ZNC, irssi, WeeChat, #ubuntu ===)',
  detect(probe: Probe) {
    if (probe.head.length === 0) return 0;
    const head = probe.head[0] === 0x1f && probe.head[1] === 0x8b ? inflateStart(probe.head) : probe.head;
    if (head.length === 0 || looksBinary(head)) return 0;
    const found = classify(headLines(head, head.length >= HEAD_BYTES));
    if (!found) return 0;
    if (found.matched >= 3 && found.share >= 0.6) return 0.9;
    if (found.share >= 0.5) return 0.7;
    if (found.share >= 0.2) return 0.4;
    return 0;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    checkTimeZone(options.tz);
    const state: ReadState = { options, ids: new DerivedIds(), names: new Map(), lastChannel: new Map() };
    const files = source.isDirectory ? listFiles(source.path, 3) : [source.path];
    let logs = 0;
    let firstSkip: string | null = null;
    for (const path of files) {
      let read = false;
      try {
        for await (const record of readFile(path, source, state)) {
          if ('skipped' in record) {
            // A single file that is not a log is the wrong input; in a folder it is a README or a licence.
            if (!source.isDirectory) throw new QunzhuError('bad_input', record.skipped);
            firstSkip ??= record.skipped;
            continue;
          }
          read = true;
          yield record;
        }
      } catch (error) {
        throw wrap(path, error);
      }
      if (read) logs++;
    }
    if (source.isDirectory && logs === 0) {
      throw new QunzhuError(
        'bad_input',
        `${source.path}: no IRC log in this folder${firstSkip ? ` (${firstSkip})` : ''}; expected ${KNOWN_SHAPES}`,
      );
    }
  },
};
