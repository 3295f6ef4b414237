// The member-days with a join or a leave, with both counts in the index: members(t) needs, for each
// day a member left a group, the joins and leaves of that member's day across the community's
// groups. Read from this index alone, in member and day order, that is one pass over a few entries
// per member (tens of thousands for 10M messages) instead of a lookup of every such day's rows
// (which, on a cold cache, took most of a second). It replaces the index of days with leaves, which
// it covers.
export const name = 'member-days-moves';
export const sql = /* sql */ `
create index member_days_moves on member_days (community_id, member_id, day) include (joins, leaves)
  where joins > 0 or leaves > 0;
drop index member_days_leaves;
`;
