import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../communities/index.js';
import { runBacktest } from '../../engine/backtest.js';
import { Engine, type GroupScope } from '../../engine/engine.js';
import { RecordingPlayState } from '../../engine/state.js';
import type { StoredEvent } from '../../events/index.js';
import { asEvents, ircUbuntu } from '../content-fixtures/fixtures.test-support.js';
import { createBuiltinRegistry } from '../index.js';
import { allCapabilities, testCommunity, testGroup } from '../plays.test-support.js';
import { parsePublishableRuleSet, RULES_PUBLISH_TIMER, renderAnnouncement, ruleSetSchema } from './index.js';

const all = allCapabilities;
const community = (language: Language) => testCommunity({ name: 'c', language });
const group = testGroup(7, { platformGroupId: '#ubuntu', name: '#ubuntu' });
const ruleSet = {
  title: '#ubuntu 群公告',
  value: '互相帮助解决 Ubuntu 使用中的问题。',
  entryCriteria: ['正在使用或打算使用 Ubuntu'],
  encouraged: [{ behaviour: '回答新手的问题', reward: '积分 +5' }],
  forbidden: [
    { behaviour: '发广告或引流', penalty: '警告，再犯移出' },
    { behaviour: '刷屏', penalty: '禁言 10 分钟' },
  ],
  vision: '让每个人都能用上自由软件。',
};
const scope = (language: Language, config: unknown): GroupScope => ({
  community: community(language),
  group,
  capabilities: all,
  plays: [{ groupId: 7, play: 'rules', enabled: true, config }],
});
const say = (id: number, text: string, at: string): StoredEvent => ({
  id,
  communityId: 1,
  groupId: 7,
  memberId: 3,
  type: 'message',
  source: 'irc:#ubuntu',
  sourceId: `r${id}`,
  at: new Date(at),
  payload: { text, name: 'crimsun' },
});

describe('rule sets', () => {
  it('renders value → rules → penalties → vision, in each language', () => {
    const set = ruleSetSchema.parse(ruleSet);
    for (const [language, headings] of [
      ['zh-CN', ['【本群价值】', '【群规】', '【违规处理】', '【愿景】']],
      ['en', ['== Why this group ==', '== Rules ==', '== Penalties ==', '== Vision ==']],
    ] as const) {
      const text = renderAnnouncement(set, language, { version: 2 });
      const positions = headings.map((h) => text.indexOf(h));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text.indexOf('发广告或引流 → 警告，再犯移出')).toBeGreaterThan(positions[2] ?? 0);
    }
    expect(renderAnnouncement(set, 'zh-CN', { version: 2 })).toContain('回答新手的问题（奖励：积分 +5）');
    expect(renderAnnouncement(set, 'en', { version: 2 })).toMatch(/\(version 2\)$/);
  });

  it('leaves out empty sections and takes configured headings', () => {
    const text = renderAnnouncement(ruleSetSchema.parse({ vision: 'v' }), 'en', {
      headings: { vision: 'Where we go' },
    });
    expect(text).toBe('== Where we go ==\nv');
  });

  it('rejects empty, duplicated and oversized rule sets, naming the field', () => {
    expect(() => parsePublishableRuleSet({})).toThrow(/empty/);
    expect(() =>
      parsePublishableRuleSet({ forbidden: [ruleSet.forbidden[0], { ...ruleSet.forbidden[0], penalty: 'x' }] }),
    ).toThrow(/duplicates item 1[\s\S]*forbidden\[1\]/);
    expect(() => parsePublishableRuleSet({ entryCriteria: ['a', ' A '] })).toThrow(/entryCriteria/);
    expect(() => parsePublishableRuleSet({ forbidden: [{ behaviour: 'ads', penalty: '' }] })).toThrow(/penalty/);
    const long = {
      forbidden: Array.from({ length: 30 }, (_, i) => ({ behaviour: `${i}`.repeat(100), penalty: 'p'.repeat(100) })),
    };
    expect(() => parsePublishableRuleSet(long)).toThrow(/at most 4000/);
    expect(parsePublishableRuleSet(ruleSet).forbidden).toHaveLength(2);
  });
});

describe('rules play', () => {
  const registry = createBuiltinRegistry();

  it('posts and pins the announcement on a command, then keeps quiet for the cooldown', async () => {
    const state = new RecordingPlayState();
    const engine = new Engine(registry);
    const s = scope('zh-CN', { ruleSet, version: 3, cooldownSeconds: 600 });
    await engine.handleEvent(s, say(1, ' 群规 ', '2005-06-12T01:00:00Z'), state);
    await engine.handleEvent(s, say(2, '/rules@qunzhu_bot', '2005-06-12T01:05:00Z'), state);
    await engine.handleEvent(s, say(3, '/RULES', '2005-06-12T01:10:01Z'), state);
    expect(state.actions.map((a) => [a.at.toISOString(), a.payload.pin])).toEqual([
      ['2005-06-12T01:00:00.000Z', true],
      ['2005-06-12T01:10:01.000Z', true],
    ]);
    expect(state.actions[0]?.payload.text).toBe(
      renderAnnouncement(ruleSetSchema.parse(ruleSet), 'zh-CN', { version: 3 }),
    );
  });

  it('does not answer real chat that merely mentions rules', async () => {
    // "swedish chef rules" and every other line of the #ubuntu cut are chat, not commands.
    const lines = ircUbuntu();
    expect(lines.some((l) => l.text === 'swedish chef rules')).toBe(true);
    const result = await runBacktest({
      registry,
      play: 'rules',
      config: { ruleSet },
      community: community('en'),
      groups: new Map([[7, { group, capabilities: all }]]),
      events: asEvents(lines, { groupId: 7, start: '2005-06-12T00:31:00Z' }),
    });
    expect(result.eventsReplayed).toBe(lines.length);
    expect(result.actions).toEqual([]);
  });

  it('posts a published version when its timer fires, and not a replaced one', async () => {
    const state = new RecordingPlayState();
    const engine = new Engine(registry);
    const s = scope('en', { ruleSet, version: 4 });
    const timer = (version: number) => ({
      communityId: 1,
      groupId: 7,
      play: 'rules',
      key: RULES_PUBLISH_TIMER,
      dueAt: new Date('2026-01-01T00:00:00Z'),
      data: { version },
    });
    await engine.handleTimer(s, timer(3), state);
    expect(state.actions).toHaveLength(0);
    await engine.handleTimer(s, timer(4), state);
    expect(state.actions.map((a) => a.payload.pin)).toEqual([true]);
    expect(String(state.actions[0]?.payload.text)).toContain('(version 4)');
  });

  it('says nothing when no rules were written', async () => {
    const state = new RecordingPlayState();
    await new Engine(registry).handleEvent(scope('en', {}), say(1, '/rules', '2005-06-12T01:00:00Z'), state);
    expect(state.actions).toHaveLength(0);
  });

  it('survives any message quickly (fuzz)', async () => {
    const engine = new Engine(registry, (f) => {
      throw f.error;
    });
    const s = scope('zh-CN', { ruleSet, cooldownSeconds: 0 });
    let id = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.constantFrom('群规', '/rules', '\u0000群规\u0007', '🙂/rules🙂'),
          fc.nat(200_000).map((n) => '群'.repeat(n)),
        ),
        async (text) => {
          const state = new RecordingPlayState();
          const started = performance.now();
          id += 1;
          await engine.handleEvent(s, say(id, text, '2026-01-01T00:00:00Z'), state);
          expect(performance.now() - started).toBeLessThan(1000);
          expect(state.actions.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
