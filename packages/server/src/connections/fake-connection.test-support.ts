import type {
  ActionTarget,
  Capabilities,
  ChatConnection,
  Clock,
  DeliveryResult,
  DiscoveredGroup,
  InboundSink,
  RateLimits,
  StoredAction,
} from '@qunzhu/core';

export const FAKE_PLATFORM = 'fake';

const ALL: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};

export type FakeCall = { at: number; action: StoredAction; target: ActionTarget };

/**
 * A platform connection for tests: records each call with the clock's time; answers from a script
 * (`answer`), else ok. `sink` is what the connection was started with, to push updates through.
 */
export class FakeConnection implements ChatConnection {
  readonly calls: FakeCall[] = [];
  sink: InboundSink | null = null;
  groups: DiscoveredGroup[] = [];
  startError: Error | null = null;
  stopped = 0;
  answer: (action: StoredAction, attempt: number) => DeliveryResult = () => ({ ok: true });
  private readonly attempts = new Map<number, number>();

  constructor(
    private readonly clock: Clock,
    readonly limits: RateLimits = {},
    readonly platform = FAKE_PLATFORM,
    readonly capabilities: Capabilities = ALL,
  ) {}

  async execute(action: StoredAction, target: ActionTarget): Promise<DeliveryResult> {
    this.calls.push({ at: this.clock.now().getTime(), action, target });
    const n = (this.attempts.get(action.id) ?? 0) + 1;
    this.attempts.set(action.id, n);
    return this.answer(action, n);
  }

  async start(sink: InboundSink): Promise<void> {
    this.sink = sink;
    sink.state({ status: 'connecting', at: this.clock.now() });
    if (this.startError) {
      sink.state({ status: 'failed', at: this.clock.now(), detail: this.startError.message });
      throw this.startError;
    }
    sink.state({
      status: 'connected',
      at: this.clock.now(),
      account: { platformUserId: 'bot-1', displayName: 'Qunzhu bot' },
    });
  }

  async stop(): Promise<void> {
    this.stopped++;
    this.sink?.state({ status: 'disconnected', at: this.clock.now() });
    this.sink = null;
  }

  async discoverGroups(): Promise<DiscoveredGroup[]> {
    return this.groups;
  }

  /** Calls made for one group, in order. */
  callsIn(platformGroupId: string): FakeCall[] {
    return this.calls.filter((c) => c.target.platformGroupId === platformGroupId);
  }
}
