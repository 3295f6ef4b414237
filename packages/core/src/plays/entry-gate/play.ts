import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { renderTemplate } from '../../i18n/index.js';
import type { JsonObject } from '../../json.js';
import { removeOrAlert, textLength } from '../shared/sanctions.js';
import { defaultGateTemplates, type EntryGateConfig, entryGateConfigSchema } from './config.js';
import { judgeRequest, requestFacts } from './rules.js';

export const ENTRY_GATE_PLAY = 'entry-gate';
/** Ledger kinds: a request as judged (`data.status`), and a person's later decision on a queued one. */
export const JOIN_REQUEST_KIND = 'join_request';
export const JOIN_DECISION_KIND = 'join_decision';
export const CHALLENGE_KIND = 'challenge';
export const INTRO_KIND = 'intro';

/** The callback data of a newcomer's challenge button: only that member's press counts. */
export const challengeData = (memberId: number): string => `gate:${memberId}`;

type Ctx = PlayContext<EntryGateConfig>;
const HOUR_MS = 3_600_000;

const why = {
  'zh-CN': { challenge: '未通过入群验证', intro: '未按时自我介绍' },
  en: { challenge: 'did not pass the newcomer challenge', intro: 'did not introduce themselves in time' },
} as const;

const onJoinRequest = async (ctx: Ctx) => {
  if (ctx.trigger.kind !== 'event') return;
  const event = ctx.trigger.event;
  const facts = await ctx.member();
  const request = requestFacts(event.payload, facts.blocklisted);
  let { decision, reason } = judgeRequest(ctx.config, request);
  if (decision !== 'queue' && !ctx.capabilities.joinRequests) [decision, reason] = ['queue', 'no_capability'];
  if (decision !== 'queue') await ctx.act(decision, { memberId: event.memberId });
  await ctx.appendLedger({
    groupId: ctx.group.id,
    memberId: event.memberId,
    kind: JOIN_REQUEST_KIND,
    amount: 0,
    data: {
      status: decision === 'queue' ? 'pending' : decision === 'approve' ? 'approved' : 'declined',
      reason,
      answers: request.answers.slice(0, 2000),
      username: request.username,
      eventId: event.id,
    },
    dedupeKey: `${ENTRY_GATE_PLAY}:request:e${event.id}`,
  });
};

const onJoin = async (ctx: Ctx) => {
  if (ctx.trigger.kind !== 'event') return;
  const { memberId } = ctx.trigger.event;
  const { challenge, intro } = ctx.config;
  if (!challenge.enabled && !intro.enabled) return;
  const facts = await ctx.member(memberId);
  // Exempt roles pass; a blocklisted newcomer is the blocklist play's, not a challenge's.
  if (facts.blocklisted || facts.roles.some((r) => ctx.config.exemptRoles.includes(r))) return;
  const name = facts.displayName;
  const language = ctx.community.language;
  const templates = ctx.config.templates;
  if (challenge.enabled) {
    const text = renderTemplate(templates.challenge.trim() || defaultGateTemplates[language].challenge, {
      name,
      seconds: String(challenge.timeoutSeconds),
    });
    const button = templates.button.trim() || defaultGateTemplates[language].button;
    await ctx.send({ text, mentionMemberIds: [memberId], buttons: [{ text: button, data: challengeData(memberId) }] });
    await ctx.timers.set(`challenge:m${memberId}`, new Date(ctx.now.getTime() + challenge.timeoutSeconds * 1000), {
      memberId,
    });
  }
  if (intro.enabled) {
    const deadline = new Date(ctx.now.getTime() + intro.withinHours * HOUR_MS);
    const remind = intro.remindAfterHours > 0 && intro.remindAfterHours < intro.withinHours;
    await ctx.timers.set(
      `intro:m${memberId}`,
      remind ? new Date(ctx.now.getTime() + intro.remindAfterHours * HOUR_MS) : deadline,
      { memberId, stage: remind ? 'remind' : 'remove', deadline: deadline.toISOString() },
    );
  }
};

const record = (ctx: Ctx, kind: string, memberId: number, data: JsonObject) =>
  ctx.appendLedger({ groupId: ctx.group.id, memberId, kind, amount: 0, data });

/**
 * The way in: judges join requests (auto-approve rules, else a manual queue), challenges newcomers
 * with a button, and asks them to introduce themselves; those who do not are removed.
 */
export const entryGatePlay = definePlay<EntryGateConfig>({
  name: ENTRY_GATE_PLAY,
  title: { 'zh-CN': '入群门槛', en: 'Entry gate' },
  description: {
    'zh-CN': '审核入群申请（自动通过规则或人工审核队列）；新人按钮验证，超时移出；限时自我介绍，提醒一次后移出。',
    en: 'Judges join requests (auto-approve rules, else a manual queue); newcomers press a button in time or are removed; introduce yourself within N hours, with one reminder, or be removed.',
  },
  configSchema: entryGateConfigSchema,
  create: () =>
    new Composer<Ctx>()
      .on('join_request', async (ctx, next) => {
        await onJoinRequest(ctx);
        await next();
      })
      .on('join', async (ctx, next) => {
        await onJoin(ctx);
        await next();
      })
      .on('callback', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { memberId, payload } = ctx.trigger.event;
        const key = `challenge:m${memberId}`;
        // Only the newcomer's own press counts; someone else's button data is ignored.
        if (payload.extra?.data === challengeData(memberId) && (await ctx.timers.get(key))) {
          await ctx.timers.clear(key);
          await record(ctx, CHALLENGE_KIND, memberId, { result: 'passed' });
        }
        await next();
      })
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event' || !ctx.config.intro.enabled) return next();
        const { memberId, payload } = ctx.trigger.event;
        const key = `intro:m${memberId}`;
        if (textLength(payload.text) >= ctx.config.intro.minLength && (await ctx.timers.get(key))) {
          await ctx.timers.clear(key);
          await record(ctx, INTRO_KIND, memberId, { result: 'introduced' });
        }
        await next();
      })
      .on('leave', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { memberId } = ctx.trigger.event;
        await ctx.timers.clear(`challenge:m${memberId}`);
        await ctx.timers.clear(`intro:m${memberId}`);
        await next();
      })
      .filter(
        (ctx) => ctx.trigger.kind === 'timer',
        async (ctx) => {
          if (ctx.trigger.kind !== 'timer') return;
          const { key, data } = ctx.trigger.timer;
          const memberId = Number(data.memberId);
          if (!Number.isSafeInteger(memberId)) return;
          const language = ctx.community.language;
          const name = (await ctx.member(memberId)).displayName;
          if (key.startsWith('challenge:')) {
            const outcome = await removeOrAlert(ctx, { memberId, name }, 'challenge', why[language].challenge, false);
            await record(ctx, CHALLENGE_KIND, memberId, { result: 'failed', outcome });
          } else if (key.startsWith('intro:') && data.stage === 'remind') {
            const text = renderTemplate(
              ctx.config.templates.introReminder.trim() || defaultGateTemplates[language].introReminder,
              { name, hours: String(ctx.config.intro.withinHours) },
            );
            await ctx.send({ text, mentionMemberIds: [memberId] });
            await ctx.timers.set(key, new Date(String(data.deadline)), { ...data, stage: 'remove' });
          } else if (key.startsWith('intro:')) {
            const outcome = await removeOrAlert(ctx, { memberId, name }, 'intro', why[language].intro, false);
            await record(ctx, INTRO_KIND, memberId, { result: 'failed', outcome });
          }
        },
      )
      .middleware(),
});
