import { z } from 'zod';
import type { Language } from '../../communities/index.js';
import { DEFAULT_EXEMPT_ROLES } from '../shared/moderation.js';

export const PENALTIES = ['warn', 'mute', 'remove', 'blocklist'] as const;
/** One rung: warn, mute for a while, remove, or remove and add to the community's blocklist. */
export type Penalty = (typeof PENALTIES)[number];

const stepSchema = z
  .object({
    action: z.enum(PENALTIES),
    /** How long a mute lasts; needed by `mute`, ignored by the others. */
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60)
      .optional(),
  })
  .refine((s) => s.action !== 'mute' || s.durationMinutes !== undefined, {
    message: 'a mute step needs durationMinutes',
    path: ['durationMinutes'],
  });
export type LadderStep = z.infer<typeof stepSchema>;

export const DEFAULT_STEPS: readonly LadderStep[] = [
  { action: 'warn' },
  { action: 'mute', durationMinutes: 10 },
  { action: 'mute', durationMinutes: 24 * 60 },
  { action: 'remove' },
  { action: 'blocklist' },
];

/** Chat texts; `{name}`, `{reason}`, `{count}` and `{duration}` are filled in. */
export const defaultLadderTemplates: Record<Language, { warn: string; mute: string; removal: string }> = {
  'zh-CN': {
    warn: '{name}，请遵守群规（{reason}）。这是第 {count} 次违规，再次违规将受到更严厉的处理。',
    mute: '{name} 因违规（{reason}）被禁言 {duration}。',
    removal: '{name} 因多次违规（{reason}）已被移出本群。',
  },
  en: {
    warn: '{name}, please keep to the group rules ({reason}). This is violation number {count}; the next brings a stricter penalty.',
    mute: '{name} is muted for {duration} for breaking the rules ({reason}).',
    removal: '{name} was removed from the group after repeated violations ({reason}).',
  },
};

export const penaltyLadderConfigSchema = z.object({
  /** Rungs in order: the member's Nth violation within `forgetAfterDays` gets step N (the last one repeats). */
  steps: z
    .array(stepSchema)
    .min(1)
    .max(20)
    .default(() => [...DEFAULT_STEPS]),
  /** Violations older than this are forgotten. */
  forgetAfterDays: z.number().int().min(1).max(3650).default(30),
  /** Members holding one of these roles (in the group or community-wide) are never penalised. */
  exemptRoles: z
    .array(z.string().min(1).max(40))
    .max(50)
    .default(() => [...DEFAULT_EXEMPT_ROLES]),
  /** Say in the group when someone is removed (or blocklisted). */
  announceRemovals: z.boolean().default(false),
  /** Say in the group when someone is muted. */
  announceMutes: z.boolean().default(true),
  /** Empty: the community language's default (defaultLadderTemplates). */
  templates: z
    .object({
      warn: z.string().max(2000).default(''),
      mute: z.string().max(2000).default(''),
      removal: z.string().max(2000).default(''),
    })
    .default({ warn: '', mute: '', removal: '' }),
});
export type PenaltyLadderConfig = z.infer<typeof penaltyLadderConfigSchema>;
