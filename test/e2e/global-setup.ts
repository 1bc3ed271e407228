import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script shared with npm test
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
// @ts-expect-error plain ESM script shared with npm start
import { buildServer, buildWeb } from '../../scripts/build.mjs';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts the real server once (fresh embedded database with demo data) for all browser tests. */
export default async function setup(project: TestProject) {
  const chromium: string = ensureChromium();
  // What `npm start` runs: the server bundle, serving dist/web (rebuilt only when its sources changed).
  const [, serverBundle] = await Promise.all([buildWeb({ quiet: true }), buildServer()]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
    env: { ...process.env, NODE_ENV: 'development', NAAST_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NAAST_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: '', NAAST_PUBLIC_URL: baseURL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${baseURL}/api/health/ready`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseURL' as never, baseURL as never);
  project.provide('dataDir' as never, dataDir as never);
  project.provide('chromium' as never, chromium as never);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
