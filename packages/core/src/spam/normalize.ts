// Spam hides behind look-alike letters (𝕙, ＴＲＡ), invisible marks (U+FEFF, U+200D) and ever-changing
// numbers, links and handles. Normalising folds those into a few stable markers so that the n-grams
// learn the pattern ("a long number next to 加") rather than the number itself.

/** Private-use markers that stand for a collapsed span in the normalised text. */
export const MARK = {
  url: '\uE000',
  handle: '\uE001',
  digitsShort: '\uE002',
  digitsMedium: '\uE003',
  digitsLong: '\uE004',
  invisible: '\uE005',
} as const;

const INVISIBLE = /[\p{Cf}\u3164\u115F\u1160\u2800]+/gu;
const URL_LIKE =
  /(?:https?:\/\/|www\.|t\.me\/)[^\s\u4E00-\u9FFF]*|[a-z0-9-]+(?:\.|点)(?:com|cn|net|org|me|cc|top|xyz|vip|io)\b[^\s\u4E00-\u9FFF]*/gu;
const SCHEME = /^(?:https?:\/\/)?(?:www\.)?/u;
const PATH = /\/.*$/su;
const HANDLE = /@[a-z0-9_]{3,}/gu;
const DIGITS = /\d+/gu;
const SPACES = /\s+/gu;

const digitMark = (run: string): string =>
  run.length <= 3 ? MARK.digitsShort : run.length <= 6 ? MARK.digitsMedium : MARK.digitsLong;

/**
 * NFKC, lower case; invisible marks, @handles and digit runs (by length: ≤3, 4–6, ≥7) replaced
 * by markers; a link by a marker and its host (the host says more than the ever-changing path);
 * white space collapsed to one space and trimmed.
 */
export const normalizeSpamText = (text: string): string =>
  text
    .replace(INVISIBLE, MARK.invisible)
    .normalize('NFKC')
    .toLowerCase()
    .replace(URL_LIKE, (url) => MARK.url + url.replace(SCHEME, '').replace(PATH, '/'))
    .replace(HANDLE, MARK.handle)
    .replace(DIGITS, digitMark)
    .replace(SPACES, ' ')
    .trim();
