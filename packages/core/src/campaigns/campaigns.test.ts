import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CampaignScope,
  type CampaignTier,
  campaignPeriod,
  checkTiers,
  defaultCampaignRules,
  evaluateCampaign,
  flagKey,
  type InviteFact,
  liveCodeLink,
  lookAlikeName,
} from './index.js';

// Nicks from the #ubuntu IRC history in the demo (CC-BY-4.0): inviters and the people they brought in.
const NAMES: Record<number, string> = {
  1: 'crimsun',
  2: 'kleedrac',
  3: 'lamont',
  4: 'Seveas',
  11: 'jdub',
  12: 'usual',
  13: 'thom',
  14: 'Kamion',
  15: 'mdz',
  16: 'fabbione',
  17: 'sivang',
  18: 'elmo',
  19: 'Crimsun_',
  20: 'lamont2',
};
const TARGET = 7;
// 2026-11-02 … 2026-11-15 in Shanghai: the period starts 2026-11-01T16:00Z.
const period = campaignPeriod('2026-11-02', '2026-11-15', 'Asia/Shanghai');
const tiers: CampaignTier[] = [
  { invites: 3, rewardId: 1 },
  { invites: 10, rewardId: 2 },
];
const scope = (over: Partial<CampaignScope> = {}): CampaignScope => ({
  ...period,
  targetGroupIds: [TARGET],
  tiers,
  rules: defaultCampaignRules(),
  ...over,
});
const at = (iso: string) => new Date(iso);
/** An invitee who joined a target group through an inviter, stayed and posted, and was credited 3 days later. */
const fact = (invitee: number, inviter: number, joined: string, over: Partial<InviteFact> = {}): InviteFact => ({
  invitee,
  inviteeName: NAMES[invitee] ?? `m${invitee}`,
  inviter,
  inviterName: NAMES[inviter] ?? `m${inviter}`,
  groupId: TARGET,
  joinedAt: at(joined),
  firstSeenAt: at(joined),
  credit: 'valid',
  creditAt: new Date(at(joined).getTime() + 3 * 86_400_000),
  voidReason: null,
  leftAt: null,
  messagesInWindow: 4,
  blocklisted: null,
  ...over,
});
const NOW = at('2026-11-30T00:00:00Z');
const run = (facts: InviteFact[], s = scope(), restored: Set<string> = new Set()) =>
  evaluateCampaign({ scope: s, facts, restored, now: NOW });

describe('campaign counting', () => {
  const cases: { name: string; facts: InviteFact[]; want: Record<number, number> }[] = [
    {
      name: 'valid credits in the period count for their inviter',
      facts: [
        fact(11, 1, '2026-11-03T02:10:00Z'),
        fact(12, 1, '2026-11-05T11:40:00Z'),
        fact(13, 2, '2026-11-06T08:00:00Z'),
      ],
      want: { 1: 2, 2: 1 },
    },
    {
      name: 'a join before the period starts (local midnight in Shanghai) does not count',
      facts: [fact(11, 1, '2026-11-01T15:59:00Z'), fact(12, 1, '2026-11-01T16:00:00Z')],
      want: { 1: 1 },
    },
    {
      name: 'a join after the last local day ends does not count',
      facts: [fact(11, 1, '2026-11-15T15:59:59Z'), fact(12, 1, '2026-11-15T16:00:00Z')],
      want: { 1: 1 },
    },
    {
      name: 'a member seen in the community before the period is not a new invitee',
      facts: [fact(11, 1, '2026-11-04T09:00:00Z', { firstSeenAt: at('2026-10-20T12:00:00Z') })],
      want: {},
    },
    {
      name: 'a join into a group that is not a target does not count',
      facts: [fact(11, 1, '2026-11-04T09:00:00Z', { groupId: 8 }), fact(12, 1, '2026-11-04T10:00:00Z')],
      want: { 1: 1 },
    },
    {
      name: 'pending and voided-by-the-invites-play credits do not count yet',
      facts: [
        fact(11, 1, '2026-11-27T09:00:00Z', { credit: 'pending', creditAt: null }),
        fact(12, 1, '2026-11-04T10:00:00Z', {
          credit: 'void',
          voidReason: 'left_early',
          leftAt: at('2026-11-04T12:00:00Z'),
        }),
        fact(13, 1, '2026-11-04T11:00:00Z'),
      ],
      want: { 1: 1 },
    },
    {
      name: 'the same invitee listed twice (a replayed import) counts once',
      facts: [fact(11, 1, '2026-11-04T09:00:00Z'), fact(11, 1, '2026-11-04T09:00:00Z')],
      want: { 1: 1 },
    },
    {
      name: 'nobody counts for inviting themselves',
      facts: [fact(1, 1, '2026-11-04T09:00:00Z')],
      want: {},
    },
  ];
  it.each(cases)('$name', ({ facts, want }) => {
    const got = Object.fromEntries(run(facts).leaderboard.map((s) => [s.memberId, s.invites]));
    expect(Object.fromEntries(Object.entries(got).filter(([, n]) => n > 0))).toEqual(
      Object.fromEntries(Object.entries(want).map(([k, v]) => [k, v])),
    );
  });

  it('ranks by valid invites, then by who got there first; tiers follow the count', () => {
    const facts = [
      fact(11, 2, '2026-11-03T01:00:00Z'),
      fact(12, 2, '2026-11-04T01:00:00Z'),
      fact(13, 2, '2026-11-05T01:00:00Z'),
      fact(14, 1, '2026-11-03T02:00:00Z'),
      fact(15, 1, '2026-11-03T05:00:00Z'),
      fact(16, 1, '2026-11-03T07:00:00Z'),
      fact(17, 3, '2026-11-08T01:00:00Z'),
    ];
    const board = run(facts).leaderboard;
    expect(board.map((s) => [s.memberId, s.rank, s.invites, s.tiersReached])).toEqual([
      [1, 1, 3, [0]],
      [2, 2, 3, [0]],
      [3, 3, 1, []],
    ]);
  });

  it('lists registered participants with no invites at the bottom', () => {
    const board = evaluateCampaign({
      scope: scope(),
      facts: [fact(11, 1, '2026-11-03T01:00:00Z')],
      restored: new Set(),
      participants: [{ memberId: 4, name: 'Seveas' }],
      now: NOW,
    }).leaderboard;
    expect(board.map((s) => [s.memberId, s.invites])).toEqual([
      [1, 1],
      [4, 0],
    ]);
  });
});

