import type { OpenAPIHono } from '@hono/zod-openapi';
import { localTime } from '@qunzhu/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { messagePage, pageLanguage, qrPage, visit } from '../live-codes/index.js';
import { deps } from './common.js';

const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const html = (c: Context<AppEnv>, body: string, status: 200 | 404 = 200) => {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Security-Policy', PAGE_CSP);
  return c.html(body, status);
};

/**
 * The public side of live codes, without login: `/j/{code}` sends a visitor to a group (a redirect
 * to a join link, or a page with the group's QR code), and `/j/{code}/qr/{targetId}` is that QR.
 */
export const liveCodePageRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.get('/j/:code', async (c) => {
    const d = deps(c);
    const result = await visit(
      { store: d.store, runtime: d.runtime },
      c.req.param('code'),
      { ch: c.req.query('ch'), ref: c.req.query('ref') },
      d.clock.now(),
    );
    const acceptLanguage = c.req.header('accept-language');
    if (result.kind === 'missing') return html(c, messagePage(pageLanguage(acceptLanguage, 'zh-CN'), 'missing'), 404);
    const lang = pageLanguage(acceptLanguage, result.community.language);
    switch (result.kind) {
      case 'paused':
        return html(c, messagePage(lang, 'paused', result.liveCode.name));
      case 'full':
        return html(c, messagePage(lang, 'full', result.liveCode.name));
      case 'link':
        c.header('Cache-Control', 'no-store');
        return c.redirect(result.url, 302);
      case 'qr': {
        const { target, liveCode, community } = result;
        const expires = target.qr?.expiresAt;
        const local = expires ? localTime(expires, community.timezone) : null;
        const at = local
          ? `${local.day} ${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`
          : null;
        return html(
          c,
          qrPage(lang, {
            title: liveCode.name,
            groupName: target.groupName,
            imageUrl: `/j/${encodeURIComponent(liveCode.code)}/qr/${target.id}?v=${target.qr?.version ?? 0}`,
            expiresAt: at,
          }),
        );
      }
    }
  });

  app.get('/j/:code/qr/:targetId', async (c) => {
    const { store, clock } = deps(c);
    const liveCode = await store.liveCodes.byCode(c.req.param('code'));
    const targetId = Number(c.req.param('targetId'));
    const target = liveCode?.targets.find((t) => t.id === targetId);
    const expired = target?.qr?.expiresAt && target.qr.expiresAt.getTime() <= clock.now().getTime();
    const qr =
      liveCode?.active && target?.active && !expired
        ? await store.liveCodes.qrImage(liveCode.communityId, liveCode.id, targetId)
        : undefined;
    if (!qr) return c.text('no such QR code', 404);
    c.header('Content-Type', qr.type);
    c.header('Cache-Control', 'private, max-age=300');
    return c.body(qr.image as Uint8Array<ArrayBuffer>);
  });
};
