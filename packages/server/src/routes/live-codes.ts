import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { dayDiff, localTime, QunzhuError, shiftDay } from '@qunzhu/core';
import { LIVE_CODE_PATTERN, type LiveCode, type LiveCodeTarget, liveCodeLinkName } from '@qunzhu/store';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { requireRole } from '../auth/access.js';
import { CHANNEL_PATTERN, MAX_QR_UPLOAD_BYTES, qrOf, sniffQrImage } from '../live-codes/index.js';
import {
  communityParams,
  deps,
  errorResponses,
  id,
  isoDate,
  jsonBody,
  jsonOk,
  ok,
  principal,
  security,
} from './common.js';

const DAY_MS = 86_400_000;

const targetStatus = z.enum(['ok', 'full', 'expired', 'no_qr', 'no_link', 'off']);
const targetSchema = z
  .object({
    id: z.number(),
    groupId: z.number(),
    groupName: z.string(),
    platform: z.string(),
    position: z.number(),
    kind: z.enum(['qr', 'link']),
    capacity: z.number().nullable(),
    baseMembers: z.number(),
    routed: z.number(),
    members: z.number(),
    fill: z.number().openapi({ description: 'The larger of members and baseMembers + routed; compared with capacity' }),
    active: z.boolean(),
    joinUrl: z.string().nullable(),
    linkSource: z.enum(['operator', 'auto']).nullable(),
    qr: z
      .object({
        version: z.number(),
        type: z.enum(['image/png', 'image/jpeg']),
        bytes: z.number(),
        uploadedAt: isoDate,
        expiresAt: isoDate.nullable(),
      })
      .nullable(),
    status: targetStatus.openapi({ description: 'Whether it takes visitors now, and if not, why' }),
  })
  .openapi('LiveCodeTarget');
const liveCodeSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    url: z.string().openapi({ description: 'The public address: /j/{code} on the public URL' }),
    active: z.boolean(),
    channels: z.array(z.string()),
    remindBeforeHours: z.number(),
    exhaustedAt: isoDate.nullable(),
    createdAt: isoDate,
    targets: z.array(targetSchema),
  })
  .openapi('LiveCode');

const channel = z
  .string()
  .regex(CHANNEL_PATTERN, 'a channel is 1–40 letters, digits, “_” or “-”, starting with a letter or digit');
const joinUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https:\/\//.test(u), 'a join link must start with https://');
const codeFields = z.object({
  name: z.string().trim().min(1).max(100),
  code: z
    .string()
    .regex(LIVE_CODE_PATTERN, 'a code is 3–40 letters, digits, “_” or “-”')
    .optional()
    .openapi({ description: 'The public code in /j/{code}; random (8 characters) when absent' }),
  channels: z.array(channel).max(50).default([]),
  remindBeforeHours: z.number().int().min(1).max(144).default(24),
});
const targetFields = z.object({
  groupId: id,
  capacity: z.number().int().min(1).max(200_000).nullable().optional().openapi({
    description: 'Absent: by platform (WeChat 200, WeCom 500, others none); null: no limit',
  }),
  joinUrl: joinUrl.nullable().optional().openapi({
    description: 'Link groups only: an invite link to use; absent or null: Qunzhu creates named links (Telegram)',
  }),
  baseMembers: z.number().int().min(0).max(200_000).optional(),
});

const codeParams = communityParams.extend({ liveCodeId: id.openapi({ param: { name: 'liveCodeId', in: 'path' } }) });
const targetParams = codeParams.extend({ targetId: id.openapi({ param: { name: 'targetId', in: 'path' } }) });

