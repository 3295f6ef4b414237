import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts, type EventInput } from '@qunzhu/core';
import { openTestStore, type TestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY } from '../demo/seed.js';
import { importFile } from '../imports/import-file.js';
import { buildReport } from './report.js';
import { reportSchema } from './report-schema.js';

type Line = { type: string; user: string; at: string };
const demoLines = readFileSync(DEMO_HISTORY, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Line);

/** Independent count of the demo file: plain loops, no importer, no SQL. */
const reference = () => {
  const months = new Map<string, { messages: number; joins: number; leaves: number; active: Set<string> }>();
  const everyone = new Set<string>();
  const active = new Set<string>();
  for (const l of demoLines) {
    const month = l.at.slice(0, 7);
    const m = months.get(month) ?? { messages: 0, joins: 0, leaves: 0, active: new Set<string>() };
    months.set(month, m);
    everyone.add(l.user);
    if (l.type === 'message') {
      m.messages++;
      m.active.add(l.user);
      active.add(l.user);
    } else if (l.type === 'join') m.joins++;
    else m.leaves++;
  }
  return {
    totals: {
      messages: demoLines.filter((l) => l.type === 'message').length,
      joins: demoLines.filter((l) => l.type === 'join').length,
      leaves: demoLines.filter((l) => l.type === 'leave').length,
      members: everyone.size,
      activeMembers: active.size,
    },
    monthly: [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, m]) => ({
        month,
        messages: m.messages,
        joins: m.joins,
        leaves: m.leaves,
        activeMembers: m.active.size,
      })),
  };
};

// The same figures straight from the raw IRC logs, when the shared data set is beside the project.
const rawLogs = join(process.cwd(), '..', 'shared', 'data', 'irc-ubuntu');

