import { activityLayers, type EventInput, loyaltyLayers } from '@qunzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testStoreKinds } from '../testing.js';

// Texts cut from the #ubuntu IRC logs in the demo history (CC-BY-4.0, see packages/server/demo); the
// days are moved so that each member falls in a different activity layer on AS_OF.
const TEXTS = [
  "kleedrac: I'm afraid not. Any version of mplayer except for -k7* should work for your cpu",
  'does a subversion gnome client exist?',
  'best media player: VLC /get wxvlc) It plays everything!',
  'will: totem has caused me no troubles',
  'intinig: I don\u2019t see one in warty or hoary',
];
const AS_OF = new Date('2005-03-31T08:00:00Z'); // 16:00 in Shanghai, local day 2005-03-31
let seq = 0;
const event = (
  type: EventInput['type'],
  nick: string,
  day: string,
  channel = '#ubuntu',
  hour = '04:00',
): EventInput => {
  seq += 1;
  return {
    type,
    source: 'irc:test',
    sourceId: `seg-${seq}`,
    group: { platform: 'irc', platformGroupId: channel, name: channel },
    actor: { platform: 'irc', platformUserId: nick, displayName: nick },
    at: new Date(`${day}T${hour}:00Z`),
    ...(type === 'message' ? { text: TEXTS[seq % TEXTS.length] } : {}),
  };
};
const days = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `2005-03-${String(from + i).padStart(2, '0')}`);

