import { QunzhuError } from '@qunzhu/core';
import type { Store, User } from '@qunzhu/store';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../app-env.js';
import type { Principal } from './access.js';
import { hashSecret, newSecret, sameSecret } from './secrets.js';

export const SESSION_COOKIE = 'qunzhu_session';
export const CSRF_HEADER = 'x-csrf-token';
const TOKEN_PREFIX = 'qzt_';
const RENEW_AFTER_MS = 60 * 60 * 1000;

const secure = (c: Context, deps: AppDeps) => deps.secureCookies ?? new URL(c.req.url).protocol === 'https:';

/** Start a session: the cookie holds a secret whose hash is the session id; CSRF token returned. */
export const startSession = async (c: Context<AppEnv>, deps: AppDeps, user: User): Promise<string> => {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(deps.clock.now().getTime() + deps.sessionTtlMs);
  await deps.store.auth.createSession({ id: hashSecret(secret), userId: user.id, csrfToken, expiresAt });
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c, deps),
    path: '/',
    maxAge: Math.floor(deps.sessionTtlMs / 1000),
  });
  return csrfToken;
};

export const endSession = async (c: Context<AppEnv>, deps: AppDeps): Promise<void> => {
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret) await deps.store.auth.deleteSession(hashSecret(secret));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
};

export const newApiToken = () => {
  const token = newSecret(TOKEN_PREFIX);
  return { token, hash: hashSecret(token) };
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who is calling: a bearer token, or a session cookie. With a cookie, unsafe methods must echo the
 * session's CSRF token in a header: a cross-site form can send the cookie but cannot know the token.
 */
export const authenticate = async (c: Context<AppEnv>, store: Store, deps: AppDeps): Promise<Principal | null> => {
  const now = deps.clock.now();
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new QunzhuError('unauthenticated', 'Authorization header must be "Bearer <token>"');
    const token = await store.auth.findToken(hashSecret(match[1]));
    if (!token) throw new QunzhuError('unauthenticated', 'unknown or revoked API token');
    await store.auth.touchToken(token.communityId, token.id, now);
    return { kind: 'token', token };
  }
  const secret = getCookie(c, SESSION_COOKIE);
  if (!secret) return null;
  const session = await store.auth.getSession(hashSecret(secret), now);
  if (!session) return null;
  const user = await store.auth.getUser(session.userId);
  if (user.disabledAt) return null;
  if (UNSAFE.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER) ?? '';
    if (!sameSecret(sent, session.csrfToken)) {
      throw new QunzhuError('forbidden', `missing or wrong ${CSRF_HEADER} header (get it from GET /api/v1/auth/me)`);
    }
  }
  if (now.getTime() - session.lastSeenAt.getTime() > RENEW_AFTER_MS) {
    await store.auth.touchSession(session.id, now, new Date(now.getTime() + deps.sessionTtlMs));
  }
  return { kind: 'session', user, session };
};