describe.each(testStoreKinds())('report on %s', (kind) => {
  let store: TestStore;
  let demo: number;
  beforeAll(async () => {
    store = await openTestStore(kind);
    demo = (await store.communities.create({ name: 'ubuntu', timezone: 'UTC' })).id;
    await importFile(store, DEMO_HISTORY, { communityId: demo, format: 'jsonl', platform: 'irc' });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('gives totals and monthly figures equal to an independent count of the history', async () => {
    const report = await buildReport(store, { communityId: demo, now: new Date('2026-11-23T12:00:00Z') });
    expect(reportSchema.parse(report)).toBeTruthy();
    const ref = reference();
    expect(report.totals).toEqual(ref.totals);
    expect(report.monthly).toEqual(ref.monthly);
    expect(report.topMembers.length).toBeGreaterThanOrEqual(10);
    expect(report.topMembers[0]?.messages).toBeGreaterThanOrEqual(report.topMembers[9]?.messages ?? 0);
    // The history ends in 2005: as of 2026 the community is dormant and every group silent.
    expect(report.lifecycle.stage).toBe('dormant');
    expect(report.alerts.map((a) => a.kind)).toContain('silent_group');
    expect(report.series.daily.reduce((n, d) => n + d.messages, 0)).toBe(ref.totals.messages);
  });

  it.runIf(existsSync(rawLogs))('agrees with the raw IRC log lines of the shared data set', async () => {
    let messages = 0;
    let joins = 0;
    let leaves = 0;
    for (const file of readdirSync(rawLogs).filter((f) => f.endsWith('.raw.txt'))) {
      for (const line of readFileSync(join(rawLogs, file), 'utf8').split('\n')) {
        if (/^\[\d{2}:\d{2}\] <[^>]+>/.test(line)) messages++;
        else if (/^=== .* has joined #ubuntu/i.test(line)) joins++;
        else if (/^=== .* has (left|quit)/i.test(line)) leaves++;
      }
    }
    const report = await buildReport(store, { communityId: demo, now: new Date('2026-11-23T12:00:00Z') });
    expect(report.totals).toMatchObject({ messages, joins, leaves });
  });

  it('reads a period and one group, and refuses a bad one', async () => {
    const [group] = await store.groups.list(demo);
    const report = await buildReport(store, {
      communityId: demo,
      groupIds: [group?.id ?? 0],
      from: '2005-06-01',
      to: '2005-06-30',
    });
    const june = reference().monthly.find((m) => m.month === '2005-06');
    expect(report.totals).toMatchObject({ messages: june?.messages, joins: june?.joins, leaves: june?.leaves });
    expect(report.monthly.map((m) => m.month)).toEqual(['2005-06']);
    await expect(buildReport(store, { communityId: demo, from: '2005-07-01', to: '2005-06-01' })).rejects.toThrow(
      /empty/,
    );
    await expect(buildReport(store, { communityId: demo, from: '1 June' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('recuts days in another zone from the events, consistently with the rollups', async () => {
    const utc = await buildReport(store, { communityId: demo, now: new Date('2026-11-23T12:00:00Z') });
    const shanghai = await buildReport(store, {
      communityId: demo,
      tz: 'Asia/Shanghai',
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(shanghai.totals).toEqual(utc.totals);
    expect(shanghai.series.daily.map((d) => d.day)).not.toEqual(utc.series.daily.map((d) => d.day));
  });

  it('reads a steadily growing community as growth', async () => {
    const c = (await store.communities.create({ name: `growing ${kind}`, timezone: 'UTC' })).id;
    // Each week more members join a fan group and post; twelve weeks up to the report day.
    const events: EventInput[] = [];
    let n = 0;
    for (let week = 0; week < 12; week++) {
      for (let i = 0; i < 5 + week * 3; i++) {
        const user = `u${week}-${i}`;
        const at = new Date(Date.UTC(2026, 7, 3) + week * 7 * 86_400_000 + i * 3_600_000);
        const base = {
          group: { platform: 'sandbox', platformGroupId: 'g1', name: '成长群' },
          actor: { platform: 'sandbox', platformUserId: user, displayName: user },
        };
        events.push({ ...base, type: 'join', source: 'sandbox:g1', sourceId: `j${n++}`, at });
        for (let k = 0; k <= week; k++) {
          events.push({
            ...base,
            type: 'message',
            source: 'sandbox:g1',
            sourceId: `m${n++}`,
            at: new Date(at.getTime() + k * 86_400_000),
            text: '打卡',
          });
        }
      }
    }
    await store.ingest(c, events);
    const report = await buildReport(store, { communityId: c, to: '2026-10-25' });
    expect(report.lifecycle.stage).toBe('growth');
    expect(report.groups[0]?.lifecycle.stage).toBe('growth');
    expect(report.health.score).toBeGreaterThan(0);
  });
  it('names the members its alerts name, as read with every name', async () => {
    const c = (await store.communities.create({ name: `cooling ${kind}`, timezone: 'UTC' })).id;
    // Regulars 0–3 post daily for 60 days, then 0 and 1 go quiet and 2 leaves; 4–19 post now and then.
    const asOf = Date.UTC(2026, 9, 31);
    const events: EventInput[] = [];
    let n = 0;
    const said = (user: number, daysBefore: number, type: 'message' | 'join' | 'leave' = 'message') =>
      events.push({
        type,
        source: 'sandbox:g1',
        sourceId: `e${n++}`,
        group: { platform: 'sandbox', platformGroupId: 'g1', name: '答疑群' },
        actor: { platform: 'sandbox', platformUserId: `u${user}`, displayName: `成员 ${user} 号` },
        at: new Date(asOf - daysBefore * 86_400_000 + user * 60_000),
        ...(type === 'message' ? { text: '今天也来报到' } : {}),
      });
    for (let user = 0; user < 20; user++) said(user, 85, 'join');
    for (let day = 80; day >= 0; day--) {
      for (let user = 0; user < 4; user++) {
        const quiet = (user === 0 || user === 1) && day < 40;
        if (!quiet && !(user === 2 && day < 35)) said(user, day);
      }
      if (day % 9 === 0) for (let user = 4; user < 20; user++) said(user, day);
    }
    said(2, 34, 'leave');
    await store.ingest(c, events);
    const report = await buildReport(store, { communityId: c, now: new Date(asOf + 43_200_000) });
    const named = report.alerts.filter((a) => a.kind === 'evaporative_cooling' || a.kind === 'slipping_away');
    // The same rules over every member read with their names (the report reads names only for these).
    const members = await store.analytics.memberActivity({
      communityId: c,
      tz: 'UTC',
      communityTz: 'UTC',
      asOf: '2026-10-31',
    });
    const expected = alerts({ asOf: '2026-10-31', now: new Date(asOf + 43_200_000).toISOString(), members });
    expect(named.map((a) => a.kind).sort()).toEqual(['evaporative_cooling', 'slipping_away']);
    expect(named).toEqual(expected.filter((a) => a.kind === 'evaporative_cooling' || a.kind === 'slipping_away'));
    expect(named.flatMap((a) => a.members ?? []).map((m) => m.name)).toContain('成员 2 号');
    expect(named.flatMap((a) => a.members ?? []).every((m) => m.name.startsWith('成员 '))).toBe(true);
  });
});