describe('anti-fraud rules', () => {
  const statusOf = (facts: InviteFact[], invitee: number, s = scope()) =>
    run(facts, s).invites.find((i) => i.invitee === invitee);

  it('flags a burst: 5 joins from one inviter within 10 minutes, and nothing outside it', () => {
    const burst = [
      fact(11, 1, '2026-11-07T13:00:05Z'),
      fact(12, 1, '2026-11-07T13:01:40Z'),
      fact(13, 1, '2026-11-07T13:03:12Z'),
      fact(14, 1, '2026-11-07T13:06:30Z'),
      fact(15, 1, '2026-11-07T13:09:59Z'),
      // An hour later, and another inviter at the same minutes: neither is part of the burst.
      fact(16, 1, '2026-11-07T14:15:00Z'),
      fact(17, 2, '2026-11-07T13:02:00Z'),
    ];
    const result = run(burst);
    const flagged = result.flags.filter((f) => f.rule === 'burst').map((f) => f.invitee);
    expect(flagged).toEqual([11, 12, 13, 14, 15]);
    expect(result.flags[0]?.reason).toMatch(/5 joins invited by crimsun within 10 minutes/);
    const board = Object.fromEntries(result.leaderboard.map((s) => [s.memberId, [s.invites, s.voided]]));
    expect(board).toEqual({ 1: [1, 5], 2: [1, 0] });
  });

  it('four joins in ten minutes are not a burst at the default; a stricter setting flags them', () => {
    const four = [11, 12, 13, 14].map((m, i) => fact(m, 1, `2026-11-07T13:0${i * 2}:00Z`));
    expect(run(four).flags).toEqual([]);
    const strict = scope({ rules: { ...defaultCampaignRules(), burst: { joins: 3, minutes: 5 } } });
    expect(run(four, strict).flags.map((f) => f.invitee)).toEqual([11, 12, 13, 14]);
    const off = scope({ rules: { ...defaultCampaignRules(), burst: { joins: 0, minutes: 10 } } });
    expect(run(four.concat([fact(15, 1, '2026-11-07T13:09:00Z')]), off).flags).toEqual([]);
  });

  it('flags an invitee who left within the campaign window though the invites play credited them', () => {
    const f = fact(11, 1, '2026-11-03T01:00:00Z', { leftAt: at('2026-11-07T09:30:00Z') });
    const i = statusOf([f], 11);
    expect(i?.status).toBe('voided');
    expect(i?.flags.map((x) => [x.rule, x.detail.days])).toEqual([['left_soon', 4.4]]);
    // Leaving after the 7 days is fine.
    expect(statusOf([{ ...f, leftAt: at('2026-11-10T02:00:00Z') }], 11)?.status).toBe('counted');
  });

  it('flags an invitee who has not posted enough once the window is over, never before', () => {
    const strict = scope({ rules: { ...defaultCampaignRules(), quality: { windowDays: 7, minMessages: 3 } } });
    const quiet = fact(11, 1, '2026-11-10T01:00:00Z', { messagesInWindow: 1 });
    expect(statusOf([quiet], 11, strict)?.flags.map((x) => x.rule)).toEqual(['never_posted']);
    const early = evaluateCampaign({
      scope: strict,
      facts: [quiet],
      restored: new Set(),
      now: at('2026-11-15T00:00:00Z'),
    });
    expect(early.invites[0]?.status).toBe('counted');
    expect(statusOf([{ ...quiet, messagesInWindow: 3 }], 11, strict)?.status).toBe('counted');
  });

  it('flags blocklisted invitees with the blocklist reason', () => {
    const i = statusOf([fact(11, 1, '2026-11-03T01:00:00Z', { blocklisted: '发广告：代开发票' })], 11);
    expect(i?.flags.map((x) => x.reason)).toEqual(['jdub is on the blocklist: 发广告：代开发票']);
    const off = scope({ rules: { ...defaultCampaignRules(), blocklist: false } });
    expect(statusOf([fact(11, 1, '2026-11-03T01:00:00Z', { blocklisted: '' })], 11, off)?.status).toBe('counted');
  });

  it("flags an invitee with the inviter's own name (an alt account)", () => {
    const facts = [
      fact(19, 1, '2026-11-03T01:00:00Z'),
      fact(20, 3, '2026-11-03T01:00:00Z'),
      fact(11, 1, '2026-11-03T02:00:00Z'),
    ];
    const flagged = run(facts).flags.filter((f) => f.rule === 'look_alike');
    expect(flagged.map((f) => [f.invitee, f.inviter])).toEqual([
      [19, 1],
      [20, 3],
    ]);
    expect(lookAlikeName('小明 ') === lookAlikeName('小明2')).toBe(true);
    expect(lookAlikeName('小明') === lookAlikeName('小红')).toBe(false);
  });

  it('a restored credit counts again only when every flag of it is restored', () => {
    const f = fact(11, 1, '2026-11-03T01:00:00Z', { blocklisted: 'spam', leftAt: at('2026-11-04T01:00:00Z') });
    expect(run([f], scope(), new Set([flagKey(11, 'blocklisted')])).invites[0]?.status).toBe('voided');
    const both = new Set([flagKey(11, 'blocklisted'), flagKey(11, 'left_soon')]);
    const result = run([f], scope(), both);
    expect(result.invites[0]?.status).toBe('restored');
    expect(result.leaderboard[0]?.invites).toBe(1);
  });
});

