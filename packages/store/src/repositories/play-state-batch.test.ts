import { type EventInput, type LedgerEntry, type PlayStatePort, RecordingPlayState } from '@qunzhu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../drivers/db.js';
import * as m0018 from '../migrations/0018-ledger-balances.js';
import { Store } from '../store.js';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';

// Two lines of the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo).
const irc = (i: number, nick: string, text: string): EventInput => ({
  type: 'message',
  source: 'irc:#ubuntu',
  sourceId: `batch-${i}`,
  group: { platform: 'irc', platformGroupId: '#ubuntu', name: '#ubuntu' },
  actor: { platform: 'irc', platformUserId: nick, displayName: nick },
  at: new Date(`2005-02-06T04:0${i}:00Z`),
  text,
});

/** The recorder keeps entries in the order appended; the store by time, then by when appended. */
const oldestFirst = (entries: LedgerEntry[]) => entries.slice().sort((a, b) => a.at.getTime() - b.at.getTime());

const T0 = Date.parse('2024-03-01T00:00:00Z');
const MIN = 60_000;

type Op =
  | { op: 'append'; member: 0 | 1; kind: 'points' | 'badge' | 'blocklist_add'; amount: number; key: number; at: number }
  | { op: 'sum'; member: 0 | 1; kind: 'points' | 'badge' }
  | { op: 'read'; member: 0 | 1; kind: 'points' | 'badge' }
  | { op: 'readAll' }
  | { op: 'setMemory'; key: number; value: number; ttl: number | null; at: number }
  | { op: 'deleteMemory'; key: number }
  | { op: 'getMemory'; key: number; at: number }
  | { op: 'setTimer'; key: number; at: number }
  | { op: 'clearTimer'; key: number }
  | { op: 'getTimer'; key: number }
  | { op: 'facts'; member: 0 | 1 }
  | { op: 'action'; key: number };

const member = fc.constantFrom<0 | 1>(0, 1);
const minute = fc.integer({ min: 0, max: 60 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('append' as const),
      member,
      kind: fc.constantFrom('points' as const, 'badge' as const, 'blocklist_add' as const),
      amount: fc.integer({ min: -20, max: 20 }),
      key: fc.integer({ min: 0, max: 12 }),
      at: minute,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('sum' as const),
      member,
      kind: fc.constantFrom('points' as const, 'badge' as const),
    }),
    weight: 3,
  },
  fc.record({ op: fc.constant('read' as const), member, kind: fc.constantFrom('points' as const, 'badge' as const) }),
  fc.record({ op: fc.constant('readAll' as const) }),
  fc.record({
    op: fc.constant('setMemory' as const),
    key: fc.integer({ min: 0, max: 4 }),
    value: fc.integer(),
    ttl: fc.option(fc.integer({ min: 1, max: 1800 })),
    at: minute,
  }),
  fc.record({ op: fc.constant('deleteMemory' as const), key: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constant('getMemory' as const), key: fc.integer({ min: 0, max: 4 }), at: minute }),
  fc.record({ op: fc.constant('setTimer' as const), key: fc.integer({ min: 0, max: 3 }), at: minute }),
  fc.record({ op: fc.constant('clearTimer' as const), key: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('getTimer' as const), key: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('facts' as const), member }),
  fc.record({ op: fc.constant('action' as const), key: fc.integer({ min: 0, max: 5 }) }),
);

type Balance = { member: number; kind: string; total: number };
const balances = async (db: Db, sql: string, c: number): Promise<Balance[]> =>
  (await db.query<{ member: number; kind: string; total: string | number }>(sql, [c])).rows
    .map((r) => ({ member: Number(r.member), kind: r.kind, total: Number(r.total) }))
    // A kind whose entries were all deleted keeps a zero row; the sums have no row for it.
    .filter((x) => x.total !== 0)
    .sort((x, y) => x.member - y.member || x.kind.localeCompare(y.kind));
const keptBalances = (db: Db, c: number) =>
  balances(db, 'select member_id as member, kind, total from ledger_balances where community_id = $1', c);
const summedBalances = (db: Db, c: number) =>
  balances(
    db,
    'select member_id as member, kind, sum(amount) as total from ledger where community_id = $1 group by 1, 2',
    c,
  );

