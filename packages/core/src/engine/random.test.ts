import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';

describe('seededRandom', () => {
  it('draws the same numbers for the same seed and different ones for another', () => {
    const a = Array.from({ length: 5 }, seededRandom('1:lottery:e42').next);
    const b = Array.from({ length: 5 }, seededRandom('1:lottery:e42').next);
    const c = Array.from({ length: 5 }, seededRandom('1:lottery:e43').next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('spreads integers evenly enough to pick winners fairly', () => {
    const r = seededRandom('spread');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = r.int(4);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});
