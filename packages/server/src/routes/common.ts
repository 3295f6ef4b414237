import { z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import type { Principal } from '../auth/access.js';

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi('Error');

const err = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
/** The error responses every authenticated route can give. */
export const errorResponses = {
  400: err('Invalid input: the zod issues are in error.details'),
  401: err('Not logged in, or the token is unknown'),
  403: err('Logged in, but without the needed role'),
  404: err('No such thing in this community'),
};

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
export const jsonOk = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  200: { description, content: { 'application/json': { schema } } },
});

export const security = [{ session: [] }, { bearer: [] }];

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const communityParams = z.object({ communityId: id.openapi({ param: { name: 'communityId', in: 'path' } }) });
export const groupParams = communityParams.extend({ groupId: id.openapi({ param: { name: 'groupId', in: 'path' } }) });
export const memberParams = communityParams.extend({
  memberId: id.openapi({ param: { name: 'memberId', in: 'path' } }),
});

export const deps = (c: Context<AppEnv>): AppDeps => c.get('deps');

export const principal = (c: Context<AppEnv>): Principal => {
  const p = c.get('principal');
  if (!p) throw new QunzhuError('unauthenticated', 'log in, or send an API token as "Authorization: Bearer <token>"');
  return p;
};

/** Serialise a handler's result (Dates become ISO strings) as the route's documented response. */
export const ok = (c: Context, data: unknown, status: 200 | 201 = 200) => c.json(data as object, status) as never;

export const isoDate = z.string().openapi({ format: 'date-time' });
