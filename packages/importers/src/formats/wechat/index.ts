import { basename } from 'node:path';
import { type ActorRef, type EventInput, type JsonObject, QunzhuError } from '@qunzhu/core';
import { parse as parseCsvLine } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readCsv } from '../../shared/csv.js';
import { DerivedIds } from '../../shared/derive-id.js';
import { assertText, clean, detectEncoding, looksBinary, openText, readHead } from '../../shared/source.js';
import { checkTimeZone, parseLocalOrIso, plausibleTime } from '../../shared/time.js';
import type { Importer, ImportOptions, ImportRecord, ImportSource } from '../../types.js';
import { messageContent } from './content.js';
import { parseSysmsg, parseSystemText, type SystemFact, type Who } from './system.js';

const PLATFORM = 'wechat';
const WHAT = 'a WeChatMsg/留痕 CSV export';
/** The header WeChatMsg writes (app/util/exporter/exporter_csv.py). */
export const WECHAT_COLUMNS = [
  'localId',
  'TalkerId',
  'Type',
  'SubType',
  'IsSender',
  'CreateTime',
  'Status',
  'StrContent',
  'StrTime',
  'Remark',
  'NickName',
  'Sender',
] as const;
const REQUIRED = ['TalkerId', 'Type', 'IsSender', 'StrContent'] as const;
/** The account that made the export, when its rows carry no wxid. */
export const SELF_ID = 'self';
const SYSTEM: ActorRef = { platform: PLATFORM, platformUserId: 'system', displayName: '系统消息' };

const decodeHead = (head: Buffer, encoding: ImportOptions['encoding']): string =>
  iconv.decode(head, !encoding || encoding === 'auto' ? detectEncoding(head) : encoding);

const headerOf = (text: string): string[] => {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  try {
    const [row] = parseCsvLine(first, { relax_column_count: true, relax_quotes: true }) as string[][];
    return (row ?? []).map((c) => c.trim());
  } catch {
    return [first.trim()];
  }
};

/** Refuse input that is not a WeChatMsg CSV, naming what is missing. */
const checkHeader = async (path: string, options: ImportOptions): Promise<void> => {
  const head = await readHead(path);
  if (head.length === 0) throw new QunzhuError('bad_input', `${path}: the file is empty, not ${WHAT}`);
  assertText(path, head, WHAT);
  const columns = headerOf(decodeHead(head, options.encoding));
  const expected = WECHAT_COLUMNS.join(',');
  if (!WECHAT_COLUMNS.some((c) => columns.includes(c))) {
    throw new QunzhuError('bad_input', `${path}: this is not ${WHAT}: its first line should be the header ${expected}`);
  }
  const missing: string[] = REQUIRED.filter((c) => !columns.includes(c));
  if (!columns.includes('CreateTime') && !columns.includes('StrTime')) missing.push('CreateTime (or StrTime)');
  if (missing.length > 0) {
    throw new QunzhuError(
      'bad_input',
      `${path}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}; ` +
        `${WHAT} starts with the header ${expected}: export the chat again as CSV`,
    );
  }
};

/** The time of a row: CreateTime (epoch seconds, exact) or else StrTime read in `tz`. */
const timeOf = (createTime: string, strTime: string, tz: string): Date | string => {
  if (/^\d{1,12}$/.test(createTime)) {
    const exact = new Date(Number(createTime) * 1000);
    if (plausibleTime(exact)) return exact;
  }
  const local = strTime ? parseLocalOrIso(strTime, tz) : null;
  if (local) return local;
  const why: string[] = [];
  if (createTime) why.push(`CreateTime "${createTime}" is not epoch seconds between 1970 and 2100`);
  if (strTime) why.push(`StrTime "${strTime}" is not a date and time (YYYY-MM-DD HH:MM:SS)`);
  return why.length > 0 ? why.join(' and ') : 'the row has neither CreateTime nor StrTime';
};

