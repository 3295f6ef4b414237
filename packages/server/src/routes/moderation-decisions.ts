import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  BLOCKLIST_REMOVE_KIND,
  ENTRY_GATE_PLAY,
  JOIN_DECISION_KIND,
  JOIN_REQUEST_KIND,
  LADDER_PLAY,
  type LedgerEntry,
  QunzhuError,
  VIOLATION_KIND,
} from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import type { AppEnv } from '../app-env.js';
import { requireRole, userIdOf } from '../auth/access.js';
import type { ModerationDecision } from '../runtime/decisions.js';
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

const base = '/api/v1/communities/{communityId}/moderation';
/** Ledger kind of a moderator's confirmation (a restore is a -1 violation entry). */
const DECISION_KIND = 'decision';

const violationSchema = z
  .object({
    ledgerId: z.number(),
    groupId: z.number().nullable(),
    groupName: z.string().nullable(),
    memberId: z.number(),
    displayName: z.string(),
    at: isoDate,
    data: z.record(z.string(), z.unknown()),
    eventId: z.number().nullable(),
    text: z.string().nullable(),
    restored: z.object({ ledgerId: z.number(), reason: z.string(), by: z.number().nullable(), at: isoDate }).nullable(),
    confirmed: z.object({ reason: z.string(), by: z.number().nullable(), at: isoDate }).nullable(),
  })
  .openapi('Violation');
const joinRequestSchema = z
  .object({
    ledgerId: z.number(),
    groupId: z.number(),
    groupName: z.string(),
    memberId: z.number(),
    displayName: z.string(),
    at: isoDate,
    answers: z.string(),
    username: z.string().nullable(),
    reason: z.string(),
  })
  .openapi('JoinRequest');

const violationsToDecide = async (
  store: Store,
  communityId: number,
  target: { ledgerId?: number | undefined; eventId?: number | undefined },
): Promise<LedgerEntry[]> => {
  if (target.ledgerId !== undefined) {
    const entry = await store.moderation.ledgerEntry(communityId, target.ledgerId);
    if (entry.play !== LADDER_PLAY || entry.kind !== VIOLATION_KIND || entry.amount <= 0) {
      throw new QunzhuError('bad_input', `ledger entry ${target.ledgerId} is not a violation`);
    }
    return [entry];
  }
  const entries = await store.moderation.ledgerForEvent(communityId, target.eventId ?? 0, LADDER_PLAY, VIOLATION_KIND);
  if (entries.length === 0) throw new QunzhuError('not_found', `no violation recorded for event ${target.eventId}`);
  return entries;
};

/** Write a restore: the reversing entry, and the undo of the penalty where one exists. */
const restore = async (tx: Store, v: LedgerEntry, reason: string, by: number | null, now: Date): Promise<string> => {
  const penalty = v.data.penalty;
  const outcome = v.data.outcome;
  let undo = 'none';
  if (penalty === 'mute' && outcome === 'done' && v.groupId !== null) {
    undo = 'unmute';
    await tx.playState.enqueueAction({
      communityId: v.communityId,
      groupId: v.groupId,
      play: LADDER_PLAY,
      kind: 'unmute',
      payload: { memberId: v.memberId },
      idempotencyKey: `${LADDER_PLAY}:restore:${v.id}:unmute`,
      at: now,
    });
  } else if (penalty === 'blocklist') {
    undo = 'unblock';
    await tx.playState.appendLedger({
      communityId: v.communityId,
      groupId: v.groupId,
      memberId: v.memberId,
      play: LADDER_PLAY,
      kind: BLOCKLIST_REMOVE_KIND,
      amount: -1,
      data: { reverses: v.id, reason, by },
      dedupeKey: `${LADDER_PLAY}:restore:${v.id}:unblock`,
      at: now,
    });
  }
  await tx.playState.appendLedger({
    communityId: v.communityId,
    groupId: v.groupId,
    memberId: v.memberId,
    play: LADDER_PLAY,
    kind: VIOLATION_KIND,
    amount: -1,
    data: { reverses: v.id, reason, by, undo },
    dedupeKey: `${LADDER_PLAY}:restore:${v.id}`,
    at: now,
    ...(v.sourceEventId === undefined ? {} : { sourceEventId: v.sourceEventId }),
  });
  return undo;
};

