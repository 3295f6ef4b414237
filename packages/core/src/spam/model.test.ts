import { describe, expect, it } from 'vitest';
import { buildSpamModel } from './build.js';
import { shuffled } from './dataset.js';
import { classifySpam, learnSpam, spamMetrics, spamScore } from './model.js';
import { fixtureIrcLines, fixtureSamples } from './spam.test-support.js';
import { chooseSpamThreshold, crossValidateSpam, trainSpamModel } from './train.js';

const samples = fixtureSamples();
const small = { bits: 16 } as const;

describe('trainSpamModel', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = trainSpamModel(samples, { ...small, seed: 'a' });
    const b = trainSpamModel(samples, { ...small, seed: 'a' });
    const c = trainSpamModel(samples, { ...small, seed: 'c' });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });

  it('separates the spam from the normal messages it was trained on', () => {
    const model = trainSpamModel(samples, small);
    const scores = samples.map((s) => spamScore(model, s.text));
    const m = spamMetrics(
      scores,
      samples.map((s) => s.spam),
      0.5,
    );
    expect(m.accuracy).toBeGreaterThan(0.95);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('rejects bad options and empty data with a reason', () => {
    expect(() => trainSpamModel(samples, { bits: 30 })).toThrow(/bits must be a whole number from 10 to 24/);
    expect(() => trainSpamModel([], small)).toThrow(/no samples/);
  });
});

describe('learnSpam (online, from moderators’ decisions)', () => {
  it('raises the score of a message confirmed as spam, and lowers it when restored', () => {
    const model = trainSpamModel(samples, small);
    const hamText = samples.filter((s) => !s.spam).find((s) => spamScore(model, s.text) < 0.3)?.text;
    expect(hamText).toBeDefined();
    const text = hamText as string;
    const before = spamScore(model, text);
    for (let i = 0; i < 3; i++) learnSpam(model, text, true);
    const after = spamScore(model, text);
    expect(after).toBeGreaterThan(before + 0.2);
    expect(model.info.learned).toBe(3);
    for (let i = 0; i < 3; i++) learnSpam(model, text, false);
    expect(spamScore(model, text)).toBeLessThan(after);
  });
});

describe('threshold from validation scores', () => {
  it('picks the lowest threshold that reaches the target precision', () => {
    const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const labels = [true, true, false, true, true, false, false];
    // At 0.6: tp 4, fp 1 → 0.8; at 0.9: 1.0.
    expect(chooseSpamThreshold(scores, labels, 0.8)).toBe(0.6);
    expect(chooseSpamThreshold(scores, labels, 0.99)).toBe(0.9);
    expect(chooseSpamThreshold([0.9, 0.8], [false, false], 0.9)).toBeGreaterThan(0.9);
  });

  it('cross-validates, then builds a model whose held-out figures are measured at that threshold', () => {
    const cv = crossValidateSpam(samples, 3, small);
    expect(cv.length).toBe(samples.length);
    const ordered = shuffled(samples, 'x');
    const built = buildSpamModel(ordered, { ...small, holdout: 0.3, folds: 3, extraHam: fixtureIrcLines() });
    expect(built.holdoutSamples).toBeGreaterThan(80);
    expect(built.trainSamples).toBe(samples.length - built.holdoutSamples + fixtureIrcLines().length);
    expect(built.model.threshold).toBe(built.threshold);
    expect(built.holdout?.accuracy).toBeGreaterThan(0.7);
    const verdict = classifySpam(built.model, samples[0]?.text ?? '');
    expect(verdict.spam).toBe(verdict.score >= built.threshold);
  });
});
