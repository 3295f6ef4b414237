/**
 * Stable error codes. Each edge (HTTP, CLI, chat) maps a code to its own status in exactly one place.
 */
export type QunzhuErrorCode =
  | 'bad_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'data_locked'
  | 'store_unavailable'
  | 'unsupported'
  | 'internal';

export class QunzhuError<Code extends QunzhuErrorCode = QunzhuErrorCode> extends Error {
  override readonly name = 'QunzhuError';
  readonly code: Code;
  /** Structured detail safe to show a client (zod issues, the line that failed…). */
  readonly details: unknown;

  constructor(code: Code, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

export const isQunzhuError = (error: unknown): error is QunzhuError => error instanceof QunzhuError;
