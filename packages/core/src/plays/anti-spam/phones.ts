import { type Hit, hit } from './hit.js';
import type { NormalisedText } from './normalise.js';
import { cnMobile, digitRuns } from './numbers.js';

/** Mainland China mobile numbers, however they are split or disguised (138-1234-5678, 1 3 8…, 一三八…). */
export const detectPhones = (n: NormalisedText): Hit[] => {
  const hits: Hit[] = [];
  for (const run of digitRuns(n)) {
    const phone = cnMobile(run.digits);
    if (phone !== undefined && !hits.some((h) => h.detail === phone)) hits.push(hit('phone', phone));
  }
  return hits;
};