/** Where people open live codes: the configured public URL, else the address this request came to. */
export const publicBase = (c: Context<AppEnv>): string =>
  (deps(c).publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

const statusOf = (t: LiveCodeTarget, now: Date): z.infer<typeof targetStatus> => {
  if (!t.active) return 'off';
  if (t.kind === 'qr') {
    if (!t.qr) return 'no_qr';
    if (t.qr.expiresAt && t.qr.expiresAt.getTime() <= now.getTime()) return 'expired';
  } else if (!t.joinUrl) return 'no_link';
  return t.capacity !== null && t.fill >= t.capacity ? 'full' : 'ok';
};

const targetJson = (t: LiveCodeTarget, now: Date) => {
  const { qrRemindedAt: _, liveCodeId: __, ...rest } = t;
  return {
    ...rest,
    qr: t.qr && {
      ...t.qr,
      uploadedAt: t.qr.uploadedAt.toISOString(),
      expiresAt: t.qr.expiresAt?.toISOString() ?? null,
    },
    status: statusOf(t, now),
  };
};

const codeJson = (c: Context<AppEnv>, l: LiveCode) => {
  const now = deps(c).clock.now();
  const { communityId: _, ...rest } = l;
  return {
    ...rest,
    url: `${publicBase(c)}/j/${l.code}`,
    exhaustedAt: l.exhaustedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
    targets: l.targets.map((t) => targetJson(t, now)),
  };
};

const dayString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'no such calendar day');

