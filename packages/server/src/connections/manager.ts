import {
  type ChatConnection,
  type Clock,
  type ConnectionState,
  type DiscoveredGroup,
  type EventInput,
  type InboundSink,
  type JsonObject,
  QunzhuError,
} from '@qunzhu/core';
import type { Store, StoredConnection } from '@qunzhu/store';
import { z } from 'zod';
import type { Logger, Runtime } from '../runtime/runtime.js';
import type { ConnectionFactory } from './factories.js';

/** A connection as the API shows it: settings without secrets, the secrets' last 4 characters, state. */
export type ConnectionView = {
  platform: string;
  settings: JsonObject;
  /** Secret fields that are set, as "…" and their last 4 characters. */
  secrets: Record<string, string>;
  state: ConnectionState | null;
  /** Whether this server runs it now. */
  running: boolean;
  updatedAt: Date;
};

type Running = {
  connection: ChatConnection;
  webhook: boolean;
  state: ConnectionState;
  /** Settles when `start` has (connected, or failed). */
  started: Promise<void>;
};

export type ConnectionManagerOptions = {
  store: Store;
  runtime: Runtime;
  clock: Clock;
  log: Logger;
  factories: readonly ConnectionFactory[];
};

const hint = (secret: string): string => `…${secret.slice(-4)}`;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs the configured connections of every community (one per platform per community) and is their
 * sink: updates become live events, found groups appear in the console, lost ones are marked left,
 * and each connection's state is kept (and stored) for the console.
 */
export class ConnectionManager {
  private readonly factories: Map<string, ConnectionFactory>;
  private readonly running = new Map<string, Running>();
  private readonly persisting = new Map<string, Promise<void>>();

  constructor(private readonly options: ConnectionManagerOptions) {
    this.factories = new Map(options.factories.map((f) => [f.platform, f]));
  }

  /** Platforms this build can connect to. */
  get platforms(): string[] {
    return [...this.factories.keys()];
  }

  /** Start every stored connection. Resolves once each has been asked to start (not connected). */
  async startAll(): Promise<void> {
    for (const stored of await this.options.store.connections.list()) {
      if (!this.running.has(`${stored.communityId}:${stored.platform}`)) this.launch(stored);
    }
  }

  /** Settles when the connection has connected or failed (tests; the CLI's first report). */
  async whenStarted(communityId: number, platform: string): Promise<ConnectionState | null> {
    const r = this.running.get(`${communityId}:${platform}`);
    if (!r) return null;
    await r.started;
    return r.state;
  }

  /** The running connection of a community on a platform. */
  connection(communityId: number, platform: string): ChatConnection | undefined {
    return this.running.get(`${communityId}:${platform}`)?.connection;
  }

  /** The running connection that takes a platform's webhooks for a community, if it is in webhook mode. */
  webhookConnection(communityId: number, platform: string): ChatConnection | undefined {
    const r = this.running.get(`${communityId}:${platform}`);
    return r?.webhook ? r.connection : undefined;
  }

  async list(communityId: number): Promise<ConnectionView[]> {
    return (await this.options.store.connections.list(communityId)).map((c) => this.view(c));
  }

  async get(communityId: number, platform: string): Promise<ConnectionView> {
    const stored = await this.options.store.connections.get(communityId, platform);
    if (!stored) throw new QunzhuError('not_found', `no ${platform} connection in community ${communityId}`);
    return this.view(stored);
  }

