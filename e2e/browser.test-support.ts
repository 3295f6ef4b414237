import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleDir } from '@qunzhu/console';
import { type RunningServer, type ServerOptions, startServer } from '@qunzhu/server';
import { type Browser, chromium, type Page } from 'playwright-core';

// What the console's browser tests share: Debian's Chromium, a real server on a free loopback port
// with a fresh data folder and the demo community, and a page that records every console error,
// page error, failed request and HTTP error (a test ends by expecting none).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(process.cwd(), 'artifacts', 'screenshots');
export const EMAIL = 'ops@example.org';
export const PASSWORD = 'a long demo password';
export const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI)
  throw new Error(`CI is set but there is no Chromium at ${CHROMIUM}: .ci/run installs it`);

export type ConsoleSession = {
  server: RunningServer;
  browser: Browser;
  page: Page;
  problems: string[];
  /** Sign in as the demo's owner and wait for the shell. */
  login(): Promise<void>;
  close(): Promise<void>;
};

/** Start a server (`options` added to the defaults) and a browser page on it, not yet signed in. */
export const openConsole = async (name: string, options: Partial<ServerOptions> = {}): Promise<ConsoleSession> => {
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  const server = await startServer({
    store: { dataDir: mkdtempSync(join(tmpdir(), `qunzhu-e2e-${name}-`)) },
    port: 0,
    demo: true,
    adminEmail: EMAIL,
    adminPassword: PASSWORD,
    consoleDir,
    log: { info: () => {}, warn: () => {}, error: (m, f) => problems.push(`server: ${m} ${JSON.stringify(f)}`) },
    ...options,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return {
    server,
    browser,
    page,
    problems,
    async login() {
      await page.goto(server.url);
      await page.getByTestId('login-email').fill(EMAIL);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('logout').waitFor();
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
};
