import type { Random } from '../engine/random.js';
import type { MemberActivity, WeekPoint } from './types.js';

/**
 * Plain helpers for the reference implementations in the tests: written apart from dates.ts (through
 * Date.parse and toISOString) so that a bug there is not copied here.
 */
export const refDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
export const refDate = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
export const refPlus = (day: string, n: number): string => refDate(refDay(day) + n);
export const refRound4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Nicks from the #ubuntu IRC log of 2004-12-25 (the demo history, CC-BY-4.0). */
export const NICKS = [
  'crimsun',
  'intinig',
  'kleedrac',
  'will',
  '|QuaD-',
  'Tsjoklate',
  'L0sT',
  'vassie',
  'Agrajag',
  '`anthony',
  'spiv',
  'karlheg',
  'jiyuu0',
  'Crushed_Cigar',
  'sid77',
  'bugz_',
  'Rotund',
  'devFran',
  'jamesh',
  'pitti',
  'Seveas',
  'Keybuk',
  'mako',
  'SteveA',
] as const;

export const nick = (i: number): string => `${NICKS[i % NICKS.length]}${i >= NICKS.length ? i : ''}`;

/** An integer in [min, max]. */
export const between = (rnd: Random, min: number, max: number): number => min + rnd.int(max - min + 1);

/** A member as the store could report it on `asOf`: some busy, many quiet, some gone. */
export const randomMember = (rnd: Random, id: number, asOf: string): MemberActivity => {
  const tenure = between(rnd, 0, 400);
  const firstSeen = refPlus(asOf, -tenure);
  const kind = rnd.int(4);
  const activeDays30 = kind === 0 ? between(rnd, 0, Math.min(30, tenure + 1)) : kind === 1 ? between(rnd, 0, 3) : 0;
  const messages30 = activeDays30 === 0 ? 0 : activeDays30 + between(rnd, 0, activeDays30 * 6);
  const messages90 = messages30 + (rnd.next() < 0.5 ? between(rnd, 0, 120) : 0);
  const messagesPrior60 = rnd.next() < 0.5 ? between(rnd, 0, 60) : 0;
  const messagesTotal = messages90 + messagesPrior60 + (rnd.next() < 0.5 ? between(rnd, 0, 500) : 0);
  const quiet = Math.min(tenure, activeDays30 > 0 ? between(rnd, 0, 29) : between(rnd, 0, 200));
  const lastMessage = messagesTotal > 0 ? refPlus(asOf, -quiet) : null;
  const lastSeen = refPlus(asOf, -Math.min(tenure, rnd.next() < 0.5 ? quiet : between(rnd, 0, 60)));
  const present = rnd.next() < 0.85;
  return {
    memberId: id,
    name: nick(id),
    firstSeen,
    lastSeen,
    lastMessage,
    present,
    leftOn: present ? null : lastSeen,
    messagesTotal,
    messages30,
    activeDays30,
    messages90,
    messagesPrior60,
  };
};

/**
 * A weekly history of one group from `start`: phases of growth, plateau, decline and silence, so that
 * every lifecycle stage occurs. Quiet weeks without joins or leaves are dropped at random, as the
 * store (which only has rows for weeks with events) would drop them.
 */
export const randomHistory = (rnd: Random, start: string, weeks: number): WeekPoint[] => {
  const points: WeekPoint[] = [];
  let members = between(rnd, 0, 40);
  let pace = between(rnd, 0, 200);
  let phase = rnd.int(4);
  for (let i = 0; i < weeks; i++) {
    if (rnd.next() < 0.15) phase = rnd.int(4);
    const joins = phase === 0 ? between(rnd, 1, 1 + Math.ceil(members * 0.2)) : between(rnd, 0, 3);
    const leaves = phase === 2 ? between(rnd, 0, Math.ceil(members * 0.1)) : between(rnd, 0, Math.min(2, members));
    members = Math.max(0, members + joins - leaves);
    if (phase === 0) pace = Math.ceil(pace * 1.2) + 5;
    if (phase === 2) pace = Math.floor(pace * 0.6);
    const messages = phase === 3 ? (rnd.next() < 0.8 ? 0 : between(rnd, 0, 3)) : between(rnd, 0, pace);
    const activeMembers =
      messages === 0 ? 0 : Math.min(members + leaves, between(rnd, 1, Math.max(1, Math.ceil(messages / 4))));
    points.push({ week: refPlus(start, 7 * i), messages, activeMembers, joins, leaves, members });
  }
  return points.filter((w) => w.messages > 0 || w.joins > 0 || w.leaves > 0 || rnd.next() < 0.5);
};

/**
 * A builder of hand-made members for table tests: a present member who never posted, with the test's
 * own defaults, and each case's overrides on top.
 */
export const memberBuilder =
  (defaults: Partial<MemberActivity>) =>
  (memberId: number, name: string, over: Partial<MemberActivity> = {}): MemberActivity => ({
    memberId,
    name,
    firstSeen: '2004-12-25',
    lastSeen: '2004-12-25',
    lastMessage: null,
    present: true,
    leftOn: null,
    messagesTotal: 0,
    messages30: 0,
    activeDays30: 0,
    messages90: 0,
    messagesPrior60: 0,
    ...defaults,
    ...over,
  });
