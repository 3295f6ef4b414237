import type { Language } from '../../communities/index.js';

/** Names of the violation codes the detecting plays report; an unknown code is shown as written. */
const REASONS: Record<string, Record<Language, string>> = {
  link: { 'zh-CN': '发链接', en: 'posting links' },
  phone: { 'zh-CN': '留电话号码', en: 'posting phone numbers' },
  contact: { 'zh-CN': '引流加好友', en: 'soliciting contacts' },
  banned_word: { 'zh-CN': '违禁词', en: 'banned words' },
  flood: { 'zh-CN': '刷屏', en: 'flooding' },
  cross_group: { 'zh-CN': '跨群刷广告', en: 'the same message across groups' },
  newcomer: { 'zh-CN': '新人发链接或转发', en: 'links or forwards from a newcomer' },
  spam: { 'zh-CN': '广告', en: 'spam' },
  quiet_hours: { 'zh-CN': '静默时段发言', en: 'posting in quiet hours' },
};

export const reasonLabel = (language: Language, code: string): string => REASONS[code]?.[language] ?? code;

/** The reasons of one message, each named once: 发链接、刷屏 / posting links, flooding. */
export const reasonsText = (language: Language, codes: readonly string[]): string =>
  [...new Set(codes)].map((c) => reasonLabel(language, c)).join(language === 'zh-CN' ? '、' : ', ');

/** 10 分钟, 1 天 / 10 minutes, 1 day: the largest whole unit. */
export const durationText = (language: Language, minutes: number): string => {
  const [n, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  if (language === 'zh-CN') return `${n} ${{ day: '天', hour: '小时', minute: '分钟' }[unit]}`;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
};
