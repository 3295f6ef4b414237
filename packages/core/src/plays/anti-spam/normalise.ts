import * as OpenCC from 'opencc-js/t2cn';

/**
 * Detectors look at no more than this many UTF-16 units of a message (the head of it). Every step
 * after the cap is linear in what is left, so a 10 MB paste costs what 4,000 characters cost.
 */
export const MAX_INSPECTED = 4000;

/** A message as the detectors see it. */
export type NormalisedText = {
  /**
   * NFKC (full-width → half-width, circled and styled letters/digits → plain), lower case,
   * traditional → simplified, look-alike letters → Latin, emoji/dingbat digits → digits,
   * invisible and combining characters removed.
   */
  text: string;
  /**
   * `text` with everything that is not a letter or a digit removed, and runs of Chinese numerals
   * long enough to hide a number (≥ 5, 一三八… / 壹叁捌…) turned into digits: 加.微 → 加微, 1-3-8 → 138.
   */
  compact: string;
  /** `compactAt[i]` is the index in `text` of the UTF-16 unit `compact[i]`. */
  compactAt: Int32Array;
  /** True when the message was longer than MAX_INSPECTED and only its head was inspected. */
  truncated: boolean;
};

/** Built on first use (its dictionaries take ~0.2 s), so importing core stays quick for every command. */
let converter: ((text: string) => string) | undefined;
const convert = (text: string): string => {
  const c = converter ?? OpenCC.Converter({ from: 't', to: 'cn' });
  converter = c;
  return c(text);
};

/**
 * Whether a character changes from traditional to simplified, remembered per character (at most
 * the ~100k Han characters there are). The phrase-level converter costs ~18 µs per message, so it
 * runs only on messages that hold at least one traditional character.
 */
const traditional = new Map<string, boolean>();
const isTraditional = (ch: string): boolean => {
  let known = traditional.get(ch);
  if (known === undefined) {
    known = convert(ch) !== ch;
    traditional.set(ch, known);
  }
  return known;
};
const toSimplified = (text: string): string => {
  for (const ch of text) {
    if (ch.charCodeAt(0) >= 0x2e80 && HAN.test(ch) && isTraditional(ch)) return convert(text);
  }
  return text;
};

/** Look-alike letters (Cyrillic, Greek, IPA) → the Latin letter they pass for. Applied after lower-casing. */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ь: 'b',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ı: 'i',
  ɡ: 'g',
  ɑ: 'a',
  ɩ: 'i',
  ʋ: 'v',
};

/** Dingbat and negative circled digits that NFKC leaves alone (❶ ➀ ➊ ⓵ ⓿ 🄋 🄌). */
const dingbatDigit = (cp: number): string | undefined => {
  if (cp >= 0x2776 && cp <= 0x277f) return String((cp - 0x2776 + 1) % 10);
  if (cp >= 0x2780 && cp <= 0x2789) return String((cp - 0x2780 + 1) % 10);
  if (cp >= 0x278a && cp <= 0x2793) return String((cp - 0x278a + 1) % 10);
  if (cp >= 0x24f5 && cp <= 0x24fe) return String((cp - 0x24f5 + 1) % 10);
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11);
  if (cp === 0x24ff || cp === 0x1f10b || cp === 0x1f10c) return '0';
  return undefined;
};

/** Chinese numerals read digit by digit (phone numbers spoken or written out): 幺 is "one" when dictating. */
const NUMERALS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  壹: '1',
  贰: '2',
  叁: '3',
  肆: '4',
  伍: '5',
  陆: '6',
  柒: '7',
  捌: '8',
  玖: '9',
};
/** A run of numerals shorter than this is ordinary text (三千, 一年), not a hidden number. */
const MIN_NUMERAL_RUN = 5;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Cut at `max` UTF-16 units without splitting a surrogate pair. */
const head = (s: string, max: number): string => {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
};

/** Format characters (zero-width, BOM, bidi) and marks (combining accents, variation selectors, keycap). */
const INVISIBLE = /[\p{Cf}\p{M}]/gu;
/** The characters step 2 maps one by one: look-alikes and dingbat digits. */
const SPECIAL = new RegExp(
  `[${Object.keys(HOMOGLYPHS).join('')}\\u2776-\\u2793\\u24eb-\\u24ff\\u{1f10b}\\u{1f10c}]`,
  'gu',
);

/** The character-level steps: NFKC, lower case, invisible marks, look-alikes, dingbat digits. */
const foldCharacters = (raw: string): string =>
  raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(SPECIAL, (ch) => dingbatDigit(ch.codePointAt(0) ?? 0) ?? HOMOGLYPHS[ch] ?? ch);

const isLetterOrDigit = (cp: number, ch: string): boolean => {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  // The common CJK block is all letters: spare the Unicode lookup for most Chinese text.
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  return LETTER_OR_DIGIT.test(ch);
};

/** Letters and digits only, with Chinese numeral runs turned into digits; the index map back into `text`. */
const compactOf = (text: string): { compact: string; compactAt: Int32Array } => {
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = cp < 0x10000 ? (text[i] ?? '') : String.fromCodePoint(cp);
    if (isLetterOrDigit(cp, ch)) {
      chars.push(ch);
      // One entry per UTF-16 unit, so that offsets in `compact` index `compactAt` directly.
      at.push(i);
      if (ch.length === 2) at.push(i + 1);
    }
    i += ch.length;
  }
  // Numeral runs may mix in real digits (138一二三四五六七八); separators are already gone.
  for (let i = 0; i < chars.length; ) {
    if (NUMERALS[chars[i] ?? ''] === undefined) {
      i += 1;
      continue;
    }
    let j = i;
    let numerals = 0;
    while (j < chars.length) {
      const c = chars[j] ?? '';
      if (NUMERALS[c] !== undefined) numerals += 1;
      else if (!(c >= '0' && c <= '9')) break;
      j += 1;
    }
    // Extend left over digits that precede the run.
    let k = i;
    while (k > 0 && (chars[k - 1] ?? '') >= '0' && (chars[k - 1] ?? '') <= '9') k -= 1;
    if (j - k >= MIN_NUMERAL_RUN && numerals >= 3) {
      for (let m = i; m < j; m += 1) chars[m] = NUMERALS[chars[m] ?? ''] ?? chars[m] ?? '';
    }
    i = j;
  }
  return { compact: chars.join(''), compactAt: Int32Array.from(at) };
};

/** Normalise a message for the detectors (see NormalisedText); linear in min(length, MAX_INSPECTED). */
export const normalise = (raw: string): NormalisedText => {
  const truncated = raw.length > MAX_INSPECTED;
  // Capped again after folding: NFKC may expand a character (ﷺ becomes 18 letters).
  const text = toSimplified(head(foldCharacters(head(raw, MAX_INSPECTED)), MAX_INSPECTED));
  return { text, ...compactOf(text), truncated };
};

/** True for an ASCII letter or digit (the edges a Latin keyword needs clear). */
export const isAsciiAlnum = (ch: string | undefined): boolean =>
  ch !== undefined && ch.length === 1 && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'));
export const isAsciiLetter = (ch: string | undefined): boolean => ch !== undefined && ch >= 'a' && ch <= 'z';
