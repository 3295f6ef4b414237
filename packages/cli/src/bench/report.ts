import { tmpdir } from 'node:os';
import { type EventInput, seededRandom } from '@qunzhu/core';
import { readFileLines } from '@qunzhu/importers';
import { buildReport, DEMO_HISTORY } from '@qunzhu/server';
import type { RootStore } from '@qunzhu/store';
import {
  BENCH_STORE_KINDS,
  type BenchStoreKind,
  benchStores,
  dropCommunitiesNow,
  inScratch,
  openBenchStore,
} from './stores.js';

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

/** How the synthetic community's messages fall on members and days (see `synthetic`). */
export type ReportShape = 'sessions' | 'scattered';
export const REPORT_SHAPES: readonly ReportShape[] = ['sessions', 'scattered'];

/** Mean messages per session; with the heavy tail, about 10 messages per member-day (#ubuntu: 14). */
const SESSION_MEAN = 6;

/**
 * A synthetic community like the real logs but bigger: 100 groups, 50k members with heavy-tailed
 * posting (Zipf, s = 1.1), two years with a gentle growth trend, hours of the day as in #ubuntu.
 *
 * `sessions` (the default) is shaped like real chat: each member arrives on a day (joining their home
 * group then) and 30% leave on a later one; they post in sessions of several messages a minute or
 * so apart, on days of their own membership. Heavy posters thus post many messages a day, as in the
 * demo's #ubuntu logs (14 messages per member-day with a message). The sessions are drawn first and
 * then sent in time order, as a live community or a chat export delivers them, so that the stored
 * rows lie in day order as they do in use.
 *
 * `scattered` is the earlier generator: every message on its own random day and hour, no joins or
 * leaves, so member-days are about as many as messages, sent in the order drawn; it is kept to
 * compare with earlier figures.
 */
