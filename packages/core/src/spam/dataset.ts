import { seededRandom } from '../engine/index.js';
import { QunzhuError } from '../errors.js';

/** One labelled message; `line` is its 1-based line in the source file. */
export type SpamSample = { text: string; spam: boolean; line: number };

/**
 * Parse a `target,input` file (1 = spam, 0 = normal). Everything after the first comma is the text,
 * commas included, with no quoting. A header line `target,input` is skipped; blank lines too.
 */
export const parseSpamCsv = (content: string, source = 'input'): SpamSample[] => {
  const samples: SpamSample[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') continue;
    const comma = line.indexOf(',');
    const where = `${source}:${i + 1}`;
    if (comma < 0) {
      throw new QunzhuError(
        'bad_input',
        `${where}: expected "target,text" (0 or 1, a comma, the text), found no comma`,
        {
          details: { line: i + 1 },
        },
      );
    }
    const target = line.slice(0, comma).trim();
    if (i === 0 && target.toLowerCase() === 'target') continue;
    if (target !== '0' && target !== '1') {
      throw new QunzhuError(
        'bad_input',
        `${where}: target must be 0 (normal) or 1 (spam), found "${target.slice(0, 20)}"`,
        {
          details: { line: i + 1 },
        },
      );
    }
    samples.push({ text: line.slice(comma + 1), spam: target === '1', line: i + 1 });
  }
  if (samples.length === 0) throw new QunzhuError('bad_input', `${source}: no labelled rows`);
  return samples;
};

/** Seeded shuffle (Fisher–Yates) into a new array. */
export const shuffled = <T>(items: readonly T[], seed: string): T[] => {
  const out = items.slice();
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/**
 * Split off `fraction` of the samples, stratified by label and seeded, for validation.
 * Duplicate texts stay on one side, so the held-out figures are not inflated by exact repeats.
 */
export const splitHoldout = (
  samples: readonly SpamSample[],
  fraction: number,
  seed: string,
): { train: SpamSample[]; holdout: SpamSample[] } => {
  if (!(fraction >= 0 && fraction < 1))
    throw new QunzhuError('bad_input', `holdout must be in [0, 1), got ${fraction}`);
  const train: SpamSample[] = [];
  const holdout: SpamSample[] = [];
  for (const label of [true, false]) {
    const groups = new Map<string, SpamSample[]>();
    for (const s of samples) {
      if (s.spam !== label) continue;
      const group = groups.get(s.text);
      if (group) group.push(s);
      else groups.set(s.text, [s]);
    }
    const order = shuffled([...groups.values()], `${seed}:${label}`);
    const count = order.reduce((n, g) => n + g.length, 0);
    let taken = 0;
    for (const group of order) {
      if (taken < fraction * count) {
        holdout.push(...group);
        taken += group.length;
      } else train.push(...group);
    }
  }
  return { train: shuffled(train, `${seed}:train`), holdout };
};
