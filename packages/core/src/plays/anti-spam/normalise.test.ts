import { describe, expect, it } from 'vitest';
import { MAX_INSPECTED, normalise } from './normalise.js';

describe('normalise', () => {
  it.each([
    ['full-width letters and digits', 'ＴＡＤ７６５', 'tad765'],
    ['mathematical styled letters', '𝐓𝐌２９７１', 'tm2971'],
    ['traditional to simplified', '薇信號碼 聯繫我', '薇信号码 联系我'],
    ['Cyrillic look-alikes', 'vх аbс', 'vx abc'],
    ['Greek look-alikes', 'ωεχατ', 'wexat'],
    ['circled digits (NFKC)', '①③⑧', '138'],
    ['dingbat digits NFKC keeps', '❶➂➓⓿', '1300'],
    ['keycap emoji digits', '1️⃣3️⃣8️⃣', '138'],
    ['zero-width and BOM removed', '\uFEFF加\u200B微', '加微'],
  ])('%s', (_name, input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it.each([
    ['symbols between characters', '加.微', '加微'],
    ['underscore and spaces', 'v_x  1-3-8', 'vx138'],
    ['emoji between digits', '1🍎3🍎8', '138'],
    ['Chinese numerals hiding a number', '一三八一二三四五六七八', '13812345678'],
    ['capital numerals', '壹叁捌', '壹叁捌'],
    ['capital numerals long enough', '壹叁捌壹贰', '13812'],
    ['digits then numerals', '138一二三四五六七八', '13812345678'],
    ['ordinary numerals stay words', '三千高中三年一年比一年快一分', '三千高中三年一年比一年快一分'],
  ])('compact: %s', (_name, input, expected) => {
    expect(normalise(input).compact).toBe(expected);
  });

  it('maps each compact character back to where it stands in the text', () => {
    const n = normalise('a.b c');
    expect([...n.compact]).toEqual(['a', 'b', 'c']);
    expect([...n.compactAt]).toEqual([0, 2, 4]);
    for (let i = 0; i < n.compact.length; i += 1) expect(n.text[n.compactAt[i] ?? -1]).toBe(n.compact[i]);
  });

  it('inspects only the head of an oversized message, without splitting a surrogate pair', () => {
    const n = normalise(`${'a'.repeat(MAX_INSPECTED - 1)}😀${'b'.repeat(10)}`);
    expect(n.truncated).toBe(true);
    expect(n.text).toBe('a'.repeat(MAX_INSPECTED - 1));
    expect(normalise('short').truncated).toBe(false);
  });
});
