import { type ActorRef, type EventInput, type JsonObject, QunzhuError } from '@qunzhu/core';
import iconv from 'iconv-lite';
import { DerivedIds } from '../../shared/derive-id.js';
import { assertText, clean, detectEncoding, looksBinary, readHead, readTextLines } from '../../shared/source.js';
import { checkTimeZone, parseLocalOrIso } from '../../shared/time.js';
import type { Importer, ImportOptions, ImportRecord, ImportSource } from '../../types.js';
import {
  BANNER,
  CATEGORY,
  GROUP_NAME,
  isMediaOnly,
  isSystem,
  type Named,
  parseHeader,
  parseNotice,
  type QqHeader,
  RULE,
} from './parse.js';

const PLATFORM = 'qq';
const WHAT = 'a QQ 消息管理器 text export';
const EXAMPLE = '"消息对象:群名" and "2019-03-05 21:43:27 昵称(QQ号)"';
// A damaged file that loses its headers would otherwise gather the rest of itself into one message.
const MAX_TEXT = 100_000;
const MAX_ORPHAN_LINES = 20;

const decodeHead = (head: Buffer, encoding: ImportOptions['encoding']): string =>
  iconv.decode(head, !encoding || encoding === 'auto' ? detectEncoding(head) : encoding);

type Pending = {
  line: number;
  headerText: string;
  header: QqHeader;
  group: string | null;
  lines: string[];
  size: number;
};
type Orphan = { line: number; lines: string[] };

const actorOf = (m: Named): ActorRef => ({
  platform: PLATFORM,
  platformUserId: clean(m.userId),
  ...(m.nickname ? { displayName: clean(m.nickname) } : {}),
});

