import type { EventInput, RewardRequest } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';

// Nicks from the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo).
const said = (i: number, nick: string): EventInput => ({
  type: 'message',
  source: 'irc:test',
  sourceId: `rr-${i}`,
  group: { platform: 'irc', platformGroupId: '#ubuntu', name: '#ubuntu' },
  actor: { platform: 'irc', platformUserId: nick, displayName: nick },
  at: new Date(`2005-02-06T04:0${i}:00Z`),
  text: 'hello',
});

describe.each(testStoreKinds())('reward requests from a play on %s', (kind) => {
  let store: TestStore;
  let c: number;
  let group: number;
  let jdub: number;
  let usual: number;
  beforeAll(async () => {
    store = await openTestStore(kind);
    c = (await store.communities.create({ name: 'rewards' })).id;
    const r = await store.ingest(c, [said(1, 'jdub'), said(2, 'usual')]);
    [jdub, usual] = r.events.map((e) => e.memberId) as [number, number];
    group = r.events[0]?.groupId ?? 0;
    for (const m of [jdub, usual]) {
      await store.playState.appendLedger({
        communityId: c,
        groupId: null,
        memberId: m,
        play: 'manual',
        kind: 'points',
        amount: m === jdub ? 100 : 5,
        data: {},
        dedupeKey: `grant-${m}`,
        at: new Date('2005-02-06T00:00:00Z'),
      });
    }
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const ask = (memberId: number, rewardId: number, key: string): RewardRequest => ({
    communityId: c,
    groupId: group,
    memberId,
    rewardId,
    play: 'redeem',
    dedupeKey: key,
    at: new Date('2005-02-06T05:00:00Z'),
  });

  it('asks once per key, and a refusal leaves the stock where it was', async () => {
    const mug = await store.rewards.create(c, { name: 'mug', cost: 30, stock: 2, needsApproval: true, active: true });
    const first = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, mug.id, 'redeem:e1')));
    expect(first).toMatchObject({ status: 'pending', reward: { id: mug.id, cost: 30 } });
    // The same trigger handled again: the same answer, no second redemption.
    const again = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, mug.id, 'redeem:e1')));
    expect(again).toEqual(first);
    expect(await store.rewards.redemptions(c, { limit: 10 })).toHaveLength(1);

    // 5 points cannot pay 30: refused after the stock was taken, which the savepoint gives back.
    const poor = await store.transaction((tx) => tx.playState.requestReward(ask(usual, mug.id, 'redeem:e2')));
    expect(poor).toMatchObject({ status: 'refused', reason: 'not_enough_points', spendable: 5 });
    expect((await store.rewards.list(c)).find((r) => r.id === mug.id)?.stock).toBe(1);
    expect(await store.rewards.redemptions(c, { limit: 10 })).toHaveLength(1);

    const missing = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, 999_999, 'redeem:e3')));
    expect(missing).toEqual({ status: 'refused', reason: 'not_found' });
    const entries = await store.playState.readLedger({ communityId: c, kinds: ['redeem_request'] });
    expect(entries.map((e) => e.data.status)).toEqual(['pending', 'refused', 'refused']);
  });

  it('approves at once when the reward needs no approval, writing the points off', async () => {
    const book = await store.rewards.create(c, {
      name: 'book',
      cost: 40,
      stock: null,
      needsApproval: false,
      active: true,
    });
    const r = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, book.id, 'redeem:e4')));
    expect(r).toMatchObject({ status: 'approved' });
    expect(await store.playState.sumLedger({ communityId: c, memberId: jdub, kinds: ['points'] })).toBe(60);
    // 60 left, 30 held by the pending mug: 30 to spend, not enough for another book.
    const more = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, book.id, 'redeem:e5')));
    expect(more).toMatchObject({ status: 'refused', reason: 'not_enough_points', spendable: 30 });
    await store.rewards.update(c, book.id, { active: false });
    const off = await store.transaction((tx) => tx.playState.requestReward(ask(jdub, book.id, 'redeem:e6')));
    expect(off).toMatchObject({ status: 'refused', reason: 'not_offered' });
    expect((await store.playState.offeredRewards(c)).map((x) => x.name)).toEqual(['mug']);
  });

  it('takes the last item once when two members ask at the same moment', async () => {
    const pin = await store.rewards.create(c, { name: 'pin', cost: 1, stock: 1, needsApproval: true, active: true });
    await store.playState.appendLedger({
      communityId: c,
      groupId: null,
      memberId: usual,
      play: 'manual',
      kind: 'points',
      amount: 10,
      data: {},
      dedupeKey: 'grant-more',
      at: new Date('2005-02-06T00:00:00Z'),
    });
    const [a, b] = await Promise.all([
      store.transaction((tx) => tx.playState.requestReward(ask(jdub, pin.id, 'redeem:e7'))),
      store.transaction((tx) => tx.playState.requestReward(ask(usual, pin.id, 'redeem:e8'))),
    ]);
    expect([a.status, b.status].sort()).toEqual(['pending', 'refused']);
    expect((await store.rewards.list(c)).find((r) => r.id === pin.id)?.stock).toBe(0);
  });
});
