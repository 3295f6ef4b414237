import { z } from 'zod';
import { DEFAULT_EXEMPT_ROLES } from '../shared/moderation.js';
import { normalise } from './normalise.js';

/**
 * Words shipped as the default banned list: unambiguous porn, gambling and scam advertising in
 * Chinese chat. An operator's list replaces it (the shared configuration's `bannedWords`).
 */
export const DEFAULT_BANNED_WORDS: readonly string[] = [
  '日批',
  '曰批',
  '看逼',
  '卖片',
  '买片',
  '约炮',
  '裸聊',
  '果聊',
  '黄片',
  '无码',
  '色播',
  '自慰',
  '狂日',
  '爆日',
  '操逼',
  '援交',
  '包夜',
  '楼凤',
  '一夜情',
  '迷药',
  '催情',
  '看姐姐名字',
  '看妹妹名字',
  '博彩',
  '网赌',
  '百家乐',
  '六合彩',
  '时时彩',
  '棋牌',
  '跑分',
  '日结',
  '日赚',
  '招代理',
  '刷单',
  '套现',
  '代开发票',
  '办证',
  '洗钱',
  '免费看片',
];

const enabled = z.boolean().default(true);
const toggle = z.object({ enabled }).prefault({});

/** A group's anti-spam settings. Every field has a default; `{}` is a working configuration. */
export const antiSpamConfigSchema = z.object({
  /** `delete` removes the message where the platform can and alerts stewards elsewhere; `alert` only alerts. */
  action: z.enum(['delete', 'alert']).default('delete'),
  /** Members holding one of these roles (in the group or community-wide) are never checked. */
  exemptRoles: z
    .array(z.string().trim().min(1).max(50))
    .max(50)
    .default([...DEFAULT_EXEMPT_ROLES]),
  /** Links to domains outside the community's allowlist. */
  links: toggle,
  /** Mainland China mobile numbers, split or disguised. */
  phones: toggle,
  /** WeChat ids and QQ numbers; with `solicitation`, also 加我微信 / 私聊我 without an id. */
  contacts: z.object({ enabled, solicitation: z.boolean().default(true) }).prefault({}),
  /** The community's banned words (shared configuration). */
  bannedWords: toggle,
  /** More than `messages` messages from one member within `seconds` in this group. */
  flood: z
    .object({
      enabled,
      messages: z.number().int().min(1).max(100).default(5),
      seconds: z.number().int().min(1).max(3600).default(10),
    })
    .prefault({}),
  /**
   * The same text (after normalisation, at least `minLength` letters/digits) in `groups` or more
   * groups of the community within `seconds`, by anyone.
   */
  crossGroup: z
    .object({
      enabled,
      seconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 86400)
        .default(600),
      groups: z.number().int().min(2).max(50).default(2),
      minLength: z.number().int().min(1).max(500).default(10),
    })
    .prefault({}),
  /** In the first `hours` after joining the group: no links (`links`) and no forwarded messages (`forwards`). */
  newcomer: z
    .object({
      enabled,
      hours: z.number().int().min(1).max(720).default(24),
      links: z.boolean().default(true),
      forwards: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * The learned classifier, when the play was built with one: a message it calls spam with a score
   * of at least `minScore` is a hit. Consulted only when no rule detector has already hit.
   */
  classifier: z.object({ enabled, minScore: z.number().min(0).max(1).default(0) }).prefault({}),
  /**
   * The stewards' alert: `{name}`, `{group}`, `{reasons}`, `{detail}` are filled in. Empty: the
   * community language's default.
   */
  alertTemplate: z.string().max(2000).default(''),
});
export type AntiSpamConfig = z.infer<typeof antiSpamConfigSchema>;

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** `Example.COM`, `*.example.com`, `https://example.com/x` → `example.com`. */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .transform((d) => {
    const host = d.includes('://') ? (d.split('://')[1] ?? '') : d;
    return (host.split('/')[0] ?? '').replace(/^\*\./, '');
  })
  .refine((d) => DOMAIN.test(d), { message: 'not a domain (write it like example.com)' });

const bannedWord = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((w) => normalise(w).compact.length > 0, {
    message: 'a banned word needs at least one letter or digit (symbols and spaces are ignored when matching)',
  });

/** Settings every group of the community shares: one banned-word list, one domain allowlist. */
export const antiSpamSharedSchema = z.object({
  bannedWords: z
    .array(bannedWord)
    .max(10_000)
    .default([...DEFAULT_BANNED_WORDS]),
  /** Links to these domains and their subdomains are allowed (newcomers' too). */
  allowedDomains: z.array(domain).max(1000).default([]),
});
export type AntiSpamShared = z.infer<typeof antiSpamSharedSchema>;
