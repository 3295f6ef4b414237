// Shapes of the API's answers that the console reads (see /api/openapi.json).
export type Role = 'owner' | 'admin' | 'steward' | 'viewer';
export type User = { id: number; email: string; name: string; isAdmin: boolean };
export type CommunityRef = { id: number; name: string; role: Role };
export type Me = { user: User; csrfToken: string; communities: CommunityRef[] };
export type AuthStatus = { setupRequired: boolean; authenticated: boolean };

export type Community = {
  id: number;
  name: string;
  timezone: string;
  language: 'zh-CN' | 'en';
  createdAt: string;
  role: Role;
  groups: number;
  members: number;
  events: Record<string, number>;
};

export type GroupType = 'lead' | 'conversion' | 'fan' | 'flash' | 'repurchase' | 'other';
export type Group = {
  id: number;
  communityId: number;
  platform: string;
  platformGroupId: string;
  name: string;
  type: GroupType;
  capacity: number | null;
  createdAt: string;
  members: number;
  lastEventAt: string | null;
};

export type Member = {
  id: number;
  communityId: number;
  displayName: string;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
};
export type MemberDetail = Member & {
  identities: { platform: string; platformUserId: string; displayName: string }[];
  groups: {
    groupId: number;
    groupName: string;
    status: 'in' | 'left';
    joinedAt: string | null;
    leftAt: string | null;
    firstSeenAt: string;
    lastSeenAt: string;
  }[];
};
export type TimelineEvent = {
  id: number;
  groupId: number;
  groupName: string;
  type: string;
  at: string;
  payload: { text?: string; name?: string; replyTo?: string; inviterMemberId?: number };
};
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Lifecycle = {
  stage: 'seed' | 'growth' | 'active' | 'decline' | 'dormant';
  since: string;
  evidence: Record<string, number | string | null>;
};
export type Health = { score: number; components: { name: string; weight: number; value: number; score: number }[] };
export type Alert = {
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  groupId: number | null;
  message: { 'zh-CN': string; en: string };
  members?: { memberId: number; name: string }[];
};
export type Counts = { messages: number; joins: number; leaves: number };
/** GET /communities/{id}/report (docs/report.schema.json). */
export type Report = {
  scope: { community: { id: number; name: string }; from: string | null; to: string | null; tz: string; asOf: string };
  totals: Counts & { members: number; activeMembers: number };
  monthly: (Counts & { month: string; activeMembers: number })[];
  series: {
    daily: (Counts & { day: string; activeMembers: number })[];
    weekly: (Counts & { week: string; activeMembers: number; members: number; activityRate: number })[];
  };
  activity: {
    members: number;
    activeLast7Days: number;
    activeLast30Days: number;
    activityRate7: number;
    activityRate30: number;
  };
  topMembers: { memberId: number; name: string; messages: number; activeDays: number }[];
  retention: { cohorts: { week: string; size: number; rates: number[] }[] };
  layers: { activity: Record<string, number>; loyalty: Record<string, number>; left: number };
  lifecycle: Lifecycle;
  health: Health;
  alerts: Alert[];
  funnel: { entered: Record<string, number>; rates: Record<string, number> };
  groups: (Counts & {
    id: number;
    name: string;
    platform: string;
    type: GroupType;
    members: number;
    activeMembers: number;
    activityRate: number;
    lastMessageAt: string | null;
    lifecycle: Lifecycle;
    health: Health;
  })[];
};

export type GroupPlay = { play: string; enabled: boolean; config: Record<string, unknown>; stored: boolean };
export type PlayInfo = {
  name: string;
  title: Record<string, string>;
  description: Record<string, string>;
  defaults: unknown;
};
export type TranscriptItem = {
  kind: 'event' | 'action';
  id: number;
  at: string;
  type: string;
  memberId?: number;
  name?: string;
  text?: string;
  play?: string;
  status?: string;
  buttons?: { text: string; data: string }[];
};
export type ImportJob = {
  id: string;
  fileName: string;
  state: 'running' | 'done' | 'failed';
  progress: { bytes: number; totalBytes: number; events: number; rejected: number; elapsedMs: number } | null;
  summary: {
    format: string;
    events: number;
    inserted: number;
    duplicates: number;
    rejected: number;
    ms: number;
  } | null;
  rejects: { file: string; line: number; reason: string; text: string }[];
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
};
export type ApiToken = {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type CommunityUser = { id: number; email: string; name: string; role: Role };
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';
export type ConnectionState = {
  status: ConnectionStatus;
  at: string;
  account?: { platformUserId: string; displayName: string };
  detail?: string;
};
/** A platform connection as the API shows it: secrets only as "…" and their last 4 characters. */
export type Connection = {
  platform: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  state: ConnectionState | null;
  running: boolean;
  updatedAt: string;
};
export type ActionStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';
export type OutboxAction = {
  id: number;
  groupId: number;
  play: string;
  kind: string;
  payload: Record<string, unknown>;
  at: string;
  status: ActionStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  doneAt: string | null;
};
export type OutboxCounts = { pending: number; sending: number; failed: number; unknown: number; attention: number };
