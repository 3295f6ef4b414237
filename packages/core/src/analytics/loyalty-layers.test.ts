import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import { memberBuilder, randomMember, refDay, refPlus } from './analytics.test-support.js';
import { loyaltyLayers } from './loyalty-layers.js';
import type { LoyaltyLayer, MemberActivity } from './types.js';

const asOf = '2005-07-29';
const member = memberBuilder({ firstSeen: asOf, lastSeen: asOf });

// Message totals of those present, ascending: 0, 1, 40, 40, 500 (contribution = share with ≤ as many).
const people = [
  // tenure 1, recency 1, frequency 1, contribution 5/5 → 100
  member(1, 'crimsun', { firstSeen: refPlus(asOf, -200), lastMessage: asOf, activeDays30: 15, messagesTotal: 500 }),
  // tenure 90/180, recency 1 (3 days), frequency 3/15, contribution 4/5 → 25 × 2.5 = 62.5
  member(2, 'kleedrac', {
    firstSeen: refPlus(asOf, -90),
    lastMessage: refPlus(asOf, -3),
    activeDays30: 3,
    messagesTotal: 40,
  }),
  // tenure 36/180, no message → 25 × 0.2 = 5
  member(3, 'intinig', { firstSeen: refPlus(asOf, -36) }),
  // tenure 1, recency 0 (90 days), frequency 0, contribution 4/5 → 25 × 1.8 = 45
  member(4, 'will', { firstSeen: refPlus(asOf, -400), lastMessage: refPlus(asOf, -90), messagesTotal: 40 }),
  // tenure 0, recency 1, frequency 1/15, contribution 2/5 → 25 × (1 + 1/15 + 0.4) = 36.67
  member(5, 'Tsjoklate', { lastMessage: asOf, activeDays30: 1, messagesTotal: 1 }),
  // Left: not layered, and not part of the percentile (else kleedrac's contribution would be 3/5).
  member(6, '|QuaD-', { present: false, leftOn: asOf, messagesTotal: 1000 }),
];