describe('campaign helpers', () => {
  it('builds a live-code link with the campaign channel and member ref', () => {
    expect(liveCodeLink('https://q.example.org/', 'spring', 4, 12)).toBe(
      'https://q.example.org/j/spring?ch=campaign-4&ref=m12',
    );
  });
  it('refuses tiers that do not rise', () => {
    expect(checkTiers(tiers)).toBeNull();
    expect(checkTiers([tiers[1] as CampaignTier, tiers[0] as CampaignTier])).toMatch(/tiers must rise/);
  });
});

describe('recomputing', () => {
  const arbFact = fc
    .record({
      invitee: fc.integer({ min: 10, max: 40 }),
      inviter: fc.integer({ min: 1, max: 5 }),
      minute: fc.integer({ min: 0, max: 20 * 24 * 60 }),
      credit: fc.constantFrom('valid', 'void', 'pending'),
      leftAfterH: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      messages: fc.integer({ min: 0, max: 3 }),
      blocked: fc.boolean(),
      group: fc.constantFrom(TARGET, 8),
    })
    .map((r) => {
      const joined = new Date(period.startsAt.getTime() - 2 * 86_400_000 + r.minute * 60_000);
      return fact(r.invitee, r.inviter, joined.toISOString(), {
        credit: r.credit as InviteFact['credit'],
        leftAt: r.leftAfterH === null ? null : new Date(joined.getTime() + r.leftAfterH * 3_600_000),
        messagesInWindow: r.messages,
        blocklisted: r.blocked ? 'spam' : null,
        groupId: r.group,
      });
    });

  it('gives the same result twice, for the facts in any order and listed any number of times', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbFact, { maxLength: 30, selector: (f) => f.invitee }),
        fc.integer({ min: 0, max: 1000 }),
        (facts, seed) => {
          // A replay: every fact again, in another order.
          const again = [...facts, ...facts].sort(
            (a, b) => ((a.invitee * 31 + seed) % 17) - ((b.invitee * 31 + seed) % 17),
          );
          const first = run(facts);
          const second = run(again);
          expect(second.leaderboard).toEqual(first.leaderboard);
          expect(new Set(second.flags.map((f) => flagKey(f.invitee, f.rule)))).toEqual(
            new Set(first.flags.map((f) => flagKey(f.invitee, f.rule))),
          );
          // Restoring what was flagged and recomputing twice changes nothing either.
          const restored = new Set(first.flags.map((f) => flagKey(f.invitee, f.rule)));
          expect(run(facts, scope(), restored)).toEqual(run(again, scope(), restored));
          // Counted invites never exceed distinct eligible invitees.
          const total = first.leaderboard.reduce((n, s) => n + s.invites, 0);
          expect(total).toBeLessThanOrEqual(new Set(facts.map((f) => f.invitee)).size);
        },
      ),
      { numRuns: 200 },
    );
  });
});
