import { defaultCampaignRules, type EventInput } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';
import type { CampaignFields } from './campaigns.js';

// Nicks from the #ubuntu IRC history in the demo (CC-BY-4.0), joining a Telegram group in a campaign.
const group = { platform: 'telegram', platformGroupId: '-1001234567890', name: 'Ubuntu 中文交流群' };
const other = { platform: 'telegram', platformGroupId: '-1009876543210', name: 'Ubuntu 闲聊' };
let seq = 0;
const ev = (type: EventInput['type'], nick: string, at: string, extra: Partial<EventInput> = {}): EventInput => ({
  type,
  source: 'telegram:test',
  sourceId: `c-${++seq}`,
  group,
  actor: { platform: 'telegram', platformUserId: nick, displayName: nick },
  at: new Date(at),
  ...(type === 'message' ? { text: 'thanks, apt-get dist-upgrade fixed it' } : {}),
  ...extra,
});

describe.each(testStoreKinds())('campaigns on %s', (kind) => {
  let store: TestStore;
  let c: number;
  let g: number;
  let g2: number;
  const id: Record<string, number> = {};

  /** What the invites play writes: `invited` at the join, later `invite_credit` or `invite_void`. */
  const invited = async (
    invitee: string,
    inviter: string,
    at: string,
    credit: 'valid' | 'void' | null,
    groupId = g,
  ) => {
    const base = { communityId: c, groupId, play: 'invites', amount: 1 } as const;
    await store.playState.appendLedger({
      ...base,
      memberId: id[invitee] as number,
      kind: 'invited',
      data: { inviter: id[inviter] as number },
      dedupeKey: `invites:invited:m${id[invitee]}`,
      at: new Date(at),
    });
    if (credit === null) return;
    await store.playState.appendLedger({
      ...base,
      memberId: id[inviter] as number,
      kind: credit === 'valid' ? 'invite_credit' : 'invite_void',
      amount: credit === 'valid' ? 1 : 0,
      data: { invitee: id[invitee] as number, ...(credit === 'void' ? { reason: 'never_posted' } : {}) },
      dedupeKey: `invites:credit:m${id[invitee]}`,
      at: new Date(new Date(at).getTime() + 3 * 86_400_000),
    });
  };

  const fields = (over: Partial<CampaignFields> = {}): CampaignFields => ({
    name: '双十一邀请有礼',
    description: '邀请好友进群，满 3 人送马克杯',
    startsOn: '2026-11-02',
    endsOn: '2026-11-15',
    targetGroupIds: [g],
    tiers: [{ invites: 3, rewardId: 1 }],
    liveCode: null,
    status: 'running',
    rules: defaultCampaignRules(),
    announce: false,
    announceTemplate: '',
    ...over,
  });

  beforeAll(async () => {
    store = await openTestStore(kind);
    c = (await store.communities.create({ name: 'campaigns', timezone: 'Asia/Shanghai' })).id;
    const r = await store.ingest(c, [
      ev('message', 'crimsun', '2026-10-20T02:00:00Z'),
      ev('message', 'lamont', '2026-10-20T02:05:00Z'),
      // Seen before the campaign: not a new member when crimsun "invites" him later.
      ev('message', 'Seveas', '2026-10-25T02:05:00Z', { group: other }),
      // A burst through crimsun's link: five joins in nine minutes on the evening of 7 Nov (Shanghai).
      ev('join', 'jdub', '2026-11-07T12:00:05Z'),
      ev('join', 'usual', '2026-11-07T12:01:40Z'),
      ev('join', 'thom', '2026-11-07T12:03:12Z'),
      ev('join', 'Kamion', '2026-11-07T12:06:30Z'),
      ev('join', 'mdz', '2026-11-07T12:09:00Z'),
      // lamont's invitees, spread out; elmo left two days later.
      ev('join', 'fabbione', '2026-11-03T01:00:00Z'),
      ev('join', 'sivang', '2026-11-04T01:00:00Z'),
      ev('join', 'elmo', '2026-11-05T01:00:00Z'),
      ev('leave', 'elmo', '2026-11-07T03:00:00Z'),
      ev('join', 'Seveas', '2026-11-06T01:00:00Z'),
      ev('join', 'daniels', '2026-11-06T02:00:00Z', { group: other }),
      ev('message', 'fabbione', '2026-11-03T02:00:00Z'),
      ev('message', 'sivang', '2026-11-04T02:00:00Z'),
      ev('message', 'elmo', '2026-11-05T02:00:00Z'),
      ...['jdub', 'usual', 'thom', 'Kamion', 'mdz'].map((n, i) => ev('message', n, `2026-11-08T0${i}:00:00Z`)),
    ]);
    for (const e of r.events) {
      const nick = (await store.members.get(c, e.memberId)).displayName;
      id[nick] = e.memberId;
      if (e.groupId !== r.events[0]?.groupId) g2 = e.groupId;
    }
    g = r.events[0]?.groupId as number;
    for (const n of ['jdub', 'usual', 'thom', 'Kamion', 'mdz']) {
      const join = r.events.find((e) => e.memberId === id[n] && e.type === 'join');
      await invited(n, 'crimsun', (join?.at as Date).toISOString(), 'valid');
    }
    await invited('fabbione', 'lamont', '2026-11-03T01:00:00Z', 'valid');
    await invited('sivang', 'lamont', '2026-11-04T01:00:00Z', null);
    await invited('elmo', 'lamont', '2026-11-05T01:00:00Z', 'valid');
    await invited('Seveas', 'lamont', '2026-11-06T01:00:00Z', 'valid');
    await invited('daniels', 'lamont', '2026-11-06T02:00:00Z', 'valid', g2);
    await store.moderation.addToBlocklist(c, id.usual as number, {
      reason: '私聊发广告',
      source: 'operator',
      addedBy: null,
    });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('stores a campaign and reads it back with its local days, groups, tiers and rules', async () => {
    const created = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    expect(created).toMatchObject({
      name: '双十一邀请有礼',
      startsOn: '2026-11-02',
      endsOn: '2026-11-15',
      targetGroupIds: [g],
      tiers: [{ invites: 3, rewardId: 1 }],
      status: 'running',
    });
    expect(created.rules.burst).toEqual({ joins: 5, minutes: 10 });
    const changed = await store.campaigns.update(
      c,
      created.id,
      { ...fields(), status: 'ended', liveCode: 'ubuntu-cn' },
      new Date('2026-11-16T00:00:00Z'),
    );
    expect(changed).toMatchObject({ status: 'ended', liveCode: 'ubuntu-cn' });
    await store.campaigns.delete(c, created.id);
    await expect(store.campaigns.get(c, created.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reads the invites of the period and target groups with their credit, leave, messages and blocklist', async () => {
    const campaign = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    const { evaluation } = await store.transaction((tx) =>
      tx.campaigns.recompute(c, campaign.id, new Date('2026-11-30T00:00:00Z')),
    );
    const byName = Object.fromEntries(evaluation.invites.map((i) => [i.inviteeName, i]));
    // daniels joined another group; Seveas was seen before the period.
    expect(Object.keys(byName).sort()).toEqual([
      'Kamion',
      'elmo',
      'fabbione',
      'jdub',
      'mdz',
      'sivang',
      'thom',
      'usual',
    ]);
    expect(byName.elmo?.leftAt?.toISOString()).toBe('2026-11-07T03:00:00.000Z');
    expect(byName.fabbione?.messagesInWindow).toBe(1);
    expect(byName.usual?.blocklisted).toBe('私聊发广告');
    expect(byName.sivang?.status).toBe('pending');
    const board = Object.fromEntries(evaluation.leaderboard.map((s) => [s.memberId, [s.invites, s.pending, s.voided]]));
    // crimsun's five are one burst (and usual is blocklisted); lamont keeps fabbione, elmo left soon.
    expect(board).toEqual({ [id.lamont as number]: [1, 1, 1], [id.crimsun as number]: [0, 0, 5] });
    const stored = await store.campaigns.flags(c, campaign.id);
    expect(stored.map((f) => `${f.inviteeName}:${f.rule}`).sort()).toEqual(
      [
        'Kamion:burst',
        'elmo:left_soon',
        'jdub:burst',
        'mdz:burst',
        'thom:burst',
        'usual:blocklisted',
        'usual:burst',
      ].sort(),
    );
    expect((await store.campaigns.participants(c, campaign.id)).map((p) => [p.name, p.source]).sort()).toEqual([
      ['crimsun', 'invites'],
      ['lamont', 'invites'],
    ]);
  });

  it('recomputing again changes no stored row', async () => {
    const campaign = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    const snapshot = async () => ({
      flags: (
        await store.db.query('select * from campaign_flags where campaign_id = $1 order by invitee_id, rule', [
          campaign.id,
        ])
      ).rows,
      participants: (
        await store.db.query('select * from campaign_participants where campaign_id = $1 order by member_id', [
          campaign.id,
        ])
      ).rows,
    });
    const first = await store.transaction((tx) =>
      tx.campaigns.recompute(c, campaign.id, new Date('2026-11-30T00:00:00Z')),
    );
    const before = await snapshot();
    const second = await store.transaction((tx) =>
      tx.campaigns.recompute(c, campaign.id, new Date('2026-12-01T00:00:00Z')),
    );
    expect(await snapshot()).toEqual(before);
    expect(second.evaluation.leaderboard).toEqual(first.evaluation.leaderboard);
  });

  it('restores a voided credit so the board re-ranks, keeps the restore across recomputes, and takes it back', async () => {
    const campaign = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    const now = new Date('2026-11-30T00:00:00Z');
    await store.transaction((tx) => tx.campaigns.recompute(c, campaign.id, now));
    for (const n of ['jdub', 'thom']) {
      const changed = await store.campaigns.setRestored(c, campaign.id, id[n] as number, {
        restore: true,
        by: null,
        note: '核实过，是同事',
        at: now,
      });
      expect(changed).toBe(1);
    }
    const after = await store.transaction((tx) => tx.campaigns.recompute(c, campaign.id, now));
    expect(after.evaluation.leaderboard.map((s) => [s.memberId, s.invites])).toEqual([
      [id.crimsun, 2],
      [id.lamont, 1],
    ]);
    const restored = (await store.campaigns.flags(c, campaign.id)).filter((f) => f.restoredAt !== null);
    expect(restored.map((f) => [f.inviteeName, f.restoreNote]).sort()).toEqual([
      ['jdub', '核实过，是同事'],
      ['thom', '核实过，是同事'],
    ]);
    await store.campaigns.setRestored(c, campaign.id, id.thom as number, {
      restore: false,
      by: null,
      note: '',
      at: now,
    });
    const back = await store.transaction((tx) => tx.campaigns.recompute(c, campaign.id, now));
    expect(back.evaluation.leaderboard.find((s) => s.memberId === id.crimsun)?.invites).toBe(1);
    await expect(
      store.campaigns.setRestored(c, campaign.id, id.lamont as number, { restore: true, by: null, note: '', at: now }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('marks a flag inactive when it no longer holds (the rule was loosened)', async () => {
    const campaign = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    const now = new Date('2026-11-30T00:00:00Z');
    await store.transaction((tx) => tx.campaigns.recompute(c, campaign.id, now));
    await store.campaigns.update(
      c,
      campaign.id,
      fields({ rules: { ...defaultCampaignRules(), burst: { joins: 0, minutes: 10 } } }),
      now,
    );
    const { evaluation } = await store.transaction((tx) => tx.campaigns.recompute(c, campaign.id, now));
    expect(evaluation.leaderboard.find((s) => s.memberId === id.crimsun)?.invites).toBe(4);
    const active = await store.campaigns.flags(c, campaign.id, { active: true });
    expect(active.map((f) => f.rule).sort()).toEqual(['blocklisted', 'left_soon']);
    expect((await store.campaigns.flags(c, campaign.id, { active: false })).length).toBe(5);
  });

  it('claims a tier reward without spending points: stock taken, one live claim per tier, no ledger entry', async () => {
    const campaign = await store.campaigns.create(c, fields(), new Date('2026-11-01T00:00:00Z'));
    const mug = await store.rewards.create(c, {
      name: '马克杯',
      cost: 500,
      stock: 1,
      needsApproval: true,
      active: true,
    });
    const claim = () =>
      store.transaction((tx) =>
        tx.rewards.claim(
          c,
          id.lamont as number,
          mug.id,
          { campaignId: campaign.id, tier: 0 },
          new Date('2026-11-20T00:00:00Z'),
        ),
      );
    const { redemption, needsApproval } = await claim();
    expect(needsApproval).toBe(true);
    expect(redemption).toMatchObject({ cost: 0, status: 'pending', campaignId: campaign.id, campaignTier: 0 });
    await expect(claim()).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already claimed/),
    });
    expect((await store.rewards.list(c)).find((r) => r.id === mug.id)?.stock).toBe(0);
    await store.transaction((tx) =>
      tx.rewards.decide(c, redemption.id, 'approved', null, '', new Date('2026-11-21T00:00:00Z')),
    );
    const { rows } = await store.db.query('select 1 from ledger where dedupe_key = $1', [
      `rewards:redemption:${redemption.id}`,
    ]);
    expect(rows).toEqual([]);
  });
});
