import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import type { LedgerEntry } from '../../engine/state.js';
import { listNames, renderTemplate } from '../../i18n/index.js';
import type { Json } from '../../json.js';
import { dayDiff, localTime, shiftDay, startOfLocalDay } from '../../time/index.js';
import { addDay, type CheckInDays, fromDays, hasDay, MAX_MAKE_UP_DAYS, noDays, streakAt } from './days.js';
import { readIntent } from './match.js';
import { type CheckInTexts, defaultCheckInTexts } from './texts.js';

export { currentStreak, parseDay, readIntent } from './match.js';
export { defaultCheckInTexts } from './texts.js';

const texts = z
  .object({
    done: z.string().max(500),
    already: z.string().max(500),
    makeUpDone: z.string().max(500),
    makeUpTooPoor: z.string().max(500),
    makeUpNothing: z.string().max(500),
    missed: z.string().max(500),
    stewardAlert: z.string().max(500),
  })
  .partial();

export const checkInConfigSchema = z.object({
  /** A message that starts with one of these is a check-in; what follows is kept as its content. */
  keywords: z.array(z.string().trim().min(1).max(20)).min(1).max(20).default(['打卡', '签到', '/checkin', 'checkin']),
  /** `补卡` makes up the latest missed day; `补卡 3-9` a given one. */
  makeUpKeywords: z.array(z.string().trim().min(1).max(20)).max(10).default(['补卡', '/makeup']),
  /** Points a make-up costs (0 makes it free). A member needs the balance. */
  makeUpCost: z.number().int().min(0).max(100_000).default(20),
  /** How far back a make-up may reach, in days. 0 turns make-ups off. */
  makeUpWindowDays: z.number().int().min(0).max(MAX_MAKE_UP_DAYS).default(7),
  /** Answer each check-in in the group. */
  reply: z.boolean().default(true),
  /** Content at least this long is kept as a testimonial (客户见证). */
  testimonialMinLength: z.number().int().min(1).max(1000).default(10),
  settlement: z
    .object({
      enabled: z.boolean().default(true),
      /** Minutes after local midnight at which the day before is settled. */
      minuteOfDay: z.number().int().min(0).max(1439).default(5),
      /** Name, in the group, members whose streak broke yesterday. */
      announceMissed: z.boolean().default(true),
      /** Tell stewards when a member has missed this many days in a row (0: never). */
      alertAfterMissedDays: z.number().int().min(0).max(60).default(3),
    })
    .prefault({}),
  /** Override any reply; empty keeps the community language's default. */
  texts: texts.default({}),
});
export type CheckInConfig = z.infer<typeof checkInConfigSchema>;

/** What a check-in tells the plays after it (points, badges). */
export type CheckInNote = { memberId: number; day: string; streak: number; makeUp: boolean };
export const CHECK_IN_NOTE = 'checkIn';

type Ctx = PlayContext<CheckInConfig>;
const SETTLE = 'settle';
const KIND = 'checkin';

const text = (ctx: Ctx, key: keyof CheckInTexts, values: Record<string, string | number>): string => {
  const template = ctx.config.texts[key]?.trim() || defaultCheckInTexts[ctx.community.language][key];
  return renderTemplate(template, values);
};

const dayOf = (e: LedgerEntry): string => String(e.data.day ?? '');

const ensureSettlement = async (ctx: Ctx, today: string): Promise<void> => {
  if (!ctx.config.settlement.enabled || (await ctx.timers.get(SETTLE))) return;
  const due = new Date(
    startOfLocalDay(shiftDay(today, 1), ctx.community.timezone).getTime() + ctx.config.settlement.minuteOfDay * 60_000,
  );
  await ctx.timers.set(SETTLE, due, {});
};

const record = async (ctx: Ctx, memberId: number, day: string, data: Record<string, string | number | boolean>) => {
  await ctx.appendLedger({
    groupId: ctx.group.id,
    memberId,
    kind: KIND,
    amount: 1,
    data: { day, ...data },
    // Once per member and day across the community, however often it is said or replayed.
    dedupeKey: `check-in:m${memberId}:${day}`,
  });
};

