import { z } from 'zod';
import { QunzhuError } from '../errors.js';

/** Thresholds come from operators' settings: parse them, and say which field is wrong when one is. */
export const parseOptions = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new QunzhuError('bad_input', `Invalid ${what}: ${z.prettifyError(result.error)}`, {
      details: result.error.issues,
    });
  }
  return result.data;
};
