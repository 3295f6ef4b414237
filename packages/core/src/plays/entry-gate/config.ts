import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { DEFAULT_EXEMPT_ROLES } from '../shared/moderation.js';

/** Chat texts; `{name}`, `{seconds}` and `{hours}` are filled in. */
export const defaultGateTemplates: Record<Language, { challenge: string; button: string; introReminder: string }> = {
  'zh-CN': {
    challenge: '欢迎 {name}！请在 {seconds} 秒内点击下方按钮完成验证，否则将被移出本群。',
    button: '我不是机器人',
    introReminder: '{name}，请做个自我介绍吧！入群 {hours} 小时内未自我介绍的成员将被移出。',
  },
  en: {
    challenge: 'Welcome {name}! Press the button below within {seconds} seconds, or you will be removed.',
    button: 'I am not a bot',
    introReminder:
      '{name}, please introduce yourself! Members who have not within {hours} hours of joining are removed.',
  },
};

export const entryGateConfigSchema = z.object({
  /** The questions a join request answers (shown to applicants by the platform, and in the console). */
  questions: z.array(z.string().min(1).max(500)).max(10).default([]),
  autoApprove: z
    .object({
      /** Approve requests that pass every rule below; off: every request waits for a person. */
      enabled: z.boolean().default(false),
      /** The answers contain one of these (case and width ignored); empty: no keyword needed. */
      answerKeywords: z.array(z.string().min(1).max(100)).max(100).default([]),
      /** The applicant has a public username on the platform. */
      requireUsername: z.boolean().default(false),
    })
    .default({ enabled: false, answerKeywords: [], requireUsername: false }),
  /** What becomes of a request the rules do not approve: wait in the console's queue, or be declined. */
  otherwise: z.enum(['queue', 'decline']).default('queue'),
  /** Decline requests of blocklisted members at once. */
  declineBlocklisted: z.boolean().default(true),
  /** A newcomer presses a button within `timeoutSeconds`, or is removed. */
  challenge: z
    .object({
      enabled: z.boolean().default(false),
      timeoutSeconds: z.number().int().min(10).max(86_400).default(120),
    })
    .default({ enabled: false, timeoutSeconds: 120 }),
  /** A newcomer posts a message of at least `minLength` characters within `withinHours`, or is removed. */
  intro: z
    .object({
      enabled: z.boolean().default(false),
      withinHours: z
        .number()
        .min(0.01)
        .max(24 * 30)
        .default(24),
      /** One reminder this long after joining; none when it is not before `withinHours`. */
      remindAfterHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(12),
      minLength: z.number().int().min(1).max(2000).default(10),
    })
    .default({ enabled: false, withinHours: 24, remindAfterHours: 12, minLength: 10 }),
  exemptRoles: z
    .array(z.string().min(1).max(40))
    .max(50)
    .default(() => [...DEFAULT_EXEMPT_ROLES]),
  /** Empty: the community language's default. */
  templates: z
    .object({
      challenge: z.string().max(2000).default(''),
      button: z.string().max(60).default(''),
      introReminder: z.string().max(2000).default(''),
    })
    .default({ challenge: '', button: '', introReminder: '' }),
});
export type EntryGateConfig = z.infer<typeof entryGateConfigSchema>;
