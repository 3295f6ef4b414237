import { join } from 'node:path';
import { platformFactories, type RunningServer } from '@qunzhu/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, EMAIL, haveBrowser, openConsole, PASSWORD, SHOTS } from './browser.test-support.js';

// The console in a real browser (Debian's Chromium) against a real server on a free loopback port
// with a fresh data folder and the demo community. Fails on any console error or failed request.
// Screenshots of every page go to artifacts/screenshots.
const FIXTURE = join(process.cwd(), 'packages', 'importers', 'fixtures', 'telegram', 'rust-newbie-village.json');

describe.runIf(haveBrowser)('console in Chromium', () => {
  let session: ConsoleSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    session = await openConsole('console', {
      // A Telegram stand-in: connects at once, as the bot "Qunzhu e2e".
      connectionFactories: platformFactories({
        telegram: () => ({
          platform: 'telegram',
          capabilities: {
            readMessages: true,
            send: true,
            delete: true,
            mute: true,
            remove: true,
            namedInviteLinks: true,
            joinRequests: true,
            pin: true,
          },
          limits: {},
          execute: async () => ({ ok: true }),
          start: async (sink) =>
            sink.state({
              status: 'connected',
              at: new Date(),
              account: { platformUserId: '1', displayName: 'Qunzhu e2e' },
            }),
          stop: async () => {},
          discoverGroups: async () => [{ platformGroupId: '-100200300', name: 'Rust 新手村' }],
        }),
      }),
    });
    ({ server, page, problems } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const noHorizontalScroll = async () =>
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);

  it('logs in', async () => {
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await shot('login');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    expect(await page.getByTestId('user-email').textContent()).toBe(EMAIL);
  });

  it('draws the overview charts with data, at 1280×800 and 1920×1080', async () => {
    await page.locator('[data-testid="chart-messages-per-day"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="chart-joins-leaves"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('overview-members').textContent()).toMatch(/\d/);
    await noHorizontalScroll();
    await shot('overview-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await noHorizontalScroll();
    await shot('overview-1920');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists groups and opens one', async () => {
    await page.getByTestId('nav-groups').click();
    await page.getByTestId('groups-table').waitFor();
    await shot('groups');
    await page.getByRole('link', { name: '#ubuntu' }).first().click();
    await page.getByTestId('group-title').waitFor();
    await page.locator('[data-testid="chart-life-curve"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await shot('group');
  });

  it('finds a demo member and opens the page', async () => {
    await page.getByTestId('nav-members').click();
    const search = page.getByTestId('member-search');
    const input = (await search.evaluate((el) => el.tagName)) === 'INPUT' ? search : search.locator('input').first();
    await input.fill('crimsun');
    await page.getByRole('link', { name: 'crimsun', exact: true }).click();
    await page.getByTestId('member-timeline').waitFor();
    expect(await page.getByTestId('member-name').textContent()).toContain('crimsun');
    await page.getByTestId('timeline-item').first().waitFor();
    const tags = page.getByTestId('member-tags');
    await tags.click();
    await page.keyboard.type('音频');
    await page.keyboard.press('Enter');
    await tags.getByText('音频').waitFor();
    await shot('member');
    // The members list filters by the new tag.
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-tag-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '音频' }).click();
    await page.getByRole('link', { name: 'crimsun', exact: true }).waitFor();
  });

  it('imports a small real fixture and shows the summary', async () => {
    await page.getByTestId('nav-import').click();
    await page.locator('input[type="file"]').setInputFiles(FIXTURE);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('import-inserted').textContent())).toBeGreaterThan(0);
    await shot('import');
  });

  it('greets a sandbox join with the welcome play', async () => {
    await page.getByTestId('nav-sandbox').click();
    await page.getByTestId('sandbox-chat').waitFor();
    await page.getByTestId('sandbox-user').fill('e2e-user');
    await page.getByTestId('sandbox-name').fill('小测');
    await page.getByTestId('sandbox-join').click();
    await page.getByTestId('sandbox-fast-forward').click();
    await page.getByTestId('chat-action').filter({ hasText: '小测' }).first().waitFor({ timeout: 15_000 });
    await shot('sandbox');
  });

  it('checks in from the sandbox and shows the member on the leaderboard', async () => {
    await page.getByTestId('sandbox-text').fill('打卡 第一天：把 e2e 跑通了');
    await page.getByTestId('sandbox-send').click();
    await page.getByTestId('chat-action').filter({ hasText: '打卡成功' }).first().waitFor({ timeout: 15_000 });
    await page.getByTestId('nav-engagement').click();
    await page.getByRole('cell', { name: '小测' }).waitFor({ timeout: 15_000 });
    await shot('engagement');
    await page.locator('[data-node-key="rewards"]').click();
    const add = page.getByTestId('reward-add');
    await add.locator('input').nth(0).fill('社群贴纸');
    await add.locator('input').nth(1).fill('5');
    await add.locator('button[type="submit"]').click();
    await page.getByTestId('rewards-table').getByText('社群贴纸').waitFor();
    await shot('rewards');
  });

  it('creates a live code over the sandbox group; /j/{code} redirects to the link it made and counts the visit', async () => {
    await page.getByTestId('nav-liveCodes').click();
    await page.getByTestId('live-codes-empty').waitFor();
    await page.getByTestId('live-code-name').fill('新人群活码');
    await page.getByTestId('live-code-create').locator('input').nth(1).fill('e2e-code');
    await page.getByTestId('live-code-submit').click();
    const card = page.locator('[data-testid="live-code"][data-code="e2e-code"]');
    await card.waitFor();
    await card.getByTestId('live-code-group').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '(sandbox)' }).first().click();
    await card.getByTestId('live-code-add-submit').click();
    await card.getByTestId('live-code-status').first().waitFor();
    const url = (await card.getByTestId('live-code-url').textContent()) ?? '';
    expect(url).toBe(`${server.url}/j/e2e-code`);
    const visit = await page.request.get(url, { maxRedirects: 0 });
    expect(visit.status()).toBe(302);
    expect(visit.headers().location).toMatch(/^https:\/\/sandbox\.invalid\/join\/\d+$/);
    await page.reload();
    await card.getByTestId('live-code-stats').getByRole('cell', { name: '1' }).first().waitFor();
    expect(await card.getByTestId('live-code-status').first().textContent()).toBe('可分配');
    const png = await page.request.get(`${server.url}${await card.getByTestId('live-code-png').getAttribute('href')}`);
    expect(png.headers()['content-type']).toBe('image/png');
    await shot('live-codes');
  });

  it('lists a member on the moderation page and opens each tab', async () => {
    await page.getByTestId('nav-moderation').click();
    await page.getByTestId('moderation-tabs').waitFor();
    await shot('moderation');
    await page.locator('[data-node-key="blocklist"]').click();
    const add = page.getByTestId('moderation-blocklist-add');
    await add.locator('input').nth(0).fill('telegram');
    await add.locator('input').nth(1).fill('e2e-777');
    await add.locator('button[type="submit"]').click();
    await page.getByTestId('moderation-blocklist-table').getByText('telegram:e2e-777').waitFor();
    await shot('moderation-blocklist');
    await page.locator('[data-node-key="roles"]').click();
    await page.getByTestId('moderation-role-add').waitFor();
    await page.locator('[data-node-key="join-requests"]').click();
    await page.waitForURL(/tab=join-requests/);
  });

  it('switches a play on from a group’s Plays page and backtests it on the group’s history', async () => {
    await page.getByTestId('nav-groups').click();
    await page.getByTestId('groups-table').waitFor();
    await page.getByRole('link', { name: '#ubuntu' }).first().click();
    await page.getByTestId('group-plays-link').click();
    await page.getByTestId('plays-page').waitFor();
    await page.getByTestId('play-card-welcome').waitFor();
    const state = page.getByTestId('play-state-welcome');
    const wasOn = (await state.textContent()) === '已开启';
    if (!wasOn) {
      await page.getByTestId('play-switch-welcome').click();
      await page.locator('[data-testid="play-state-welcome"]', { hasText: '已开启' }).waitFor();
    }
    await page.getByTestId('play-card-welcome').click();
    await page.getByRole('tab', { name: '回测' }).first().click();
    await page.getByTestId('backtest-run-welcome').click();
    await page.getByTestId('backtest-result-welcome').waitFor({ timeout: 60_000 });
    // The demo's #ubuntu history has joins: the welcome play would have greeted some of them.
    expect(
      Number((await page.getByTestId('backtest-actions-welcome').textContent())?.replace(/\D/g, '')),
    ).toBeGreaterThan(0);
    await page.getByTestId('backtest-by-kind-welcome').getByText('send').waitFor();
    await page.getByTestId('backtest-sample').first().waitFor();
    await shot('plays');
  });

  it('switches to English and back', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tabs').waitFor();
    await shot('settings');
    const switchTo = async (label: string) => {
      await page.getByTestId('language-switch').click();
      await page.locator(`.ant-select-item-option[title="${label}"]`).click();
    };
    await switchTo('English');
    await page.getByTestId('nav-overview').filter({ hasText: 'Overview' }).waitFor();
    await shot('settings-en');
    await switchTo('简体中文');
    await page.getByTestId('nav-overview').filter({ hasText: '概览' }).waitFor();
  });

  it('connects a Telegram bot in Settings → Platforms, and shows the outbox', async () => {
    await page.goto(`${server.url}/settings?tab=platforms`);
    await page.getByTestId('settings-platforms-table').waitFor();
    await page.getByTestId('platform-edit-telegram').click();
    await page.getByTestId('telegram-token').fill('7012345678:AAEhBP0av28fT_3YkbC2qmR0mFiYbY1c9xU');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('platform-status-telegram').filter({ hasText: '已连接' }).waitFor({ timeout: 15_000 });
    const table = await page.getByTestId('settings-platforms-table').textContent();
    expect(table).toContain('Qunzhu e2e');
    expect(table).toContain('…c9xU');
    expect(table).not.toContain('AAEhBP0av28f');
    await shot('settings-platforms');
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox-table').waitFor();
    await shot('outbox');
  });

  it('saw no browser console error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
