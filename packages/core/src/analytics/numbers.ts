/** Rounds half up (Math.round) to `decimals` places; every ratio shown in analytics goes through here. */
export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
