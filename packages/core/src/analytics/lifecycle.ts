import { z } from 'zod';
import { lastCompleteWeek, weekOf } from './dates.js';
import { round } from './numbers.js';
import { parseOptions } from './options.js';
import type { Lifecycle, LifecycleStage, WeekPoint } from './types.js';
import { weeklySeries } from './weekly-series.js';

/** The lifecycle rules, applied in order: dormant, seed, decline, growth, else active. */
export const lifecycleRulesSchema = z.object({
  /** 沉寂: no message in this many weeks… */
  dormantWeeks: z.number().int().min(1).max(52).default(4),
  /** …or fewer messages than this share of the weekly peak in each of them. */
  dormantPeakShare: z.number().min(0).max(1).default(0.05),
  /** 萌芽: fewer complete weeks of history than this… */
  seedWeeks: z.number().int().min(0).max(52).default(4),
  /** …or never this many members at the end of a week. */
  seedMembers: z.number().int().min(0).default(10),
  /** Growth and decline compare the last `windowWeeks` weeks with the `windowWeeks` before. */
  windowWeeks: z.number().int().min(1).max(26).default(4),
  /** 成长: members up by at least this share over the window, with more active members than before. */
  growthMembers: z.number().min(0).default(0.1),
  /** 衰退: messages and active members both down by at least this share. */
  declineDrop: z.number().min(0).max(1).default(0.3),
});
export type LifecycleRules = z.output<typeof lifecycleRulesSchema>;
export type LifecycleRulesInput = z.input<typeof lifecycleRulesSchema>;

/** Which rule decided, as named in docs/analytics.md. */
export type LifecycleRule =
  | 'no_history'
  | 'no_messages'
  | 'below_peak'
  | 'young'
  | 'small'
  | 'decline'
  | 'growth'
  | 'otherwise';

type Facts = {
  series: WeekPoint[];
  peakMessages: number[];
  peakMembers: number[];
  /** Index of the last week with a message, up to each week; -1 when none yet. */
  lastMessageAt: number[];
};

const factsOf = (series: WeekPoint[]): Facts => {
  const peakMessages: number[] = [];
  const peakMembers: number[] = [];
  const lastMessageAt: number[] = [];
  series.forEach((w, i) => {
    peakMessages.push(Math.max(peakMessages[i - 1] ?? 0, w.messages));
    peakMembers.push(Math.max(peakMembers[i - 1] ?? 0, w.members));
    lastMessageAt.push(w.messages > 0 ? i : (lastMessageAt[i - 1] ?? -1));
  });
  return { series, peakMessages, peakMembers, lastMessageAt };
};

/** Sum of a field over weeks [from, to]; weeks before the history count as 0. */
const sum = (series: WeekPoint[], from: number, to: number, field: 'messages' | 'activeMembers'): number => {
  let total = 0;
  for (let i = Math.max(0, from); i <= to; i++) total += series[i]?.[field] ?? 0;
  return total;
};

/** (now − before) / before, rounded to 4 decimals as shown; null when before is 0. */
const change = (now: number, before: number): number | null => (before > 0 ? round((now - before) / before, 4) : null);

type Verdict = { stage: LifecycleStage; rule: LifecycleRule; evidence: Lifecycle['evidence'] };

