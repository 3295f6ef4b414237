import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../communities/index.js';
import { runBacktest } from '../../engine/backtest.js';
import { Engine, type GroupScope } from '../../engine/engine.js';
import { RecordingPlayState, type RoleHoldersReader } from '../../engine/state.js';
import { asEvents, ircUbuntu, spamZh } from '../content-fixtures/fixtures.test-support.js';
import { createBuiltinRegistry } from '../index.js';
import { allCapabilities, testCommunity, testGroup } from '../plays.test-support.js';
import { unsafeRegexReason } from './index.js';

const all = allCapabilities;
const community = (language: Language) => testCommunity({ name: 'c', language });
const group = testGroup(7, { platformGroupId: '#ubuntu', name: '#ubuntu' });
const groups = new Map([[7, { group, capabilities: all }]]);
const registry = createBuiltinRegistry();
const scope = (config: unknown, shared?: unknown, language: Language = 'en'): GroupScope => ({
  community: community(language),
  group,
  capabilities: all,
  plays: [{ groupId: 7, play: 'auto-reply', enabled: true, config, shared }],
});

/** Which lines of the cut a configuration answers, as `{index: reply}`. */
const answered = async (lines: { nick?: string; text: string }[], config: unknown, shared?: unknown) => {
  const events = asEvents(lines, { groupId: 7, start: '2005-06-12T00:31:00Z' });
  const result = await runBacktest({
    registry,
    play: 'auto-reply',
    config,
    shared,
    community: community('en'),
    groups,
    events,
  });
  expect(result.failures).toEqual([]);
  return result.actions.map((a) => ({
    line: lines[events.findIndex((e) => e.id === a.sourceEventId)]?.text,
    reply: a.payload.text,
    replyTo: a.payload.replyToEventId,
    source: a.sourceEventId,
  }));
};

describe('auto-reply triggers', () => {
  const irc = ircUbuntu();
  const zh = spamZh();
  const noCooldown = { cooldownSeconds: 0, memberCooldownSeconds: 0 };

  it.each([
    ['keyword', ['apt-get'], (t: string) => t.toLowerCase().includes('apt-get')],
    ['keyword', ['HOW DO I'], (t: string) => t.toLowerCase().includes('how do i')],
    ['exact', ['hmmm'], (t: string) => t.trim().toLowerCase() === 'hmmm'],
    ['regex', ['^how do i (mount|back up)\\b'], (t: string) => /^how do i (mount|back up)\b/i.test(t)],
  ] as const)('%s %j answers exactly the matching #ubuntu lines', async (match, patterns, expected) => {
    const want = irc.filter((l) => expected(l.text)).map((l) => l.text);
    expect(want.length).toBeGreaterThan(0);
    const got = await answered(irc, {
      ...noCooldown,
      triggers: [{ match, patterns: [...patterns], reply: 'See the FAQ, {name}.' }],
    });
    expect(got.map((g) => g.line)).toEqual(want);
    expect(got.every((g) => g.replyTo === g.source)).toBe(true);
    expect(got[0]?.reply).toMatch(/^See the FAQ, \S+\.$/);
  });

  it('answers Chinese questions by keyword, full-width and all, and not the spam', async () => {
    const got = await answered(zh, {
      ...noCooldown,
      triggers: [{ patterns: ['多少钱', '怎么'], reply: '价格见群公告' }],
    });
    expect(got.map((g) => g.line)).toEqual(zh.filter((l) => /多少钱|怎么/.test(l.text)).map((l) => l.text));
    expect(got.length).toBeGreaterThanOrEqual(5);
    const wide = await answered([{ text: 'ＡＰＴ－ＧＥＴ 装不上' }], {
      triggers: [{ patterns: ['apt-get'], reply: 'r' }],
    });
    expect(wide).toHaveLength(1);
  });

  it('keeps quiet within a trigger’s cooldown per group, and per member', async () => {
    const lines = [
      { nick: 'kent', text: 'how do i mount /var/www to samba?' },
      { nick: 'pedlar', text: 'how do i fix it?' },
      { nick: 'pedlar', text: 'anyone? how do i fix it?' },
    ];
    const trigger = { patterns: ['how do i'], reply: 'r' };
    // Lines are a second apart: a 2 s trigger cooldown silences the second, not the third.
    expect(
      (await answered(lines, { triggers: [trigger], cooldownSeconds: 2, memberCooldownSeconds: 0 })).map(
        (g) => g.source,
      ),
    ).toEqual([1, 3]);
    // The member cooldown stops pedlar's second question, not kent's or pedlar's first.
    expect(
      (await answered(lines, { triggers: [trigger], cooldownSeconds: 0, memberCooldownSeconds: 10 })).map(
        (g) => g.source,
      ),
    ).toEqual([1, 2]);
    expect(
      await answered(lines, {
        triggers: [trigger],
        replyToAsker: false,
        cooldownSeconds: 0,
        memberCooldownSeconds: 0,
      }).then((g) => g.map((x) => x.replyTo)),
    ).toEqual([undefined, undefined, undefined]);
  });

  it('answers from the community FAQ library when the group switches it on, group triggers first', async () => {
    const shared = {
      faq: [
        { id: 'apt', patterns: ['apt-get'], reply: 'Read https://help.ubuntu.com/community/AptGet' },
        { id: 'samba', patterns: ['samba'], reply: 'Samba: see the wiki' },
      ],
    };
    const lines = [
      { text: 'how do i mount /var/www to samba?' },
      { text: 'sudo apt-get update' },
      { text: 'samba apt-get' },
    ];
    expect(await answered(lines, { ...noCooldown }, shared)).toEqual([]);
    const on = await answered(lines, { ...noCooldown, useFaq: true }, shared);
    expect(on.map((g) => g.reply)).toEqual([
      'Samba: see the wiki',
      'Read https://help.ubuntu.com/community/AptGet',
      'Read https://help.ubuntu.com/community/AptGet',
    ]);
    const only = await answered(lines, { ...noCooldown, useFaq: true, faqIds: ['samba'] }, shared);
    expect(only.map((g) => g.source)).toEqual([1, 3]);
    const own = await answered(
      lines,
      { ...noCooldown, useFaq: true, triggers: [{ patterns: ['samba'], reply: 'ours' }] },
      shared,
    );
    expect(own.map((g) => g.reply)).toEqual(['ours', 'Read https://help.ubuntu.com/community/AptGet', 'ours']);
  });

  it('routes a question to the members holding a role, mentioning them', async () => {
    const holders: RoleHoldersReader = async (_c, g, role) =>
      role === '售后' && g === 7
        ? [
            { memberId: 41, displayName: 'crimsun' },
            { memberId: 42, displayName: 'kbrooks' },
          ]
        : [];
    const state = new RecordingPlayState(undefined, holders);
    const s = scope(
      { triggers: [{ patterns: ['退款'], reply: '{name}，售后问题请找 {@售后}；技术问题找 {@技术}' }] },
      undefined,
      'zh-CN',
    );
    const [event] = asEvents([{ nick: '张三', text: '请问怎么退款？' }], { groupId: 7, start: '2026-01-01T00:00:00Z' });
    if (!event) throw new Error('no event');
    await new Engine(registry).handleEvent(s, event, state);
    expect(state.actions.map((a) => a.payload)).toEqual([
      {
        text: '张三，售后问题请找 @crimsun @kbrooks；技术问题找 技术（暂无人负责）',
        replyToEventId: event.id,
        mentionMemberIds: [41, 42],
      },
    ]);
  });

  it('does not let a name inject a placeholder', async () => {
    const got = await answered([{ nick: '{@admin}', text: 'apt-get' }], {
      triggers: [{ patterns: ['apt-get'], reply: 'hi {name}' }],
    });
    expect(got.map((g) => g.reply)).toEqual(['hi {@admin}']);
  });
});

