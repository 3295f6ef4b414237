import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import type { LedgerEntry } from '../../engine/state.js';
import { renderTemplate } from '../../i18n/index.js';
import type { JsonObject } from '../../json.js';
import { type Violation, violationsIn } from '../shared/moderation.js';
import { muteOrAlert, removeOrAlert, type SanctionOutcome } from '../shared/sanctions.js';
import { defaultLadderTemplates, type Penalty, type PenaltyLadderConfig, penaltyLadderConfigSchema } from './config.js';
import { durationText, reasonsText } from './texts.js';

export const LADDER_PLAY = 'penalty-ladder';
/** Ledger kinds. A violation is +1; a moderator's restore appends the same kind with -1 and `reverses`. */
export const VIOLATION_KIND = 'violation';
/** Appended by the blocklist step; the store adds the member to the community's blocklist with it. */
export const BLOCKLIST_ADD_KIND = 'blocklist_add';
export const BLOCKLIST_REMOVE_KIND = 'blocklist_remove';

/** What a violation entry of the ledger records: what was broken and the penalty it drew. */
export type ViolationData = {
  reasons: string[];
  details: string[];
  /** The plays that reported it (anti-spam, quiet-hours…). */
  plays: string[];
  eventId: number;
  /** The member's count of violations, this one included, within the forgetting window. */
  count: number;
  penalty: Penalty;
  /** End of a mute. */
  until?: string;
  outcome: SanctionOutcome | 'sent';
};

/** Set on a -1 entry by a moderator's restore. */
export type ReversalData = { reverses: number; reason: string; by: number | null; undo: string };

/**
 * The member's violations that count at `now`: within `forgetAfterDays`, net of restores. A restore
 * cancels its own violation whenever it is written, so a forgotten violation cannot go negative.
 */
export const countViolations = (entries: readonly LedgerEntry[], since: Date): number => {
  const reversed = new Set<number>();
  for (const e of entries) if (e.amount < 0 && typeof e.data.reverses === 'number') reversed.add(e.data.reverses);
  return entries.filter((e) => e.amount > 0 && e.at.getTime() >= since.getTime() && !reversed.has(e.id)).length;
};

type Ctx = PlayContext<PenaltyLadderConfig>;

const DAY_MS = 86_400_000;

const punish = async (ctx: Ctx, memberId: number, found: readonly Violation[]): Promise<void> => {
  const facts = await ctx.member(memberId);
  if (facts.roles.some((r) => ctx.config.exemptRoles.includes(r))) return;
  const eventId = found[0]?.eventId ?? 0;
  const dedupeKey = `${LADDER_PLAY}:violation:e${eventId}:m${memberId}`;
  const history = await ctx.readLedger({ memberId, kinds: [VIOLATION_KIND] });
  // The same message seen twice (a retried trigger) is one violation, punished once.
  if (history.some((e) => e.dedupeKey === dedupeKey)) return;
  const since = new Date(ctx.now.getTime() - ctx.config.forgetAfterDays * DAY_MS);
  const count = countViolations(history, since) + 1;
  const steps = ctx.config.steps;
  const step = steps[Math.min(count, steps.length) - 1] ?? { action: 'warn' as const };
  const language = ctx.community.language;
  const templates = ctx.config.templates;
  const reason = found.map((v) => v.reason).join(',');
  const values = {
    name: facts.displayName,
    reason: reasonsText(
      language,
      found.map((v) => v.reason),
    ),
    count: String(count),
    duration: durationText(language, step.durationMinutes ?? 0),
  };
  const text = (custom: string, fallback: string) => renderTemplate(custom.trim() || fallback, values);
  const target = { memberId, name: facts.displayName, eventId };
  const data: ViolationData = {
    reasons: found.map((v) => v.reason),
    details: found.map((v) => v.detail.slice(0, 500)),
    plays: [...new Set(found.map((v) => v.play))],
    eventId,
    count,
    penalty: step.action,
    outcome: 'sent',
  };
  switch (step.action) {
    case 'warn':
      await ctx.send({
        text: text(templates.warn, defaultLadderTemplates[language].warn),
        replyToEventId: eventId,
        mentionMemberIds: [memberId],
      });
      break;
    case 'mute': {
      const until = new Date(ctx.now.getTime() + (step.durationMinutes ?? 10) * 60_000);
      data.until = until.toISOString();
      data.outcome = await muteOrAlert(ctx, target, until, reason, values.reason);
      if (data.outcome === 'done' && ctx.config.announceMutes) {
        await ctx.send({
          text: text(templates.mute, defaultLadderTemplates[language].mute),
          mentionMemberIds: [memberId],
        });
      }
      break;
    }
    case 'remove':
    case 'blocklist': {
      const ban = step.action === 'blocklist';
      data.outcome = await removeOrAlert(ctx, target, reason, values.reason, ban);
      if (data.outcome === 'done' && ctx.config.announceRemovals) {
        await ctx.send({ text: text(templates.removal, defaultLadderTemplates[language].removal) });
      }
      break;
    }
  }
  await ctx.appendLedger({
    groupId: ctx.group.id,
    memberId,
    kind: VIOLATION_KIND,
    amount: 1,
    data: data as unknown as JsonObject,
    dedupeKey,
  });
  if (step.action === 'blocklist') {
    await ctx.appendLedger({
      groupId: ctx.group.id,
      memberId,
      kind: BLOCKLIST_ADD_KIND,
      amount: 1,
      data: { reason: values.reason, eventId },
      dedupeKey: `${LADDER_PLAY}:blocklist:e${eventId}:m${memberId}`,
    });
  }
};

/**
 * Counts the violations earlier plays of the chain reported and escalates: warn → mute 10 min →
 * mute 1 day → remove → blocklist by default. One message is one violation, however many rules it broke.
 */
export const penaltyLadderPlay = definePlay<PenaltyLadderConfig>({
  name: LADDER_PLAY,
  title: { 'zh-CN': '违规处罚阶梯', en: 'Penalty ladder' },
  description: {
    'zh-CN':
      '统计成员在社群内的违规次数（默认 30 天后遗忘），逐级处罚：警告 → 禁言 10 分钟 → 禁言 1 天 → 移出 → 拉黑。',
    en: 'Counts members’ violations across the community (forgotten after 30 days by default) and escalates: warn → mute 10 min → mute 1 day → remove → blocklist.',
  },
  configSchema: penaltyLadderConfigSchema,
  create: () =>
    new Composer<Ctx>()
      .use(async (ctx, next) => {
        const found = violationsIn(ctx.notes);
        if (ctx.trigger.kind === 'event' && found.length > 0) {
          const byMember = new Map<number, Violation[]>();
          for (const v of found) byMember.set(v.memberId, [...(byMember.get(v.memberId) ?? []), v]);
          for (const [memberId, list] of byMember) await punish(ctx, memberId, list);
        }
        await next();
      })
      .middleware(),
});
