import { createSandboxAdapter, type SandboxConnection } from '@qunzhu/adapters';
import type { Clock, EventInput, JsonObject } from '@qunzhu/core';
import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, type Harness, TestClient } from '../server.test-support.js';
import {
  type ConnectionFactory,
  defineConnectionFactory,
  platformFactories,
  type TelegramConnectionOptions,
} from './factories.js';
import { FakeConnection } from './fake-connection.test-support.js';

const PASSWORD = 'correct horse battery';
const TOKEN = '7012345678:AAEhBP0av28fT_3YkbC2qmR0mFiYbY1c9xU';

/** A Telegram stand-in: takes the adapter's options, answers webhooks like the real one must. */
class FakeTelegram extends FakeConnection {
  readonly webhookBodies: unknown[] = [];
  constructor(
    clock: Clock,
    readonly options: TelegramConnectionOptions,
  ) {
    super(clock, { perChatIntervalMs: 1000 }, 'telegram');
  }
  async handleWebhook(body: unknown, secret: string | undefined): Promise<{ status: number }> {
    if (this.options.mode !== 'webhook' || secret !== this.options.webhook?.secretToken) return { status: 401 };
    this.webhookBodies.push(body);
    const update = body as { update_id: number; message: { chat: { id: number }; from: { id: number }; text: string } };
    const input: EventInput = {
      type: 'message',
      source: 'telegram',
      sourceId: `${update.message.chat.id}:${update.update_id}`,
      group: { platform: 'telegram', platformGroupId: String(update.message.chat.id) },
      actor: { platform: 'telegram', platformUserId: String(update.message.from.id), displayName: 'Li Lei' },
      at: new Date('2026-11-02T08:00:00Z'),
      text: update.message.text,
    };
    await this.sink?.events([input]);
    return { status: 200 };
  }
}

