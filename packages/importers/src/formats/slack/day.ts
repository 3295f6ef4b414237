import type { Readable } from 'node:stream';
import { QunzhuError } from '@qunzhu/core';
import type { ImportRecord } from '../../types.js';
import { type Destination, slackMessageToEvent } from './message.js';
import type { ExportTree } from './tree.js';

/** A day of one channel is read whole; past this it is refused rather than risk running out of memory. */
export const MAX_DAY_BYTES = 64 * 1024 * 1024;
const SHOWN = 500;

/** The line on which each element of a top-level JSON array starts (for text that JSON.parse accepted). */
export const elementLines = (text: string): number[] => {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '\n') line++;
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') continue;
    if (depth === 1 && expecting && c !== ']') {
      lines.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return lines;
};

/** All bytes of a stream, or null past `limit`; a failing stream becomes a bad_input a person can act on. */
const readWhole = async (input: Readable, where: string, limit: number): Promise<Buffer | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        input.destroy();
        return null;
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw new QunzhuError(
      'bad_input',
      `${where}: cannot be read (${(error as Error).message}); the export is damaged or cut short, download it again`,
      { cause: error },
    );
  }
  return Buffer.concat(chunks);
};

/** The messages of one day file (`<channel>/<YYYY-MM-DD>.json`), in the file's order. */
export async function* readDay(
  tree: ExportTree,
  file: string,
  names: ReadonlyMap<string, string>,
  to: Destination,
): AsyncGenerator<ImportRecord> {
  const where = tree.where(file);
  const bytes = await readWhole(await tree.open(file), tree.describe(file), MAX_DAY_BYTES);
  if (bytes === null) {
    const reason = `larger than ${MAX_DAY_BYTES / 1024 / 1024} MiB, more than one day of one channel can hold; skipped`;
    yield { ok: false, file: where, line: 1, text: '', reason };
    return;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let messages: unknown;
  try {
    messages = JSON.parse(text);
  } catch (error) {
    const reason = `not valid JSON (${(error as Error).message}); the day file is damaged, its messages are skipped`;
    yield { ok: false, file: where, line: 1, text: text.slice(0, SHOWN), reason };
    return;
  }
  if (!Array.isArray(messages)) {
    yield {
      ok: false,
      file: where,
      line: 1,
      text: text.slice(0, SHOWN),
      reason: 'a day file must hold a JSON array of messages',
    };
    return;
  }
  let lines: number[] | undefined;
  for (const [i, raw] of messages.entries()) {
    const result = slackMessageToEvent(raw, names, to);
    if (result.ok) {
      yield { ok: true, event: result.event };
      continue;
    }
    lines ??= elementLines(text);
    yield {
      ok: false,
      file: where,
      line: lines[i] ?? 1,
      text: JSON.stringify(raw).slice(0, SHOWN),
      reason: result.reason,
    };
  }
}
