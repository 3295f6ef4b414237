import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import { IMPORT_FORMATS, parseCsvMapping } from '@qunzhu/importers';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import { communityParams, deps, errorResponses, jsonOk, ok, principal, security } from './common.js';

export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

const jobSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    progress: z
      .object({
        bytes: z.number(),
        totalBytes: z.number(),
        events: z.number(),
        rejected: z.number(),
        elapsedMs: z.number(),
      })
      .nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    rejects: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string(), text: z.string() })),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ImportJob');

const flag = z.enum(['true', 'false']).optional();

export const importRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/communities/{communityId}/imports',
      tags: ['imports'],
      summary:
        'Upload an export (the file as the request body) and import it; answers at once with a job to follow, ' +
        'or with the finished job when wait=true (admin)',
      security,
      request: {
        params: communityParams,
        query: z.object({
          fileName: z.string().trim().min(1).max(255),
          format: z.enum(IMPORT_FORMATS).optional(),
          group: z.string().trim().min(1).max(200).optional(),
          tz: z.string().max(64).default('UTC'),
          platform: z
            .string()
            .regex(/^[a-z][a-z0-9_-]{0,31}$/)
            .optional(),
          map: z
            .string()
            .max(500)
            .optional()
            .openapi({ description: 'generic CSV columns, e.g. user=AuthorID,name=Author,at=Date,text=Content' }),
          skipInvalid: flag,
          dryRun: flag,
          wait: flag,
        }),
        body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
      responses: { ...jsonOk(jobSchema, 'The job (finished when wait=true)'), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'admin');
      const csvMapping = q.map ? parseCsvMapping(q.map) : undefined;
      const body = c.req.raw.body;
      if (!body) throw new QunzhuError('bad_input', 'send the export file as the request body');
      // Keep the uploaded name's extension: some formats are told apart by it (.zip, .gz).
      const safeName = q.fileName.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_').slice(-100);
      const path = join(mkdtempSync(join(tmpdir(), 'qunzhu-upload-')), safeName);
      let received = 0;
      const counting = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
      counting.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_UPLOAD_BYTES)
          counting.destroy(new QunzhuError('bad_input', `upload larger than ${MAX_UPLOAD_BYTES} bytes`));
      });
      await pipeline(counting, createWriteStream(path));
      if (received === 0) throw new QunzhuError('bad_input', 'the uploaded file is empty');
      const { job, finished } = d.imports.start(communityId, q.fileName, path, {
        tz: q.tz,
        ...(q.format ? { format: q.format } : {}),
        ...(q.group ? { group: q.group } : {}),
        ...(q.platform ? { platform: q.platform } : {}),
        ...(csvMapping ? { csvMapping } : {}),
        skipInvalid: q.skipInvalid === 'true',
        dryRun: q.dryRun === 'true',
      });
      return ok(c, q.wait === 'true' ? await finished : job);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/imports',
      tags: ['imports'],
      summary: 'Imports of this community started since the server started, newest first',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(jobSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'viewer');
      return ok(c, { items: d.imports.list(communityId) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/communities/{communityId}/imports/{jobId}',
      tags: ['imports'],
      summary: 'One import: progress while it runs; summary (new, duplicate, rejected with reasons) or error when done',
      security,
      request: {
        params: communityParams.extend({
          jobId: z
            .string()
            .uuid()
            .openapi({ param: { name: 'jobId', in: 'path' } }),
        }),
      },
      responses: { ...jsonOk(jobSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, jobId } = c.req.valid('param');
      const d = deps(c);
      await requireRole(d.store, principal(c), communityId, 'viewer');
      const job = d.imports.get(communityId, jobId);
      if (!job)
        throw new QunzhuError(
          'not_found',
          `no import ${jobId} in this community (finished imports are kept until restart)`,
        );
      return ok(c, job);
    },
  );
};
