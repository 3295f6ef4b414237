import type { BaseContext } from '../../engine/context.js';
import type { StoredEvent } from '../../events/index.js';

/**
 * A rule broken, as the detecting play (anti-spam, quiet hours…) found it. Detectors run earlier in
 * the chain and leave violations in `ctx.notes`; the penalty ladder, later, counts and escalates.
 */
export type Violation = {
  /** The play that found it. */
  play: string;
  /** A stable code (`link`, `contact`, `banned_word`, `flood`, `quiet_hours`…), for counts and filters. */
  reason: string;
  /** What exactly matched, for the moderator's eyes. */
  detail: string;
  eventId: number;
  memberId: number;
};

const KEY = 'violations';

/** Leave a violation for the plays later in the chain (the penalty ladder). */
export const reportViolation = (ctx: BaseContext, violation: Omit<Violation, 'play'>): void => {
  const list = (ctx.notes[KEY] as Violation[] | undefined) ?? [];
  list.push({ ...violation, play: ctx.play });
  ctx.notes[KEY] = list;
};

/** Violations the earlier plays of this trigger found. */
export const violationsIn = (notes: Record<string, unknown>): readonly Violation[] =>
  (notes[KEY] as Violation[] | undefined) ?? [];

/** Roles that no moderation play touches unless configured otherwise. */
export const DEFAULT_EXEMPT_ROLES = ['owner', 'admin', 'steward'] as const;

/** True when the trigger's actor holds one of `roles` in this group or community-wide. */
export const isExempt = async (ctx: BaseContext, roles: readonly string[]): Promise<boolean> => {
  if (roles.length === 0 || ctx.trigger.kind !== 'event') return false;
  const facts = await ctx.member();
  return facts.roles.some((r) => roles.includes(r));
};

/**
 * Remove a message where the platform allows; elsewhere (WeChat cannot delete others' messages)
 * tell the stewards instead, so a person can act. Returns what was done.
 */
export const deleteOrAlert = async (
  ctx: BaseContext,
  event: StoredEvent,
  reason: string,
  text: string,
): Promise<'deleted' | 'alerted'> => {
  if (ctx.capabilities.delete) {
    await ctx.act('delete', { eventId: event.id, reason });
    return 'deleted';
  }
  await ctx.act('alert', { text, reason, memberId: event.memberId, eventId: event.id });
  return 'alerted';
};
