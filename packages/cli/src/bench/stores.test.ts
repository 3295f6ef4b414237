import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchStores, parseBenchStores } from './stores.js';

describe('the stores a benchmark measures', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads --stores, refusing a name that is not a store', () => {
    vi.stubEnv('DATABASE_URL', 'postgres://bench@localhost/bench');
    expect(parseBenchStores('embedded,postgres')).toEqual(['embedded', 'postgres']);
    expect(parseBenchStores(' postgres ')).toEqual(['postgres']);
    expect(() => parseBenchStores('embedded,mysql')).toThrow(/"mysql" is not one of embedded, postgres/);
    expect(() => parseBenchStores(',')).toThrow(/name at least one/);
    // PostgreSQL alone without DATABASE_URL is refused before any work.
    vi.stubEnv('DATABASE_URL', '');
    expect(() => parseBenchStores('postgres')).toThrow(/set DATABASE_URL/);
    expect(parseBenchStores('embedded')).toEqual(['embedded']);
  });

  it('measures both by default, PostgreSQL only where DATABASE_URL points', () => {
    const said: string[] = [];
    vi.stubEnv('DATABASE_URL', '');
    expect(benchStores('/tmp/x', (l) => said.push(l)).map((s) => s.label)).toEqual(['embedded (PGlite)']);
    expect(said).toEqual(['DATABASE_URL is not set: PostgreSQL not measured']);
    vi.stubEnv('DATABASE_URL', 'postgres://bench@localhost/bench');
    expect(benchStores('/tmp/x', () => {}).map((s) => s.location)).toEqual([
      { dataDir: '/tmp/x/data' },
      { databaseUrl: 'postgres://bench@localhost/bench' },
    ]);
  });

  it('measures one store when asked, and refuses PostgreSQL alone without DATABASE_URL', () => {
    vi.stubEnv('DATABASE_URL', 'postgres://bench@localhost/bench');
    expect(benchStores('/tmp/x', () => {}, ['postgres']).map((s) => s.label)).toEqual(['PostgreSQL']);
    expect(benchStores('/tmp/x', () => {}, ['embedded']).map((s) => s.label)).toEqual(['embedded (PGlite)']);
    vi.stubEnv('DATABASE_URL', '');
    expect(() => benchStores('/tmp/x', () => {}, ['postgres'])).toThrow(/set DATABASE_URL/);
  });
});