describe('auto-reply configuration', () => {
  it.each([
    '(a+)+$',
    '(a|aa)*$',
    '(\\d{3,4}[- ]?){2,}',
    '.*a.*b.*c.*d',
    '[unclosed',
  ])('rejects the regex %s, naming the trigger', (pattern) => {
    expect(() =>
      registry.parseConfig('auto-reply', {
        triggers: [
          { name: 'ok', patterns: ['x'], reply: 'r' },
          { name: '退款', match: 'regex', patterns: ['fine', pattern], reply: 'r' },
        ],
      }),
    ).toThrow(/trigger "退款": regex .* rejected[\s\S]*triggers\[1\]\.patterns\[1\]/);
  });

  it('accepts everyday patterns', () => {
    for (const p of [
      '^\\s*(怎么|如何)\\s*(退款|退货)',
      'apt-?get',
      '\\p{Script=Han}{2,8}群',
      '(?:vx|微信)\\s*[:：]?\\s*\\w+',
    ]) {
      expect(unsafeRegexReason(p, 'iu')).toBeNull();
    }
  });

  it('rejects an FAQ library with a repeated id or an unsafe regex, naming the entry', () => {
    expect(() =>
      registry.parseShared('auto-reply', {
        faq: [
          { id: 'a', patterns: ['x'], reply: 'r' },
          { id: 'a', patterns: ['y'], reply: 'r' },
        ],
      }),
    ).toThrow(/"a" is used twice/);
    expect(() =>
      registry.parseShared('auto-reply', { faq: [{ id: 'refund', match: 'regex', patterns: ['(x+)+'], reply: 'r' }] }),
    ).toThrow(/FAQ "refund"/);
    expect(() => registry.parseShared('auto-reply', { faq: [{ id: 'Bad Id', patterns: ['x'], reply: 'r' }] })).toThrow(
      /faq\[0\]\.id/,
    );
  });

  it('survives any message quickly, with the worst regexes it accepts (fuzz)', async () => {
    const engine = new Engine(registry, (f) => {
      throw f.error;
    });
    const s = scope({
      cooldownSeconds: 0,
      memberCooldownSeconds: 0,
      maxTextLength: 2000,
      triggers: [
        { match: 'regex', patterns: ['\\s*a\\s*a\\s*$', '(x|y)z+$', '.*a.*b.*c$'], reply: 'r {@steward}' },
        { match: 'keyword', patterns: ['加微', 'vx'], reply: 'no' },
        { match: 'exact', patterns: ['群规'], reply: 'see pin' },
      ],
    });
    let id = 0;
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom('a', ' ', 'b', 'x', '\u0000', '🙂', '\n'), maxLength: 5000 }),
          fc.nat(100_000).map((n) => 'a'.repeat(n)),
        ),
        async (text) => {
          const state = new RecordingPlayState();
          id += 1;
          const [event] = asEvents([{ text }], { groupId: 7, start: '2026-01-01T00:00:00Z', firstId: id });
          if (!event) throw new Error('no event');
          const started = performance.now();
          await engine.handleEvent(s, event, state);
          slowest = Math.max(slowest, performance.now() - started);
          expect(state.actions.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
    // Generous bound for a shared 2-core machine; a runaway regex takes seconds to hours.
    expect(slowest).toBeLessThan(500);
  });
});
