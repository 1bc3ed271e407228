import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import type { Database } from '../../src/platform/db/index.js';
import { buildApp } from '../../src/platform/http/app.js';
import { configurePlatform } from '../../src/main.js';
import { plugins } from '../../src/plugins.js';
import { createTestDatabase } from './db.js';
import type { TestApp } from './app.js';

/**
 * Like createTestApp, but with extra plugins after the real ones (e.g. a route that fails on
 * purpose) and optionally on a database the test opened itself (fault tests). Everything else
 * is the real app.
 */
export async function createCustomApp(
  opts: { extraPlugins?: Array<(app: FastifyInstance) => Promise<void>>; db?: Database & { drop?: () => Promise<void> }; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    NAAST_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    NAAST_ARGON2_MEMORY_KIB: '8192',
    NAAST_ARGON2_ITERATIONS: '1',
    ...opts.env,
  });
  configurePlatform(config);
  const db = (opts.db ?? (await createTestDatabase())) as TestApp['db'];
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp({ config, db, plugins: [...plugins, ...(opts.extraPlugins ?? [])], logStream, serveWeb: false });
  await app.ready();
  return {
    app,
    db,
    config,
    logs,
    close: async () => {
      await app.close();
      if (typeof db.drop === 'function') await db.drop();
      else await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
