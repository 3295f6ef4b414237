import { openTestStore, testStoreKinds } from '@qunzhu/store/testing';
import { describe, expect, it } from 'vitest';
import { DecisionHooks } from '../runtime/decisions.js';
import { loadDefaultSpamModel } from './default-model.js';
import { SpamLearner } from './learner.js';

// A normal message from spam-zh's normal half that the shipped model scores low.
const TEXT = '周末一起去爬山吗，早上八点在地铁站集合';

describe('spam learner', () => {
  it('learns from confirmed and restored decisions as they are made', async () => {
    const learner = new SpamLearner(await loadDefaultSpamModel());
    const before = learner.classifier(TEXT).score;
    const hooks = new DecisionHooks();
    learner.listen(hooks);
    const decision = {
      communityId: 1,
      violation: {} as never,
      eventId: 1,
      text: TEXT,
      reason: 'ad',
      by: 1,
      at: new Date(),
    };
    for (let i = 0; i < 3; i++) await hooks.emit({ ...decision, decision: 'confirm' });
    const confirmed = learner.classifier(TEXT).score;
    expect(confirmed).toBeGreaterThan(before + 0.1);
    for (let i = 0; i < 3; i++) await hooks.emit({ ...decision, decision: 'restore' });
    expect(learner.classifier(TEXT).score).toBeLessThan(confirmed);
    expect(learner.count).toBe(6);
  });

  it.each(testStoreKinds())('learns the stored decisions again after a restart (%s)', async (kind) => {
    const store = await openTestStore(kind);
    try {
      const c = await store.communities.create({ name: 'learn' });
      const { events } = await store.ingest(c.id, [
        {
          type: 'message',
          source: 'test',
          sourceId: 'm1',
          group: { platform: 'irc', platformGroupId: '#g' },
          actor: { platform: 'irc', platformUserId: 'u1' },
          at: new Date('2026-11-01T08:00:00Z'),
          text: TEXT,
        },
      ]);
      const e = events[0];
      if (!e) throw new Error('no event');
      const base = { communityId: c.id, groupId: e.groupId, memberId: e.memberId, play: 'penalty-ladder', at: e.at };
      await store.playState.appendLedger({
        ...base,
        kind: 'violation',
        amount: 1,
        data: { reason: 'classifier' },
        dedupeKey: 'v1',
        sourceEventId: e.id,
      });
      const [violation] = await store.playState.readLedger({ communityId: c.id, kinds: ['violation'] });
      // One decision per violation, as the moderation API allows.
      await store.playState.appendLedger({
        ...base,
        kind: 'decision',
        amount: 0,
        data: { violationId: String(violation?.id), decision: 'confirm' },
        dedupeKey: 'd1',
      });
      const fresh = new SpamLearner(await loadDefaultSpamModel());
      const before = fresh.classifier(TEXT).score;
      await fresh.replay(store);
      expect(fresh.count).toBe(1);
      expect(fresh.classifier(TEXT).score).toBeGreaterThan(before);
    } finally {
      await store.dispose();
    }
  });
});
