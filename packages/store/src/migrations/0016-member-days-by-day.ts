// Member-days by day, as a block-range index: rows arrive in day order (a live community, or a chat
// export read from its start), so each range of pages holds a few days, and a report's last 90 days
// (member activity, layers, alerts) read only the pages of those days rather than the whole history.
// The index is a few pages for millions of rows, and costs ingest next to nothing.
export const name = 'member-days-by-day';
export const sql = /* sql */ `
create index member_days_by_day on member_days using brin (day) with (autosummarize = on);
`;
