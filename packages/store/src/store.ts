import type { EventInput, IngestResult } from '@qunzhu/core';
import type { Db, Driver } from './drivers/db.js';
import { openPglite } from './drivers/pglite.js';
import { openPostgres } from './drivers/postgres.js';
import { migrate } from './migrations/index.js';
import { ActionRepository } from './repositories/actions.js';
import { AnalyticsRepository } from './repositories/analytics.js';
import { AuthRepository, SettingsRepository } from './repositories/auth.js';
import { CampaignRepository } from './repositories/campaigns.js';
import { CommunityRepository } from './repositories/communities.js';
import { ConnectionRepository } from './repositories/connections.js';
import { EngagementRepository } from './repositories/engagement.js';
import { EventRepository, IngestSession, ingestBatch } from './repositories/events.js';
import { GroupRepository } from './repositories/groups.js';
import { LiveCodeRepository } from './repositories/live-codes.js';
import { MemberRepository } from './repositories/members.js';
import { ModerationRepository } from './repositories/moderation.js';
import { BatchPlayState } from './repositories/play-state-batch.js';
import { PlayConfigRepository, StorePlayState, TimerRepository } from './repositories/plays.js';
import { RewardRepository } from './repositories/rewards.js';
import { RollupRepository } from './repositories/rollups.js';
import { RuleSetRepository } from './repositories/rule-sets.js';
import { PondRepository, SegmentRepository } from './repositories/segments.js';
import { ActionTargetRepository } from './repositories/targets.js';

/** Repositories over one connection or transaction. */
export class Store {
  readonly communities: CommunityRepository;
  readonly groups: GroupRepository;
  readonly members: MemberRepository;
  readonly events: EventRepository;
  readonly plays: PlayConfigRepository;
  readonly timers: TimerRepository;
  readonly actions: ActionRepository;
  readonly auth: AuthRepository;
  readonly settings: SettingsRepository;
  readonly rollups: RollupRepository;
  readonly analytics: AnalyticsRepository;
  readonly targets: ActionTargetRepository;
  readonly engagement: EngagementRepository;
  readonly rewards: RewardRepository;
  readonly campaigns: CampaignRepository;
  readonly moderation: ModerationRepository;
  readonly ruleSets: RuleSetRepository;
  readonly connections: ConnectionRepository;
  readonly liveCodes: LiveCodeRepository;
  readonly segments: SegmentRepository;
  readonly ponds: PondRepository;
  /** The engine's state port, bound to this connection or transaction. */
  readonly playState: StorePlayState;

  constructor(readonly db: Db) {
    this.communities = new CommunityRepository(db);
    this.groups = new GroupRepository(db);
    this.members = new MemberRepository(db);
    this.events = new EventRepository(db);
    this.plays = new PlayConfigRepository(db);
    this.timers = new TimerRepository(db);
    this.actions = new ActionRepository(db);
    this.auth = new AuthRepository(db);
    this.settings = new SettingsRepository(db);
    this.rollups = new RollupRepository(db);
    this.analytics = new AnalyticsRepository(db);
    this.targets = new ActionTargetRepository(db);
    this.engagement = new EngagementRepository(db);
    this.rewards = new RewardRepository(db);
    this.campaigns = new CampaignRepository(db);
    this.moderation = new ModerationRepository(db);
    this.ruleSets = new RuleSetRepository(db);
    this.connections = new ConnectionRepository(db);
    this.liveCodes = new LiveCodeRepository(db);
    this.segments = new SegmentRepository(db);
    this.ponds = new PondRepository(db);
    this.playState = new StorePlayState(db);
  }

  /**
   * The engine's state for a batch of a community's events in these groups: reads kept, writes held until `flush()`.
   * Use inside a transaction, and flush before it ends. `freshEvents`: the ids of events stored just
   * now whose plays have never run (see BatchPlayState).
   */
  batchPlayState(communityId: number, groupIds: readonly number[], freshEvents?: ReadonlySet<number>): BatchPlayState {
    return new BatchPlayState(this.db, communityId, groupIds, freshEvents);
  }

  /**
   * Read-only stores over one snapshot, as many as the driver can give (up to `connections`): for
   * independent reads run at once that must agree, like a report's queries.
   */
  readSnapshot<T>(connections: number, fn: (stores: readonly Store[]) => Promise<T>): Promise<T> {
    return this.db.readSnapshot(connections, (dbs) => fn(dbs.map((db) => new Store(db))));
  }

  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new Store(tx)));
  }

  /**
   * A session for many batches inside one transaction (an import): resolved groups and members are
   * cached between batches, derived times written once by `finish()`.
   */
  ingestSession(communityId: number, options: { rollups?: boolean } = {}): IngestSession {
    return new IngestSession(this.db, communityId, options.rollups ?? true);
  }

  /** Append a batch of events, all or nothing; see `ingestBatch`. */
  ingest(communityId: number, events: readonly EventInput[]): Promise<IngestResult> {
    return this.db.transaction((tx) => ingestBatch(tx, communityId, events));
  }
}

/** The store at the root of a process: owns the driver. */
export class RootStore extends Store {
  constructor(readonly driver: Driver) {
    super(driver);
  }
  get kind() {
    return this.driver.kind;
  }
  close(): Promise<void> {
    return this.driver.close();
  }
}

export type StoreLocation = { databaseUrl: string } | { dataDir: string } | { memory: true };

/** Open the store and bring its schema up to date. */
export const openStore = async (location: StoreLocation): Promise<RootStore> => {
  const driver =
    'databaseUrl' in location
      ? await openPostgres(location.databaseUrl)
      : await openPglite('memory' in location ? 'memory' : location.dataDir);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new RootStore(driver);
};
