import { tmpdir } from 'node:os';
import {
  type Community,
  createBuiltinRegistry,
  Engine,
  type EventInput,
  type Group,
  type GroupScope,
  ManualClock,
  RecordingPlayState,
  type StoredEvent,
  seededRandom,
} from '@qunzhu/core';
import { Runtime } from '@qunzhu/server';
import {
  BENCH_STORE_KINDS,
  type BenchStoreKind,
  benchStores,
  dropBenchCommunities,
  inScratch,
  openBenchStore,
} from './stores.js';

/** The plays the figure is about, as issue 7 names them (badges too). */
const PLAYS = ['invites', 'check-in', 'points', 'levels', 'badges'] as const;
const GROUPS = 20;
const MEMBERS = 5000;
// Real-looking lines (from the #ubuntu demo history, CC-BY-4.0) and check-ins.
const LINES = [
  'does a subversion gnome client exist?',
  "kleedrac: I'm afraid not. Any version of mplayer should work",
  'how do I get sound working on a sb live?',
  'thanks, that worked',
  'ok',
  '打卡',
  '打卡 今天读完了一章，记了三页笔记',
  '签到',
];

type Synthetic = { type: 'message'; group: number; member: number; at: Date; text: string; replyTo?: number };

const synthetic = (n: number): Synthetic[] => {
  const random = seededRandom('bench-engine');
  const out: Synthetic[] = [];
  let t = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    t += random.int(20_000);
    // Heavy-tailed posters: a few members say most.
    const member = Math.floor(MEMBERS * random.next() ** 3);
    const reply = i > 0 && random.next() < 0.25 ? { replyTo: i - 1 - random.int(Math.min(i, 20)) } : {};
    out.push({
      type: 'message',
      group: member % GROUPS,
      member,
      at: new Date(t),
      text: random.pick(LINES) ?? 'ok',
      ...reply,
    });
  }
  return out;
};

const community: Community = {
  id: 1,
  name: 'bench',
  timezone: 'Asia/Shanghai',
  language: 'zh-CN',
  createdAt: new Date(0),
};

const inMemory = async (events: readonly Synthetic[], plays: readonly string[]): Promise<number> => {
  const registry = createBuiltinRegistry();
  const engine = new Engine(registry);
  const state = new RecordingPlayState();
  const scopes: GroupScope[] = Array.from({ length: GROUPS }, (_, g) => {
    const group: Group = {
      id: g + 1,
      communityId: 1,
      platform: 'bench',
      platformGroupId: `g${g}`,
      name: `g${g}`,
      type: 'fan',
      capacity: null,
      createdAt: new Date(0),
    };
    return {
      community,
      group,
      capabilities: {
        readMessages: true,
        send: true,
        delete: true,
        mute: true,
        remove: true,
        namedInviteLinks: true,
        joinRequests: true,
        pin: true,
      },
      plays: plays.map((play) => ({ groupId: g + 1, play, enabled: true, config: registry.parseConfig(play, {}) })),
    };
  });
  const stored: StoredEvent[] = events.map((e, i) => ({
    id: i + 1,
    communityId: 1,
    groupId: e.group + 1,
    memberId: e.member + 1,
    type: e.type,
    source: 'bench',
    sourceId: `e${i}`,
    at: e.at,
    payload: { text: e.text, ...(e.replyTo === undefined ? {} : { replyTo: `e${e.replyTo}` }) },
  }));
  const started = performance.now();
  for (const event of stored) {
    state.saw(event);
    await engine.handleEvent(scopes[event.groupId - 1] as GroupScope, event, state);
  }
  return stored.length / ((performance.now() - started) / 1000);
};

