import { QunzhuError } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import { hashPassword, hashSecret, MIN_PASSWORD_LENGTH, newSecret } from './auth/secrets.js';
import { SETUP_TOKEN_KEY } from './routes/auth.js';

export type OwnerBootstrap = { kind: 'exists' } | { kind: 'created'; email: string } | { kind: 'setup'; token: string };

/**
 * On a store with no users: create the owner from QUNZHU_ADMIN_EMAIL/PASSWORD, or issue a one-time
 * setup token (a new one at each start until someone uses it). With users, nothing changes.
 */
export const bootstrapOwner = async (
  store: Store,
  admin: { email?: string | undefined; password?: string | undefined },
): Promise<OwnerBootstrap> => {
  if ((await store.auth.countUsers()) > 0) return { kind: 'exists' };
  if (admin.email || admin.password) {
    if (!admin.email || !admin.password) {
      throw new QunzhuError('bad_input', 'set both QUNZHU_ADMIN_EMAIL and QUNZHU_ADMIN_PASSWORD, or neither');
    }
    if (admin.password.length < MIN_PASSWORD_LENGTH) {
      throw new QunzhuError('bad_input', `QUNZHU_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const email = admin.email;
    const passwordHash = await hashPassword(admin.password);
    await store.transaction(async (tx) => {
      const user = await tx.auth.createUser({ email, passwordHash, isAdmin: true, name: 'owner' });
      for (const c of await tx.communities.list()) await tx.auth.setRole(c.id, user.id, 'owner');
    });
    return { kind: 'created', email };
  }
  const token = newSecret();
  await store.settings.setInstance(SETUP_TOKEN_KEY, hashSecret(token));
  return { kind: 'setup', token };
};
