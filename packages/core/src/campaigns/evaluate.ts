import type { CampaignRules, CampaignTier, FraudRule } from './rules.js';

/** One invitee attributed to an inviter (the invites play's `invited` entry), with what followed. */
export type InviteFact = {
  invitee: number;
  inviteeName: string;
  inviter: number;
  inviterName: string;
  /** The group of the attributed join. */
  groupId: number;
  /** The attributed join (the `invited` entry's time). */
  joinedAt: Date;
  /** The invitee's first appearance in the community: a member seen before the period is not new. */
  firstSeenAt: Date;
  /** The invites play's verdict: `invite_credit`, `invite_void`, or none yet. */
  credit: 'valid' | 'void' | 'pending';
  /** When the credit (or void) was written. */
  creditAt: Date | null;
  /** The invites play's reason for a void (left_early, never_posted). */
  voidReason: string | null;
  /** The first leave from the join's group after the join. */
  leftAt: Date | null;
  /** Messages anywhere in the community within the quality window after the join. */
  messagesInWindow: number;
  /** The blocklist's reason when the invitee is on it now; null when not. */
  blocklisted: string | null;
};

export type CampaignScope = {
  startsAt: Date;
  endsAt: Date;
  targetGroupIds: readonly number[];
  tiers: readonly CampaignTier[];
  rules: CampaignRules;
};

/** A rule's finding about one invite, with a reason an operator can read and the numbers behind it. */
export type CampaignFlag = {
  invitee: number;
  inviter: number;
  rule: FraudRule;
  reason: string;
  detail: Record<string, string | number>;
};

export type InviteStatus =
  /** A valid credit, nothing flagged. */
  | 'counted'
  /** Flagged: not counted until an operator restores every flag. */
  | 'voided'
  /** Flagged, and an operator restored every flag: counted. */
  | 'restored'
  /** The invites play has not judged it yet. */
  | 'pending'
  /** The invites play voided it (left early, never posted). */
  | 'not_valid';

export type EvaluatedInvite = InviteFact & { status: InviteStatus; flags: CampaignFlag[] };

export type Standing = {
  memberId: number;
  name: string;
  rank: number;
  /** Counted and restored credits. */
  invites: number;
  pending: number;
  voided: number;
  notValid: number;
  /** When the latest counted credit was written: ties rank by who got there first. */
  reachedAt: Date | null;
  /** Indexes of the tiers reached. */
  tiersReached: number[];
};

export type CampaignEvaluation = {
  invites: EvaluatedInvite[];
  flags: CampaignFlag[];
  leaderboard: Standing[];
};

/** Why an invite is outside the campaign, or null when it is in. */
export const ineligibility = (f: InviteFact, scope: CampaignScope): string | null => {
  if (f.joinedAt < scope.startsAt || f.joinedAt >= scope.endsAt) return 'joined outside the period';
  if (f.firstSeenAt < scope.startsAt) return 'not new: seen in the community before the period';
  if (scope.targetGroupIds.length > 0 && !scope.targetGroupIds.includes(f.groupId)) return 'not a target group';
  return null;
};

const DAY = 86_400_000;
const minutes = (ms: number) => Math.round(ms / 60_000);

/** Names the same person might use on a second account: NFKC, case, spaces, punctuation and a numeric tail ignored. */
export const lookAlikeName = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/\d+$/u, '');

const burstFlags = (invites: readonly InviteFact[], rules: CampaignRules): CampaignFlag[] => {
  const { joins, minutes: span } = rules.burst;
  if (joins <= 1) return [];
  const byInviter = new Map<number, InviteFact[]>();
  for (const f of invites) {
    const list = byInviter.get(f.inviter);
    if (list) list.push(f);
    else byInviter.set(f.inviter, [f]);
  }
  const flags: CampaignFlag[] = [];
  for (const list of byInviter.values()) {
    const sorted = [...list].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.invitee - b.invitee);
    // The largest burst each join belongs to: a window of `span` minutes holding `joins` or more.
    const largest = new Map<number, { n: number; from: Date; to: Date }>();
    let end = 0;
    for (let start = 0; start < sorted.length; start++) {
      const first = sorted[start] as InviteFact;
      end = Math.max(end, start);
      while (
        end + 1 < sorted.length &&
        (sorted[end + 1] as InviteFact).joinedAt.getTime() - first.joinedAt.getTime() <= span * 60_000
      ) {
        end++;
      }
      const n = end - start + 1;
      if (n < joins) continue;
      const to = (sorted[end] as InviteFact).joinedAt;
      for (let k = start; k <= end; k++) {
        const invitee = (sorted[k] as InviteFact).invitee;
        if ((largest.get(invitee)?.n ?? 0) < n) largest.set(invitee, { n, from: first.joinedAt, to });
      }
    }
    for (const f of sorted) {
      const b = largest.get(f.invitee);
      if (!b) continue;
      flags.push({
        invitee: f.invitee,
        inviter: f.inviter,
        rule: 'burst',
        reason: `${b.n} joins invited by ${f.inviterName} within ${minutes(b.to.getTime() - b.from.getTime())} minutes (limit: ${joins - 1} within ${span})`,
        detail: { joins: b.n, minutes: span, limit: joins, from: b.from.toISOString(), to: b.to.toISOString() },
      });
    }
  }
  return flags;
};

