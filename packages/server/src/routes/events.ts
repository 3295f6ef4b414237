import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type EventInput, QunzhuError } from '@qunzhu/core';
import { DerivedIds, jsonlRecordToEvent } from '@qunzhu/importers';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import { communityParams, deps, errorResponses, jsonBody, jsonOk, ok, principal, security } from './common.js';

export const MAX_BATCH = 5000;

export const eventRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/events',
      tags: ['events'],
      summary:
        'Ingest a batch of events in the Qunzhu JSONL record shape (docs/jsonl.md), all or nothing. ' +
        'With live=true the plays run over the new events, as for a connected platform (admin)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z.object({
            events: z.array(z.unknown()).min(1).max(MAX_BATCH),
            platform: z
              .string()
              .regex(/^[a-z][a-z0-9_-]{0,31}$/)
              .default('import'),
            live: z.boolean().default(false),
          }),
        ),
      },
      responses: {
        ...jsonOk(z.object({ inserted: z.number(), duplicates: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      const ids = new DerivedIds();
      const events: EventInput[] = [];
      const rejected: { index: number; reason: string }[] = [];
      body.events.forEach((record, index) => {
        const result = jsonlRecordToEvent(record, { platform: body.platform }, ids);
        if (result.ok) events.push(result.event);
        else rejected.push({ index, reason: result.reason });
      });
      if (rejected.length > 0) {
        const first = rejected[0];
        throw new QunzhuError(
          'bad_input',
          `${rejected.length} of ${body.events.length} events are invalid; nothing was stored. First: events[${first?.index}]: ${first?.reason}`,
          { details: rejected.slice(0, 100) },
        );
      }
      const result = body.live
        ? await d.runtime.ingestLive(communityId, events)
        : await d.store.ingest(communityId, events);
      return ok(c, { inserted: result.inserted, duplicates: result.duplicates });
    },
  );
};
