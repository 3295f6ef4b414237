import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine, type GroupScope } from '../../engine/engine.js';
import { RecordingPlayState } from '../../engine/state.js';
import { isQunzhuError } from '../../errors.js';
import type { JsonObject } from '../../json.js';
import { createBuiltinRegistry } from '../index.js';
import { allCapabilities, community, eventFactory, group, wechatCapabilities } from './anti-spam.test-support.js';
import { BannedWords } from './banned-words.js';
import { DEFAULT_BANNED_WORDS } from './config.js';
import { detectContacts } from './contacts.js';
import { detectLinks } from './links.js';
import { MAX_INSPECTED, normalise } from './normalise.js';
import { detectPhones } from './phones.js';

/** Messages of every awkward kind: any code units (lone surrogates too), emoji, control characters, huge. */
const message = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u0007', '\u200b', '\ufeff', '\u202e', '\r', '\n', '\t'),
    maxLength: 200,
  }),
  fc.string({
    unit: fc.constantFrom(
      '1',
      '3',
      '8',
      '.',
      '-',
      ' ',
      '加',
      '微',
      'v',
      'x',
      'q',
      '①',
      '🍎',
      '一',
      '。',
      'c',
      'o',
      'm',
    ),
    maxLength: 400,
  }),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => new TextDecoder().decode(bytes)),
  fc
    .tuple(fc.constantFrom('a', '加', '😀', 'ﷺ', '1', '.', 'ab.com ', '\u0301'), fc.integer({ min: 1, max: 200_000 }))
    .map(([unit, n]) => unit.repeat(n)),
);
const extra = fc.option(
  fc.oneof(
    fc.constant<JsonObject>({ forwarded: true }),
    fc.constant<JsonObject>({ forward_origin: null }),
    fc.constant<JsonObject>({ forward_origin: { type: 'user' } }),
    fc.constant<JsonObject>({ forwarded: 'yes' }),
  ),
  { nil: undefined },
);

// A guard against a hang or a runaway pattern, not a benchmark: far above what any message costs.
const HANG_MS = 2000;

describe('anti-spam fuzz', () => {
  const banned = new BannedWords(DEFAULT_BANNED_WORDS);

  it('normalises and runs every text detector on any message without throwing, within bounds', () => {
    let slowest = 0;
    fc.assert(
      fc.property(message, (text) => {
        const started = performance.now();
        const n = normalise(text);
        expect(n.text.length).toBeLessThanOrEqual(MAX_INSPECTED);
        expect(n.compactAt.length).toBe(n.compact.length);
        banned.detect(n);
        detectContacts(n, { solicitation: true });
        detectPhones(n);
        detectLinks(n, ['example.com']);
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(HANG_MS);
      }),
      { numRuns: 400 },
    );
    console.log(`slowest message through the text detectors: ${slowest.toFixed(1)} ms`);
  });

  it('never makes the play fail, and acts at most once per message, on that message', async () => {
    const registry = createBuiltinRegistry();
    const engine = new Engine(registry, (f) => {
      throw f.error;
    });
    const scopes: GroupScope[] = [allCapabilities, wechatCapabilities].map((capabilities, i) => ({
      community: community(),
      group: group(i + 1),
      capabilities,
      plays: [
        {
          groupId: i + 1,
          play: 'anti-spam',
          enabled: true,
          config: { flood: { messages: 2, seconds: 60 }, crossGroup: { minLength: 1 } },
          shared: { bannedWords: ['加微', 'sex', '1'], allowedDomains: ['ab.com'] },
        },
      ],
    }));
    // One state for the whole run, so floods and cross-group memory build up between messages.
    const state = new RecordingPlayState();
    const make = eventFactory();
    let t = Date.parse('2026-11-02T08:00:00Z');
    await fc.assert(
      fc.asyncProperty(
        message,
        extra,
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 5 }),
        async (text, ex, g, m) => {
          const before = state.actions.length;
          t += 1000;
          const event = make('message', g + 1, m, new Date(t), text, ex);
          const scope = scopes[g];
          if (!scope) throw new Error('no scope');
          await engine.handleEvent(scope, event, state);
          const acted = state.actions.slice(before);
          expect(acted.length).toBeLessThanOrEqual(1);
          for (const a of acted) expect(a.payload.eventId).toBe(event.id);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts or rejects any shared configuration with a bad_input error, never a crash', () => {
    const registry = createBuiltinRegistry();
    fc.assert(
      fc.property(
        fc.record({
          bannedWords: fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 20 }),
          allowedDomains: fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }),
        }),
        (shared) => {
          try {
            const parsed = registry.parseShared('anti-spam', shared) as { bannedWords: string[] };
            new BannedWords(parsed.bannedWords).detect(normalise(shared.bannedWords.join(' ')));
          } catch (error) {
            expect(isQunzhuError(error) && error.code === 'bad_input').toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
