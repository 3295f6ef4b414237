import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources in tests, so no build is needed to test.
  resolve: { conditions: ['qunzhu-source'] },
  ssr: { resolve: { conditions: ['qunzhu-source'] } },
  test: {
    // Inline workspace packages so that their sources (not dist) are what the tests run.
    server: { deps: { inline: [/@qunzhu\//] } },
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, so files run two at a time.
    maxWorkers: 2,
  },
});
