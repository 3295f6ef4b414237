import type { Db } from '../drivers/db.js';
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-rollups.js';
import * as m0003 from './0003-summary-rollups.js';
import * as m0004 from './0004-plays-state.js';
import * as m0006 from './0006-rule-sets.js';
import * as m0007 from './0007-connections.js';
import * as m0008 from './0008-rewards.js';
import * as m0009 from './0009-member-tags.js';
import * as m0010 from './0010-live-codes.js';
import * as m0011 from './0011-campaigns.js';
import * as m0012 from './0012-segments.js';
import * as m0013 from './0013-member-totals.js';
import * as m0014 from './0014-first-seen-weeks.js';
import * as m0015 from './0015-group-members-in.js';
import * as m0016 from './0016-member-days-by-day.js';
import * as m0017 from './0017-member-days-moves.js';
import * as m0018 from './0018-ledger-balances.js';

type Migration = { version: number; name: string; sql: string };

/** Versioned migrations, applied in order, each in its own transaction. Never edit a shipped one. */
export const migrations: readonly Migration[] = [
  { version: 1, ...m0001 },
  { version: 2, ...m0002 },
  { version: 3, ...m0003 },
  { version: 4, ...m0004 },
  { version: 6, ...m0006 },
  { version: 7, ...m0007 },
  { version: 8, ...m0008 },
  { version: 9, ...m0009 },
  { version: 10, ...m0010 },
  { version: 11, ...m0011 },
  { version: 12, ...m0012 },
  { version: 13, ...m0013 },
  { version: 14, ...m0014 },
  { version: 15, ...m0015 },
  { version: 16, ...m0016 },
  { version: 17, ...m0017 },
  { version: 18, ...m0018 },
];

export const migrate = async (db: Db): Promise<{ applied: number[] }> => {
  await db.query(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Several servers starting at once on one PostgreSQL: one migrates, the others wait.
      await tx.query('select pg_advisory_xact_lock(7243011)');
      const { rows } = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return { applied };
};
