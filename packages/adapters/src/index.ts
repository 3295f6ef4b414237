export {
  createSandboxAdapter,
  SANDBOX_PLATFORM,
  type SandboxCall,
  type SandboxConnection,
  type SandboxInput,
  sandboxCapabilities,
  sandboxEvent,
} from './sandbox/index.js';
