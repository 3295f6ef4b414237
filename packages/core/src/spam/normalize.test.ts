import { describe, expect, it } from 'vitest';
import { MARK, normalizeSpamText } from './normalize.js';

describe('normalizeSpamText', () => {
  it('folds look-alike letters and case (NFKC, lower case)', () => {
    expect(normalizeSpamText('炯 ＴＲＡ')).toBe('炯 tra');
    expect(normalizeSpamText('𝕙 𝕦 𝕩')).toBe('h u x');
  });

  it('collapses numbers by length, links, handles and invisible marks into markers', () => {
    expect(normalizeSpamText('Q，群号，，753485420')).toBe(`q,群号,,${MARK.digitsLong}`);
    expect(normalizeSpamText('日批666666')).toBe(`日批${MARK.digitsMedium}`);
    expect(normalizeSpamText('#234')).toBe(`#${MARK.digitsShort}`);
    expect(normalizeSpamText('联系@jordan16888唯一')).toBe(`联系${MARK.handle}唯一`);
    expect(normalizeSpamText('\uFEFF83704 妹')).toBe(`${MARK.invisible}${MARK.digitsMedium} 妹`);
    const link = normalizeSpamText('看 https://t.me/+HjiN9wNQTPlhNzM1 欢迎');
    expect(link.startsWith(`看 ${MARK.url}`)).toBe(true);
    expect(link).not.toContain('http');
    expect(link.endsWith(' 欢迎')).toBe(true);
  });

  it('collapses white space and trims', () => {
    expect(normalizeSpamText('  我要去做按摩汗蒸    这颈椎 \t 引起的\r\n')).toBe('我要去做按摩汗蒸 这颈椎 引起的');
    expect(normalizeSpamText('')).toBe('');
  });
});