  /**
   * Save a community's settings for a platform and (re)start its connection. Secret fields left out
   * keep their stored value, so an admin can change the rest without typing the token again.
   */
  async configure(
    communityId: number,
    platform: string,
    body: unknown,
    userId: number | null,
  ): Promise<ConnectionView> {
    const factory = this.factories.get(platform);
    if (!factory) {
      throw new QunzhuError(
        'bad_input',
        `unknown platform "${platform}"; this server connects to: ${this.platforms.join(', ') || 'none'}`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new QunzhuError('bad_input', `${platform} settings must be an object`);
    }
    const { store } = this.options;
    await store.communities.get(communityId);
    const stored = await store.connections.get(communityId, platform);
    const merged: Record<string, unknown> = { ...body };
    for (const key of factory.secrets) {
      if (merged[key] === undefined && stored?.settings[key] !== undefined) merged[key] = stored.settings[key];
    }
    const parsed = factory.schema.safeParse(merged);
    if (!parsed.success) {
      throw new QunzhuError('bad_input', `${platform} settings: ${z.prettifyError(parsed.error)}`, {
        details: parsed.error.issues,
      });
    }
    const settings = factory.prepare ? factory.prepare(parsed.data) : parsed.data;
    if (factory.accountKey) {
      const key = factory.accountKey(settings);
      for (const other of await store.connections.list()) {
        if (other.platform !== platform || other.communityId === communityId) continue;
        const otherSettings = factory.schema.safeParse(other.settings);
        if (otherSettings.success && factory.accountKey(otherSettings.data) === key) {
          throw new QunzhuError(
            'conflict',
            `this ${platform} account is connected to community ${other.communityId} already; one account serves one community`,
          );
        }
      }
    }
    await this.halt(communityId, platform);
    // JSON drops undefined fields: what is stored is what `settings` says.
    const saved = await store.connections.put(communityId, platform, settings as JsonObject, userId);
    this.launch(saved);
    return this.view(saved);
  }

  /** Stop and forget a community's connection to a platform. False when there was none. */
  async remove(communityId: number, platform: string): Promise<boolean> {
    await this.halt(communityId, platform);
    return this.options.store.connections.delete(communityId, platform);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.running.keys()].map((key) => {
        const [community, platform] = key.split(':') as [string, string];
        return this.halt(Number(community), platform);
      }),
    );
  }

  private view(stored: StoredConnection): ConnectionView {
    const factory = this.factories.get(stored.platform);
    const secretKeys = new Set(factory?.secrets ?? []);
    const settings: JsonObject = {};
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(stored.settings)) {
      if (!secretKeys.has(k)) settings[k] = v;
      else if (typeof v === 'string') secrets[k] = hint(v);
    }
    // Unknown to this build (no factory): show nothing of its settings, they may all be secret.
    const running = this.running.get(`${stored.communityId}:${stored.platform}`);
    return {
      platform: stored.platform,
      settings: factory ? settings : {},
      secrets,
      state: running?.state ?? stored.state,
      running: running !== undefined,
      updatedAt: stored.updatedAt,
    };
  }

  private launch(stored: StoredConnection): void {
    const { communityId, platform } = stored;
    const { log, clock, runtime } = this.options;
    const key = `${communityId}:${platform}`;
    const fail = (detail: string) => {
      log.error('connection failed', { community: communityId, platform, detail });
      void this.persist(communityId, platform, { status: 'failed', at: clock.now(), detail });
    };
    const factory = this.factories.get(platform);
    if (!factory) {
      fail(`this server has no ${platform} adapter`);
      return;
    }
    const parsed = factory.schema.safeParse(stored.settings);
    if (!parsed.success) {
      fail(`stored settings are invalid: ${z.prettifyError(parsed.error)}`);
      return;
    }
    let connection: ChatConnection;
    try {
      connection = factory.create(parsed.data, { communityId, log });
    } catch (error) {
      fail(message(error));
      return;
    }
    const entry: Running = {
      connection,
      webhook: factory.usesWebhook?.(parsed.data) ?? false,
      state: { status: 'connecting', at: clock.now() },
      started: Promise.resolve(),
    };
    this.running.set(key, entry);
    runtime.attach(communityId, connection);
    const sink = this.sink(communityId, platform, entry);
    entry.started = (async () => {
      try {
        await connection.start(sink);
      } catch (error) {
        if (entry.state.status !== 'failed') sink.state({ status: 'failed', at: clock.now(), detail: message(error) });
        return;
      }
      try {
        for (const group of await connection.discoverGroups()) await sink.groupFound(group);
      } catch (error) {
        log.warn('group discovery failed', { community: communityId, platform, error: message(error) });
      }
    })();
  }

  private async halt(communityId: number, platform: string): Promise<void> {
    const key = `${communityId}:${platform}`;
    const entry = this.running.get(key);
    if (!entry) return;
    this.running.delete(key);
    this.options.runtime.detach(communityId, entry.connection.platform);
    try {
      await entry.connection.stop();
    } catch (error) {
      this.options.log.warn('connection did not stop cleanly', {
        community: communityId,
        platform,
        error: message(error),
      });
    }
  }

  private sink(communityId: number, platform: string, entry: Running): InboundSink {
    const { store, runtime, log, clock } = this.options;
    const current = () => this.running.get(`${communityId}:${platform}`) === entry;
    return {
      events: async (inputs: readonly EventInput[]) => {
        await runtime.ingestStream(communityId, inputs);
      },
      groupFound: async (group: DiscoveredGroup) => {
        const { created } = await store.groups.found(communityId, {
          platform: entry.connection.platform,
          platformGroupId: group.platformGroupId,
          name: group.name,
        });
        runtime.invalidate(communityId);
        if (created) log.info('group found', { community: communityId, platform, group: group.name });
      },
      groupLost: async (platformGroupId: string) => {
        await store.groups.markLeft(communityId, entry.connection.platform, platformGroupId, clock.now());
        runtime.invalidate(communityId);
        log.info('group left', { community: communityId, platform, group: platformGroupId });
      },
      state: (state: ConnectionState) => {
        // A stopped connection's last words do not overwrite its successor's state.
        if (!current()) return;
        entry.state = state;
        runtime.connected(communityId, entry.connection.platform, state.status === 'connected' ? clock.now() : null);
        const fields = { community: communityId, platform, status: state.status, detail: state.detail ?? '' };
        if (state.status === 'failed') log.error('connection state', fields);
        else log.info('connection state', fields);
        void this.persist(communityId, platform, state);
      },
    };
  }

  /** Store a state; one connection's states are written in the order they came. */
  private persist(communityId: number, platform: string, state: ConnectionState): Promise<void> {
    const key = `${communityId}:${platform}`;
    const next = (this.persisting.get(key) ?? Promise.resolve()).then(async () => {
      try {
        await this.options.store.connections.setState(communityId, platform, state);
      } catch (error) {
        this.options.log.warn('could not store connection state', {
          community: communityId,
          platform,
          error: message(error),
        });
      }
    });
    this.persisting.set(key, next);
    return next;
  }

  /** Resolves when every state so far is stored (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.persisting.values()]);
  }
}
