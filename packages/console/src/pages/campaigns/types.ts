export type CampaignStatus = 'draft' | 'running' | 'ended';
export type FraudRule = 'burst' | 'left_soon' | 'never_posted' | 'blocklisted' | 'look_alike';
export type CampaignRules = {
  burst: { joins: number; minutes: number };
  quality: { windowDays: number; minMessages: number };
  blocklist: boolean;
  lookAlike: boolean;
};
export type Tier = { invites: number; rewardId: number };
export type Campaign = {
  id: number;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  startsAt: string;
  endsAt: string;
  targetGroupIds: number[];
  tiers: Tier[];
  liveCode: string | null;
  status: CampaignStatus;
  rules: CampaignRules;
  announce: boolean;
  announceTemplate: string;
};
export type Standing = {
  memberId: number;
  name: string;
  rank: number;
  invites: number;
  pending: number;
  voided: number;
  notValid: number;
  reachedAt: string | null;
  tiersReached: number[];
};
export type Leaderboard = {
  computedAt: string;
  items: Standing[];
  totals: { counted: number; pending: number; voided: number; notValid: number };
};
export type Link = { kind: 'live_code' | 'invite_link'; status: string; url: string | null; error: string | null };
export type Participant = Standing & { source: 'operator' | 'invites'; joinedAt: string; link: Link };
export type Flag = {
  inviteeId: number;
  inviteeName: string;
  inviterId: number;
  inviterName: string;
  rule: FraudRule;
  reason: string;
  detail: Record<string, string | number>;
  active: boolean;
  detectedAt: string;
  restoredAt: string | null;
  restoreNote: string;
};
export type Claim = {
  id: number;
  rewardName: string;
  memberId: number;
  memberName: string;
  status: 'pending' | 'approved' | 'declined';
  tier: number | null;
  requestedAt: string;
};
export type Reward = { id: number; name: string; stock: number | null };
