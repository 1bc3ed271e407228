import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareServerData, startServer, stopServer, type ServerData, type ServerProcess } from '../helpers/server-process.js';

/**
 * Issue 2 (Operations): graceful shutdown on SIGTERM. The server stops accepting connections,
 * finishes the request in flight (its write is kept), closes the database and exits 0.
 */
describe('SIGTERM with a request in flight', () => {
  let data: ServerData;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    data = await prepareServerData();
  });
  afterAll(async () => {
    await stopServer(server);
    await data?.cleanup();
  });

  /** Resolves once the server's output matches (its JSON log lines say what it is doing). */
  const waitForOutput = (s: ServerProcess, re: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (re.test(s.output())) {
          s.proc.stdout!.off('data', check);
          resolve();
        }
      };
      s.proc.stdout!.on('data', check);
      check();
    });

  const refuses = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });

  it('finishes the in-flight request, refuses new connections and exits 0', { timeout: 120_000 }, async () => {
    // info level: the "incoming request" line tells us the server holds our request.
    server = await startServer({ ...data.env, LOG_LEVEL: 'info' });
    const s = server;
    const { port } = new URL(s.url);
    const body = Buffer.from(JSON.stringify({ name: 'Onderweg bij afsluiten' }));

    // Send the headers and half the body, so the request is in flight when SIGTERM arrives.
    const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/api/v1/organisation/locations', headers: { ...data.headers, 'content-length': String(body.length) } });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.once('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.once('error', reject);
    });
    req.write(body.subarray(0, 10));
    await waitForOutput(s, /"path":"\/api\/v1\/organisation\/locations".*"msg":"incoming request"/);

    s.proc.kill('SIGTERM');
    await waitForOutput(s, /"msg":"shutting down"/);
    // New connections are refused while the old request is still open.
    while (!(await refuses(Number(port)))) await new Promise((r) => setTimeout(r, 50));
    expect(s.proc.exitCode).toBeNull();

    req.end(body.subarray(10));
    const res = await response;
    expect(res.status, res.body).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ name: 'Onderweg bij afsluiten' });

    const exit = await s.exited;
    expect(exit, s.output()).toEqual({ code: 0, signal: null });
    expect(s.output()).not.toMatch(/Error|could not/);

    // The write made during shutdown was committed.
    server = await startServer(data.env);
    const settings = await fetch(`${server.url}/api/v1/organisation`, { headers: data.headers });
    expect(((await settings.json()) as { locations: Array<{ name: string }> }).locations.map((l) => l.name)).toContain('Onderweg bij afsluiten');
    server.proc.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('an idle server exits 0 on SIGINT too', { timeout: 60_000 }, async () => {
    server = await startServer(data.env);
    server.proc.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
