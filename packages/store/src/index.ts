export type { Db, Driver, DriverKind, QueryResult, Row } from './drivers/db.js';
export { openPglite } from './drivers/pglite.js';
export { openPostgres, redactUrl } from './drivers/postgres.js';
export { migrate, migrations } from './migrations/index.js';
export type { OutboxAction, OutboxCounts, Recovered } from './repositories/actions.js';
export type {
  AnalyticsScope,
  DayPoint,
  GroupFacts,
  MonthPoint,
  TopMember,
  Totals,
} from './repositories/analytics.js';
export { type ApiToken, type Session, type User, type UserWithHash, withoutHash } from './repositories/auth.js';
export type { CommunityPatch } from './repositories/communities.js';
export type { StoredConnection } from './repositories/connections.js';
export type { LedgerFilter, LedgerRowView } from './repositories/engagement.js';
export { type EventRange, IngestSession, ingestBatch } from './repositories/events.js';
export type { GroupSummary, NewGroup } from './repositories/groups.js';
export type { MemberDetail, MemberExportRow, MemberGroup, MemberSearch } from './repositories/members.js';
export type {
  BlocklistEntry,
  JoinRequestRecord,
  MemberRole,
  ViolationRecord,
} from './repositories/moderation.js';
export { StorePlayState } from './repositories/plays.js';
export type { Redemption, RedemptionStatus, Reward } from './repositories/rewards.js';
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
