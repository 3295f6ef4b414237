import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { isQunzhuError } from '../errors.js';
import { refDay, refPlus, refRound4 } from './analytics.test-support.js';
import { type FunnelEntry, funnel } from './funnel.js';

const march = { from: '2024-03-01', to: '2024-03-31' };

describe('funnel', () => {
  it('counts entries in the period and moves made in order within it', () => {
    const moves: FunnelEntry[] = [
      { memberId: 1, lead: '2024-03-02', conversion: '2024-03-10', fan: '2024-03-20' }, // the whole way
      { memberId: 2, lead: '2024-03-05', conversion: '2024-03-05', fan: null }, // same day counts
      { memberId: 3, lead: '2024-03-10', conversion: '2024-03-08', fan: null }, // converted before the lead group
      { memberId: 4, lead: '2024-02-20', conversion: '2024-03-03', fan: '2024-03-04' }, // lead before March
      { memberId: 5, lead: '2024-03-30', conversion: '2024-04-02', fan: null }, // converted after March
      { memberId: 6, lead: null, conversion: null, fan: null },
      { memberId: 7, lead: null, conversion: null, fan: '2024-03-31' }, // last day of the period
      { memberId: 8, lead: '2024-03-01', conversion: null, fan: '2024-03-02' }, // fan without conversion
    ];
    expect(funnel(moves, march)).toEqual({
      period: march,
      entered: { lead: 5, conversion: 4, fan: 4 },
      moved: { leadToConversion: 2, conversionToFan: 2, leadToFan: 1 },
      rates: { leadToConversion: 0.4, conversionToFan: 0.5, leadToFan: 0.2 },
    });
  });

  it('gives rates of 0 when nobody entered, and refuses a period that ends before it starts', () => {
    expect(funnel([], march).rates).toEqual({ leadToConversion: 0, conversionToFan: 0, leadToFan: 0 });
    let error: unknown;
    try {
      funnel([], { from: '2024-03-31', to: '2024-03-01' });
    } catch (e) {
      error = e;
    }
    expect(isQunzhuError(error) && error.code).toBe('bad_input');
  });

  it('agrees with a plain reference on random members', () => {
    const rnd = seededRandom('funnel');
    const day = () => (rnd.next() < 0.25 ? null : refPlus('2024-01-01', rnd.int(120)));
    // Half the time the later stage follows the earlier one by up to 3 weeks, as a funnel would.
    const after = (earlier: string | null) =>
      earlier !== null && rnd.next() < 0.5 ? refPlus(earlier, rnd.int(21)) : day();
    let movedSeen = 0;
    for (let round = 0; round < 200; round++) {
      const moves: FunnelEntry[] = Array.from({ length: rnd.int(80) }, (_, i) => {
        const lead = day();
        const conversion = after(lead);
        return { memberId: i + 1, lead, conversion, fan: after(conversion) };
      });
      const from = refPlus('2024-01-01', rnd.int(100));
      const period = { from, to: refPlus(from, rnd.int(60)) };
      const inside = (d: string | null) =>
        d !== null && refDay(d) >= refDay(period.from) && refDay(d) <= refDay(period.to);
      let lead = 0;
      let conversion = 0;
      let fan = 0;
      let lc = 0;
      let cf = 0;
      let lf = 0;
      for (const m of moves) {
        if (inside(m.lead)) lead++;
        if (inside(m.conversion)) conversion++;
        if (inside(m.fan)) fan++;
        const okLc = inside(m.lead) && inside(m.conversion) && (m.lead as string) <= (m.conversion as string);
        const okCf = inside(m.conversion) && inside(m.fan) && (m.conversion as string) <= (m.fan as string);
        if (okLc) lc++;
        if (okCf) cf++;
        if (okLc && okCf) lf++;
      }
      const rate = (a: number, b: number) => (b === 0 ? 0 : refRound4(a / b));
      expect(funnel(moves, period)).toEqual({
        period,
        entered: { lead, conversion, fan },
        moved: { leadToConversion: lc, conversionToFan: cf, leadToFan: lf },
        rates: { leadToConversion: rate(lc, lead), conversionToFan: rate(cf, conversion), leadToFan: rate(lf, lead) },
      });
      movedSeen += lf;
    }
    expect(movedSeen).toBeGreaterThan(50);
  });
});
