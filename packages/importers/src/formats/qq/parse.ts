/** Pieces of a QQ 消息管理器 text export, read line by line. */

export type QqHeader = {
  /** `YYYY-MM-DD H:MM:SS` as written, without an offset. */
  wallTime: string;
  /** QQ number, or the e-mail address for accounts shown as `nickname<email>`. */
  userId: string;
  nickname: string;
  /** Group title shown as a `【…】` prefix (【群主】, 【管理员】, honours). */
  title?: string;
};

const TIME = /^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (.*)$/;
// Greedy `(.*)` makes the identity the LAST `(digits)` / `<email>`: nicknames hold brackets and parentheses.
// QQ numbers start at 10000, so `(1998)` in a nickname is never taken for one.
const BY_NUMBER = /^(.*)\((\d{5,12})\)\s*$/;
const BY_EMAIL = /^(.*)<([^<>\s@]+@[^<>\s@]+)>\s*$/;
const TITLE = /^【([^】]{1,20})】(.*)$/s;

/** A message header line, or null when the line is content. */
export const parseHeader = (line: string): QqHeader | null => {
  const time = TIME.exec(line);
  if (!time) return null;
  const [, wallTime = '', who = ''] = time;
  const identity = BY_NUMBER.exec(who) ?? BY_EMAIL.exec(who);
  if (!identity) return null;
  const [, rawName = '', userId = ''] = identity;
  const titled = TITLE.exec(rawName.trim());
  return titled
    ? { wallTime, userId, nickname: (titled[2] ?? '').trim(), title: titled[1] ?? '' }
    : { wallTime, userId, nickname: rawName.trim() };
};

export const RULE = /^={10,}\s*$/;
export const GROUP_NAME = /^消息对象[:：](.*)$/;
export const CATEGORY = /^消息分组[:：](.*)$/;
export const BANNER = /^消息记录（此消息记录为文本格式/;

/** Tencent's notice accounts: 10000 for group notices, 1000000 in some older exports. */
const SYSTEM_IDS = new Set(['10000', '1000000']);
export const isSystem = (h: QqHeader): boolean => SYSTEM_IDS.has(h.userId) || h.nickname === '系统消息';

/** Someone named in a notice: by QQ number when the notice gives one, else by nickname. */
export type Named = { userId: string; nickname: string };

// Notices name members by nickname only ("林晓 加入本群。"); a few versions append the number.
const named = (text: string): Named => {
  const name = text.trim();
  const byNumber = BY_NUMBER.exec(name);
  if (byNumber) return { userId: byNumber[2] ?? '', nickname: (byNumber[1] ?? '').trim() };
  return { userId: `name:${name}`, nickname: name };
};

export type QqNotice =
  | { kind: 'join'; member: Named; inviter?: Named }
  | { kind: 'leave'; member: Named; removedBy?: string }
  | { kind: 'service'; action: string };

const INVITED = /^(.+?)\s*邀请\s*(.+?)\s*加入了?本群[。.]?$/;
const JOINED = /^(.+?)\s*加入了?本群[。.]?$/;
const REMOVED = /^(.+?)\s*已?被\s*(.*?)\s*移出了?本群[。.]?$/;
const LEFT = /^(.+?)\s*已?退出了?本群[。.]?$/;
const RENAMED = /群名称?修改为|修改了群名称/;

const remover = (who: string): string => {
  if (who === '' || who === '管理员') return 'admin';
  if (who === '群主') return 'owner';
  return named(who).userId;
};

/** What a 系统消息 says: joins and leaves of members, anything else a service notice. */
export const parseNotice = (text: string): QqNotice => {
  const line = text.trim();
  let m = INVITED.exec(line);
  if (m) return { kind: 'join', member: named(m[2] ?? ''), inviter: named(m[1] ?? '') };
  m = JOINED.exec(line);
  if (m) return { kind: 'join', member: named(m[1] ?? '') };
  m = REMOVED.exec(line);
  if (m) return { kind: 'leave', member: named(m[1] ?? ''), removedBy: remover(m[2] ?? '') };
  m = LEFT.exec(line);
  if (m) return { kind: 'leave', member: named(m[1] ?? '') };
  return { kind: 'service', action: RENAMED.test(line) ? 'rename_group' : 'notice' };
};

// What QQ writes in place of what it cannot put in text.
const PLACEHOLDERS = /^(?:\[(?:图片|表情|动画表情|闪照|语音|视频|文件|短视频|位置|名片|涂鸦)\]\s*)+$/;

/** True when a message is only media placeholders like `[图片]`. */
export const isMediaOnly = (text: string): boolean => PLACEHOLDERS.test(text.trim());
