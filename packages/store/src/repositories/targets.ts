import type { PlatformUser } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';

/** Turns Qunzhu's ids in an action's payload into the platform's: identities and message ids. */
export class ActionTargetRepository {
  constructor(private readonly db: Db) {}

  /** Each member's identity on `platform` (the most recently added one when there are several). */
  async identities(
    communityId: number,
    platform: string,
    memberIds: readonly number[],
  ): Promise<Map<number, PlatformUser>> {
    if (memberIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ member_id: number; platform_user_id: string; display_name: string }>(
      `select distinct on (member_id) member_id, platform_user_id, display_name
         from identities
        where community_id = $1 and platform = $2 and member_id = any($3::bigint[])
        order by member_id, created_at desc`,
      [communityId, platform, [...memberIds]],
    );
    return new Map(
      rows.map((r) => [Number(r.member_id), { platformUserId: r.platform_user_id, displayName: r.display_name }]),
    );
  }

  /** The source id of a stored event, which names the platform's message. */
  async eventSource(communityId: number, eventId: number): Promise<{ source: string; sourceId: string } | undefined> {
    const { rows } = await this.db.query<{ source: string; source_id: string }>(
      'select source, source_id from events where community_id = $1 and id = $2',
      [communityId, eventId],
    );
    const r = rows[0];
    return r && { source: r.source, sourceId: r.source_id };
  }
}
