import pg from 'pg';
import type { Db, Driver, Row } from './db.js';

// bigint (int8) and numeric as JS numbers: ids and counts stay far below 2^53.
const typeParsers = {
  getTypeParser: (oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

type Queryable = pg.Pool | pg.PoolClient;

const wrap = (conn: Queryable, pool: pg.Pool | null): Db => {
  // One client runs one statement at a time: statements asked for at once (a Promise.all in a play)
  // wait their turn here rather than in pg's own deprecated queue.
  let turn: Promise<unknown> = Promise.resolve();
  // No parameters (a migration's script): the simple protocol, which runs several statements.
  const send = <T extends Row>(sql: string, params?: readonly unknown[]) =>
    params ? conn.query<T>(sql, params as unknown[]) : conn.query<T>(sql);
  const run = <T extends Row>(sql: string, params?: readonly unknown[]) => {
    if (pool) return send<T>(sql, params);
    const mine = turn.then(() => send<T>(sql, params));
    turn = mine.catch(() => {});
    return mine;
  };
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await run<T>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await run(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (!pool) return fn(this);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client, null));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async readSnapshot<T>(connections: number, fn: (dbs: readonly Db[]) => Promise<T>): Promise<T> {
      if (!pool || connections <= 1) return this.transaction(async (tx) => fn([tx]));
      const clients: pg.PoolClient[] = [];
      try {
        const first = await pool.connect();
        clients.push(first);
        await first.query('begin transaction isolation level repeatable read read only');
        const { rows } = await first.query<{ id: string }>('select pg_export_snapshot() as id');
        const snapshot = rows[0]?.id ?? '';
        // The others join the first one's snapshot; a pool smaller than asked gives fewer.
        const more = Math.min(connections, Math.max(1, pool.options.max ?? 10) - 1) - 1;
        for (let i = 0; i < more; i++) {
          const client = await pool.connect();
          clients.push(client);
          await client.query('begin transaction isolation level repeatable read read only');
          await client.query(`set transaction snapshot '${snapshot.replace(/'/g, "''")}'`);
        }
        const result = await fn(clients.map((c) => wrap(c, null)));
        for (const c of clients) await c.query('commit');
        return result;
      } catch (error) {
        for (const c of clients) await c.query('rollback').catch(() => {});
        throw error;
      } finally {
        for (const c of clients) c.release();
      }
    },
  };
};

export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
};

/** PostgreSQL by URL, through a pool. */
export const openPostgres = async (url: string, options: { max?: number } = {}): Promise<Driver> => {
  const pool = new pg.Pool({ connectionString: url, types: typeParsers, max: options.max ?? 10 });
  // Idle clients can error when the server restarts; without a listener that would crash the process.
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();
  return { ...wrap(pool, pool), kind: 'postgres', location: redactUrl(url), close: () => pool.end() };
};
