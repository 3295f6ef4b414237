import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventType } from '../../events/index.js';
import type { Json } from '../../json.js';
import { spamZh, World, wechatCapabilities } from './moderation.test-support.js';

// Every moderation play on at once, with timers and windows that fire during the run.
const plays = {
  'entry-gate': {
    autoApprove: { enabled: true, answerKeywords: ['朋友', 'ubuntu'], requireUsername: true },
    challenge: { enabled: true, timeoutSeconds: 30 },
    intro: { enabled: true, withinHours: 0.02, remindAfterHours: 0.01, minLength: 5 },
  },
  blocklist: {},
  'fixture-detector': {},
  'quiet-hours': { windows: [{ start: '00:00', end: '12:00' }], reportViolation: true },
  'penalty-ladder': { forgetAfterDays: 1, announceRemovals: true },
  welcome: { burstWindowSeconds: 10 },
};

// Control characters, zero-width ones and the byte-order mark.
const CONTROL = [...Array(32).keys(), 0x7f, 0x200b, 0x200d, 0x200e, 0xfeff].map((c) => String.fromCodePoint(c));
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(...spamZh.spam, ...spamZh.normal),
  fc.string({ unit: fc.constantFrom(...CONTROL), maxLength: 200 }),
  fc.nat({ max: 200_000 }).map((n) => '广告加微'.repeat(Math.ceil(n / 4))),
);
const json: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const step = fc.record({
  type: fc.constantFrom<EventType>('message', 'join', 'leave', 'join_request', 'callback', 'reaction', 'edit'),
  member: fc.integer({ min: 1, max: 6 }),
  seconds: fc.integer({ min: 0, max: 900 }),
  text: fc.option(text, { nil: undefined }),
  extra: fc.option(fc.dictionary(fc.constantFrom('answers', 'username', 'data', 'x'), json), { nil: undefined }),
});

describe('moderation plays under fuzz', () => {
  for (const [name, capabilities] of [
    ['all capabilities', undefined],
    ['WeChat', wechatCapabilities],
  ] as const) {
    it(`no event crashes a play or stalls the chain (${name})`, async () => {
      let slowest = 0;
      let events = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          const w = new World({ plays, ...(capabilities ? { capabilities } : {}), timezone: 'Asia/Shanghai' });
          w.blocklist.add(6);
          w.roles.set(5, ['admin']);
          let t = Date.UTC(2026, 10, 2, 0, 0);
          for (const s of steps) {
            t += s.seconds * 1000;
            const started = performance.now();
            await w.post(s.type, s.member, new Date(t), {
              ...(s.text === undefined ? {} : { text: s.text }),
              ...(s.extra === undefined ? {} : { extra: s.extra }),
            });
            slowest = Math.max(slowest, performance.now() - started);
            events += 1;
          }
          await w.fireTimers(new Date(t + 86_400_000));
          expect(w.failures).toEqual([]);
        }),
        { numRuns: 150, seed: 20261123 },
      );
      console.log(`moderation fuzz (${name}): ${events} events, slowest ${slowest.toFixed(1)} ms`);
    });
  }
});