/** One message (or notice) of the export as an event, or why it cannot be one. */
const toRecord = (p: Pending, path: string, options: ImportOptions, ids: DerivedIds): ImportRecord => {
  if (p.size > MAX_TEXT) {
    return {
      ok: false,
      file: path,
      line: p.line,
      text: p.headerText,
      reason: `the message is longer than ${MAX_TEXT} characters: the file may be damaged (no message header for a long stretch)`,
    };
  }
  const lines = [...p.lines];
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  const body = clean(lines.join('\n'));
  const at = parseLocalOrIso(p.header.wallTime, options.tz);
  if (!at) {
    return {
      ok: false,
      file: path,
      line: p.line,
      text: p.headerText,
      reason: `"${p.header.wallTime}" is not a date and time between 1970 and 2100`,
    };
  }
  const groupId = options.group ?? p.group;
  if (groupId === null) {
    return {
      ok: false,
      file: path,
      line: p.line,
      text: p.headerText,
      reason: 'this message comes before any "消息对象:" line, so its group is unknown; name the group with --group',
    };
  }
  const sourceId = ids.next({ group: p.group, at: p.header.wallTime, user: p.header.userId, text: body });
  const base = {
    source: `${PLATFORM}:${groupId}`,
    sourceId,
    group: { platform: PLATFORM, platformGroupId: groupId, name: groupId },
    at,
    text: body,
  };
  const author = actorOf(p.header);
  if (!isSystem(p.header)) {
    const extra: JsonObject = {
      ...(p.header.title ? { title: clean(p.header.title) } : {}),
      ...(isMediaOnly(body) ? { media: true } : {}),
    };
    const event: EventInput = {
      ...base,
      type: 'message',
      actor: author,
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    return { ok: true, event };
  }
  const notice = parseNotice(body);
  let event: EventInput;
  if (notice.kind === 'join') {
    event = {
      ...base,
      type: 'join',
      actor: actorOf(notice.member),
      ...(notice.inviter ? { inviter: actorOf(notice.inviter) } : {}),
    };
  } else if (notice.kind === 'leave') {
    event = {
      ...base,
      type: 'leave',
      actor: actorOf(notice.member),
      ...(notice.removedBy ? { extra: { removedBy: clean(notice.removedBy) } } : {}),
    };
  } else {
    event = { ...base, type: 'service', actor: author, extra: { action: notice.action } };
  }
  return { ok: true, event };
};

const orphanRecord = (o: Orphan, path: string): ImportRecord => ({
  ok: false,
  file: path,
  line: o.line,
  text: o.lines.join('\n'),
  reason: 'text outside any message: a message starts with a line like "2019-03-05 21:43:27 昵称(QQ号)"',
});

/** Refuse input that is not a QQ text export before reading it, with a message a person can act on. */
const checkInput = async (path: string, options: ImportOptions): Promise<void> => {
  const head = await readHead(path);
  if (head.length === 0) throw new QunzhuError('bad_input', `${path}: the file is empty, not ${WHAT}`);
  assertText(path, head, WHAT);
  const lines = decodeHead(head, options.encoding).split(/\r?\n/);
  const hasGroup = lines.some((l) => GROUP_NAME.test(l));
  if (!hasGroup && !lines.some((l) => parseHeader(l))) {
    throw new QunzhuError(
      'bad_input',
      `${path}: this is not ${WHAT}: expected lines like ${EXAMPLE}` +
        (options.encoding && options.encoding !== 'auto'
          ? ` (or the file is not ${options.encoding}: try --encoding auto)`
          : ''),
    );
  }
  if (!hasGroup && !options.group) {
    throw new QunzhuError('bad_input', `${path}: no "消息对象:" line names the group; name it with --group`);
  }
};

/**
 * QQ 消息管理器 → 导出为 .txt (UTF-8, UTF-16LE or GB18030). The export carries no group number, so the
 * group is identified by its 消息对象 name; members named only in notices get the id `name:<nickname>`.
 * See fixtures/qq/README.md.
 */
export const qqImporter: Importer = {
  format: 'qq',
  title: 'QQ 消息管理器 text export (.txt)',
  detect(probe) {
    if (probe.isDirectory || probe.head.length === 0 || looksBinary(probe.head)) return 0;
    const text = decodeHead(probe.head, 'auto');
    if (BANNER.test(text.trimStart())) return 0.95;
    const lines = text.split(/\r?\n/, 400);
    const headers = lines.filter((l) => parseHeader(l)).length;
    if (headers > 0 && lines.some((l) => GROUP_NAME.test(l))) return 0.85;
    return headers >= 3 ? 0.4 : 0;
  },
  async *read(source: ImportSource, options: ImportOptions): AsyncGenerator<ImportRecord> {
    checkTimeZone(options.tz);
    await checkInput(source.path, options);
    const ids = new DerivedIds();
    const path = source.path;
    let group: string | null = null;
    let pending: Pending | null = null;
    let orphan: Orphan | null = null;
    // A rule line (=====) belongs to the 消息分组/消息对象 block when one is next to it; else it is text.
    let heldRule: { line: number; text: string } | null = null;
    let inBlock = false;

    const addText = (line: number, text: string): void => {
      if (pending) {
        pending.size += text.length + 1;
        if (pending.size <= MAX_TEXT) pending.lines.push(text);
      } else if (text.trim() !== '') {
        if (!orphan) orphan = { line, lines: [text] };
        else if (orphan.lines.length < MAX_ORPHAN_LINES) orphan.lines.push(text);
      }
    };
    function* flush(): Generator<ImportRecord> {
      if (pending) yield toRecord(pending, path, options, ids);
      if (orphan) yield orphanRecord(orphan, path);
      pending = null;
      orphan = null;
    }

    for await (const { line, text } of readTextLines(path, source.counter, options.encoding)) {
      if (RULE.test(text)) {
        if (inBlock) continue;
        if (heldRule) addText(heldRule.line, heldRule.text);
        heldRule = { line, text };
        continue;
      }
      const object = GROUP_NAME.exec(text);
      if ((object || CATEGORY.test(text)) && (heldRule || inBlock || !pending)) {
        heldRule = null;
        inBlock = true;
        yield* flush();
        if (object) group = clean((object[1] ?? '').trim()) || null;
        continue;
      }
      inBlock = false;
      if (heldRule) {
        addText(heldRule.line, heldRule.text);
        heldRule = null;
      }
      const header = parseHeader(text);
      if (header) {
        yield* flush();
        pending = { line, headerText: text, header, group, lines: [], size: 0 };
        continue;
      }
      if (!pending && !orphan && group === null && BANNER.test(text)) continue;
      addText(line, text);
    }
    if (heldRule) addText(heldRule.line, heldRule.text);
    yield* flush();
  },
};
