import { QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate, toDateOrNull } from './rows.js';

export type Reward = {
  id: number;
  name: string;
  cost: number;
  /** null: unlimited. */
  stock: number | null;
  needsApproval: boolean;
  active: boolean;
};

export type RedemptionStatus = 'pending' | 'approved' | 'declined';
export type Redemption = {
  id: number;
  rewardId: number;
  rewardName: string;
  memberId: number;
  memberName: string;
  cost: number;
  status: RedemptionStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  reason: string;
  /** A referral campaign's reward claim (cost 0): the campaign and the tier's index. */
  campaignId: number | null;
  campaignTier: number | null;
};

type RewardRow = {
  id: number;
  name: string;
  cost: number;
  stock: number | null;
  needs_approval: boolean;
  active: boolean;
};
const rewardFromRow = (r: RewardRow): Reward => ({
  id: Number(r.id),
  name: r.name,
  cost: Number(r.cost),
  stock: r.stock === null ? null : Number(r.stock),
  needsApproval: r.needs_approval,
  active: r.active,
});

const REDEMPTION = `select d.id, d.reward_id, r.name as reward_name, d.member_id, m.display_name as member_name, d.cost,
         d.status, d.requested_at, d.decided_at, d.reason, d.campaign_id, d.campaign_tier
    from redemptions d
    join rewards r on r.community_id = d.community_id and r.id = d.reward_id
    join members m on m.community_id = d.community_id and m.id = d.member_id`;
type RedemptionRow = {
  id: number;
  reward_id: number;
  reward_name: string;
  member_id: number;
  member_name: string;
  cost: number;
  status: RedemptionStatus;
  requested_at: Date;
  decided_at: Date | null;
  reason: string;
  campaign_id: number | null;
  campaign_tier: number | null;
};
const redemptionFromRow = (r: RedemptionRow): Redemption => ({
  id: Number(r.id),
  rewardId: Number(r.reward_id),
  rewardName: r.reward_name,
  memberId: Number(r.member_id),
  memberName: r.member_name,
  cost: Number(r.cost),
  status: r.status,
  requestedAt: toDate(r.requested_at),
  decidedAt: toDateOrNull(r.decided_at),
  reason: r.reason,
  campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
  campaignTier: r.campaign_tier === null ? null : Number(r.campaign_tier),
});

/**
 * Rewards and their redemption. Stock is taken when a member asks (so two requests never get the
 * last item twice) and given back on a decline; points leave the balance as a ledger entry only when
 * the redemption is approved, but pending requests already count against what can be spent.
 */
export class RewardRepository {
  constructor(private readonly db: Db) {}

  async list(communityId: number): Promise<Reward[]> {
    const { rows } = await this.db.query<RewardRow>('select * from rewards where community_id = $1 order by id', [
      communityId,
    ]);
    return rows.map(rewardFromRow);
  }

  async create(communityId: number, r: Omit<Reward, 'id'>): Promise<Reward> {
    const { rows } = await this.db.query<RewardRow>(
      `insert into rewards (community_id, name, cost, stock, needs_approval, active) values ($1, $2, $3, $4, $5, $6)
       returning *`,
      [communityId, r.name, r.cost, r.stock, r.needsApproval, r.active],
    );
    return rewardFromRow(rows[0] as RewardRow);
  }

  async update(communityId: number, id: number, patch: Partial<Omit<Reward, 'id'>>): Promise<Reward> {
    const { rows } = await this.db.query<RewardRow>(
      `update rewards set name = coalesce($3, name), cost = coalesce($4, cost),
              stock = case when $5::boolean then $6::integer else stock end,
              needs_approval = coalesce($7, needs_approval), active = coalesce($8, active)
        where community_id = $1 and id = $2 returning *`,
      [
        communityId,
        id,
        patch.name ?? null,
        patch.cost ?? null,
        'stock' in patch,
        patch.stock ?? null,
        patch.needsApproval ?? null,
        patch.active ?? null,
      ],
    );
    if (!rows[0]) throw new QunzhuError('not_found', `no reward ${id} in this community`);
    return rewardFromRow(rows[0]);
  }

  /** Points a member may still spend: the balance less what pending requests hold. */
  async spendable(communityId: number, memberId: number): Promise<number> {
    const { rows } = await this.db.query<{ balance: string | number; held: string | number }>(
      `select (select coalesce(sum(total), 0) from ledger_balances where community_id = $1 and member_id = $2 and kind = 'points') as balance,
              (select coalesce(sum(cost), 0) from redemptions where community_id = $1 and member_id = $2 and status = 'pending') as held`,
      [communityId, memberId],
    );
    return Number(rows[0]?.balance ?? 0) - Number(rows[0]?.held ?? 0);
  }

  /**
   * A member asks for a reward: refused when it is inactive, out of stock or beyond what they can
   * spend. Run it in a transaction; the member's row is locked so concurrent requests queue.
   */
  async request(
    communityId: number,
    memberId: number,
    rewardId: number,
    at: Date,
  ): Promise<{ redemption: Redemption; needsApproval: boolean }> {
    await this.db.query('select 1 from members where community_id = $1 and id = $2 for update', [
      communityId,
      memberId,
    ]);
    const reward = await this.takeStock(communityId, rewardId);
    const spendable = await this.spendable(communityId, memberId);
    if (spendable < reward.cost) {
      throw new QunzhuError('conflict', `needs ${reward.cost} points; the member can spend ${spendable}`);
    }
    const { rows } = await this.db.query<{ id: number }>(
      `insert into redemptions (community_id, reward_id, member_id, cost, status, requested_at)
       values ($1, $2, $3, $4, 'pending', $5) returning id`,
      [communityId, rewardId, memberId, reward.cost, at.toISOString()],
    );
    return { redemption: await this.get(communityId, Number(rows[0]?.id)), needsApproval: reward.needs_approval };
  }

