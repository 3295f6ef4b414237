import type { LedgerEntry } from '@qunzhu/core';

/** A moderator's verdict on a violation: the spam classifier learns from these (confirm = spam). */
export type ModerationDecision = {
  communityId: number;
  decision: 'confirm' | 'restore';
  /** The violation entry of the ledger the decision is about. */
  violation: LedgerEntry;
  /** The message that drew it, when it was one. */
  eventId: number | null;
  text: string | null;
  reason: string;
  by: number | null;
  at: Date;
};

export type DecisionListener = (decision: ModerationDecision) => void | Promise<void>;

/**
 * Listeners told of each decision after it is stored. One failing listener is logged and does not
 * stop the others, nor undo the decision.
 */
export class DecisionHooks {
  private readonly listeners = new Set<DecisionListener>();

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /** Listen; the returned function stops listening. */
  on(listener: DecisionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async emit(decision: ModerationDecision): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(decision);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
