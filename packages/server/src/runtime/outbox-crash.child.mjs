// The child of outbox-crash.test.ts: the built runtime over a store, delivering a community's queue
// to a platform fake that records deliveries over loopback HTTP. Exits when the queue is empty.
import { createBuiltinRegistry, systemClock } from '@qunzhu/core';
import { Runtime } from '@qunzhu/server';
import { openStore } from '@qunzhu/store';

const location = JSON.parse(process.env.CRASH_STORE ?? '{}');
const recorder = process.env.CRASH_RECORDER ?? '';
const communityId = Number(process.env.CRASH_COMMUNITY);

const capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};

/** A platform whose every call is an HTTP request to the recorder. */
const platform = {
  platform: 'crashfake',
  capabilities,
  limits: { perChatIntervalMs: 5 },
  async execute(action, target) {
    const res = await fetch(recorder, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actionId: action.id, chat: target.platformGroupId, key: action.idempotencyKey }),
    });
    if (!res.ok) return { ok: false, error: `recorder said ${res.status}` };
    const body = await res.json();
    return { ok: true, platformRef: String(body.ref) };
  },
  async start() {},
  async stop() {},
  async discoverGroups() {
    return [];
  },
};

const log = { info: () => {}, warn: (m, f) => console.error(m, f), error: (m, f) => console.error(m, f) };
const store = await openStore(location);
const runtime = new Runtime({
  store,
  registry: createBuiltinRegistry(),
  adapters: [platform],
  clock: systemClock,
  log,
});
const recovered = await runtime.recover(systemClock.now());
process.stdout.write(
  `${JSON.stringify({ ready: true, unknown: recovered.unknown.length, requeued: recovered.requeued.length })}\n`,
);
runtime.start(20);
for (;;) {
  await new Promise((r) => setTimeout(r, 30));
  const c = await store.actions.counts(communityId);
  if (c.pending + c.sending === 0) break;
}
await runtime.stop();
await store.close();
process.exit(0);
