import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay } from '../../engine/play.js';
import { seededRandom } from '../../engine/random.js';
import { PlayRegistry } from '../../engine/registry.js';
import type { StoredEvent } from '../../events/index.js';
import { checkInPlay } from '../check-in/index.js';
import { levelsPlay } from '../levels/index.js';
import { eventMaker, playRunner, scopeWith, testCommunity, testGroup } from '../plays.test-support.js';
import { reportViolation } from '../shared/moderation.js';
import { pointsPlay } from './index.js';

// A stand-in detector: any message with "http" is a violation (the real anti-spam play is tested on its own).
const linkDetector = definePlay<Record<string, never>>({
  name: 'test-links',
  title: { 'zh-CN': '测试', en: 'test' },
  description: { 'zh-CN': '测试', en: 'test' },
  configSchema: z.object({}),
  create: () =>
    new Composer<PlayContext<Record<string, never>>>()
      .use(async (c, next) => {
        if (c.trigger.kind === 'event' && (c.trigger.event.payload.text ?? '').includes('http')) {
          reportViolation(c, {
            reason: 'link',
            detail: 'http',
            eventId: c.trigger.event.id,
            memberId: c.trigger.event.memberId,
          });
        }
        await next();
      })
      .middleware(),
});

const registry = new PlayRegistry([linkDetector, checkInPlay, pointsPlay, levelsPlay]);
const runnerWith = (plays: Record<string, unknown>) =>
  playRunner(registry, [scopeWith(testCommunity({ timezone: 'Asia/Shanghai' }), testGroup(7), plays)]);
const balance = (r: ReturnType<typeof runnerWith>, memberId: number) =>
  r.state.sumLedger({ communityId: 1, memberId, kinds: ['points'] });
// Lines from the #ubuntu log of 2004-12-25 (demo history, CC-BY-4.0).
const LINE = 'is there a way to make the install use a local mirror?';

describe('points play', () => {
  it('earns points for substantial messages, with a cooldown and a daily cap in the local day', async () => {
    const ev = eventMaker();
    const r = runnerWith({ points: { message: { points: 1, cooldownSeconds: 60, dailyCap: 3 } } });
    const t0 = Date.parse('2024-03-09T15:00:00Z'); // 23:00 in Shanghai
    await r.run([
      ev('message', 1, new Date(t0), LINE),
      ev('message', 1, new Date(t0 + 30_000), LINE), // in the cooldown
      ev('message', 1, new Date(t0 + 61_000), 'ok'), // too short
      ev('message', 1, new Date(t0 + 122_000), LINE),
      ev('message', 1, new Date(t0 + 183_000), LINE),
      ev('message', 1, new Date(t0 + 244_000), LINE), // over the cap of 3
      ev('message', 1, new Date(t0 + 3_600_000), LINE), // 00:00 the next local day: a new cap
    ]);
    expect(await balance(r, 1)).toBe(4);
  });

  it('credits the thanked member and the one who answers a question, never oneself', async () => {
    const ev = eventMaker();
    const r = runnerWith({ points: { message: { points: 0 } } });
    const q = ev('message', 1, '2024-03-09T08:00:00Z', 'how do I get sound working on a sb live?');
    const a = ev('message', 2, '2024-03-09T08:01:00Z', 'install alsa-oss and run alsaconf', { replyTo: q.sourceId });
    const thanks = ev('message', 1, '2024-03-09T08:02:00Z', 'thanks, that worked', { replyTo: a.sourceId });
    const self = ev('message', 1, '2024-03-09T08:03:00Z', 'thanks me', { replyTo: thanks.sourceId });
    await r.run([q, a, thanks, self]);
    expect(await balance(r, 2)).toBe(3 + 2);
    expect(await balance(r, 1)).toBe(0);
  });

  it('takes points for violations and gives none for the offending message', async () => {
    const ev = eventMaker();
    const r = runnerWith({ 'test-links': {}, points: { penalty: { points: 10 } } });
    await r.run([ev('message', 3, '2024-03-09T08:00:00Z', 'cheap watches at http://spam.example buy now')]);
    expect(await balance(r, 3)).toBe(-10);
  });

  it('keeps balances equal to the sum of entries, and replays change nothing (random histories)', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const random = seededRandom(`points-${seed}`);
      const ev = eventMaker();
      const events: StoredEvent[] = [];
      let t = Date.parse('2024-03-01T00:00:00Z');
      const pool = ['打卡', '补卡', LINE, 'thanks!', 'ok', 'see http://x.example', '打卡 今天读完了一章，记了三页笔记'];
      for (let i = 0; i < 300; i++) {
        t += Math.floor(random.next() * 3 * 3_600_000);
        const prev = events.at(-1);
        const reply = prev && random.next() < 0.3 ? { replyTo: prev.sourceId } : {};
        events.push(ev('message', 1 + random.int(5), new Date(t), random.pick(pool), reply));
      }
      const r = runnerWith({
        'test-links': {},
        'check-in': { settlement: { enabled: false } },
        points: {},
        levels: {},
      });
      await r.run(events);
      const before = r.state.ledger.length;
      await r.run(events);
      expect(r.state.ledger.slice(before).map((e) => [e.play, e.kind, e.dedupeKey, e.amount])).toEqual([]);
      for (let m = 1; m <= 5; m++) {
        const sum = r.state.ledger
          .filter((e) => e.memberId === m && e.kind === 'points')
          .reduce((s, e) => s + e.amount, 0);
        expect(await balance(r, m)).toBe(sum);
      }
    }
  });
});
