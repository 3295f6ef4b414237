import type { ActionInput } from '../actions/index.js';
import type { JsonObject } from '../json.js';

export type TimerRef = { communityId: number; groupId: number; play: string; key: string };
/** A play's reminder to itself: at `dueAt` the engine calls the play again with this data. */
export type Timer = TimerRef & { dueAt: Date; data: JsonObject };

/** What a play decides that must be remembered. Appended, never updated; balances are derived. */
export type LedgerEntryInput = {
  communityId: number;
  groupId: number | null;
  memberId: number;
  play: string;
  kind: string;
  amount: number;
  data: JsonObject;
  /** Unique per community, so that processing the same trigger twice appends once. */
  dedupeKey: string;
  at: Date;
  sourceEventId?: number;
};

/**
 * The engine's port to state: timers, ledger and outbox. The store implements it inside a
 * transaction per trigger; backtests use the in-memory recorder.
 */
export type PlayStatePort = {
  getTimer(ref: TimerRef): Promise<Timer | undefined>;
  setTimer(timer: Timer): Promise<void>;
  clearTimer(ref: TimerRef): Promise<void>;
  appendLedger(entry: LedgerEntryInput): Promise<void>;
  enqueueAction(action: ActionInput): Promise<void>;
};

const timerId = (ref: TimerRef): string => `${ref.communityId}/${ref.groupId}/${ref.play}/${ref.key}`;

/** In-memory state that records every decision: the backtest's outbox, and a test double. */
export class RecordingPlayState implements PlayStatePort {
  readonly actions: ActionInput[] = [];
  readonly ledger: LedgerEntryInput[] = [];
  private readonly timers = new Map<string, Timer>();
  private readonly actionKeys = new Set<string>();
  private readonly ledgerKeys = new Set<string>();

  async getTimer(ref: TimerRef): Promise<Timer | undefined> {
    return this.timers.get(timerId(ref));
  }
  async setTimer(timer: Timer): Promise<void> {
    this.timers.set(timerId(timer), timer);
  }
  async clearTimer(ref: TimerRef): Promise<void> {
    this.timers.delete(timerId(ref));
  }
  async appendLedger(entry: LedgerEntryInput): Promise<void> {
    if (this.ledgerKeys.has(entry.dedupeKey)) return;
    this.ledgerKeys.add(entry.dedupeKey);
    this.ledger.push(entry);
  }
  async enqueueAction(action: ActionInput): Promise<void> {
    if (this.actionKeys.has(action.idempotencyKey)) return;
    this.actionKeys.add(action.idempotencyKey);
    this.actions.push(action);
  }
  /** Timers due at or before `until`, earliest first. */
  dueTimers(until: Date | undefined): Timer[] {
    return [...this.timers.values()]
      .filter((t) => until === undefined || t.dueAt.getTime() <= until.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
  }
}
