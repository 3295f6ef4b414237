import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

describe.each(testStoreKinds())('reward redemption on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let c: number;
  const members: number[] = [];
  /** Members whose mug was refused in the first test: nothing of theirs is held by a pending request. */
  let unheld: number[] = [];

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '兑换', timezone: 'Asia/Shanghai' })).body.id;
    // Nicks from the #ubuntu demo history (CC-BY-4.0).
    const events = ['crimsun', 'kleedrac', 'lamont', 'Seveas'].map((user, i) => ({
      type: 'message',
      group: '#ubuntu',
      user,
      at: `2004-12-25T09:1${i}:00Z`,
      text: 'hello',
    }));
    await owner.post(`/api/v1/communities/${c}/events`, { events, platform: 'irc' });
    for (const name of ['crimsun', 'kleedrac', 'lamont', 'Seveas']) {
      const id = (await owner.get(`/api/v1/communities/${c}/members?q=${name}`)).body.items[0].id;
      members.push(id);
      await owner.post(`/api/v1/communities/${c}/members/${id}/points`, { amount: 100, reason: '测试' });
    }
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('never hands out more than the stock, however many ask at once', async () => {
    const mug = (await owner.post(`/api/v1/communities/${c}/rewards`, { name: '社群马克杯', cost: 30, stock: 2 })).body;
    expect(mug).toMatchObject({ stock: 2, needsApproval: true });
    const asks = await Promise.all(
      members.map((memberId) => owner.post(`/api/v1/communities/${c}/redemptions`, { memberId, rewardId: mug.id })),
    );
    expect(asks.map((a) => a.status).sort()).toEqual([201, 201, 409, 409]);
    // Which two get the mug is a race: the next test takes the other two.
    unheld = members.filter((_, i) => asks[i]?.status === 409);
    expect(asks.find((a) => a.status === 409)?.body.error.message).toMatch(/out of stock/);
    const rewards = (await owner.get(`/api/v1/communities/${c}/rewards`)).body.items;
    expect(rewards.find((r: { id: number }) => r.id === mug.id).stock).toBe(0);
  });

  it('holds pending costs against the balance; approving takes the points, declining gives the stock back', async () => {
    const book = (await owner.post(`/api/v1/communities/${c}/rewards`, { name: '签名书', cost: 60, stock: 5 })).body;
    const [m, other] = unheld as [number, number];
    const first = await owner.post(`/api/v1/communities/${c}/redemptions`, { memberId: m, rewardId: book.id });
    expect(first.status).toBe(201);
    // 100 points, 60 held by the pending request: a second one is refused.
    const second = await owner.post(`/api/v1/communities/${c}/redemptions`, { memberId: m, rewardId: book.id });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/can spend 40/);
    const pending = (await owner.get(`/api/v1/communities/${c}/redemptions?status=pending`)).body.items;
    expect(pending.map((r: { memberId: number }) => r.memberId)).toContain(m);

    const approved = await owner.post(`/api/v1/communities/${c}/redemptions/${first.body.id}/decision`, {
      decision: 'approve',
    });
    expect(approved.body.status).toBe('approved');
    expect((await owner.get(`/api/v1/communities/${c}/members/${m}/engagement`)).body.points).toBe(40);
    const again = await owner.post(`/api/v1/communities/${c}/redemptions/${first.body.id}/decision`, {
      decision: 'decline',
    });
    expect(again.status).toBe(409);

    const asked = await owner.post(`/api/v1/communities/${c}/redemptions`, { memberId: other, rewardId: book.id });
    const declined = await owner.post(`/api/v1/communities/${c}/redemptions/${asked.body.id}/decision`, {
      decision: 'decline',
      reason: '库存核对有误',
    });
    expect(declined.body).toMatchObject({ status: 'declined', reason: '库存核对有误' });
    const stock = (await owner.get(`/api/v1/communities/${c}/rewards`)).body.items.find(
      (r: { id: number }) => r.id === book.id,
    ).stock;
    expect(stock).toBe(4);
    expect(
      (await owner.get(`/api/v1/communities/${c}/members/${other}/engagement`)).body.points,
    ).toBeGreaterThanOrEqual(0);
  });

  it('tags members by hand, lists tags with counts, and filters members by tag', async () => {
    const [a, b] = members as [number, number];
    const put = await owner.put(`/api/v1/communities/${c}/members/${a}/tags`, { tags: ['读书', '北京', '读书'] });
    expect(put.body.items.map((t: { tag: string }) => t.tag)).toEqual(['北京', '读书']);
    await owner.put(`/api/v1/communities/${c}/members/${b}/tags`, { tags: ['读书'] });
    expect((await owner.get(`/api/v1/communities/${c}/tags`)).body.items).toEqual([
      { tag: '读书', members: 2 },
      { tag: '北京', members: 1 },
    ]);
    const found = await owner.get(`/api/v1/communities/${c}/members?tag=${encodeURIComponent('北京')}`);
    expect(found.body.items.map((m: { id: number }) => m.id)).toEqual([a]);
    await owner.put(`/api/v1/communities/${c}/members/${a}/tags`, { tags: [] });
    expect((await owner.get(`/api/v1/communities/${c}/members/${a}/tags`)).body.items).toEqual([]);
    const bad = await owner.put(`/api/v1/communities/${c}/members/${a}/tags`, { tags: ['x'.repeat(41)] });
    expect(bad.status).toBe(400);
  });

  it('redeems at once a reward that needs no approval', async () => {
    const sticker = (
      await owner.post(`/api/v1/communities/${c}/rewards`, { name: '贴纸', cost: 10, needsApproval: false })
    ).body;
    const m = members[0] as number;
    const before = (await owner.get(`/api/v1/communities/${c}/members/${m}/engagement`)).body.points;
    const r = await owner.post(`/api/v1/communities/${c}/redemptions`, { memberId: m, rewardId: sticker.id });
    expect(r.body.status).toBe('approved');
    expect((await owner.get(`/api/v1/communities/${c}/members/${m}/engagement`)).body.points).toBe(before - 10);
  });
});
