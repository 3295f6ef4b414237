import { readFileSync } from 'node:fs';
import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapOwner } from './bootstrap.js';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

// Lines from the #ubuntu IRC history of the demo (CC-BY-4.0, see packages/server/demo/SOURCE.md).
const ircRecords = [
  { type: 'message', group: '#ubuntu', user: 'crimsun', at: '2004-12-25T09:14:00Z', text: "kleedrac: I'm afraid not." },
  {
    type: 'message',
    group: '#ubuntu',
    user: 'intinig',
    at: '2004-12-25T09:14:00Z',
    text: 'does a subversion gnome client exist?',
  },
  { type: 'join', group: '#ubuntu', user: 'L0sT', at: '2004-12-25T09:15:00Z' },
];

describe.each(testStoreKinds())('HTTP API on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let a: number;
  let b: number;

  beforeAll(async () => {
    h = await createHarness(kind);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    expect((await owner.login('owner@example.org', PASSWORD)).status).toBe(200);
    a = (await owner.post('/api/v1/communities', { name: '社群 A', timezone: 'Asia/Shanghai' })).body.id;
    b = (await owner.post('/api/v1/communities', { name: 'Community B', language: 'en' })).body.id;
    expect((await owner.post(`/api/v1/communities/${a}/events`, { events: ircRecords, platform: 'irc' })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('serves health and an OpenAPI document', async () => {
    const anon = new TestClient(h.app);
    const health = await anon.get('/healthz');
    expect(health.body).toMatchObject({ ok: true, store: kind });
    const doc = await anon.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/communities/{communityId}/members');
    expect(doc.body.components.securitySchemes).toHaveProperty('bearer');
  });

  it('answers 401 to unauthenticated requests and 404 as JSON to unknown routes', async () => {
    const anon = new TestClient(h.app);
    const r = await anon.get('/api/v1/communities');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect((await anon.get(`/api/v1/communities/${a}/members`)).status).toBe(401);
    const missing = await owner.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('rejects malformed bodies with 400 and the zod issues, without a stack trace', async () => {
    const bad = await owner.post('/api/v1/communities', { name: '', timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((i: { path: string[] }) => i.path[0])).toEqual(['name', 'timezone']);
    const notJson = await owner.call('POST', '/api/v1/communities', '{"name": ', {});
    expect(notJson.status).toBe(400);
    expect(JSON.stringify(notJson.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses unsafe requests with the session cookie but without the CSRF token', async () => {
    const noCsrf = new TestClient(h.app);
    await noCsrf.login('owner@example.org', PASSWORD);
    noCsrf.csrf = '';
    const r = await noCsrf.post('/api/v1/communities', { name: 'csrf' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/x-csrf-token/);
  });

  it('rate-limits failed logins', async () => {
    await h.addUser('target@example.org', PASSWORD);
    const guesser = new TestClient(h.app);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await guesser.login('target@example.org', `wrong-${i}-password`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await guesser.login('target@example.org', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('enforces roles: a viewer reads but cannot configure; a user of A cannot read B', async () => {
    await owner.put(`/api/v1/communities/${a}/users`, {
      email: 'viewer@example.org',
      role: 'viewer',
      password: PASSWORD,
    });
    const viewer = new TestClient(h.app);
    expect((await viewer.login('viewer@example.org', PASSWORD)).status).toBe(200);
    const groups = await viewer.get(`/api/v1/communities/${a}/groups`);
    expect(groups.status).toBe(200);
    const groupId = groups.body.items[0].id;
    const put = await viewer.put(`/api/v1/communities/${a}/groups/${groupId}/plays/welcome`, { enabled: true });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('forbidden');
    expect((await viewer.get(`/api/v1/communities/${b}`)).status).toBe(403);
    expect((await viewer.get(`/api/v1/communities/${b}/members`)).status).toBe(403);
    const mine = await viewer.get('/api/v1/communities');
    expect(mine.body.items.map((c: { id: number }) => c.id)).toEqual([a]);
    // An admin may not hand out the owner role.
    await owner.put(`/api/v1/communities/${a}/users`, {
      email: 'admin@example.org',
      role: 'admin',
      password: PASSWORD,
    });
    const admin = new TestClient(h.app);
    await admin.login('admin@example.org', PASSWORD);
    expect(
      (await admin.put(`/api/v1/communities/${a}/users`, { email: 'viewer@example.org', role: 'owner' })).status,
    ).toBe(403);
    expect(
      (await admin.put(`/api/v1/communities/${a}/groups/${groupId}/plays/welcome`, { enabled: false })).status,
    ).toBe(200);
  });

  it('scopes API tokens to their community and role', async () => {
    const created = await owner.post(`/api/v1/communities/${a}/tokens`, { name: 'report script', role: 'viewer' });
    expect(created.body.token).toMatch(/^qzt_/);
    const script = new TestClient(h.app, created.body.token);
    expect((await script.get(`/api/v1/communities/${a}/members`)).body.total).toBe(3);
    expect((await script.get(`/api/v1/communities/${b}/members`)).status).toBe(403);
    expect(
      (await script.post(`/api/v1/communities/${a}/groups`, { platform: 'irc', platformGroupId: '#x', name: 'x' }))
        .status,
    ).toBe(403);
    await owner.call('DELETE', `/api/v1/communities/${a}/tokens/${created.body.id}`);
    expect((await script.get(`/api/v1/communities/${a}/members`)).status).toBe(401);
  });

  it('searches members with pagination and pages a member timeline', async () => {
    const page = await owner.get(`/api/v1/communities/${a}/members?pageSize=2&page=1&sort=name`);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['crimsun', 'intinig']);
    const found = await owner.get(`/api/v1/communities/${a}/members?q=crim`);
    const id = found.body.items[0].id;
    const detail = await owner.get(`/api/v1/communities/${a}/members/${id}`);
    expect(detail.body.identities).toEqual([
      { communityId: a, memberId: id, platform: 'irc', platformUserId: 'crimsun', displayName: 'crimsun' },
    ]);
    const timeline = await owner.get(`/api/v1/communities/${a}/members/${id}/events?limit=1`);
    expect(timeline.body.items[0].payload.text).toBe("kleedrac: I'm afraid not.");
    expect(timeline.body.nextCursor).not.toBeNull();
    const rest = await owner.get(
      `/api/v1/communities/${a}/members/${id}/events?limit=1&cursor=${timeline.body.nextCursor}`,
    );
    expect(rest.body).toEqual({ items: [], nextCursor: null });
    expect((await owner.get(`/api/v1/communities/${b}/members/${id}`)).status).toBe(404);
  });

  it('serves the report to viewers of the community only', async () => {
    const r = await owner.get(`/api/v1/communities/${a}/report?tz=UTC`);
    expect(r.status).toBe(200);
    expect(r.body.totals).toMatchObject({ messages: 2, joins: 1, members: 3, activeMembers: 2 });
    expect(r.body.scope.tz).toBe('UTC');
    const bad = await owner.get(`/api/v1/communities/${a}/report?from=2005-01-02&to=2005-01-01`);
    expect(bad.status).toBe(400);
  });

  it('ingests all or nothing through the API and counts duplicates', async () => {
    const c = (await owner.post('/api/v1/communities', { name: 'ingest-api' })).body.id;
    const bad = await owner.post(`/api/v1/communities/${c}/events`, {
      events: [...ircRecords, { type: 'message', group: '#ubuntu', user: 'x', at: '2004-12-25 09:14' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/events\[3\]: at:/);
    expect((await owner.get(`/api/v1/communities/${c}`)).body.events).toEqual({});
    const good = await owner.post(`/api/v1/communities/${c}/events`, { events: ircRecords });
    expect(good.body).toEqual({ inserted: 3, duplicates: 0 });
    const again = await owner.post(`/api/v1/communities/${c}/events`, { events: ircRecords });
    expect(again.body).toEqual({ inserted: 0, duplicates: 3 });
  });

  it('greets a burst of sandbox joins in one message, and the backtest yields the same actions', async () => {
    const c = (await owner.post('/api/v1/communities', { name: 'sandbox', language: 'zh-CN', timezone: 'UTC' })).body
      .id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '新人群' })).body;
    const config = { rules: '请阅读群公告。', burstWindowSeconds: 30 };
    const on = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/welcome`, { enabled: true, config });
    expect(on.status).toBe(200);
    const events = `/api/v1/communities/${c}/sandbox/groups/${group.id}/events`;
    await owner.post(events, { type: 'join', user: 'u1', name: '小明' });
    h.clock.advance(5_000);
    await owner.post(events, { type: 'join', user: 'u2', name: '小红' });
    h.clock.advance(5_000);
    await owner.post(events, { type: 'message', user: 'u1', text: '大家好' });
    expect(await h.store.actions.list(c, { limit: 10 })).toEqual([]);
    h.clock.advance(25_000);
    await h.runtime.tick();
    const live = await h.store.actions.list(c, { limit: 10 });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ kind: 'send', status: 'sent', play: 'welcome' });
    expect(live[0]?.payload.text).toBe('欢迎 小明和小红 加入「新人群」！请阅读群公告。');
    expect(live[0]?.at.toISOString()).toBe('2026-11-02T08:00:30.000Z');
    // A second burst after the first was greeted gets its own greeting.
    await owner.post(events, { type: 'join', user: 'u3', name: '小刚' });
    const ff = await owner.post(`/api/v1/communities/${c}/sandbox/groups/${group.id}/fast-forward`);
    expect(
      ff.body.transcript.filter((i: { kind: string }) => i.kind === 'action').map((i: { text: string }) => i.text),
    ).toEqual(['欢迎 小明和小红 加入「新人群」！请阅读群公告。', '欢迎 小刚 加入「新人群」！请阅读群公告。']);

    const backtest = await owner.post(`/api/v1/communities/${c}/plays/welcome/backtest`, { config, sample: 10 });
    expect(backtest.status).toBe(200);
    expect(backtest.body).toMatchObject({ eventsReplayed: 4, actionCount: 2, actionsByKind: { send: 2 }, failures: 0 });
    const liveAll = await h.store.actions.list(c, { limit: 10 });
    const shape = (x: { kind: string; payload: unknown; idempotencyKey: string; at: unknown; groupId: number }) => ({
      kind: x.kind,
      payload: x.payload,
      key: x.idempotencyKey,
      at: new Date(String(x.at instanceof Date ? x.at.toISOString() : x.at)).toISOString(),
      groupId: x.groupId,
    });
    // Fast-forward fires a timer early, but decisions carry the timer's due time: live equals backtest.
    expect(backtest.body.sample.map(shape)).toEqual(liveAll.map(shape));
  });

  it('imports an uploaded export as a job, with rejects and errors a person can read', async () => {
    const c = (await owner.post('/api/v1/communities', { name: 'upload' })).body.id;
    const jsonl = `${ircRecords.map((r) => JSON.stringify(r)).join('\n')}\n{"type":"message"}\n`;
    const url = `/api/v1/communities/${c}/imports?fileName=ubuntu.jsonl&platform=irc&wait=true`;
    const strict = await owner.post(url, Buffer.from(jsonl));
    expect(strict.body).toMatchObject({ state: 'failed', fileName: 'ubuntu.jsonl', error: { code: 'bad_input' } });
    expect(strict.body.error.message).toMatch(/^ubuntu\.jsonl:4: /);
    const lenient = await owner.post(`${url}&skipInvalid=true`, Buffer.from(jsonl));
    expect(lenient.body).toMatchObject({ state: 'done', summary: { format: 'jsonl', inserted: 3, rejected: 1 } });
    expect(lenient.body.rejects).toEqual([
      { file: 'ubuntu.jsonl', line: 4, reason: expect.any(String), text: '{"type":"message"}' },
    ]);
    const started = await owner.post(
      `/api/v1/communities/${c}/imports?fileName=again.jsonl&platform=irc`,
      Buffer.from(jsonl.split('\n').slice(0, 3).join('\n')),
    );
    expect(started.body.state).toBe('running');
    let job = started.body;
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await owner.get(`/api/v1/communities/${c}/imports/${job.id}`)).body;
    }
    expect(job).toMatchObject({ state: 'done', summary: { inserted: 0, duplicates: 3 } });
    expect((await owner.get(`/api/v1/communities/${c}/imports`)).body.items).toHaveLength(3);
    // Exports are bigger than API bodies: a 9 MB upload is taken (the limit for other bodies is 8 MiB).
    const line = `${JSON.stringify(ircRecords[0])}\n`;
    const big = Buffer.from(line.repeat(Math.ceil((9 * 1024 * 1024) / line.length)));
    const large = await owner.post(
      `/api/v1/communities/${c}/imports?fileName=big.jsonl&platform=irc&dryRun=true&wait=true`,
      big,
    );
    expect(large.body).toMatchObject({ state: 'done', summary: { dryRun: true } });
    expect((await owner.post(`/api/v1/communities/${c}/events`, big)).body.error.message).toMatch(/larger than/);
    // A generic CSV goes through the API with its column mapping.
    const csv = readFileSync(new URL('../../importers/fixtures/csv/signup-bot-log.csv', import.meta.url));
    const map = encodeURIComponent('at=时间,group=群名,user=用户ID,name=群昵称,type=事件,text=内容,inviter=邀请人');
    const mapped = await owner.post(
      `/api/v1/communities/${c}/imports?fileName=log.csv&format=csv&tz=Asia/Shanghai&platform=wechat&map=${map}&wait=true`,
      csv,
    );
    expect(mapped.body).toMatchObject({ state: 'done', summary: { format: 'csv', inserted: 21, rejected: 0 } });
    const badMap = await owner.post(
      `/api/v1/communities/${c}/imports?fileName=log.csv&format=csv&map=when&wait=true`,
      csv,
    );
    expect(badMap.status).toBe(400);
    const garbage = await owner.post(
      `/api/v1/communities/${c}/imports?fileName=x.bin&wait=true`,
      Buffer.from([0, 1, 2, 3, 255, 0]),
    );
    expect(garbage.body).toMatchObject({ state: 'failed', error: { code: 'bad_input' } });
    const viewer = new TestClient(h.app);
    await viewer.login('viewer@example.org', PASSWORD);
    expect((await viewer.post(`/api/v1/communities/${a}/imports?fileName=x.jsonl`, Buffer.from(jsonl))).status).toBe(
      403,
    );
  });

  it('refuses sandbox actions on a group that is not a sandbox', async () => {
    const groups = await owner.get(`/api/v1/communities/${a}/groups`);
    const r = await owner.post(`/api/v1/communities/${a}/sandbox/groups/${groups.body.items[0].id}/events`, {
      type: 'join',
      user: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/not a sandbox group/);
  });
});

describe('first-run setup', () => {
  it('creates the owner with the one-time token, once', async () => {
    const h = await createHarness('pglite');
    try {
      const boot = await bootstrapOwner(h.store, {});
      if (boot.kind !== 'setup') throw new Error('expected a setup token');
      const c = new TestClient(h.app);
      expect((await c.get('/api/v1/auth/status')).body).toEqual({ setupRequired: true, authenticated: false });
      const wrong = await c.post('/api/v1/auth/setup', { token: 'nope', email: 'me@example.org', password: PASSWORD });
      expect(wrong.status).toBe(403);
      const short = await c.post('/api/v1/auth/setup', {
        token: boot.token,
        email: 'me@example.org',
        password: 'short',
      });
      expect(short.status).toBe(400);
      const ok = await c.post('/api/v1/auth/setup', { token: boot.token, email: 'me@example.org', password: PASSWORD });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ email: 'me@example.org', isAdmin: true });
      c.csrf = ok.body.csrfToken;
      expect((await c.get('/api/v1/auth/me')).body.user.email).toBe('me@example.org');
      const again = await new TestClient(h.app).post('/api/v1/auth/setup', {
        token: boot.token,
        email: 'x@example.org',
        password: PASSWORD,
      });
      expect(again.status).toBe(409);
      // Changing the password ends the other sessions and keeps this one.
      const other = new TestClient(h.app);
      await other.login('me@example.org', PASSWORD);
      const refused = await c.post('/api/v1/auth/password', {
        currentPassword: 'not it at all',
        newPassword: 'another long password',
      });
      expect(refused.status).toBe(403);
      const changed = await c.post('/api/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'another long password',
      });
      expect(changed.status).toBe(200);
      c.csrf = changed.body.csrfToken;
      expect((await c.get('/api/v1/auth/me')).status).toBe(200);
      expect((await other.get('/api/v1/auth/me')).status).toBe(401);
      expect((await new TestClient(h.app).login('me@example.org', 'another long password')).status).toBe(200);
      expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
      expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    } finally {
      await h.dispose();
    }
  });
});
