import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

// Messages from the spam-zh data set (GPL-3.0, see packages/core/src/plays/anti-spam/fixtures/SOURCE.md).
const ad = '佳喂：sx111505可越dl';
const normal = '直播掉线....';

describe.each(testStoreKinds())('anti-spam in the sandbox on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    expect((await owner.login('owner@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('deletes an ad posted by a pretend member, lets normal chat and allowlisted links through, and the backtest agrees', async () => {
    const c = (await owner.post('/api/v1/communities', { name: '防广告', language: 'zh-CN', timezone: 'UTC' })).body.id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '测试群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/anti-spam`, {
      enabled: true,
      config: {},
    });
    expect(on.status).toBe(200);
    expect(on.body.config).toMatchObject({ action: 'delete', flood: { messages: 5, seconds: 10 } });
    const shared = await owner.put(`/api/v1/communities/${c}/plays/anti-spam/shared`, {
      config: { allowedDomains: ['ubuntu.com'] },
    });
    expect(shared.status).toBe(200);
    const bad = await owner.put(`/api/v1/communities/${c}/plays/anti-spam/shared`, {
      config: { allowedDomains: ['not a domain'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/allowedDomains/);

    const events = `/api/v1/communities/${c}/sandbox/groups/${group.id}/events`;
    const first = await owner.post(events, { type: 'message', user: 'u1', name: '小明', text: normal });
    h.clock.advance(5_000);
    const link = await owner.post(events, {
      type: 'message',
      user: 'u1',
      text: '文档在 https://help.ubuntu.com/ 这里',
    });
    h.clock.advance(5_000);
    const spam = await owner.post(events, { type: 'message', user: 'spammer', name: '推广', text: ad });
    expect([first.status, link.status, spam.status]).toEqual([200, 200, 200]);

    const live = await h.store.actions.list(c, { limit: 10 });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      kind: 'delete',
      play: 'anti-spam',
      status: 'sent',
      payload: { eventId: spam.body.eventId, reason: 'contact', detail: 'contact: wechat:sx111505' },
    });
    const transcript = spam.body.transcript as { kind: string; type: string; play?: string }[];
    expect(transcript.filter((i) => i.kind === 'action')).toMatchObject([{ type: 'delete', play: 'anti-spam' }]);

    const backtest = await owner.post(`/api/v1/communities/${c}/plays/anti-spam/backtest`, { config: {}, sample: 10 });
    expect(backtest.status).toBe(200);
    expect(backtest.body).toMatchObject({
      eventsReplayed: 3,
      actionCount: 1,
      actionsByKind: { delete: 1 },
      failures: 0,
    });
    const shape = (x: { kind: string; payload: unknown; idempotencyKey: string; at: unknown; groupId: number }) => ({
      kind: x.kind,
      payload: x.payload,
      key: x.idempotencyKey,
      at: new Date(String(x.at instanceof Date ? x.at.toISOString() : x.at)).toISOString(),
      groupId: x.groupId,
    });
    expect(backtest.body.sample.map(shape)).toEqual(live.map(shape));
  });
});
