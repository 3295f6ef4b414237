import type { JsonObject } from '@qunzhu/core';

/** Message types of WeChat's MSG table (`Type` column). */
export const WECHAT_TYPES: Record<number, string> = {
  1: 'text',
  3: 'image',
  34: 'voice',
  42: 'card',
  43: 'video',
  47: 'sticker',
  48: 'location',
  49: 'app',
  50: 'call',
  10000: 'system',
  10002: 'sysmsg',
};

/** `SubType` of Type 49 (the `<appmsg><type>` of the XML). */
const APP_KINDS: Record<number, string> = {
  3: 'music',
  4: 'video_link',
  5: 'link',
  6: 'file',
  8: 'sticker',
  19: 'chat_history',
  33: 'mini_program',
  36: 'mini_program',
  51: 'channels',
  57: 'quote',
  2000: 'transfer',
  2001: 'red_packet',
};

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_all, e: string) => {
    if (e[0] !== '#') return entities[e.toLowerCase()] ?? _all;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : _all;
  });

/** The text of the first `<tag>` (CDATA or escaped), if the XML has one. */
const tag = (xml: string, name: string): string | undefined => {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  if (!m) return undefined;
  const value = m[1] ?? decodeEntities(m[2] ?? '');
  return value.trim() === '' ? undefined : value.trim();
};

const looksXml = (s: string): boolean => /^\s*(<\?xml|<msg\b|<msg>)/.test(s);

/** A message row's text and what it carries, from Type, SubType and StrContent. */
export const messageContent = (
  type: number,
  subType: number,
  content: string,
): { text: string; extra?: JsonObject } => {
  if (type === 1) return { text: content };
  const xml = looksXml(content);
  if (type === 49) {
    const app = APP_KINDS[subType] ?? 'app';
    const title = xml ? tag(content, 'title') : content.trim() || undefined;
    const url = xml ? tag(content, 'url') : undefined;
    return {
      text: title ?? '',
      extra: { media: app, subType, ...(title ? { title } : {}), ...(url ? { url } : {}) },
    };
  }
  const kind = WECHAT_TYPES[type];
  if (kind) return { text: xml ? '' : content, extra: { media: kind } };
  return { text: xml ? '' : content, extra: { wechatType: type, subType } };
};
