import type { EventInput } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';
import { liveCodeLinkName, liveCodeTargetDefaults } from './live-codes.js';

// A real PNG header and IHDR (1×1) is enough for the store: it keeps bytes, it does not decode them.
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
  0, 0,
]);
const NOW = new Date('2026-11-02T08:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

// Nicks from the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo).
const join = (i: number, group: string, nick: string, at: Date, linkName?: string): EventInput => ({
  type: 'join',
  source: 'telegram:test',
  sourceId: `join-${group}-${i}`,
  group: { platform: 'telegram', platformGroupId: group, name: group },
  actor: { platform: 'telegram', platformUserId: nick, displayName: nick },
  at,
  ...(linkName ? { extra: { inviteLink: { url: `https://t.me/+${linkName}`, name: linkName } } } : {}),
});

describe.each(testStoreKinds())('live codes on %s', (kind) => {
  let store: TestStore;
  let c: number;
  beforeAll(async () => {
    store = await openTestStore(kind);
    c = (await store.communities.create({ name: 'live codes' })).id;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const wechatGroup = async (id: string) =>
    store.groups.create(c, { platform: 'wechat', platformGroupId: id, name: `微信群 ${id}` });

  it('takes kind and capacity defaults from the group platform; codes are unique whatever the case', async () => {
    expect(liveCodeTargetDefaults('wechat')).toEqual({ kind: 'qr', capacity: 200 });
    expect(liveCodeTargetDefaults('wecom')).toEqual({ kind: 'qr', capacity: 500 });
    expect(liveCodeTargetDefaults('telegram')).toEqual({ kind: 'link', capacity: null });
    const code = await store.liveCodes.create(c, { code: 'Spring-Camp', name: '春季训练营' });
    await expect(store.liveCodes.create(c, { code: 'spring-camp', name: 'again' })).rejects.toThrow(/taken/);
    expect((await store.liveCodes.byCode('SPRING-CAMP'))?.id).toBe(code.id);
    const random = await store.liveCodes.create(c, { name: '随机' });
    expect(random.code).toMatch(/^[a-z2-9]{8}$/);
    const wx = await wechatGroup('wx-defaults');
    const tg = await store.groups.create(c, { platform: 'telegram', platformGroupId: '-100defaults', name: 'TG' });
    const a = await store.liveCodes.addTarget(c, code.id, { groupId: wx.id });
    const b = await store.liveCodes.addTarget(c, code.id, { groupId: tg.id });
    expect([a.kind, a.capacity, a.linkSource, a.position]).toEqual(['qr', 200, null, 1]);
    expect([b.kind, b.capacity, b.linkSource, b.position]).toEqual(['link', null, 'auto', 2]);
    await expect(store.liveCodes.addTarget(c, code.id, { groupId: wx.id })).rejects.toThrow(/already/);
    await expect(store.liveCodes.addTarget(c, code.id, { groupId: wx.id, joinUrl: 'https://x' })).rejects.toThrow(/QR/);
  });

  it('skips a group whose QR is missing or expired, and one that is full, in pool order', async () => {
    const code = await store.liveCodes.create(c, { name: '换群' });
    const [g1, g2, g3] = [await wechatGroup('wx-a'), await wechatGroup('wx-b'), await wechatGroup('wx-c')];
    const t1 = await store.liveCodes.addTarget(c, code.id, { groupId: g1.id, capacity: 2 });
    const t2 = await store.liveCodes.addTarget(c, code.id, { groupId: g2.id, capacity: 1 });
    const t3 = await store.liveCodes.addTarget(c, code.id, { groupId: g3.id, capacity: 5 });
    // No QR anywhere: nobody can be sent.
    expect(await store.liveCodes.assign(c, code.id, NOW)).toBeUndefined();
    await store.liveCodes.setQr(c, code.id, t1.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: NOW,
      expiresAt: day(7),
    });
    await store.liveCodes.setQr(c, code.id, t2.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: NOW,
      expiresAt: day(1),
    });
    await store.liveCodes.setQr(c, code.id, t3.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: NOW,
      expiresAt: day(7),
    });
    const order: number[] = [];
    for (let i = 0; i < 5; i++) order.push((await store.liveCodes.assign(c, code.id, day(2)))?.id ?? 0);
    // t2's QR has expired by day 2: t1 twice (capacity 2), then t3.
    expect(order).toEqual([t1.id, t1.id, t3.id, t3.id, t3.id]);
    const after = await store.liveCodes.get(c, code.id);
    expect(after.targets.map((t) => [t.routed, t.fill])).toEqual([
      [2, 2],
      [0, 0],
      [3, 3],
    ]);
    // The operator restarts t1's count from the members it really has.
    await store.liveCodes.updateTarget(c, code.id, t1.id, { baseMembers: 1 });
    expect((await store.liveCodes.assign(c, code.id, day(2)))?.id).toBe(t1.id);
    // A new QR for t2 is a new version with its own expiry.
    const fresh = await store.liveCodes.setQr(c, code.id, t2.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: day(2),
      expiresAt: day(9),
    });
    expect(fresh.qr).toMatchObject({ version: 2, bytes: PNG.length });
    const reordered = await store.liveCodes.reorder(c, code.id, [t2.id, t3.id, t1.id]);
    expect(reordered.targets.map((t) => t.id)).toEqual([t2.id, t3.id, t1.id]);
    expect((await store.liveCodes.assign(c, code.id, day(2)))?.id).toBe(t2.id);
    await expect(store.liveCodes.reorder(c, code.id, [t2.id])).rejects.toThrow(/each of the pool/);
  });

  it('counts members Qunzhu sees in the group against the capacity', async () => {
    const code = await store.liveCodes.create(c, { name: '成员计数' });
    const tg = await store.groups.create(c, { platform: 'telegram', platformGroupId: '-100full', name: 'full' });
    const t = await store.liveCodes.addTarget(c, code.id, {
      groupId: tg.id,
      capacity: 2,
      joinUrl: 'https://t.me/+abc',
    });
    expect(t.linkSource).toBe('operator');
    await store.ingest(c, [join(1, '-100full', 'crimsun', NOW), join(2, '-100full', 'kleedrac', NOW)]);
    expect((await store.liveCodes.get(c, code.id)).targets[0]?.fill).toBe(2);
    expect(await store.liveCodes.assign(c, code.id, NOW)).toBeUndefined();
    expect(await store.liveCodes.markExhausted(c, code.id, NOW)).toBe(true);
    expect(await store.liveCodes.markExhausted(c, code.id, day(1))).toBe(false);
  });

  it('never sends anyone beyond a capacity under many parallel visitors', async () => {
    const code = await store.liveCodes.create(c, { name: '并发' });
    const groups = await Promise.all(['p1', 'p2', 'p3'].map((id) => wechatGroup(id)));
    const capacities = [3, 2, 4];
    for (const [i, g] of groups.entries()) {
      const t = await store.liveCodes.addTarget(c, code.id, { groupId: g.id, capacity: capacities[i] ?? 1 });
      await store.liveCodes.setQr(c, code.id, t.id, {
        image: PNG,
        type: 'image/png',
        uploadedAt: NOW,
        expiresAt: day(7),
      });
    }
    const hits = await Promise.all(Array.from({ length: 40 }, () => store.liveCodes.assign(c, code.id, NOW)));
    const sent = hits.filter((h) => h !== undefined);
    expect(sent).toHaveLength(9);
    const byGroup = new Map<number, number>();
    for (const h of sent) byGroup.set(h.groupId, (byGroup.get(h.groupId) ?? 0) + 1);
    expect(groups.map((g) => byGroup.get(g.id))).toEqual(capacities);
    const after = await store.liveCodes.get(c, code.id);
    expect(after.targets.map((t) => t.routed)).toEqual(capacities);
  });

  it('remembers requested links until the platform returns their URL, and adopts the general one', async () => {
    const code = await store.liveCodes.create(c, { name: '链接' });
    const tg = await store.groups.create(c, { platform: 'telegram', platformGroupId: '-100links', name: 'links' });
    const t = await store.liveCodes.addTarget(c, code.id, { groupId: tg.id });
    const name = liveCodeLinkName(code.id);
    expect(await store.liveCodes.requestLink(c, tg.id, name, NOW)).toBe(true);
    expect(await store.liveCodes.requestLink(c, tg.id, name, NOW)).toBe(false);
    const pending = await store.liveCodes.link(c, tg.id, name);
    expect(pending?.url).toBeNull();
    const actions = await store.actions.list(c, { groupId: tg.id, limit: 10 });
    expect(actions.map((a) => [a.kind, a.payload.name])).toEqual([['create_invite_link', name]]);
    expect(await store.liveCodes.assign(c, code.id, NOW)).toBeUndefined();
    await store.actions.markSent(c, pending?.actionId ?? 0, NOW, 'https://t.me/+general');
    await store.liveCodes.adoptCreatedLinks(c, code.id);
    expect((await store.liveCodes.assign(c, code.id, NOW))?.joinUrl).toBe('https://t.me/+general');
    expect((await store.liveCodes.target(c, code.id, t.id)).routed).toBe(1);
  });

  it('finds reminders due a notice before expiry, once per QR version', async () => {
    const other = (await store.communities.create({ name: 'reminders' })).id;
    const g = await store.groups.create(other, { platform: 'wechat', platformGroupId: 'wx-r', name: '提醒群' });
    const code = await store.liveCodes.create(other, { name: '提醒', remindBeforeHours: 24 });
    const t = await store.liveCodes.addTarget(other, code.id, { groupId: g.id });
    await store.liveCodes.setQr(other, code.id, t.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: NOW,
      expiresAt: day(7),
    });
    const mine = async (at: Date) => (await store.liveCodes.dueReminders(at)).filter((r) => r.communityId === other);
    expect(await mine(day(5.9))).toEqual([]);
    const due = await mine(day(6));
    expect(due).toMatchObject([{ targetId: t.id, qrVersion: 1, groupName: '提醒群', liveCodeName: '提醒' }]);
    await store.liveCodes.markReminded(other, t.id, 1, day(6));
    expect(await mine(day(6.5))).toEqual([]);
    await store.liveCodes.setQr(other, code.id, t.id, {
      image: PNG,
      type: 'image/png',
      uploadedAt: day(6),
      expiresAt: day(13),
    });
    expect(await mine(day(12))).toMatchObject([{ qrVersion: 2 }]);
  });

  it('counts visits per channel and day, and joins through the code’s named links', async () => {
    const other = (await store.communities.create({ name: 'stats', timezone: 'Asia/Shanghai' })).id;
    const code = await store.liveCodes.create(other, { name: '渠道' });
    const tg = await store.groups.create(other, { platform: 'telegram', platformGroupId: '-100stats', name: 'stats' });
    await store.liveCodes.addTarget(other, code.id, { groupId: tg.id, joinUrl: 'https://t.me/+x' });
    await store.liveCodes.recordVisit(other, code.id, '2026-11-02', 'poster-a', 'routed');
    await store.liveCodes.recordVisit(other, code.id, '2026-11-02', 'poster-a', 'routed');
    await store.liveCodes.recordVisit(other, code.id, '2026-11-02', '', 'turned_away');
    const a = liveCodeLinkName(code.id, 'poster-a');
    await store.ingest(other, [
      // 2026-11-02 23:30 in Shanghai is still the 2nd there.
      join(1, '-100stats', 'lamont', new Date('2026-11-02T15:30:00Z'), a),
      join(2, '-100stats', 'Seveas', new Date('2026-11-02T16:30:00Z'), liveCodeLinkName(code.id)),
      join(3, '-100stats', 'jdub', new Date('2026-11-02T09:00:00Z'), liveCodeLinkName(code.id + 1000)),
      join(4, '-100stats', 'usual', new Date('2026-11-02T09:00:00Z')),
    ]);
    const stats = await store.liveCodes.stats(other, code.id, {
      from: '2026-11-01',
      to: '2026-11-03',
      timezone: 'Asia/Shanghai',
    });
    expect(stats).toEqual([
      { day: '2026-11-02', channel: '', visits: 1, routed: 0, turnedAway: 1, joins: 0 },
      { day: '2026-11-02', channel: 'poster-a', visits: 2, routed: 2, turnedAway: 0, joins: 1 },
      { day: '2026-11-03', channel: '', visits: 0, routed: 0, turnedAway: 0, joins: 1 },
    ]);
  });
});
