/**
 * WeChat's grey system lines (Type 10000) in a group. They name people by the nickname shown in the
 * group, quoted, or as 你 for the account that made the export.
 */

/** Someone a system line names: the export's own account, or a nickname. */
export type Who = { self: true } | { self: false; name: string };

export type SystemFact =
  | { kind: 'join'; member: Who; inviter?: Who; via?: string }
  | { kind: 'leave'; member: Who; removedBy?: Who }
  | { kind: 'service'; action: string; actor?: Who; about?: Who; name?: string };

const WHO = '(你|"[^"]*")';
const re = (source: string): RegExp => new RegExp(`^${source}$`, 's');

const INVITED = re(`${WHO}邀请(.+?)加入了群聊(?:[，,].*)?`);
const SCANNED = re(`${WHO}通过扫描${WHO}分享的二维码加入群聊`);
const SHARED = re(`${WHO}通过${WHO}分享的(.+?)加入了?群聊`);
const REMOVED = re(`${WHO}将(.+?)移出了?群聊`);
const REMOVED_SELF = re(`你被${WHO}移出群聊`);
const LEFT = re(`${WHO}已?退出了?群聊`);
const RENAMED = re(`${WHO}修改群名为"(.*)"`);
const NOT_FRIENDS = re(`${WHO}与群里其他人都不是朋友关系，请注意隐私安全`);
const REVOKED = re(`${WHO}\\s*撤回了一条消息`);
const PATTED = re(`${WHO}\\s*拍了拍.*`);
const OWNER = re(`${WHO}已成为新群主`);

const who = (token: string): Who => (token === '你' ? { self: true } : { self: false, name: token.slice(1, -1) });

/** `"B"、"C"`, `你和"B"`: everyone a list names, in order. */
const people = (list: string): Who[] => Array.from(list.matchAll(/"([^"]*)"|你/g), (m) => who(m[0]));

/** Read one system line; anything not about membership is a service notice. */
export const parseSystemText = (raw: string): SystemFact[] => {
  // Curly quotes appear in some versions and in copies; a trailing "撤销" is the undo link's label.
  const text = raw
    .replace(/[“”]/g, '"')
    .replace(/\s+撤销$/, '')
    .trim();
  let m = INVITED.exec(text);
  const invited = m ? people(m[2] ?? '') : [];
  if (m && invited.length > 0) {
    const inviter = who(m[1] ?? '');
    return invited.map((member) => ({ kind: 'join', member, inviter }));
  }
  m = SCANNED.exec(text) ?? SHARED.exec(text);
  if (m) return [{ kind: 'join', member: who(m[1] ?? ''), inviter: who(m[2] ?? ''), via: m[3] ?? '二维码' }];
  m = REMOVED.exec(text);
  const removed = m ? people(m[2] ?? '') : [];
  if (m && removed.length > 0) {
    const removedBy = who(m[1] ?? '');
    return removed.map((member) => ({ kind: 'leave', member, removedBy }));
  }
  m = REMOVED_SELF.exec(text);
  if (m) return [{ kind: 'leave', member: { self: true }, removedBy: who(m[1] ?? '') }];
  m = LEFT.exec(text);
  if (m) return [{ kind: 'leave', member: who(m[1] ?? '') }];
  m = RENAMED.exec(text);
  if (m) return [{ kind: 'service', action: 'rename_group', actor: who(m[1] ?? ''), name: m[2] ?? '' }];
  m = NOT_FRIENDS.exec(text);
  if (m) return [{ kind: 'service', action: 'not_friends_notice', about: who(m[1] ?? '') }];
  m = REVOKED.exec(text);
  if (m) return [{ kind: 'service', action: 'revoke', actor: who(m[1] ?? '') }];
  m = PATTED.exec(text);
  if (m) return [{ kind: 'service', action: 'pat', actor: who(m[1] ?? '') }];
  m = OWNER.exec(text);
  if (m) return [{ kind: 'service', action: 'new_owner', actor: who(m[1] ?? '') }];
  return [{ kind: 'service', action: 'system' }];
};

const SYSMSG_TYPE = /<sysmsg[^>]*\btype="([^"]+)"/;
const CDATA_TEXT = /<(?:replacemsg|plain|text|content)>\s*<!\[CDATA\[([\s\S]*?)\]\]>/;

/**
 * Type 10002: an XML `<sysmsg>` (revokes, pats, admin notices). Kept as a service event only: the
 * membership changes it could describe also arrive as Type 10000 lines, which are counted instead.
 */
export const parseSysmsg = (xml: string): { action: string; text: string } => {
  const type = SYSMSG_TYPE.exec(xml)?.[1];
  const text = CDATA_TEXT.exec(xml)?.[1]?.trim() ?? '';
  const action = type === 'revokemsg' ? 'revoke' : type ? type : 'system';
  return { action, text };
};
