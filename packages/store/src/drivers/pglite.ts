import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { Db, Driver, Row } from './db.js';
import { lockDataDir } from './lock.js';

// bigint ids and counts fit in a double for any community this will ever hold.
const parsers = { [types.INT8]: (value: string) => Number(value) };

const wrap = (conn: PGlite | Transaction, inTransaction: boolean): Db => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    const result = await conn.query<T>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
  async exec(sql: string) {
    await conn.exec(sql);
  },
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (inTransaction) return fn(this);
    return (conn as PGlite).transaction((tx) => fn(wrap(tx, true)));
  },
  readSnapshot<T>(_connections: number, fn: (dbs: readonly Db[]) => Promise<T>): Promise<T> {
    // One connection: one transaction is the snapshot.
    return this.transaction(async (tx) => {
      await tx.query('set transaction read only');
      return fn([tx]);
    });
  },
});

/** Embedded PostgreSQL (PGlite, WASM) in a data folder; `memory` for tests and benchmarks. */
export const openPglite = async (dir: string | 'memory'): Promise<Driver> => {
  let unlock = () => {};
  let db: PGlite;
  if (dir === 'memory') {
    db = await PGlite.create({ parsers });
  } else {
    const path = resolve(dir);
    mkdirSync(path, { recursive: true });
    unlock = lockDataDir(path);
    try {
      db = await PGlite.create({ dataDir: resolve(path, 'pgdata'), parsers });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  return {
    ...wrap(db, false),
    kind: 'pglite',
    location: dir === 'memory' ? 'memory' : resolve(dir),
    async close() {
      await db.close();
      unlock();
    },
  };
};
