import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type EventInput, isQunzhuError, QunzhuError } from '@qunzhu/core';
import {
  type CsvMapping,
  checkTimeZone,
  detectImporter,
  type ImportFormat,
  inputSize,
  type ImportOptions as ReadOptions,
} from '@qunzhu/importers';
import type { Store } from '@qunzhu/store';

export type ImportProgress = {
  bytes: number;
  totalBytes: number;
  events: number;
  rejected: number;
  elapsedMs: number;
};

export type ImportOptions = {
  communityId: number;
  /** The export's format; detected from the content when not given. */
  format?: ImportFormat;
  /** Zone for timestamps without an offset (default UTC). */
  tz?: string;
  /** Put everything in this group (by name), whatever the export says. */
  group?: string;
  /** Platform of users and groups for formats that imply none (jsonl, csv). */
  platform?: string;
  csvMapping?: CsvMapping;
  encoding?: ReadOptions['encoding'];
  /** Keep going past malformed records, writing them with reasons to `rejectsPath`. */
  skipInvalid?: boolean;
  rejectsPath?: string;
  /** Parse and report without storing anything. */
  dryRun?: boolean;
  batchSize?: number;
  /** Called at most every `progressMs` while reading, and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  progressMs?: number;
};

export type ImportSummary = {
  file: string;
  format: ImportFormat;
  /** Records read as events (new + duplicate, or what would be stored in a dry run). */
  events: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejectsFile: string | null;
  dryRun: boolean;
  bytes: number;
  ms: number;
};

/**
 * Import one export (file or folder) in one transaction, streamed in batches: the first malformed
 * record (strict mode) or any failure leaves nothing of it stored. Memory stays flat: records are
 * parsed as the file is read, and each batch goes to the store while the next is parsed.
 */
export const importFile = async (store: Store, path: string, options: ImportOptions): Promise<ImportSummary> => {
  const started = performance.now();
  const tz = options.tz ?? 'UTC';
  checkTimeZone(tz);
  const { importer, probe } = await detectImporter(path, options.format);
  const totalBytes = inputSize(path);
  let bytes = 0;
  const progress = { events: 0, rejected: 0 };
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < (options.progressMs ?? 250))) return;
    lastReport = now;
    options.onProgress({ bytes, totalBytes, ...progress, elapsedMs: Math.round(now - started) });
  };
  const source = {
    path,
    isDirectory: probe.isDirectory,
    size: totalBytes,
    counter: {
      add: (n: number) => {
        bytes += n;
      },
    },
  };
  const readOptions: ReadOptions = {
    tz,
    ...(options.group ? { group: options.group } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.csvMapping ? { csvMapping: options.csvMapping } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  };
  const rejectsPath = options.skipInvalid ? (options.rejectsPath ?? `${path.replace(/\/$/, '')}.rejected.jsonl`) : null;
  const rejects = rejectsPath ? createWriteStream(rejectsPath) : null;
  const stored = { inserted: 0, duplicates: 0 };

  /** Read every record, handing batches of events to `sink`; rejects are written or thrown. */
  const readAll = async (sink: (batch: EventInput[]) => Promise<void>) => {
    const batchSize = options.batchSize ?? 2000;
    let batch: EventInput[] = [];
    try {
      for await (const record of importer.read(source, readOptions)) {
        if (record.ok) {
          progress.events += 1;
          batch.push(record.event);
          if (batch.length >= batchSize) {
            await sink(batch);
            batch = [];
          }
        } else {
          if (!rejects) throw new QunzhuError('bad_input', `${record.file}:${record.line}: ${record.reason}`);
          progress.rejected += 1;
          const line = `${JSON.stringify({ file: record.file, line: record.line, reason: record.reason, text: record.text })}\n`;
          if (!rejects.write(line)) await once(rejects, 'drain');
        }
        report();
      }
    } catch (error) {
      if (isQunzhuError(error)) throw error;
      // An importer's bug or a stream failure on odd input: say where, not how.
      throw new QunzhuError(
        'bad_input',
        `${path}: could not be read as ${importer.title}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (batch.length > 0) await sink(batch);
  };

  try {
    if (options.dryRun) {
      await readAll(async () => {});
    } else {
      await store.transaction(async (tx) => {
        const session = tx.ingestSession(options.communityId);
        // One batch goes to the database while the next is parsed: with PostgreSQL in another
        // process the two overlap. A failure surfaces at the next hand-over, before anything commits.
        let inFlight: Promise<void> = Promise.resolve();
        await readAll(async (batch) => {
          await inFlight;
          inFlight = session.add(batch, { events: false }).then((r) => {
            stored.inserted += r.inserted;
            stored.duplicates += r.duplicates;
          });
          inFlight.catch(() => {});
        });
        await inFlight;
        await session.finish();
      });
    }
  } finally {
    if (rejects) {
      rejects.end();
      await once(rejects, 'finish');
    }
  }
  report(true);
  return {
    file: path,
    format: importer.format,
    events: progress.events,
    inserted: stored.inserted,
    duplicates: stored.duplicates,
    rejected: progress.rejected,
    rejectsFile: rejectsPath,
    dryRun: options.dryRun ?? false,
    bytes: totalBytes,
    ms: Math.round(performance.now() - started),
  };
};
