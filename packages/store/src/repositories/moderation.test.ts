import type { EventInput } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';

// Lines cut from the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo).
const irc = (i: number, nick: string, text: string): EventInput => ({
  type: 'message',
  source: 'irc:#ubuntu',
  sourceId: `mod-${i}`,
  group: { platform: 'irc', platformGroupId: '#ubuntu', name: '#ubuntu' },
  actor: { platform: 'irc', platformUserId: nick, displayName: nick },
  at: new Date(`2005-02-06T04:0${i}:00Z`),
  text,
});

describe.each(testStoreKinds())('moderation records on %s', (kind) => {
  let store: TestStore;
  let c: number;
  let jdub: number;
  let usual: number;
  let group: number;
  beforeAll(async () => {
    store = await openTestStore(kind);
    c = (await store.communities.create({ name: 'moderation' })).id;
    const r = await store.ingest(c, [
      irc(1, 'jdub', "usual: yes, because that's safe"),
      irc(2, 'usual', 'jdub, I see'),
    ]);
    [jdub, usual] = r.events.map((e) => e.memberId) as [number, number];
    group = r.events[0]?.groupId ?? 0;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const entry = (kind: string, dedupeKey: string, memberId: number) => ({
    communityId: c,
    groupId: group,
    memberId,
    play: 'penalty-ladder',
    kind,
    amount: kind === 'blocklist_remove' ? -1 : 1,
    data: { reason: '广告' },
    dedupeKey,
    at: new Date('2005-02-06T05:00:00Z'),
  });

  it('lists a member when a play appends blocklist_add, once, and unlists on blocklist_remove', async () => {
    await store.transaction((tx) => tx.playState.appendLedger(entry('blocklist_add', 'k1', jdub)));
    expect((await store.playState.memberFacts(c, group, jdub)).blocklisted).toBe(true);
    expect((await store.moderation.listBlocklist(c)).map((b) => [b.memberId, b.source, b.reason])).toEqual([
      [jdub, 'penalty-ladder', '广告'],
    ]);
    // An operator unlists; the same trigger retried appends nothing, and so lists nothing again.
    await store.moderation.removeFromBlocklist(c, jdub);
    await store.playState.appendLedger(entry('blocklist_add', 'k1', jdub));
    expect((await store.playState.memberFacts(c, group, jdub)).blocklisted).toBe(false);
    await store.playState.appendLedger(entry('blocklist_add', 'k2', usual));
    await store.playState.appendLedger(entry('blocklist_remove', 'k3', usual));
    expect(await store.moderation.listBlocklist(c)).toEqual([]);
  });

  it('keeps roles per group or community-wide, and member facts see both', async () => {
    expect(await store.moderation.addRole(c, jdub, null, 'steward')).toBe(true);
    expect(await store.moderation.addRole(c, jdub, null, 'steward')).toBe(false);
    expect(await store.moderation.addRole(c, usual, group, '售后')).toBe(true);
    expect((await store.playState.memberFacts(c, group, jdub)).roles).toEqual(['steward']);
    expect((await store.playState.memberFacts(c, group, usual)).roles).toEqual(['售后']);
    expect((await store.moderation.listRoles(c)).map((r) => [r.memberId, r.groupId, r.role])).toEqual([
      [jdub, null, 'steward'],
      [usual, group, '售后'],
    ]);
    expect(await store.moderation.removeRole(c, usual, group, '售后')).toBe(true);
    expect(await store.moderation.removeRole(c, usual, group, '售后')).toBe(false);
  });

  it('finds the member behind an identity, or creates one', async () => {
    expect(await store.moderation.memberForIdentity(c, 'irc', 'usual', 'x')).toEqual({
      memberId: usual,
      created: false,
    });
    const made = await store.moderation.memberForIdentity(c, 'telegram', '4242', '某人');
    expect(made.created).toBe(true);
    expect((await store.members.findByIdentity(c, 'telegram', '4242'))?.id).toBe(made.memberId);
  });
});
