// Balances kept beside the ledger: one row per member and kind with the sum of its entries' amounts.
// The ledger stays the record (entries are appended, never updated); this is its running sum, kept by
// triggers in the statement that appends or deletes entries, whichever path writes them (plays,
// rewards, stewards' adjustments, cascades), so it cannot drift. Reading a balance was a sum over
// every entry of the member: on the live path, a batch's members' balances took one pass over all
// their history, which grew with every message they were ever awarded points for.
export const name = 'ledger-balances';
export const sql = /* sql */ `
create table ledger_balances (
  community_id bigint not null,
  member_id bigint not null,
  kind text not null,
  total numeric not null,
  primary key (community_id, member_id, kind),
  foreign key (community_id, member_id) references members (community_id, id) on delete cascade
);

-- Stores with entries already: their balances.
insert into ledger_balances (community_id, member_id, kind, total)
select community_id, member_id, kind, sum(amount) from ledger group by community_id, member_id, kind;

create function ledger_balances_added() returns trigger language plpgsql as $$
begin
  insert into ledger_balances (community_id, member_id, kind, total)
  select community_id, member_id, kind, sum(amount) from added group by community_id, member_id, kind
  on conflict (community_id, member_id, kind) do update set total = ledger_balances.total + excluded.total;
  return null;
end
$$;

create function ledger_balances_removed() returns trigger language plpgsql as $$
begin
  -- A cascade may have deleted the balance rows first: then there is nothing left to take from.
  update ledger_balances b set total = b.total - r.total
    from (select community_id, member_id, kind, sum(amount) as total from removed
           group by community_id, member_id, kind) r
   where b.community_id = r.community_id and b.member_id = r.member_id and b.kind = r.kind;
  return null;
end
$$;

create trigger ledger_balances_added after insert on ledger
  referencing new table as added for each statement execute function ledger_balances_added();
create trigger ledger_balances_removed after delete on ledger
  referencing old table as removed for each statement execute function ledger_balances_removed();
`;