const toInput = (e: Synthetic, i: number, tag: string): EventInput => ({
  type: e.type,
  source: `bench:${tag}`,
  sourceId: `e${i}`,
  group: { platform: 'bench', platformGroupId: `g${e.group}`, name: `群 ${e.group}` },
  actor: { platform: 'bench', platformUserId: `u${e.member}`, displayName: `成员${e.member}` },
  at: e.at,
  text: e.text,
  ...(e.replyTo === undefined ? {} : { replyTo: `e${e.replyTo}` }),
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Events per second through the engine with the engagement plays on: in memory (vs the engine with
 * no play on), and end to end — ingest, plays, ledger, outbox — into each store (vs ingest alone).
 */
export const benchEngine = async (
  n: number,
  endToEnd: number,
  print: (line: string) => void,
  parent?: string,
  stores: readonly BenchStoreKind[] = BENCH_STORE_KINDS,
  history = 0,
) => {
  // The end-to-end slice comes after `history` events sent the same way, untimed: a community that
  // has been live for a while (balances, check-in days, memory) rather than a fresh one.
  const all = synthetic(Math.max(n, history + endToEnd));
  const events = all.slice(0, n);
  print(`plays on: ${PLAYS.join(', ')}`);
  const bare = await inMemory(events, []);
  const withPlays = await inMemory(events, PLAYS);
  print(
    `in memory, ${n} events: no plays ${Math.round(bare).toLocaleString('en')} ev/s; with plays ${Math.round(withPlays).toLocaleString('en')} ev/s (ratio ${(withPlays / bare).toFixed(2)})`,
  );
  const rows: Record<string, number | string>[] = [{ path: 'memory', baseline: bare, withPlays }];
  await inScratch(parent ?? tmpdir(), 'qunzhu-bench-engine-', async (dir) => {
    for (const { label, location } of benchStores(dir, print, stores)) {
      const store = await openBenchStore(location);
      const ids: number[] = [];
      try {
        const send = async (runtime: Runtime, communityId: number, from: number, to: number, tag: string) => {
          for (let i = from; i < to; i += 500) {
            const batch = all.slice(i, Math.min(i + 500, to)).map((e, j) => toInput(e, i + j, tag));
            await runtime.ingestStream(communityId, batch);
          }
          await runtime.idle();
        };
        const rate = async (plays: readonly string[]) => {
          const c = await store.communities.create({
            name: `bench-engine-${Date.now()}-${plays.length}`,
            timezone: 'Asia/Shanghai',
          });
          ids.push(c.id);
          const registry = createBuiltinRegistry();
          const runtime = new Runtime({
            store,
            registry,
            adapters: [],
            clock: new ManualClock('2026-01-01T00:00:00Z'),
            log: quiet,
            scopeTtlMs: 3_600_000,
          });
          // Groups exist first, so the plays can be switched on before any event arrives.
          await store.ingest(
            c.id,
            Array.from({ length: GROUPS }, (_, g) =>
              toInput(
                { type: 'message', group: g, member: g, at: new Date('2025-12-31T00:00:00Z'), text: 'hi' },
                -1 - g,
                'setup',
              ),
            ),
          );
          for (const group of await store.groups.listPlain(c.id)) {
            for (const play of plays)
              await store.plays.put(c.id, { groupId: group.id, play, enabled: true, config: {} }, null);
          }
          await send(runtime, c.id, 0, history, `run${plays.length}`);
          const started = performance.now();
          await send(runtime, c.id, history, history + endToEnd, `run${plays.length}`);
          return endToEnd / ((performance.now() - started) / 1000);
        };
        const base = await rate([]);
        const full = await rate(PLAYS);
        print(
          `${label}, end to end, ${endToEnd} events${history > 0 ? ` after ${history} of history` : ''}: ingest alone ${Math.round(base).toLocaleString('en')} ev/s; with plays ${Math.round(full).toLocaleString('en')} ev/s (ratio ${(full / base).toFixed(2)})`,
        );
        rows.push({ path: label, baseline: base, withPlays: full });
      } finally {
        await dropBenchCommunities(store, location, ids);
        await store.close();
      }
    }
  });
  return rows;
};
