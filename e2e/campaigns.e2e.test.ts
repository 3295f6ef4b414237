import { join } from 'node:path';
import type { RunningServer } from '@qunzhu/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, haveBrowser, openConsole, SHOTS } from './browser.test-support.js';

// The 裂变活动 page in a real browser against a real server with the demo community: invites made in
// its sandbox group through the invites play, a campaign over them, a flagged burst restored by hand.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.runIf(haveBrowser)('campaigns page in Chromium', () => {
  let session: ConsoleSession;
  let server: RunningServer;
  let page: Page;
  let csrf = '';
  let c = 0;
  let campaignId = 0;
  let problems: string[] = [];

  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) => {
    const r = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      ...(data === undefined ? {} : { data: JSON.stringify(data) }),
    });
    expect(r.status(), `${method} ${path}: ${await r.text()}`).toBeLessThan(300);
    return r.json();
  };

  beforeAll(async () => {
    session = await openConsole('campaigns');
    ({ server, page, problems } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('logs in and seeds invites through the sandbox', async () => {
    await session.login();
    csrf = (await call('GET', '/auth/me')).csrfToken;
    c = server.demo?.community.id as number;
    const g = server.demo?.sandboxGroupId as number;
    // Credits become valid at once here (0 days, no message needed), so the board fills within a tick.
    await call('PUT', `/communities/${c}/groups/${g}/plays/invites`, {
      enabled: true,
      config: { validAfterDays: 0, minMessages: 0 },
    });
    const events = `/communities/${c}/sandbox/groups/${g}/events`;
    await call('POST', events, { type: 'message', user: 'crimsun', name: 'crimsun', text: '大家好' });
    await call('POST', events, { type: 'message', user: 'lamont', name: 'lamont', text: 'buildd 今晚重启' });
    await call('POST', events, { type: 'join', user: 'jdub', name: 'jdub', inviter: 'crimsun' });
    // Five friends of lamont's within a few seconds: a burst.
    for (const n of ['Kamion', 'mdz', 'fabbione', 'sivang', 'elmo']) {
      await call('POST', events, { type: 'join', user: n, name: n, inviter: 'lamont' });
    }
    const campaign = await call('POST', `/communities/${c}/campaigns`, {
      name: '双十一邀请有礼',
      description: '欢迎好友加入 Ubuntu 中文交流群',
      startsOn: day(-1),
      endsOn: day(14),
      targetGroupIds: [g],
      status: 'running',
    });
    campaignId = campaign.id;
  });

  it('lists campaigns and opens the form with the WeChat wording note', async () => {
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaigns-table').waitFor();
    expect(await page.getByTestId('campaigns-table').textContent()).toContain('双十一邀请有礼');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-form').waitFor();
    expect(await page.getByTestId('campaign-form').textContent()).toContain('诱导分享');
    await shot('campaigns');
  });

  it('shows the live leaderboard, restores a flagged invite and re-ranks', async () => {
    await page.goto(`${server.url}/campaigns/${campaignId}`);
    await page.getByTestId('campaign-title').waitFor();
    const board = page.getByTestId('campaign-leaderboard');
    // The invites play's timers fire on the server's next tick: wait for the credits.
    await expect.poll(async () => (await board.textContent()) ?? '', { timeout: 20_000 }).toContain('crimsun');
    const rows = async () =>
      (await board.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect((await rows())[0]).toMatch(/^1\s*crimsun\s*1/);
    await shot('campaign-leaderboard');

    await page.getByRole('tab', { name: '可疑邀请' }).click();
    await page.getByTestId('campaign-flags').waitFor();
    const kamion = page.getByTestId('campaign-flags').locator('tr', { hasText: 'Kamion' });
    await expect.poll(async () => kamion.count()).toBe(1);
    expect(await kamion.textContent()).toContain('集中入群');
    await kamion.locator('[data-testid^="restore-"]').click();
    await page.locator('.ant-popconfirm input').fill('核实过，是同事');
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(async () => (await kamion.textContent()) ?? '').toContain('已恢复');
    await shot('campaign-flags');

    await page.getByRole('tab', { name: '实时排行' }).click();
    await expect.poll(async () => (await rows()).join('|'), { timeout: 20_000 }).toMatch(/lamont\s*1/);
  });

  it('adds a participant and gives them a link and a poster', async () => {
    await page.getByRole('tab', { name: '参与者' }).click();
    const search = page.getByTestId('participant-search');
    await search.click();
    await search.locator('input').fill('crimsun');
    await page.locator('.ant-select-item-option', { hasText: 'crimsun' }).first().click();
    await page.getByTestId('participant-add-button').click();
    const table = page.getByTestId('campaign-participants');
    await expect
      .poll(async () => (await table.locator('tr', { hasText: 'crimsun' }).textContent()) ?? '', { timeout: 20_000 })
      .toContain('sandbox.invalid/join/');
    const href = await table.locator('a[data-testid^="poster-svg-"]').first().getAttribute('href');
    const svg = await page.request.get(`${server.url}${href}`);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    await shot('campaign-participants');
    expect(problems).toEqual([]);
  });
});
