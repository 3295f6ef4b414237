import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { QunzhuError } from '@qunzhu/core';
import { openStore, ROLLUP_TABLES, type RootStore, type StoreLocation } from '@qunzhu/store';

/** Run a benchmark in a throwaway folder under `parent` (never the operator's own store), removed afterwards. */
export const inScratch = async <T>(parent: string, prefix: string, work: (dir: string) => Promise<T>): Promise<T> => {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export type BenchStore = { label: string; location: StoreLocation };

/** The stores a benchmark can measure (`--stores`): the embedded one, and PostgreSQL at DATABASE_URL. */
export const BENCH_STORE_KINDS = ['embedded', 'postgres'] as const;
export type BenchStoreKind = (typeof BENCH_STORE_KINDS)[number];

/** `--stores embedded,postgres` as a list; a name that is not a store is refused by name. */
export const parseBenchStores = (list: string): BenchStoreKind[] => {
  const kinds = list
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of kinds) {
    if (!(BENCH_STORE_KINDS as readonly string[]).includes(k))
      throw new QunzhuError('bad_input', `--stores: "${k}" is not one of ${BENCH_STORE_KINDS.join(', ')}`);
  }
  if (kinds.length === 0)
    throw new QunzhuError('bad_input', `--stores: name at least one of ${BENCH_STORE_KINDS.join(', ')}`);
  // Refused before any work, rather than after generating what the benchmark would have measured.
  if (!kinds.includes('embedded') && !process.env.DATABASE_URL?.trim()) throw noDatabaseUrl();
  return kinds as BenchStoreKind[];
};

const noDatabaseUrl = () =>
  new QunzhuError('bad_input', '--stores postgres: set DATABASE_URL to the PostgreSQL to measure');

/**
 * The stores a benchmark measures: a fresh embedded one in `dir`, then PostgreSQL when DATABASE_URL is
 * set. Asked for PostgreSQL alone, a missing DATABASE_URL is an error rather than nothing measured.
 */
export const benchStores = (
  dir: string,
  print: (line: string) => void,
  kinds: readonly BenchStoreKind[] = BENCH_STORE_KINDS,
): BenchStore[] => {
  const stores: BenchStore[] = [];
  if (kinds.includes('embedded')) stores.push({ label: 'embedded (PGlite)', location: { dataDir: join(dir, 'data') } });
  if (!kinds.includes('postgres')) return stores;
  const url = process.env.DATABASE_URL?.trim();
  if (url) stores.push({ label: 'PostgreSQL', location: { databaseUrl: url } });
  else if (stores.length === 0) throw noDatabaseUrl();
  else print('DATABASE_URL is not set: PostgreSQL not measured');
  return stores;
};

/**
 * Create and migrate an embedded store in a child process. PGlite's first creation of a cluster
 * (its initdb) peaks near 0.8 GB, and a process keeps that memory; opening an existing cluster
 * costs about a third. Benchmarks measure the import, not the one-off creation.
 */
const prepareEmbeddedStore = (dataDir: string): void => {
  const store = import.meta.resolve('@qunzhu/store');
  const script = `const { openStore } = await import(${JSON.stringify(store)});
const s = await openStore({ dataDir: ${JSON.stringify(dataDir)} });
await s.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
};

/** Open a benchmark's store; an embedded cluster is created first, in a child process. */
export const openBenchStore = (location: StoreLocation): Promise<RootStore> => {
  if ('dataDir' in location) prepareEmbeddedStore(location.dataDir);
  return openStore(location);
};

/**
 * The tables a benchmark fills, emptied of its communities in one statement each before the
 * communities go: a cascade from the community deletes a member's or a group's rows one at a time,
 * which for millions of events takes many minutes. Rollups have no foreign key to their community.
 */
const BULK = [
  'events',
  // Before the ledger, whose delete trigger would otherwise take every entry off its balance first.
  'ledger_balances',
  'ledger',
  'actions',
  'play_memory',
  'timers',
  'member_tags',
  'group_members',
  'identities',
  ...ROLLUP_TABLES,
];

/** Remove benchmark communities and everything of theirs. */
export const dropCommunitiesNow = async (store: RootStore, ids: readonly number[]) => {
  for (const table of BULK)
    await store.db.query(`delete from ${table} where community_id = any($1::bigint[])`, [[...ids]]);
  await store.db.query('delete from communities where id = any($1::bigint[])', [[...ids]]);
};

/** On PostgreSQL, remove a benchmark's communities (their events with them); an embedded store goes whole. */
export const dropBenchCommunities = async (store: RootStore, location: StoreLocation, ids: readonly number[]) => {
  if ('databaseUrl' in location) await dropCommunitiesNow(store, ids);
};
