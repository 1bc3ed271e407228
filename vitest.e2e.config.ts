import { defineConfig } from 'vitest/config';

// Browser journeys: one real server (embedded database, demo data) for the run, Debian's Chromium via playwright-core.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});
