import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** Start-up problems end in one clear line and a non-zero exit, never a stack trace. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-start-'));
  dirs.push(dataDir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH ?? '', NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0', LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('server start-up problems', () => {
  it('a port in use: one line that says so and what to change, exit 1', { timeout: 60_000 }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stderr } = await runServer({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`Naast could not listen on 127.0.0.1:${port} (the port is in use, perhaps by another Naast). Set PORT (and HOST) to another value.`);
    } finally {
      blocker.close();
    }
  });

  it('a bad variable: one line per problem, exit 2', { timeout: 60_000 }, async () => {
    const { code, stderr } = await runServer({ PORT: 'http', DATABASE_URL: 'mysql://x' });
    expect(code).toBe(2);
    expect(stderr).toContain('- PORT must be a whole number from 0 to 65535');
    expect(stderr).toContain('- DATABASE_URL is not a valid postgres URL');
    expect(stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
  });
});
