export {
  createSandboxAdapter,
  SANDBOX_PLATFORM,
  type SandboxInput,
  sandboxCapabilities,
  sandboxEvent,
} from './sandbox/index.js';