describe.each(testStoreKinds())('connections on %s', (kind) => {
  let h: Harness;
  let owner: TestClient;
  let a: number;
  let b: number;
  const made: FakeTelegram[] = [];
  let sandbox: SandboxConnection | null = null;
  let failNext = false;

  beforeAll(async () => {
    // The clock is the harness's; the factories need it before the harness exists.
    const clock: Clock = { now: () => h.clock.now() };
    const sandboxFactory: ConnectionFactory = defineConnectionFactory({
      platform: 'sandbox',
      schema: z.object({ label: z.string().optional() }).strict(),
      secrets: [],
      create: () => {
        sandbox = createSandboxAdapter();
        return sandbox;
      },
    });
    const factories = [
      ...platformFactories({
        telegram: (options) => {
          const c = new FakeTelegram(clock, options);
          if (failNext) {
            c.startError = new Error('401 Unauthorized: the bot token was revoked');
            failNext = false;
          }
          made.push(c);
          return c;
        },
      }),
      sandboxFactory,
    ];
    h = await createHarness(kind, factories);
    await h.addUser('owner@example.org', PASSWORD, true);
    owner = new TestClient(h.app);
    expect((await owner.login('owner@example.org', PASSWORD)).status).toBe(200);
    a = (await owner.post('/api/v1/communities', { name: '连接 A' })).body.id;
    b = (await owner.post('/api/v1/communities', { name: 'Connections B', language: 'en' })).body.id;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const latest = () => made[made.length - 1] as FakeTelegram;

  it('lists the platforms this server connects to, and no connection yet', async () => {
    const r = await owner.get(`/api/v1/communities/${a}/connections`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [], platforms: ['telegram', 'sandbox'] });
  });

  it('refuses bad settings with the field and the reason', async () => {
    const bad = await owner.put(`/api/v1/communities/${a}/connections/telegram`, { token: 'not-a-token' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/token/);
    expect(bad.body.error.message).toMatch(/BotFather/);
    const extra = await owner.put(`/api/v1/communities/${a}/connections/telegram`, { token: TOKEN, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/colour/);
    const unknown = await owner.put(`/api/v1/communities/${a}/connections/discord`, { token: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/unknown platform "discord".*telegram, sandbox/);
  });

  it('connects a Telegram bot by webhook: secrets stored, never returned; state connected', async () => {
    const webhookUrl = `https://qunzhu.example.org/api/v1/telegram/${a}/webhook`;
    const put = await owner.put(`/api/v1/communities/${a}/connections/telegram`, { token: TOKEN, webhookUrl });
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({ webhookUrl });
    expect(put.body.secrets.token).toBe(`…${TOKEN.slice(-4)}`);
    expect(put.body.secrets.webhookSecret).toMatch(/^….{4}$/);
    expect(JSON.stringify(put.body)).not.toContain(TOKEN);
    expect(await h.connections.whenStarted(a, 'telegram')).toMatchObject({ status: 'connected' });
    // The adapter got what the settings say, with a generated secret that is kept.
    const stored = await h.store.connections.get(a, 'telegram');
    expect(latest().options).toMatchObject({
      token: TOKEN,
      mode: 'webhook',
      webhook: { url: webhookUrl, secretToken: stored?.settings.webhookSecret },
    });
    await h.connections.settled();
    const got = await owner.get(`/api/v1/communities/${a}/connections/telegram`);
    expect(got.body.state).toMatchObject({ status: 'connected', account: { displayName: 'Qunzhu bot' } });
    expect(JSON.stringify(got.body)).not.toContain(String(stored?.settings.webhookSecret));
    expect((await h.store.connections.get(a, 'telegram'))?.state?.status).toBe('connected');
  });

  it('takes webhooks with the right secret token only; unknown communities get 404', async () => {
    const secret = String((await h.store.connections.get(a, 'telegram'))?.settings.webhookSecret);
    const update = { update_id: 901, message: { chat: { id: -100123 }, from: { id: 42 }, text: '大家好' } };
    const path = `/api/v1/telegram/${a}/webhook`;
    const anon = new TestClient(h.app);
    const wrong = await anon.call('POST', path, update, { 'x-telegram-bot-api-secret-token': 'guess' });
    expect(wrong.status).toBe(401);
    expect(h.errors.map(String).some((e) => e.includes(`community ${a} refused: wrong secret token`))).toBe(true);
    expect((await anon.call('POST', path, update)).status).toBe(401);
    const right = await anon.call('POST', path, update, { 'x-telegram-bot-api-secret-token': secret });
    expect(right.status).toBe(200);
    // The update went through the sink into the store, once however often it is delivered.
    await anon.call('POST', path, update, { 'x-telegram-bot-api-secret-token': secret });
    const group = await h.store.groups.findByPlatformId(a, 'telegram', '-100123');
    expect(group).toBeDefined();
    const events = await h.store.events.recentInGroup(a, group?.id as number, 10);
    expect(events.map((e) => e.payload.text)).toEqual(['大家好']);
    expect((await anon.call('POST', `/api/v1/telegram/${b}/webhook`, update)).status).toBe(404);
    expect((await anon.call('POST', '/api/v1/telegram/99999/webhook', update)).status).toBe(404);
  });

  it('discovers groups: found ones appear (renamed when the platform renames them), lost ones are marked left', async () => {
    const sink = latest().sink;
    await sink?.groupFound({ platformGroupId: '-100777', name: '读书会' });
    await sink?.groupFound({ platformGroupId: '-100777', name: '读书会 2026' });
    let groups = (await owner.get(`/api/v1/communities/${a}/groups`)).body.items;
    const g = groups.find((x: { platformGroupId: string }) => x.platformGroupId === '-100777');
    expect(g).toMatchObject({ name: '读书会 2026', platform: 'telegram', leftAt: null });
    h.clock.advance(60_000);
    await sink?.groupLost('-100777');
    groups = (await owner.get(`/api/v1/communities/${a}/groups`)).body.items;
    expect(groups.find((x: { id: number }) => x.id === g.id)?.leftAt).toBe(h.clock.now().toISOString());
    // Added back: in again.
    await sink?.groupFound({ platformGroupId: '-100777', name: '读书会 2026' });
    expect((await h.store.groups.list(a)).find((x) => x.id === g.id)?.leftAt).toBeNull();
  });

  it('changes settings without the token typed again; one bot serves one community', async () => {
    const before = made.length;
    const put = await owner.put(`/api/v1/communities/${a}/connections/telegram`, {
      apiRoot: 'http://127.0.0.1:8081',
    });
    expect(put.status).toBe(200);
    expect(made.length).toBe(before + 1);
    expect(made[before - 1]?.stopped).toBe(1);
    expect(latest().options).toMatchObject({ token: TOKEN, apiRoot: 'http://127.0.0.1:8081', mode: 'polling' });
    const clash = await owner.put(`/api/v1/communities/${b}/connections/telegram`, {
      token: TOKEN,
      apiRoot: 'http://127.0.0.1:8081',
    });
    expect(clash.status).toBe(409);
    // Polling: the webhook route has nothing to hand the update to.
    expect((await new TestClient(h.app).call('POST', `/api/v1/telegram/${a}/webhook`, {})).status).toBe(404);
  });

  it('keeps a failed start as the state, with the reason', async () => {
    failNext = true;
    const put = await owner.put(`/api/v1/communities/${b}/connections/telegram`, {
      token: '7999999999:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0',
    });
    expect(put.status).toBe(200);
    expect(await h.connections.whenStarted(b, 'telegram')).toMatchObject({
      status: 'failed',
      detail: '401 Unauthorized: the bot token was revoked',
    });
    await h.connections.settled();
    const got = await owner.get(`/api/v1/communities/${b}/connections`);
    expect(got.body.items[0].state).toMatchObject({ status: 'failed', detail: expect.stringMatching(/revoked/) });
  });

  it('lets only admins see or change connections', async () => {
    const steward = await h.addUser('steward@example.org', PASSWORD);
    await h.store.auth.setRole(a, steward.id, 'steward');
    const s = new TestClient(h.app);
    await s.login('steward@example.org', PASSWORD);
    expect((await s.get(`/api/v1/communities/${a}/connections`)).status).toBe(403);
    expect((await s.put(`/api/v1/communities/${a}/connections/telegram`, { token: TOKEN })).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/communities/${a}/connections/telegram`)).status).toBe(403);
  });

  it('removes a connection: stopped and forgotten; groups and history stay', async () => {
    const running = h.connections.connection(a, 'telegram') as FakeTelegram;
    expect(running.options.apiRoot).toBe('http://127.0.0.1:8081');
    const del = await owner.call('DELETE', `/api/v1/communities/${a}/connections/telegram`);
    expect(del.status).toBe(200);
    expect(running.stopped).toBe(1);
    expect((await owner.get(`/api/v1/communities/${a}/connections/telegram`)).status).toBe(404);
    expect((await owner.call('DELETE', `/api/v1/communities/${a}/connections/telegram`)).status).toBe(404);
    expect(await h.store.groups.findByPlatformId(a, 'telegram', '-100123')).toBeDefined();
    expect(h.runtime.adapterFor('telegram', a)).toBeUndefined();
  });

  it('runs plays for a connection end to end: the sandbox connection joins, the welcome goes out through it', async () => {
    const put = await owner.put(`/api/v1/communities/${a}/connections/sandbox`, {});
    expect(put.status).toBe(200);
    await h.connections.whenStarted(a, 'sandbox');
    const conn = sandbox as unknown as SandboxConnection;
    await conn.addGroup({ platformGroupId: 'sbx-live', name: '新人群' });
    const group = await h.store.groups.findByPlatformId(a, 'sandbox', 'sbx-live');
    expect(group?.name).toBe('新人群');
    const on = await owner.put(`/api/v1/communities/${a}/groups/${group?.id}/plays/welcome`, {
      enabled: true,
      config: { burstWindowSeconds: 0 } as JsonObject,
    });
    expect(on.status).toBe(200);
    await conn.post('sbx-live', { type: 'join', user: 'u1', name: '小明' }, h.clock.now());
    await h.runtime.fastForward(a, group?.id as number);
    await h.runtime.dispatch();
    expect(conn.calls.map((c) => c.kind)).toEqual(['send']);
    expect(conn.calls[0]).toMatchObject({ platformGroupId: 'sbx-live', text: expect.stringContaining('小明') });
  });

  it('shows the outbox counts, and lets a steward retry or dismiss what failed', async () => {
    const group = await h.store.groups.create(b, { platform: 'irc', platformGroupId: '#qunzhu', name: '#qunzhu' });
    for (const key of ['x1', 'x2']) {
      await h.store.playState.enqueueAction({
        communityId: b,
        groupId: group.id,
        play: 'test',
        kind: 'send',
        payload: { text: 'hi' },
        idempotencyKey: key,
        at: h.clock.now(),
      });
    }
    const [x1, x2] = await h.store.actions.list(b, { limit: 2 });
    await h.store.actions.claim(b, x1?.id as number, h.clock.now());
    await h.store.actions.markAttemptFailed(b, x1?.id as number, 'ETIMEDOUT', null, h.clock.now());
    await h.store.actions.claim(b, x2?.id as number, h.clock.now());
    h.clock.advance(1000);
    await h.runtime.recover(h.clock.now());
    const counts = await owner.get(`/api/v1/communities/${b}/outbox`);
    expect(counts.body).toEqual({ pending: 0, sending: 0, failed: 1, unknown: 1, attention: 2 });
    const list = await owner.get(`/api/v1/communities/${b}/actions?status=unknown`);
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([x2?.id]);
    const dismissed = await owner.post(`/api/v1/communities/${b}/actions/${x2?.id}/dismiss`);
    expect(dismissed.body).toMatchObject({ status: 'skipped', lastError: expect.stringMatching(/^dismissed/) });
    expect((await owner.post(`/api/v1/communities/${b}/actions/${x2?.id}/retry`)).status).toBe(409);
    const retried = await owner.post(`/api/v1/communities/${b}/actions/${x1?.id}/retry`);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await h.runtime.idle();
    // No connection serves irc: the retried action is skipped, with the reason.
    expect(await h.store.actions.get(b, x1?.id as number)).toMatchObject({ status: 'skipped' });
    expect((await owner.get(`/api/v1/communities/${b}/outbox`)).body.attention).toBe(0);
  });
});
