import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { QunzhuError } from '@qunzhu/core';
import iconv from 'iconv-lite';
import type { ByteCounter, ImportOptions } from '../types.js';

export type NumberedLine = { line: number; text: string };
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | 'latin1';

export const noCounter: ByteCounter = { add: () => {} };

/** The first `bytes` of a file. */
export const readHead = async (path: string, bytes = 64 * 1024): Promise<Buffer> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** The first bytes of a file's content: decompressed for `.gz`, so encodings are guessed from the text. */
export const readTextHead = async (path: string, bytes = 64 * 1024): Promise<Buffer> => {
  if (!path.endsWith('.gz')) return readHead(path, bytes);
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) break;
    }
  } catch {
    // A damaged .gz: whatever was read is enough to guess from; reading it later reports the damage.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
};

/** A file's bytes as they are read, counted; `.gz` files are decompressed (the count is of the file). */
export const openBytes = (path: string, counter: ByteCounter = noCounter): Readable => {
  const stream: ReadStream = createReadStream(path);
  stream.on('data', (chunk) => counter.add(chunk.length));
  return path.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
};

const validUtf8 = (head: Buffer): boolean => {
  // Ignore a multi-byte character cut off at the end of the sample.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back] as number;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
};

/** Guess a text encoding from the first bytes: BOMs first, then UTF-16 by its zero bytes, UTF-8 if valid, else GB18030. */
export const detectEncoding = (head: Buffer): TextEncoding => {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const sample = head.subarray(0, 4096);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (zeroOdd > sample.length / 8 && zeroEven === 0) return 'utf16le';
  if (zeroEven > sample.length / 8 && zeroOdd === 0) return 'utf16be';
  return validUtf8(head) ? 'utf8' : 'gb18030';
};

/** True for bytes no text export would contain (NULs outside UTF-16, many control characters). */
export const looksBinary = (head: Buffer): boolean => {
  const encoding = detectEncoding(head);
  if (encoding === 'utf16le' || encoding === 'utf16be') return false;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
};

/** Refuse binary input with a message a person can act on. */
export const assertText = (path: string, head: Buffer, what: string): void => {
  if (looksBinary(head)) throw new QunzhuError('bad_input', `${path}: this is a binary file, not ${what}`);
};

/** Decoded text of a file (UTF-8 strings), in the given or detected encoding; BOMs removed. */
export const openText = async (
  path: string,
  counter: ByteCounter = noCounter,
  encoding: ImportOptions['encoding'] = 'auto',
): Promise<Readable> => {
  const chosen: TextEncoding =
    encoding === 'auto' || encoding === undefined ? detectEncoding(await readHead(path)) : encoding;
  const bytes = openBytes(path, counter);
  if (chosen === 'utf8') {
    const out = new PassThrough({ encoding: 'utf8' });
    bytes.on('error', (e) => out.destroy(e));
    return bytes.pipe(out);
  }
  const decoded = iconv.decodeStream(chosen) as unknown as Transform;
  bytes.on('error', (e) => decoded.destroy(e));
  return bytes.pipe(decoded);
};

/** Lines of a text stream, numbered from 1; a leading BOM and CR line ends are dropped. */
export async function* readLines(input: Readable): AsyncGenerator<NumberedLine> {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of reader) {
    line += 1;
    yield { line, text: line === 1 ? raw.replace(/^\uFEFF/, '') : raw };
  }
}

/** Lines of a text file in any supported encoding. */
export async function* readTextLines(
  path: string,
  counter: ByteCounter = noCounter,
  encoding: ImportOptions['encoding'] = 'auto',
): AsyncGenerator<NumberedLine> {
  yield* readLines(await openText(path, counter, encoding));
}

/** Lines of a UTF-8 file (or `.gz`), without encoding detection. */
export const readFileLines = (path: string, counter: ByteCounter = noCounter): AsyncGenerator<NumberedLine> =>
  readLines(openBytes(path, counter).setEncoding('utf8'));

// PostgreSQL text cannot hold NUL; a hostile or broken export must not fail a whole batch for it.
export const clean = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);
