import type { Language } from '../communities/index.js';
import { renderTemplate } from '../i18n/index.js';

/** The group's message when a participant reaches a tier, unless the campaign has its own template. */
export const tierReachedDefault: Record<Language, string> = {
  'zh-CN': '🎉 {name} 在「{campaign}」中已有 {invites} 位有效邀请，达成第 {tier} 档：{reward}！',
  en: '🎉 {name} has {invites} valid invites in “{campaign}” and reached tier {tier}: {reward}!',
};

/** `{name}`, `{campaign}`, `{invites}`, `{tier}` (from 1), `{reward}`; an empty template: the language's default. */
export const tierReachedText = (
  language: Language,
  template: string,
  values: { name: string; campaign: string; invites: number; tier: number; reward: string },
): string =>
  renderTemplate(template.trim() || tierReachedDefault[language], {
    name: values.name,
    campaign: values.campaign,
    invites: String(values.invites),
    tier: String(values.tier),
    reward: values.reward,
  });

/** Each participant and tier is announced once, whatever the recomputations: the outbox key says so. */
export const tierAnnouncementKey = (campaignId: number, memberId: number, tier: number): string =>
  `campaigns:${campaignId}:tier:m${memberId}:${tier}`;
