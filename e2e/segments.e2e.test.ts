import { join } from 'node:path';
import type { RunningServer } from '@qunzhu/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, haveBrowser, openConsole, SHOTS } from './browser.test-support.js';

// Segments and ponds in a real browser against a real server with the demo community (the #ubuntu
// IRC history). Fails on any console error or failed request; screenshots go to artifacts/screenshots.
describe.runIf(haveBrowser)('segments page in Chromium', () => {
  let session: ConsoleSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    session = await openConsole('segments');
    ({ server, page, problems } = session);
    await session.login();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('saves a segment from a filter, then shows its size, chart and members', async () => {
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-name').fill('老成员');
    // Members first seen before 2005: the demo history starts in December 2004.
    const before = page.getByTestId('segment-preview');
    await before.filter({ hasText: /\d/ }).waitFor();
    const all = Number((await before.textContent())?.replace(/\D/g, ''));
    const dates = page.getByTestId('segment-filter').locator('input[type="date"]');
    await dates.nth(3).fill('2004-12-31'); // first seen up to
    const count = async () => {
      const text = (await before.textContent()) ?? '';
      return text.includes('：') ? Number(text.replace(/\D/g, '')) : Number.POSITIVE_INFINITY;
    };
    await expect.poll(count, { timeout: 15_000 }).toBeLessThan(all);
    expect(await count()).toBeGreaterThan(0);
    await shot('segment-editor');
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segment-detail').waitFor();
    const size = Number(await page.getByTestId('segment-size').textContent());
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(all);
    await page.locator('[data-testid="segment-sizes"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('segment-members').locator('tbody tr a').first().waitFor();
    expect(await page.getByTestId('segment-export').getAttribute('href')).toMatch(/\/segments\/\d+\/export\.csv$/);
    await shot('segments');
    // The members list takes the same filter: it lists as many.
    await page.getByTestId('segment-open-members').click();
    await page.getByTestId('member-segment-filter').waitFor();
    await expect
      .poll(async () => Number((await page.getByTestId('members-total').textContent())?.replace(/\D/g, '')))
      .toBe(size);
    await shot('members-segment-filter');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-table').getByText('老成员').click();
    await page.getByTestId('segment-detail').waitFor();
  });

  it('shows a pond with its figures on the ponds tab', async () => {
    const c = (await server.store.communities.list())[0];
    if (!c) throw new Error('no demo community');
    const [segment] = await server.store.segments.list(c.id);
    const [group] = await server.store.groups.list(c.id);
    if (!segment || !group) throw new Error('no segment or group');
    const pond = await server.store.ponds.create(c.id, {
      name: '老成员回流',
      segmentId: segment.id,
      targetGroupId: group.id,
      joinLink: 'https://sandbox.invalid/join/e2e',
      template: '',
      perMessage: 10,
      cooldownDays: 30,
    });
    await page.locator('[data-node-key="ponds"]').click();
    await page.getByTestId('ponds-table').getByText('老成员回流').waitFor();
    expect(await page.getByTestId(`pond-converted-${pond.id}`).textContent()).toBe('0');
    await shot('ponds');
  });

  it('saw no browser console error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
