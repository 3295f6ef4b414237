import type { Role } from '@qunzhu/core';
import { QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { one, toDate, toDateOrNull } from './rows.js';

export type User = {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: Date;
  disabledAt: Date | null;
};
export type UserWithHash = User & { passwordHash: string };

type UserRow = {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  is_admin: boolean;
  created_at: Date;
  disabled_at: Date | null;
};
const userFromRow = (r: UserRow): UserWithHash => ({
  id: r.id,
  email: r.email,
  name: r.name,
  isAdmin: r.is_admin,
  createdAt: toDate(r.created_at),
  disabledAt: toDateOrNull(r.disabled_at),
  passwordHash: r.password_hash,
});
export const withoutHash = ({ passwordHash: _, ...user }: UserWithHash): User => user;

export type Session = { id: string; userId: number; csrfToken: string; expiresAt: Date; lastSeenAt: Date };
export type ApiToken = {
  id: number;
  communityId: number;
  name: string;
  role: Exclude<Role, 'owner'>;
  createdBy: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
type TokenRow = {
  id: number;
  community_id: number;
  name: string;
  role: ApiToken['role'];
  created_by: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const tokenFromRow = (r: TokenRow): ApiToken => ({
  id: r.id,
  communityId: r.community_id,
  name: r.name,
  role: r.role,
  createdBy: r.created_by,
  createdAt: toDate(r.created_at),
  lastUsedAt: toDateOrNull(r.last_used_at),
  revokedAt: toDateOrNull(r.revoked_at),
});

/** Console users, their roles per community, sessions and API tokens. Hashing happens in the server. */
export class AuthRepository {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('select count(*) as n from users');
    return Number(rows[0]?.n ?? 0);
  }

  async createUser(input: { email: string; name?: string; passwordHash: string; isAdmin?: boolean }): Promise<User> {
    try {
      const { rows } = await this.db.query<UserRow>(
        'insert into users (email, name, password_hash, is_admin) values ($1, $2, $3, $4) returning *',
        [input.email.trim(), input.name ?? '', input.passwordHash, input.isAdmin ?? false],
      );
      return withoutHash(userFromRow(one(rows, 'user')));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new QunzhuError('conflict', `a user with email ${input.email} exists already`);
      }
      throw error;
    }
  }

  async findUserByEmail(email: string): Promise<UserWithHash | undefined> {
    const { rows } = await this.db.query<UserRow>('select * from users where lower(email) = lower($1)', [email.trim()]);
    return rows[0] && userFromRow(rows[0]);
  }

  async getUser(id: number): Promise<User> {
    const { rows } = await this.db.query<UserRow>('select * from users where id = $1', [id]);
    return withoutHash(userFromRow(one(rows, `user ${id}`)));
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    await this.db.query('update users set password_hash = $2 where id = $1', [userId, passwordHash]);
    // A new password ends every open session of that user.
    await this.db.query('delete from sessions where user_id = $1', [userId]);
  }

  async setRole(communityId: number, userId: number, role: Role): Promise<void> {
    await this.db.query(
      `insert into community_roles (community_id, user_id, role) values ($1, $2, $3)
       on conflict (community_id, user_id) do update set role = excluded.role`,
      [communityId, userId, role],
    );
  }

  async removeRole(communityId: number, userId: number): Promise<boolean> {
    const { rowCount } = await this.db.query('delete from community_roles where community_id = $1 and user_id = $2', [
      communityId,
      userId,
    ]);
    return rowCount > 0;
  }

  async roleOf(communityId: number, userId: number): Promise<Role | undefined> {
    const { rows } = await this.db.query<{ role: Role }>(
      'select role from community_roles where community_id = $1 and user_id = $2',
      [communityId, userId],
    );
    return rows[0]?.role;
  }

  async rolesOfUser(userId: number): Promise<{ communityId: number; role: Role }[]> {
    const { rows } = await this.db.query<{ community_id: number; role: Role }>(
      'select community_id, role from community_roles where user_id = $1 order by community_id',
      [userId],
    );
    return rows.map((r) => ({ communityId: r.community_id, role: r.role }));
  }

  async usersOfCommunity(communityId: number): Promise<(User & { role: Role })[]> {
    const { rows } = await this.db.query<UserRow & { role: Role }>(
      `select u.*, r.role from community_roles r join users u on u.id = r.user_id
       where r.community_id = $1 order by u.id`,
      [communityId],
    );
    return rows.map((r) => ({ ...withoutHash(userFromRow(r)), role: r.role }));
  }

  async countOwners(communityId: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `select count(*) as n from community_roles where community_id = $1 and role = 'owner'`,
      [communityId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async createSession(s: { id: string; userId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
    await this.db.query('insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [
      s.id,
      s.userId,
      s.csrfToken,
      s.expiresAt.toISOString(),
    ]);
  }

  async getSession(id: string, now: Date): Promise<Session | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      user_id: number;
      csrf_token: string;
      expires_at: Date;
      last_seen_at: Date;
    }>('select * from sessions where id = $1 and expires_at > $2', [id, now.toISOString()]);
    const r = rows[0];
    return (
      r && {
        id: r.id,
        userId: r.user_id,
        csrfToken: r.csrf_token,
        expiresAt: toDate(r.expires_at),
        lastSeenAt: toDate(r.last_seen_at),
      }
    );
  }

  async touchSession(id: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query('update sessions set last_seen_at = $2, expires_at = $3 where id = $1', [
      id,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.query('delete from sessions where id = $1', [id]);
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const { rowCount } = await this.db.query('delete from sessions where expires_at <= $1', [now.toISOString()]);
    return rowCount;
  }

  async createToken(input: {
    communityId: number;
    name: string;
    tokenHash: string;
    role: ApiToken['role'];
    createdBy: number | null;
  }): Promise<ApiToken> {
    const { rows } = await this.db.query<TokenRow>(
      `insert into api_tokens (community_id, name, token_hash, role, created_by) values ($1, $2, $3, $4, $5) returning *`,
      [input.communityId, input.name, input.tokenHash, input.role, input.createdBy],
    );
    return tokenFromRow(one(rows, 'token'));
  }

  async findToken(tokenHash: string): Promise<ApiToken | undefined> {
    const { rows } = await this.db.query<TokenRow>(
      'select * from api_tokens where token_hash = $1 and revoked_at is null',
      [tokenHash],
    );
    return rows[0] && tokenFromRow(rows[0]);
  }

  async touchToken(communityId: number, id: number, now: Date): Promise<void> {
    await this.db.query('update api_tokens set last_used_at = $3 where community_id = $1 and id = $2', [
      communityId,
      id,
      now.toISOString(),
    ]);
  }

  async listTokens(communityId: number): Promise<ApiToken[]> {
    const { rows } = await this.db.query<TokenRow>('select * from api_tokens where community_id = $1 order by id', [
      communityId,
    ]);
    return rows.map(tokenFromRow);
  }

  async revokeToken(communityId: number, id: number, now: Date): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'update api_tokens set revoked_at = $3 where community_id = $1 and id = $2 and revoked_at is null',
      [communityId, id, now.toISOString()],
    );
    return rowCount > 0;
  }
}

/** Key/value settings: per community, and a few for the whole install (setup token). */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get<T>(communityId: number, key: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ value: T }>(
      'select value from settings where community_id = $1 and key = $2',
      [communityId, key],
    );
    return rows[0]?.value;
  }

  async set(communityId: number, key: string, value: unknown): Promise<void> {
    await this.db.query(
      `insert into settings (community_id, key, value) values ($1, $2, $3::jsonb)
       on conflict (community_id, key) do update set value = excluded.value, updated_at = now()`,
      [communityId, key, JSON.stringify(value)],
    );
  }

  async getInstance<T>(key: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ value: T }>('select value from instance_settings where key = $1', [key]);
    return rows[0]?.value;
  }

  async setInstance(key: string, value: unknown): Promise<void> {
    await this.db.query(
      `insert into instance_settings (key, value) values ($1, $2::jsonb)
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  async deleteInstance(key: string): Promise<void> {
    await this.db.query('delete from instance_settings where key = $1', [key]);
  }
}