describe.each(testStoreKinds())('the batch play state on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  /** Run `ops` on a port; what each read returned, comparable across ports. */
  const apply = async (
    port: PlayStatePort,
    ops: readonly Op[],
    ids: { c: number; g: number; members: [number, number] },
  ): Promise<unknown[]> => {
    const out: unknown[] = [];
    const m = (i: 0 | 1) => ids.members[i];
    const ref = (key: number) => ({ communityId: ids.c, play: 'p', key: `k${key}` });
    const timer = (key: number) => ({ communityId: ids.c, groupId: ids.g, play: 'p', key: `t${key}` });
    for (const o of ops) {
      switch (o.op) {
        case 'append':
          await port.appendLedger({
            communityId: ids.c,
            groupId: ids.g,
            memberId: m(o.member),
            play: 'p',
            kind: o.kind,
            amount: o.amount,
            data: { reason: `r${o.key}` },
            dedupeKey: `d${o.key}`,
            at: new Date(T0 + o.at * MIN),
          });
          break;
        case 'sum':
          out.push(await port.sumLedger({ communityId: ids.c, memberId: m(o.member), kinds: [o.kind] }));
          break;
        case 'read':
          out.push(
            oldestFirst(
              await port.readLedger({ communityId: ids.c, memberId: m(o.member), kinds: [o.kind], play: 'p' }),
            ).map((e) => [e.dedupeKey, e.amount, e.at.getTime()]),
          );
          break;
        case 'readAll':
          out.push(oldestFirst(await port.readLedger({ communityId: ids.c })).map((e) => e.dedupeKey));
          break;
        case 'setMemory':
          await port.setMemory(ref(o.key), o.value, o.ttl === null ? null : new Date(T0 + o.at * MIN + o.ttl * 1000));
          break;
        case 'deleteMemory':
          await port.deleteMemory(ref(o.key));
          break;
        case 'getMemory':
          out.push((await port.getMemory(ref(o.key), new Date(T0 + o.at * MIN))) ?? null);
          break;
        case 'setTimer':
          await port.setTimer({ ...timer(o.key), dueAt: new Date(T0 + o.at * MIN), data: { n: o.at } });
          break;
        case 'clearTimer':
          await port.clearTimer(timer(o.key));
          break;
        case 'getTimer': {
          const t = await port.getTimer(timer(o.key));
          out.push(t ? [t.dueAt.getTime(), t.data] : null);
          break;
        }
        case 'facts':
          out.push((await port.memberFacts(ids.c, ids.g, m(o.member))).blocklisted);
          break;
        case 'action':
          await port.enqueueAction({
            communityId: ids.c,
            groupId: ids.g,
            play: 'p',
            kind: 'send',
            payload: { text: `a${o.key}` },
            idempotencyKey: `a${o.key}`,
            at: new Date(T0),
          });
          break;
      }
    }
    return out;
  };

  it('reads what a statement-at-a-time state would, and stores the same once flushed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 25 }),
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        async (before, during) => {
          run += 1;
          const c = (await store.communities.create({ name: `batch-${run}-${Date.now()}` })).id;
          const r = await store.ingest(c, [irc(1, 'jdub', 'hello'), irc(2, 'usual', 'hi jdub')]);
          const ids = {
            c,
            g: r.events[0]?.groupId ?? 0,
            members: [r.events[0]?.memberId ?? 0, r.events[1]?.memberId ?? 0] as [number, number],
          };
          // The reference: a recorder that knows the store's members (not listed to begin with).
          const reference = new RecordingPlayState();
          // History written a statement at a time, as earlier batches left it.
          expect(await apply(store.playState, before, ids)).toEqual(await apply(reference, before, ids));
          const seen = await store.transaction(async (tx) => {
            const batch = tx.batchPlayState(c, [ids.g]);
            // As the runtime does for the members of a batch's events (here: one of the two).
            await batch.prefetchBalances([ids.members[run % 2] as number]);
            // And as it does with the plays' memory hints: some keys, stored or not.
            await batch.prefetchMemory([run % 5, (run + 2) % 5].map((k) => ({ play: 'p', key: `k${k}` })));
            // Of any play, of the play that reads them, or of another play only (its reads not answered).
            const plays = [undefined, ['p'], ['other', 'p'], ['other']][run % 4];
            if (run % 3 > 0)
              await batch.prefetchLedger(ids.members, run % 3 === 1 ? ['points'] : ['points', 'badge'], plays);
            const out = await apply(batch, during, ids);
            await batch.flush();
            return out;
          });
          expect(seen).toEqual(await apply(reference, during, ids));
          // Once flushed, the store holds what the reference holds.
          const probe: Op[] = [
            { op: 'sum', member: 0, kind: 'points' },
            { op: 'sum', member: 1, kind: 'badge' },
            { op: 'read', member: 0, kind: 'points' },
            { op: 'read', member: 1, kind: 'badge' },
            { op: 'readAll' },
            ...[0, 1, 2, 3, 4].map((key) => ({ op: 'getMemory' as const, key, at: 30 })),
            ...[0, 1, 2, 3].map((key) => ({ op: 'getTimer' as const, key })),
            { op: 'facts', member: 0 },
            { op: 'facts', member: 1 },
          ];
          expect(await apply(store.playState, probe, ids)).toEqual(await apply(reference, probe, ids));
          const { rows } = await store.db.query<{ key: string }>(
            'select idempotency_key as key from actions where community_id = $1 order by id',
            [c],
          );
          expect(rows.map((x) => x.key)).toEqual(reference.actions.map((a) => a.idempotencyKey));
          // The balances kept beside the ledger are its sums, however the entries were written.
          expect(await keptBalances(store.db, c)).toEqual(await summedBalances(store.db, c));
        },
      ),
      { numRuns: kind === 'pglite' ? 40 : 60 },
    );
  });

  it("answers a play's reads from entries read up front only when they are that play's", async () => {
    const c = (await store.communities.create({ name: `prefetch-plays-${Date.now()}` })).id;
    const r = await store.ingest(c, [irc(1, 'jdub', 'hello')]);
    const e = r.events[0];
    if (!e) throw new Error('an event expected');
    const entry = (play: string, key: string) => ({
      communityId: c,
      groupId: e.groupId,
      memberId: e.memberId,
      play,
      kind: 'level',
      amount: 1,
      data: {},
      dedupeKey: key,
      at: new Date(T0),
    });
    await store.playState.appendLedger(entry('levels', 'mine'));
    await store.playState.appendLedger(entry('other', 'theirs'));
    const keys = (entries: readonly LedgerEntry[]) => entries.map((x) => x.dedupeKey).sort();
    for (const plays of [undefined, ['levels'], ['other']]) {
      const seen = await store.transaction(async (tx) => {
        const batch = tx.batchPlayState(c, [e.groupId]);
        await batch.prefetchLedger([e.memberId], ['level'], plays);
        const q = { communityId: c, memberId: e.memberId, kinds: ['level'] };
        return [
          keys(await batch.readLedger({ ...q, play: 'levels' })),
          keys(await batch.readLedger({ ...q, play: 'other' })),
          keys(await batch.readLedger(q)),
        ];
      });
      expect(seen).toEqual([['mine'], ['theirs'], ['mine', 'theirs']]);
    }
  });

  it('keeps balances equal to the sums of entries, whatever appends or deletes them', async () => {
    const c = (await store.communities.create({ name: `balances-${Date.now()}` })).id;
    const r = await store.ingest(c, [irc(1, 'jdub', 'hello'), irc(2, 'usual', 'hi jdub'), irc(3, 'ogra', 'hi')]);
    const [a, b, gone] = r.events.map((e) => e.memberId) as [number, number, number];
    const g = r.events[0]?.groupId ?? 0;
    const entry = (memberId: number, kind: string, amount: number, key: string) => ({
      communityId: c,
      groupId: g,
      memberId,
      play: 'p',
      kind,
      amount,
      data: {},
      dedupeKey: key,
      at: new Date(T0),
    });
    // A statement at a time, and again the same key (appends nothing, so adds nothing).
    await store.playState.appendLedger(entry(a, 'points', 7, 'one'));
    await store.playState.appendLedger(entry(a, 'points', 7, 'one'));
    await store.playState.appendLedger(entry(gone, 'points', 4, 'gone'));
    // A batch of several members and kinds in one statement, fractions included.
    await store.transaction(async (tx) => {
      const batch = tx.batchPlayState(c, [g]);
      for (const [i, m] of [a, b, a, b, gone].entries()) {
        await batch.appendLedger(entry(m, i % 2 ? 'badge' : 'points', i === 2 ? 0.5 : -i, `batch-${i}`));
      }
      await batch.appendLedger(entry(a, 'points', 100, 'one'));
      await batch.flush();
    });
    const kept = await keptBalances(store.db, c);
    expect(kept).toEqual(await summedBalances(store.db, c));
    expect(kept).toContainEqual({ member: a, kind: 'points', total: 7.5 });
    expect(await store.playState.sumLedger({ communityId: c, memberId: a, kinds: ['points'] })).toBe(7.5);
    expect(await store.engagement.totals(c, b)).toEqual({ badge: -4 });
    // Entries deleted, directly and by the member's removal (a cascade).
    await store.db.query("delete from ledger where community_id = $1 and dedupe_key = 'batch-3'", [c]);
    await store.db.query('delete from members where community_id = $1 and id = $2', [c, gone]);
    expect(await keptBalances(store.db, c)).toEqual(await summedBalances(store.db, c));
    expect(await store.playState.sumLedger({ communityId: c, memberId: gone, kinds: ['points'] })).toBe(0);
    // Migration 18's backfill, run again on the emptied table.
    const before = await keptBalances(store.db, c);
    await store.db.exec('delete from ledger_balances');
    const backfill = m0018.sql.slice(m0018.sql.indexOf('-- Stores with entries'), m0018.sql.indexOf('create function'));
    await store.db.exec(backfill);
    expect(await keptBalances(store.db, c)).toEqual(before);
  });

  it('gives the group timer due first, as the batch left the timers', async () => {
    const c = (await store.communities.create({ name: `batch-timers-${Date.now()}` })).id;
    const g = (await store.ingest(c, [irc(3, 'jdub', 'timers')])).events[0]?.groupId ?? 0;
    const t = (key: string, minutes: number) => ({
      communityId: c,
      groupId: g,
      play: 'p',
      key,
      dueAt: new Date(T0 + minutes * MIN),
      data: {},
    });
    await store.playState.setTimer(t('stored', 10));
    await store.transaction(async (tx) => {
      const batch = tx.batchPlayState(c, [g]);
      expect((await batch.nextDueTimer(g, new Date(T0 + 60 * MIN)))?.key).toBe('stored');
      await batch.setTimer(t('earlier', 5));
      expect((await batch.nextDueTimer(g, new Date(T0 + 60 * MIN)))?.key).toBe('earlier');
      expect(await batch.nextDueTimer(g, new Date(T0 + 4 * MIN))).toBeUndefined();
      await batch.clearTimer(t('earlier', 5));
      await batch.clearTimer(t('stored', 10));
      expect(await batch.nextDueTimer(g, new Date(T0 + 60 * MIN))).toBeUndefined();
      // Nothing is written before the flush.
      expect((await tx.timers.dueForGroup(c, g, new Date(T0 + 60 * MIN))).map((x) => x.key)).toEqual(['stored']);
      await batch.flush();
      expect(await tx.timers.dueForGroup(c, g, new Date(T0 + 60 * MIN))).toEqual([]);
    });
  });

  it('keeps the timers and facts of each group of a community batch apart, and knows authors in one statement', async () => {
    const c = (await store.communities.create({ name: `batch-groups-${Date.now()}` })).id;
    const other = {
      ...irc(7, 'jdub', 'in another channel'),
      group: { platform: 'irc', platformGroupId: '#ubuntu-offtopic', name: '#ubuntu-offtopic' },
    };
    const r = await store.ingest(c, [
      irc(6, 'jdub', 'first'),
      other,
      { ...irc(8, 'usual', 'a reply'), replyTo: 'batch-6' },
    ]);
    const [a, b, reply] = r.events;
    if (!a || !b || !reply || a.groupId === b.groupId) throw new Error('events in two groups expected');
    const timer = (groupId: number, minutes: number) => ({
      communityId: c,
      groupId,
      play: 'p',
      key: 'same-key',
      dueAt: new Date(T0 + minutes * MIN),
      data: {},
    });
    await store.transaction(async (tx) => {
      const batch = tx.batchPlayState(c, [a.groupId, b.groupId]);
      await batch.setTimer(timer(a.groupId, 5));
      await batch.setTimer(timer(b.groupId, 10));
      expect((await batch.nextDueTimer(a.groupId, new Date(T0 + 60 * MIN)))?.dueAt).toEqual(new Date(T0 + 5 * MIN));
      expect((await batch.nextDueTimer(b.groupId, new Date(T0 + 60 * MIN)))?.dueAt).toEqual(new Date(T0 + 10 * MIN));
      expect(await batch.nextDueTimer(b.groupId, new Date(T0 + 6 * MIN))).toBeUndefined();
      await batch.clearTimer(timer(a.groupId, 5));
      // Facts per group: jdub joined neither group (IRC gives no joins), but is seen in both.
      await batch.prefetchFacts([a, b]);
      expect((await batch.memberFacts(c, b.groupId, b.memberId)).displayName).toBe('jdub');
      // The batch's own events and those they reply to: the reply's author is known without a read.
      await batch.prefetchAuthors([reply], [{ source: reply.source, sourceId: 'batch-6' }]);
      expect(batch.knownAuthor(reply.source, 'batch-6')).toBe(a.memberId);
      expect(batch.knownAuthor(reply.source, reply.sourceId)).toBe(reply.memberId);
      expect(await batch.authorOf(c, reply.source, 'no-such-message')).toBeUndefined();
      await batch.flush();
    });
    expect(await store.timers.dueForGroup(c, a.groupId, new Date(T0 + 60 * MIN))).toEqual([]);
    expect((await store.timers.dueForGroup(c, b.groupId, new Date(T0 + 60 * MIN))).map((t) => t.dueAt)).toEqual([
      new Date(T0 + 10 * MIN),
    ]);
  });

  it('looks up no stored key for entries named after events stored just now, and facts in one statement', async () => {
    const c = (await store.communities.create({ name: `batch-fresh-${Date.now()}` })).id;
    const r = await store.ingest(c, [irc(4, 'jdub', 'fresh'), irc(5, 'usual', 'fresh too')]);
    const [a, b] = r.events;
    if (!a || !b) throw new Error('two events expected');
    const other = await store.groups.create(c, { platform: 'irc', platformGroupId: '#kubuntu', name: '#kubuntu' });
    let lookups = 0;
    let statements = 0;
    const counting = (db: Db): Db => ({
      query: (sql, params) => {
        statements += 1;
        if (sql.includes('dedupe_key = any(')) lookups += 1;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction((tx) => fn(counting(tx))),
      readSnapshot: (n, fn) => db.readSnapshot(n, (dbs) => fn(dbs.map(counting))),
    });
    await new Store(counting(store.db)).transaction(async (tx) => {
      const batch = tx.batchPlayState(c, [a.groupId], new Set([a.id]));
      const entry = (dedupeKey: string, sourceEventId: number) => ({
        communityId: c,
        groupId: a.groupId,
        memberId: a.memberId,
        play: 'points',
        kind: 'points',
        amount: 1,
        data: {},
        dedupeKey,
        sourceEventId,
        at: a.at,
      });
      await batch.appendLedger(entry(`points:g${a.groupId}:e${a.id}:1`, a.id)); // fresh: never looked up
      await batch.appendLedger(entry(`points:g${a.groupId}:e${a.id}:1`, a.id)); // same key: once
      await batch.appendLedger(entry(`points:g${b.groupId}:e${b.id}:1`, b.id)); // not fresh
      await batch.appendLedger(entry(`check-in:m${a.memberId}:2005-02-06`, a.id)); // not the trigger's key
      // Nothing is looked up until a read could count them; then both keys in one statement.
      expect(lookups).toBe(0);
      expect(await batch.sumLedger({ communityId: c, memberId: a.memberId, kinds: ['points'] })).toBe(3);
      expect(lookups).toBe(1);
      expect(await batch.sumLedger({ communityId: c, memberId: a.memberId, kinds: ['points'] })).toBe(3);
      expect(lookups).toBe(1);
      const before = statements;
      await batch.prefetchFacts([a, b, a]);
      expect(statements - before).toBe(1);
      const facts = await batch.memberFacts(c, a.groupId, b.memberId);
      expect([facts.displayName, statements - before]).toEqual(['usual', 1]);
      // Members not read up front and asked for at once (a settlement naming them): one statement,
      // each answer its own member's, an unknown member's plain.
      const asked = [a.memberId, b.memberId, a.memberId + b.memberId + 1000];
      const read = await Promise.all(asked.map((m) => batch.memberFacts(c, other.id, m)));
      expect(read.map((f) => [f.memberId, f.displayName])).toEqual([
        [a.memberId, 'jdub'],
        [b.memberId, 'usual'],
        [asked[2], `#${asked[2]}`],
      ]);
      expect(statements - before).toBe(2);
      await batch.flush();
    });
    expect((await store.playState.readLedger({ communityId: c })).length).toBe(3);
  });
});