const perInviteFlags = (f: InviteFact, rules: CampaignRules, now: Date): CampaignFlag[] => {
  const flags: CampaignFlag[] = [];
  const flag = (rule: FraudRule, reason: string, detail: CampaignFlag['detail']) =>
    flags.push({ invitee: f.invitee, inviter: f.inviter, rule, reason, detail });
  const { windowDays, minMessages } = rules.quality;
  if (windowDays > 0) {
    const windowEnd = f.joinedAt.getTime() + windowDays * DAY;
    if (f.leftAt && f.leftAt.getTime() < windowEnd) {
      const days = Math.round(((f.leftAt.getTime() - f.joinedAt.getTime()) / DAY) * 10) / 10;
      flag(
        'left_soon',
        `${f.inviteeName} left ${days} days after joining, within the campaign's ${windowDays}-day window`,
        {
          days,
          windowDays,
          leftAt: f.leftAt.toISOString(),
        },
      );
    } else if (now.getTime() >= windowEnd && f.messagesInWindow < minMessages) {
      flag(
        'never_posted',
        `${f.inviteeName} posted ${f.messagesInWindow} messages in the ${windowDays} days after joining; the campaign needs ${minMessages}`,
        { messages: f.messagesInWindow, minMessages, windowDays },
      );
    }
  }
  if (rules.blocklist && f.blocklisted !== null) {
    flag('blocklisted', `${f.inviteeName} is on the blocklist${f.blocklisted ? `: ${f.blocklisted}` : ''}`, {
      blocklistReason: f.blocklisted,
    });
  }
  if (rules.lookAlike) {
    const a = lookAlikeName(f.inviteeName);
    if (a.length > 0 && a === lookAlikeName(f.inviterName)) {
      flag('look_alike', `${f.inviteeName} has the inviter's name (${f.inviterName}): possibly their other account`, {
        invitee: f.inviteeName,
        inviter: f.inviterName,
      });
    }
  }
  return flags;
};

export const flagKey = (invitee: number, rule: FraudRule): string => `${invitee}:${rule}`;

/**
 * Count a campaign: the invites in its period and target groups from members new to the community,
 * each judged by the anti-fraud rules; a flagged credit is voided unless an operator restored every
 * one of its flags (`restored` holds `flagKey`s). Pure and deterministic, so recomputing from the same
 * facts gives the same counts, flags and ranks, whatever the order the facts come in.
 */
export const evaluateCampaign = (input: {
  scope: CampaignScope;
  facts: readonly InviteFact[];
  restored: ReadonlySet<string>;
  /** Members registered by hand: on the board with their counts, even at zero. */
  participants?: readonly { memberId: number; name: string }[];
  now: Date;
}): CampaignEvaluation => {
  const { scope, restored, now } = input;
  // One fact per invitee (the store gives one; a replayed list must not count twice).
  const unique = new Map<number, InviteFact>();
  for (const f of input.facts) {
    const seen = unique.get(f.invitee);
    if (!seen || f.joinedAt < seen.joinedAt || (+f.joinedAt === +seen.joinedAt && f.inviter < seen.inviter)) {
      unique.set(f.invitee, f);
    }
  }
  const eligible = [...unique.values()]
    .filter((f) => f.inviter !== f.invitee && ineligibility(f, scope) === null)
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.invitee - b.invitee);

  const flagsOf = new Map<number, CampaignFlag[]>();
  const add = (flag: CampaignFlag) => {
    const list = flagsOf.get(flag.invitee);
    if (list) list.push(flag);
    else flagsOf.set(flag.invitee, [flag]);
  };
  for (const flag of burstFlags(eligible, scope.rules)) add(flag);
  for (const f of eligible) for (const flag of perInviteFlags(f, scope.rules, now)) add(flag);

  const invites: EvaluatedInvite[] = eligible.map((f) => {
    const flags = flagsOf.get(f.invitee) ?? [];
    const status: InviteStatus =
      f.credit === 'void'
        ? 'not_valid'
        : f.credit === 'pending'
          ? 'pending'
          : flags.length === 0
            ? 'counted'
            : flags.every((x) => restored.has(flagKey(x.invitee, x.rule)))
              ? 'restored'
              : 'voided';
    return { ...f, status, flags };
  });

  const rows = new Map<number, Omit<Standing, 'rank' | 'tiersReached'>>();
  const row = (memberId: number, name: string) => {
    let r = rows.get(memberId);
    if (!r) {
      r = { memberId, name, invites: 0, pending: 0, voided: 0, notValid: 0, reachedAt: null };
      rows.set(memberId, r);
    }
    return r;
  };
  for (const p of input.participants ?? []) row(p.memberId, p.name);
  for (const i of invites) {
    const r = row(i.inviter, i.inviterName);
    if (i.status === 'counted' || i.status === 'restored') {
      r.invites += 1;
      const at = i.creditAt ?? i.joinedAt;
      if (!r.reachedAt || at > r.reachedAt) r.reachedAt = at;
    } else if (i.status === 'pending') r.pending += 1;
    else if (i.status === 'voided') r.voided += 1;
    else r.notValid += 1;
  }
  const leaderboard = [...rows.values()]
    .sort(
      (a, b) =>
        b.invites - a.invites ||
        (a.reachedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.reachedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
        a.memberId - b.memberId,
    )
    .map((r, i) => ({
      ...r,
      rank: i + 1,
      tiersReached: scope.tiers.flatMap((t, k) => (r.invites >= t.invites ? [k] : [])),
    }));

  return { invites, flags: invites.flatMap((i) => i.flags), leaderboard };
};
