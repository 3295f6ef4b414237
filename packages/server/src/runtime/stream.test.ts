import {
  createBuiltinRegistry,
  definePlay,
  type EventInput,
  ManualClock,
  PlayRegistry,
  seededRandom,
} from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import { openTestStore, type TestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Runtime } from './runtime.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const PLAYS = ['welcome', 'invites', 'check-in', 'points', 'levels', 'badges'];
const LINES = [
  '打卡',
  '打卡 今天读完了一章，记了三页笔记',
  'how do I get sound working on a sb live?',
  'thanks, that worked',
  '签到',
];

/** Messages, joins, leaves and rejoins over a few groups, with replies: a small live community. */
const history = (n: number): EventInput[] => {
  const random = seededRandom('stream');
  const out: EventInput[] = [];
  let t = Date.parse('2026-03-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    t += random.int(600_000);
    const member = random.int(40);
    const group = { platform: 'sandbox', platformGroupId: `g${member % 3}`, name: `群 ${member % 3}` };
    const actor = { platform: 'sandbox', platformUserId: `u${member}`, displayName: `成员${member}` };
    const roll = random.next();
    const base = { source: 'stream', sourceId: `e${i}`, group, actor, at: new Date(t) };
    if (roll < 0.08) {
      const inviter = random.int(40);
      out.push({
        ...base,
        type: 'join',
        ...(inviter === member
          ? {}
          : { inviter: { platform: 'sandbox', platformUserId: `u${inviter}`, displayName: `成员${inviter}` } }),
      });
    } else if (roll < 0.12) out.push({ ...base, type: 'leave' });
    else {
      const reply = i > 0 && random.next() < 0.3 ? { replyTo: `e${i - 1 - random.int(Math.min(i, 10))}` } : {};
      out.push({ ...base, type: 'message', text: random.pick(LINES) ?? 'ok', ...reply });
    }
  }
  return out;
};

const switchOn = async (store: Store, communityId: number, plays: readonly string[]) => {
  // One event per group first, so that the groups exist when the plays are switched on.
  await store.ingest(
    communityId,
    [0, 1, 2].map((g) => ({
      type: 'message' as const,
      source: 'setup',
      sourceId: `g${g}`,
      group: { platform: 'sandbox', platformGroupId: `g${g}`, name: `群 ${g}` },
      actor: { platform: 'sandbox', platformUserId: 'owner', displayName: '群主' },
      at: new Date('2026-02-28T00:00:00Z'),
      text: 'hi',
    })),
  );
  for (const group of await store.groups.listPlain(communityId))
    for (const play of plays)
      await store.plays.put(communityId, { groupId: group.id, play, enabled: true, config: {} }, null);
};

/** What the plays decided, without the ids that differ between communities. */
const decisions = async (store: Store, communityId: number) => {
  const ledger = await store.db.query<Record<string, unknown>>(
    `select m.display_name as member, l.play, l.kind, l.amount::float8 as amount, l.data, e.source_id as event
       from ledger l join members m on m.community_id = l.community_id and m.id = l.member_id
       left join events e on e.community_id = l.community_id and e.id = l.source_event_id
      where l.community_id = $1 order by l.id`,
    [communityId],
  );
  const actions = await store.db.query<Record<string, unknown>>(
    `select a.play, a.kind, a.payload->>'text' as text, e.source_id as event
       from actions a left join events e on e.community_id = a.community_id and e.id = a.source_event_id
      where a.community_id = $1 order by a.id`,
    [communityId],
  );
  const timers = await store.db.query<Record<string, unknown>>(
    `select t.play, t.key, t.due_at from timers t where t.community_id = $1`,
    [communityId],
  );
  // Member ids differ between communities; their order of creation does not.
  const ids = await store.db.query<{ id: string | number }>(
    'select id from members where community_id = $1 order by id',
    [communityId],
  );
  const rank = new Map(ids.rows.map((r, i) => [Number(r.id), i]));
  const data = (value: unknown): unknown =>
    value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            /member|inviter|invitee/i.test(k) && typeof v === 'number' ? `m${rank.get(v)}` : data(v),
          ]),
        )
      : value;
  const timerRows = timers.rows
    .map((r) => ({
      play: String(r.play),
      dueAt: r.due_at,
      key: String(r.key).replace(/\d+/g, (d) => `m${rank.get(Number(d)) ?? d}`),
    }))
    .sort((a, b) => `${a.play} ${a.key}`.localeCompare(`${b.play} ${b.key}`));
  return {
    ledger: ledger.rows.map((r) => ({ ...r, kind: String(r.kind), data: data(r.data) })),
    actions: actions.rows,
    timers: timerRows,
  };
};

