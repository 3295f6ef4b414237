/** Shapes of the engagement API (the console knows only the HTTP API). */
export type LedgerEntry = {
  id: number;
  groupId: number | null;
  memberId: number;
  memberName: string;
  play: string;
  kind: string;
  amount: number;
  data: Record<string, unknown>;
  at: string;
};
export type Board = { from: string | null; items: { rank: number; memberId: number; name: string; value: number }[] };
export type MemberEngagement = {
  points: number;
  level: { level: number; title: Record<string, string> };
  checkIns: number;
  streak: number;
  invites: number;
  badges: { badge: string; at: string }[];
  recent: LedgerEntry[];
};
export const METRICS = ['points', 'checkins', 'streak', 'invites'] as const;
export type Metric = (typeof METRICS)[number];
export const PERIODS = ['day', 'week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];