type Base = Pick<EventInput, 'source' | 'sourceId' | 'group' | 'at' | 'text'>;

function systemEvent(fact: SystemFact, base: Base, ref: (who: Who) => ActorRef): EventInput {
  if (fact.kind === 'join') {
    return {
      ...base,
      type: 'join',
      actor: ref(fact.member),
      ...(fact.inviter ? { inviter: ref(fact.inviter) } : {}),
      ...(fact.via ? { extra: { via: fact.via } } : {}),
    };
  }
  if (fact.kind === 'leave') {
    return {
      ...base,
      type: 'leave',
      actor: ref(fact.member),
      ...(fact.removedBy ? { extra: { removedBy: ref(fact.removedBy).platformUserId } } : {}),
    };
  }
  const extra: JsonObject = { action: fact.action };
  if (fact.about) extra.about = ref(fact.about).platformUserId;
  if (fact.name !== undefined) extra.name = clean(fact.name);
  return { ...base, type: 'service', actor: fact.actor ? ref(fact.actor) : SYSTEM, extra };
}

type Row = Record<string, string>;

/** Turns rows of one input into events; remembers what later rows need (own wxid, room names). */
class RowReader {
  private readonly ids = new DerivedIds();
  private readonly roomNames = new Map<string, string>();
  private selfId: string | undefined;
  private readonly fileGroupName: string | undefined;

  constructor(
    private readonly path: string,
    private readonly options: ImportOptions,
  ) {
    // WeChatMsg names its files "<chat>_utf8.csv".
    this.fileGroupName = /^(.+)_utf8\.csv$/i.exec(basename(path))?.[1];
  }

  private ref = (who: Who): ActorRef =>
    who.self
      ? { platform: PLATFORM, platformUserId: this.selfId ?? SELF_ID }
      : { platform: PLATFORM, platformUserId: clean(`name:${who.name}`), displayName: clean(who.name) };

  read(r: Row, line: number): ImportRecord[] {
    const get = (column: string): string => clean(r[column] ?? '');
    const reject = (reason: string): ImportRecord[] => [
      { ok: false, file: this.path, line, text: clean(Object.values(r).join(',')), reason },
    ];
    const talker = get('TalkerId').trim();
    const typeText = get('Type').trim();
    const createTime = get('CreateTime').trim();
    const strTime = get('StrTime').trim();
    const sender = get('Sender').trim();
    const isSender = get('IsSender').trim() === '1';
    const nickname = get('NickName').trim() || get('Remark').trim();
    if (!/^\d+$/.test(typeText)) return reject(`Type "${typeText}" is not a WeChat message type number`);
    if (!talker && !this.options.group)
      return reject('TalkerId is empty, so the chat is unknown; name the group with --group');
    const at = timeOf(createTime, strTime, this.options.tz);
    if (typeof at === 'string') return reject(at);
    const type = Number(typeText);
    const subType = Number(get('SubType').trim() || 0);
    let content = get('StrContent');
    // Mobile databases prefix group messages with "wxid:\n"; the PC ones WeChatMsg reads do not.
    if (sender && content.startsWith(`${sender}:\n`)) content = content.slice(sender.length + 2);

    if (isSender && sender) this.selfId = sender;
    if (sender && sender === talker && nickname) this.roomNames.set(talker, nickname);
    const groupId = this.options.group ?? talker;
    const group = {
      platform: PLATFORM,
      platformGroupId: groupId,
      name: this.options.group ?? this.roomNames.get(talker) ?? this.fileGroupName ?? talker,
    };
    // Not localId: WeChatMsg renumbers rows between exports. CreateTime is exact; StrTime depends on
    // the exporting machine's zone, so it counts only when CreateTime is missing.
    const rowId = this.ids.next({
      talker,
      createTime,
      ...(createTime ? {} : { strTime }),
      sender,
      isSender,
      type,
      subType,
      content,
    });
    const base = { source: `${PLATFORM}:${groupId}`, group, at };

    if (type === 10000 || type === 10002) {
      let facts: SystemFact[];
      let text = content;
      if (type === 10000) facts = parseSystemText(content);
      else {
        const sysmsg = parseSysmsg(content);
        text = sysmsg.text;
        const said = parseSystemText(text)[0];
        const actor = said?.kind === 'service' && said.actor ? { actor: said.actor } : {};
        facts = [{ kind: 'service', action: sysmsg.action, ...actor }];
      }
      return facts.map((fact, i) => ({
        ok: true,
        event: systemEvent(fact, { ...base, sourceId: facts.length > 1 ? `${rowId}/${i}` : rowId, text }, this.ref),
      }));
    }

    let actor: ActorRef;
    if (sender) actor = { platform: PLATFORM, platformUserId: sender };
    else if (isSender) actor = { platform: PLATFORM, platformUserId: this.selfId ?? SELF_ID };
    else return reject('Sender is empty on a message the exporting account did not send, so its author is unknown');
    if (nickname) actor.displayName = nickname;
    const { text, extra } = messageContent(type, subType, content);
    return [
      { ok: true, event: { ...base, type: 'message', sourceId: rowId, actor, text, ...(extra ? { extra } : {}) } },
    ];
  }
}

