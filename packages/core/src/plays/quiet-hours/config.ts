import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { DEFAULT_EXEMPT_ROLES } from '../shared/moderation.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, 00:00–23:59');

const windowSchema = z
  .object({
    /** Local time in the community's timezone. A window whose end is before its start crosses midnight. */
    start: hhmm,
    end: hhmm,
    /** ISO days of week on which the window starts (1 = Monday … 7 = Sunday); default every day. */
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .default(() => [1, 2, 3, 4, 5, 6, 7]),
  })
  .refine((w) => w.start !== w.end, { message: 'a window needs different start and end times', path: ['end'] });
export type QuietWindow = z.infer<typeof windowSchema>;

export const QUIET_MODES = ['delete-and-remind', 'remind-only'] as const;

/** `{name}`, `{start}` and `{end}` are filled in. */
export const defaultQuietTemplates: Record<Language, string> = {
  'zh-CN': '{name}，现在是静默时段（{start}–{end}），请在此之后再发言，谢谢配合。',
  en: '{name}, this is a quiet time ({start}–{end}); please post after it. Thank you.',
};

export const quietHoursConfigSchema = z.object({
  /** E.g. 19:00–20:00 homework hour on school days: `{start: '19:00', end: '20:00', days: [1,2,3,4,5]}`. */
  windows: z.array(windowSchema).max(20).default([]),
  /** Delete the message (where the platform can) and remind the member, or only remind. */
  mode: z.enum(QUIET_MODES).default('delete-and-remind'),
  exemptRoles: z
    .array(z.string().min(1).max(40))
    .max(50)
    .default(() => [...DEFAULT_EXEMPT_ROLES]),
  /** Count a message in quiet hours as a violation for the penalty ladder. */
  reportViolation: z.boolean().default(false),
  /** Empty: the community language's default. */
  template: z.string().max(2000).default(''),
});
export type QuietHoursConfig = z.infer<typeof quietHoursConfigSchema>;
