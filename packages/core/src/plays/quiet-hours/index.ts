export {
  defaultQuietTemplates,
  QUIET_MODES,
  type QuietHoursConfig,
  type QuietWindow,
  quietHoursConfigSchema,
} from './config.js';
export { isTimeZone } from './local-time.js';
export { QUIET_HOURS_PLAY, quietHoursPlay } from './play.js';
export { type ActiveWindow, activeWindow } from './windows.js';
