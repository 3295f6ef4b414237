export { buildReport, type ReportRequest } from './analytics/report.js';
export { type Report, reportSchema } from './analytics/report-schema.js';
export { createApp } from './app.js';
export type { AppDeps } from './app-env.js';
export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './auth/secrets.js';
export { bootstrapOwner, type OwnerBootstrap } from './bootstrap.js';
export {
  CONNECTION_ENV,
  type ConnectionFactory,
  ConnectionManager,
  type ConnectionView,
  connectionsFromEnv,
  defineConnectionFactory,
  type EnvConnections,
  platformFactories,
} from './connections/index.js';
export { DEMO_COMMUNITY, DEMO_HISTORY, type DemoResult, seedDemo } from './demo/seed.js';
export { httpStatus } from './errors.js';
export { type ImportOptions, type ImportProgress, type ImportSummary, importFile } from './imports/import-file.js';
export { consoleLogger } from './log.js';
export { backtestPlay, countByReason, withTriggers } from './runtime/backtest.js';
export { REPEATABLE_KINDS } from './runtime/outbox.js';
export { type Logger, Runtime, type RuntimeOptions } from './runtime/runtime.js';
export { builtinConnectionFactories, type RunningServer, type ServerOptions, startServer } from './server.js';
export { DEFAULT_SPAM_HAM, DEFAULT_SPAM_MODEL, loadDefaultSpamModel, loadSpamModel } from './spam/default-model.js';
export { VERSION } from './version.js';