/** The stage of week `i` as of its end, from weeks 0…i only. */
const classifyAt = (f: Facts, i: number, r: LifecycleRules): Verdict => {
  const { series } = f;
  const week = series[i] as WeekPoint;
  const peakMessages = f.peakMessages[i] ?? 0;
  const lastMessage = f.lastMessageAt[i] ?? -1;
  const weeksOfHistory = i + 1;
  const weeksSinceLastMessage = lastMessage >= 0 ? i - lastMessage : weeksOfHistory;
  const w = r.windowWeeks;
  const messagesRecent = sum(series, i - w + 1, i, 'messages');
  const messagesBefore = sum(series, i - 2 * w + 1, i - w, 'messages');
  const activeRecent = sum(series, i - w + 1, i, 'activeMembers');
  const activeBefore = sum(series, i - 2 * w + 1, i - w, 'activeMembers');
  const membersBefore = series[i - w]?.members ?? 0;
  const evidence = {
    evaluatedWeek: week.week,
    weeksOfHistory,
    windowWeeks: w,
    messagesRecent,
    messagesBefore,
    messagesChange: change(messagesRecent, messagesBefore),
    activeRecent: round(activeRecent / w, 2),
    activeBefore: round(activeBefore / w, 2),
    activeChange: change(activeRecent, activeBefore),
    membersNow: week.members,
    membersBefore,
    membersChange: change(week.members, membersBefore),
    peakMembers: f.peakMembers[i] ?? 0,
    peakMessages,
    weeksSinceLastMessage,
    lastMessageWeek: lastMessage >= 0 ? (series[lastMessage]?.week ?? null) : null,
  };
  const verdict = (stage: LifecycleStage, rule: LifecycleRule): Verdict => ({ stage, rule, evidence });

  if (weeksSinceLastMessage >= r.dormantWeeks) return verdict('dormant', 'no_messages');
  if (weeksOfHistory >= r.dormantWeeks && peakMessages > 0) {
    let quiet = true;
    for (let j = i - r.dormantWeeks + 1; j <= i; j++) {
      if ((series[j]?.messages ?? 0) >= r.dormantPeakShare * peakMessages) quiet = false;
    }
    if (quiet) return verdict('dormant', 'below_peak');
  }
  if (weeksOfHistory < r.seedWeeks) return verdict('seed', 'young');
  if (evidence.peakMembers < r.seedMembers) return verdict('seed', 'small');
  const { messagesChange, activeChange, membersChange } = evidence;
  if (
    messagesChange !== null &&
    activeChange !== null &&
    messagesChange <= -r.declineDrop &&
    activeChange <= -r.declineDrop
  ) {
    return verdict('decline', 'decline');
  }
  const membersRose = membersChange === null ? week.members > 0 : membersChange >= r.growthMembers;
  if (membersRose && activeRecent > activeBefore) return verdict('growth', 'growth');
  return verdict('active', 'otherwise');
};

/**
 * 生命周期 of a group (or a scope) as of `asOf`, from its weekly series. Only complete weeks count:
 * the week in progress on `asOf` is left for the next run. Every week is classified as of its own end;
 * `since` is where the current run of the stage began, and for 沉寂 the first quiet week of that run's
 * silence (the week after the last activity).
 */
export const lifecycle = (weeks: readonly WeekPoint[], asOf: string, rules?: LifecycleRulesInput): Lifecycle => {
  const r = parseOptions(lifecycleRulesSchema, rules, 'lifecycle rules');
  const evaluated = lastCompleteWeek(asOf);
  const series = weeklySeries(weeks, evaluated);
  if (series.length === 0) {
    // Days in YYYY-MM-DD order as strings; the series above has already checked every week.
    const current = weekOf(asOf);
    const first = weeks
      .map((w) => w.week)
      .filter((w) => w <= current)
      .sort()[0];
    return {
      stage: 'seed',
      since: first ?? current,
      evidence: { evaluatedWeek: evaluated, weeksOfHistory: 0, rule: 'no_history' },
    };
  }
  const facts = factsOf(series);
  const stages = series.map((_, i) => classifyAt(facts, i, r).stage);
  const last = series.length - 1;
  const current = classifyAt(facts, last, r);
  let start = last;
  if (current.stage === 'dormant') {
    const peak = facts.peakMessages[last] ?? 0;
    const quiet = (w: WeekPoint | undefined) =>
      w !== undefined && (w.messages === 0 || w.messages < r.dormantPeakShare * peak);
    while (start > 0 && quiet(series[start - 1])) start--;
  } else {
    while (start > 0 && stages[start - 1] === current.stage) start--;
  }
  const since = series[start]?.week ?? evaluated;
  return { stage: current.stage, since, evidence: { ...current.evidence, rule: current.rule } };
};
