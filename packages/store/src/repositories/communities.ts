import type { Community, Language } from '@qunzhu/core';
import { QunzhuError } from '@qunzhu/core';
import type { Db } from '../drivers/db.js';
import { type CommunityRow, communityFromRow, one } from './rows.js';

export type CommunityPatch = { name?: string; timezone?: string; language?: Language };

const uniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

export class CommunityRepository {
  constructor(private readonly db: Db) {}

  async create(input: { name: string; timezone?: string; language?: Language }): Promise<Community> {
    try {
      const { rows } = await this.db.query<CommunityRow>(
        `insert into communities (name, timezone, language) values ($1, coalesce($2, 'Asia/Shanghai'), coalesce($3, 'zh-CN'))
         returning *`,
        [input.name, input.timezone ?? null, input.language ?? null],
      );
      return communityFromRow(one(rows, 'community'));
    } catch (error) {
      if (uniqueViolation(error)) throw new QunzhuError('conflict', `a community named "${input.name}" exists already`);
      throw error;
    }
  }

  async get(id: number): Promise<Community> {
    const { rows } = await this.db.query<CommunityRow>('select * from communities where id = $1', [id]);
    return communityFromRow(one(rows, `community ${id}`));
  }

  async findByName(name: string): Promise<Community | undefined> {
    const { rows } = await this.db.query<CommunityRow>('select * from communities where lower(name) = lower($1)', [
      name,
    ]);
    return rows[0] && communityFromRow(rows[0]);
  }

  async list(): Promise<Community[]> {
    const { rows } = await this.db.query<CommunityRow>('select * from communities order by id');
    return rows.map(communityFromRow);
  }

  async update(id: number, patch: CommunityPatch): Promise<Community> {
    try {
      const { rows } = await this.db.query<CommunityRow>(
        `update communities set name = coalesce($2, name), timezone = coalesce($3, timezone), language = coalesce($4, language)
         where id = $1 returning *`,
        [id, patch.name ?? null, patch.timezone ?? null, patch.language ?? null],
      );
      return communityFromRow(one(rows, `community ${id}`));
    } catch (error) {
      if (uniqueViolation(error)) throw new QunzhuError('conflict', `a community named "${patch.name}" exists already`);
      throw error;
    }
  }
}
