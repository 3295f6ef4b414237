export {
  createSandboxAdapter,
  SANDBOX_PLATFORM,
  type SandboxCall,
  type SandboxConnection,
  type SandboxInput,
  sandboxCapabilities,
  sandboxEvent,
} from './sandbox/index.js';
export {
  createTelegramConnection,
  TELEGRAM_PLATFORM,
  type TelegramConnection,
  type TelegramLog,
  type TelegramOptions,
  telegramCapabilities,
  telegramMessageId,
  telegramOptionsFromEnv,
} from './telegram/index.js';