describe.each(testStoreKinds())('live stream on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const runtimeOf = (registry = createBuiltinRegistry()) =>
    new Runtime({ store, registry, adapters: [], clock: new ManualClock('2026-03-01T00:00:00Z'), log: quiet });

  it('decides what the same batches decide one at a time', async () => {
    const events = history(900);
    const batches = Array.from({ length: 9 }, (_, i) => events.slice(i * 100, i * 100 + 100));
    const outcome = async (how: 'live' | 'stream') => {
      const c = await store.communities.create({ name: `stream ${how}`, timezone: 'Asia/Shanghai' });
      await switchOn(store, c.id, PLAYS);
      const runtime = runtimeOf();
      for (const batch of batches) {
        if (how === 'live') await runtime.ingestLive(c.id, batch);
        else await runtime.ingestStream(c.id, batch);
      }
      await runtime.idle();
      return decisions(store, c.id);
    };
    const live = await outcome('live');
    const streamed = await outcome('stream');
    // The history makes every play decide something, so the comparison is not of empty lists.
    expect(new Set(live.ledger.map((r) => r.kind))).toEqual(
      new Set(['invited', 'invite_credit', 'checkin', 'points', 'level', 'badge', 'tag_add', 'tag_remove']),
    );
    expect(live.actions.length).toBeGreaterThan(100);
    expect(streamed).toEqual(live);
  });

  it('stores the next batch while the one before is played, once that one has read its members', async () => {
    const log: string[] = [];
    let played = 0;
    const registry = new PlayRegistry([
      definePlay({
        name: 'slow',
        title: { 'zh-CN': '慢', en: 'Slow' },
        description: { 'zh-CN': '测试', en: 'Test' },
        configSchema: z.object({}),
        create: () => async (ctx, next) => {
          if (ctx.trigger.kind === 'event' && ctx.trigger.event.sourceId.endsWith(':0')) {
            const batch = ctx.trigger.event.sourceId.split(':')[0];
            log.push(`play ${batch}`);
            // Long enough for the caller to bring the next batch meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 60));
            log.push(`played ${batch}`);
            played += 1;
          }
          await next();
        },
      }),
    ]);
    let batchStates = 0;
    const watched: Store = Object.create(store);
    watched.ingest = async (communityId, inputs) => {
      const batch = inputs[0]?.sourceId.split(':')[0];
      log.push(`store ${batch}`);
      const result = await store.ingest(communityId, inputs);
      log.push(`stored ${batch}`);
      return result;
    };
    watched.transaction = (fn) =>
      store.transaction((tx) => {
        const own: Store = Object.create(tx);
        own.batchPlayState = (...args) => {
          const state = tx.batchPlayState(...args);
          const batch = batchStates++;
          const prefetch = state.prefetchLedger.bind(state);
          state.prefetchLedger = async (...a) => {
            await prefetch(...a);
            log.push(`read b${batch}`);
          };
          return state;
        };
        return fn(own);
      });
    const c = await store.communities.create({ name: 'stream order' });
    await switchOn(store, c.id, ['slow']);
    const runtime = new Runtime({
      store: watched,
      registry,
      adapters: [],
      clock: new ManualClock('2026-03-01T00:00:00Z'),
      log: quiet,
    });
    const group = { platform: 'sandbox', platformGroupId: 'g0' };
    const batch = (b: number): EventInput[] =>
      Array.from({ length: 3 }, (_, i) => ({
        type: 'message',
        source: 'order',
        sourceId: `b${b}:${i}`,
        group,
        actor: { platform: 'sandbox', platformUserId: `u${i}` },
        at: new Date(Date.parse('2026-03-01T00:00:00Z') + (b * 3 + i) * 1000),
        text: 'hi',
      }));
    for (let b = 0; b < 4; b++) {
      await runtime.ingestStream(c.id, batch(b));
      log.push(`returned b${b}`);
    }
    await runtime.idle();
    expect(played).toBe(4);
    const at = (line: string) => {
      const i = log.indexOf(line);
      if (i < 0) throw new Error(`"${line}" is not in the log: ${log.join(', ')}`);
      return i;
    };
    for (let b = 1; b < 4; b++) {
      // The batch before has read up front before this one is stored…
      expect(at(`store b${b}`)).toBeGreaterThan(at(`read b${b - 1}`));
      // …and this one is stored while the batch before is still being played (the overlap). The
      // embedded store has one connection, which the playing batch's transaction holds: there the
      // next batch waits for it.
      if (kind === 'postgres') expect(at(`stored b${b}`)).toBeLessThan(at(`played b${b - 1}`));
      else expect(at(`stored b${b}`)).toBeGreaterThan(at(`played b${b - 1}`));
      // …but the caller gets it back only once the batch before has been played (back-pressure).
      expect(at(`returned b${b}`)).toBeGreaterThan(at(`played b${b - 1}`));
    }
    // Plays run batch after batch.
    expect(log.filter((l) => l.startsWith('play'))).toEqual([
      'play b0',
      'played b0',
      'play b1',
      'played b1',
      'play b2',
      'played b2',
      'play b3',
      'played b3',
    ]);
  });
});
