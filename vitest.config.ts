import { defineConfig } from 'vitest/config';

// Three projects: plain unit tests once, and every *.db.test.ts against PGlite and against PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['**/*.db.test.ts', 'test/e2e/**', 'node_modules/**'], environment: 'node' } },
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          env: { NAAST_TEST_DB: 'pglite' },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          env: { NAAST_TEST_DB: 'postgres' },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
