import { execFileSync } from 'node:child_process';

/**
 * Create and migrate an embedded store in a child process. PGlite's first creation of a cluster
 * (its initdb) peaks near 0.8 GB, and a process keeps that memory; opening an existing cluster
 * costs about a third. Benchmarks measure the import, not the one-off creation.
 */
export const prepareEmbeddedStore = (dataDir: string): void => {
  const store = import.meta.resolve('@qunzhu/store');
  const script = `const { openStore } = await import(${JSON.stringify(store)});
const s = await openStore({ dataDir: ${JSON.stringify(dataDir)} });
await s.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
};
