// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, onSessionExpired, setCsrfToken } from './client.js';

const respond = (status: number, body: unknown) =>
  vi.fn(
    async (_url: string, _init: RequestInit) => new Response(body === null ? '' : JSON.stringify(body), { status }),
  );

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken('');
  });

  it('sends the CSRF token on changes only, and JSON bodies', async () => {
    const fetch = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('t0k3n');
    await api('/communities', { query: { page: 2, q: '', groupId: undefined } });
    await api('/communities', { body: { name: '社群' } });
    const [getUrl, getInit] = fetch.mock.calls[0] ?? [];
    const [, postInit] = fetch.mock.calls[1] ?? [];
    expect(getUrl).toBe('/api/v1/communities?page=2');
    expect((getInit?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect(postInit?.method).toBe('POST');
    expect((postInit?.headers as Record<string, string>)['x-csrf-token']).toBe('t0k3n');
    expect(postInit?.body).toBe('{"name":"社群"}');
  });

  it('turns error answers into ApiError with the server message', async () => {
    vi.stubGlobal('fetch', respond(403, { error: { code: 'forbidden', message: 'this needs the admin role' } }));
    const error = await api('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'this needs the admin role' });
  });

  it('reports an expired session once per 401 outside /auth', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    vi.stubGlobal('fetch', respond(401, { error: { code: 'unauthenticated', message: 'log in' } }));
    await api('/communities').catch(() => {});
    await api('/auth/me').catch(() => {});
    expect(expired).toHaveBeenCalledTimes(1);
    stop();
  });
});
