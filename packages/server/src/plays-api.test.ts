import { builtinPlays } from '@qunzhu/core';
import { testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestPlay } from './runtime/backtest.js';
import { createHarness, type Harness, TestClient } from './server.test-support.js';

const PASSWORD = 'correct horse battery';

// Real chat: #ubuntu IRC, 2005-06-12 (CC-BY-4.0, jkkummerfeld/irc-disentanglement) and lines of the
// spam-zh set (GPL-3.0, MarkIvory2973/tg-spam), as pretend members post them in a sandbox group.
const history: { type: 'join' | 'leave' | 'message'; user: string; text?: string }[] = [
  { type: 'join', user: 'toxicfume' },
  { type: 'message', user: 'toxicfume', text: 'how do i know the modules list?' },
  { type: 'join', user: 'LostBlade' },
  { type: 'message', user: 'LostBlade', text: 'how do i mount /var/www to samba?' },
  {
    type: 'message',
    user: 'crimsun',
    text: 'toxicfume: apt-get install build-essential linux-headers-$(uname -r) module-assistant',
  },
  {
    type: 'message',
    user: 'kent',
    text: 'pedlar, have you ran "sudo apt-get update" (or updated the list in synaptic) ?',
  },
  { type: 'message', user: '张三', text: '上高速多少钱' },
  { type: 'message', user: 'spammer', text: '微信号18762258554' },
  { type: 'message', user: 'spammer', text: '黄资源买的私聊我老虎' },
  { type: 'message', user: 'LostBlade', text: '群规' },
  { type: 'message', user: 'chillywilly', text: 'swedish chef rules' },
  { type: 'join', user: 'shinu' },
  { type: 'leave', user: 'toxicfume' },
  { type: 'message', user: 'LostBlade', text: 'can anyone tell me how do i mount /var/www to samba? please??' },
  { type: 'message', user: '李四', text: '退款怎么弄' },
  { type: 'message', user: 'kent', text: '/rules' },
];

const ruleSet = {
  value: '互相帮助解决 Ubuntu 的问题。',
  forbidden: [{ behaviour: '发广告', penalty: '移出' }],
  vision: '人人用上自由软件。',
};
/** Configurations under which each play acts on the history; plays not named run on their defaults. */
const configs: Record<string, unknown> = {
  welcome: { burstWindowSeconds: 30 },
  rules: { ruleSet, version: 1, cooldownSeconds: 20 },
  'auto-reply': {
    cooldownSeconds: 5,
    memberCooldownSeconds: 10,
    triggers: [
      { name: 'apt', patterns: ['apt-get'], reply: 'apt: see the wiki, {name}' },
      { name: 'how', match: 'regex', patterns: ['^how do i (mount|know)\\b'], reply: 'ask {@helper}' },
      { name: '退款', patterns: ['退款'], reply: '售后问题请找 {@售后}' },
    ],
  },
};

type Action = { kind: string; payload: unknown; idempotencyKey: string; at: unknown; groupId: number };
const shape = (x: Action) => ({
  kind: x.kind,
  payload: x.payload,
  key: x.idempotencyKey,
  at: new Date(String(x.at instanceof Date ? x.at.toISOString() : x.at)).toISOString(),
  groupId: x.groupId,
});

