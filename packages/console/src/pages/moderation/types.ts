/** What the moderation API answers (packages/server/src/routes/moderation*.ts). */
export type Violation = {
  ledgerId: number;
  groupId: number | null;
  groupName: string | null;
  memberId: number;
  displayName: string;
  at: string;
  data: { reasons?: string[]; penalty?: string; outcome?: string; count?: number; until?: string };
  eventId: number | null;
  text: string | null;
  restored: { ledgerId: number; reason: string; by: number | null; at: string } | null;
  confirmed: { reason: string; by: number | null; at: string } | null;
};

export type JoinRequest = {
  ledgerId: number;
  groupId: number;
  groupName: string;
  memberId: number;
  displayName: string;
  at: string;
  answers: string;
  username: string | null;
  reason: string;
};

export type BlocklistEntry = {
  memberId: number;
  displayName: string;
  identities: { platform: string; platformUserId: string }[];
  reason: string;
  source: string;
  addedBy: number | null;
  addedAt: string;
};

export type MemberRole = {
  memberId: number;
  displayName: string;
  groupId: number | null;
  role: string;
  source: string;
  createdAt: string;
};

export const moderationKey = (communityId: number, part: string) => ['community', communityId, 'moderation', part];
