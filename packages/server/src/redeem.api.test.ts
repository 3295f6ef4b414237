import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

describe.each(testStoreKinds())('the redeem command and level tags in the sandbox, on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let c: number;
  let events: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '兑换群', language: 'zh-CN', timezone: 'Asia/Shanghai' })).body
      .id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '福利群' })).body;
    for (const play of ['points', 'levels', 'redeem']) {
      const r = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/${play}`, {
        enabled: true,
        config: {},
      });
      expect(r.status, play).toBe(200);
    }
    events = `/api/v1/communities/${c}/sandbox/groups/${group.id}/events`;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const say = async (user: string, name: string, text: string) => {
    h.clock.advance(61_000);
    const r = await owner.post(events, { type: 'message', user, name, text });
    expect(r.status).toBe(200);
    await h.runtime.idle();
    const replies = (await h.store.actions.list(c, { limit: 1000 })).filter((a) => a.play === 'redeem');
    return String(replies.at(-1)?.payload.text ?? '');
  };
  const memberId = async (name: string) =>
    (await owner.get(`/api/v1/communities/${c}/members?q=${encodeURIComponent(name)}`)).body.items[0].id as number;

  it('redeems through the same stock and approval path as the console, and says how it went', async () => {
    const mug = (await owner.post(`/api/v1/communities/${c}/rewards`, { name: '社群马克杯', cost: 30, stock: 1 })).body;
    const book = (
      await owner.post(`/api/v1/communities/${c}/rewards`, { name: '签名书', cost: 40, needsApproval: false })
    ).body;
    expect(await say('u1', '小林', '积分')).toBe('小林 当前积分 0。');
    const lin = await memberId('小林');
    await owner.post(`/api/v1/communities/${c}/members/${lin}/points`, { amount: 100, reason: '活动奖励' });

    expect(await say('u1', '小林', '兑换 马克杯')).toBe(
      '小林 已申请兑换「社群马克杯」（30 积分），等待管理员审核；审核通过后扣除积分。',
    );
    const pending = (await owner.get(`/api/v1/communities/${c}/redemptions?status=pending`)).body.items;
    expect(pending).toMatchObject([{ memberId: lin, rewardId: mug.id, status: 'pending' }]);
    const stock = (await owner.get(`/api/v1/communities/${c}/rewards`)).body.items.find(
      (r: { id: number }) => r.id === mug.id,
    ).stock;
    expect(stock).toBe(0);

    expect(await say('u2', '小周', `/redeem #${mug.id}`)).toBe('抱歉，「社群马克杯」已经兑换完了。');
    const poor = await say('u2', '小周', '兑换 签名书');
    const zhouPoints = (await owner.get(`/api/v1/communities/${c}/members/${await memberId('小周')}/engagement`)).body
      .points;
    expect(zhouPoints).toBeLessThan(40);
    expect(poor).toBe(`小周 积分不足：兑换「签名书」需要 40 积分，当前可用 ${zhouPoints} 积分。`);
    // 100 − 30 held by the pending mug leaves 70: the book is approved at once and written off.
    expect(await say('u1', '小林', '兑换 签名书')).toBe('小林 兑换「签名书」成功，扣除 40 积分，剩余 60 积分。');
    const approved = (await owner.get(`/api/v1/communities/${c}/redemptions?status=approved`)).body.items;
    expect(approved).toMatchObject([{ memberId: lin, rewardId: book.id }]);
    expect((await owner.get(`/api/v1/communities/${c}/members/${lin}/engagement`)).body.points).toBe(60);

    const list = await say('u2', '小周', '兑换列表');
    expect(list).toContain(`#${book.id} 签名书 — 40 积分`);
    expect(list).not.toContain('（剩 0）'.repeat(2));
  });

  it('keeps a member’s level tag in step with their level', async () => {
    const lin = await memberId('小林');
    // The 100 points took 小林 from Lv1 to Lv3 (100) at the next message; spending 40 does not demote
    // within 14 days of the promotion. The Lv1 tag went when the Lv3 one came.
    const tags = (await owner.get(`/api/v1/communities/${c}/members/${lin}/tags`)).body.items;
    expect(tags).toEqual([{ tag: 'Lv3 热心成员', source: 'levels' }]);
    const zhou = await memberId('小周');
    expect((await owner.get(`/api/v1/communities/${c}/members/${zhou}/tags`)).body.items).toEqual([
      { tag: 'Lv1 新人', source: 'levels' },
    ]);
    const reply = await say('u1', '小林', '积分');
    const points = (await owner.get(`/api/v1/communities/${c}/members/${lin}/engagement`)).body.points;
    expect(reply).toBe(`小林 当前积分 ${points}，等级 Lv3「热心成员」。`);
  });
});
