import type { Logger } from './runtime/runtime.js';

const format = (fields?: Record<string, unknown>) =>
  fields
    ? Object.entries(fields)
        .map(([k, v]) => ` ${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
        .join('')
    : '';

/** Lines on stderr: time, level, message, key=value fields. */
export const consoleLogger = (quiet = false): Logger => ({
  info: (m, f) => {
    if (!quiet) process.stderr.write(`${new Date().toISOString()} info ${m}${format(f)}\n`);
  },
  warn: (m, f) => process.stderr.write(`${new Date().toISOString()} warn ${m}${format(f)}\n`),
  error: (m, f) => process.stderr.write(`${new Date().toISOString()} error ${m}${format(f)}\n`),
});
