import { testStoreKinds } from '@qunzhu/store/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSegmentSnapshots } from './segments/index.js';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

describe.each(testStoreKinds())('segments and ponds in the sandbox, on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let c: number;
  let lobby: { id: number };
  let photo: { id: number };
  let lobbyEvents: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '摄影社', language: 'zh-CN', timezone: 'Asia/Shanghai' })).body
      .id;
    lobby = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '闲聊群' })).body;
    photo = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '摄影交流群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${lobby.id}/plays/auto-tags`, {
      enabled: true,
      config: { rules: [{ tag: '摄影', keywords: ['相机', '镜头', 'camera'] }] },
    });
    expect(on.status).toBe(200);
    lobbyEvents = `/api/v1/communities/${c}/sandbox/groups/${lobby.id}/events`;
    const say = (user: string, name: string, text: string) =>
      owner.post(lobbyEvents, { type: 'message', user, name, text });
    await say('u1', '小林', '周末去拍照，新买的相机还不太会用');
    await say('u2', '老张, "大师"', '这个镜头适合人像吗？');
    await say('u3', '=HYPERLINK("http://x")', 'my camera broke');
    await say('u4', '小周', '今天天气不错');
    await h.runtime.idle();
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const segmentsUrl = () => `/api/v1/communities/${c}/segments`;

  it('previews a filter, saves it as a segment measured at once, and lists its members', async () => {
    const preview = await owner.post(`${segmentsUrl()}/preview`, { filter: { tagsAny: ['摄影'] } });
    expect(preview.status).toBe(200);
    expect(preview.body.total).toBe(3);

    const bad = await owner.post(segmentsUrl(), { name: '坏的', filter: { pointsMin: 10, pointsMax: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/pointsMax/);
    const unknown = await owner.post(segmentsUrl(), { name: '坏的', filter: { tag: 'x' } });
    expect(unknown.status).toBe(400);

    const saved = await owner.post(segmentsUrl(), { name: '摄影爱好者', filter: { tagsAny: ['摄影'], tagsNone: [] } });
    expect(saved.status).toBe(201);
    // Empty lists are dropped: the stored filter is the one that matters.
    expect(saved.body).toMatchObject({ filter: { tagsAny: ['摄影'] }, lastSize: { day: '2026-11-02', size: 3 } });
    const members = await owner.get(`${segmentsUrl()}/${saved.body.id}/members?pageSize=2`);
    expect(members.body).toMatchObject({ total: 3, pageSize: 2 });
    expect(members.body.items).toHaveLength(2);

    // The members list takes the same filter shape.
    const filter = encodeURIComponent(JSON.stringify({ tagsNone: ['摄影'] }));
    const rest = await owner.get(`/api/v1/communities/${c}/members?filter=${filter}`);
    expect(rest.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['小周']);
    const broken = await owner.get(`/api/v1/communities/${c}/members?filter=${encodeURIComponent('{"layers":["x"]}')}`);
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/layers/);
  });

  it('takes a size each local day, and again on an edit', async () => {
    const s = (await owner.post(segmentsUrl(), { name: '小周们', filter: { q: '小周' } })).body;
    // 08:00 UTC is 16:00 in Shanghai: the day already has its size, nothing to take.
    expect(await takeSegmentSnapshots(h.store, h.clock.now())).toBe(0);
    h.clock.advance(9 * 3600_000); // 01:00 the next local day
    const taken = await takeSegmentSnapshots(h.store, h.clock.now());
    expect(taken).toBeGreaterThanOrEqual(2);
    expect(await takeSegmentSnapshots(h.store, h.clock.now())).toBe(0);
    await owner.login('owner@example.org', PASSWORD); // the test session lasts an hour
    const edited = await owner.call('PATCH', `${segmentsUrl()}/${s.id}`, { filter: { q: '没有这个人' } });
    expect(edited.body.lastSize).toEqual({ day: '2026-11-03', size: 0 });
    const sizes = await owner.get(`${segmentsUrl()}/${s.id}/sizes`);
    expect(sizes.body.items.map((z: { day: string; size: number }) => [z.day, z.size])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 0],
    ]);
    expect((await owner.call('DELETE', `${segmentsUrl()}/${s.id}`)).status).toBe(204);
    expect((await owner.get(`${segmentsUrl()}/${s.id}`)).status).toBe(404);
  });

  it('exports a segment as CSV with a BOM, quoting and formula cells neutralised', async () => {
    const s = (await owner.get(segmentsUrl())).body.items.find((x: { name: string }) => x.name === '摄影爱好者');
    const res = await h.app.request(`${segmentsUrl()}/${s.id}/export.csv`, {
      headers: { cookie: (await loginCookie()).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows: string[][] = parse(text, { bom: true });
    expect(rows[0]?.[1]).toBe('名称');
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain('老张, "大师"');
    // A name a spreadsheet would run as a formula is kept as text.
    expect(names).toContain('\'=HYPERLINK("http://x")');
    expect(rows.slice(1).every((r) => r[3] === '摄影')).toBe(true);
    expect(text).toContain('"老张, ""大师"""');
  });

  it('invites a pond’s waiting members once within the cooldown, and counts who joined', async () => {
    const seg = (await owner.get(segmentsUrl())).body.items.find((x: { name: string }) => x.name === '摄影爱好者');
    const created = await owner.post(`/api/v1/communities/${c}/ponds`, {
      name: '摄影鱼塘',
      segmentId: seg.id,
      targetGroupId: photo.id,
      joinLink: 'https://sandbox.invalid/join/photo',
      perMessage: 2,
    });
    expect(created.status).toBe(201);
    const pondUrl = `/api/v1/communities/${c}/ponds/${created.body.id}`;
    const before = await owner.get(pondUrl);
    expect(before.body.stats).toMatchObject({ segment: 3, waiting: 3, invited: 0 });
    expect(before.body.candidates.every((m: { groupId: number }) => m.groupId === lobby.id)).toBe(true);

    const invited = await owner.post(`${pondUrl}/invite`, {});
    expect(invited.body).toEqual({ invited: 3, messages: 2, groups: 1 });
    await h.runtime.idle();
    const sends = (await h.store.actions.list(c, { limit: 50 })).filter((a) => a.play === 'ponds');
    expect(sends).toHaveLength(2);
    expect(sends.map((a) => (a.payload.mentionMemberIds as number[]).length).sort()).toEqual([1, 2]);
    for (const a of sends) {
      expect(a.groupId).toBe(lobby.id);
      expect(a.payload.text).toContain('https://sandbox.invalid/join/photo');
      expect(a.payload.text).toContain('摄影交流群');
    }

    // Within the cooldown nobody is invited twice.
    expect((await owner.post(`${pondUrl}/invite`, {})).body).toEqual({ invited: 0, messages: 0, groups: 0 });

    await owner.post(`/api/v1/communities/${c}/sandbox/groups/${photo.id}/events`, {
      type: 'join',
      user: 'u1',
      name: '小林',
    });
    const after = await owner.get(pondUrl);
    expect(after.body.stats).toMatchObject({ segment: 3, inTarget: 1, invited: 3, converted: 1, waiting: 0 });
    expect(after.body.invites.filter((i: { joined: boolean }) => i.joined)).toHaveLength(1);

    const wrong = await owner.post(`/api/v1/communities/${c}/ponds`, {
      name: 'x',
      segmentId: seg.id,
      targetGroupId: photo.id,
      joinLink: 'javascript:alert(1)',
    });
    expect(wrong.status).toBe(400);
  });

  const loginCookie = async () => {
    const res = await h.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.org', password: PASSWORD }),
    });
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  };
});
