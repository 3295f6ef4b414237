export {
  applyEnvConnections,
  CONNECTION_ENV,
  connectionsFromEnv,
  type EnvConnections,
  resolveWebhookUrl,
} from './env.js';
export {
  type ConnectionContext,
  type ConnectionFactory,
  defineConnectionFactory,
  hasWebhook,
  platformFactories,
  type TelegramConnectionOptions,
  type TelegramSettings,
  telegramSettingsSchema,
  telegramWebhookPath,
  type WebhookConnection,
  type WechatSettings,
  type WechatyConnectionOptions,
  wechatSettingsSchema,
} from './factories.js';
export { ConnectionManager, type ConnectionManagerOptions, type ConnectionView } from './manager.js';