describe.each(testStoreKinds())('segments and ponds on %s', (kind) => {
  let store: TestStore;
  let c: number;
  const id: Record<string, number> = {};
  let ubuntu: number;
  let devel: number;
  let photo: number;

  beforeAll(async () => {
    store = await openTestStore(kind);
    c = (await store.communities.create({ name: 'segments', timezone: 'Asia/Shanghai' })).id;
    const events: EventInput[] = [
      event('join', 'L0sT', '2005-01-20'),
      event('message', 'L0sT', '2005-01-20'),
      ...days(10, 10).map((d) => event('message', 'jdub', d)), // 10 active days → active
      ...days(20, 3).map((d) => event('message', 'crimsun', d, '#ubuntu-devel')), // 3 messages → participant
      event('message', 'intinig', '2005-03-29'), // 1 message → observer
      event('join', 'kleedrac', '2005-02-01'),
      event('message', 'kleedrac', '2005-03-30'),
      event('leave', 'kleedrac', '2005-03-30', '#ubuntu', '05:00'), // left every group → no layer
      event('join', 'will', '2005-03-01', '#photo'),
    ];
    const r = await store.ingest(c, events);
    for (const e of r.events) {
      const nick = events.find((x) => x.sourceId === e.sourceId)?.actor.platformUserId ?? '';
      id[nick] = e.memberId;
    }
    const groups = await store.groups.list(c);
    const byName = (n: string) => groups.find((g) => g.name === n)?.id ?? 0;
    ubuntu = byName('#ubuntu');
    devel = byName('#ubuntu-devel');
    photo = byName('#photo');
    await store.groups.update(c, devel, { type: 'fan' });
    await store.members.setTags(c, id.jdub ?? 0, ['摄影', 'gnome']);
    await store.members.setTags(c, id.crimsun ?? 0, ['摄影']);
    await store.members.setTags(c, id.intinig ?? 0, ['gnome']);
    const points = (member: string, amount: number) =>
      store.playState.appendLedger({
        communityId: c,
        groupId: null,
        memberId: id[member] ?? 0,
        play: 'manual',
        kind: 'points',
        amount,
        data: {},
        dedupeKey: `seg-points-${member}`,
        at: AS_OF,
      });
    await points('jdub', 120);
    await points('crimsun', 40);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const names = async (filter: Parameters<TestStore['members']['count']>[1]) => {
    const { items, total } = await store.members.search(c, {
      ...filter,
      sort: 'name',
      limit: 50,
      offset: 0,
      asOf: AS_OF,
    });
    expect(await store.members.count(c, filter, AS_OF)).toBe(total);
    return items.map((m) => m.displayName);
  };

  it('filters by activity layer with the rule of the report', async () => {
    const activity = await store.analytics.memberActivity({
      communityId: c,
      asOf: '2005-03-31',
      tz: 'Asia/Shanghai',
      communityTz: 'Asia/Shanghai',
    });
    const expected = activityLayers(activity, '2005-03-31').members;
    for (const layer of ['active', 'participant', 'observer', 'lurker'] as const) {
      const want = expected
        .filter((m) => m.layer === layer)
        .map((m) => m.name)
        .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      expect(want.length, layer).toBeGreaterThan(0);
      expect(await names({ layers: [layer] }), layer).toEqual(want);
    }
    expect(await names({ layers: ['active', 'observer'] })).toEqual(['intinig', 'jdub']);
    // kleedrac left: no layer at all.
    expect(await names({ layers: ['active', 'participant', 'observer', 'lurker'] })).not.toContain('kleedrac');
  });

  it('filters by loyalty layer as the report computes it, also inside a saved segment', async () => {
    const activity = await store.analytics.memberActivity({
      communityId: c,
      asOf: '2005-03-31',
      tz: 'Asia/Shanghai',
      communityTz: 'Asia/Shanghai',
    });
    const layered = loyaltyLayers(activity, '2005-03-31').members;
    const layers = [...new Set(layered.map((m) => m.layer))];
    // The fixture spreads its members over more than one loyalty layer.
    expect(layers.length).toBeGreaterThan(1);
    for (const layer of layers) {
      const want = layered
        .filter((m) => m.layer === layer)
        .map((m) => m.name)
        .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      expect(await names({ loyaltyLayers: [layer] }), layer).toEqual(want);
    }
    const first = layers[0] ?? 'none';
    const s = await store.segments.create(
      c,
      { name: 'loyal', description: '', filter: { loyaltyLayers: [first] } },
      null,
    );
    const size = await store.segments.snapshot(c, s.id, AS_OF);
    expect(size.size).toBe(layered.filter((m) => m.layer === first).length);
    const exported = [];
    for await (const rows of store.members.exportRows(c, { loyaltyLayers: [first] }, { asOf: AS_OF }))
      exported.push(...rows);
    expect(exported).toHaveLength(size.size);
    await store.segments.delete(c, s.id);
  });

  it('filters by tags: any, all, none', async () => {
    expect(await names({ tagsAny: ['摄影'] })).toEqual(['crimsun', 'jdub']);
    expect(await names({ tagsAll: ['摄影', 'gnome'] })).toEqual(['jdub']);
    expect(await names({ tagsAny: ['gnome'], tagsNone: ['摄影'] })).toEqual(['intinig']);
    expect(await names({ tagsNone: ['摄影', 'gnome'] })).toEqual(['kleedrac', 'L0sT', 'will']);
  });

  it('filters by recent messages, last activity, points, first seen, groups and group type', async () => {
    expect(await names({ activity: { days: 7, minMessages: 1 } })).toEqual(['intinig', 'kleedrac']);
    expect(await names({ activity: { days: 30, minMessages: 3 } })).toEqual(['crimsun', 'jdub']);
    expect(await names({ lastActiveBefore: '2005-03-01' })).toEqual(['L0sT']);
    expect(await names({ lastActiveFrom: '2005-03-29' })).toEqual(['intinig', 'kleedrac']);
    expect(await names({ pointsMin: 50 })).toEqual(['jdub']);
    expect(await names({ pointsMin: 1, pointsMax: 100 })).toEqual(['crimsun']);
    expect(await names({ pointsMax: 0 })).toEqual(['intinig', 'kleedrac', 'L0sT', 'will']);
    expect(await names({ joinedFrom: '2005-03-01', joinedTo: '2005-03-12' })).toEqual(['jdub', 'will']);
    expect(await names({ groupIds: [devel, photo] })).toEqual(['crimsun', 'will']);
    expect(await names({ groupIds: [ubuntu] })).not.toContain('kleedrac');
    expect(await names({ groupTypes: ['fan'] })).toEqual(['crimsun']);
    expect(await names({ platforms: ['irc'], tagsAny: ['gnome'] })).toEqual(['intinig', 'jdub']);
    expect(await names({ q: 'jdu', tagsAny: ['摄影'] })).toEqual(['jdub']);
  });

  it('saves, edits and deletes a segment, and keeps one size per local day', async () => {
    const s = await store.segments.create(
      c,
      { name: '摄影爱好者', description: '', filter: { tagsAny: ['摄影'] } },
      null,
    );
    expect(s.lastSize).toBeNull();
    // 23:30 UTC on the 30th is already the 31st in Shanghai.
    expect(await store.segments.snapshot(c, s.id, new Date('2005-03-30T15:30:00Z'))).toMatchObject({
      day: '2005-03-30',
      size: 2,
    });
    expect((await store.segments.snapshot(c, s.id, new Date('2005-03-30T16:30:00Z'))).day).toBe('2005-03-31');
    expect(await store.segments.missingSnapshots(new Date('2005-03-31T10:00:00Z'))).not.toContainEqual({
      communityId: c,
      segmentId: s.id,
    });
    expect(await store.segments.missingSnapshots(new Date('2005-03-31T16:05:00Z'))).toContainEqual({
      communityId: c,
      segmentId: s.id,
    });
    const edited = await store.segments.update(c, s.id, { filter: { tagsAll: ['摄影', 'gnome'] } });
    expect(edited.filter).toEqual({ tagsAll: ['摄影', 'gnome'] });
    await store.segments.snapshot(c, s.id, new Date('2005-03-31T10:00:00Z'));
    expect(await store.segments.sizes(c, s.id)).toMatchObject([
      { day: '2005-03-30', size: 2 },
      { day: '2005-03-31', size: 1 },
    ]);
    expect((await store.segments.get(c, s.id)).lastSize).toEqual({ day: '2005-03-31', size: 1 });
    await store.segments.delete(c, s.id);
    await expect(store.segments.get(c, s.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.segments.delete(c, s.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('streams an export in id order, batch by batch, with tags and points', async () => {
    const batches = [];
    for await (const rows of store.members.exportRows(c, {}, { asOf: AS_OF, batchSize: 2 })) batches.push(rows);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2]);
    const rows = batches.flat();
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(rows.find((r) => r.displayName === 'jdub')).toMatchObject({
      tags: ['gnome', '摄影'],
      points: 120,
      identities: ['irc:jdub'],
    });
  });

  it('lists who a pond may invite, skips them within the cooldown, and counts who then joined', async () => {
    const s = await store.segments.create(
      c,
      { name: 'gnome', description: '', filter: { tagsAny: ['gnome', '摄影'] } },
      null,
    );
    const pond = await store.ponds.create(c, {
      name: '摄影群',
      segmentId: s.id,
      targetGroupId: photo,
      joinLink: 'https://t.me/+photo',
      template: '',
      perMessage: 10,
      cooldownDays: 30,
    });
    const candidates = await store.ponds.candidates(c, pond.id, AS_OF, 10);
    expect(candidates.map((m) => m.displayName).sort()).toEqual(['crimsun', 'intinig', 'jdub']);
    expect(candidates.find((m) => m.displayName === 'crimsun')?.groupId).toBe(devel);
    expect(await store.ponds.stats(c, pond.id, AS_OF)).toMatchObject({ segment: 3, inTarget: 0, waiting: 3 });

    await store.ponds.recordInvites(
      c,
      pond.id,
      candidates.filter((m) => m.displayName !== 'intinig'),
      AS_OF,
      null,
    );
    expect((await store.ponds.candidates(c, pond.id, AS_OF, 10)).map((m) => m.displayName)).toEqual(['intinig']);
    // After the cooldown they may be invited again.
    const later = new Date(AS_OF.getTime() + 31 * 86_400_000);
    expect(await store.ponds.candidates(c, pond.id, later, 10)).toHaveLength(3);

    await store.ingest(c, [event('join', 'jdub', '2005-04-01', '#photo')]);
    expect(await store.ponds.stats(c, pond.id, AS_OF)).toMatchObject({
      segment: 3,
      inTarget: 1,
      waiting: 1,
      invited: 2,
      converted: 1,
    });
    const invites = await store.ponds.invites(c, pond.id, 10);
    expect(invites.map((i) => [i.memberName, i.joined]).sort()).toEqual([
      ['crimsun', false],
      ['jdub', true],
    ]);
  });
});
