import {
  classifySpam,
  LADDER_PLAY,
  learnSpam,
  type SpamClassifier,
  type SpamModel,
  VIOLATION_KIND,
} from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import type { DecisionHooks } from '../runtime/decisions.js';

/** How many of a community's latest decisions are learned again at start. */
const REPLAY_LIMIT = 5000;

/**
 * The anti-spam play's classifier, learning online from moderators' decisions: a confirmed violation
 * is spam, a restored one is not. Decisions live in the ledger, so after a restart the model learns
 * them again (oldest first) and ends where it was. One model serves the install.
 */
export class SpamLearner {
  readonly classifier: SpamClassifier;
  private learned = 0;

  constructor(private readonly model: SpamModel) {
    this.classifier = (text) => classifySpam(this.model, text);
  }

  /** Decisions learned since start (replayed and new). */
  get count(): number {
    return this.learned;
  }

  learn(text: string, spam: boolean): void {
    if (!text.trim()) return;
    learnSpam(this.model, text, spam);
    this.learned += 1;
  }

  /** Learn each new decision as it is stored. */
  listen(hooks: DecisionHooks): () => void {
    return hooks.on((d) => {
      if (d.text) this.learn(d.text, d.decision === 'confirm');
    });
  }

  /** Learn again the decisions already stored in every community. */
  async replay(store: Store): Promise<void> {
    for (const community of await store.communities.list()) {
      const violations = await store.moderation.violations(community.id, {
        play: LADDER_PLAY,
        kind: VIOLATION_KIND,
        decisionKind: 'decision',
        limit: REPLAY_LIMIT,
      });
      const decided = violations
        .flatMap((v) => {
          if (!v.text) return [];
          if (v.restored) return [{ at: v.restored.at, text: v.text, spam: false }];
          if (v.confirmed) return [{ at: v.confirmed.at, text: v.text, spam: true }];
          return [];
        })
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const d of decided) this.learn(d.text, d.spam);
    }
  }
}
