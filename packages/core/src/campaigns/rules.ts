import { z } from 'zod';
import { shiftDay, startOfLocalDay } from '../time/index.js';

/** Anti-fraud settings of a campaign; every rule can be turned off. Defaults are documented in docs/campaigns.md. */
export const campaignRulesSchema = z.object({
  /** Bursts: `joins` or more attributed joins from one inviter within `minutes` are flagged (joins 0: off). */
  burst: z
    .object({
      joins: z.number().int().min(0).max(1000).default(5),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(10),
    })
    .default({ joins: 5, minutes: 10 }),
  /**
   * The campaign's own quality window, on top of the invites play's: an invitee who leaves within
   * `windowDays` of joining, or has posted fewer than `minMessages` messages when it ends, is flagged
   * (windowDays 0: off, only the invites play's rule applies).
   */
  quality: z
    .object({
      windowDays: z.number().min(0).max(90).default(7),
      minMessages: z.number().int().min(0).max(100).default(1),
    })
    .default({ windowDays: 7, minMessages: 1 }),
  /** Invitees on the community's blocklist are flagged. */
  blocklist: z.boolean().default(true),
  /** Invitees whose display name is the inviter's (an alt account, by the only sign a chat gives). */
  lookAlike: z.boolean().default(true),
});
export type CampaignRules = z.infer<typeof campaignRulesSchema>;
export const defaultCampaignRules = (): CampaignRules => campaignRulesSchema.parse({});

export const FRAUD_RULES = ['burst', 'left_soon', 'never_posted', 'blocklisted', 'look_alike'] as const;
export type FraudRule = (typeof FRAUD_RULES)[number];

export const campaignTierSchema = z.object({
  /** Valid invites needed. */
  invites: z.number().int().min(1).max(100_000),
  /** The reward (rewards table) handed out at this tier; its stock and approval apply. */
  rewardId: z.number().int().positive(),
});
export type CampaignTier = z.infer<typeof campaignTierSchema>;

/** Tiers must rise strictly: a member reaches them in order. */
export const checkTiers = (tiers: readonly CampaignTier[]): string | null => {
  for (let i = 1; i < tiers.length; i++) {
    const prev = tiers[i - 1] as CampaignTier;
    const cur = tiers[i] as CampaignTier;
    if (cur.invites <= prev.invites) {
      return `tier ${i + 1} needs ${cur.invites} invites, not more than tier ${i}'s ${prev.invites}: tiers must rise`;
    }
  }
  return null;
};

/** A campaign's period as instants: from the start of `startsOn` to the end of `endsOn`, local days in the zone. */
export const campaignPeriod = (startsOn: string, endsOn: string, timezone: string) => ({
  startsAt: startOfLocalDay(startsOn, timezone),
  endsAt: startOfLocalDay(shiftDay(endsOn, 1), timezone),
});

/** The channel a campaign's live-code links carry (`?ch=`), and the member reference (`&ref=`). */
export const campaignChannel = (campaignId: number): string => `campaign-${campaignId}`;
export const memberRef = (memberId: number): string => `m${memberId}`;

/** A participant's link through the campaign's live code: `{publicUrl}/j/{code}?ch=campaign-{id}&ref=m{member}`. */
export const liveCodeLink = (publicUrl: string, code: string, campaignId: number, memberId: number): string =>
  `${publicUrl.replace(/\/+$/, '')}/j/${encodeURIComponent(code)}?ch=${campaignChannel(campaignId)}&ref=${memberRef(memberId)}`;
