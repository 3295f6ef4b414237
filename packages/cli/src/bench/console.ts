import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { consoleDir } from '@qunzhu/console';
import { QunzhuError } from '@qunzhu/core';
import { startServer } from '@qunzhu/server';

/** Gzipped bytes of the JavaScript the console's first page loads (entry script and its preloads). */
export const initialJavaScript = (): { files: string[]; gzipBytes: number } => {
  let html: string;
  try {
    html = readFileSync(join(consoleDir, 'index.html'), 'utf8');
  } catch {
    throw new QunzhuError('bad_input', `the console is not built in ${consoleDir}: run npm run build first`);
  }
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const gz = (file: string) => gzipSync(readFileSync(join(consoleDir, file))).length;
  return { files, gzipBytes: files.reduce((n, f) => n + gz(f), 0) };
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** `qunzhu bench console`: the initial JavaScript's size, and the overview's report call on the demo community. */
export const benchConsole = async (calls: number, print: (line: string) => void): Promise<void> => {
  const js = initialJavaScript();
  print(
    `initial JavaScript: ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped in ${js.files.length} file(s) (aim ≤ 400 KB; charts load later)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'qunzhu-bench-console-'));
  const email = 'bench@example.org';
  const password = 'bench password long';
  const server = await startServer({
    store: { dataDir: dir },
    port: 0,
    demo: true,
    adminEmail: email,
    adminPassword: password,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const community = server.demo?.community.id ?? 1;
    const times: number[] = [];
    for (let i = 0; i < calls + 3; i++) {
      const started = performance.now();
      const r = await fetch(`${server.url}/api/v1/communities/${community}/report`, { headers: { cookie } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`report answered ${r.status}`);
      if (i >= 3) times.push(performance.now() - started); // the first calls warm the caches
    }
    times.sort((a, b) => a - b);
    print(
      `overview report of the demo community (16,863 events), ${calls} calls: p50 ${percentile(times, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(times, 95).toFixed(1)} ms (aim p95 < 150 ms)`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