/** The member's check-in days (`CheckInDays`), kept without expiry: today's check-in is among them. */
const daysKey = (memberId: number) => `days:m${memberId}`;
/** A make-up request answered already (handling the same message again decides nothing new). */
const makeUpKey = (eventId: number) => `make-up:e${eventId}`;

const already = async (ctx: Ctx, memberId: number, streak: number, eventId: number) => {
  if (!ctx.config.reply) return;
  const name = (await ctx.member(memberId)).displayName;
  await ctx.send({ text: text(ctx, 'already', { name, streak }), replyToEventId: eventId });
};

/**
 * The member's check-in days: kept in memory, else rebuilt from the ledger once (a member with no
 * check-in balance has none, and costs no read).
 */
const checkInDays = async (ctx: Ctx, memberId: number): Promise<CheckInDays> => {
  const kept = await ctx.memory.get<CheckInDays>(daysKey(memberId));
  if (kept) return kept;
  if ((await ctx.sumLedger({ play: null, memberId, kinds: [KIND] })) === 0) return noDays();
  return fromDays((await ctx.readLedger({ memberId, kinds: [KIND] })).map(dayOf));
};

const keepDays = (ctx: Ctx, memberId: number, days: CheckInDays) =>
  ctx.memory.set(daysKey(memberId), days satisfies Json);

const checkIn = async (ctx: Ctx, memberId: number, today: string, content: string, eventId: number) => {
  const days = await checkInDays(ctx, memberId);
  if (hasDay(days, today)) return already(ctx, memberId, streakAt(days, today), eventId);
  const name = (await ctx.member(memberId)).displayName;
  const now = addDay(days, today, today);
  const streak = streakAt(now, today);
  const testimonial = content.length >= ctx.config.testimonialMinLength;
  await record(ctx, memberId, today, { streak, ...(testimonial ? { content: content.slice(0, 2000) } : {}) });
  await keepDays(ctx, memberId, now);
  ctx.notes[CHECK_IN_NOTE] = { memberId, day: today, streak, makeUp: false } satisfies CheckInNote;
  if (ctx.config.reply) {
    await ctx.send({ text: text(ctx, 'done', { name, streak, total: now.total }), replyToEventId: eventId });
  }
  await ensureSettlement(ctx, today);
};

const makeUp = async (ctx: Ctx, memberId: number, today: string, asked: string | null, eventId: number) => {
  const window = ctx.config.makeUpWindowDays;
  if (window === 0) return;
  // A request is answered once: handling the same message again (a replay) decides nothing new,
  // even though the balance or the missed days may have changed since.
  const handled = makeUpKey(eventId);
  if (await ctx.memory.get(handled)) return;
  await ctx.memory.set(handled, true, (window + 1) * 86_400);
  const days = await checkInDays(ctx, memberId);
  const name = (await ctx.member(memberId)).displayName;
  const inWindow = (d: string) => dayDiff(d, today) >= 1 && dayDiff(d, today) <= window;
  let day: string | null = null;
  if (asked !== null) day = inWindow(asked) && !hasDay(days, asked) ? asked : null;
  else
    for (let i = 1; i <= window && day === null; i++) if (!hasDay(days, shiftDay(today, -i))) day = shiftDay(today, -i);
  if (day === null) {
    await ctx.send({ text: text(ctx, 'makeUpNothing', { name, days: window }), replyToEventId: eventId });
    return;
  }
  const cost = ctx.config.makeUpCost;
  const balance = await ctx.sumLedger({ play: null, memberId, kinds: ['points'] });
  if (balance < cost) {
    await ctx.send({ text: text(ctx, 'makeUpTooPoor', { name, cost, balance }), replyToEventId: eventId });
    return;
  }
  const now = addDay(days, day, today);
  const end = hasDay(now, today) ? today : shiftDay(today, -1);
  const streak = streakAt(now, end);
  await record(ctx, memberId, day, { streak: streakAt(now, day), makeUp: true });
  await keepDays(ctx, memberId, now);
  if (cost > 0) {
    await ctx.appendLedger({
      groupId: ctx.group.id,
      memberId,
      kind: 'points',
      amount: -cost,
      data: { reason: 'make_up', day },
      dedupeKey: `check-in:make-up-cost:m${memberId}:${day}`,
    });
  }
  ctx.notes[CHECK_IN_NOTE] = { memberId, day, streak, makeUp: true } satisfies CheckInNote;
  await ctx.send({ text: text(ctx, 'makeUpDone', { name, day, cost, streak }), replyToEventId: eventId });
};

