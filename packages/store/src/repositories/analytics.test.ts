import { type EventInput, type EventType, seededRandom } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0003 from '../migrations/0003-summary-rollups.js';
import * as m0013 from '../migrations/0013-member-totals.js';
import * as m0014 from '../migrations/0014-first-seen-weeks.js';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';
import { AnalyticsRepository, type AnalyticsScope } from './analytics.js';
import { summaryScope } from './analytics-summary.js';
import { MONTH_START, WEEK_START } from './rows.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 26); // a Monday, so weeks and months both cut the history

/**
 * A small community with everything the coarse rollups must get right: members in several groups,
 * joins and leaves (also on the same day, and in two groups on one day), days cut in Shanghai time,
 * events arriving out of order, in live batches and in imports, and duplicates.
 */
const history = (seed: string): EventInput[] => {
  const random = seededRandom(seed);
  const events: EventInput[] = [];
  const types: EventType[] = ['message', 'message', 'message', 'message', 'join', 'leave', 'reaction'];
  for (let i = 0; i < 1500; i++) {
    const member = random.int(40);
    // Members mostly stay in their own group, and a few wander: cross-group days happen.
    const group = random.next() < 0.7 ? member % 4 : random.int(4);
    const type = types[random.int(types.length)] as EventType;
    events.push({
      type,
      source: `test:g${group}`,
      sourceId: `${seed}-${i}`,
      group: { platform: 'test', platformGroupId: `g${group}`, name: `群 ${group}` },
      actor: { platform: 'test', platformUserId: `u${member}`, displayName: `成员${member}` },
      // 75 days; members' events cluster around their own part of the history.
      at: new Date(START + ((member * 2 + random.int(40)) % 75) * DAY + random.int(DAY)),
      ...(type === 'message' ? { text: '早上好' } : {}),
    });
  }
  return events;
};