const count = (record: Row, pattern: RegExp): number =>
  Object.values(record).reduce((n, v) => n + (v.match(pattern)?.length ?? 0), 0);

// Rows the CSV parser could not read arrive ahead of the rows before them; hold at most this many.
const MAX_HELD = 1000;

/**
 * WeChatMsg / 留痕 CSV (one chat per file, UTF-8 with BOM as written, GBK after Excel). Row ids are
 * derived from the row's content, not localId, which the tool renumbers between exports.
 * See fixtures/wechat/README.md.
 */
export const wechatImporter: Importer = {
  format: 'wechat',
  title: 'WeChat chat export from WeChatMsg / 留痕 (CSV)',
  detect(probe) {
    if (probe.isDirectory || probe.head.length === 0 || looksBinary(probe.head)) return 0;
    const columns = headerOf(decodeHead(probe.head, 'auto'));
    const known = WECHAT_COLUMNS.filter((c) => columns.includes(c)).length;
    const core = columns.includes('StrContent') && columns.includes('TalkerId');
    if (core && known >= 10) return 0.95;
    if (core) return 0.8;
    return known >= 4 ? 0.5 : 0;
  },
  async *read(source: ImportSource, options: ImportOptions): AsyncGenerator<ImportRecord> {
    checkTimeZone(options.tz);
    const path = source.path;
    await checkHeader(path, options);
    const rows = new RowReader(path, options);
    // csv-parse gives the line a record ends on, counting a CRLF inside quotes as two lines (`drift`
    // undoes that), and reports unreadable records before the good ones read with them (`held`
    // puts them back in file order).
    let drift = 0;
    const held: { line: number; text: string; reason: string }[] = [];
    const release = function* (beforeLine: number): Generator<ImportRecord> {
      while (held.length > 0 && ((held[0]?.line ?? 0) < beforeLine || held.length > MAX_HELD)) {
        const bad = held.shift();
        if (!bad) break;
        const cut = /Quote Not Closed/i.test(bad.reason);
        const reason = cut
          ? `the file ends inside a quoted field: it was probably cut off (${bad.reason})`
          : bad.reason;
        yield { ok: false, file: path, line: Math.max(1, bad.line - drift), text: clean(bad.text), reason };
      }
    };
    for await (const row of readCsv(await openText(path, source.counter, options.encoding))) {
      if (!row.ok) {
        held.push(row);
        yield* release(0);
        continue;
      }
      yield* release(row.line);
      const crlf = count(row.record, /\r\n/g);
      const line = Math.max(1, row.line - drift - crlf - count(row.record, /\n/g));
      drift += crlf;
      yield* rows.read(row.record, line);
    }
    yield* release(Number.POSITIVE_INFINITY);
  },
};
