/** A result row as both drivers return it: column name to parsed value. */
export type SqlRow = Record<string, unknown>;

/**
 * The only thing the store needs from a database driver. Both backends run the very same statements,
 * written once with `$1` placeholders; JSON values are passed as text and cast with `::jsonb`.
 */
export interface SqlExecutor {
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` inside BEGIN/COMMIT, rolling back when it throws. */
  transaction<T>(fn: (executor: SqlExecutor) => Promise<T>): Promise<T>;
}
