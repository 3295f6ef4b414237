import type { OfferedReward } from '../../engine/state.js';

/** What a message asks the redeem play. */
export type RedeemIntent =
  | { kind: 'points' }
  | { kind: 'rewards' }
  | { kind: 'redeem'; query: string }
  | { kind: 'none' };

export type RedeemCommands = { redeem: readonly string[]; points: readonly string[]; rewards: readonly string[] };

/**
 * The argument after a command that starts the message, or undefined. The command must stand alone
 * or be followed by white space ("兑换了好多" is chat, not a command); `/redeem@bot` is the command
 * as Telegram writes it in groups.
 */
const argumentOf = (text: string, command: string): string | undefined => {
  const c = command.toLowerCase();
  if (!text.toLowerCase().startsWith(c)) return undefined;
  let rest = text.slice(c.length);
  if (c.startsWith('/')) rest = rest.replace(/^@\w+/, '');
  if (rest !== '' && !/^\s/u.test(rest)) return undefined;
  return rest.trim();
};

export const readRedeemIntent = (text: string, commands: RedeemCommands): RedeemIntent => {
  const t = text.trim().slice(0, 500);
  // Exact commands first: "兑换列表" also starts with "兑换".
  for (const c of commands.rewards) if (argumentOf(t, c) === '') return { kind: 'rewards' };
  for (const c of commands.points) if (argumentOf(t, c) === '') return { kind: 'points' };
  for (const c of commands.redeem) {
    const arg = argumentOf(t, c);
    if (arg !== undefined) return { kind: 'redeem', query: arg };
  }
  return { kind: 'none' };
};

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();

/** The reward a member named: by number (`3`, `#3`), by full name, or by a part only one name has. */
export const findReward = (
  rewards: readonly OfferedReward[],
  query: string,
): { found: OfferedReward } | { ambiguous: OfferedReward[] } | { none: true } => {
  const q = fold(query);
  const number = /^#?(\d{1,15})$/.exec(q);
  if (number) {
    const byId = rewards.find((r) => r.id === Number(number[1]));
    if (byId) return { found: byId };
  }
  const exact = rewards.filter((r) => fold(r.name) === q);
  if (exact.length === 1 && exact[0]) return { found: exact[0] };
  const partial = rewards.filter((r) => fold(r.name).includes(q));
  if (partial.length === 1 && partial[0]) return { found: partial[0] };
  if (partial.length > 1) return { ambiguous: partial };
  return { none: true };
};