describe('loyaltyLayers', () => {
  it('scores tenure, recency, frequency and contribution with equal weights by default', () => {
    const result = loyaltyLayers(people, asOf);
    expect(result.members.map((m) => [m.name, m.score, m.layer])).toEqual([
      ['crimsun', 100, 'loyal'],
      ['kleedrac', 62.5, 'high'],
      ['intinig', 5, 'none'],
      ['will', 45, 'medium'],
      ['Tsjoklate', 36.67, 'low'],
    ]);
    expect(result.members[1]).toMatchObject({ tenure: 0.5, recency: 1, frequency: 0.2, contribution: 0.8 });
    expect(result.members[4]).toMatchObject({ tenure: 0, recency: 1, frequency: 0.0667, contribution: 0.4 });
    expect(result.counts).toEqual({ none: 1, low: 1, medium: 1, high: 1, loyal: 1 });
    expect(result.left).toBe(1);
  });

  it('gives a long-standing silent member only the tenure part', () => {
    const result = loyaltyLayers(
      [
        member(1, 'crimsun', { firstSeen: refPlus(asOf, -200) }),
        member(2, 'kleedrac', { firstSeen: refPlus(asOf, -10) }),
      ],
      asOf,
    );
    expect(result.members.map((m) => [m.score, m.layer])).toEqual([
      [25, 'low'],
      [1.39, 'none'], // 25 × 10 / 180
    ]);
  });

  it('puts a score exactly on a cut-off in the upper layer', () => {
    const tenureOnly = { weights: { recency: 0, frequency: 0, contribution: 0 }, tenureFullDays: 100 };
    const result = loyaltyLayers(
      [
        member(1, 'crimsun', { firstSeen: refPlus(asOf, -80) }),
        member(2, 'kleedrac', { firstSeen: refPlus(asOf, -79) }),
        member(3, 'intinig', { firstSeen: refPlus(asOf, -20) }),
      ],
      asOf,
      tenureOnly,
    );
    expect(result.members.map((m) => [m.score, m.layer])).toEqual([
      [80, 'loyal'],
      [79, 'high'],
      [20, 'low'],
    ]);
  });

  it('reads recency linearly between its two days', () => {
    const result = loyaltyLayers([member(1, 'crimsun', { lastMessage: refPlus(asOf, -25) })], asOf, {
      weights: { tenure: 0, frequency: 0, contribution: 0 },
      recencyFullDays: 0,
      recencyZeroDays: 100,
    });
    expect(result.members[0]).toMatchObject({ recency: 0.75, score: 75, layer: 'high' });
  });

  it('refuses cut-offs out of order and weights that are all 0', () => {
    for (const bad of [
      { cutoffs: { low: 50, medium: 40 } },
      { weights: { tenure: 0, recency: 0, frequency: 0, contribution: 0 } },
      { recencyFullDays: 90, recencyZeroDays: 90 },
    ]) {
      let error: unknown;
      try {
        loyaltyLayers(people, asOf, bad);
      } catch (e) {
        error = e;
      }
      expect(isQunzhuError(error) && error.code).toBe('bad_input');
    }
  });

  it('agrees with a plain reference on random members', () => {
    const weights = [15, 35, 25, 25];
    const reference = (members: MemberActivity[], day: string) => {
      const present = members.filter((m) => m.present);
      const out: { memberId: number; score: number; layer: LoyaltyLayer }[] = [];
      for (const m of present) {
        let tenure = (refDay(day) - refDay(m.firstSeen)) / 120;
        if (tenure > 1) tenure = 1;
        if (tenure < 0) tenure = 0;
        let recency = 0;
        if (m.lastMessage !== null) {
          const ago = refDay(day) - refDay(m.lastMessage);
          if (ago <= 10) recency = 1;
          else if (ago < 60) recency = (60 - ago) / 50;
        }
        const frequency = Math.min(1, m.activeDays30 / 10);
        let atMost = 0;
        for (const o of present) if (o.messagesTotal <= m.messagesTotal) atMost += 1;
        const contribution = m.messagesTotal > 0 ? atMost / present.length : 0;
        const parts = [tenure, recency, frequency, contribution];
        let sum = 0;
        for (let i = 0; i < 4; i++) sum += (weights[i] ?? 0) * (parts[i] ?? 0);
        const score = Math.round(((100 * sum) / 100) * 100) / 100;
        let layer: LoyaltyLayer = 'none';
        if (score >= 85) layer = 'loyal';
        else if (score >= 60) layer = 'high';
        else if (score >= 35) layer = 'medium';
        else if (score >= 15) layer = 'low';
        out.push({ memberId: m.memberId, score, layer });
      }
      return out;
    };
    const rnd = seededRandom('loyalty-layers');
    const seen = new Set<LoyaltyLayer>();
    for (let round = 0; round < 60; round++) {
      const day = `2024-1${rnd.int(3)}-0${1 + rnd.int(9)}`;
      const members = Array.from({ length: rnd.int(50) }, (_, i) => randomMember(rnd, i + 1, day));
      const thresholds = {
        weights: { tenure: 15, recency: 35, frequency: 25, contribution: 25 },
        tenureFullDays: 120,
        recencyFullDays: 10,
        recencyZeroDays: 60,
        frequencyFullDays: 10,
        cutoffs: { low: 15, medium: 35, high: 60, loyal: 85 },
      };
      const got = loyaltyLayers(members, day, thresholds);
      const want = reference(members, day);
      expect(got.members.map((m) => ({ memberId: m.memberId, score: m.score, layer: m.layer }))).toEqual(want);
      // Counts only, for a reader that lists no member: the same counts.
      expect(loyaltyLayers(members, day, thresholds, { listMembers: false })).toEqual({ ...got, members: [] });
      for (const w of want) seen.add(w.layer);
    }
    expect([...seen].sort()).toEqual(['high', 'low', 'loyal', 'medium', 'none']);
  });
});
