import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import { activityLayers } from './activity-layers.js';
import { memberBuilder, randomMember, refDay } from './analytics.test-support.js';
import type { ActivityLayer, MemberActivity } from './types.js';

const asOf = '2005-01-31';
const member = memberBuilder({});

const people = [
  member(1, 'crimsun', { activeDays30: 8, messages30: 12, lastSeen: asOf }),
  member(2, 'kleedrac', { activeDays30: 3, messages30: 30, lastSeen: asOf }),
  member(3, 'intinig', { activeDays30: 7, messages30: 29, lastSeen: asOf }),
  member(4, 'will', { activeDays30: 1, messages30: 2, lastSeen: '2005-01-20' }),
  member(5, 'Tsjoklate', { activeDays30: 1, messages30: 1, lastSeen: '2005-01-03' }),
  member(6, '|QuaD-', { lastSeen: '2005-01-02' }), // 29 days before asOf: inside the 30 days
  member(7, 'L0sT', { lastSeen: '2005-01-01' }), // 30 days before: outside
  member(8, 'vassie', { activeDays30: 12, messages30: 80, present: false, leftOn: '2005-01-30' }),
];

const layerOf = (result: ReturnType<typeof activityLayers>, name: string) =>
  result.members.find((m) => m.name === name)?.layer;

describe('activityLayers', () => {
  it('layers by the default thresholds, first rule first', () => {
    const result = activityLayers(people, asOf);
    expect(result.members.map((m) => [m.name, m.layer])).toEqual([
      ['crimsun', 'active'], // 8 active days
      ['kleedrac', 'active'], // 30 messages
      ['intinig', 'participant'], // 7 days and 29 messages: just under both
      ['will', 'participant'],
      ['Tsjoklate', 'observer'], // one message
      ['|QuaD-', 'observer'], // seen, no message
      ['L0sT', 'lurker'],
    ]);
    expect(result.counts).toEqual({ active: 2, participant: 2, observer: 2, lurker: 1 });
    expect(result.left).toBe(1);
  });

  it('uses the thresholds it is given', () => {
    const result = activityLayers(people, asOf, { activeDays: 7, participantMessages: 3, observerSeenDays: 31 });
    expect(layerOf(result, 'intinig')).toBe('active');
    expect(layerOf(result, 'will')).toBe('observer');
    expect(layerOf(result, 'L0sT')).toBe('observer');
  });

  it('refuses thresholds that make no sense', () => {
    let error: unknown;
    try {
      activityLayers(people, asOf, { activeDays: 0 });
    } catch (e) {
      error = e;
    }
    expect(isQunzhuError(error) && error.code).toBe('bad_input');
    expect(String(error)).toContain('activeDays');
  });

  it('agrees with a plain reference on random members', () => {
    const reference = (members: MemberActivity[], day: string) => {
      const out: { memberId: number; layer: ActivityLayer }[] = [];
      const counts = { active: 0, participant: 0, observer: 0, lurker: 0 };
      let left = 0;
      for (const m of members) {
        if (!m.present) {
          left += 1;
          continue;
        }
        let layer: ActivityLayer = 'lurker';
        const seenDaysAgo = refDay(day) - refDay(m.lastSeen);
        if (m.activeDays30 >= 8 || m.messages30 >= 30) layer = 'active';
        else if (m.messages30 >= 2) layer = 'participant';
        else if (m.messages30 === 1 || seenDaysAgo < 30) layer = 'observer';
        counts[layer] += 1;
        out.push({ memberId: m.memberId, layer });
      }
      return { out, counts, left };
    };
    const rnd = seededRandom('activity-layers');
    const seen = { active: 0, participant: 0, observer: 0, lurker: 0, left: 0 };
    for (let round = 0; round < 60; round++) {
      const day = `2024-0${1 + rnd.int(9)}-1${rnd.int(10)}`;
      const members = Array.from({ length: rnd.int(60) }, (_, i) => randomMember(rnd, i + 1, day));
      const got = activityLayers(members, day);
      const want = reference(members, day);
      expect(got.members.map((m) => ({ memberId: m.memberId, layer: m.layer }))).toEqual(want.out);
      expect(got.counts).toEqual(want.counts);
      expect(got.left).toBe(want.left);
      // Counts only, for a reader that lists no member: the same counts.
      expect(activityLayers(members, day, undefined, { listMembers: false })).toEqual({ ...got, members: [] });
      for (const layer of ['active', 'participant', 'observer', 'lurker'] as const) seen[layer] += want.counts[layer];
      seen.left += want.left;
    }
    // The random members reach every layer, so the comparison covers every rule.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(20);
  });
});
