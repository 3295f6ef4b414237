import type { NormalisedText } from './normalise.js';

/** A run of digits in the compact text (separators, emoji and Chinese numerals already dealt with). */
export type DigitRun = { digits: string; start: number; end: number };

/** Letters that pass for digits inside a number: 13o 1234 5678, l38… */
const LOOKALIKE: Record<string, string> = { o: '0', l: '1', i: '1' };
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Runs of digits in the compact text. A look-alike letter counts as a digit only inside a run that
 * is mostly real digits (at least 3 in 4) and only between digits, so "hello" or "lol" stay words.
 */
export const digitRuns = (n: NormalisedText): DigitRun[] => {
  const s = n.compact;
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < s.length) {
    if (!isDigit(s[i])) {
      i += 1;
      continue;
    }
    let j = i;
    let real = 0;
    let lastDigit = i;
    while (j < s.length && (isDigit(s[j]) || LOOKALIKE[s[j] ?? ''] !== undefined)) {
      if (isDigit(s[j])) {
        real += 1;
        lastDigit = j;
      }
      j += 1;
    }
    const end = lastDigit + 1;
    const chunk = s.slice(i, end);
    if (real === end - i) runs.push({ digits: chunk, start: i, end });
    else if (real * 4 >= (end - i) * 3) {
      let digits = '';
      for (const c of chunk) digits += LOOKALIKE[c] ?? c;
      runs.push({ digits, start: i, end });
    } else {
      // Mostly letters: keep only the plain digit stretches.
      let k = i;
      while (k < end) {
        if (!isDigit(s[k])) {
          k += 1;
          continue;
        }
        let m = k;
        while (m < end && isDigit(s[m])) m += 1;
        runs.push({ digits: s.slice(k, m), start: k, end: m });
        k = m;
      }
    }
    i = Math.max(j, i + 1);
  }
  return runs;
};

/** A mainland China mobile number (1[3-9] and nine more digits), with an optional 86 / 0086 prefix. */
export const cnMobile = (digits: string): string | undefined => {
  let d = digits;
  if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  else if (d.length === 14 && d.startsWith('0086')) d = d.slice(4);
  if (d.length !== 11 || d[0] !== '1') return undefined;
  const second = d[1] ?? '';
  return second >= '3' && second <= '9' ? d : undefined;
};
