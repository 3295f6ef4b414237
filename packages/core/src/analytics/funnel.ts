import { QunzhuError } from '../errors.js';
import { dayNumber } from './dates.js';
import { round } from './numbers.js';

/** The first day a member entered a group of each funnel type in the 社群矩阵 (null: never). */
export type FunnelEntry = {
  memberId: number;
  lead: string | null;
  conversion: string | null;
  fan: string | null;
};

/** Days, both inclusive. */
export type FunnelPeriod = { from: string; to: string };

export type FunnelStage = 'lead' | 'conversion' | 'fan';

export type Funnel = {
  period: FunnelPeriod;
  /** Members whose first entry into the stage falls in the period. */
  entered: Record<FunnelStage, number>;
  /** Of those who entered the earlier stage in the period, how many entered the later one in order. */
  moved: { leadToConversion: number; conversionToFan: number; leadToFan: number };
  /** moved / entered of the earlier stage, 4 decimals; 0 when nobody entered it. */
  rates: { leadToConversion: number; conversionToFan: number; leadToFan: number };
};

/**
 * 社群矩阵 funnel over a period: lead (引流) → conversion (转化) → fan (粉丝). A move counts when both
 * entries fall in the period and the later stage was entered on or after the day of the earlier one.
 */
export const funnel = (moves: readonly FunnelEntry[], period: FunnelPeriod): Funnel => {
  const from = dayNumber(period.from);
  const to = dayNumber(period.to);
  if (from > to) throw new QunzhuError('bad_input', `The period ends (${period.to}) before it starts (${period.from})`);
  const inPeriod = (day: string | null): number | null => {
    if (day === null) return null;
    const n = dayNumber(day);
    return n >= from && n <= to ? n : null;
  };
  const entered = { lead: 0, conversion: 0, fan: 0 };
  const moved = { leadToConversion: 0, conversionToFan: 0, leadToFan: 0 };
  for (const m of moves) {
    const lead = inPeriod(m.lead);
    const conversion = inPeriod(m.conversion);
    const fan = inPeriod(m.fan);
    if (lead !== null) entered.lead++;
    if (conversion !== null) entered.conversion++;
    if (fan !== null) entered.fan++;
    const leadToConversion = lead !== null && conversion !== null && lead <= conversion;
    const conversionToFan = conversion !== null && fan !== null && conversion <= fan;
    if (leadToConversion) moved.leadToConversion++;
    if (conversionToFan) moved.conversionToFan++;
    if (leadToConversion && conversionToFan) moved.leadToFan++;
  }
  const rate = (n: number, of: number) => (of > 0 ? round(n / of, 4) : 0);
  return {
    period: { ...period },
    entered,
    moved,
    rates: {
      leadToConversion: rate(moved.leadToConversion, entered.lead),
      conversionToFan: rate(moved.conversionToFan, entered.conversion),
      leadToFan: rate(moved.leadToFan, entered.lead),
    },
  };
};
