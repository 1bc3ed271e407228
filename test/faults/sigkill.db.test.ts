import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareServerData, startServer, stopServer, type ServerData, type ServerProcess } from '../helpers/server-process.js';

/**
 * Issue 2 (Bad input and faults): killing the server (SIGKILL) in the middle of a batch of writes
 * loses no write that was acknowledged with 2xx, with PGlite (data folder) and with PostgreSQL.
 */
describe('SIGKILL during a batch of writes', () => {
  let data: ServerData;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    data = await prepareServerData();
  });
  afterAll(async () => {
    await stopServer(server);
    await data?.cleanup();
  });

  it('every acknowledged write is there after a restart on the same data', { timeout: 120_000 }, async () => {
    server = await startServer(data.env);
    const first = server;
    const acknowledged: string[] = [];
    const attempted: string[] = [];
    const TOTAL = 2000;
    const KILL_AFTER = 60;
    let next = 0;
    let killed = false;

    const worker = async () => {
      while (next < TOTAL && !killed) {
        const name = `Locatie ${String(next++).padStart(4, '0')}`;
        attempted.push(name);
        try {
          const res = await fetch(`${first.url}/api/v1/organisation/locations`, { method: 'POST', headers: data.headers, body: JSON.stringify({ name }) });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) acknowledged.push(name);
          else if (!killed) throw new Error(`write answered ${res.status}`);
        } catch (err) {
          if (!killed) throw err;
          return; // the server is gone: this write was never acknowledged
        }
        if (acknowledged.length >= KILL_AFTER && !killed) {
          killed = true;
          first.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed, `only ${acknowledged.length} writes were acknowledged`).toBe(true);
    expect((await first.exited).signal).toBe('SIGKILL');
    // Requests were in flight when it died: the kill really landed in the middle of the batch.
    expect(attempted.length).toBeGreaterThan(acknowledged.length);

    server = await startServer(data.env);
    const res = await fetch(`${server.url}/api/v1/organisation`, { headers: data.headers });
    expect(res.status, server.output()).toBe(200);
    const stored = new Set(((await res.json()) as { locations: Array<{ name: string }> }).locations.map((l) => l.name));
    console.log(`${data.kind}: ${acknowledged.length} acknowledged, ${attempted.length} attempted, ${stored.size - 1} stored after restart`);
    const lost = acknowledged.filter((n) => !stored.has(n));
    expect(lost, `${data.kind}: acknowledged but lost after SIGKILL`).toEqual([]);
    // Nothing appears that was never sent.
    const attemptedSet = new Set([...attempted, 'Helmond']);
    expect([...stored].filter((n) => !attemptedSet.has(n))).toEqual([]);

    // And the restarted server keeps working on the recovered data.
    const after = await fetch(`${server.url}/api/v1/organisation/locations`, { method: 'POST', headers: data.headers, body: JSON.stringify({ name: 'Na herstart' }) });
    expect(after.status).toBe(201);
  });
});
