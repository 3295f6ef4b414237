import type { Db } from '../drivers/db.js';

/** Rollups per (group, member, day) and (group, day), in the community's time zone. */
export class RollupRepository {
  constructor(private readonly db: Db) {}

  /** Recompute a community's rollups from its events (after a change of time zone, or a repair). */
  async rebuild(communityId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('delete from member_days where community_id = $1', [communityId]);
      await tx.query('delete from group_days where community_id = $1', [communityId]);
      await tx.query(
        `insert into member_days (community_id, group_id, member_id, day, messages, joins, leaves, events)
         select e.community_id, e.group_id, e.member_id, (e.at at time zone c.timezone)::date,
                count(*) filter (where e.type = 'message'), count(*) filter (where e.type = 'join'),
                count(*) filter (where e.type = 'leave'), count(*)
         from events e join communities c on c.id = e.community_id
         where e.community_id = $1 group by 1, 2, 3, 4`,
        [communityId],
      );
      await tx.query(
        `insert into group_days (community_id, group_id, day, messages, joins, leaves, events)
         select community_id, group_id, day, sum(messages), sum(joins), sum(leaves), sum(events)
         from member_days where community_id = $1 group by 1, 2, 3`,
        [communityId],
      );
    });
  }
}
