import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

/**
 * The load generator of the list and dossier benches, in a child process so it does not share the
 * server's event loop. It rotates over the given paths and keeps every response's latency, so p95 is
 * exact (autocannon's own summary has p90 and p97.5).
 */
export interface PathLoadInput {
  url: string;
  paths: string[];
  cookie: string;
  connections: number;
  seconds: number;
}

export interface PathLoad {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const SELF = fileURLToPath(import.meta.url);
const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

async function generateLoad(input: PathLoadInput): Promise<PathLoad> {
  const latencies: number[] = [];
  let i = 0;
  // autocannon's instance is an event emitter and a promise of the summary (bench/autocannon.d.ts types only the promise).
  const instance = autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    headers: { cookie: input.cookie, 'user-agent': 'naast-bench' },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: input.paths[i++ % input.paths.length] }) }],
  }) as ReturnType<typeof autocannon> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : NaN);
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: round(q(0.5), 2),
    p95: round(q(0.95), 2),
    p99: round(q(0.99), 2),
    max: round(latencies.at(-1) ?? NaN, 2),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Runs one load in a child process and returns its figures. */
export function runPathLoad(input: PathLoadInput): Promise<PathLoad> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, JSON.stringify(input)], { cwd: path.dirname(SELF), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as PathLoad) : reject(new Error(`load generator exited ${code}`))));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.stdout.write(JSON.stringify(await generateLoad(JSON.parse(process.argv[2]!) as PathLoadInput)) + '\n');
}
