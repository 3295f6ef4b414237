import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftDay } from '../../time/index.js';
import { addDay, fromDays, hasDay, MAX_MAKE_UP_DAYS, noDays, streakAt } from './days.js';
import { streakEndingAt } from './match.js';

describe('kept check-in days', () => {
  it('answer as the whole history does, through check-ins and make-ups as days go by', () => {
    // Each step: some days pass, then a check-in today or a make-up up to the largest window back.
    const step = fc.record({
      pass: fc.integer({ min: 0, max: 40 }),
      back: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: MAX_MAKE_UP_DAYS })),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), fc.integer({ min: 0, max: 30 }), (steps, probeBack) => {
        let today = '2024-01-01';
        const all = new Set<string>();
        let kept = noDays();
        for (const { pass, back } of steps) {
          today = shiftDay(today, pass);
          const day = shiftDay(today, -back);
          all.add(day);
          kept = addDay(kept, day, today);
          // What the play asks: today, and any day a make-up may still name.
          for (const d of [today, shiftDay(today, -1), day, shiftDay(today, -Math.min(probeBack, MAX_MAKE_UP_DAYS))]) {
            expect(hasDay(kept, d)).toBe(all.has(d));
            expect(streakAt(kept, d)).toBe(streakEndingAt(all, d, shiftDay));
          }
          expect(kept.total).toBe(all.size);
        }
        // Rebuilt from the ledger's days, the same answers.
        const rebuilt = fromDays(all);
        expect(rebuilt.total).toBe(all.size);
        for (let i = 0; i <= MAX_MAKE_UP_DAYS; i++) {
          const d = shiftDay(today, -i);
          expect(streakAt(rebuilt, d)).toBe(streakAt(kept, d));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('forgets runs no make-up can reach, keeps a long streak whole', () => {
    let kept = noDays();
    for (let i = 0; i < 200; i++) kept = addDay(kept, shiftDay('2024-01-01', i), shiftDay('2024-01-01', i));
    kept = addDay(kept, '2024-12-01', '2024-12-01');
    expect(kept.runs).toEqual([['2024-12-01', '2024-12-01']]);
    expect(kept.total).toBe(201);
    let long = noDays();
    for (let i = 0; i < 400; i++) long = addDay(long, shiftDay('2024-01-01', i), shiftDay('2024-01-01', i));
    expect(long.runs).toEqual([['2024-01-01', shiftDay('2024-01-01', 399)]]);
    expect(streakAt(long, shiftDay('2024-01-01', 399))).toBe(400);
  });
});