  /**
   * A campaign participant claims a tier's reward: the stock is taken the same way, no points are
   * spent (cost 0), and the reward's approval applies. One live claim per member, campaign and tier
   * (a declined one may be claimed again). Run it in a transaction: the member's row is locked.
   */
  async claim(
    communityId: number,
    memberId: number,
    rewardId: number,
    source: { campaignId: number; tier: number },
    at: Date,
  ): Promise<{ redemption: Redemption; needsApproval: boolean }> {
    await this.db.query('select 1 from members where community_id = $1 and id = $2 for update', [
      communityId,
      memberId,
    ]);
    const { rows: claimed } = await this.db.query<{ id: number; status: RedemptionStatus }>(
      `select id, status from redemptions where community_id = $1 and campaign_id = $2 and member_id = $3
          and campaign_tier = $4 and status <> 'declined'`,
      [communityId, source.campaignId, memberId, source.tier],
    );
    if (claimed[0]) {
      throw new QunzhuError(
        'conflict',
        `tier ${source.tier + 1} was already claimed (redemption ${claimed[0].id}, ${claimed[0].status})`,
      );
    }
    const reward = await this.takeStock(communityId, rewardId);
    const { rows } = await this.db.query<{ id: number }>(
      `insert into redemptions (community_id, reward_id, member_id, cost, status, requested_at, campaign_id, campaign_tier)
       values ($1, $2, $3, 0, 'pending', $4, $5, $6) returning id`,
      [communityId, rewardId, memberId, at.toISOString(), source.campaignId, source.tier],
    );
    return { redemption: await this.get(communityId, Number(rows[0]?.id)), needsApproval: reward.needs_approval };
  }

  /** One item of a reward's stock, taken in the statement that checks it; refused when none is left. */
  private async takeStock(communityId: number, rewardId: number): Promise<RewardRow> {
    const { rows: taken } = await this.db.query<RewardRow>(
      `update rewards set stock = case when stock is null then null else stock - 1 end
        where community_id = $1 and id = $2 and active and (stock is null or stock > 0) returning *`,
      [communityId, rewardId],
    );
    const reward = taken[0];
    if (reward) return reward;
    const exists = (await this.list(communityId)).find((r) => r.id === rewardId);
    if (!exists) throw new QunzhuError('not_found', `no reward ${rewardId} in this community`);
    throw new QunzhuError(
      'conflict',
      exists.active ? `“${exists.name}” is out of stock` : `“${exists.name}” is not offered now`,
    );
  }

  async get(communityId: number, id: number): Promise<Redemption> {
    const { rows } = await this.db.query<RedemptionRow>(`${REDEMPTION} where d.community_id = $1 and d.id = $2`, [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no redemption ${id} in this community`);
    return redemptionFromRow(rows[0]);
  }

  async redemptions(
    communityId: number,
    f: { status?: RedemptionStatus; memberId?: number; campaignId?: number; limit: number },
  ) {
    const { rows } = await this.db.query<RedemptionRow>(
      `${REDEMPTION} where d.community_id = $1 and ($2::text is null or d.status = $2)
         and ($3::bigint is null or d.member_id = $3) and ($5::bigint is null or d.campaign_id = $5)
       order by d.id desc limit $4`,
      [communityId, f.status ?? null, f.memberId ?? null, f.limit, f.campaignId ?? null],
    );
    return rows.map(redemptionFromRow);
  }

  /**
   * Approve (the points leave as a ledger entry keyed by the redemption) or decline (the stock comes
   * back). Run it in a transaction; a decided redemption cannot be decided again.
   */
  async decide(
    communityId: number,
    id: number,
    decision: 'approved' | 'declined',
    by: number | null,
    reason: string,
    at: Date,
  ): Promise<Redemption> {
    const { rows } = await this.db.query<{ reward_id: number; member_id: number; cost: number }>(
      `update redemptions set status = $3, decided_at = $4, decided_by = $5, reason = $6
        where community_id = $1 and id = $2 and status = 'pending' returning reward_id, member_id, cost`,
      [communityId, id, decision, at.toISOString(), by, reason],
    );
    const row = rows[0];
    if (!row) {
      const current = await this.get(communityId, id);
      throw new QunzhuError('conflict', `redemption ${id} is already ${current.status}`);
    }
    if (decision === 'declined') {
      await this.db.query(
        'update rewards set stock = stock + 1 where community_id = $1 and id = $2 and stock is not null',
        [communityId, row.reward_id],
      );
    } else if (Number(row.cost) !== 0) {
      // A campaign claim costs nothing: no points entry.
      await this.db.query(
        `insert into ledger (community_id, group_id, member_id, play, kind, amount, data, dedupe_key, at)
         values ($1, null, $2, 'rewards', 'points', $3, $4::jsonb, $5, $6)
         on conflict (community_id, dedupe_key) do nothing`,
        [
          communityId,
          row.member_id,
          -Number(row.cost),
          JSON.stringify({ reason: 'redemption', redemption: id, reward: Number(row.reward_id), by }),
          `rewards:redemption:${id}`,
          at.toISOString(),
        ],
      );
    }
    return this.get(communityId, id);
  }
}
