import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandboxAdapter, createTelegramConnection, createWechatyConnection } from '@qunzhu/adapters';
import { type ChatAdapter, type Clock, createBuiltinRegistry, QunzhuError, systemClock } from '@qunzhu/core';
import { openStore, type RootStore, type StoreLocation } from '@qunzhu/store';
import { createApp } from './app.js';
import { FailureLimiter } from './auth/rate-limit.js';
import { bootstrapOwner, type OwnerBootstrap } from './bootstrap.js';
import { CampaignWatcher } from './campaigns/announcer.js';
import {
  applyEnvConnections,
  type ConnectionFactory,
  ConnectionManager,
  type EnvConnections,
  platformFactories,
} from './connections/index.js';
import { type DemoResult, seedDemo } from './demo/seed.js';
import { ImportJobs } from './imports/jobs.js';
import { remindExpiringQrs } from './live-codes/index.js';
import { consoleLogger } from './log.js';
import { type Logger, Runtime } from './runtime/runtime.js';
import { takeSegmentSnapshots } from './segments/index.js';
import { loadDefaultSpamModel } from './spam/default-model.js';
import { SpamLearner } from './spam/learner.js';
import { VERSION } from './version.js';

export type ServerOptions = {
  store: StoreLocation;
  port: number;
  host?: string;
  /** Create the demo community when the store has no community. */
  demo?: boolean;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  /** The address people open, for printed links; default http://host:port. */
  publicUrl?: string | undefined;
  consoleDir?: string | undefined;
  secureCookies?: boolean | undefined;
  clock?: Clock;
  log?: Logger;
  adapters?: ChatAdapter[];
  /** Runtime tick interval; 0 turns the background loop off (tests drive it). */
  tickMs?: number;
  /** How connections to platforms are made, by platform; default: the adapters of this build. */
  connectionFactories?: readonly ConnectionFactory[];
  /** Connections from environment variables (`qunzhu start`), saved into a community and started. */
  envConnections?: EnvConnections;
  /** Attempts before an action is given up as failed (default 6). */
  outboxMaxAttempts?: number;
};

// The platform adapters this build connects to. Wiring one is one line: `telegram: createTelegramConnection`.
export const builtinConnectionFactories = (): ConnectionFactory[] =>
  platformFactories({ telegram: createTelegramConnection, wechat: createWechatyConnection });

export type RunningServer = {
  url: string;
  port: number;
  store: RootStore;
  runtime: Runtime;
  owner: OwnerBootstrap;
  demo: DemoResult | null;
  connections: ConnectionManager;
  /** The community the environment's connections went to, if any were set. */
  envCommunity: { communityId: number; communityName: string } | null;
  close(): Promise<void>;
};

/** The composition root: store, plays, runtime, API and console, on one port. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const log = options.log ?? consoleLogger();
  const clock = options.clock ?? systemClock;
  const store = await openStore(options.store);
  // What is running so far, to be stopped if the start fails half way.
  const started: { close: () => Promise<void> }[] = [];
  try {
    // The shipped spam model, learning from moderators' decisions (replayed from the ledger at start).
    const spam = new SpamLearner(await loadDefaultSpamModel());
    await spam.replay(store);
    const registry = createBuiltinRegistry({ spamClassifier: spam.classifier });
    const runtime = new Runtime({
      store,
      registry,
      adapters: options.adapters ?? [createSandboxAdapter()],
      clock,
      log,
      ...(options.outboxMaxAttempts === undefined ? {} : { maxAttempts: options.outboxMaxAttempts }),
    });
    spam.listen(runtime.decisions);
    runtime.every('live-code reminders', 60_000, (now) => remindExpiringQrs(store, now));
    // A size for each saved segment just after the community's local midnight (and after downtime).
    runtime.every('segment snapshots', 60_000, (now) => takeSegmentSnapshots(store, now));
    // Campaigns that announce tiers are counted every minute, so nobody needs the console open.
    const campaigns = new CampaignWatcher({ store, runtime, clock, log });
    runtime.every('campaign tiers', 60_000, () => campaigns.sweep());
    // Memory past its expiry is never read again. What expired over a week ago goes, hourly: a late
    // delivery after downtime is older than its arrival, but never by that much.
    runtime.every('expired play memory', 3_600_000, (now) =>
      store.playState.forgetExpiredMemory(new Date(now.getTime() - 7 * 86_400_000)),
    );
    // What a stopped process left in flight is settled before anything can dispatch.
    await runtime.recover(clock.now());
    const connections = new ConnectionManager({
      store,
      runtime,
      clock,
      log,
      factories: options.connectionFactories ?? builtinConnectionFactories(),
    });
    started.push(runtime, { close: () => connections.stop() });
    const demo = options.demo ? await seedDemo(store, registry) : null;
    const owner = await bootstrapOwner(store, { email: options.adminEmail, password: options.adminPassword });
    const app = createApp({
      store,
      runtime,
      connections,
      imports: new ImportJobs(store),
      registry,
      clock,
      sessionTtlMs: 14 * 24 * 3600 * 1000,
      // An office behind one address has many people: its limit is looser than one account's.
      loginLimiter: { email: new FailureLimiter(10, 15 * 60_000), address: new FailureLimiter(100, 15 * 60_000) },
      logError: (error) =>
        log.error('request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      version: VERSION,
      storeKind: store.kind,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
      ...(options.secureCookies !== undefined ? { secureCookies: options.secureCookies } : {}),
    });
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new QunzhuError('bad_input', `port ${options.port} on ${host} is in use; choose another with --port`)
            : error,
        ),
      );
    });
    started.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const port = (server.address() as AddressInfo).port;
    const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    const url = options.publicUrl ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    // Connections start once the server listens (a webhook can then reach it), and are attached
    // before the runtime ticks: a Telegram group's actions wait for its connection, never skipped.
    const envCommunity = options.envConnections
      ? await applyEnvConnections(store, connections, options.envConnections, log)
      : null;
    await connections.startAll();
    if (options.tickMs !== 0) runtime.start(options.tickMs ?? 1000);
    return {
      url,
      port,
      store,
      runtime,
      owner,
      demo,
      connections,
      envCommunity,
      async close() {
        await connections.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await runtime.stop();
        await store.close();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.close().catch(() => {});
    await store.close();
    throw error;
  }
};
