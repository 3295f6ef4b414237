import { testStoreKinds } from '@qunzhu/store/testing';
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampaignWatcher } from './campaigns/announcer.js';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

type Standing = { memberId: number; name: string; rank: number; invites: number; voided: number; pending: number };

describe.each(testStoreKinds())('referral campaigns in the sandbox, on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let viewer: TestClient;
  let c: number;
  let group: { id: number };
  let events: string;
  let base: string;
  let mug: { id: number };
  let book: { id: number };
  const member: Record<string, number> = {};

  /** A sandbox event; the session is renewed first when the moved clock let it expire. */
  const post = async (body: Record<string, string>) => {
    let r = await owner.post(events, body);
    if (r.status === 401) {
      await owner.login('owner@example.org', PASSWORD);
      r = await owner.post(events, body);
    }
    expect(r.status).toBe(200);
    member[body.user as string] = r.body.memberId;
  };
  const say = (user: string, text: string) => post({ type: 'message', user, name: user, text });
  const join = (user: string, inviter: string) => post({ type: 'join', user, name: user, inviter });

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    await owner.login('owner@example.org', PASSWORD);
    c = (await owner.post('/api/v1/communities', { name: '裂变', language: 'zh-CN', timezone: 'Asia/Shanghai' })).body
      .id;
    group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: 'Ubuntu 中文交流群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/invites`, {
      enabled: true,
      config: { validAfterDays: 1, minMessages: 1, points: 20 },
    });
    expect(on.status).toBe(200);
    events = `/api/v1/communities/${c}/sandbox/groups/${group.id}/events`;
    base = `/api/v1/communities/${c}/campaigns`;
    mug = (await owner.post(`/api/v1/communities/${c}/rewards`, { name: '社群马克杯', cost: 300, stock: 1 })).body;
    book = (
      await owner.post(`/api/v1/communities/${c}/rewards`, {
        name: '签名书',
        cost: 800,
        stock: 5,
        needsApproval: false,
      })
    ).body;
    // Nicks from the #ubuntu demo history (CC-BY-4.0); the harness clock starts at 2026-11-02T08:00Z.
    await say('crimsun', '大家好，我把 PPA 的链接发群里了');
    await say('lamont', 'buildd 今晚重启');
    const u = await h.addUser('viewer@example.org', PASSWORD);
    await h.store.auth.setRole(c, u.id, 'viewer');
    viewer = new TestClient(h.app);
    await viewer.login('viewer@example.org', PASSWORD);
  });
  afterAll(async () => {
    await h?.dispose();
  });
  // The harness's sessions last an hour of its clock, which these tests move by days.
  const relogin = async () => {
    await owner.login('owner@example.org', PASSWORD);
    await viewer.login('viewer@example.org', PASSWORD);
  };
  beforeEach(relogin);

  it('refuses a campaign with bad input, naming the field', async () => {
    const bad = await owner.post(base, {
      name: '双十一邀请有礼',
      startsOn: '2026-11-30',
      endsOn: '2026-11-01',
      targetGroupIds: [group.id],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/endsOn 2026-11-01 is before startsOn/);
    const falling = await owner.post(base, {
      name: 'x',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroupIds: [group.id],
      tiers: [
        { invites: 5, rewardId: mug.id },
        { invites: 3, rewardId: book.id },
      ],
    });
    expect(falling.body.error.message).toMatch(/tiers must rise/);
    const noReward = await owner.post(base, {
      name: 'x',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroupIds: [group.id],
      tiers: [{ invites: 3, rewardId: 99_999 }],
    });
    expect(noReward.body.error.message).toMatch(/no reward 99999/);
    const noGroups = await owner.post(base, {
      name: 'x',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroupIds: [],
    });
    expect(noGroups.body.error.message).toMatch(/targetGroupIds/);
    expect(
      (await viewer.post(base, { name: 'x', startsOn: '2026-11-01', endsOn: '2026-11-30', targetGroupIds: [group.id] }))
        .status,
    ).toBe(403);
  });

  it('counts valid invites, flags a burst, re-ranks on restore, and claims tier rewards', async () => {
    const created = await owner.post(base, {
      name: '双十一邀请有礼',
      description: '邀请好友进群：满 2 人送马克杯，满 3 人送签名书',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroupIds: [group.id],
      tiers: [
        { invites: 2, rewardId: mug.id },
        { invites: 3, rewardId: book.id },
      ],
      status: 'running',
    });
    expect(created.status).toBe(201);
    const campaign = created.body;
    expect(campaign).toMatchObject({ startsAt: '2026-10-31T16:00:00.000Z', endsAt: '2026-11-30T16:00:00.000Z' });
    expect(campaign.rules.burst).toEqual({ joins: 5, minutes: 10 });
    const cb = `${base}/${campaign.id}`;

    // crimsun brings three friends over an afternoon; each says hello.
    for (const friend of ['jdub', 'usual', 'thom']) {
      await join(friend, 'crimsun');
      h.clock.advance(5 * MINUTE);
      await say(friend, '你好，我是从 crimsun 那里来的');
      h.clock.advance(40 * MINUTE);
    }
    // lamont's five "friends" arrive within four minutes and post once each.
    for (const n of ['Kamion', 'mdz', 'fabbione', 'sivang', 'elmo']) {
      await join(n, 'lamont');
      h.clock.advance(MINUTE);
    }
    for (const n of ['Kamion', 'mdz', 'fabbione', 'sivang', 'elmo']) await say(n, '1');
    await relogin();
    let board = (await owner.get(`${cb}/leaderboard`)).body;
    // Not valid before the invites play's one day has passed.
    expect(board.totals).toEqual({ counted: 0, pending: 8, voided: 0, notValid: 0 });

    h.clock.advance(2 * 24 * 60 * MINUTE);
    await h.runtime.tick();
    await h.runtime.idle();
    await relogin();
    board = (await viewer.get(`${cb}/leaderboard`)).body;
    expect(board.items.map((s: Standing) => [s.name, s.rank, s.invites, s.voided])).toEqual([
      ['crimsun', 1, 3, 0],
      ['lamont', 2, 0, 5],
    ]);
    expect(board.items[0].tiersReached).toEqual([0, 1]);

    const flags = (await viewer.get(`${cb}/flags?active=true`)).body.items;
    expect(flags.map((f: { inviteeName: string; rule: string }) => `${f.inviteeName}:${f.rule}`).sort()).toEqual([
      'Kamion:burst',
      'elmo:burst',
      'fabbione:burst',
      'mdz:burst',
      'sivang:burst',
    ]);
    expect(flags[0].reason).toMatch(/5 joins invited by lamont within 4 minutes/);

    // Reading again stores nothing new.
    const again = (await viewer.get(`${cb}/flags`)).body.items;
    expect(again).toEqual(flags);

    // The steward checked: two of them are real colleagues.
    for (const n of ['Kamion', 'mdz']) {
      const r = await owner.post(`${cb}/flags/${member[n]}/restore`, { note: '核实过，是同事' });
      expect(r.body.changed).toBe(1);
    }
    expect((await viewer.post(`${cb}/flags/${member.elmo}/restore`, {})).status).toBe(403);
    board = (await owner.get(`${cb}/leaderboard`)).body;
    expect(board.items.map((s: Standing) => [s.name, s.invites])).toEqual([
      ['crimsun', 3],
      ['lamont', 2],
    ]);
    const restored = (await owner.get(`${cb}/flags`)).body.items.filter(
      (f: { restoredAt: string | null }) => f.restoredAt,
    );
    expect(restored.map((f: { restoreNote: string }) => f.restoreNote)).toEqual(['核实过，是同事', '核实过，是同事']);

    // Claims: the mug (one in stock, needs approval) and the book (no approval).
    const claim = (memberId: number | undefined, tier: number) => owner.post(`${cb}/claims`, { memberId, tier });
    // Both reached tier 1 and ask at once for the one mug left: one gets it.
    const both = await Promise.all([claim(member.crimsun, 0), claim(member.lamont, 0)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const first = both.find((r) => r.status === 201) as (typeof both)[number];
    expect(both.find((r) => r.status === 409)?.body.error.message).toMatch(/out of stock/);
    expect(first.body).toMatchObject({ status: 'pending', tier: 0, rewardName: '社群马克杯' });
    expect((await claim(first.body.memberId, 0)).body.error.message).toMatch(/already claimed/);
    expect((await claim(member.lamont, 1)).body.error.message).toMatch(/needs 3 valid invites; member \d+ has 2/);
    const bookClaim = await claim(member.crimsun, 1);
    expect(bookClaim.body.status).toBe('approved');
    const approve = await owner.post(`/api/v1/communities/${c}/redemptions/${first.body.id}/decision`, {
      decision: 'approve',
    });
    expect(approve.body.status).toBe('approved');
    // No points were spent: crimsun's balance is the invites play's 3 × 20.
    expect((await owner.get(`/api/v1/communities/${c}/members/${member.crimsun}/engagement`)).body.points).toBe(60);
    const claims = (await viewer.get(`${cb}/claims`)).body.items;
    expect(claims.map((x: { rewardName: string; status: string }) => [x.rewardName, x.status])).toEqual([
      ['签名书', 'approved'],
      ['社群马克杯', 'approved'],
    ]);

    // Taking a restore back voids the credit again.
    await owner.post(`${cb}/flags/${member.mdz}/void`, {});
    board = (await owner.get(`${cb}/leaderboard`)).body;
    expect(board.items.find((s: Standing) => s.name === 'lamont').invites).toBe(1);
  });

  it('says in the group once when a participant reaches a tier, however often it is counted', async () => {
    const campaign = (
      await owner.post(base, {
        name: '邀请有礼',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        targetGroupIds: [group.id],
        tiers: [{ invites: 3, rewardId: book.id }],
        status: 'running',
        announce: true,
      })
    ).body;
    expect(campaign).toMatchObject({ announce: true, announceTemplate: '' });
    await owner.get(`${base}/${campaign.id}/leaderboard`);
    await owner.get(`${base}/${campaign.id}/leaderboard`);
    const watcher = new CampaignWatcher({ store: h.store, runtime: h.runtime, clock: h.clock, log: console });
    await watcher.sweep();
    await h.runtime.idle();
    const said = (await h.store.actions.list(c, { limit: 500 }))
      .filter((a) => a.play === 'campaigns' && a.kind === 'send')
      .map((a) => [a.payload.text, a.payload.mentionMemberIds, a.status]);
    expect(said).toEqual([
      ['🎉 crimsun 在「邀请有礼」中已有 3 位有效邀请，达成第 1 档：签名书！', [member.crimsun], 'sent'],
    ]);
  });

  it('gives a participant a personal invite link through the outbox, and a poster with its QR code', async () => {
    const campaign = (
      await owner.post(base, {
        name: '邀请好友进群',
        description: '邀请好友进群，一起学 Ubuntu',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        targetGroupIds: [group.id],
        status: 'running',
      })
    ).body;
    const cb = `${base}/${campaign.id}`;
    const early = await owner.get(`${cb}/participants/${member.lamont}/poster`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/register them as a participant first/);
    const reg = await owner.post(`${cb}/participants`, { memberId: member.lamont });
    expect(reg.status).toBe(201);
    expect(reg.body.link).toMatchObject({ kind: 'invite_link', status: 'sent' });
    expect(reg.body.link.url).toMatch(/^https:\/\/sandbox\.invalid\/join\/\d+$/);
    const action = (await h.store.actions.list(c, { limit: 200 })).find((a) => a.kind === 'create_invite_link');
    expect(action?.payload).toEqual({ name: `qz-m${member.lamont}`, memberId: member.lamont });
    // Registering again creates no second link.
    const twice = await owner.post(`${cb}/participants`, { memberId: member.lamont });
    expect(twice.body).toMatchObject({ added: false, link: { url: reg.body.link.url } });
    const links = (await h.store.actions.list(c, { limit: 200 })).filter((a) => a.kind === 'create_invite_link');
    expect(links).toHaveLength(1);

    const participants = (await viewer.get(`${cb}/participants`)).body.items;
    expect(participants.find((p: { memberId: number }) => p.memberId === member.lamont)).toMatchObject({
      source: 'operator',
      link: { url: reg.body.link.url },
    });

    const svg = await viewer.call('GET', `${cb}/participants/${member.lamont}/poster?format=svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(svg.headers.get('content-disposition')).toContain(`campaign-${campaign.id}-m${member.lamont}.svg`);
    const image = new Resvg(svg.body as string).render();
    expect(jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data).toBe(reg.body.link.url);
    const png = await viewer.call('GET', `${cb}/participants/${member.lamont}/poster?format=png`);
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it("uses the live code's link with the campaign channel and the member's ref when there is one", async () => {
    const fields = {
      name: '活码裂变',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroupIds: [group.id],
      liveCode: 'ubuntu-cn',
    };
    const unknown = await owner.post(base, fields);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/liveCode/);
    const made = await owner.post(`/api/v1/communities/${c}/live-codes`, {
      name: 'Ubuntu 中文',
      code: 'ubuntu-cn',
      targets: [{ groupId: group.id }],
    });
    expect(made.status).toBe(201);
    const campaign = (
      await owner.post(base, {
        name: '活码裂变',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        targetGroupIds: [group.id],
        liveCode: 'ubuntu-cn',
      })
    ).body;
    const reg = await owner.post(`${base}/${campaign.id}/participants`, { memberId: member.crimsun });
    expect(reg.body.link).toEqual({
      kind: 'live_code',
      status: 'ready',
      url: `http://localhost/j/ubuntu-cn?ch=campaign-${campaign.id}&ref=m${member.crimsun}`,
      error: null,
    });
    const ended = await owner.call('PATCH', `${base}/${campaign.id}`, { status: 'ended' });
    expect(ended.body.status).toBe('ended');
    expect((await owner.post(`${base}/${campaign.id}/participants`, { memberId: member.lamont })).status).toBe(409);
    const list = (await viewer.get(base)).body.items.map((x: { name: string }) => x.name);
    expect(list).toContain('活码裂变');
    expect((await owner.call('DELETE', `${base}/${campaign.id}`)).body).toEqual({ deleted: true });
    expect((await owner.get(`${base}/${campaign.id}`)).status).toBe(404);
  });
});
