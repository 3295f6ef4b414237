import { createSandboxAdapter } from '@qunzhu/adapters';
import { createBuiltinRegistry, ManualClock } from '@qunzhu/core';
import { openTestStore, type StoreKind, type TestStore } from '@qunzhu/store/testing';
import { createApp } from './app.js';
import { FailureLimiter } from './auth/rate-limit.js';
import { hashPassword } from './auth/secrets.js';
import { type ConnectionFactory, ConnectionManager } from './connections/index.js';
import { ImportJobs } from './imports/jobs.js';
import { Runtime } from './runtime/runtime.js';

export type Harness = Awaited<ReturnType<typeof createHarness>>;

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** An app over a fresh store with a hand-moved clock; no background loop (tests call tick()). */
export const createHarness = async (kind: StoreKind, factories: readonly ConnectionFactory[] = []) => {
  const store: TestStore = await openTestStore(kind);
  const clock = new ManualClock('2026-11-02T08:00:00Z');
  const registry = createBuiltinRegistry();
  const runtime = new Runtime({ store, registry, adapters: [createSandboxAdapter()], clock, log: quiet });
  const connections = new ConnectionManager({ store, runtime, clock, log: quiet, factories });
  const errors: unknown[] = [];
  const app = createApp({
    store,
    runtime,
    connections,
    imports: new ImportJobs(store),
    registry,
    clock,
    sessionTtlMs: 3600_000,
    loginLimiter: { email: new FailureLimiter(5, 15 * 60_000), address: new FailureLimiter(50, 15 * 60_000) },
    logError: (e) => errors.push(e),
    version: 'test',
    storeKind: store.kind,
  });
  const addUser = async (email: string, password: string, isAdmin = false) =>
    store.auth.createUser({ email, passwordHash: await hashPassword(password), isAdmin });
  return {
    store,
    clock,
    registry,
    runtime,
    connections,
    app,
    errors,
    addUser,
    dispose: async () => {
      await connections.stop();
      await store.dispose();
    },
  };
};

export type Reply = { status: number; body: any; headers: Headers };

/** A browser-like client: keeps the session cookie and sends the CSRF token it was given. */
export class TestClient {
  private cookie = '';
  csrf = '';
  constructor(
    private readonly app: Harness['app'],
    private readonly bearer?: string,
  ) {}

  async call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const raw = body instanceof Uint8Array;
    if (body !== undefined) headers['content-type'] ??= raw ? 'application/octet-stream' : 'application/json';
    const res = await this.app.request(path, {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: raw ? (body as Uint8Array) : typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body?: unknown) => this.call('POST', path, body ?? {});
  put = (path: string, body?: unknown) => this.call('PUT', path, body ?? {});

  async login(email: string, password: string): Promise<Reply> {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}
