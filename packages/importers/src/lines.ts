import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type NumberedLine = { line: number; text: string };

/** Lines of a stream with 1-based numbers; a leading BOM and CR line ends are dropped. */
export async function* readLines(input: Readable): AsyncGenerator<NumberedLine> {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of reader) {
    line += 1;
    yield { line, text: line === 1 ? raw.replace(/^\uFEFF/, '') : raw };
  }
}

/** Lines of a file; `.gz` files are decompressed as they are read. */
export const readFileLines = (path: string): AsyncGenerator<NumberedLine> => {
  const stream = createReadStream(path);
  return readLines(path.endsWith('.gz') ? stream.pipe(createGunzip()) : stream);
};