/** The nightly settlement: who broke a streak yesterday, who has been away for N days. */
const settle = async (ctx: Ctx) => {
  const tz = ctx.community.timezone;
  const settled = shiftDay(localTime(ctx.now, tz).day, -1);
  const { alertAfterMissedDays, announceMissed } = ctx.config.settlement;
  const horizon = Math.max(alertAfterMissedDays, 1) + 1;
  const since = startOfLocalDay(shiftDay(settled, -horizon), tz);
  const recent = await ctx.readLedger({ kinds: [KIND], since });
  const here = new Set(recent.filter((e) => e.groupId === ctx.group.id).map((e) => e.memberId));
  const last = new Map<number, string>();
  for (const e of recent) {
    const d = dayOf(e);
    if (here.has(e.memberId) && d <= settled && d > (last.get(e.memberId) ?? '')) last.set(e.memberId, d);
  }
  const broke: number[] = [];
  const away: { memberId: number; day: string }[] = [];
  for (const [memberId, day] of last) {
    const missed = dayDiff(day, settled);
    if (missed === 1) broke.push(memberId);
    if (alertAfterMissedDays > 0 && missed === alertAfterMissedDays) away.push({ memberId, day });
  }
  // Everyone named, asked for at once (one read for all of them).
  const named = [...away.map((a) => a.memberId), ...(announceMissed ? broke : [])];
  const facts = await Promise.all(named.map((id) => ctx.member(id)));
  const nameOf = new Map(facts.map((f) => [f.memberId, f.displayName]));
  for (const { memberId, day } of away) {
    await ctx.act('alert', {
      text: text(ctx, 'stewardAlert', { name: nameOf.get(memberId) ?? '', days: alertAfterMissedDays, day }),
      reason: 'check_in_missed',
      memberId,
    });
  }
  if (announceMissed && broke.length > 0) {
    const names = broke.map((id) => nameOf.get(id) ?? '');
    await ctx.send({
      text: text(ctx, 'missed', { names: listNames(ctx.community.language, names, 20) }),
      mentionMemberIds: broke,
    });
  }
  // Keep settling while someone here could still break a streak or reach the alert.
  if (here.size > 0) await ensureSettlement(ctx, localTime(ctx.now, tz).day);
};

/** Daily check-in (打卡): once per member per local day, streaks, make-ups for points, nightly settlement. */
export const checkInPlay = definePlay<CheckInConfig>({
  name: 'check-in',
  title: { 'zh-CN': '每日打卡', en: 'Daily check-in' },
  description: {
    'zh-CN': '成员发送“打卡”即完成当天打卡：连续天数、积分补卡、每晚结算提醒，带内容的打卡保存为见证。',
    en: 'Members check in once a day by keyword: streaks, make-ups for points, a nightly settlement, and check-ins with content kept as testimonials.',
  },
  configSchema: checkInConfigSchema,
  // A check-in reads the member's kept days, a make-up those and whether it was answered; other
  // messages read nothing.
  memoryKeys: (event, config, community) => {
    if (event.type !== 'message' && event.type !== 'command') return [];
    const today = localTime(event.at, community.timezone).day;
    const intent = readIntent(event.payload.text ?? '', config.keywords, config.makeUpKeywords, today);
    if (intent.kind === 'none') return [];
    return intent.kind === 'check-in' ? [daysKey(event.memberId)] : [makeUpKey(event.id), daysKey(event.memberId)];
  },
  create: () =>
    new Composer<Ctx>()
      .on(['message', 'command'], async (ctx, next) => {
        if (ctx.trigger.kind !== 'event') return next();
        const { event } = ctx.trigger;
        const today = localTime(event.at, ctx.community.timezone).day;
        const intent = readIntent(event.payload.text ?? '', ctx.config.keywords, ctx.config.makeUpKeywords, today);
        if (intent.kind === 'check-in') await checkIn(ctx, event.memberId, today, intent.content, event.id);
        if (intent.kind === 'make-up') await makeUp(ctx, event.memberId, today, intent.day, event.id);
        await next();
      })
      .onTimer(SETTLE, settle)
      .middleware(),
});
