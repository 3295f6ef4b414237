export type { Db, Driver, DriverKind, QueryResult, Row } from './drivers/db.js';
export { openPglite } from './drivers/pglite.js';
export { openPostgres, redactUrl } from './drivers/postgres.js';
export { migrate, migrations } from './migrations/index.js';
export type { OutboxAction, OutboxCounts, Recovered } from './repositories/actions.js';
export type {
  AnalyticsRepository,
  AnalyticsScope,
  DayPoint,
  GroupFacts,
  MonthPoint,
  TopMember,
  Totals,
} from './repositories/analytics.js';
export { type ApiToken, type Session, type User, type UserWithHash, withoutHash } from './repositories/auth.js';
export type {
  Campaign,
  CampaignFields,
  CampaignFlagRecord,
  CampaignParticipant,
  CampaignStatus,
  InviteLinkState,
} from './repositories/campaigns.js';
export type { CommunityPatch } from './repositories/communities.js';
export type { StoredConnection } from './repositories/connections.js';
export type { LedgerFilter, LedgerRowView } from './repositories/engagement.js';
export { type EventRange, IngestSession, ingestBatch } from './repositories/events.js';
export type { GroupSummary, NewGroup } from './repositories/groups.js';
export {
  type DueReminder,
  LIVE_CODE_PATTERN,
  type LiveCode,
  type LiveCodePatch,
  type LiveCodeQrType,
  type LiveCodeStatsRow,
  type LiveCodeTarget,
  type LiveCodeTargetKind,
  liveCodeLinkName,
  liveCodeTargetDefaults,
  type NewLiveCode,
  type NewTarget,
  QR_PLATFORMS,
  type TargetPatch,
} from './repositories/live-codes.js';
export type { MemberDetail, MemberExportRow, MemberGroup, MemberSearch } from './repositories/members.js';
export type {
  BlocklistEntry,
  JoinRequestRecord,
  MemberRole,
  ViolationRecord,
} from './repositories/moderation.js';
export { BatchPlayState } from './repositories/play-state-batch.js';
export { StorePlayState } from './repositories/plays.js';
export type { Redemption, RedemptionStatus, Reward } from './repositories/rewards.js';
export { ROLLUP_TABLES } from './repositories/rollups.js';
export type { RuleSetVersion } from './repositories/rule-sets.js';
export type {
  Pond,
  PondCandidate,
  PondInput,
  PondStats,
  Segment,
  SegmentSize,
} from './repositories/segments.js';
export { openStore, RootStore, Store, type StoreLocation } from './store.js';
