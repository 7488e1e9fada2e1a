import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // PGlite takes a few seconds to create, and CI machines are small and noisy.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
