import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type RootStore, type StoreLocation } from './store.js';

export type StoreKind = 'pglite' | 'postgres';
/** `location` opens the same store again (another process, for instance; not for in-memory PGlite). */
export type TestStore = RootStore & { location: StoreLocation; dispose(): Promise<void> };

/**
 * Which stores the contract suites run on. PostgreSQL comes from QUNZHU_TEST_DATABASE_URL (a
 * role that may create databases); under CI its absence is an error, never a silent skip.
 */
export const testStoreKinds = (): StoreKind[] => {
  const url = process.env.QUNZHU_TEST_DATABASE_URL;
  if (!url && process.env.CI) {
    throw new Error('CI is set but QUNZHU_TEST_DATABASE_URL is not: the PostgreSQL half of the tests cannot run');
  }
  return url ? ['pglite', 'postgres'] : ['pglite'];
};

/** A fresh, migrated store: in-memory PGlite, or a throwaway database on the test PostgreSQL. */
export const openTestStore = async (kind: StoreKind): Promise<TestStore> => {
  if (kind === 'pglite') {
    const location: StoreLocation = { memory: true };
    const store = await openStore(location);
    return Object.assign(store, { location, dispose: () => store.close() });
  }
  const adminUrl = process.env.QUNZHU_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('QUNZHU_TEST_DATABASE_URL is not set');
  const name = `qunzhu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const location: StoreLocation = { databaseUrl: url.toString() };
  const store = await openStore(location);
  return Object.assign(store, {
    location,
    async dispose() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  });
};
