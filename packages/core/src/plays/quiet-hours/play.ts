import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { renderTemplate } from '../../i18n/index.js';
import { reportViolation } from '../shared/moderation.js';
import { defaultQuietTemplates, type QuietHoursConfig, quietHoursConfigSchema } from './config.js';
import { localTime } from './local-time.js';
import { activeWindow } from './windows.js';

export const QUIET_HOURS_PLAY = 'quiet-hours';

type Ctx = PlayContext<QuietHoursConfig>;

/**
 * Messages inside a group's quiet windows (read in the community's timezone) are deleted where the
 * platform can, and their authors reminded once per window. Where the platform cannot delete, it
 * only reminds: a steward alert for every message of a homework hour would bury the stewards.
 */
export const quietHoursPlay = definePlay<QuietHoursConfig>({
  name: QUIET_HOURS_PLAY,
  title: { 'zh-CN': '静默时段', en: 'Quiet hours' },
  description: {
    'zh-CN': '在设定的时段内（如 19:00–20:00 作业时间）删除消息并提醒，或只提醒；可跨午夜、按星期设置。',
    en: 'During set windows (a 19:00–20:00 homework hour, say) deletes messages and reminds, or only reminds; windows may cross midnight and follow days of the week.',
  },
  configSchema: quietHoursConfigSchema,
  create: (config) =>
    new Composer<Ctx>()
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind !== 'event' || config.windows.length === 0) return next();
        const event = ctx.trigger.event;
        const active = activeWindow(config.windows, localTime(ctx.now, ctx.community.timezone));
        if (!active) return next();
        const facts = await ctx.member();
        if (facts.roles.some((r) => config.exemptRoles.includes(r))) return next();
        if (config.mode === 'delete-and-remind' && ctx.capabilities.delete) {
          await ctx.act('delete', { eventId: event.id, reason: 'quiet_hours' });
        }
        const key = `reminded:g${ctx.group.id}:w${active.index}:${active.startDate}:m${event.memberId}`;
        if (!(await ctx.memory.get(key))) {
          await ctx.memory.set(key, true, active.secondsLeft);
          const template = config.template.trim() || defaultQuietTemplates[ctx.community.language];
          await ctx.send({
            text: renderTemplate(template, {
              name: facts.displayName,
              start: active.window.start,
              end: active.window.end,
            }),
            replyToEventId: event.id,
            mentionMemberIds: [event.memberId],
          });
        }
        if (config.reportViolation) {
          reportViolation(ctx, {
            reason: 'quiet_hours',
            detail: `${active.window.start}–${active.window.end}`,
            eventId: event.id,
            memberId: event.memberId,
          });
        }
        await next();
      })
      .middleware(),
});
