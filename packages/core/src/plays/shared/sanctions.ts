import type { Language } from '../../communities/index.js';
import type { BaseContext } from '../../engine/context.js';

/** What happened to a sanction: done on the platform, or handed to the stewards because it cannot be. */
export type SanctionOutcome = 'done' | 'alerted';

const cannot: Record<Language, Record<'mute' | 'remove', string>> = {
  'zh-CN': {
    mute: '平台不支持禁言：请管家处理 {name}（{why}）',
    remove: '平台不支持移出成员：请管家处理 {name}（{why}）',
  },
  en: {
    mute: 'The platform cannot mute: a steward should deal with {name} ({why})',
    remove: 'The platform cannot remove members: a steward should deal with {name} ({why})',
  },
};

const alertText = (ctx: BaseContext, kind: 'mute' | 'remove', name: string, why: string): string =>
  cannot[ctx.community.language][kind].replace('{name}', name).replace('{why}', why);

/** Mute until `until` where the platform allows; elsewhere alert the stewards (deleteOrAlert's spirit). */
export const muteOrAlert = async (
  ctx: BaseContext,
  target: { memberId: number; name: string; eventId?: number },
  until: Date,
  reason: string,
  why: string,
): Promise<SanctionOutcome> => {
  if (ctx.capabilities.mute) {
    await ctx.act('mute', { memberId: target.memberId, until: until.toISOString(), reason });
    return 'done';
  }
  await ctx.act('alert', {
    text: alertText(ctx, 'mute', target.name, why),
    reason,
    memberId: target.memberId,
    ...(target.eventId === undefined ? {} : { eventId: target.eventId }),
  });
  return 'alerted';
};

/** Remove (and with `ban`, keep out) where the platform allows; elsewhere alert the stewards. */
export const removeOrAlert = async (
  ctx: BaseContext,
  target: { memberId: number; name: string; eventId?: number },
  reason: string,
  why: string,
  ban: boolean,
): Promise<SanctionOutcome> => {
  if (ctx.capabilities.remove) {
    await ctx.act('remove', { memberId: target.memberId, reason, ...(ban ? { ban: true } : {}) });
    return 'done';
  }
  await ctx.act('alert', {
    text: alertText(ctx, 'remove', target.name, why),
    reason,
    memberId: target.memberId,
    ...(target.eventId === undefined ? {} : { eventId: target.eventId }),
  });
  return 'alerted';
};

/** Code points of a message, without surrounding blanks: what "at least N characters" counts. */
export const textLength = (text: string | undefined): number => (text ? [...text.trim()].length : 0);
