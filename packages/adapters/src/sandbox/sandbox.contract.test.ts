import { type AdapterHarness, adapterContract } from '../contract.test-support.js';
import { createSandboxAdapter, type SandboxConnection } from './index.js';

const GROUP = 'sandbox-contract';

adapterContract('sandbox', (): AdapterHarness => {
  let sandbox: SandboxConnection;
  return {
    async open() {
      sandbox = createSandboxAdapter();
      await sandbox.addGroup({ platformGroupId: GROUP, name: '沙盒 · contract' });
      return { connection: sandbox, platformGroupId: GROUP };
    },
    inject: (u) =>
      sandbox.post(GROUP, { type: u.type, user: u.user.id, name: u.user.name, ...(u.text ? { text: u.text } : {}) }),
    calls: async () => [...sandbox.calls],
    messageIdOf: (event) => event.sourceId,
    close: async () => {},
  };
});
