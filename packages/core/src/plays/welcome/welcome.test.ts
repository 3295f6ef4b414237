import { describe, expect, it } from 'vitest';
import type { Language } from '../../communities/index.js';
import { runBacktest } from '../../engine/backtest.js';
import { Engine, type GroupScope } from '../../engine/engine.js';
import { RecordingPlayState } from '../../engine/state.js';
import type { EventType, StoredEvent } from '../../events/index.js';
import { listNames } from '../../i18n/index.js';
import { createBuiltinRegistry } from '../index.js';
import { allCapabilities, testCommunity, testGroup } from '../plays.test-support.js';

const all = allCapabilities;
const community = (language: Language) => testCommunity({ name: 'c', language });
const group = testGroup(7, { platformGroupId: '#ubuntu', name: '#ubuntu' });
// Nicks and times from the #ubuntu log of 2004-12-25 (demo history, CC-BY-4.0).
let nextId = 1;
const ev = (type: EventType, memberId: number, name: string, at: string): StoredEvent => ({
  id: nextId++,
  communityId: 1,
  groupId: 7,
  memberId,
  type,
  source: 'irc:#ubuntu',
  sourceId: `s${nextId}`,
  at: new Date(at),
  payload: { name },
});

const scope = (language: Language, config: unknown): GroupScope => ({
  community: community(language),
  group,
  capabilities: all,
  plays: [{ groupId: 7, play: 'welcome', enabled: true, config }],
});

describe('welcome play', () => {
  const registry = createBuiltinRegistry();

  it('greets at once with no burst window, filling the template', async () => {
    const state = new RecordingPlayState();
    const engine = new Engine(registry);
    const s = scope('en', {
      burstWindowSeconds: 0,
      template: 'Hi {name}, welcome to {group}. {rules}',
      rules: 'No ads.',
    });
    await engine.handleEvent(s, ev('join', 1, 'L0sT', '2004-12-25T09:16:00Z'), state);
    expect(state.actions.map((a) => a.payload.text)).toEqual(['Hi L0sT, welcome to #ubuntu. No ads.']);
    expect(state.actions[0]?.payload.mentionMemberIds).toEqual([1]);
  });

  it('greets a burst in one message, without those who left before the greeting', async () => {
    const joins = [
      ev('join', 1, 'L0sT', '2004-12-25T09:16:00Z'),
      ev('join', 2, 'vassie', '2004-12-25T09:17:00Z'),
      ev('join', 3, '`anthony', '2004-12-25T09:17:00Z'),
      ev('leave', 2, 'vassie', '2004-12-25T09:17:30Z'),
      ev('join', 4, 'spiv', '2004-12-25T09:18:00Z'),
      ev('join', 5, 'crimsun', '2004-12-25T09:30:00Z'),
    ];
    const result = await runBacktest({
      registry,
      play: 'welcome',
      config: { burstWindowSeconds: 180 },
      community: community('en'),
      groups: new Map([[7, { group, capabilities: all }]]),
      events: joins,
    });
    expect(result.actions.map((a) => [a.at.toISOString(), a.payload.text])).toEqual([
      ['2004-12-25T09:19:00.000Z', 'Welcome L0sT, `anthony and spiv to #ubuntu!'],
      ['2004-12-25T09:33:00.000Z', 'Welcome crimsun to #ubuntu!'],
    ]);
    expect(result.eventsReplayed).toBe(6);
  });

  it('uses the community language for the default greeting and caps the names', async () => {
    const state = new RecordingPlayState();
    const engine = new Engine(registry);
    const s = scope('zh-CN', { burstWindowSeconds: 60, maxNames: 2 });
    for (const [i, name] of ['张三', '李四', '王五'].entries()) {
      await engine.handleEvent(s, ev('join', 10 + i, name, '2026-01-01T00:00:00Z'), state);
    }
    const [timer] = state.dueTimers(new Date('2026-01-01T00:01:00Z'));
    if (!timer) throw new Error('no timer');
    await engine.handleTimer(s, timer, state);
    expect(state.actions.map((a) => a.payload.text)).toEqual(['欢迎 张三、李四等 3 人 加入「#ubuntu」！']);
  });

  it('rejects an invalid configuration with a message naming the field', () => {
    expect(() => registry.parseConfig('welcome', { burstWindowSeconds: -1 })).toThrow(/burstWindowSeconds/);
  });

  it('does not let one failing play stop the next', async () => {
    const failures: unknown[] = [];
    const engine = new Engine(registry, (f) => failures.push(f));
    const broken = new RecordingPlayState();
    broken.getTimer = async () => {
      throw new Error('store down');
    };
    await engine.handleEvent(scope('en', {}), ev('join', 1, 'L0sT', '2004-12-25T09:16:00Z'), broken);
    expect(failures).toHaveLength(1);
  });
});

describe('listNames', () => {
  it('lists names the way each language does', () => {
    expect(listNames('zh-CN', ['A'], 5)).toBe('A');
    expect(listNames('zh-CN', ['A', 'B', 'C'], 5)).toBe('A、B和C');
    expect(listNames('en', ['A', 'B', 'C'], 5)).toBe('A, B and C');
    expect(listNames('en', ['A', 'B', 'C', 'D'], 2)).toBe('A, B and 2 others');
  });
});
