import { describe, expect, it } from 'vitest';
import { BLOCKLIST_ADD_KIND, countViolations, durationText, VIOLATION_KIND } from './index.js';
import { ircUbuntu, spamZh, World, wechatCapabilities } from './moderation.test-support.js';

const spam = spamZh.spam;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 8, 0) + minutes * 60_000);
const DAY = 24 * 60;
const ladder = (config: unknown = {}) => ({ 'fixture-detector': {}, 'penalty-ladder': config });

describe('penalty ladder', () => {
  it('climbs warn → mute 10 min → mute 1 day → remove → blocklist on spam, never on normal chat', async () => {
    const w = new World({ plays: ladder() });
    w.names.set(5, '小李');
    for (const [i, text] of spamZh.normal.slice(0, 10).entries()) await w.post('message', 5, at(i), { text });
    expect(w.state.actions).toEqual([]);
    for (const [i, text] of spam.slice(0, 6).entries()) await w.post('message', 5, at(20 + i), { text });
    const kinds = w.state.actions.map((a) => a.kind);
    expect(kinds).toEqual(['send', 'mute', 'send', 'mute', 'send', 'remove', 'remove', 'remove']);
    const mutes = w.state.actions.filter((a) => a.kind === 'mute');
    expect(mutes.map((a) => a.payload.until)).toEqual([
      new Date(at(21).getTime() + 10 * 60_000).toISOString(),
      new Date(at(22).getTime() + DAY * 60_000).toISOString(),
    ]);
    expect(w.state.actions[0]?.payload.text).toBe(
      '小李，请遵守群规（广告）。这是第 1 次违规，再次违规将受到更严厉的处理。',
    );
    expect(w.state.actions[0]?.payload.replyToEventId).toBe(w.events[10]?.id);
    expect(w.state.actions[2]?.payload.text).toBe('小李 因违规（广告）被禁言 10 分钟。');
    const removes = w.state.actions.filter((a) => a.kind === 'remove');
    expect(removes.map((a) => a.payload.ban ?? false)).toEqual([false, true, true]);
    const violations = w.state.ledger.filter((e) => e.kind === VIOLATION_KIND);
    expect(violations.map((e) => e.data.count)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(violations.map((e) => e.data.penalty)).toEqual(['warn', 'mute', 'mute', 'remove', 'blocklist', 'blocklist']);
    expect(w.state.ledger.filter((e) => e.kind === BLOCKLIST_ADD_KIND)).toHaveLength(2);
  });

  it('forgets violations older than forgetAfterDays (30 by default)', async () => {
    const w = new World({ plays: ladder() });
    await w.post('message', 5, at(0), { text: spam[0] });
    await w.post('message', 5, at(29 * DAY), { text: spam[1] });
    await w.post('message', 5, at(60 * DAY), { text: spam[2] });
    // Day 60: the first is 60 days old (forgotten), the second 31 days (forgotten): a first warning again.
    expect(w.state.ledger.filter((e) => e.kind === VIOLATION_KIND).map((e) => e.data.count)).toEqual([1, 2, 1]);
    const short = new World({ plays: ladder({ forgetAfterDays: 1 }) });
    await short.post('message', 5, at(0), { text: spam[0] });
    await short.post('message', 5, at(DAY - 1), { text: spam[1] });
    await short.post('message', 5, at(2 * DAY), { text: spam[2] });
    expect(short.state.ledger.map((e) => e.data.count)).toEqual([1, 2, 1]);
  });

  it('counts across the groups of the community', async () => {
    const w = new World({ plays: ladder(), groups: 2 });
    await w.post('message', 5, at(0), { text: spam[0] }, 1);
    await w.post('message', 5, at(1), { text: spam[1] }, 2);
    expect(w.state.actions.map((a) => [a.groupId, a.kind])).toEqual([
      [1, 'send'],
      [2, 'mute'],
      [2, 'send'],
    ]);
  });

  it('leaves exempt roles alone, and honours a configured list', async () => {
    const w = new World({ plays: ladder() });
    w.roles.set(5, ['steward']);
    w.roles.set(6, ['售后']);
    await w.post('message', 5, at(0), { text: spam[0] });
    await w.post('message', 6, at(1), { text: spam[1] });
    expect(w.state.actions.map((a) => a.payload.mentionMemberIds)).toEqual([[6]]);
    const custom = new World({ plays: ladder({ exemptRoles: ['售后'] }) });
    custom.roles.set(5, ['steward']);
    custom.roles.set(6, ['售后']);
    await custom.post('message', 5, at(0), { text: spam[0] });
    await custom.post('message', 6, at(1), { text: spam[1] });
    expect(custom.state.actions.map((a) => a.payload.mentionMemberIds)).toEqual([[5]]);
  });

  it('counts net of restores: a reversed violation no longer counts', () => {
    const base = { communityId: 1, groupId: 1, memberId: 5, play: 'penalty-ladder', kind: VIOLATION_KIND };
    const entries = [
      { ...base, id: 1, amount: 1, data: {}, dedupeKey: 'a', at: at(0) },
      { ...base, id: 2, amount: 1, data: {}, dedupeKey: 'b', at: at(10) },
      { ...base, id: 3, amount: -1, data: { reverses: 2 }, dedupeKey: 'c', at: at(40 * DAY) },
    ];
    expect(countViolations(entries, at(-1))).toBe(1);
    expect(countViolations(entries.slice(0, 2), at(-1))).toBe(2);
    // The window forgets the first; the reversal of the second cannot push the count below zero.
    expect(countViolations(entries, at(5))).toBe(0);
  });

  it('alerts stewards where the platform cannot mute or remove, and announces removals when asked', async () => {
    const w = new World({ plays: ladder(), capabilities: wechatCapabilities, language: 'en' });
    w.names.set(5, 'crimsun');
    for (const [i, text] of spam.slice(0, 4).entries()) await w.post('message', 5, at(i), { text });
    expect(w.kinds()).toEqual(['send', 'alert', 'alert', 'alert']);
    expect(w.state.actions[1]?.payload.text).toBe(
      'The platform cannot mute: a steward should deal with crimsun (spam)',
    );
    expect(w.state.ledger.map((e) => e.data.outcome)).toEqual(['sent', 'alerted', 'alerted', 'alerted']);
    const loud = new World({
      plays: ladder({ steps: [{ action: 'remove' }], announceRemovals: true }),
      language: 'en',
    });
    loud.names.set(5, 'crimsun');
    await loud.post('message', 5, at(0), { text: spam[0] });
    expect(loud.kinds()).toEqual(['remove', 'send']);
    expect(loud.state.actions[1]?.payload.text).toBe(
      'crimsun was removed from the group after repeated violations (spam).',
    );
  });

  it('rejects a mute step without a duration, naming the field', () => {
    const w = new World({ plays: {} });
    expect(() => w.registry.parseConfig('penalty-ladder', { steps: [{ action: 'mute' }] })).toThrow(/durationMinutes/);
    expect(() => w.registry.parseConfig('penalty-ladder', { steps: [] })).toThrow(/steps/);
    expect(durationText('en', 90)).toBe('90 minutes');
    expect(durationText('zh-CN', 2880)).toBe('2 天');
  });

  it('decides the same on a replay of the same events (IRC chat with spam mixed in)', async () => {
    // A backtest runs one play alone, and the ladder alone sees no violations: what makes its
    // backtests and live runs agree is that a replay of the chain decides exactly the same.
    const plays = ladder({ forgetAfterDays: 1 });
    const live = new World({ plays });
    const nicks = new Map<string, number>();
    const idOf = (nick: string) => {
      if (!nicks.has(nick)) nicks.set(nick, nicks.size + 1);
      return nicks.get(nick) ?? 0;
    };
    for (const [i, line] of ircUbuntu.entries()) {
      const text = i % 4 === 0 ? (spam[i % spam.length] ?? '') : line.text;
      await live.post(line.kind, idOf(line.nick), at(line.minute), line.kind === 'message' ? { text } : {});
    }
    expect(live.state.actions.length).toBeGreaterThan(5);
    expect(live.failures).toEqual([]);
    const replay = new World({ plays });
    for (const e of live.events) await replay.post(e.type, e.memberId, e.at, e.payload);
    expect(replay.state.actions).toEqual(live.state.actions);
    expect(replay.state.ledger).toEqual(live.state.ledger);
  });
});
