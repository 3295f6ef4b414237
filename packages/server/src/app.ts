import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AppDeps, AppEnv } from './app-env.js';
import { authenticate } from './auth/sessions.js';
import { errorResponse } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { campaignRoutes } from './routes/campaigns.js';
import { communityRoutes } from './routes/communities.js';
import { connectionRoutes } from './routes/connections.js';
import { engagementRoutes } from './routes/engagement.js';
import { eventRoutes } from './routes/events.js';
import { importRoutes } from './routes/imports.js';
import { liveCodePageRoutes } from './routes/live-code-page.js';
import { liveCodeRoutes } from './routes/live-codes.js';
import { memberRoutes } from './routes/members.js';
import { moderationRoutes } from './routes/moderation.js';
import { outboxRoutes } from './routes/outbox.js';
import { playRoutes } from './routes/plays.js';
import { reportRoutes } from './routes/report.js';
import { rewardRoutes } from './routes/rewards.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { segmentRoutes } from './routes/segments.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The HTTP API, the OpenAPI document and the console's files, over the given dependencies. */
export const createApp = (deps: AppDeps) => {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new QunzhuError('bad_input', `invalid request: ${z.prettifyError(result.error)}`, {
          details: result.error.issues,
        });
      }
    },
  });

  app.onError((error, c) => {
    // Hono's own 4xx (a body that is not JSON, say) are the client's mistakes: say so plainly.
    if (error instanceof HTTPException && error.status < 500) {
      return errorResponse(c, new QunzhuError('bad_input', error.message || 'bad request'), deps.logError);
    }
    return errorResponse(c, error, deps.logError);
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('principal', null);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    await next();
  });

  // Bodies are small, whether announced by Content-Length or streamed in chunks. Uploads of exports
  // stream to disk with their own limit (routes/imports.ts).
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new QunzhuError('bad_input', `request body is larger than ${MAX_BODY_BYTES} bytes`);
    },
  });
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && /^\/api\/v1\/communities\/\d+\/imports$/.test(c.req.path) ? next() : limitBody(c, next),
  );

  app.use('/api/*', async (c, next) => {
    c.set('principal', await authenticate(c, deps.store, deps));
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/healthz', async (c) => {
    await deps.store.db.query('select 1');
    return c.json({ ok: true, store: deps.storeKind, version: deps.version });
  });

  authRoutes(app);
  communityRoutes(app);
  memberRoutes(app);
  engagementRoutes(app);
  rewardRoutes(app);
  campaignRoutes(app);
  liveCodeRoutes(app);
  segmentRoutes(app);
  playRoutes(app);
  moderationRoutes(app);
  reportRoutes(app);
  sandboxRoutes(app);
  eventRoutes(app);
  importRoutes(app);
  adminRoutes(app);
  connectionRoutes(app);
  outboxRoutes(app);
  liveCodePageRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'qunzhu_session',
    description: 'Set by POST /api/v1/auth/login. Unsafe methods also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from POST /api/v1/communities/{communityId}/tokens',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Qunzhu API',
      version: deps.version,
      description:
        'Community operations: communities, groups, members, events, plays, sandbox. Errors are {error: {code, message}}.',
    },
  });

  app.all('/api/*', (c) =>
    errorResponse(c, new QunzhuError('not_found', `no route ${c.req.method} ${c.req.path}`), deps.logError),
  );

  const consoleDir = deps.consoleDir;
  if (consoleDir && existsSync(join(consoleDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: consoleDir }));
    // The console routes in the browser: any other page gets its shell.
    app.get('/*', serveStatic({ root: consoleDir, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.text('Qunzhu API is running; the console is not built (npm run build).'));
  }
  app.notFound((c) =>
    errorResponse(c, new QunzhuError('not_found', `no route ${c.req.method} ${c.req.path}`), deps.logError),
  );
  return app;
};
