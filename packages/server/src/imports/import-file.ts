import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { type EventInput, QunzhuError } from '@qunzhu/core';
import { parseJsonl, readFileLines } from '@qunzhu/importers';
import type { Store } from '@qunzhu/store';

export type ImportOptions = {
  communityId: number;
  /** Platform for users and groups of lines that name none. */
  platform: string;
  /** Keep going past malformed lines, writing them with reasons to `rejectsPath`. */
  skipInvalid?: boolean;
  rejectsPath?: string;
  batchSize?: number;
  onProgress?: (progress: { lines: number; inserted: number; duplicates: number; rejected: number }) => void;
};

export type ImportSummary = {
  file: string;
  lines: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejectsFile: string | null;
  ms: number;
};

/**
 * Import a Qunzhu JSONL file in one transaction, streamed in batches: a malformed line (strict
 * mode) or any failure leaves nothing of the file stored.
 */
export const importJsonlFile = async (store: Store, path: string, options: ImportOptions): Promise<ImportSummary> => {
  if (!existsSync(path) || !statSync(path).isFile()) throw new QunzhuError('bad_input', `${path}: no such file`);
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const rejectsPath = options.skipInvalid ? (options.rejectsPath ?? `${path}.rejected.jsonl`) : null;
  const rejects = rejectsPath ? createWriteStream(rejectsPath) : null;
  const summary = { lines: 0, inserted: 0, duplicates: 0, rejected: 0 };
  try {
    await store.transaction(async (tx) => {
      const session = tx.ingestSession(options.communityId);
      let batch: EventInput[] = [];
      // One batch goes to the database while the next is parsed: with PostgreSQL in another
      // process the two overlap. Errors surface at the next flush, before anything commits.
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async () => {
        await inFlight;
        if (batch.length === 0) return;
        const sending = batch;
        batch = [];
        inFlight = session.add(sending, { events: false }).then((result) => {
          summary.inserted += result.inserted;
          summary.duplicates += result.duplicates;
          options.onProgress?.(summary);
        });
        inFlight.catch(() => {}); // awaited at the next flush; avoid an unhandled rejection meanwhile
      };
      for await (const record of parseJsonl(readFileLines(path), { platform: options.platform })) {
        summary.lines = record.line;
        if (!record.ok) {
          if (!rejects) {
            await inFlight.catch(() => {});
            throw new QunzhuError('bad_input', `${path}:${record.line}: ${record.reason}`);
          }
          summary.rejected += 1;
          if (!rejects.write(`${JSON.stringify({ line: record.line, reason: record.reason, text: record.text })}\n`)) {
            await once(rejects, 'drain');
          }
          continue;
        }
        batch.push(record.event);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await inFlight;
      await session.finish();
    });
  } finally {
    if (rejects) {
      rejects.end();
      await once(rejects, 'finish');
    }
  }
  return { file: path, ...summary, rejectsFile: rejectsPath, ms: Math.round(performance.now() - started) };
};
