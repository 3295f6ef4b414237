import type { Db } from '../drivers/db.js';
import { toDate } from './rows.js';

export type RuleSetVersion = {
  groupId: number;
  version: number;
  ruleSet: unknown;
  publishedAt: Date;
  publishedBy: number | null;
};

type Row = { group_id: number; version: number; rule_set: unknown; published_at: Date; published_by: number | null };
const fromRow = (r: Row): RuleSetVersion => ({
  groupId: Number(r.group_id),
  version: Number(r.version),
  ruleSet: r.rule_set,
  publishedAt: toDate(r.published_at),
  publishedBy: r.published_by === null ? null : Number(r.published_by),
});

/** Published versions of groups' rule sets; a version is never changed once published. */
export class RuleSetRepository {
  constructor(private readonly db: Db) {}

  /** Store the next version of the group's rule set (validated by the caller) and return it. */
  async publish(
    communityId: number,
    groupId: number,
    ruleSet: unknown,
    userId: number | null,
    at: Date,
  ): Promise<RuleSetVersion> {
    // Two publishes at once: the primary key makes the second fail rather than share a number.
    const { rows } = await this.db.query<Row>(
      `insert into rule_sets (community_id, group_id, version, rule_set, published_at, published_by)
       select $1, $2, coalesce(max(version), 0) + 1, $3::jsonb, $4, $5
         from rule_sets where community_id = $1 and group_id = $2
       returning *`,
      [communityId, groupId, JSON.stringify(ruleSet), at.toISOString(), userId],
    );
    const row = rows[0];
    if (!row) throw new Error('rule set was not stored');
    return fromRow(row);
  }

  /** The group's versions, newest first. */
  async list(communityId: number, groupId: number, limit = 100): Promise<RuleSetVersion[]> {
    const { rows } = await this.db.query<Row>(
      'select * from rule_sets where community_id = $1 and group_id = $2 order by version desc limit $3',
      [communityId, groupId, limit],
    );
    return rows.map(fromRow);
  }
}
