import type { ActionInput, Capabilities } from '../actions/index.js';
import type { Community, Group } from '../communities/index.js';
import type { StoredEvent } from '../events/index.js';
import { Engine, type PlayFailure } from './engine.js';
import type { PlayRegistry } from './registry.js';
import {
  type LedgerEntry,
  type MemberFactsReader,
  RecordingPlayState,
  type RewardsReader,
  type RoleHoldersReader,
} from './state.js';

export type BacktestInput = {
  registry: PlayRegistry;
  play: string;
  /** The candidate configuration; validated like a stored one. */
  config: unknown;
  /** The community's shared configuration of the play (stored, or a candidate too). */
  shared?: unknown;
  community: Community;
  groups: ReadonlyMap<number, { group: Group; capabilities: Capabilities }>;
  /** Stored events in order of time (then id). */
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>;
  /**
   * Fire timers due up to here after the last event; default: one day after the last event (a
   * pending greeting or settlement fires, recurring timers do not run on forever).
   */
  until?: Date;
  /** Roles and blocklist of members (the store's); joins are taken from the replay itself. */
  memberFacts?: MemberFactsReader;
  /** Who holds a role (the store's), for plays that route to a role. */
  membersWithRole?: RoleHoldersReader;
  /** The rewards on offer (the store's, in a backtest of the redeem command); none by default. */
  rewards?: RewardsReader;
};

export type BacktestResult = {
  play: string;
  eventsReplayed: number;
  actions: ActionInput[];
  ledger: LedgerEntry[];
  actionsByKind: Record<string, number>;
  failures: PlayFailure[];
};

/**
 * Replay stored history through one play with a recording outbox: what would it have done?
 * Timers fire in time order between events, exactly as the live runtime fires them.
 */
export const runBacktest = async (input: BacktestInput): Promise<BacktestResult> => {
  const failures: PlayFailure[] = [];
  const engine = new Engine(input.registry, (f) => failures.push(f));
  input.registry.parseConfig(input.play, input.config);
  input.registry.parseShared(input.play, input.shared);
  const state = new RecordingPlayState(input.memberFacts, input.membersWithRole, input.rewards);
  const scopes = new Map(
    [...input.groups].map(([id, g]) => [
      id,
      {
        community: input.community,
        group: g.group,
        capabilities: g.capabilities,
        plays: [{ groupId: id, play: input.play, enabled: true, config: input.config, shared: input.shared }],
      },
    ]),
  );
  const fireTimers = async (until: Date | undefined) => {
    for (;;) {
      const due = state.dueTimers(until)[0];
      if (!due) return;
      const scope = scopes.get(due.groupId);
      if (!scope) {
        await state.clearTimer(due);
        continue;
      }
      await engine.handleTimer(scope, due, state);
    }
  };
  let eventsReplayed = 0;
  let lastAt: Date | undefined;
  for await (const event of input.events) {
    const scope = scopes.get(event.groupId);
    if (!scope) continue;
    await fireTimers(event.at);
    state.saw(event);
    lastAt = event.at;
    await engine.handleEvent(scope, event, state);
    eventsReplayed += 1;
  }
  await fireTimers(input.until ?? (lastAt ? new Date(lastAt.getTime() + 86_400_000) : undefined));
  const actionsByKind: Record<string, number> = {};
  for (const a of state.actions) actionsByKind[a.kind] = (actionsByKind[a.kind] ?? 0) + 1;
  return { play: input.play, eventsReplayed, actions: state.actions, ledger: state.ledger, actionsByKind, failures };
};
