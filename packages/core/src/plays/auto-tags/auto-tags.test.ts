import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { keywordMatcher } from './index.js';

describe('auto-tags', () => {
  it('finds keywords on word boundaries, Chinese words by segmentation', () => {
    const cases: [string, string, boolean][] = [
      // text (folded), keyword, found
      ['我喜欢打篮球和足球', '篮球', true],
      ['地球是圆的', '球', false],
      ['最近在学摄影和后期修图', '修图', true],
      ['周末去拍照，新买了一台相机', '相机', true],
      ['i love photography', 'photo', false],
      ['my photo editing', 'photo', true],
      ['you should use the alsa perspective', 'alsa', true],
      ['alsamixer is muted', 'alsa', false],
    ];
    for (const [text, keyword, found] of cases) {
      expect(keywordMatcher(text, 'words')(keyword), `${keyword} in ${text}`).toBe(found);
      expect(keywordMatcher(text, 'substring')(keyword), `${keyword} anywhere in ${text}`).toBe(text.includes(keyword));
    }
  });

  it('tags by words, and by substrings when the operator asks', async () => {
    const ev = eventMaker();
    const run = async (match: 'words' | 'substring') => {
      const r = playRunner(createBuiltinRegistry(), [
        scopeWith(testCommunity(), testGroup(7), {
          'auto-tags': { match, rules: [{ tag: '摄影', keywords: ['Photo', '拍照'] }] },
        }),
      ]);
      await r.run([
        ev('message', 1, '2024-03-01T08:00:00Z', 'I love photography'),
        ev('message', 2, '2024-03-01T09:00:00Z', 'my photo editing workflow'),
        ev('message', 3, '2024-03-01T10:00:00Z', '周末去拍照'),
      ]);
      return r.state.ledger.filter((e) => e.kind === 'tag_add').map((e) => e.memberId);
    };
    expect(await run('words')).toEqual([2, 3]);
    expect(await run('substring')).toEqual([1, 2, 3]);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 5 }), (text, keyword) => {
        keywordMatcher(text, 'words')(keyword);
      }),
    );
  });
});
