import { describe, expect, it } from 'vitest';
import { QunzhuError } from '../errors.js';
import { spamScore } from './model.js';
import { parseSpamModel, SPAM_MODEL_VERSION, serializeSpamModel } from './serialize.js';
import { fixtureSamples } from './spam.test-support.js';
import { trainSpamModel } from './train.js';

const samples = fixtureSamples();
const model = trainSpamModel(samples, { bits: 14 });
model.threshold = 0.6;
model.info = { samples: samples.length, source: 'fixture' };

describe('spam model file', () => {
  it('round-trips with int8 weights: scores stay within a small distance', () => {
    const json = serializeSpamModel(model);
    const back = parseSpamModel(json, 'm.json');
    expect(back.threshold).toBe(0.6);
    expect(back.features).toEqual(model.features);
    expect(back.info).toEqual(model.info);
    let worst = 0;
    for (const s of samples) worst = Math.max(worst, Math.abs(spamScore(back, s.text) - spamScore(model, s.text)));
    expect(worst).toBeLessThan(0.02);
  });

  it('refuses a corrupt or wrong-version file with a clear bad_input naming the file', () => {
    const file = JSON.parse(serializeSpamModel(model));
    const expectBad = (text: string, why: RegExp) => {
      try {
        parseSpamModel(text, 'm.json');
        expect.unreachable('should have thrown');
      } catch (error) {
        expect(error).toBeInstanceOf(QunzhuError);
        expect((error as QunzhuError).code).toBe('bad_input');
        expect((error as Error).message).toMatch(/^m\.json: not a usable spam model: /);
        expect((error as Error).message).toMatch(why);
      }
    };
    expectBad('{"format":', /not JSON/);
    expectBad(JSON.stringify({ ...file, version: SPAM_MODEL_VERSION + 1 }), /version 2, this Qunzhu reads version 1/);
    expectBad(JSON.stringify({ ...file, format: 'other' }), /format/);
    expectBad(JSON.stringify({ ...file, weights: file.weights.slice(0, 100) }), /weights: 75 bytes, expected 16384/);
    expectBad(JSON.stringify({ ...file, weights: '!!!' }), /not base64/);
    expectBad(JSON.stringify({ ...file, threshold: 2 }), /threshold/);
  });
});
