import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { QunzhuError } from '@qunzhu/core';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded store is one process's: two processes on one data folder would corrupt it.
 * Take the folder with a lock file holding our pid; a lock left by a dead process is taken over.
 */
export const lockDataDir = (dir: string): (() => void) => {
  const path = join(dir, 'qunzhu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid)) {
        throw new QunzhuError(
          'data_locked',
          `data folder ${dir} is in use by process ${pid} (a running "qunzhu start"?). ` +
            'Stop it first, or use its HTTP API, or put both on PostgreSQL with DATABASE_URL.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new QunzhuError('data_locked', `could not lock data folder ${dir}`);
};
