import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

describe.each(testStoreKinds())('engagement in the sandbox, on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let c: number;
  let group: { id: number };
  let events: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '读书会', language: 'zh-CN', timezone: 'Asia/Shanghai' })).body
      .id;
    group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '读书打卡群' })).body;
    for (const play of ['check-in', 'points', 'levels', 'badges']) {
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

  it('checks a pretend member in, answers in the group, and shows points, streak and testimonials', async () => {
    await owner.post(events, {
      type: 'message',
      user: 'u1',
      name: '小林',
      text: '打卡 第一天：读完《置身事内》第一章，做了笔记',
    });
    h.clock.advance(60_000);
    await owner.post(events, { type: 'message', user: 'u1', name: '小林', text: '打卡' });
    await h.runtime.idle();
    const sent = (await h.store.actions.list(c, { limit: 10 }))
      .filter((a) => a.kind === 'send')
      .map((a) => a.payload.text);
    expect(sent).toEqual([
      '小林 打卡成功！已连续打卡 1 天，累计 1 天。',
      '小林 今天已经打过卡啦，明天再来～（已连续 1 天）',
    ]);

    const members = await owner.get(`/api/v1/communities/${c}/members?q=小林`);
    const memberId = members.body.items[0].id;
    const eng = await owner.get(`/api/v1/communities/${c}/members/${memberId}/engagement`);
    expect(eng.status).toBe(200);
    // A check-in message earns the check-in's 5 points, not the points of a substantial message too.
    expect(eng.body).toMatchObject({ points: 5, checkIns: 1, streak: 1, level: { level: 1 } });

    const board = await owner.get(`/api/v1/communities/${c}/leaderboard?metric=points&period=week`);
    expect(board.body.items).toEqual([{ rank: 1, memberId, name: '小林', value: 5 }]);
    const streaks = await owner.get(`/api/v1/communities/${c}/leaderboard?metric=streak&period=all`);
    expect(streaks.body.items[0]).toMatchObject({ memberId, value: 1 });

    const testimonials = await owner.get(`/api/v1/communities/${c}/testimonials`);
    expect(testimonials.body.items.map((e: { data: { content: string } }) => e.data.content)).toEqual([
      '第一天：读完《置身事内》第一章，做了笔记',
    ]);

    const adjust = await owner.post(`/api/v1/communities/${c}/members/${memberId}/points`, {
      amount: 30,
      reason: '分享读书笔记',
    });
    expect(adjust.body).toEqual({ points: 35 });
    const zero = await owner.post(`/api/v1/communities/${c}/members/${memberId}/points`, { amount: 0, reason: 'x' });
    expect(zero.status).toBe(400);
    const ledger = await owner.get(`/api/v1/communities/${c}/ledger?memberId=${memberId}&kind=points`);
    expect(ledger.body.items.map((e: { amount: number }) => e.amount)).toEqual([30, 5]);
  });

  it('fast-forwards only the timers pending now: recurring ones wait for their next time', async () => {
    await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/leaderboards`, { enabled: true, config: {} });
    await owner.post(events, { type: 'message', user: 'u2', name: '小周', text: '打卡' });
    const ff = await owner.post(`/api/v1/communities/${c}/sandbox/groups/${group.id}/fast-forward`);
    expect(ff.status).toBe(200);
    // Each recurring play left exactly its next occurrence behind.
    const timers = await h.store.timers.dueForGroup(c, group.id, new Date('9999-12-31T00:00:00Z'));
    expect(timers.map((t) => `${t.play}/${t.key}`).sort()).toEqual([
      'badges/monthly',
      'check-in/settle',
      'leaderboards/board-0',
    ]);
  });

  it('shows a challenge’s button in the sandbox transcript, and a press as the newcomer clears it', async () => {
    const gate = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '验证群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${gate.id}/plays/entry-gate`, {
      enabled: true,
      config: { challenge: { enabled: true, timeoutSeconds: 60 } },
    });
    expect(on.status).toBe(200);
    const url = `/api/v1/communities/${c}/sandbox/groups/${gate.id}/events`;
    const joined = await owner.post(url, { type: 'join', user: 'n1', name: '新人' });
    const challenge = joined.body.transcript.find((i: { buttons?: unknown[] }) => i.buttons?.length);
    expect(challenge.text).toContain('新人');
    const data = challenge.buttons[0].data;
    // Someone else's press does not count; the newcomer's does.
    await owner.post(url, { type: 'callback', user: 'n2', name: '路人', data });
    await owner.post(url, { type: 'callback', user: 'n1', name: '新人', data });
    const ff = await owner.post(`/api/v1/communities/${c}/sandbox/groups/${gate.id}/fast-forward`);
    expect(ff.body.transcript.filter((i: { type: string }) => i.type === 'remove')).toEqual([]);
    const requested = await owner.post(url, { type: 'join_request', user: 'n3', name: '申请人', text: '我是来学习的' });
    expect(requested.status).toBe(200);
    expect(requested.body.transcript.some((i: { type: string }) => i.type === 'join_request')).toBe(true);
  });

  it('tags a member who talks about a topic, once, through an auto-tag rule', async () => {
    const topic = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '话题群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${topic.id}/plays/auto-tags`, {
      enabled: true,
      config: {
        rules: [
          { tag: '声卡', keywords: ['ALSA', '声卡'] },
          { tag: '网络', keywords: ['wifi'], minMessages: 2 },
        ],
      },
    });
    expect(on.status).toBe(200);
    const url = `/api/v1/communities/${c}/sandbox/groups/${topic.id}/events`;
    // From the #ubuntu history (CC-BY-4.0), and the same question in Chinese.
    await owner.post(url, { type: 'message', user: 't1', name: 'tiefox', text: 'you should use the alsa perspective' });
    await owner.post(url, { type: 'message', user: 't1', name: 'tiefox', text: '我的声卡没声音了' });
    await owner.post(url, { type: 'message', user: 't1', name: 'tiefox', text: 'my wifi drops' });
    const id = (await owner.get(`/api/v1/communities/${c}/members?q=tiefox`)).body.items[0].id;
    const tags = await owner.get(`/api/v1/communities/${c}/members/${id}/tags`);
    expect(tags.body.items).toEqual([{ tag: '声卡', source: 'auto-tags' }]);
    await owner.post(url, { type: 'message', user: 't1', name: 'tiefox', text: 'WIFI again' });
    const after = await owner.get(`/api/v1/communities/${c}/members/${id}/tags`);
    expect(after.body.items.map((t: { tag: string }) => t.tag)).toEqual(['声卡', '网络']);
  });

  it('refuses a play configuration that does not parse, naming the field', async () => {
    const r = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/levels`, {
      enabled: true,
      config: {
        levels: [
          { threshold: 5, title: { 'zh-CN': '甲', en: 'A' } },
          { threshold: 1, title: { 'zh-CN': '乙', en: 'B' } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/levels/);
  });
});
