import type { JsonObject } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { toDate } from './rows.js';

export type LedgerRowView = {
  id: number;
  groupId: number | null;
  memberId: number;
  memberName: string;
  play: string;
  kind: string;
  amount: number;
  data: JsonObject;
  at: Date;
};

export type LedgerFilter = {
  memberId?: number;
  groupId?: number;
  kinds?: readonly string[];
  from?: Date;
  to?: Date;
  /** Only entries whose data carries this key (check-ins with content: testimonials). */
  withData?: string;
  limit: number;
  /** Entries before this id (newest first paging). */
  beforeId?: number;
};

type Row = {
  id: number;
  group_id: number | null;
  member_id: number;
  member_name: string;
  play: string;
  kind: string;
  amount: string | number;
  data: JsonObject;
  at: Date;
};

/** Reads of the ledger for people: balances, ranks, testimonials, a member's history. */
export class EngagementRepository {
  constructor(private readonly db: Db) {}

  /** Entries, newest first, with the member's name. */
  async entries(communityId: number, f: LedgerFilter): Promise<LedgerRowView[]> {
    const { rows } = await this.db.query<Row>(
      `select l.id, l.group_id, l.member_id, m.display_name as member_name, l.play, l.kind, l.amount, l.data, l.at
         from ledger l join members m on m.community_id = l.community_id and m.id = l.member_id
        where l.community_id = $1
          and ($2::bigint is null or l.member_id = $2)
          and ($3::bigint is null or l.group_id = $3)
          and ($4::text[] is null or l.kind = any($4))
          and ($5::timestamptz is null or l.at >= $5)
          and ($6::timestamptz is null or l.at < $6)
          and ($7::text is null or l.data ? $7)
          and ($8::bigint is null or l.id < $8)
        order by l.at desc, l.id desc
        limit $9`,
      [
        communityId,
        f.memberId ?? null,
        f.groupId ?? null,
        f.kinds ? [...f.kinds] : null,
        f.from?.toISOString() ?? null,
        f.to?.toISOString() ?? null,
        f.withData ?? null,
        f.beforeId ?? null,
        f.limit,
      ],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      groupId: r.group_id === null ? null : Number(r.group_id),
      memberId: Number(r.member_id),
      memberName: r.member_name,
      play: r.play,
      kind: r.kind,
      amount: Number(r.amount),
      data: r.data,
      at: toDate(r.at),
    }));
  }

  /** Sums of amounts per kind for one member (points balance, check-ins, invites…). */
  async totals(communityId: number, memberId: number): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ kind: string; total: string | number }>(
      'select kind, total from ledger_balances where community_id = $1 and member_id = $2',
      [communityId, memberId],
    );
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.total)]));
  }

  /** Members ranked by the sum (points) or count (anything else) of entries of `kinds` in the span. */
  async rank(
    communityId: number,
    q: { kinds: readonly string[]; sum: boolean; from?: Date; to?: Date; groupId?: number; limit: number },
  ): Promise<{ memberId: number; name: string; value: number }[]> {
    const { rows } = await this.db.query<{ member_id: number; name: string; value: string | number }>(
      `select l.member_id, m.display_name as name, ${q.sum ? 'sum(l.amount)' : 'count(*)'} as value
         from ledger l join members m on m.community_id = l.community_id and m.id = l.member_id
        where l.community_id = $1 and l.kind = any($2)
          and ($3::timestamptz is null or l.at >= $3)
          and ($4::timestamptz is null or l.at < $4)
          and ($5::bigint is null or l.group_id = $5)
        group by l.member_id, m.display_name
       having ${q.sum ? 'sum(l.amount)' : 'count(*)'} > 0
        order by value desc, l.member_id
        limit $6`,
      [
        communityId,
        [...q.kinds],
        q.from?.toISOString() ?? null,
        q.to?.toISOString() ?? null,
        q.groupId ?? null,
        q.limit,
      ],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), name: r.name, value: Number(r.value) }));
  }
}
