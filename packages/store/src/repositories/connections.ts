import type { ConnectionState, ConnectionStatus, JsonObject, PlatformUser } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate } from './rows.js';

/** A community's configured connection to one platform, with its last known state. */
export type StoredConnection = {
  communityId: number;
  platform: string;
  /** The platform's settings as configured, secrets included: never hand these to a client. */
  settings: JsonObject;
  state: ConnectionState | null;
  updatedAt: Date;
};

type ConnectionRow = {
  community_id: number;
  platform: string;
  settings: JsonObject;
  status: ConnectionStatus;
  status_detail: string | null;
  account: PlatformUser | null;
  status_at: Date | null;
  updated_at: Date;
};
const fromRow = (r: ConnectionRow): StoredConnection => ({
  communityId: Number(r.community_id),
  platform: r.platform,
  settings: r.settings,
  state:
    r.status_at === null
      ? null
      : {
          status: r.status,
          at: toDate(r.status_at),
          ...(r.account ? { account: r.account } : {}),
          ...(r.status_detail ? { detail: r.status_detail } : {}),
        },
  updatedAt: toDate(r.updated_at),
});

/** Configured platform connections, one per platform per community. */
export class ConnectionRepository {
  constructor(private readonly db: Db) {}

  /** Every configured connection (all communities when none is given). */
  async list(communityId?: number): Promise<StoredConnection[]> {
    const { rows } = await this.db.query<ConnectionRow>(
      'select * from connections where ($1::bigint is null or community_id = $1) order by community_id, platform',
      [communityId ?? null],
    );
    return rows.map(fromRow);
  }

  async get(communityId: number, platform: string): Promise<StoredConnection | undefined> {
    const { rows } = await this.db.query<ConnectionRow>(
      'select * from connections where community_id = $1 and platform = $2',
      [communityId, platform],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /** Create or replace a connection's settings; its state starts over. */
  async put(
    communityId: number,
    platform: string,
    settings: JsonObject,
    userId: number | null,
  ): Promise<StoredConnection> {
    const { rows } = await this.db.query<ConnectionRow>(
      `insert into connections (community_id, platform, settings, updated_by) values ($1, $2, $3::jsonb, $4)
       on conflict (community_id, platform) do update
         set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now(),
             status = 'disconnected', status_detail = null, account = null, status_at = null
       returning *`,
      [communityId, platform, JSON.stringify(settings), userId],
    );
    return fromRow(rows[0] as ConnectionRow);
  }

  async delete(communityId: number, platform: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'delete from connections where community_id = $1 and platform = $2 returning 1',
      [communityId, platform],
    );
    return rows.length > 0;
  }

  async setState(communityId: number, platform: string, state: ConnectionState): Promise<void> {
    await this.db.query(
      `update connections set status = $3, status_detail = $4, account = $5::jsonb, status_at = $6
        where community_id = $1 and platform = $2`,
      [
        communityId,
        platform,
        state.status,
        state.detail ?? null,
        state.account ? JSON.stringify(state.account) : null,
        state.at.toISOString(),
      ],
    );
  }
}
