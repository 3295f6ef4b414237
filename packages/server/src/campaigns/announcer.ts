import { type CampaignEvaluation, type Clock, tierAnnouncementKey, tierReachedText } from '@qunzhu/core';
import type { Campaign, Store } from '@qunzhu/store';
import type { Logger, Runtime } from '../runtime/runtime.js';

/**
 * Queue the group's message for every tier a participant of a running campaign has reached; the
 * outbox key holds each participant and tier to one message, however often this runs. Returns how
 * many tiers are reached (announced now or before).
 */
export const announceTiers = async (
  store: Store,
  communityId: number,
  campaign: Campaign,
  evaluation: CampaignEvaluation,
  at: Date,
): Promise<number> => {
  if (!campaign.announce || campaign.status !== 'running' || campaign.tiers.length === 0) return 0;
  const groupId = campaign.targetGroupIds[0] as number;
  const { language } = await store.communities.get(communityId);
  const rewards = new Map((await store.rewards.list(communityId)).map((r) => [r.id, r.name]));
  let reached = 0;
  for (const s of evaluation.leaderboard) {
    for (const tier of s.tiersReached) {
      const t = campaign.tiers[tier];
      if (!t) continue;
      reached += 1;
      await store.playState.enqueueAction({
        communityId,
        groupId,
        play: 'campaigns',
        kind: 'send',
        payload: {
          text: tierReachedText(language, campaign.announceTemplate, {
            name: s.name,
            campaign: campaign.name,
            invites: s.invites,
            tier: tier + 1,
            reward: rewards.get(t.rewardId) ?? '',
          }),
          mentionMemberIds: [s.memberId],
        },
        idempotencyKey: tierAnnouncementKey(campaign.id, s.memberId, tier),
        at,
      });
    }
  }
  return reached;
};

/**
 * Counts running campaigns that announce tiers on a schedule, so a participant who reaches one hears
 * it in the group without anyone opening the console.
 */
export class CampaignWatcher {
  constructor(private readonly options: { store: Store; runtime: Runtime; clock: Clock; log: Logger }) {}

  async sweep(): Promise<void> {
    const { store, runtime, clock, log } = this.options;
    let queued = false;
    for (const community of await store.communities.list()) {
      for (const campaign of await store.campaigns.list(community.id)) {
        if (campaign.status !== 'running' || !campaign.announce) continue;
        try {
          const now = clock.now();
          const reached = await store.transaction(async (tx) => {
            const { campaign: fresh, evaluation } = await tx.campaigns.recompute(community.id, campaign.id, now);
            return announceTiers(tx, community.id, fresh, evaluation, now);
          });
          queued ||= reached > 0;
        } catch (error) {
          log.error('campaign recompute failed', { campaign: campaign.id, error: String(error) });
        }
      }
    }
    if (queued) await runtime.dispatch();
  }
}