export async function* synthetic(count: number, seed: string, shape: ReportShape): AsyncGenerator<EventInput[]> {
  const random = seededRandom(seed);
  const pickMember = sampler(Array.from({ length: MEMBERS }, (_, rank) => 1 / (rank + 1) ** 1.1));
  const pickGroupSize = sampler(Array.from({ length: GROUPS }, (_, rank) => 1 / (rank + 1) ** 0.8));
  const pickHour = sampler(await hourWeights());
  const pickDay = sampler(Array.from({ length: DAYS }, (_, d) => 1 + d / DAYS));
  const homeGroup = Array.from({ length: MEMBERS }, () => pickGroupSize(random.next()));
  const arrival = Array.from({ length: MEMBERS }, () => pickDay(random.next()));
  const departure = arrival.map((a) => (random.next() < 0.3 && a < DAYS - 1 ? a + 1 + random.int(DAYS - 1 - a) : DAYS));
  const dayStart = (day: number) => END - (DAYS - day) * 86_400_000;
  let batch: EventInput[] = [];
  let n = 0;
  const push = (type: 'message' | 'join' | 'leave', member: number, group: number, at: number) => {
    batch.push({
      type,
      source: `bench:g${group}`,
      sourceId: `${type[0]}${n++}`,
      group: { platform: 'bench', platformGroupId: `g${group}`, name: `群 ${group}` },
      actor: { platform: 'bench', platformUserId: `u${member}`, displayName: `成员${member}` },
      at: new Date(at),
      ...(type === 'message' ? { text: '今天的分享很有用，谢谢群主！' } : {}),
    });
  };
  if (shape === 'scattered') {
    for (let messages = 0; messages < count; messages++) {
      const member = pickMember(random.next());
      const group = random.next() < 0.8 ? (homeGroup[member] as number) : pickGroupSize(random.next());
      push(
        'message',
        member,
        group,
        dayStart(pickDay(random.next())) + pickHour(random.next()) * 3_600_000 + random.int(3_600_000),
      );
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return;
  }
  const introduced = new Uint8Array(MEMBERS);
  const joinedAt = new Float64Array(MEMBERS);
  const drawn = new Runs();
  for (let messages = 0; messages < count; ) {
    const member = pickMember(random.next());
    const home = homeGroup[member] as number;
    const group = random.next() < 0.8 ? home : pickGroupSize(random.next());
    const first = arrival[member] as number;
    const last = departure[member] as number;
    if (!introduced[member]) {
      introduced[member] = 1;
      joinedAt[member] = dayStart(first) + random.int(3_600_000);
      drawn.add(joinedAt[member] as number, member, home, JOIN);
      if (last < DAYS) drawn.add(dayStart(last) + random.int(86_400_000), member, home, LEAVE);
    }
    // A day of the member's membership (before the day they leave), then a run of messages; none
    // before the member joined.
    const day = first + random.int(Math.max(1, last - first));
    const drawnAt = dayStart(day) + pickHour(random.next()) * 3_600_000 + random.int(3_600_000);
    const at = Math.max(drawnAt, (joinedAt[member] as number) + 60_000);
    const length = Math.min(count - messages, 1 + Math.floor(-Math.log(1 - random.next()) * (SESSION_MEAN - 1)));
    drawn.add(at, member, group, length);
    messages += length;
  }
  // In time order; a session's messages follow its start (a minute or so apart).
  for (const i of drawn.byTime()) {
    const { member, group, kind } = drawn.get(i);
    let at = drawn.at[i] as number;
    if (kind === JOIN) push('join', member, group, at);
    else if (kind === LEAVE) push('leave', member, group, at);
    else {
      for (let k = 0; k < kind; k++) {
        push('message', member, group, at);
        at += 5_000 + random.int(115_000);
      }
    }
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A drawn run's kind: a join, a leave, or a session of that many messages (1 or more). */
const JOIN = 0;
const LEAVE = 0xffff;

/** Drawn joins, leaves and sessions, packed (a 10M-message community draws about 3M of them). */
class Runs {
  at = new Float64Array(1 << 16);
  private member = new Int32Array(1 << 16);
  private group = new Uint16Array(1 << 16);
  private kind = new Uint16Array(1 << 16);
  private size = 0;

  add(at: number, member: number, group: number, kind: number) {
    if (this.size === this.at.length) {
      const grow = <T extends Float64Array | Int32Array | Uint16Array>(a: T): T => {
        const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.at = grow(this.at);
      this.member = grow(this.member);
      this.group = grow(this.group);
      this.kind = grow(this.kind);
    }
    this.at[this.size] = at;
    this.member[this.size] = member;
    this.group[this.size] = group;
    this.kind[this.size] = kind;
    this.size += 1;
  }

  get(i: number) {
    return { member: this.member[i] as number, group: this.group[i] as number, kind: this.kind[i] as number };
  }

  /** Indexes by time, ties in the order drawn. */
  byTime(): Uint32Array {
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) order[i] = i;
    const at = this.at;
    return order.sort((a, b) => (at[a] as number) - (at[b] as number) || a - b);
  }
}

/** Ingest in transactions of 200k events; returns events/s. */
export const ingestSynthetic = async (
  store: RootStore,
  communityId: number,
  count: number,
  rollups: boolean,
  seed: string,
  shape: ReportShape,
) => {
  const started = performance.now();
  let done = 0;
  const batches = synthetic(count, seed, shape);
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
  return { rate: done / ((performance.now() - started) / 1000), events: done };
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
  shape: ReportShape;
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
  shape: ReportShape = 'sessions',
  stores: readonly BenchStoreKind[] = BENCH_STORE_KINDS,
): Promise<ReportBenchRow[]> => {
  return inScratch(parent, 'qunzhu-bench-report-', async (dir) => {
    const rows: ReportBenchRow[] = [];
    const sample = Math.min(count, 500_000);
    for (const { label, location } of benchStores(dir, print, stores)) {
      const store = await openBenchStore(location);
      try {
        // Rollup upkeep: the same sample with and without it, in two fresh communities.
        const without = await store.communities.create({ name: `bench-norollup-${Date.now()}`, timezone: 'UTC' });
        const plain = await ingestSynthetic(store, without.id, sample, false, 'bench-sample', shape);
        const withC = await store.communities.create({ name: `bench-rollup-${Date.now()}`, timezone: 'UTC' });
        const kept = await ingestSynthetic(store, withC.id, sample, true, 'bench-sample', shape);
        await dropCommunitiesNow(store, [without.id, withC.id]);
        print(
          `${label}: ingest of ${plain.events.toLocaleString('en')} events (${shape}) ${Math.round(plain.rate).toLocaleString('en')}/s without rollups, ` +
            `${Math.round(kept.rate).toLocaleString('en')}/s with them: slowdown ${((1 - kept.rate / plain.rate) * 100).toFixed(1)}% (aim ≤ 20%)`,
        );
        const community = await store.communities.create({ name: `bench-report-${Date.now()}`, timezone: 'UTC' });
        const { rate, events } = await ingestSynthetic(store, community.id, count, true, 'bench-community', shape);
        const { rows: shapeRows } = await store.db.query<{
          member_days: string;
          active_days: string;
          messages: string;
        }>(
          `select count(*) as member_days, count(*) filter (where messages > 0) as active_days, sum(messages) as messages
           from member_days where community_id = $1`,
          [community.id],
        );
        const facts = shapeRows[0];
        print(
          `${label}: ${events.toLocaleString('en')} events (${count.toLocaleString('en')} messages, ${shape}) in ${GROUPS} groups from ${MEMBERS.toLocaleString('en')} members over two years, ingested at ${Math.round(rate).toLocaleString('en')}/s; ` +
            `${Number(facts?.member_days).toLocaleString('en')} member-days, ${(Number(facts?.messages) / Number(facts?.active_days)).toFixed(1)} messages per member-day with a message`,
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
          shape,
          events,
          ingestWithRollups: kept.rate,
          ingestWithoutRollups: plain.rate,
          slowdown: 1 - kept.rate / plain.rate,
          reportMs: warm.ms,
          rawAggregationMs: raw.ms,
        });
        if ('databaseUrl' in location) await dropCommunitiesNow(store, [community.id]);
      } finally {
        await store.close();
      }
    }
    return rows;
  });
};
