import type { ImportProgress } from '@qunzhu/server';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const duration = (seconds: number) =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`
    : seconds >= 60
      ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
      : `${Math.round(seconds)}s`;

/** One redrawn line on a terminal: bar, bytes, events/s, ETA. Silent when stderr is not a terminal. */
export const progressBar = (label: string) => {
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  return {
    update(p: ImportProgress) {
      if (!tty) return;
      const width = 24;
      const share = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
      const filled = Math.round(share * width);
      const seconds = p.elapsedMs / 1000;
      const rate = seconds > 0 ? p.events / seconds : 0;
      const eta = share > 0 && share < 1 ? duration((seconds / share) * (1 - share)) : '—';
      const line =
        `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ` +
        `${mb(p.bytes)}/${mb(p.totalBytes)} · ${Math.round(rate).toLocaleString('en')} events/s · ETA ${eta}`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 120) - 1)}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\u001b[K');
    },
  };
};
