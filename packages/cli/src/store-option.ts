import { resolve } from 'node:path';
import { openStore, type RootStore, redactUrl, type StoreLocation } from '@qunzhu/store';
import type { Command } from 'commander';

export type StoreFlags = { data?: string };

/** Every command takes --data DIR (or QUNZHU_DATA); DATABASE_URL, when set, wins over both. */
export const withStoreOption = (command: Command): Command =>
  command.option('--data <dir>', 'data folder of the embedded store (env QUNZHU_DATA; default ./.qunzhu)');

export const storeLocation = (flags: StoreFlags): StoreLocation => {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { databaseUrl: url };
  return { dataDir: resolve(flags.data ?? process.env.QUNZHU_DATA ?? '.qunzhu') };
};

export const describeLocation = (location: StoreLocation): string =>
  'databaseUrl' in location
    ? `PostgreSQL ${redactUrl(location.databaseUrl)}`
    : 'dataDir' in location
      ? `embedded store in ${location.dataDir}`
      : 'in-memory store';

export const withStore = async <T>(flags: StoreFlags, fn: (store: RootStore) => Promise<T>): Promise<T> => {
  const store = await openStore(storeLocation(flags));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};