describe.each(testStoreKinds())('plays API on %s', (kind) => {
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

  /** A community with one sandbox group where `play` is on, and the history posted live. */
  let runs = 0;
  const liveRun = async (play: string, config: unknown) => {
    runs += 1;
    const created = await owner.post('/api/v1/communities', { name: `live ${play} ${runs}`, timezone: 'UTC' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const c: number = created.body.id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '回测群' })).body;
    const on = await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/${play}`, { enabled: true, config });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const url = `/api/v1/communities/${c}/sandbox/groups/${group.id}/events`;
    const ids: number[] = [];
    for (const e of history) {
      const r = await owner.post(url, { ...e, name: e.user });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      ids.push(r.body.eventId);
      h.clock.advance(4_000);
      // crimsun holds 售后 from their first word on: refund questions mention them (the backtest reads
      // roles as they are now, so the role must predate the questions for live and backtest to agree).
      if (e.user === 'crimsun') {
        await h.store.db.query(
          'insert into member_roles (community_id, group_id, member_id, role) values ($1, $2, $3, $4) on conflict do nothing',
          [c, group.id, r.body.memberId, '售后'],
        );
      }
    }
    return { c, group, ids };
  };

  it.each(
    builtinPlays.map((p) => p.name),
  )('backtests %s over a sandbox history exactly as it ran live', async (play) => {
    const config = configs[play] ?? {};
    const { c, group, ids } = await liveRun(play, config);
    expect(group.platform).toBe('sandbox');
    await owner.post(`/api/v1/communities/${c}/sandbox/groups/${group.id}/fast-forward`);
    const live = await h.store.actions.list(c, { limit: 1000 });
    const liveLedger = await h.store.playState.readLedger({ communityId: c });
    const result = await backtestPlay(h.runtime, { communityId: c, play, config });
    expect(result.failures).toEqual([]);
    expect(result.eventsReplayed).toBe(ids.length);
    expect(result.actions.map(shape)).toEqual(live.map(shape));
    expect(result.ledger.map(({ id: _id, ...e }) => e)).toEqual(liveLedger.map(({ id: _id, ...e }) => e));
    if (configs[play]) expect(live.length).toBeGreaterThan(0);
    if (play === 'auto-reply') {
      expect(live.map((a) => a.payload.text)).toContain('售后问题请找 @crimsun');
    }
  });

  it('backtests through the API with counts by reason and the triggering messages', async () => {
    const config = configs['auto-reply'];
    const { c } = await liveRun('auto-reply', config);
    const r = await owner.post(`/api/v1/communities/${c}/plays/auto-reply/backtest`, { config, sample: 2 });
    expect(r.status).toBe(200);
    const live = await h.store.actions.list(c, { limit: 1000 });
    expect(r.body.actionCount).toBe(live.length);
    expect(r.body.actionsByKind).toEqual({ send: live.length });
    expect(r.body.actionsByReason).toEqual({ none: live.length });
    expect(r.body.sample).toHaveLength(2);
    expect(r.body.sample[0].trigger).toMatchObject({
      type: 'message',
      memberName: 'toxicfume',
      text: 'how do i know the modules list?',
    });
    expect(r.body.sample[0].payload.replyToEventId).toBe(r.body.sample[0].trigger.eventId);
    expect(new Date(r.body.sample[0].trigger.at).getTime()).toBe(new Date(r.body.sample[0].at).getTime());
    // A candidate with a regex that could run away is refused, naming the trigger.
    const bad = await owner.post(`/api/v1/communities/${c}/plays/auto-reply/backtest`, {
      config: { triggers: [{ name: '坏正则', match: 'regex', patterns: ['(a+)+$'], reply: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/trigger "坏正则"/);
  });

  it('lists plays with what they need, and the group platform’s capabilities', async () => {
    const catalog = await owner.get('/api/v1/plays');
    const byName = new Map(catalog.body.items.map((p: { name: string; needs: string[] }) => [p.name, p]));
    expect(byName.get('rules')).toMatchObject({ needs: ['send', 'pin'] });
    expect((byName.get('auto-reply') as { sharedSchema: unknown }).sharedSchema).toMatchObject({ type: 'object' });
    const c = (await owner.post('/api/v1/communities', { name: 'caps' })).body.id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: 's' })).body;
    const plays = await owner.get(`/api/v1/communities/${c}/groups/${group.id}/plays`);
    expect(plays.body).toMatchObject({ platform: 'sandbox', capabilities: { send: true, pin: true } });
    const imported = (
      await owner.post(`/api/v1/communities/${c}/events`, {
        platform: 'irc',
        events: [{ type: 'message', group: '#ubuntu', user: 'crimsun', at: '2005-06-12T00:31:00Z', text: 'hi' }],
      })
    ).body;
    expect(imported.inserted).toBe(1);
    const groups = await owner.get(`/api/v1/communities/${c}/groups`);
    const irc = groups.body.items.find((g: { platform: string }) => g.platform === 'irc');
    expect((await owner.get(`/api/v1/communities/${c}/groups/${irc.id}/plays`)).body.capabilities).toBeNull();
  });

  it('publishes versioned rule sets, previews them, and posts (pinned) where the play is on', async () => {
    const c = (await owner.post('/api/v1/communities', { name: 'rules', language: 'zh-CN', timezone: 'UTC' })).body.id;
    const group = (await owner.post(`/api/v1/communities/${c}/sandbox/groups`, { name: '规则群' })).body;
    const base = `/api/v1/communities/${c}/groups/${group.id}/rules`;
    const preview = await owner.post(`${base}/preview`, { ruleSet });
    expect(preview.status).toBe(200);
    expect(preview.body.text).toMatch(/^【本群价值】[\s\S]*【群规】[\s\S]*【违规处理】[\s\S]*【愿景】[\s\S]*第 1 版/);
    expect((await owner.post(`${base}/preview`, { ruleSet, language: 'en' })).body.text).toMatch(
      /^== Why this group ==/,
    );
    const empty = await owner.post(`${base}/versions`, { ruleSet: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    const dup = await owner.post(`${base}/versions`, {
      ruleSet: { forbidden: [ruleSet.forbidden[0], ruleSet.forbidden[0]] },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toMatch(/forbidden\[1\]/);

    // Published while the play is off: kept and written into the play, not posted.
    const v1 = await owner.post(`${base}/versions`, { ruleSet });
    expect(v1.body).toMatchObject({ version: 1, posted: false });
    const stored = await owner.get(`/api/v1/communities/${c}/groups/${group.id}/plays`);
    const rules = stored.body.items.find((p: { play: string }) => p.play === 'rules');
    expect(rules).toMatchObject({ enabled: false, config: { version: 1, ruleSet: { vision: ruleSet.vision } } });
    await owner.put(`/api/v1/communities/${c}/groups/${group.id}/plays/rules`, { enabled: true, config: rules.config });

    const v2 = await owner.post(`${base}/versions`, { ruleSet: { ...ruleSet, vision: '让每个人都能用上自由软件。' } });
    expect(v2.body).toMatchObject({ version: 2, posted: true });
    const actions = await h.store.actions.list(c, { limit: 10 });
    expect(actions.map((a) => [a.kind, a.status, a.payload.pin, a.payload.text])).toEqual([
      ['send', 'sent', true, v2.body.text],
    ]);
    const versions = await owner.get(`${base}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[1].ruleSet.vision).toBe(ruleSet.vision);
  });
});
