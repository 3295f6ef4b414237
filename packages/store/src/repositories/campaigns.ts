import {
  type CampaignEvaluation,
  type CampaignFlag,
  type CampaignRules,
  type CampaignTier,
  campaignPeriod,
  campaignRulesSchema,
  evaluateCampaign,
  type FraudRule,
  flagKey,
  type InviteFact,
  QunzhuError,
} from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate, toDateOrNull } from './rows.js';

export type CampaignStatus = 'draft' | 'running' | 'ended';
export type Campaign = {
  id: number;
  name: string;
  description: string;
  /** Local days in the community's zone (YYYY-MM-DD), both included. */
  startsOn: string;
  endsOn: string;
  targetGroupIds: number[];
  tiers: CampaignTier[];
  liveCode: string | null;
  status: CampaignStatus;
  rules: CampaignRules;
  /** Say in the first target group when a participant reaches a tier. */
  announce: boolean;
  /** `{name}`, `{campaign}`, `{invites}`, `{tier}`, `{reward}`; empty: the community language's default. */
  announceTemplate: string;
  createdAt: Date;
  updatedAt: Date;
};
export type CampaignFields = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>;

export type CampaignParticipant = {
  memberId: number;
  name: string;
  source: 'operator' | 'invites';
  createdAt: Date;
};

/** A stored flag: what a rule found, whether it still holds, and an operator's restore. */
export type CampaignFlagRecord = {
  inviteeId: number;
  inviteeName: string;
  inviterId: number;
  inviterName: string;
  rule: FraudRule;
  reason: string;
  detail: Record<string, string | number>;
  active: boolean;
  detectedAt: Date;
  changedAt: Date;
  restoredAt: Date | null;
  restoredBy: number | null;
  restoreNote: string;
};

/** Where a participant's personal invite link stands: the outbox action that creates it. */
export type InviteLinkState = { status: string; url: string | null; error: string | null };

type CampaignRow = {
  id: number;
  name: string;
  description: string;
  starts_on: string;
  ends_on: string;
  target_group_ids: (number | string)[];
  tiers: CampaignTier[];
  live_code: string | null;
  status: CampaignStatus;
  rules: unknown;
  announce: boolean;
  announce_template: string;
  created_at: Date;
  updated_at: Date;
};
const CAMPAIGN = `select id, name, description, to_char(starts_on, 'YYYY-MM-DD') as starts_on,
       to_char(ends_on, 'YYYY-MM-DD') as ends_on, target_group_ids, tiers, live_code, status, rules, announce, announce_template,
       created_at, updated_at
  from campaigns`;
const campaignFromRow = (r: CampaignRow): Campaign => ({
  id: Number(r.id),
  name: r.name,
  description: r.description,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  targetGroupIds: r.target_group_ids.map(Number),
  tiers: r.tiers,
  liveCode: r.live_code,
  status: r.status,
  // Stored rules are completed with today's defaults, so a rule added later has its default.
  rules: campaignRulesSchema.parse(r.rules ?? {}),
  announce: r.announce,
  announceTemplate: r.announce_template,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
});

type FactRow = {
  invitee: number;
  invitee_name: string;
  inviter: number;
  inviter_name: string;
  group_id: number;
  joined_at: Date;
  first_seen_at: Date;
  credit_kind: string | null;
  credit_at: Date | null;
  void_reason: string | null;
  left_at: Date | null;
  messages: number | string;
  blocklisted: boolean;
  block_reason: string | null;
};

/** The key the invites play writes an invitee's credit or void under (plays/invites). */
const INVITE_CREDIT_KEY = `'invites:credit:m' || i.member_id::text`;

/**
 * Referral campaigns (裂变活动): the campaign rows, participants, and the anti-fraud flags each
 * recomputation stores. Counting itself is core's `evaluateCampaign`, over facts read here from the
 * invites play's ledger entries, the events and the blocklist.
 */
export class CampaignRepository {
  constructor(private readonly db: Db) {}

  async list(communityId: number): Promise<Campaign[]> {
    const { rows } = await this.db.query<CampaignRow>(`${CAMPAIGN} where community_id = $1 order by id desc`, [
      communityId,
    ]);
    return rows.map(campaignFromRow);
  }

