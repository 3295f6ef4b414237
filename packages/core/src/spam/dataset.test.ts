import { describe, expect, it } from 'vitest';
import { QunzhuError } from '../errors.js';
import { parseSpamCsv, type SpamSample, splitHoldout } from './dataset.js';
import { fixtureSamples } from './spam.test-support.js';

describe('parseSpamCsv', () => {
  it('reads target,input with commas in the text, CRLF, a header and blank lines', () => {
    const samples = parseSpamCsv('target,input\r\n0,你好,世界\r\n\r\n1,加我,QQ 123,456\r\n', 'x.csv');
    expect(samples).toEqual([
      { text: '你好,世界', spam: false, line: 2 },
      { text: '加我,QQ 123,456', spam: true, line: 4 },
    ]);
  });

  it('names the file and line of a malformed row', () => {
    const bad = () => parseSpamCsv('target,input\n0,好的\n2,什么\n', 'data.csv');
    expect(bad).toThrow(QunzhuError);
    expect(bad).toThrow(/data\.csv:3: target must be 0 \(normal\) or 1 \(spam\)/);
    expect(() => parseSpamCsv('0,好\nno comma here\n', 'data.csv')).toThrow(/data\.csv:2: .*no comma/);
    expect(() => parseSpamCsv('target,input\n', 'empty.csv')).toThrow(/no labelled rows/);
  });
});

describe('splitHoldout', () => {
  const samples = fixtureSamples();

  it('is seeded, stratified, and keeps repeated texts on one side', () => {
    const withRepeats: SpamSample[] = [...samples, ...samples.slice(0, 40).map((s) => ({ ...s, line: s.line + 1000 }))];
    const a = splitHoldout(withRepeats, 0.2, 's');
    const b = splitHoldout(withRepeats, 0.2, 's');
    const c = splitHoldout(withRepeats, 0.2, 't');
    expect(a.holdout.map((s) => s.line)).toEqual(b.holdout.map((s) => s.line));
    expect(a.holdout.map((s) => s.line)).not.toEqual(c.holdout.map((s) => s.line));
    expect(a.train.length + a.holdout.length).toBe(withRepeats.length);
    const spamShare = a.holdout.filter((s) => s.spam).length / a.holdout.length;
    expect(spamShare).toBeGreaterThan(0.4);
    expect(spamShare).toBeLessThan(0.6);
    expect(a.holdout.length / withRepeats.length).toBeCloseTo(0.2, 1);
    const held = new Set(a.holdout.map((s) => s.text));
    expect(a.train.filter((s) => held.has(s.text))).toEqual([]);
  });

  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitHoldout(samples, 1, 's')).toThrow(/holdout must be in \[0, 1\)/);
  });
});
