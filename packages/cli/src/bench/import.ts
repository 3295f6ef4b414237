import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputSize } from '@qunzhu/importers';
import { importFile } from '@qunzhu/server';
import { type BenchFormat, generateExport } from './generate.js';
import { rawInsertRate } from './ingest.js';
import {
  BENCH_STORE_KINDS,
  type BenchStoreKind,
  benchStores,
  dropBenchCommunities,
  inScratch,
  openBenchStore,
} from './stores.js';

export type ImportBenchRow = {
  store: string;
  format: BenchFormat;
  bytes: number;
  events: number;
  eventsPerSec: number;
  rawRowsPerSec: number;
  ratio: number;
  rssBeforeMb: number;
  rssPeakMb: number;
};

/** Sample RSS while `work` runs; memory that stays flat shows as a peak close to the start. */
const withRssPeak = async <T>(work: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
};

/** `qunzhu bench import`: generated exports of each format through the whole import path. */
export const benchImport = async (
  formats: readonly BenchFormat[],
  bytes: number,
  print: (line: string) => void,
  parent: string = tmpdir(),
  stores: readonly BenchStoreKind[] = BENCH_STORE_KINDS,
): Promise<ImportBenchRow[]> => {
  return inScratch(parent, 'qunzhu-bench-import-', async (dir) => {
    const rows: ImportBenchRow[] = [];
    const exports = new Map<BenchFormat, string>();
    for (const format of formats) {
      const path = await generateExport(format, mkdtempSync(join(dir, `${format}-`)), bytes);
      exports.set(format, path);
      print(
        `generated ${format}: ${(inputSize(path) / 1e6).toFixed(0)} MB (the demo's real history repeated with fresh ids)`,
      );
    }
    for (const { label, location } of benchStores(dir, print, stores)) {
      const store = await openBenchStore(location);
      try {
        const raw = await rawInsertRate(store, 200_000);
        print(`${label}: raw batched insert ${Math.round(raw).toLocaleString('en')} rows/s (baseline of this run)`);
        for (const [format, path] of exports) {
          const community = await store.communities.create({ name: `bench-import-${format}-${Date.now()}` });
          let measured: { result: Awaited<ReturnType<typeof importFile>>; before: number; peak: number };
          try {
            measured = await withRssPeak(() =>
              importFile(store, path, { communityId: community.id, format, tz: 'UTC', platform: 'irc' }),
            );
          } catch (error) {
            // One format failing must not hide the others' figures.
            print(`${label.padEnd(18)} ${format.padEnd(13)} FAILED: ${(error as Error).message}`);
            continue;
          }
          const { result: summary, before, peak } = measured;
          const eventsPerSec = summary.inserted / (summary.ms / 1000);
          const row: ImportBenchRow = {
            store: label,
            format,
            bytes: summary.bytes,
            events: summary.inserted,
            eventsPerSec,
            rawRowsPerSec: raw,
            ratio: eventsPerSec / raw,
            rssBeforeMb: Math.round(before / 1e6),
            rssPeakMb: Math.round(peak / 1e6),
          };
          rows.push(row);
          print(
            `${label.padEnd(18)} ${format.padEnd(13)} ${(row.bytes / 1e6).toFixed(0).padStart(5)} MB · ${row.events.toLocaleString('en')} events · ` +
              `${Math.round(eventsPerSec).toLocaleString('en')} events/s · ratio ${row.ratio.toFixed(2)} (aim ≥ 0.5) · ` +
              `RSS ${row.rssBeforeMb} → peak ${row.rssPeakMb} MB during the import (aim < 300)` +
              (summary.rejected > 0 ? ` · ${summary.rejected} rejected` : ''),
          );
          await dropBenchCommunities(store, location, [community.id]);
        }
      } finally {
        await store.close();
      }
    }
    return rows;
  });
};
