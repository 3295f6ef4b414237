import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../engine/backtest.js';
import { ircUbuntu, spamZh, World, wechatCapabilities } from '../penalty-ladder/moderation.test-support.js';

const at = (minutes: number) => new Date(Date.UTC(2005, 1, 6, 4, 0) + minutes * 60_000);

describe('blocklist play', () => {
  it('removes and bans a listed member who joins any group; the welcome does not greet them', async () => {
    const w = new World({ plays: { blocklist: {}, welcome: { burstWindowSeconds: 0 } }, groups: 2 });
    w.blocklist.add(9);
    await w.post('join', 9, at(0), { name: 'froust' }, 2);
    await w.post('join', 3, at(1), { name: 'hams' }, 1);
    expect(w.state.actions.map((a) => [a.groupId, a.kind, a.payload.memberId ?? a.payload.text])).toEqual([
      [2, 'remove', 9],
      [1, 'send', '欢迎 hams 加入「群1」！'],
    ]);
    expect(w.state.actions[0]?.payload.ban).toBe(true);
  });

  it('deletes a listed member’s messages and removes them once per window, not per message', async () => {
    const w = new World({ plays: { blocklist: {} } });
    w.blocklist.add(9);
    for (const [i, text] of spamZh.spam.slice(0, 3).entries()) await w.post('message', 9, at(i), { text });
    expect(w.kinds()).toEqual(['delete', 'remove', 'delete', 'delete']);
    await w.post('message', 9, at(61), { text: spamZh.spam[3] });
    expect(w.kinds().slice(4)).toEqual(['delete', 'remove']);
  });

  it('alerts stewards where the platform cannot remove; leaves unlisted members alone', async () => {
    const w = new World({ plays: { blocklist: {} }, capabilities: wechatCapabilities, language: 'en' });
    w.blocklist.add(9);
    w.names.set(9, 'froust');
    for (const line of ircUbuntu.slice(0, 20))
      await w.post('message', line.nick === 'usual' ? 9 : 2, at(line.minute), { text: line.text });
    expect(w.kinds()).toEqual(['alert']);
    expect(w.state.actions[0]?.payload).toMatchObject({
      text: 'The platform cannot remove members: a steward should deal with froust (on the blocklist)',
      memberId: 9,
    });
  });

  it('keeps out a member the penalty ladder blocklisted earlier in the same run', async () => {
    const w = new World({
      plays: { blocklist: {}, 'fixture-detector': {}, 'penalty-ladder': { steps: [{ action: 'blocklist' }] } },
      groups: 2,
    });
    await w.post('message', 9, at(0), { text: spamZh.spam[0] }, 1);
    await w.post('join', 9, at(5), {}, 2);
    expect(w.state.actions.map((a) => [a.groupId, a.kind, a.payload.ban])).toEqual([
      [1, 'remove', true],
      [2, 'remove', true],
    ]);
  });

  it('a backtest equals the live run, reading the blocklist from the store', async () => {
    const live = new World({ plays: { blocklist: { repeatAfterMinutes: 5 } }, groups: 2 });
    const ids = new Map<string, number>();
    for (const line of ircUbuntu) {
      if (!ids.has(line.nick)) ids.set(line.nick, ids.size + 1);
      const id = ids.get(line.nick) ?? 0;
      if (id % 3 === 0) live.blocklist.add(id);
      await live.post(line.kind, id, at(line.minute), line.kind === 'message' ? { text: line.text } : {}, 1 + (id % 2));
    }
    expect(live.kinds()).toContain('remove');
    const result = await runBacktest({
      registry: live.registry,
      play: 'blocklist',
      config: { repeatAfterMinutes: 5 },
      community: live.community,
      groups: new Map([...live.scopes].map(([id, s]) => [id, { group: s.group, capabilities: s.capabilities }])),
      events: live.events,
      memberFacts: live.facts,
    });
    expect(result.actions).toEqual(live.state.actions);
  });
});
