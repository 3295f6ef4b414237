import type { Language } from '../../communities/index.js';
import type { SpamReason } from './hit.js';

/** How each reason reads to a steward. */
export const reasonLabels: Record<Language, Record<SpamReason, string>> = {
  'zh-CN': {
    banned_word: '违禁词',
    contact: '联系方式',
    phone: '手机号',
    link: '链接',
    cross_group: '跨群重复',
    flood: '刷屏',
    newcomer_link: '新人发链接',
    newcomer_forward: '新人转发',
    classifier: '模型判定',
  },
  en: {
    banned_word: 'banned word',
    contact: 'contact details',
    phone: 'phone number',
    link: 'link',
    cross_group: 'same text in several groups',
    flood: 'flood',
    newcomer_link: 'link from a newcomer',
    newcomer_forward: 'forward from a newcomer',
    classifier: 'classifier',
  },
};

/** The default alert to stewards, by community language. */
export const defaultAlertTemplates: Record<Language, string> = {
  'zh-CN': '{name} 在「{group}」发的消息疑似垃圾信息（{reasons}：{detail}），请管家处理。',
  en: 'A message by {name} in {group} looks like spam ({reasons}: {detail}); please review it.',
};

/** Reasons joined the way each language lists them. */
export const listReasons = (language: Language, reasons: readonly SpamReason[]): string =>
  reasons.map((r) => reasonLabels[language][r]).join(language === 'zh-CN' ? '、' : ', ');
