import { type Community, type Language, localTime, memberInviteLinkName, QunzhuError } from '@qunzhu/core';
import { type LiveCode, type LiveCodeTarget, liveCodeLinkName, type Store } from '@qunzhu/store';
import type { Runtime } from '../runtime/runtime.js';

/** A channel (`?ch=`): letters, digits, `_` and `-`, up to 40; anything else counts as no channel. */
export const CHANNEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** A referrer (`?ref=`): `m` and a member id, nothing else. */
const REF_PATTERN = /^m([1-9]\d{0,14})$/;
/** Telegram refuses invite link names longer than this. */
const LINK_NAME_MAX = 32;

export const parseChannel = (raw: string | undefined): string => (raw && CHANNEL_PATTERN.test(raw) ? raw : '');
export const parseRef = (raw: string | undefined): number | undefined => {
  const m = raw ? REF_PATTERN.exec(raw) : null;
  return m ? Number(m[1]) : undefined;
};

export type VisitResult =
  | { kind: 'missing' }
  | { kind: 'paused'; liveCode: LiveCode; community: Community }
  | { kind: 'full'; liveCode: LiveCode; community: Community }
  | { kind: 'link'; liveCode: LiveCode; community: Community; target: LiveCodeTarget; url: string }
  | { kind: 'qr'; liveCode: LiveCode; community: Community; target: LiveCodeTarget };

export type VisitDeps = {
  store: Store;
  runtime: Runtime;
  /** How long a visit waits for a named link it just asked the platform for; then the pool's link is used. */
  linkWaitMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const alertText: Record<Language, (code: string) => string> = {
  'zh-CN': (code) =>
    `活码「${code}」下的群都已满员、二维码已过期或还没有入群链接，访客现在进不了群：请添加新群、上传新的二维码或填写入群链接。`,
  en: (code) =>
    `Every group of the live code “${code}” is full, has an expired QR code or no join link yet, so visitors cannot join now: add a group, upload a new QR code or give a join link.`,
};

/** Whether Qunzhu can ask this group's platform for named invite links now. */
const canCreateLinks = (runtime: Runtime, communityId: number, platform: string) =>
  runtime.adapterFor(platform, communityId)?.capabilities.namedInviteLinks === true;

/**
 * Ask for a link by name (once) and wait a little for the outbox to bring its URL back; undefined
 * when it is not there in time (the visitor then gets the pool's link and the next one gets this).
 */
const namedLink = async (
  deps: VisitDeps,
  communityId: number,
  target: LiveCodeTarget,
  name: string,
  now: Date,
  memberId?: number,
): Promise<string | undefined> => {
  const { store, runtime } = deps;
  const known = await store.liveCodes.link(communityId, target.groupId, name);
  if (known?.url) return known.url;
  if (!known) {
    if (!canCreateLinks(runtime, communityId, target.platform)) return undefined;
    await store.liveCodes.requestLink(communityId, target.groupId, name, now, memberId);
  }
  const until = Date.now() + (deps.linkWaitMs ?? 3000);
  for (;;) {
    await runtime.dispatch();
    const link = await store.liveCodes.link(communityId, target.groupId, name);
    if (link?.url) return link.url;
    if (Date.now() >= until) return undefined;
    await sleep(100);
  }
};

/**
 * Someone opened `/j/{code}`: send them to the first group of the pool that takes visitors (counted
 * against its capacity atomically), on the channel's or the referrer's own invite link where
 * Qunzhu makes links; count the visit per channel; when no group takes visitors, say so and alert
 * the stewards once per episode.
 */
export const visit = async (
  deps: VisitDeps,
  code: string,
  query: { ch?: string | undefined; ref?: string | undefined },
  now: Date,
): Promise<VisitResult> => {
  const { store, runtime } = deps;
  const liveCode = await store.liveCodes.byCode(code);
  if (!liveCode) return { kind: 'missing' };
  const community = await store.communities.get(liveCode.communityId);
  if (!liveCode.active) return { kind: 'paused', liveCode, community };
  const c = community.id;
  const channel = parseChannel(query.ch);
  let ref = parseRef(query.ref);
  if (ref !== undefined) {
    // Only a member of this community can be credited; anyone else's id is ignored.
    ref = await store.members.get(c, ref).then(
      (m) => m.id,
      () => undefined,
    );
  }
  // The pool's own links (qz-c{id}) that Qunzhu asked for and the platform has made since.
  const waiting = liveCode.targets.filter((t) => t.linkSource === 'auto' && t.joinUrl === null && t.active);
  if (waiting.length > 0) {
    for (const t of waiting) {
      if (canCreateLinks(runtime, c, t.platform)) {
        await store.liveCodes.requestLink(c, t.groupId, liveCodeLinkName(liveCode.id), now);
      }
    }
    await runtime.dispatch();
    await store.liveCodes.adoptCreatedLinks(c, liveCode.id);
  }
  const target = await store.liveCodes.assign(c, liveCode.id, now);
  const day = localTime(now, community.timezone).day;
  await store.liveCodes.recordVisit(c, liveCode.id, day, channel, target ? 'routed' : 'turned_away');
  if (!target) {
    const first = liveCode.targets[0];
    if ((await store.liveCodes.markExhausted(c, liveCode.id, now)) && first) {
      await store.playState.enqueueAction({
        communityId: c,
        groupId: first.groupId,
        play: 'live-codes',
        kind: 'alert',
        payload: {
          text: alertText[community.language](liveCode.name),
          reason: 'live_code_full',
          liveCodeId: liveCode.id,
        },
        idempotencyKey: `live-codes:full:c${liveCode.id}:${now.getTime()}`,
        at: now,
      });
      void runtime.dispatch();
    }
    return { kind: 'full', liveCode, community };
  }
  if (liveCode.exhaustedAt) await store.liveCodes.clearExhausted(c, liveCode.id);
  if (target.kind === 'qr') return { kind: 'qr', liveCode, community, target };
  let url = target.joinUrl;
  if (url === null) throw new QunzhuError('internal', `pool entry ${target.id} took a visitor without a link`);
  if (target.linkSource === 'auto') {
    // The referrer's personal link (the invites play credits them), else the channel's own link.
    const channelLink =
      channel && liveCode.channels.includes(channel) && liveCodeLinkName(liveCode.id, channel).length <= LINK_NAME_MAX
        ? liveCodeLinkName(liveCode.id, channel)
        : undefined;
    const wanted =
      ref !== undefined
        ? { name: memberInviteLinkName(ref), memberId: ref }
        : channelLink
          ? { name: channelLink }
          : undefined;
    if (wanted) url = (await namedLink(deps, c, target, wanted.name, now, wanted.memberId)) ?? url;
  }
  return { kind: 'link', liveCode, community, target, url };
};
