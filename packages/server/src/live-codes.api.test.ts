import type { EventInput } from '@qunzhu/core';
import { testStoreKinds } from '@qunzhu/store/testing';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindExpiringQrs } from './live-codes/index.js';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;

describe.each(testStoreKinds())('live codes API and /j on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let steward: TestClient;
  let viewer: TestClient;
  let c: number;
  let groupQr: Uint8Array;
  const api = (path: string) => `/api/v1/communities/${c}/live-codes${path}`;
  const group = async (platform: string, id: string, name: string) =>
    (await h.store.groups.create(c, { platform, platformGroupId: id, name })).id;
  /** A visitor: no session, a browser language. */
  const open = async (path: string, lang = 'zh-CN,zh;q=0.9'): Promise<Response> =>
    h.app.request(path, { headers: { 'accept-language': lang } });

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '活码', timezone: 'Asia/Shanghai' })).body.id;
    for (const role of ['steward', 'viewer'] as const) {
      await owner.put(`/api/v1/communities/${c}/users`, { email: `${role}@example.org`, role, password: PASSWORD });
    }
    steward = new TestClient(h.app);
    await steward.login('steward@example.org', PASSWORD);
    viewer = new TestClient(h.app);
    await viewer.login('viewer@example.org', PASSWORD);
    // A group QR as WeChat makes them: a QR code of the group's join address, as PNG.
    groupQr = new Uint8Array(await QRCode.toBuffer('https://weixin.qq.com/g/AQYAAFqT0v3_example', { width: 300 }));
  });
  afterAll(async () => {
    await h?.runtime.idle();
    await h?.dispose();
  });

  it('creates a live code with a WeChat pool (capacity by platform), enforcing roles and checking uploads', async () => {
    const wx = await group('wechat', 'wx-roles', '读书会 1 群');
    expect((await viewer.post(api(''), { name: '读书会' })).status).toBe(403);
    const bad = await owner.post(api(''), { name: '读书会', code: 'a b', targets: [{ groupId: wx }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/code/);
    const created = await owner.post(api(''), { name: '读书会', code: 'book-club', targets: [{ groupId: wx }] });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/j\/book-club$/);
    const [t] = created.body.targets;
    expect(t).toMatchObject({ kind: 'qr', capacity: 200, status: 'no_qr', groupName: '读书会 1 群' });
    const upload = (client: TestClient, bytes: Uint8Array, query = '') =>
      client.call('PUT', api(`/${created.body.id}/targets/${t.id}/qr${query}`), bytes);
    expect((await upload(viewer, groupQr)).status).toBe(403);
    const gif = new Uint8Array(200).fill(7);
    gif.set([0x47, 0x49, 0x46, 0x38]);
    const refused = await upload(steward, gif);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/neither a PNG nor a JPEG/);
    const huge = new Uint8Array(2 * 1024 * 1024 + 1);
    huge.set(groupQr.subarray(0, 8));
    expect((await upload(steward, huge)).body.error.message).toMatch(/larger than/);
    const ok = await upload(steward, groupQr);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ok', qr: { type: 'image/png', version: 1, bytes: groupQr.length } });
    expect(Date.parse(ok.body.qr.expiresAt) - h.clock.now().getTime()).toBe(7 * DAY);
    const image = await viewer.call('GET', api(`/${created.body.id}/targets/${t.id}/qr`));
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('shows the QR page in the visitor’s language and serves the image; unknown codes get 404', async () => {
    const zh = await open('/j/book-club');
    expect(zh.status).toBe(200);
    const page = await zh.text();
    expect(page).toContain('读书会 1 群');
    expect(page).toContain('长按识别或扫描二维码');
    const src = /<img src="([^"]+)"/.exec(page)?.[1] ?? '';
    const image = await open(src.replace(/&amp;/g, '&'));
    expect(image.status).toBe(200);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(groupQr);
    const en = await (await open('/j/BOOK-CLUB', 'en-GB,en;q=0.8')).text();
    expect(en).toContain('Long-press or scan the QR code');
    const missing = await open('/j/no-such-code', 'en');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No such code');
  });

  it('sends nobody beyond the capacity under parallel visitors, then says the groups are full and alerts once', async () => {
    const [g1, g2] = [await group('wechat', 'wx-p1', '快闪 1 群'), await group('wechat', 'wx-p2', '快闪 2 群')];
    const l = (
      await owner.post(api(''), {
        name: '快闪群',
        code: 'flash',
        targets: [
          { groupId: g1, capacity: 3 },
          { groupId: g2, capacity: 2 },
        ],
      })
    ).body;
    for (const t of l.targets) await steward.call('PUT', api(`/${l.id}/targets/${t.id}/qr`), groupQr);
    const pages = await Promise.all(Array.from({ length: 30 }, () => open('/j/flash').then((r) => r.text())));
    const shown = (name: string) => pages.filter((p) => p.includes(name)).length;
    expect([shown('快闪 1 群'), shown('快闪 2 群')]).toEqual([3, 2]);
    expect(pages.filter((p) => p.includes('data-testid="live-code-full"'))).toHaveLength(25);
    const after = (await owner.get(api(`/${l.id}`))).body;
    expect(after.targets.map((t: { fill: number; status: string }) => [t.fill, t.status])).toEqual([
      [3, 'full'],
      [2, 'full'],
    ]);
    expect(after.exhaustedAt).not.toBeNull();
    const alerts = (await owner.get(`/api/v1/communities/${c}/actions?limit=500`)).body.items.filter(
      (a: { kind: string; payload: { reason?: string; liveCodeId?: number } }) =>
        a.kind === 'alert' && a.payload.reason === 'live_code_full' && a.payload.liveCodeId === l.id,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].payload.text).toContain('快闪群');
    // Room again (the operator recounted group 2): visitors go there, and the episode ends.
    await owner.call('PATCH', api(`/${l.id}/targets/${l.targets[1].id}`), { baseMembers: 1 });
    expect(await (await open('/j/flash')).text()).toContain('快闪 2 群');
    expect((await owner.get(api(`/${l.id}`))).body.exhaustedAt).toBeNull();
  });

  it('redirects to named links it creates: the pool’s, a declared channel’s, a referrer’s', async () => {
    const sb = await group('sandbox', 'sandbox-lc', '沙盒群');
    const ingest = await h.store.ingest(c, [
      {
        type: 'message',
        source: 'sandbox',
        sourceId: 'lc-1',
        group: { platform: 'sandbox', platformGroupId: 'sandbox-lc' },
        actor: { platform: 'sandbox', platformUserId: 'crimsun', displayName: 'crimsun' },
        at: h.clock.now(),
        text: 'hello',
      },
    ]);
    const member = ingest.events[0]?.memberId as number;
    const l = (
      await owner.post(api(''), {
        name: '沙盒',
        code: 'sandbox-code',
        channels: ['poster-a'],
        targets: [{ groupId: sb }],
      })
    ).body;
    await h.runtime.idle();
    const go = async (query: string) => {
      const r = await open(`/j/sandbox-code${query}`);
      expect(r.status).toBe(302);
      return r.headers.get('location') ?? '';
    };
    const pool = await go('');
    expect(pool).toMatch(/^https:\/\/sandbox\.invalid\/join\/\d+$/);
    const poster = await go('?ch=poster-a');
    expect(poster).toMatch(/^https:\/\/sandbox\.invalid\/join\/\d+$/);
    expect(poster).not.toBe(pool);
    // An undeclared channel is counted but gets the pool's link; a bad ref is ignored.
    expect(await go('?ch=poster-b')).toBe(pool);
    expect(await go('?ref=m99999')).toBe(pool);
    expect(await go('?ref=m1%20or%201=1')).toBe(pool);
    const personal = await go(`?ch=campaign-7&ref=m${member}`);
    expect([pool, poster]).not.toContain(personal);
    const links = (await owner.get(`/api/v1/communities/${c}/actions?limit=500`)).body.items
      .filter((a: { kind: string; groupId: number }) => a.kind === 'create_invite_link' && a.groupId === sb)
      .map((a: { payload: { name: string } }) => a.payload.name);
    expect(links).toEqual([`qz-c${l.id}`, `qz-c${l.id}-poster-a`, `qz-m${member}`]);
    // The same referrer again: the same link, no new action.
    expect(await go(`?ref=m${member}`)).toBe(personal);

    // A join through the channel's link counts for that channel.
    const joined: EventInput = {
      type: 'join',
      source: 'sandbox',
      sourceId: 'lc-join-1',
      group: { platform: 'sandbox', platformGroupId: 'sandbox-lc' },
      actor: { platform: 'sandbox', platformUserId: 'kleedrac', displayName: 'kleedrac' },
      at: h.clock.now(),
      extra: { inviteLink: { url: poster, name: `qz-c${l.id}-poster-a` } },
    };
    await h.store.ingest(c, [joined]);
    const stats = (await viewer.get(api(`/${l.id}/stats`))).body;
    const byChannel = Object.fromEntries(
      stats.channels.map((s: { channel: string; visits: number; joins: number }) => [s.channel, [s.visits, s.joins]]),
    );
    expect(byChannel).toEqual({ '': [4, 0], 'poster-a': [1, 1], 'poster-b': [1, 0], 'campaign-7': [1, 0] });
    expect(stats.days.every((d: { day: string }) => d.day === '2026-11-02')).toBe(true);
    const badDay = await viewer.get(api(`/${l.id}/stats?from=2026-02-30`));
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toMatch(/no such calendar day/);
    // Paused: the page says so and sends nobody anywhere.
    await owner.call('PATCH', api(`/${l.id}`), { active: false });
    const paused = await open('/j/sandbox-code', 'en');
    expect(paused.status).toBe(200);
    expect(await paused.text()).toContain('This code is paused');
  });

  it('downloads the live code’s QR as PNG and SVG, per channel', async () => {
    const l = (await owner.get(api(''))).body.items.find((x: { code: string }) => x.code === 'book-club');
    const png = await viewer.call('GET', api(`/${l.id}/qr.png?ch=poster-a&size=256`));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toContain('live-code-book-club-poster-a.png');
    const svg = await viewer.call('GET', api(`/${l.id}/qr.svg`));
    const svgPoster = await viewer.call('GET', api(`/${l.id}/qr.svg?ch=poster-a`));
    expect(svg.body).toMatch(/^<svg/);
    expect(svg.body).not.toBe(svgPoster.body);
    expect(svgPoster.body).toBe(
      await QRCode.toString('http://localhost/j/book-club?ch=poster-a', {
        type: 'svg',
        margin: 2,
        errorCorrectionLevel: 'M',
      }),
    );
    expect((await viewer.call('GET', api(`/${l.id}/qr.png?ch=${encodeURIComponent('海报')}`))).status).toBe(400);
  });

  it('reminds stewards a day before a QR expires, once per QR, from the runtime tick', async () => {
    const wx = await group('wechat', 'wx-remind', '提醒 1 群');
    const l = (await owner.post(api(''), { name: '提醒', targets: [{ groupId: wx }] })).body;
    await steward.call('PUT', api(`/${l.id}/targets/${l.targets[0].id}/qr?days=2`), groupQr);
    h.runtime.every('live-code reminders', 60_000, (now) => remindExpiringQrs(h.store, now));
    // Read from the store: the clock moves past the test sessions' lifetime.
    const reminders = async () =>
      (await h.store.actions.list(c, { groupId: wx, limit: 500 })).filter(
        (a) => a.kind === 'alert' && a.payload.reason === 'live_code_qr_expiring',
      );
    await h.runtime.tick();
    expect(await reminders()).toHaveLength(0);
    h.clock.advance(DAY + 60_000);
    await h.runtime.tick();
    h.clock.advance(3600_000);
    await h.runtime.tick();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent' });
    expect(String(sent[0]?.payload.text)).toContain('提醒 1 群');
    // Expired: the page no longer offers it.
    h.clock.advance(DAY);
    expect(await (await open(`/j/${l.code}`)).text()).toContain('data-testid="live-code-full"');
  });
});
