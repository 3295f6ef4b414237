import { isQunzhuError, type QunzhuErrorCode } from '@qunzhu/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one place where error codes become HTTP statuses. */
export const httpStatus: Record<QunzhuErrorCode, ContentfulStatusCode> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  data_locked: 503,
  store_unavailable: 503,
  unsupported: 501,
  internal: 500,
};

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** Errors become `{error: {code, message}}`; unexpected ones are logged, never shown. */
export const errorResponse = (c: Context, error: unknown, log: (e: unknown) => void) => {
  if (isQunzhuError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return c.json(body, httpStatus[error.code]);
  }
  log(error);
  return c.json(
    { error: { code: 'internal', message: 'internal error; see the server log' } } satisfies ErrorBody,
    500,
  );
};
