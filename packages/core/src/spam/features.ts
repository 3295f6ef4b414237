import { normalizeSpamText } from './normalize.js';

/** How a text becomes hashed features; stored in the model so scoring uses what training used. */
export type SpamFeatureOptions = {
  /** log2 of the weight table size. */
  bits: number;
  /** Longest character n-gram (1 to this). */
  maxNgram: number;
};

/** Hashed feature indices and values of one text, in scratch arrays valid until the next call. */
export type SpamFeatures = { indices: Int32Array; values: Float32Array; length: number };

const START = 0x02;
const END = 0x03;
const DENSE_SEED = 0x5bd1e995;
// Full-width forms (letters, digits and punctuation such as ，！), enclosed and mathematical letters:
// what NFKC folds away. Ordinary Chinese punctuation counts too; the weights learn what each count means.
const FANCY = /[\uFF01-\uFF5E\u2460-\u24FF\u3200-\u32FF\u{1D400}-\u{1D7FF}\u{1F100}-\u{1F1FF}]/gu;

// murmur3 finaliser: spreads FNV-style running hashes over the table.
const fmix = (input: number): number => {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

const isCjk = (cp: number): boolean =>
  (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff);
const isLatin = (cp: number): boolean => cp >= 0x61 && cp <= 0x7a;
const isMarker = (cp: number): boolean => cp >= 0xe000 && cp <= 0xe0ff;

const SHAPE = 4;
const SHAPE_SEED = 0x7feb352d;
// 0 start/end, 1 CJK, 2 Latin, 3 marker, 4 space, 5 other ASCII, 6 anything else.
const charClass = (cp: number): number =>
  cp === START || cp === END
    ? 0
    : isCjk(cp)
      ? 1
      : isLatin(cp)
        ? 2
        : isMarker(cp)
          ? 3
          : cp === 0x20
            ? 4
            : cp < 0x80
              ? 5
              : 6;

const bucket = (fraction: number, steps: number): number => Math.min(steps, Math.floor(fraction * steps));

/**
 * A feature extractor with its own scratch space. Features, hashed into one table and counted once
 * each: character n-grams 1..maxNgram of the normalised text (with start and end marks), gapped
 * character pairs, 4-grams of character classes, and a few dense facts as indicators — length
 * class, share of CJK and Latin letters, number of markers (links, handles, numbers, invisible
 * marks), share of distinct characters, full-width and look-alike characters in the raw text.
 * Values are 1/√count, so every text's vector has unit length.
 */
export const spamFeatureExtractor = (options: SpamFeatureOptions) => {
  const mask = (1 << options.bits) - 1;
  const n = options.maxNgram;
  let codes = new Int32Array(256);
  let indices = new Int32Array(1024);
  let values = new Float32Array(1024);
  let distinct = new Int32Array(256);
  let table = new Int32Array(256);

  // Drops repeats from items[0..count), in place, keeping first occurrences; returns the new count.
  // A small open-addressing set that stays in cache, rather than a mark per weight.
  const keepFirst = (items: Int32Array, count: number): number => {
    let slots = 64;
    while (slots < count * 2) slots <<= 1;
    if (table.length < slots) table = new Int32Array(slots);
    table.fill(-1, 0, slots);
    const slotMask = slots - 1;
    let unique = 0;
    for (let i = 0; i < count; i++) {
      const x = items[i] as number;
      let s = Math.imul(x, 0x9e3779b1) >>> 0;
      for (;;) {
        s &= slotMask;
        const there = table[s] as number;
        if (there === -1) {
          table[s] = x;
          items[unique++] = x;
          break;
        }
        if (there === x) break;
        s++;
      }
    }
    return unique;
  };

  const extract = (text: string): SpamFeatures => {
    const norm = normalizeSpamText(text);
    // Code points with a start mark and an end mark.
    if (codes.length < norm.length + 2) codes = new Int32Array(norm.length * 2 + 2);
    let len = 0;
    codes[len++] = START;
    let cjk = 0;
    let latin = 0;
    let markers = 0;
    for (let i = 0; i < norm.length; i++) {
      let cp = norm.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < norm.length) {
        const low = norm.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      if (isCjk(cp)) cjk++;
      else if (isLatin(cp)) latin++;
      else if (isMarker(cp)) markers++;
      codes[len++] = cp;
    }
    codes[len++] = END;
    const chars = len - 2;
    const total = chars * (n + 2) + 16;
    if (indices.length < total) {
      indices = new Int32Array(total * 2);
      values = new Float32Array(total * 2);
    }
    let count = 0;
    for (let i = 0; i < len; i++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < n && i + k < len; k++) {
        h = Math.imul(h ^ (codes[i + k] as number), 0x01000193);
        // The lone start/end marks carry no information.
        if (k === 0 && (i === 0 || i === len - 1)) continue;
        indices[count++] = fmix(h ^ (k + 1)) & mask;
      }
    }
    // Gapped bigrams: obfuscation puts marks between the characters of 加微信.
    for (let i = 1; i + 2 < len; i++) {
      const h = Math.imul(
        Math.imul(0x2545f491 ^ (codes[i] as number), 0x01000193) ^ (codes[i + 2] as number),
        0x01000193,
      );
      indices[count++] = fmix(h) & mask;
    }
    if (distinct.length < chars) distinct = new Int32Array(chars * 2);
    distinct.set(codes.subarray(1, len - 1));
    const distinctChars = keepFirst(distinct, chars);
    const dense = [
      Math.min(10, Math.ceil(Math.log2(chars + 1))),
      chars === 0 ? 0 : bucket(cjk / chars, 4),
      chars === 0 ? 0 : bucket(latin / chars, 4),
      Math.min(4, markers),
      chars === 0 ? 0 : bucket(distinctChars / chars, 4),
      // Full-width and look-alike characters (𝕙, Ｔ, ，) vanish in NFKC; how many there were is a signal.
      Math.min(4, text.match(FANCY)?.length ?? 0),
    ];
    for (let d = 0; d < dense.length; d++) {
      indices[count++] = fmix(Math.imul(DENSE_SEED ^ d, 0x01000193) ^ ((dense[d] as number) + 1)) & mask;
    }
    // Shapes: 4-grams of character classes ("CJK, CJK, long number, CJK") generalise over the
    // ever-new characters that spam varies.
    for (let i = 0; i + SHAPE <= len; i++) {
      let h = SHAPE_SEED;
      for (let k = 0; k < SHAPE; k++) h = Math.imul(h ^ charClass(codes[i + k] as number), 0x01000193);
      indices[count++] = fmix(h) & mask;
    }
    // Presence, not counts: a repeated character says little more than one.
    count = keepFirst(indices, count);
    const value = 1 / Math.sqrt(count);
    values.fill(value, 0, count);
    return { indices, values, length: count };
  };
  return extract;
};
