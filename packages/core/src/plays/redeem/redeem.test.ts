import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import { type OfferedReward, RecordingPlayState } from '../../engine/state.js';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { findReward, readRedeemIntent } from './match.js';

const commands = { redeem: ['兑换', '/redeem'], points: ['积分', '/points'], rewards: ['兑换列表', '/rewards'] };
const rewards: OfferedReward[] = [
  { id: 1, name: '社群马克杯', cost: 30, stock: 1, needsApproval: true },
  { id: 2, name: '签名书', cost: 60, stock: null, needsApproval: false },
  { id: 3, name: '签名照', cost: 10, stock: null, needsApproval: true },
];

describe('redeem command', () => {
  it('reads commands only when they stand alone or take an argument after a space', () => {
    expect(readRedeemIntent('兑换列表', commands)).toEqual({ kind: 'rewards' });
    expect(readRedeemIntent('/rewards@qunzhu_bot', commands)).toEqual({ kind: 'rewards' });
    expect(readRedeemIntent(' 积分 ', commands)).toEqual({ kind: 'points' });
    expect(readRedeemIntent('积分怎么算的？', commands)).toEqual({ kind: 'none' });
    expect(readRedeemIntent('兑换 社群马克杯', commands)).toEqual({ kind: 'redeem', query: '社群马克杯' });
    expect(readRedeemIntent('/redeem@qunzhu_bot #2', commands)).toEqual({ kind: 'redeem', query: '#2' });
    expect(readRedeemIntent('兑换', commands)).toEqual({ kind: 'redeem', query: '' });
    expect(readRedeemIntent('兑换了好多东西', commands)).toEqual({ kind: 'none' });
    expect(readRedeemIntent('/redeemx 1', commands)).toEqual({ kind: 'none' });
  });

  it('finds a reward by number, full name or a part only one name has', () => {
    expect(findReward(rewards, '#2')).toEqual({ found: rewards[1] });
    expect(findReward(rewards, '2')).toEqual({ found: rewards[1] });
    expect(findReward(rewards, '马克杯')).toEqual({ found: rewards[0] });
    expect(findReward(rewards, '签名')).toEqual({ ambiguous: [rewards[1], rewards[2]] });
    expect(findReward(rewards, '签名书')).toEqual({ found: rewards[1] });
    expect(findReward(rewards, '雨伞')).toEqual({ none: true });
  });

  it('asks once per message, answers pending / approved / refused, and lists rewards', async () => {
    const state = new RecordingPlayState(undefined, undefined, async () => rewards);
    const engine = new Engine(createBuiltinRegistry(), (f) => {
      throw f.error;
    });
    const scope = scopeWith(testCommunity(), testGroup(7), { redeem: {} });
    const ev = eventMaker();
    await state.appendLedger({
      communityId: 1,
      groupId: null,
      memberId: 1,
      play: 'manual',
      kind: 'points',
      amount: 100,
      data: {},
      dedupeKey: 'grant',
      at: new Date('2024-03-01T00:00:00Z'),
    });
    const say = async (memberId: number, text: string) => {
      const e = ev('message', memberId, '2024-03-02T08:00:00Z', text);
      await engine.handleEvent(scope, e, state);
      return e;
    };
    await say(1, '兑换 马克杯'); // 100 → pending, 30 held
    const again = await say(1, '兑换 马克杯'); // out of stock now
    await say(1, '兑换 签名书'); // 70 spendable ≥ 60 → approved, balance 40
    await say(1, '兑换 #2'); // 40 − 30 held = 10 < 60
    await say(2, '/redeem 雨伞');
    await say(2, '兑换列表');
    const texts = state.actions.map((a) => String(a.payload.text));
    expect(texts.slice(0, 5)).toEqual([
      '#1 已申请兑换「社群马克杯」（30 积分），等待管理员审核；审核通过后扣除积分。',
      '抱歉，「社群马克杯」已经兑换完了。',
      '#1 兑换「签名书」成功，扣除 60 积分，剩余 40 积分。',
      '#1 积分不足：兑换「签名书」需要 60 积分，当前可用 10 积分。',
      '没有找到奖品「雨伞」。发送「兑换列表」查看可兑换的奖品。',
    ]);
    expect(texts[5]).toContain('#1 社群马克杯 — 30 积分（剩 1）');
    expect(state.actions.every((a) => a.payload.replyToEventId !== undefined)).toBe(true);

    // Handling a message again asks nothing again and answers the same.
    const before = state.ledger.filter((e) => e.kind === 'redeem_request').length;
    await engine.handleEvent(scope, again, state);
    expect(state.ledger.filter((e) => e.kind === 'redeem_request')).toHaveLength(before);
    expect(before).toBe(4);
  });
});
