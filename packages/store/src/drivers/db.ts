export type Row = Record<string, unknown>;
export type QueryResult<T> = { rows: T[]; rowCount: number };

/** The one thing repositories talk to: parameterised PostgreSQL, same dialect on both drivers. */
export type Db = {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Run a script of several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Run `fn` in one transaction; inside a transaction this joins the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Run `fn` over up to `connections` read-only transactions that all see one snapshot, so that
   * independent reads (a report's queries) can run at once and still agree. A single-connection
   * driver (PGlite), or a call inside a transaction, gives one.
   */
  readSnapshot<T>(connections: number, fn: (dbs: readonly Db[]) => Promise<T>): Promise<T>;
};

export type DriverKind = 'pglite' | 'postgres';

export type Driver = Db & {
  readonly kind: DriverKind;
  /** Where the data lives, for messages: a folder or a redacted URL. */
  readonly location: string;
  close(): Promise<void>;
};
