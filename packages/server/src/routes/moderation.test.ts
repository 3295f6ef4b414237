import { readFileSync } from 'node:fs';
import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModerationDecision } from '../runtime/decisions.js';
import { createHarness, type Harness, TestClient } from '../server.test-support.js';

const PASSWORD = 'correct horse battery';

// Real messages from the moderation plays' fixtures (spam-zh GPL-3.0, #ubuntu CC-BY-4.0: see SOURCE.md there).
const fixtures = new URL('../../../core/src/plays/penalty-ladder/fixtures/', import.meta.url);
const spam = readFileSync(new URL('spam-zh.csv', fixtures), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('1,'))
  .map((l) => l.slice(2));
const irc = readFileSync(new URL('irc-ubuntu-2005-02-06.txt', fixtures), 'utf8')
  .split('\n')
  .map((l) => /^\[\d\d:\d\d\] <[^>]+> (.*)$/.exec(l)?.[1])
  .filter((t): t is string => t !== undefined);

describe.each(testStoreKinds())('moderation API on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let c: number;
  let g1: number;
  let g2: number;
  const decisions: ModerationDecision[] = [];

  const path = (rest: string) => `/api/v1/communities/${c}/moderation${rest}`;
  const post = (group: number, body: object) =>
    owner.post(`/api/v1/communities/${c}/sandbox/groups/${group}/events`, body);
  const actionsOf = async (play: string) =>
    (await h.store.actions.list(c, { limit: 500 })).filter((a) => a.play === play);

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    expect((await owner.login('owner@example.org', PASSWORD)).status).toBe(200);
    c = (await owner.post('/api/v1/communities', { name: '秩序', language: 'zh-CN', timezone: 'UTC' })).body.id;
    g1 = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '一群' })).body.id;
    g2 = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '二群' })).body.id;
    h.runtime.decisions.on((d) => {
      decisions.push(d);
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('lists the four plays with their documented defaults', async () => {
    const plays = await owner.get('/api/v1/plays');
    const byName = new Map(plays.body.items.map((p: { name: string }) => [p.name, p]));
    expect(byName.get('penalty-ladder')).toMatchObject({
      defaults: { forgetAfterDays: 30, exemptRoles: ['owner', 'admin', 'steward'], announceRemovals: false },
    });
    expect(byName.get('quiet-hours')).toMatchObject({
      defaults: { mode: 'delete-and-remind', reportViolation: false },
    });
    expect(byName.get('entry-gate')).toMatchObject({
      defaults: { otherwise: 'queue', challenge: { timeoutSeconds: 120 } },
    });
    expect(byName.get('blocklist')).toMatchObject({ defaults: { repeatAfterMinutes: 60 } });
  });

  it('escalates violations in the sandbox; restore reverses the ledger and undoes mute and blocklist', async () => {
    // Quiet hours (the clock reads 08:00 UTC) stands in for a detector: it reports each message.
    const quiet = { windows: [{ start: '08:00', end: '09:00' }], mode: 'remind-only', reportViolation: true };
    const ladder = { steps: [{ action: 'warn' }, { action: 'mute', durationMinutes: 10 }, { action: 'blocklist' }] };
    for (const g of [g1, g2]) {
      expect(
        (await owner.put(`/api/v1/communities/${c}/groups/${g}/plays/quiet-hours`, { enabled: true, config: quiet }))
          .status,
      ).toBe(200);
      await owner.put(`/api/v1/communities/${c}/groups/${g}/plays/penalty-ladder`, { enabled: true, config: ladder });
      await owner.put(`/api/v1/communities/${c}/groups/${g}/plays/blocklist`, { enabled: true, config: {} });
    }
    const sent: number[] = [];
    for (const text of spam.slice(0, 3)) {
      const r = await post(g1, { type: 'message', user: 'spammer', name: '广告哥', text });
      expect(r.status).toBe(200);
      sent.push(r.body.eventId);
      h.clock.advance(60_000);
    }
    const member = (await post(g1, { type: 'leave', user: 'spammer' })).body.memberId as number;
    expect((await actionsOf('penalty-ladder')).map((a) => [a.kind, a.status])).toEqual([
      ['send', 'sent'],
      ['mute', 'sent'],
      ['send', 'sent'],
      ['remove', 'sent'],
    ]);
    const list = await owner.get(path('/violations'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { text: string; data: { penalty: string } }) => [v.text, v.data.penalty])).toEqual([
      [spam[2], 'blocklist'],
      [spam[1], 'mute'],
      [spam[0], 'warn'],
    ]);
    const blocked = await owner.get(path('/blocklist'));
    expect(blocked.body.items.map((b: { memberId: number; source: string }) => [b.memberId, b.source])).toEqual([
      [member, 'penalty-ladder'],
    ]);
    // Listed: joining the other group gets them removed there too.
    await post(g2, { type: 'join', user: 'spammer' });
    expect((await actionsOf('blocklist')).map((a) => [a.groupId, a.kind, a.payload.ban])).toEqual([
      [g2, 'remove', true],
    ]);

    const confirm = await owner.post(path('/decisions'), {
      eventId: sent[0],
      decision: 'confirm',
      reason: '确实是广告',
    });
    expect(confirm.status).toBe(200);
    const mute = await owner.post(path('/decisions'), { eventId: sent[1], decision: 'restore', reason: '误判' });
    expect(mute.body.decisions).toEqual([{ ledgerId: expect.any(Number), memberId: member, undo: 'unmute' }]);
    const block = await owner.post(path('/decisions'), { eventId: sent[2], decision: 'restore', reason: '误判' });
    expect(block.body.decisions[0].undo).toBe('unblock');
    const again = await owner.post(path('/decisions'), { eventId: sent[2], decision: 'restore', reason: 'twice' });
    expect(again.status).toBe(409);
    await h.runtime.idle();
    expect((await actionsOf('penalty-ladder')).slice(4).map((a) => [a.kind, a.payload, a.status])).toEqual([
      ['unmute', { memberId: member }, 'sent'],
    ]);
    expect((await owner.get(path('/blocklist'))).body.items).toEqual([]);
    const ledger = await h.store.playState.readLedger({ communityId: c, memberId: member, kinds: ['violation'] });
    expect(ledger.reduce((sum, e) => sum + e.amount, 0)).toBe(1);
    expect(ledger.filter((e) => e.amount < 0).map((e) => e.data.reason)).toEqual(['误判', '误判']);
    const after = (await owner.get(path('/violations'))).body.items;
    expect(
      after.map((v: { restored: unknown; confirmed: unknown }) => [v.restored !== null, v.confirmed !== null]),
    ).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(decisions.map((d) => [d.decision, d.text, d.reason])).toEqual([
      ['confirm', spam[0], '确实是广告'],
      ['restore', spam[1], '误判'],
      ['restore', spam[2], '误判'],
    ]);
    // Net of the restores the member has one violation: the next one is a mute again, not a removal.
    h.clock.advance(60_000);
    await post(g1, { type: 'message', user: 'spammer', text: spam[3] });
    expect((await actionsOf('penalty-ladder')).at(-2)?.kind).toBe('mute');
  });

  it('gives roles, and the ladder leaves a steward alone', async () => {
    const start = (await actionsOf('penalty-ladder')).length;
    const member = (await post(g1, { type: 'message', user: 'jdub', name: 'jdub', text: irc[0] })).body.memberId;
    const before = (await actionsOf('penalty-ladder')).length;
    expect(before).toBe(start + 1); // a warning, before the role
    const add = await owner.post(path('/roles'), { memberId: member, role: 'steward' });
    expect(add.body).toEqual({ added: true });
    expect((await owner.post(path('/roles'), { memberId: member, groupId: g2, role: '售后' })).body.added).toBe(true);
    const roles = await owner.get(path(`/roles?memberId=${member}`));
    expect(roles.body.items.map((r: { role: string; groupId: number | null }) => [r.role, r.groupId])).toEqual([
      ['steward', null],
      ['售后', g2],
    ]);
    h.clock.advance(60_000);
    await post(g1, { type: 'message', user: 'jdub', text: irc[1] });
    expect((await actionsOf('penalty-ladder')).length).toBe(before);
    const del = await owner.call('DELETE', path(`/roles?memberId=${member}&role=steward`));
    expect(del.body).toEqual({ removed: true });
    expect((await owner.call('DELETE', path(`/roles?memberId=${member}&role=steward`))).status).toBe(404);
    expect((await owner.post(path('/roles'), { memberId: 999_999, role: 'steward' })).status).toBe(404);
  });

  it('adds, exports and imports the blocklist; a bad line imports nothing', async () => {
    const member = (await post(g1, { type: 'message', user: 'usual', name: 'usual', text: irc[2] })).body.memberId;
    expect((await owner.post(path('/blocklist'), { memberId: member, reason: 'spam' })).body).toEqual({
      memberId: member,
      added: true,
      memberCreated: false,
    });
    const byId = await owner.post(path('/blocklist'), {
      platform: 'telegram',
      platformUserId: '777',
      displayName: '某人',
    });
    expect(byId.body).toMatchObject({ added: true, memberCreated: true });
    const csv = await owner.get(path('/blocklist/export?format=csv'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = String(csv.body).trim().split('\r\n');
    expect(rows[0]).toBe('member_id,platform,platform_user_id,display_name,reason,source,added_at');
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',').slice(1, 3).join(':'))
        .sort(),
    ).toEqual(['sandbox:usual', 'telegram:777']);

    const before = (await owner.get(path('/blocklist'))).body.items.length;
    const members = (await owner.get(`/api/v1/communities/${c}/members?pageSize=200`)).body.total;
    const bad = [
      'platform,platform_user_id,display_name,reason',
      'telegram,1001,甲,广告',
      'telegram,,乙,广告',
      'wechat,wxid_3,丙,引流',
    ].join('\n');
    const rejected = await owner.post(path('/blocklist/import'), { format: 'csv', content: bad });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.message).toContain('line 3');
    expect(rejected.body.error.details).toEqual([{ line: 3, message: expect.stringContaining('platform_user_id') }]);
    const unknown = await owner.post(path('/blocklist/import'), {
      format: 'json',
      content: JSON.stringify([{ platform: 'telegram', platformUserId: '1001' }, { memberId: 987654 }]),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ line: 2, message: expect.stringContaining('987654') }]);
    expect((await owner.get(path('/blocklist'))).body.items.length).toBe(before);
    expect((await owner.get(`/api/v1/communities/${c}/members?pageSize=200`)).body.total).toBe(members);

    const good = await owner.post(path('/blocklist/import'), {
      format: 'csv',
      content: `${bad
        .split('\n')
        .filter((_, i) => i !== 2)
        .join('\n')}\n`,
    });
    expect(good.body).toEqual({ lines: 2, added: 2, membersCreated: 2 });
    // Re-importing our own export adds nothing new.
    const json = await owner.get(path('/blocklist/export?format=json'));
    const round = await owner.post(path('/blocklist/import'), { format: 'json', content: JSON.stringify(json.body) });
    expect(round.body).toMatchObject({ lines: 4, added: 0, membersCreated: 0 });
    expect((await owner.call('DELETE', path(`/blocklist/${member}`))).body).toEqual({ removed: true });
    expect((await owner.call('DELETE', path(`/blocklist/${member}`))).status).toBe(404);
  });

  it('queues join requests the rules do not approve; a steward approves from the console', async () => {
    const gate = {
      autoApprove: { enabled: true, answerKeywords: ['ubuntu'] },
      challenge: { enabled: true, timeoutSeconds: 60 },
    };
    await owner.put(`/api/v1/communities/${c}/groups/${g2}/plays/entry-gate`, { enabled: true, config: gate });
    await post(g2, { type: 'join_request', user: 'hams', name: 'hams', text: 'I run Ubuntu on my laptop' });
    await post(g2, { type: 'join_request', user: 'froust', name: 'froust', text: spam[4] });
    const queue = await owner.get(path('/join-requests'));
    expect(queue.body.items.map((r: { displayName: string; answers: string }) => [r.displayName, r.answers])).toEqual([
      ['froust', spam[4]],
    ]);
    const id = queue.body.items[0].ledgerId;
    expect((await owner.post(path(`/join-requests/${id}/decision`), { decision: 'approve' })).status).toBe(200);
    expect((await owner.post(path(`/join-requests/${id}/decision`), { decision: 'decline' })).status).toBe(409);
    expect((await owner.get(path('/join-requests'))).body.items).toEqual([]);
    await h.runtime.idle();
    expect((await actionsOf('entry-gate')).map((a) => [a.kind, a.status])).toEqual([
      ['approve', 'sent'],
      ['approve', 'sent'],
    ]);
    // The challenge: one newcomer presses the button, the other does not and is removed.
    const pass = (await post(g2, { type: 'join', user: 'hams' })).body.memberId;
    const fail = (await post(g2, { type: 'join', user: 'froust' })).body.memberId;
    const buttons = (await actionsOf('entry-gate')).filter((a) => a.kind === 'send');
    expect(buttons.map((a) => (a.payload.buttons as { data: string }[])[0]?.data)).toEqual([
      `gate:${pass}`,
      `gate:${fail}`,
    ]);
    await post(g2, { type: 'callback', user: 'hams', data: `gate:${pass}` });
    await owner.post(`/api/v1/communities/${c}/sandbox/groups/${g2}/fast-forward`);
    await h.runtime.idle();
    expect((await actionsOf('entry-gate')).filter((a) => a.kind === 'remove').map((a) => a.payload.memberId)).toEqual([
      fail,
    ]);
  });
});
