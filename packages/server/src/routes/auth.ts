import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import { withoutHash } from '@qunzhu/store';
import type { AppEnv } from '../app-env.js';
import { hashPassword, hashSecret, MIN_PASSWORD_LENGTH, sameSecret, verifyPassword } from '../auth/secrets.js';
import { endSession, startSession } from '../auth/sessions.js';
import { deps, errorResponses, jsonBody, jsonOk, ok, principal, security } from './common.js';

export const SETUP_TOKEN_KEY = 'setup_token_hash';

const email = z.string().trim().email().max(320);
const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);
const userSchema = z
  .object({ id: z.number(), email: z.string(), name: z.string(), isAdmin: z.boolean() })
  .openapi('User');
const meSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  communities: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })),
});

const clientAddress = (c: Parameters<typeof getConnInfo>[0]): string => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

export const authRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/status',
      tags: ['auth'],
      summary:
        'Whether the first-run setup is still open, and whether the caller is logged in (answers without an error)',
      responses: jsonOk(z.object({ setupRequired: z.boolean(), authenticated: z.boolean() })),
    }),
    async (c) =>
      ok(c, {
        setupRequired: (await deps(c).store.auth.countUsers()) === 0,
        authenticated: c.get('principal')?.kind === 'session',
      }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/setup',
      tags: ['auth'],
      summary: 'Create the first (owner) account with the one-time setup token printed at start',
      request: {
        body: jsonBody(z.object({ token: z.string().min(1), email, password, name: z.string().max(200).optional() })),
      },
      responses: { ...jsonOk(meSchema), ...errorResponses },
    }),
    async (c) => {
      const d = deps(c);
      const body = c.req.valid('json');
      const stored = await d.store.settings.getInstance<string>(SETUP_TOKEN_KEY);
      if ((await d.store.auth.countUsers()) > 0 || !stored) {
        throw new QunzhuError('conflict', 'setup is done already; log in instead');
      }
      if (!sameSecret(hashSecret(body.token), stored))
        throw new QunzhuError('forbidden', 'wrong or expired setup token');
      const user = await d.store.transaction(async (tx) => {
        const u = await tx.auth.createUser({
          email: body.email,
          name: body.name ?? '',
          passwordHash: await hashPassword(body.password),
          isAdmin: true,
        });
        await tx.settings.deleteInstance(SETUP_TOKEN_KEY);
        for (const community of await tx.communities.list()) await tx.auth.setRole(community.id, u.id, 'owner');
        return u;
      });
      const csrfToken = await startSession(c, d, user);
      return ok(c, { user, csrfToken, communities: await communitiesOf(d.store, user.id, true) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets an httpOnly session cookie and returns the CSRF token for unsafe requests',
      request: { body: jsonBody(z.object({ email: z.string().trim().max(320), password: z.string().max(1024) })) },
      responses: { ...jsonOk(meSchema), ...errorResponses, 429: { description: 'Too many failed attempts' } },
    }),
    async (c) => {
      const d = deps(c);
      const { email: address, password: pw } = c.req.valid('json');
      const now = d.clock.now().getTime();
      const limits = [
        { limiter: d.loginLimiter.address, key: clientAddress(c) },
        { limiter: d.loginLimiter.email, key: address.toLowerCase() },
      ];
      const wait = Math.max(...limits.map((l) => l.limiter.retryAfter(l.key, now)));
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new QunzhuError('rate_limited', `too many failed logins; try again in ${Math.ceil(wait / 1000)} s`);
      }
      const found = await d.store.auth.findUserByEmail(address);
      // Verify even for unknown emails so the response time does not tell which emails exist.
      const valid = await verifyPassword(pw, found?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
      if (!found || !valid || found.disabledAt) {
        for (const l of limits) l.limiter.fail(l.key, now);
        throw new QunzhuError('unauthenticated', 'wrong email or password');
      }
      d.loginLimiter.email.reset(address.toLowerCase());
      const user = withoutHash(found);
      const csrfToken = await startSession(c, d, user);
      return ok(c, { user, csrfToken, communities: await communitiesOf(d.store, user.id, user.isAdmin) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'End the session',
      security,
      responses: { ...jsonOk(z.object({ ok: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      principal(c);
      await endSession(c, deps(c));
      return ok(c, { ok: true });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      tags: ['auth'],
      summary: 'Change your own password; every other session of yours ends, this one is renewed',
      security,
      request: { body: jsonBody(z.object({ currentPassword: z.string().max(1024), newPassword: password })) },
      responses: { ...jsonOk(meSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      if (p.kind !== 'session') throw new QunzhuError('bad_input', 'an API token has no password; log in as a person');
      const d = deps(c);
      const body = c.req.valid('json');
      const found = await d.store.auth.findUserByEmail(p.user.email);
      if (!found || !(await verifyPassword(body.currentPassword, found.passwordHash))) {
        throw new QunzhuError('forbidden', 'the current password is wrong');
      }
      await d.store.auth.setPassword(p.user.id, await hashPassword(body.newPassword));
      const csrfToken = await startSession(c, d, p.user);
      return ok(c, { user: p.user, csrfToken, communities: await communitiesOf(d.store, p.user.id, p.user.isAdmin) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'The logged-in user, their communities and roles, and the CSRF token',
      security,
      responses: { ...jsonOk(meSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      if (p.kind !== 'session')
        throw new QunzhuError('bad_input', 'an API token has no user; use GET /api/v1/communities');
      return ok(c, {
        user: p.user,
        csrfToken: p.session.csrfToken,
        communities: await communitiesOf(deps(c).store, p.user.id, p.user.isAdmin),
      });
    },
  );
};

const communitiesOf = async (store: import('@qunzhu/store').Store, userId: number, isAdmin: boolean) => {
  const all = await store.communities.list();
  if (isAdmin) return all.map((c) => ({ id: c.id, name: c.name, role: 'owner' }));
  const roles = new Map((await store.auth.rolesOfUser(userId)).map((r) => [r.communityId, r.role]));
  return all.filter((c) => roles.has(c.id)).map((c) => ({ id: c.id, name: c.name, role: roles.get(c.id) }));
};
