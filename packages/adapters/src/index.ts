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
export {
  createWechatyConnection,
  messageIdOf as wechatyMessageIdOf,
  PUPPET_ABILITIES,
  type PuppetAbilities,
  puppetAbilities,
  WECHAT_PLATFORM,
  WECHATY_DEFAULT_LIMITS,
  WECHATY_SOURCE,
  type WechatyConnection,
  type WechatyConnectionOptions,
  type WechatyLog,
  wechatyCapabilities,
} from './wechaty/index.js';