  async get(communityId: number, id: number): Promise<Campaign> {
    const { rows } = await this.db.query<CampaignRow>(`${CAMPAIGN} where community_id = $1 and id = $2`, [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no campaign ${id} in this community`);
    return campaignFromRow(rows[0]);
  }

  async create(communityId: number, c: CampaignFields, at: Date): Promise<Campaign> {
    const { rows } = await this.db.query<{ id: number }>(
      `insert into campaigns (community_id, name, description, starts_on, ends_on, target_group_ids, tiers, live_code,
                              status, rules, announce, announce_template, created_at, updated_at)
       values ($1, $2, $3, $4::date, $5::date, $6::bigint[], $7::jsonb, $8, $9, $10::jsonb, $12, $13, $11, $11)
       returning id`,
      [
        communityId,
        c.name,
        c.description,
        c.startsOn,
        c.endsOn,
        c.targetGroupIds,
        JSON.stringify(c.tiers),
        c.liveCode,
        c.status,
        JSON.stringify(c.rules),
        at.toISOString(),
        c.announce,
        c.announceTemplate,
      ],
    );
    return this.get(communityId, Number(rows[0]?.id));
  }

  /** Replace a campaign's fields (the caller merges a patch onto `get`). */
  async update(communityId: number, id: number, c: CampaignFields, at: Date): Promise<Campaign> {
    const { rows } = await this.db.query<{ id: number }>(
      `update campaigns set name = $3, description = $4, starts_on = $5::date, ends_on = $6::date,
              target_group_ids = $7::bigint[], tiers = $8::jsonb, live_code = $9, status = $10, rules = $11::jsonb,
              updated_at = $12, announce = $13, announce_template = $14
        where community_id = $1 and id = $2 returning id`,
      [
        communityId,
        id,
        c.name,
        c.description,
        c.startsOn,
        c.endsOn,
        c.targetGroupIds,
        JSON.stringify(c.tiers),
        c.liveCode,
        c.status,
        JSON.stringify(c.rules),
        at.toISOString(),
        c.announce,
        c.announceTemplate,
      ],
    );
    if (!rows[0]) throw new QunzhuError('not_found', `no campaign ${id} in this community`);
    return this.get(communityId, id);
  }

  /** Delete a campaign with its participants and flags; its reward claims stay (they name it by id). */
  async delete(communityId: number, id: number): Promise<void> {
    const { rows } = await this.db.query('delete from campaigns where community_id = $1 and id = $2 returning 1', [
      communityId,
      id,
    ]);
    if (!rows[0]) throw new QunzhuError('not_found', `no campaign ${id} in this community`);
  }

  /** Register a member; true when they were not yet a participant. */
  async addParticipant(
    communityId: number,
    campaignId: number,
    memberId: number,
    source: CampaignParticipant['source'],
  ): Promise<boolean> {
    const { rows } = await this.db.query(
      `insert into campaign_participants (community_id, campaign_id, member_id, source) values ($1, $2, $3, $4)
       on conflict do nothing returning 1`,
      [communityId, campaignId, memberId, source],
    );
    return rows.length > 0;
  }

  async participants(communityId: number, campaignId: number): Promise<CampaignParticipant[]> {
    const { rows } = await this.db.query<{
      member_id: number;
      name: string;
      source: 'operator' | 'invites';
      created_at: Date;
    }>(
      `select p.member_id, m.display_name as name, p.source, p.created_at
         from campaign_participants p join members m on m.community_id = p.community_id and m.id = p.member_id
        where p.community_id = $1 and p.campaign_id = $2 order by p.created_at, p.member_id`,
      [communityId, campaignId],
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      name: r.name,
      source: r.source,
      createdAt: toDate(r.created_at),
    }));
  }

  /**
   * The invites attributed in the campaign's period and target groups (the invites play's `invited`
   * entries), each with its credit, the first leave from that group, messages within the quality
   * window, the invitee's first appearance and blocklist state.
   */
  async facts(
    communityId: number,
    scope: { startsAt: Date; endsAt: Date; targetGroupIds: readonly number[]; windowDays: number },
  ): Promise<InviteFact[]> {
    const { rows } = await this.db.query<FactRow>(
      `select i.member_id as invitee, e.display_name as invitee_name, (i.data->>'inviter')::bigint as inviter,
              r.display_name as inviter_name, i.group_id, i.at as joined_at,
              coalesce(least(e.first_seen_at, i.at), i.at) as first_seen_at,
              c.kind as credit_kind, c.at as credit_at, c.data->>'reason' as void_reason,
              (select min(l.at) from events l
                where l.community_id = i.community_id and l.member_id = i.member_id and l.group_id = i.group_id
                  and l.type = 'leave' and l.at >= i.at) as left_at,
              (select count(*) from events m
                where m.community_id = i.community_id and m.member_id = i.member_id and m.type = 'message'
                  and m.at >= i.at and m.at < i.at + $5::double precision * interval '1 day') as messages,
              b.member_id is not null as blocklisted, b.reason as block_reason
         from ledger i
         join members e on e.community_id = i.community_id and e.id = i.member_id
         join members r on r.community_id = i.community_id and r.id = (i.data->>'inviter')::bigint
         left join ledger c on c.community_id = i.community_id and c.dedupe_key = ${INVITE_CREDIT_KEY}
         left join blocklist b on b.community_id = i.community_id and b.member_id = i.member_id
        where i.community_id = $1 and i.play = 'invites' and i.kind = 'invited'
          and i.at >= $2 and i.at < $3 and (cardinality($4::bigint[]) = 0 or i.group_id = any($4::bigint[]))
        order by i.at, i.member_id`,
      [communityId, scope.startsAt.toISOString(), scope.endsAt.toISOString(), scope.targetGroupIds, scope.windowDays],
    );
    return rows.map((r) => ({
      invitee: Number(r.invitee),
      inviteeName: r.invitee_name,
      inviter: Number(r.inviter),
      inviterName: r.inviter_name,
      groupId: Number(r.group_id),
      joinedAt: toDate(r.joined_at),
      firstSeenAt: toDate(r.first_seen_at),
      credit: r.credit_kind === 'invite_credit' ? 'valid' : r.credit_kind === 'invite_void' ? 'void' : 'pending',
      creditAt: toDateOrNull(r.credit_at),
      voidReason: r.credit_kind === 'invite_void' ? (r.void_reason ?? null) : null,
      leftAt: toDateOrNull(r.left_at),
      messagesInWindow: Number(r.messages),
      blocklisted: r.blocklisted ? (r.block_reason ?? '') : null,
    }));
  }

  /**
   * Count the campaign now and store what the rules found: new flags are added, flags that no longer
   * hold are marked inactive, restores are kept, and inviters become participants. Recomputing from
   * the same facts changes no row. Run it in a transaction.
   */
  async recompute(
    communityId: number,
    campaignId: number,
    now: Date,
  ): Promise<{ campaign: Campaign; evaluation: CampaignEvaluation }> {
    const campaign = await this.get(communityId, campaignId);
    const { rows: zone } = await this.db.query<{ timezone: string }>('select timezone from communities where id = $1', [
      communityId,
    ]);
    const period = campaignPeriod(campaign.startsOn, campaign.endsOn, zone[0]?.timezone ?? 'UTC');
    const facts = await this.facts(communityId, {
      ...period,
      targetGroupIds: campaign.targetGroupIds,
      windowDays: campaign.rules.quality.windowDays,
    });
    const { rows: restoredRows } = await this.db.query<{ invitee_id: number; rule: FraudRule }>(
      `select invitee_id, rule from campaign_flags
        where community_id = $1 and campaign_id = $2 and restored_at is not null`,
      [communityId, campaignId],
    );
    const restored = new Set(restoredRows.map((r) => flagKey(Number(r.invitee_id), r.rule)));
    const participants = (await this.participants(communityId, campaignId)).filter((p) => p.source === 'operator');
    const evaluation = evaluateCampaign({
      scope: { ...period, targetGroupIds: campaign.targetGroupIds, tiers: campaign.tiers, rules: campaign.rules },
      facts,
      restored,
      participants,
      now,
    });
    await this.saveFlags(communityId, campaignId, evaluation.flags, now);
    const inviters = [...new Set(evaluation.invites.map((i) => i.inviter))];
    if (inviters.length > 0) {
      await this.db.query(
        `insert into campaign_participants (community_id, campaign_id, member_id, source)
         select $1, $2, unnest($3::bigint[]), 'invites' on conflict do nothing`,
        [communityId, campaignId, inviters],
      );
    }
    return { campaign, evaluation };
  }

  private async saveFlags(communityId: number, campaignId: number, flags: readonly CampaignFlag[], at: Date) {
    const invitees = flags.map((f) => f.invitee);
    const rules = flags.map((f) => f.rule);
    if (flags.length > 0) {
      await this.db.query(
        `insert into campaign_flags (community_id, campaign_id, invitee_id, rule, inviter_id, reason, detail, active,
                                     detected_at, changed_at)
         select $1, $2, u.invitee, u.rule, u.inviter, u.reason, u.detail::jsonb, true, $3, $3
           from unnest($4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[]) as u(invitee, rule, inviter, reason, detail)
         on conflict (community_id, campaign_id, invitee_id, rule) do update
           set active = true, inviter_id = excluded.inviter_id, reason = excluded.reason, detail = excluded.detail,
               changed_at = excluded.changed_at
         where not campaign_flags.active or campaign_flags.inviter_id <> excluded.inviter_id
            or campaign_flags.reason <> excluded.reason or campaign_flags.detail <> excluded.detail`,
        [
          communityId,
          campaignId,
          at.toISOString(),
          invitees,
          rules,
          flags.map((f) => f.inviter),
          flags.map((f) => f.reason),
          flags.map((f) => JSON.stringify(f.detail)),
        ],
      );
    }
    await this.db.query(
      `update campaign_flags f set active = false, changed_at = $3
        where f.community_id = $1 and f.campaign_id = $2 and f.active
          and not exists (select 1 from unnest($4::bigint[], $5::text[]) as u(invitee, rule)
                           where u.invitee = f.invitee_id and u.rule = f.rule)`,
      [communityId, campaignId, at.toISOString(), invitees, rules],
    );
  }

  /** The stored flags, newest first; `active` only those the latest recomputation found. */
  async flags(
    communityId: number,
    campaignId: number,
    filter: { active?: boolean; inviterId?: number } = {},
  ): Promise<CampaignFlagRecord[]> {
    const { rows } = await this.db.query<{
      invitee_id: number;
      invitee_name: string;
      inviter_id: number;
      inviter_name: string;
      rule: FraudRule;
      reason: string;
      detail: Record<string, string | number>;
      active: boolean;
      detected_at: Date;
      changed_at: Date;
      restored_at: Date | null;
      restored_by: number | null;
      restore_note: string;
    }>(
      `select f.*, e.display_name as invitee_name, r.display_name as inviter_name
         from campaign_flags f
         join members e on e.community_id = f.community_id and e.id = f.invitee_id
         join members r on r.community_id = f.community_id and r.id = f.inviter_id
        where f.community_id = $1 and f.campaign_id = $2 and ($3::boolean is null or f.active = $3)
          and ($4::bigint is null or f.inviter_id = $4)
        order by f.detected_at desc, f.invitee_id, f.rule`,
      [communityId, campaignId, filter.active ?? null, filter.inviterId ?? null],
    );
    return rows.map((r) => ({
      inviteeId: Number(r.invitee_id),
      inviteeName: r.invitee_name,
      inviterId: Number(r.inviter_id),
      inviterName: r.inviter_name,
      rule: r.rule,
      reason: r.reason,
      detail: r.detail,
      active: r.active,
      detectedAt: toDate(r.detected_at),
      changedAt: toDate(r.changed_at),
      restoredAt: toDateOrNull(r.restored_at),
      restoredBy: r.restored_by === null ? null : Number(r.restored_by),
      restoreNote: r.restore_note,
    }));
  }

  /**
   * An operator restores a flagged credit (every flag of that invitee, or one rule's), or takes the
   * restore back (`restore: false`). Returns how many flags changed.
   */
  async setRestored(
    communityId: number,
    campaignId: number,
    inviteeId: number,
    change: { restore: boolean; rule?: FraudRule; by: number | null; note: string; at: Date },
  ): Promise<number> {
    const { rows } = await this.db.query(
      `update campaign_flags set restored_at = $5, restored_by = $6, restore_note = $7
        where community_id = $1 and campaign_id = $2 and invitee_id = $3 and ($4::text is null or rule = $4)
          and (restored_at is null) = $8
        returning 1`,
      [
        communityId,
        campaignId,
        inviteeId,
        change.rule ?? null,
        change.restore ? change.at.toISOString() : null,
        change.restore ? change.by : null,
        change.restore ? change.note : '',
        change.restore,
      ],
    );
    if (rows.length === 0) {
      const { rows: any } = await this.db.query(
        'select 1 from campaign_flags where community_id = $1 and campaign_id = $2 and invitee_id = $3',
        [communityId, campaignId, inviteeId],
      );
      if (any.length === 0)
        throw new QunzhuError('not_found', `no flag on invitee ${inviteeId} in campaign ${campaignId}`);
    }
    return rows.length;
  }

  /** The outbox action that creates a member's personal invite link in a group, by its idempotency key. */
  async inviteLink(communityId: number, idempotencyKey: string): Promise<InviteLinkState | null> {
    const { rows } = await this.db.query<{ status: string; platform_ref: string | null; last_error: string | null }>(
      'select status, platform_ref, last_error from actions where community_id = $1 and idempotency_key = $2',
      [communityId, idempotencyKey],
    );
    const r = rows[0];
    return r ? { status: r.status, url: r.platform_ref, error: r.last_error } : null;
  }
}