export const liveCodeRoutes = (app: OpenAPIHono<AppEnv>) => {
  const base = '/api/v1/communities/{communityId}/live-codes';

  /** A Telegram-like group added without a link: ask its platform for the pool's named link now. */
  const requestPoolLink = async (c: Context<AppEnv>, communityId: number, liveCodeId: number, t: LiveCodeTarget) => {
    const { store, runtime, clock } = deps(c);
    if (t.linkSource !== 'auto' || t.joinUrl) return;
    if (!runtime.adapterFor(t.platform, communityId)?.capabilities.namedInviteLinks) return;
    await store.liveCodes.requestLink(communityId, t.groupId, liveCodeLinkName(liveCodeId), clock.now());
    void runtime.dispatch();
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['live codes'],
      summary: 'Live codes (活码) with their pools and how full each group is',
      security,
      request: { params: communityParams },
      responses: { ...jsonOk(z.object({ items: z.array(liveCodeSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, { items: (await store.liveCodes.list(communityId)).map((l) => codeJson(c, l)) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['live codes'],
      summary: 'Create a live code, optionally with its pool of groups in order (admin)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(codeFields.extend({ targets: z.array(targetFields).max(100).default([]) })),
      },
      responses: { ...jsonOk(liveCodeSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      await store.communities.get(communityId);
      const created = await store.transaction(async (tx) => {
        const l = await tx.liveCodes.create(communityId, {
          name: body.name,
          channels: [...new Set(body.channels)],
          remindBeforeHours: body.remindBeforeHours,
          ...(body.code ? { code: body.code } : {}),
        });
        for (const t of body.targets) await tx.liveCodes.addTarget(communityId, l.id, withoutUndefined(t));
        return tx.liveCodes.get(communityId, l.id);
      });
      for (const t of created.targets) await requestPoolLink(c, communityId, created.id, t);
      return ok(c, codeJson(c, created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{liveCodeId}`,
      tags: ['live codes'],
      summary: 'One live code with its pool',
      security,
      request: { params: codeParams },
      responses: { ...jsonOk(liveCodeSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      return ok(c, codeJson(c, await store.liveCodes.get(communityId, liveCodeId)));
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{liveCodeId}`,
      tags: ['live codes'],
      summary: 'Rename, pause or resume a live code; its channels and reminder notice (admin)',
      security,
      request: {
        params: codeParams,
        body: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(100).optional(),
            active: z.boolean().optional(),
            channels: z.array(channel).max(50).optional(),
            remindBeforeHours: z.number().int().min(1).max(144).optional(),
          }),
        ),
      },
      responses: { ...jsonOk(liveCodeSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const patch = withoutUndefined({ ...body, channels: body.channels && [...new Set(body.channels)] });
      return ok(c, codeJson(c, await store.liveCodes.update(communityId, liveCodeId, patch)));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{liveCodeId}`,
      tags: ['live codes'],
      summary: 'Delete a live code, its pool and its visit counts (admin); /j/{code} then answers “no such code”',
      security,
      request: { params: codeParams },
      responses: { ...jsonOk(z.object({ deleted: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      await store.liveCodes.remove(communityId, liveCodeId);
      return ok(c, { deleted: true as const });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{liveCodeId}/targets`,
      tags: ['live codes'],
      summary: 'Add a group at the end of the pool (admin)',
      security,
      request: { params: codeParams, body: jsonBody(targetFields) },
      responses: { ...jsonOk(targetSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const t = await store.liveCodes.addTarget(communityId, liveCodeId, withoutUndefined(body));
      await requestPoolLink(c, communityId, liveCodeId, t);
      return ok(c, targetJson(t, clock.now()), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{liveCodeId}/targets/{targetId}`,
      tags: ['live codes'],
      summary: 'Change a pool entry: capacity, on/off, join link, or restart its count from a member number (admin)',
      security,
      request: {
        params: targetParams,
        body: jsonBody(
          z.object({
            capacity: z.number().int().min(1).max(200_000).nullable().optional(),
            active: z.boolean().optional(),
            joinUrl: joinUrl.nullable().optional(),
            baseMembers: z.number().int().min(0).max(200_000).optional(),
          }),
        ),
      },
      responses: { ...jsonOk(targetSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId, targetId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      const t = await store.liveCodes.updateTarget(communityId, liveCodeId, targetId, withoutUndefined(body));
      await requestPoolLink(c, communityId, liveCodeId, t);
      return ok(c, targetJson(t, clock.now()));
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{liveCodeId}/targets/{targetId}`,
      tags: ['live codes'],
      summary: 'Take a group out of the pool (admin)',
      security,
      request: { params: targetParams },
      responses: { ...jsonOk(z.object({ deleted: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId, targetId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      await store.liveCodes.removeTarget(communityId, liveCodeId, targetId);
      return ok(c, { deleted: true as const });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{liveCodeId}/order`,
      tags: ['live codes'],
      summary: 'Put the pool in a new order: visitors go to the first group that takes them (admin)',
      security,
      request: { params: codeParams, body: jsonBody(z.object({ targetIds: z.array(id).max(100) })) },
      responses: { ...jsonOk(liveCodeSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const { targetIds } = c.req.valid('json');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'admin');
      return ok(c, codeJson(c, await store.liveCodes.reorder(communityId, liveCodeId, targetIds)));
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{liveCodeId}/targets/{targetId}/qr`,
      tags: ['live codes'],
      summary: `Upload a group's QR image, PNG or JPEG up to ${MAX_QR_UPLOAD_BYTES} bytes (steward); it expires after \`days\` (default 7) or at \`expiresAt\``,
      security,
      request: {
        params: targetParams,
        query: z.object({
          days: z.coerce.number().min(0.01).max(365).optional(),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
      responses: { ...jsonOk(targetSchema), ...errorResponses },
    }),
    async (c) => {
      const { communityId, liveCodeId, targetId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      if (q.days !== undefined && q.expiresAt !== undefined) {
        throw new QunzhuError('bad_input', 'give either days or expiresAt, not both');
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const type = sniffQrImage(bytes);
      const now = clock.now();
      const expiresAt = q.expiresAt ? new Date(q.expiresAt) : new Date(now.getTime() + (q.days ?? 7) * DAY_MS);
      if (expiresAt.getTime() <= now.getTime()) {
        throw new QunzhuError('bad_input', `expiresAt ${expiresAt.toISOString()} has passed already`);
      }
      const t = await store.liveCodes.setQr(communityId, liveCodeId, targetId, {
        image: bytes,
        type,
        uploadedAt: now,
        expiresAt,
      });
      return ok(c, targetJson(t, now));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{liveCodeId}/targets/{targetId}/qr`,
      tags: ['live codes'],
      summary: "The group's uploaded QR image",
      security,
      request: { params: targetParams },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, liveCodeId, targetId } = c.req.valid('param');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const qr = await store.liveCodes.qrImage(communityId, liveCodeId, targetId);
      if (!qr) throw new QunzhuError('not_found', `no QR image uploaded for pool entry ${targetId}`);
      c.header('Content-Type', qr.type);
      return c.body(qr.image as Uint8Array<ArrayBuffer>) as never;
    },
  );

  for (const format of ['png', 'svg'] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `${base}/{liveCodeId}/qr.${format}`,
        tags: ['live codes'],
        summary: `The live code's own QR code as ${format.toUpperCase()}, for a channel when \`ch\` is given (a download)`,
        security,
        request: {
          params: codeParams,
          query: z.object({
            ch: channel.optional(),
            size: z.coerce
              .number()
              .int()
              .min(128)
              .max(2048)
              .default(512)
              .openapi({ description: 'PNG width in pixels' }),
          }),
        },
        responses: {
          200: {
            description: 'The QR code',
            content: {
              [format === 'png' ? 'image/png' : 'image/svg+xml']: {
                schema: z.string().openapi({ format: format === 'png' ? 'binary' : 'xml' }),
              },
            },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { communityId, liveCodeId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { store } = deps(c);
        await requireRole(store, principal(c), communityId, 'viewer');
        const l = await store.liveCodes.get(communityId, liveCodeId);
        const url = `${publicBase(c)}/j/${l.code}${q.ch ? `?ch=${encodeURIComponent(q.ch)}` : ''}`;
        const image = await qrOf(url, format, q.size);
        c.header('Content-Type', format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8');
        c.header(
          'Content-Disposition',
          `attachment; filename="live-code-${l.code}${q.ch ? `-${q.ch}` : ''}.${format}"`,
        );
        return c.body(image as Uint8Array<ArrayBuffer> | string) as never;
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{liveCodeId}/stats`,
      tags: ['live codes'],
      summary:
        "Visits and joins per channel per day (the community's calendar); joins only where the platform tells the link (Telegram)",
      security,
      request: {
        params: codeParams,
        query: z.object({ from: dayString.optional(), to: dayString.optional() }),
      },
      responses: {
        ...jsonOk(
          z.object({
            from: z.string(),
            to: z.string(),
            days: z.array(
              z.object({
                day: z.string(),
                channel: z.string(),
                visits: z.number(),
                routed: z.number(),
                turnedAway: z.number(),
                joins: z.number(),
              }),
            ),
            channels: z.array(
              z.object({
                channel: z.string(),
                visits: z.number(),
                routed: z.number(),
                turnedAway: z.number(),
                joins: z.number(),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId, liveCodeId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store, clock } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const community = await store.communities.get(communityId);
      await store.liveCodes.get(communityId, liveCodeId);
      const to = q.to ?? localTime(clock.now(), community.timezone).day;
      const from = q.from ?? shiftDay(to, -29);
      if (dayDiff(from, to) < 0) throw new QunzhuError('bad_input', `from ${from} is after to ${to}`);
      if (dayDiff(from, to) > 366) throw new QunzhuError('bad_input', 'a stats range is at most 366 days');
      const days = await store.liveCodes.stats(communityId, liveCodeId, { from, to, timezone: community.timezone });
      const totals = new Map<
        string,
        { channel: string; visits: number; routed: number; turnedAway: number; joins: number }
      >();
      for (const d of days) {
        const t = totals.get(d.channel) ?? { channel: d.channel, visits: 0, routed: 0, turnedAway: 0, joins: 0 };
        t.visits += d.visits;
        t.routed += d.routed;
        t.turnedAway += d.turnedAway;
        t.joins += d.joins;
        totals.set(d.channel, t);
      }
      return ok(c, { from, to, days, channels: [...totals.values()].sort((a, b) => b.visits - a.visits) });
    },
  );
};

/** Drop absent fields, so `exactOptionalPropertyTypes` patches say only what was given. */
const withoutUndefined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
