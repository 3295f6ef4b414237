import { QunzhuError, type Role, roleAtLeast } from '@qunzhu/core';
import type { ApiToken, Session, Store, User } from '@qunzhu/store';

export type Principal = { kind: 'session'; user: User; session: Session } | { kind: 'token'; token: ApiToken };

/** The caller's role in a community: instance admins own every community; a token has its own. */
export const roleIn = async (store: Store, principal: Principal, communityId: number): Promise<Role | undefined> => {
  if (principal.kind === 'token') return principal.token.communityId === communityId ? principal.token.role : undefined;
  if (principal.user.isAdmin) {
    await store.communities.get(communityId); // 404 for a community that does not exist
    return 'owner';
  }
  return store.auth.roleOf(communityId, principal.user.id);
};

/** Throws 403 unless the caller holds at least `needed` in the community; returns the role held. */
export const requireRole = async (
  store: Store,
  principal: Principal,
  communityId: number,
  needed: Role,
): Promise<Role> => {
  const held = await roleIn(store, principal, communityId);
  if (!held) throw new QunzhuError('forbidden', `you have no role in community ${communityId}`);
  if (!roleAtLeast(held, needed)) {
    throw new QunzhuError('forbidden', `this needs the ${needed} role in community ${communityId}; you are ${held}`);
  }
  return held;
};

export const requireInstanceAdmin = (principal: Principal): User => {
  if (principal.kind !== 'session' || !principal.user.isAdmin) {
    throw new QunzhuError('forbidden', 'only an instance administrator can do this');
  }
  return principal.user;
};

export const userIdOf = (principal: Principal): number | null =>
  principal.kind === 'session' ? principal.user.id : principal.token.createdBy;
