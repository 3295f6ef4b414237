import { isQunzhuError, type QunzhuErrorCode } from '@qunzhu/core';
import { CommanderError } from 'commander';

/** Documented exit codes: 0 ok, 1 runtime failure, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The one place where error codes become exit codes. */
const exitCodeOf: Record<QunzhuErrorCode, number> = {
  bad_input: EXIT.usage,
  not_found: EXIT.usage,
  conflict: EXIT.usage,
  unauthenticated: EXIT.usage,
  forbidden: EXIT.usage,
  unsupported: EXIT.usage,
  rate_limited: EXIT.failure,
  data_locked: EXIT.failure,
  store_unavailable: EXIT.failure,
  internal: EXIT.failure,
};

/** Print an error a person can act on (no stack unless QUNZHU_DEBUG) and give its exit code. */
export const reportError = (error: unknown): number => {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (isQunzhuError(error)) {
    process.stderr.write(`qunzhu: ${error.message}\n`);
    return exitCodeOf[error.code];
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
    process.stderr.write(`qunzhu: cannot reach PostgreSQL at DATABASE_URL: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`qunzhu: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.QUNZHU_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.failure;
};
