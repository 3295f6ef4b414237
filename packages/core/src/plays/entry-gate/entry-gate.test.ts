import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../engine/backtest.js';
import { ircUbuntu, spamZh, World, wechatCapabilities } from '../penalty-ladder/moderation.test-support.js';
import { challengeData, entryGateConfigSchema, judgeRequest } from './index.js';

const t0 = Date.UTC(2026, 10, 2, 8, 0);
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const HOUR = 3600;

describe('entry gate rules', () => {
  const rules = (autoApprove: object, extra: object = {}) =>
    entryGateConfigSchema.parse({ autoApprove: { enabled: true, ...autoApprove }, ...extra });
  it.each([
    ['no rules on: everyone waits', entryGateConfigSchema.parse({}), 'yes', 'u', false, 'queue', 'manual'],
    ['blocklisted: declined first', rules({}), 'anything', 'u', true, 'decline', 'blocklisted'],
    [
      'keyword found, width and case ignored',
      rules({ answerKeywords: ['ubuntu'] }),
      '我用 ＵＢＵＮＴＵ 五年了',
      null,
      false,
      'approve',
      'rules',
    ],
    [
      'keyword missing: queued',
      rules({ answerKeywords: ['ubuntu'] }),
      spamZh.spam[0],
      null,
      false,
      'queue',
      'no_keyword',
    ],
    [
      'keyword missing, otherwise decline',
      rules({ answerKeywords: ['ubuntu'] }, { otherwise: 'decline' }),
      spamZh.spam[1],
      null,
      false,
      'decline',
      'no_keyword',
    ],
    ['username required and missing', rules({ requireUsername: true }), 'hi', null, false, 'queue', 'no_username'],
    ['username required and present', rules({ requireUsername: true }), 'hi', 'jdub', false, 'approve', 'rules'],
  ])('%s', (_name, config, answers, username, blocklisted, decision, reason) => {
    expect(judgeRequest(config, { answers: answers ?? '', username, blocklisted })).toEqual({ decision, reason });
  });
});

