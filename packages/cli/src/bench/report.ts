import { tmpdir } from 'node:os';
import { type EventInput, seededRandom } from '@qunzhu/core';
import { readFileLines } from '@qunzhu/importers';
import { buildReport, DEMO_HISTORY } from '@qunzhu/server';
import type { RootStore } from '@qunzhu/store';
import { benchStores, dropBenchCommunities, inScratch, openBenchStore } from './stores.js';

const GROUPS = 100;
const MEMBERS = 50_000;
const DAYS = 730;
const END = Date.UTC(2026, 9, 31);
const BATCH = 5000;
const PER_TRANSACTION = 200_000;

/** Hours of the day weighted as in the real #ubuntu logs of the demo. */
const hourWeights = async (): Promise<number[]> => {
  const counts = new Array<number>(24).fill(1);
  for await (const { text } of readFileLines(DEMO_HISTORY)) {
    if (!text) continue;
    const hour = Number((JSON.parse(text) as { at: string }).at.slice(11, 13));
    counts[hour] = (counts[hour] ?? 0) + 1;
  }
  return counts;
};

/** Cumulative table for drawing an index by weight. */
const sampler = (weights: readonly number[]) => {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cumulative.push(sum);
  }
  return (u: number) => {
    const x = u * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

/**
 * A synthetic community like the real logs but bigger: 100 groups, 50k members with heavy-tailed
 * posting (Zipf, s = 1.1), two years with a gentle growth trend, hours of the day as in #ubuntu.
 */
async function* synthetic(count: number, seed: string): AsyncGenerator<EventInput[]> {
  const random = seededRandom(seed);
  const pickMember = sampler(Array.from({ length: MEMBERS }, (_, rank) => 1 / (rank + 1) ** 1.1));
  const pickGroupSize = sampler(Array.from({ length: GROUPS }, (_, rank) => 1 / (rank + 1) ** 0.8));
  const pickHour = sampler(await hourWeights());
  const pickDay = sampler(Array.from({ length: DAYS }, (_, d) => 1 + d / DAYS));
  const homeGroup = Array.from({ length: MEMBERS }, () => pickGroupSize(random.next()));
  let batch: EventInput[] = [];
  for (let i = 0; i < count; i++) {
    const member = pickMember(random.next());
    const group = random.next() < 0.8 ? (homeGroup[member] as number) : pickGroupSize(random.next());
    const at = new Date(
      END - (DAYS - pickDay(random.next())) * 86_400_000 + pickHour(random.next()) * 3_600_000 + random.int(3_600_000),
    );
    batch.push({
      type: 'message',
      source: `bench:g${group}`,
      sourceId: `m${i}`,
      group: { platform: 'bench', platformGroupId: `g${group}`, name: `群 ${group}` },
      actor: { platform: 'bench', platformUserId: `u${member}`, displayName: `成员${member}` },
      at,
      text: '今天的分享很有用，谢谢群主！',
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Ingest in transactions of 200k events; returns events/s. */
const ingest = async (store: RootStore, communityId: number, count: number, rollups: boolean, seed: string) => {
  const started = performance.now();
  let done = 0;
  const batches = synthetic(count, seed);
  let next = await batches.next();
  while (!next.done) {
    await store.transaction(async (tx) => {
      const session = tx.ingestSession(communityId, { rollups });
      let inTransaction = 0;
      while (!next.done && inTransaction < PER_TRANSACTION) {
        const r = await session.add(next.value, { events: false });
        inTransaction += r.inserted;
        done += r.inserted;
        next = await batches.next();
      }
      await session.finish();
    });
  }
  return done / ((performance.now() - started) / 1000);
};

const time = async <T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
};

/** The same questions answered by plain SQL over the raw events: totals, months, top members. */
const rawAggregation = async (store: RootStore, communityId: number) => {
  await store.db.query(
    `select count(*) filter (where type = 'message'), count(distinct member_id), count(distinct member_id) filter (where type = 'message')
     from events where community_id = $1`,
    [communityId],
  );
  await store.db.query(
    `select to_char(at at time zone 'UTC', 'YYYY-MM'), count(*), count(distinct member_id) from events
     where community_id = $1 group by 1 order by 1`,
    [communityId],
  );
  await store.db.query(
    `select member_id, count(*) from events where community_id = $1 and type = 'message' group by 1 order by 2 desc limit 10`,
    [communityId],
  );
};

export type ReportBenchRow = {
  store: string;
  events: number;
  ingestWithRollups: number;
  ingestWithoutRollups: number;
  slowdown: number;
  reportMs: number;
  rawAggregationMs: number;
};

/** `qunzhu bench report`: a large community, ingest with and without rollup upkeep, report vs raw SQL. */
export const benchReport = async (
  count: number,
  print: (line: string) => void,
  parent: string = tmpdir(),
): Promise<ReportBenchRow[]> => {
  return inScratch(parent, 'qunzhu-bench-report-', async (dir) => {
    const rows: ReportBenchRow[] = [];
    const sample = Math.min(count, 500_000);
    for (const { label, location } of benchStores(dir, print)) {
      const store = await openBenchStore(location);
      try {
        // Rollup upkeep: the same sample with and without it, in two fresh communities.
        const without = await store.communities.create({ name: `bench-norollup-${Date.now()}`, timezone: 'UTC' });
        const plain = await ingest(store, without.id, sample, false, 'bench-sample');
        const withC = await store.communities.create({ name: `bench-rollup-${Date.now()}`, timezone: 'UTC' });
        const kept = await ingest(store, withC.id, sample, true, 'bench-sample');
        await store.db.query('delete from communities where id = any($1::bigint[])', [[without.id, withC.id]]);
        print(
          `${label}: ingest of ${sample.toLocaleString('en')} events ${Math.round(plain).toLocaleString('en')}/s without rollups, ` +
            `${Math.round(kept).toLocaleString('en')}/s with them: slowdown ${((1 - kept / plain) * 100).toFixed(1)}% (aim ≤ 20%)`,
        );
        const community = await store.communities.create({ name: `bench-report-${Date.now()}`, timezone: 'UTC' });
        const rate = await ingest(store, community.id, count, true, 'bench-community');
        print(
          `${label}: ${count.toLocaleString('en')} events in ${GROUPS} groups from ${MEMBERS.toLocaleString('en')} members over two years, ingested at ${Math.round(rate).toLocaleString('en')}/s`,
        );
        await store.db.exec('analyze');
        const now = new Date(END + 86_400_000);
        const cold = await time(() => buildReport(store, { communityId: community.id, now }));
        const warm = await time(() => buildReport(store, { communityId: community.id, now }));
        const raw = await time(() => rawAggregation(store, community.id));
        print(
          `${label}: report ${Math.round(cold.ms)} ms cold, ${Math.round(warm.ms)} ms warm (aim < 1 s on PostgreSQL); ` +
            `plain SQL over raw events for totals, months and top members only: ${Math.round(raw.ms)} ms ` +
            `(report / raw = ${(warm.ms / raw.ms).toFixed(2)})`,
        );
        rows.push({
          store: label,
          events: count,
          ingestWithRollups: kept,
          ingestWithoutRollups: plain,
          slowdown: 1 - kept / plain,
          reportMs: warm.ms,
          rawAggregationMs: raw.ms,
        });
        await dropBenchCommunities(store, location, [community.id]);
      } finally {
        await store.close();
      }
    }
    return rows;
  });
};
