import type { Clock, PlayRegistry } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import type { Principal } from './auth/access.js';
import type { FailureLimiter } from './auth/rate-limit.js';
import type { ConnectionManager } from './connections/index.js';
import type { ImportJobs } from './imports/jobs.js';
import type { Runtime } from './runtime/runtime.js';

/** What every route can reach: the composition root's choices. */
export type AppDeps = {
  store: Store;
  runtime: Runtime;
  /** Platform connections per community: configuration, state, webhooks. */
  connections: ConnectionManager;
  imports: ImportJobs;
  registry: PlayRegistry;
  clock: Clock;
  /** Cookies get `Secure` when true; default: only when the request came over https. */
  secureCookies?: boolean;
  /** Session lifetime, renewed while used. */
  sessionTtlMs: number;
  /** Failed logins are counted per email and per client address, each with its own limit. */
  loginLimiter: { email: FailureLimiter; address: FailureLimiter };
  logError: (error: unknown) => void;
  /** Folder with the console's built files. */
  consoleDir?: string;
  version: string;
  storeKind: string;
  /** The address people open (`--public-url`), for links and QR codes; default: the request's origin. */
  publicUrl?: string;
};

export type AppEnv = { Variables: { principal: Principal | null; deps: AppDeps } };
