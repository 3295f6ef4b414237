import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { inviterOf, memberInviteLinkName } from './index.js';

const registry = createBuiltinRegistry();
const DAY = 86_400_000;
const t0 = Date.parse('2024-03-01T08:00:00Z');
const at = (days: number) => new Date(t0 + days * DAY);

type Step = [
  kind: 'join' | 'leave' | 'message',
  member: number,
  day: number,
  inviter?: number | undefined,
  group?: number,
];

/** Run a history through the invites play; return each inviter's valid credits and voids (with reasons). */
const credits = async (steps: readonly Step[], config: unknown = {}) => {
  const ev = eventMaker();
  const community = testCommunity();
  const r = playRunner(registry, [
    scopeWith(community, testGroup(7), { invites: config }),
    scopeWith(community, testGroup(8), { invites: config }),
  ]);
  await r.run(
    steps.map(([kind, member, day, inviter, group]) =>
      ev(kind, member, at(day), kind === 'message' ? 'hello everyone, glad to be here' : undefined, {
        groupId: group ?? 7,
        ...(inviter === undefined ? {} : { payload: { inviterMemberId: inviter } }),
      }),
    ),
    at(60),
  );
  const l = r.state.ledger;
  return {
    valid: l.filter((e) => e.kind === 'invite_credit').map((e) => [e.memberId, e.data.invitee]),
    void: l.filter((e) => e.kind === 'invite_void').map((e) => [e.memberId, e.data.invitee, e.data.reason]),
    points: l.filter((e) => e.kind === 'points').reduce((s, e) => s + e.amount, 0),
  };
};

describe('invite credit rules', () => {
  it.each<[string, Step[], { valid: unknown[]; void: unknown[] }]>([
    [
      'stays and posts: valid',
      [
        ['join', 2, 0, 1],
        ['message', 2, 1],
      ],
      { valid: [[1, 2]], void: [] },
    ],
    ['never posts: void', [['join', 2, 0, 1]], { valid: [], void: [[1, 2, 'never_posted']] }],
    [
      'leaves before N days: void',
      [
        ['join', 2, 0, 1],
        ['message', 2, 0.5],
        ['leave', 2, 1],
      ],
      { valid: [], void: [[1, 2, 'left_early']] },
    ],
    [
      'leaves after N days: still valid',
      [
        ['join', 2, 0, 1],
        ['message', 2, 0.5],
        ['leave', 2, 4],
      ],
      { valid: [[1, 2]], void: [] },
    ],
    [
      'rejoins: credited once, to the first inviter',
      [
        ['join', 2, 0, 1],
        ['message', 2, 0.5],
        ['leave', 2, 4],
        ['join', 2, 5, 3],
        ['message', 2, 6],
      ],
      { valid: [[1, 2]], void: [] },
    ],
    [
      // MoChat counts a contact re-added through another group twice; here one person is one credit.
      'joins a second group through another inviter: once',
      [
        ['join', 2, 0, 1],
        ['message', 2, 0.5],
        ['join', 2, 1, 3, 8],
        ['message', 2, 2, undefined, 8],
      ],
      { valid: [[1, 2]], void: [] },
    ],
    [
      'joins with no inviter: no credit',
      [
        ['join', 2, 0],
        ['message', 2, 1],
      ],
      { valid: [], void: [] },
    ],
    [
      'invites oneself: no credit',
      [
        ['join', 2, 0, 2],
        ['message', 2, 1],
      ],
      { valid: [], void: [] },
    ],
  ])('%s', async (_name, steps, expected) => {
    const got = await credits(steps);
    expect({ valid: got.valid, void: got.void }).toEqual(expected);
  });

  it('gives the inviter points for each valid credit only, and replays change nothing', async () => {
    const steps: Step[] = [
      ['join', 2, 0, 1],
      ['message', 2, 1],
      ['join', 3, 0, 1],
      ['join', 4, 0, 1],
      ['message', 4, 2],
    ];
    expect((await credits(steps, { points: 20 })).points).toBe(40);
    const ev = eventMaker();
    const r = playRunner(registry, [scopeWith(testCommunity(), testGroup(7), { invites: {} })]);
    const events = steps.map(([kind, m, d, inviter]) =>
      ev(
        kind,
        m,
        at(d),
        kind === 'message' ? 'hi all' : undefined,
        inviter ? { payload: { inviterMemberId: inviter } } : {},
      ),
    );
    await r.run(events, at(30));
    const n = r.state.ledger.length;
    await r.run(events, at(60));
    expect(r.state.ledger.length).toBe(n);
  });

  it('reads the inviter from a personal invite link when the platform names no inviter', () => {
    const ev = eventMaker();
    const join = ev('join', 9, at(0), undefined, {
      payload: { extra: { inviteLink: { name: memberInviteLinkName(42), invite_link: 'https://t.me/+abc' } } },
    });
    expect(inviterOf(join)).toBe(42);
    expect(
      inviterOf(ev('join', 9, at(0), undefined, { payload: { extra: { inviteLink: { name: 'poster-a' } } } })),
    ).toBeUndefined();
  });
});