describe.each(testStoreKinds())('coarse rollups on %s', (kind) => {
  let store: TestStore;
  let communityId: number;
  let groupIds: number[];
  beforeAll(async () => {
    store = await openTestStore(kind);
    communityId = (await store.communities.create({ name: 'summaries', timezone: 'Asia/Shanghai' })).id;
    const events = history('summaries');
    // Out of order, half live batches and half an import, and one batch twice.
    const shuffled = events.map((e, i) => ({ e, k: (i * 7919) % events.length })).sort((a, b) => a.k - b.k);
    const chunks: EventInput[][] = [];
    for (let i = 0; i < shuffled.length; i += 100) chunks.push(shuffled.slice(i, i + 100).map(({ e }) => e));
    for (const [i, chunk] of chunks.entries()) {
      if (i % 2 === 0) await store.ingest(communityId, chunk);
      else
        await store.transaction(async (tx) => {
          const session = tx.ingestSession(communityId);
          // Batches of 30 inside one import: days spread over several batches.
          for (let j = 0; j < chunk.length; j += 30) await session.add(chunk.slice(j, j + 30), { events: false });
          await session.finish();
        });
    }
    await store.ingest(communityId, chunks[3] ?? []);
    groupIds = (await store.groups.list(communityId)).map((g) => g.id).sort((a, b) => a - b);
    const types = ['lead', 'conversion', 'fan', 'other'];
    for (const [i, id] of groupIds.entries())
      await store.db.query('update groups set type = $3 where community_id = $1 and id = $2', [
        communityId,
        id,
        types[i],
      ]);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const scopes = (): [string, AnalyticsScope][] => {
    const base = { communityId, tz: 'Asia/Shanghai', communityTz: 'Asia/Shanghai' };
    return [
      ['the community, as of a later day', { ...base, asOf: '2026-06-01' }],
      ['the community up to its last day', { ...base, to: '2026-04-11', asOf: '2026-04-11' }],
      ['one group', { ...base, groupIds: [groupIds[1] as number], asOf: '2026-04-20' }],
    ];
  };

  it('answer whole-history scopes from the coarse rollups exactly as member_days does', async () => {
    const coarse = new AnalyticsRepository(store.db);
    const scan = new AnalyticsRepository(store.db, false);
    for (const [name, scope] of scopes()) {
      expect(await summaryScope(store.db, scope), name).not.toBeNull();
      const both = async <T>(read: (a: AnalyticsRepository) => Promise<T>) => [await read(coarse), await read(scan)];
      const sortFunnel = (rows: { memberId: number }[]) => [...rows].sort((a, b) => a.memberId - b.memberId);
      const checks: [string, (a: AnalyticsRepository) => Promise<unknown>][] = [
        ['totals', (a) => a.totals(scope)],
        ['daily', (a) => a.daily(scope)],
        ['monthly', (a) => a.monthly(scope)],
        ['weekly', (a) => a.weekly(scope, false)],
        ['weekly per group', (a) => a.weekly(scope, true)],
        ['top members', (a) => a.topMembers(scope, 15)],
        ['cohorts', (a) => a.cohorts(scope)],
        ['member activity', (a) => a.memberActivity(scope)],
        ['group facts', (a) => a.groupFacts(scope)],
        ['funnel', async (a) => sortFunnel(await a.funnelEntries(scope))],
      ];
      for (const [what, read] of checks) {
        const [fast, slow] = await both(read);
        expect(fast, `${name}: ${what}`).toEqual(slow);
      }
    }
    // The history has what makes members(t) and the layers non-trivial.
    const members = await scan.memberActivity(scopes()[0]?.[1] as AnalyticsScope);
    expect(members.some((m) => !m.present)).toBe(true);
    expect(members.some((m) => m.present)).toBe(true);
    const weeks = await scan.weekly(scopes()[0]?.[1] as AnalyticsScope);
    expect(new Set(weeks.map((w) => w.members)).size).toBeGreaterThan(3);
  });

  it('cuts weeks and months by arithmetic exactly as date_trunc does, before 2000 too', async () => {
    const days = ['1969-12-29', '1999-12-31', '2000-01-02', '2000-01-03', '2000-02-29', '2024-12-30', '2026-03-01'];
    const { rows } = await store.db.query(
      `select to_char(${WEEK_START('d')}, 'YYYY-MM-DD') as week, to_char(date_trunc('week', d)::date, 'YYYY-MM-DD') as trunc_week,
              to_char(${MONTH_START('d')}, 'YYYY-MM-DD') as month, to_char(date_trunc('month', d)::date, 'YYYY-MM-DD') as trunc_month
       from unnest($1::date[]) as d`,
      [days],
    );
    expect(rows.map((r) => r.week)).toEqual(rows.map((r) => r.trunc_week));
    expect(rows.map((r) => r.month)).toEqual(rows.map((r) => r.trunc_month));
    expect(rows.map((r) => r.week)).toEqual([
      '1969-12-29',
      '1999-12-27',
      '1999-12-27',
      '2000-01-03',
      '2000-02-28',
      '2024-12-30',
      '2026-02-23',
    ]);
  });

  it('falls back to member_days for a start day, several groups, another zone or later rollups', async () => {
    const [, whole] = scopes()[0] as [string, AnalyticsScope];
    expect(await summaryScope(store.db, { ...whole, from: '2026-02-01' })).toBeNull();
    expect(await summaryScope(store.db, { ...whole, groupIds: groupIds.slice(0, 2) })).toBeNull();
    expect(await summaryScope(store.db, { ...whole, tz: 'UTC' })).toBeNull();
    expect(await summaryScope(store.db, { ...whole, to: '2026-03-01', asOf: '2026-03-01' })).toBeNull();
  });

  const snapshot = async () => ({
    summaries: (
      await store.db.query(
        `select group_id, member_id, to_char(first_day, 'YYYY-MM-DD') as f, to_char(last_day, 'YYYY-MM-DD') as l,
                to_char(last_message_day, 'YYYY-MM-DD') as lm, messages, events, last_joins, last_leaves, first_weeks
         from member_summaries where community_id = $1 order by 1, 2`,
        [communityId],
      )
    ).rows,
    totals: (
      await store.db.query(
        `select member_id, to_char(first_day, 'YYYY-MM-DD') as f, to_char(last_day, 'YYYY-MM-DD') as l,
                to_char(last_message_day, 'YYYY-MM-DD') as lm, messages, events, last_joins, last_leaves, first_weeks,
                active_days
         from member_totals where community_id = $1 order by 1`,
        [communityId],
      )
    ).rows,
    active: (
      await store.db.query(
        `select group_id, period, to_char(start, 'YYYY-MM-DD') as s, members from active_counts
         where community_id = $1 and members > 0 order by 1, 2, 3`,
        [communityId],
      )
    ).rows,
    firstSeen: (
      await store.db.query(
        `select group_id, to_char(week, 'YYYY-MM-DD') as w, members from first_seen_weeks
         where community_id = $1 and members <> 0 order by 1, 2`,
        [communityId],
      )
    ).rows,
    groupDays: (
      await store.db.query(
        `select group_id, to_char(day, 'YYYY-MM-DD') as d, messages, joins, leaves, events, active_members
         from group_days where community_id = $1 order by 1, 2`,
        [communityId],
      )
    ).rows,
  });

  it('keeps at ingest the same coarse rollups as a rebuild and as the migration computes them', async () => {
    const kept = await snapshot();
    expect(kept.summaries.length).toBeGreaterThan(40);
    // Members in several groups: their totals fold more than one summary.
    expect(kept.totals.length).toBeGreaterThan(20);
    expect(kept.totals.length).toBeLessThan(kept.summaries.length);
    expect(kept.active.filter((r) => Number(r.group_id) === 0).length).toBeGreaterThan(75);
    // Members first seen in several weeks; events out of order moved first days back at ingest.
    expect(kept.firstSeen.filter((r) => Number(r.group_id) === 0).length).toBeGreaterThan(3);
    await store.rollups.rebuild(communityId);
    expect(await snapshot()).toEqual(kept);
    // Migration 3's backfill, run again on emptied tables.
    await store.db.exec(
      'delete from member_summaries; delete from active_counts; update group_days set active_members = 0;',
    );
    await store.db.exec(m0003.sql.slice(m0003.sql.indexOf('-- Stores with rollups already')));
    // And migration 13's, and 14's.
    await store.db.exec('delete from member_totals');
    await store.db.exec(m0013.sql.slice(m0013.sql.indexOf('-- Stores with rollups already')));
    await store.db.exec('delete from first_seen_weeks');
    await store.db.exec(m0014.sql.slice(m0014.sql.indexOf('-- Stores with rollups already')));
    expect(await snapshot()).toEqual(kept);
  });
});