describe('entry gate play', () => {
  it('approves, declines or queues join requests and records each in the ledger', async () => {
    const w = new World({
      plays: {
        'entry-gate': { questions: ['你从哪里知道本群？'], autoApprove: { enabled: true, answerKeywords: ['朋友'] } },
      },
    });
    w.blocklist.add(3);
    await w.post('join_request', 1, at(0), { extra: { answers: ['朋友推荐的'] } });
    await w.post('join_request', 2, at(1), { text: spamZh.spam[2] });
    await w.post('join_request', 3, at(2), { text: '朋友推荐' });
    expect(w.state.actions.map((a) => [a.kind, a.payload.memberId])).toEqual([
      ['approve', 1],
      ['decline', 3],
    ]);
    expect(w.state.ledger.map((e) => [e.memberId, e.kind, e.data.status, e.data.reason])).toEqual([
      [1, 'join_request', 'approved', 'rules'],
      [2, 'join_request', 'pending', 'no_keyword'],
      [3, 'join_request', 'declined', 'blocklisted'],
    ]);
  });

  it('challenges a newcomer: the right press clears it, no press removes them when time is up', async () => {
    const w = new World({
      plays: { 'entry-gate': { challenge: { enabled: true, timeoutSeconds: 60 } } },
      language: 'en',
    });
    w.names.set(1, 'froust');
    await w.post('join', 1, at(0));
    await w.post('join', 2, at(1));
    expect(w.state.actions[0]?.payload).toEqual({
      text: 'Welcome froust! Press the button below within 60 seconds, or you will be removed.',
      mentionMemberIds: [1],
      buttons: [{ text: 'I am not a bot', data: challengeData(1) }],
    });
    // Member 2 presses member 1's button: it does not count for either.
    await w.post('callback', 2, at(10), { extra: { data: challengeData(1) } });
    await w.post('callback', 1, at(59), { extra: { data: challengeData(1) } });
    await w.fireTimers(at(3600));
    expect(w.state.actions.slice(2).map((a) => [a.kind, a.payload.memberId, a.at.toISOString()])).toEqual([
      ['remove', 2, at(61).toISOString()],
    ]);
    expect(w.state.ledger.map((e) => [e.memberId, e.data.result])).toEqual([
      [1, 'passed'],
      [2, 'failed'],
    ]);
  });

  it('a newcomer who leaves before the time is up is not removed; exempt roles and listed members are not challenged', async () => {
    const w = new World({ plays: { 'entry-gate': { challenge: { enabled: true } } } });
    w.roles.set(3, ['steward']);
    w.blocklist.add(4);
    await w.post('join', 1, at(0));
    await w.post('join', 3, at(0));
    await w.post('join', 4, at(0));
    await w.post('leave', 1, at(30));
    await w.fireTimers(at(3600));
    expect(w.kinds()).toEqual(['send']);
  });

  it('asks for an introduction: one reminder, then removal; a message of minLength clears it', async () => {
    const w = new World({
      plays: { 'entry-gate': { intro: { enabled: true, withinHours: 24, remindAfterHours: 12, minLength: 20 } } },
    });
    const [a, b] = [1, 2];
    w.names.set(a, 'drspin');
    await w.post('join', a, at(0));
    await w.post('join', b, at(0));
    const long = ircUbuntu.find((l) => l.text.length > 40)?.text ?? '';
    await w.post('message', a, at(HOUR), { text: 'hi' }); // too short
    await w.post('message', b, at(13 * HOUR), { text: long });
    await w.fireTimers(at(48 * HOUR));
    expect(
      w.state.actions.map((x) => [x.kind, x.payload.mentionMemberIds ?? x.payload.memberId, x.at.getTime() - t0]),
    ).toEqual([
      ['send', [a], 12 * HOUR * 1000],
      ['send', [b], 12 * HOUR * 1000],
      ['remove', a, 24 * HOUR * 1000],
    ]);
    expect(w.state.actions[0]?.payload.text).toBe('drspin，请做个自我介绍吧！入群 24 小时内未自我介绍的成员将被移出。');
  });

  it('alerts stewards where the platform cannot remove', async () => {
    const w = new World({
      plays: { 'entry-gate': { challenge: { enabled: true } } },
      capabilities: wechatCapabilities,
    });
    await w.post('join', 1, at(0));
    await w.fireTimers(at(HOUR));
    expect(w.kinds()).toEqual(['send', 'alert']);
    expect(w.state.ledger[0]?.data).toEqual({ result: 'failed', outcome: 'alerted' });
  });

  it('a backtest equals the live run, timers included', async () => {
    const config = {
      challenge: { enabled: true, timeoutSeconds: 300 },
      intro: { enabled: true, withinHours: 0.5, remindAfterHours: 0.25 },
    };
    const live = new World({ plays: { 'entry-gate': config } });
    const ids = new Map<string, number>();
    for (const line of ircUbuntu) {
      if (!ids.has(line.nick)) ids.set(line.nick, ids.size + 1);
      const id = ids.get(line.nick) ?? 0;
      const when = new Date(Date.UTC(2005, 1, 6, 0, line.minute));
      await live.post(line.kind, id, when, line.kind === 'message' ? { text: line.text } : {});
      if (line.kind === 'join' && id % 2 === 0)
        await live.post('callback', id, new Date(when.getTime() + 5000), { extra: { data: challengeData(id) } });
    }
    await live.fireTimers(new Date(Date.UTC(2005, 1, 7)));
    expect(live.kinds()).toContain('remove');
    const result = await runBacktest({
      registry: live.registry,
      play: 'entry-gate',
      config,
      community: live.community,
      groups: new Map([...live.scopes].map(([id, s]) => [id, { group: s.group, capabilities: s.capabilities }])),
      events: live.events,
    });
    expect(result.actions).toEqual(live.state.actions);
    expect(result.ledger).toEqual(live.state.ledger);
  });
});