/** Violations and moderators' decisions on them; the entry gate's queue of join requests. */
export const moderationDecisionRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/violations`,
      tags: ['moderation'],
      summary: 'Recent violations the penalty ladder recorded, newest first, with the message and decisions',
      security,
      request: {
        params: communityParams,
        query: z.object({
          memberId: id.optional(),
          before: id.optional().openapi({ description: 'ledger id: the page before it' }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(violationSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'viewer');
      const items = await store.moderation.violations(communityId, {
        play: LADDER_PLAY,
        kind: VIOLATION_KIND,
        decisionKind: DECISION_KIND,
        limit: q.limit,
        ...(q.memberId ? { memberId: q.memberId } : {}),
        ...(q.before ? { beforeId: q.before } : {}),
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/decisions`,
      tags: ['moderation'],
      summary:
        'Confirm a violation, or restore: a reversing ledger entry and the undo of its penalty (unmute, unblock) (steward)',
      security,
      request: {
        params: communityParams,
        body: jsonBody(
          z
            .object({
              ledgerId: id.optional(),
              eventId: id.optional(),
              decision: z.enum(['confirm', 'restore']),
              reason: z.string().trim().max(500).default(''),
            })
            .refine((b) => (b.ledgerId === undefined) !== (b.eventId === undefined), {
              message: 'give exactly one of ledgerId and eventId',
            }),
        ),
      },
      responses: {
        ...jsonOk(
          z.object({
            decisions: z.array(z.object({ ledgerId: z.number(), memberId: z.number(), undo: z.string() })),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'steward');
      const by = userIdOf(p);
      const now = d.clock.now();
      const made = await d.store.transaction(async (tx) => {
        const list = await violationsToDecide(tx, communityId, body);
        const out: { ledgerId: number; memberId: number; undo: string; entry: LedgerEntry }[] = [];
        for (const v of list) {
          if (await tx.moderation.ledgerByKey(communityId, `${LADDER_PLAY}:restore:${v.id}`)) {
            throw new QunzhuError('conflict', `violation ${v.id} was already restored`);
          }
          if (body.decision === 'restore') {
            out.push({
              ledgerId: v.id,
              memberId: v.memberId,
              undo: await restore(tx, v, body.reason, by, now),
              entry: v,
            });
          } else {
            await tx.playState.appendLedger({
              communityId,
              groupId: v.groupId,
              memberId: v.memberId,
              play: LADDER_PLAY,
              kind: DECISION_KIND,
              amount: 0,
              data: { violationId: v.id, decision: 'confirm', reason: body.reason, by },
              dedupeKey: `${LADDER_PLAY}:confirm:${v.id}`,
              at: now,
            });
            out.push({ ledgerId: v.id, memberId: v.memberId, undo: 'none', entry: v });
          }
        }
        return out;
      });
      void d.runtime.dispatch();
      for (const m of made) {
        const eventId = m.entry.sourceEventId ?? null;
        const decision: ModerationDecision = {
          communityId,
          decision: body.decision,
          violation: m.entry,
          eventId,
          text: eventId === null ? null : await d.store.moderation.eventText(communityId, eventId),
          reason: body.reason,
          by,
          at: now,
        };
        await d.runtime.decisions.emit(decision);
      }
      return ok(c, { decisions: made.map(({ ledgerId, memberId, undo }) => ({ ledgerId, memberId, undo })) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/join-requests`,
      tags: ['moderation'],
      summary: 'Join requests the entry gate queued for a person to decide, oldest first',
      security,
      request: {
        params: communityParams,
        query: z.object({ groupId: id.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      responses: { ...jsonOk(z.object({ items: z.array(joinRequestSchema) })), ...errorResponses },
    }),
    async (c) => {
      const { communityId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { store } = deps(c);
      await requireRole(store, principal(c), communityId, 'steward');
      const items = await store.moderation.pendingJoinRequests(communityId, {
        play: ENTRY_GATE_PLAY,
        requestKind: JOIN_REQUEST_KIND,
        decisionKind: JOIN_DECISION_KIND,
        limit: q.limit,
        ...(q.groupId ? { groupId: q.groupId } : {}),
      });
      return ok(c, { items });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/join-requests/{ledgerId}/decision`,
      tags: ['moderation'],
      summary: 'Approve or decline a queued join request (steward)',
      security,
      request: {
        params: communityParams.extend({ ledgerId: id.openapi({ param: { name: 'ledgerId', in: 'path' } }) }),
        body: jsonBody(
          z.object({ decision: z.enum(['approve', 'decline']), reason: z.string().trim().max(500).default('') }),
        ),
      },
      responses: { ...jsonOk(z.object({ ledgerId: z.number(), decision: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const { communityId, ledgerId } = c.req.valid('param');
      const body = c.req.valid('json');
      const d = deps(c);
      const p = principal(c);
      await requireRole(d.store, p, communityId, 'steward');
      const now = d.clock.now();
      await d.store.transaction(async (tx) => {
        const request = await tx.moderation.ledgerEntry(communityId, ledgerId);
        if (request.play !== ENTRY_GATE_PLAY || request.kind !== JOIN_REQUEST_KIND || request.groupId === null) {
          throw new QunzhuError('bad_input', `ledger entry ${ledgerId} is not a join request`);
        }
        if (request.data.status !== 'pending') {
          throw new QunzhuError('conflict', `join request ${ledgerId} was already ${String(request.data.status)}`);
        }
        const key = `${ENTRY_GATE_PLAY}:decision:${ledgerId}`;
        if (await tx.moderation.ledgerByKey(communityId, key)) {
          throw new QunzhuError('conflict', `join request ${ledgerId} was already decided`);
        }
        await tx.playState.appendLedger({
          communityId,
          groupId: request.groupId,
          memberId: request.memberId,
          play: ENTRY_GATE_PLAY,
          kind: JOIN_DECISION_KIND,
          amount: 0,
          data: { requestId: ledgerId, decision: body.decision, reason: body.reason, by: userIdOf(p) },
          dedupeKey: key,
          at: now,
        });
        await tx.playState.enqueueAction({
          communityId,
          groupId: request.groupId,
          play: ENTRY_GATE_PLAY,
          kind: body.decision,
          payload: { memberId: request.memberId },
          idempotencyKey: key,
          at: now,
        });
      });
      void d.runtime.dispatch();
      return ok(c, { ledgerId, decision: body.decision });
    },
  );
};
