import type { EventInput } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './drivers/db.js';
import { migrate } from './migrations/index.js';
import { Store } from './store.js';
import { openTestStore, type TestStore, testStoreKinds } from './testing.js';

// Lines cut from the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo).
const irc = (i: number, type: EventInput['type'], nick: string, at: string, text?: string): EventInput => ({
  type,
  source: 'irc:#ubuntu',
  sourceId: `line-${i}`,
  group: { platform: 'irc', platformGroupId: '#ubuntu', name: '#ubuntu' },
  actor: { platform: 'irc', platformUserId: nick, displayName: nick },
  at: new Date(at),
  ...(text === undefined ? {} : { text }),
});
const batch: EventInput[] = [
  irc(1, 'message', 'crimsun', '2004-12-25T09:14:00Z', "kleedrac: I'm afraid not."),
  irc(2, 'message', 'intinig', '2004-12-25T09:14:00Z', 'does a subversion gnome client exist?'),
  irc(3, 'join', 'L0sT', '2004-12-25T09:15:00Z'),
  irc(4, 'message', 'crimsun', '2004-12-25T09:16:00Z', 'intinig: there is always gsvn'),
  irc(5, 'leave', 'L0sT', '2004-12-25T09:17:00Z'),
];

describe.each(testStoreKinds())('store contract on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('applies migrations once', async () => {
    expect((await migrate(store.db)).applied).toEqual([]);
  });

  it('ingests a batch, resolving identities to members, and reports duplicates on a second run', async () => {
    const c = await store.communities.create({ name: 'ingest' });
    const first = await store.ingest(c.id, batch);
    expect(first).toMatchObject({ inserted: 5, duplicates: 0 });
    expect(new Set(first.events.map((e) => e.memberId)).size).toBe(3);
    const again = await store.ingest(c.id, batch);
    expect(again).toMatchObject({ inserted: 0, duplicates: 5, events: [] });
    expect(await store.events.count(c.id)).toEqual({ message: 3, join: 1, leave: 1 });
    const members = await store.members.search(c.id, { limit: 10, offset: 0 });
    expect(members.total).toBe(3);
    const crimsun = await store.members.findByIdentity(c.id, 'irc', 'crimsun');
    expect(crimsun?.firstSeenAt?.toISOString()).toBe('2004-12-25T09:14:00.000Z');
    expect(crimsun?.lastSeenAt?.toISOString()).toBe('2004-12-25T09:16:00.000Z');
  });

  it('ingests many batches in one session with the same result as one batch', async () => {
    const c = await store.communities.create({ name: 'session' });
    await store.transaction(async (tx) => {
      const session = tx.ingestSession(c.id);
      for (const e of batch) await session.add([e]);
      await session.add([
        {
          ...(batch[3] as EventInput),
          sourceId: 'line-6',
          actor: { platform: 'irc', platformUserId: 'crimsun', displayName: 'crimsun_' },
          at: new Date('2004-12-25T09:18:00Z'),
        },
      ]);
      await session.finish();
    });
    expect((await store.members.search(c.id, { limit: 10, offset: 0 })).total).toBe(3);
    const crimsun = await store.members.findByIdentity(c.id, 'irc', 'crimsun');
    expect(crimsun).toMatchObject({ displayName: 'crimsun_' });
    expect(crimsun?.firstSeenAt?.toISOString()).toBe('2004-12-25T09:14:00.000Z');
    expect(crimsun?.lastSeenAt?.toISOString()).toBe('2004-12-25T09:18:00.000Z');
    const [group] = await store.groups.list(c.id);
    expect(group?.members).toBe(2);
    // One group by id, with its counts; and every group without them.
    expect(await store.groups.list(c.id, { id: group?.id as number })).toEqual([group]);
    expect(await store.groups.list(c.id, { id: (group?.id as number) + 1000 })).toEqual([]);
    const { members: _m, lastEventAt: _l, leftAt: _a, ...plain } = group as NonNullable<typeof group>;
    expect(await store.groups.listPlain(c.id)).toEqual([plain]);
  });

  it('links a renamed identity to the member behind its previous one', async () => {
    const c = await store.communities.create({ name: 'alias' });
    const rename: EventInput = {
      ...irc(7, 'service', 'crimsun_away', '2004-12-25T09:20:00Z'),
      previous: { platform: 'irc', platformUserId: 'crimsun' },
      extra: { action: 'rename', from: 'crimsun' },
    };
    // The old nick, the change and the new nick's message in one batch; then a second change later.
    await store.ingest(c.id, [
      batch[0] as EventInput,
      rename,
      irc(8, 'message', 'crimsun_away', '2004-12-25T09:21:00Z', 'back'),
    ]);
    await store.ingest(c.id, [
      {
        ...irc(10, 'service', 'crimsun', '2004-12-25T09:25:00Z'),
        previous: { platform: 'irc', platformUserId: 'crimsun_away' },
      },
    ]);
    const before = await store.members.findByIdentity(c.id, 'irc', 'crimsun');
    const after = await store.members.findByIdentity(c.id, 'irc', 'crimsun_away');
    expect(after?.id).toBe(before?.id);
    const detail = await store.members.detail(c.id, before?.id ?? 0);
    expect(detail.identities.map((i) => i.platformUserId)).toEqual(['crimsun', 'crimsun_away']);
    // Without `previous`, a new id is a new member: ids are never merged automatically.
    await store.ingest(c.id, [irc(9, 'message', 'crimsun2', '2004-12-25T09:22:00Z', 'hi')]);
    expect((await store.members.search(c.id, { limit: 10, offset: 0 })).total).toBe(2);
  });

  it('stores NULs and broken surrogates from a damaged export instead of failing the batch', async () => {
    const c = await store.communities.create({ name: 'damaged' });
    const r = await store.ingest(c.id, [
      {
        ...irc(11, 'message', 'bad\u0000nick', '2004-12-25T09:30:00Z', 'half a surrogate \ud800 and a NUL \u0000 here'),
      },
    ]);
    expect(r.inserted).toBe(1);
    expect(r.events[0]?.payload.text).toBe('half a surrogate \ufffd and a NUL  here');
    expect(await store.members.findByIdentity(c.id, 'irc', 'badnick')).toBeDefined();
  });

  it('keeps rollups equal to a plain count of the events, in the community time zone', async () => {
    const c = await store.communities.create({ name: 'rollups', timezone: 'Asia/Shanghai' });
    const late = irc(12, 'message', 'crimsun', '2004-12-25T17:30:00Z', 'after midnight in Shanghai');
    await store.ingest(c.id, [...batch, late]);
    await store.ingest(c.id, [...batch, late]); // duplicates must not count twice
    const reference = async () =>
      (
        await store.db.query<{ member_id: number; day: string; messages: number; joins: number; leaves: number }>(
          `select member_id, to_char((at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
                  count(*) filter (where type = 'message') as messages, count(*) filter (where type = 'join') as joins,
                  count(*) filter (where type = 'leave') as leaves
           from events where community_id = $1 group by 1, 2 order by 1, 2`,
          [c.id],
        )
      ).rows.map((r) => ({ ...r, messages: Number(r.messages), joins: Number(r.joins), leaves: Number(r.leaves) }));
    const rollup = async () =>
      (
        await store.db.query<{ member_id: number; day: string; messages: number; joins: number; leaves: number }>(
          `select member_id, to_char(day, 'YYYY-MM-DD') as day, sum(messages)::int as messages, sum(joins)::int as joins,
                  sum(leaves)::int as leaves
           from member_days where community_id = $1 group by 1, 2 order by 1, 2`,
          [c.id],
        )
      ).rows;
    const expected = await reference();
    expect(expected.map((r) => r.day)).toContain('2004-12-26');
    expect(await rollup()).toEqual(expected);
    const { rows } = await store.db.query<{ n: number }>(
      'select sum(messages)::int as n from group_days where community_id = $1',
      [c.id],
    );
    expect(rows[0]?.n).toBe(4);
    await store.communities.update(c.id, { timezone: 'UTC' });
    await store.rollups.rebuild(c.id);
    expect((await rollup()).map((r) => r.day)).not.toContain('2004-12-26');
  });

  it('counts a duplicate within one batch once', async () => {
    const c = await store.communities.create({ name: 'dup-in-batch' });
    const r = await store.ingest(c.id, [batch[0] as EventInput, batch[0] as EventInput]);
    expect(r).toMatchObject({ inserted: 1, duplicates: 1 });
  });

  it('leaves nothing behind when a batch fails midway', async () => {
    const c = await store.communities.create({ name: 'atomic' });
    // Fail the events insert, after groups and members of the batch were already written.
    const failing = (db: Db): Db => ({
      query: (sql, params) => {
        if (sql.includes('insert into events')) throw new Error('injected failure');
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction((tx) => fn(failing(tx))),
      readSnapshot: (n, fn) => db.readSnapshot(n, (dbs) => fn(dbs.map(failing))),
    });
    await expect(new Store(failing(store.db)).ingest(c.id, batch)).rejects.toThrow('injected failure');
    expect(await store.groups.list(c.id)).toEqual([]);
    expect((await store.members.search(c.id, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await store.events.count(c.id)).toEqual({});
  });

  it('reads one snapshot on every connection of a read snapshot, and writes nothing there', async () => {
    const c = await store.communities.create({ name: 'snapshot' });
    await store.ingest(c.id, batch.slice(0, 2));
    const count = async (s: Store) => Object.values(await s.events.count(c.id)).reduce((a, b) => a + b, 0);
    const seen = await store.readSnapshot(3, async (stores) => {
      const before = await count(stores[0] as Store);
      // PostgreSQL gives several connections: a write committed meanwhile is seen by none of them.
      if (kind === 'postgres') await store.ingest(c.id, batch.slice(2, 4));
      const after = await Promise.all(stores.map(count));
      return { n: stores.length, before, after };
    });
    await expect(
      store.readSnapshot(2, (stores) => (stores.at(-1) as Store).communities.create({ name: 'no' })),
    ).rejects.toThrow(/read-only/);
    expect(seen.n).toBe(kind === 'postgres' ? 3 : 1);
    expect(seen.after).toEqual(Array(seen.n).fill(seen.before));
    expect(await count(store)).toBe(kind === 'postgres' ? seen.before + 2 : seen.before);
  });

  it('keeps group presence from the latest join or leave, whatever the order of arrival', async () => {
    const c = await store.communities.create({ name: 'presence' });
    await store.ingest(c.id, [batch[4] as EventInput]); // the leave arrives first
    await store.ingest(c.id, [batch[2] as EventInput]); // then the earlier join
    const lost = await store.members.findByIdentity(c.id, 'irc', 'L0sT');
    const detail = await store.members.detail(c.id, lost?.id ?? 0);
    expect(detail.groups).toHaveLength(1);
    expect(detail.groups[0]).toMatchObject({ status: 'left', groupName: '#ubuntu' });
    expect(detail.groups[0]?.joinedAt?.toISOString()).toBe('2004-12-25T09:15:00.000Z');
    const [group] = await store.groups.list(c.id);
    expect(group?.members).toBe(0);
  });

  it('searches members by name, id and group, paged', async () => {
    const c = await store.communities.create({ name: 'search' });
    await store.ingest(c.id, batch);
    const byName = await store.members.search(c.id, { q: 'CRIM', limit: 10, offset: 0 });
    expect(byName.items.map((m) => m.displayName)).toEqual(['crimsun']);
    const id = byName.items[0]?.id ?? 0;
    expect((await store.members.search(c.id, { q: String(id), limit: 10, offset: 0 })).items[0]?.id).toBe(id);
    expect((await store.members.search(c.id, { q: '%', limit: 10, offset: 0 })).total).toBe(0);
    const page = await store.members.search(c.id, { limit: 2, offset: 2, sort: 'name' });
    expect(page).toMatchObject({ total: 3 });
    expect(page.items.map((m) => m.displayName)).toEqual(['L0sT']);
    const [group] = await store.groups.list(c.id);
    const present = await store.members.search(c.id, {
      groupId: group?.id ?? 0,
      presentOnly: true,
      limit: 10,
      offset: 0,
    });
    expect(present.items.map((m) => m.displayName).sort()).toEqual(['crimsun', 'intinig']);
  });

  it('streams events in time order and pages a timeline newest first', async () => {
    const c = await store.communities.create({ name: 'stream' });
    await store.ingest(c.id, [...batch].reverse());
    const streamed = [];
    for await (const e of store.events.stream(c.id, {}, 2)) streamed.push(e.sourceId);
    expect(streamed).toHaveLength(5);
    const times = [];
    for await (const e of store.events.stream(c.id, {}, 2)) times.push(e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const crimsun = await store.members.findByIdentity(c.id, 'irc', 'crimsun');
    const page1 = await store.events.timeline(c.id, crimsun?.id ?? 0, { limit: 1 });
    expect(page1[0]?.payload.text).toBe('intinig: there is always gsvn');
    const last = page1[0];
    const page2 = await store.events.timeline(c.id, crimsun?.id ?? 0, {
      limit: 5,
      ...(last ? { before: { at: last.at, id: last.id } } : {}),
    });
    expect(page2.map((e) => e.payload.text)).toEqual(["kleedrac: I'm afraid not."]);
  });

  it('scopes every read by community', async () => {
    const a = await store.communities.create({ name: 'scope-a' });
    const b = await store.communities.create({ name: 'scope-b' });
    const r = await store.ingest(a.id, batch);
    const memberId = r.events[0]?.memberId ?? 0;
    await expect(store.members.get(b.id, memberId)).rejects.toThrow('not found');
    expect((await store.members.search(b.id, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await store.events.timeline(b.id, memberId, { limit: 10 })).toEqual([]);
  });

  it('appends ledger entries and actions once per key, and keeps timers', async () => {
    const c = await store.communities.create({ name: 'state' });
    const r = await store.ingest(c.id, batch);
    const e = r.events[0];
    if (!e) throw new Error('no event');
    const action = {
      communityId: c.id,
      groupId: e.groupId,
      play: 'welcome',
      kind: 'send' as const,
      payload: { text: 'hi' },
      idempotencyKey: 'k1',
      at: e.at,
    };
    await store.playState.enqueueAction(action);
    await store.playState.enqueueAction(action);
    expect(await store.actions.list(c.id, { limit: 10 })).toHaveLength(1);
    const entry = {
      communityId: c.id,
      groupId: e.groupId,
      memberId: e.memberId,
      play: 'p',
      kind: 'points',
      amount: 5,
      data: {},
      dedupeKey: 'd1',
      at: e.at,
    };
    await store.playState.appendLedger(entry);
    await store.playState.appendLedger(entry);
    const { rows } = await store.db.query<{ n: number }>('select count(*) as n from ledger where community_id = $1', [
      c.id,
    ]);
    expect(Number(rows[0]?.n)).toBe(1);
    const ref = { communityId: c.id, groupId: e.groupId, play: 'welcome', key: 'burst' };
    await store.playState.setTimer({ ...ref, dueAt: new Date('2004-12-25T09:15:30Z'), data: { joiners: [] } });
    expect((await store.timers.due(new Date('2004-12-25T09:16:00Z'))).map((t) => t.key)).toContain('burst');
    await store.playState.clearTimer(ref);
    expect(await store.playState.getTimer(ref)).toBeUndefined();
  });

  it('reads the ledger back, forgets memory after its expiry, and tells what it knows of a member', async () => {
    const c = await store.communities.create({ name: 'state-reads' });
    const r = await store.ingest(c.id, batch);
    const e = r.events[0];
    if (!e) throw new Error('no event');
    const base = { communityId: c.id, groupId: e.groupId, memberId: e.memberId, data: {} };
    await store.playState.appendLedger({
      ...base,
      play: 'penalty',
      kind: 'violation',
      amount: 1,
      dedupeKey: 'v1',
      at: new Date('2024-01-01T00:00:00Z'),
    });
    await store.playState.appendLedger({
      ...base,
      play: 'penalty',
      kind: 'violation',
      amount: 1,
      dedupeKey: 'v2',
      at: new Date('2024-02-01T00:00:00Z'),
    });
    await store.playState.appendLedger({
      ...base,
      play: 'points',
      kind: 'points',
      amount: 3,
      dedupeKey: 'p1',
      at: new Date('2024-02-01T00:00:00Z'),
    });
    const recent = await store.playState.readLedger({
      communityId: c.id,
      memberId: e.memberId,
      play: 'penalty',
      since: new Date('2024-01-15T00:00:00Z'),
    });
    expect(recent.map((x) => x.dedupeKey)).toEqual(['v2']);
    expect((await store.playState.readLedger({ communityId: c.id, kinds: ['points'] }))[0]?.amount).toBe(3);
    expect(await store.playState.sumLedger({ communityId: c.id, memberId: e.memberId, kinds: ['violation'] })).toBe(2);
    expect(await store.playState.sumLedger({ communityId: c.id, memberId: e.memberId + 999 })).toBe(0);

    const ref = { communityId: c.id, play: 'anti-spam', key: 'flood:1' };
    await store.playState.setMemory(ref, { times: [1, 2] }, new Date('2024-01-01T00:01:00Z'));
    expect(await store.playState.getMemory(ref, new Date('2024-01-01T00:00:30Z'))).toEqual({ times: [1, 2] });
    expect(await store.playState.getMemory(ref, new Date('2024-01-01T00:01:00Z'))).toBeUndefined();
    await store.playState.setMemory(ref, 'kept', null);
    expect(await store.playState.getMemory(ref, new Date('2099-01-01T00:00:00Z'))).toBe('kept');
    await store.playState.deleteMemory(ref);
    expect(await store.playState.getMemory(ref, new Date('2024-01-01T00:00:00Z'))).toBeUndefined();

    // Expired memory is deleted, a batch at a time; memory still valid or kept forever stays.
    const at = (key: string) => ({ ...ref, key });
    for (let i = 0; i < 5; i++) await store.playState.setMemory(at(`old:${i}`), i, new Date('2024-01-01T00:00:00Z'));
    await store.playState.setMemory(at('recent'), 'r', new Date('2024-03-01T00:00:00Z'));
    await store.playState.setMemory(at('forever'), 'f', null);
    expect(await store.playState.forgetExpiredMemory(new Date('2024-02-01T00:00:00Z'), 2)).toBeGreaterThanOrEqual(5);
    const { rows: left } = await store.db.query<{ key: string }>(
      'select key from play_memory where community_id = $1 order by key',
      [c.id],
    );
    expect(left.map((r) => r.key)).toEqual(['forever', 'recent']);

    const plain = await store.playState.memberFacts(c.id, e.groupId, e.memberId);
    expect(plain).toMatchObject({ memberId: e.memberId, roles: [], blocklisted: false });
    await store.db.query(
      'insert into member_roles (community_id, group_id, member_id, role) values ($1, 0, $2, $3), ($1, $4, $2, $5), ($1, $4 + 1000, $2, $6)',
      [c.id, e.memberId, 'steward', e.groupId, '售后', 'elsewhere'],
    );
    await store.db.query('insert into blocklist (community_id, member_id, reason) values ($1, $2, $3)', [
      c.id,
      e.memberId,
      'ads',
    ]);
    const facts = await store.playState.memberFacts(c.id, e.groupId, e.memberId);
    expect(facts.roles).toEqual([...['steward', '售后']].sort());
    expect(facts.blocklisted).toBe(true);
    expect(facts.displayName).not.toBe('');
    // Who to route a question to: community-wide and this group's holders, not another group's.
    const holders = await store.playState.membersWithRole(c.id, e.groupId, '售后');
    expect(holders).toEqual([{ memberId: e.memberId, displayName: facts.displayName }]);
    expect(await store.playState.membersWithRole(c.id, e.groupId, 'steward')).toHaveLength(1);
    expect(await store.playState.membersWithRole(c.id, e.groupId, 'elsewhere')).toEqual([]);
  });

  it('keeps roles per community and tokens by hash', async () => {
    const c = await store.communities.create({ name: 'auth' });
    const u = await store.auth.createUser({ email: 'Ops@Example.org', passwordHash: 'x' });
    await expect(store.auth.createUser({ email: 'ops@example.org', passwordHash: 'y' })).rejects.toThrow('exists');
    await store.auth.setRole(c.id, u.id, 'viewer');
    expect(await store.auth.roleOf(c.id, u.id)).toBe('viewer');
    const t = await store.auth.createToken({
      communityId: c.id,
      name: 'ci',
      tokenHash: 'h1',
      role: 'viewer',
      createdBy: u.id,
    });
    expect((await store.auth.findToken('h1'))?.id).toBe(t.id);
    await store.auth.revokeToken(c.id, t.id, new Date());
    expect(await store.auth.findToken('h1')).toBeUndefined();
  });
});
