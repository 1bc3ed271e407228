import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { configurePlatform } from '../src/main.js';
import { loadConfig } from '../src/platform/config.js';
import type { Executor } from '../src/platform/db/index.js';

/**
 * What one request sends to PostgreSQL, and the raw ceiling of replaying it (the dossier and portal
 * benches). The server runs in the bench's process on the same `pg` module, so the capture is one
 * patch of pg.Client's query, installed once however many benches import this.
 */
export type Captured = { text: string; values?: unknown[]; rowMode?: string; types?: unknown; name?: string };

let capturing: Captured[] | null = null;
const originalQuery = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const [a, b] = args;
    if (typeof a === 'string') capturing.push({ text: a, values: Array.isArray(b) ? (b as unknown[]) : undefined });
    else if (a && typeof a === 'object' && 'text' in a) {
      const c = a as Captured;
      // drizzle passes the config and the values apart: query({ text, rowMode, types }, params);
      // a named (prepared) statement is replayed named too, so the raw ceiling plans it as rarely as the app does
      capturing.push({ text: c.text, values: Array.isArray(b) ? (b as unknown[]) : c.values, rowMode: c.rowMode, types: c.types, name: c.name });
    }
  }
  return (originalQuery as unknown as (...x: unknown[]) => unknown).apply(this, args);
};

/** Runs fn while recording every statement the process sends. */
export async function captureDuring<T>(fn: () => Promise<T>): Promise<{ result: T; all: Captured[] }> {
  const all: Captured[] = [];
  capturing = all;
  try {
    return { result: await fn(), all };
  } finally {
    capturing = null;
  }
}

/** The request's tenant transaction: BEGIN … COMMIT holding the audit insert. */
export function auditedTransaction(all: Captured[]): Captured[] {
  const groups: Captured[][] = [];
  let cur: Captured[] | null = null;
  for (const s of all) {
    if (/^\s*BEGIN/i.test(s.text)) groups.push((cur = []));
    cur?.push(s);
    if (/^\s*COMMIT/i.test(s.text)) cur = null;
  }
  const tx = groups.find((g) => g.some((s) => /insert into "?audit_events/i.test(s.text)));
  if (!tx) throw new Error(`no audited transaction among ${groups.length} captured: ${all.map((s) => s.text.slice(0, 60)).join(' | ')}`);
  return tx;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export interface RawReplay {
  databaseUrl: string;
  /** captured transactions, replayed rotating */
  txs: Captured[][];
  poolMax: number;
  workers: number;
  warmupSeconds: number;
  seconds: number;
  /** The audit statements of transaction k become one fresh recordAudit (a replayed insert would collide with the chain). */
  audit: (ex: Executor, k: number) => Promise<void>;
}

/** The raw ceiling: the captured transactions through a plain pg pool, no HTTP, no Fastify, no JSON. */
export async function replayRaw(r: RawReplay) {
  configurePlatform(loadConfig({ DATABASE_URL: r.databaseUrl }));
  const pool = new pg.Pool({ connectionString: r.databaseUrl, max: r.poolMax });
  const executors = new WeakMap<pg.PoolClient, Executor>();
  let next = 0;
  const one = async () => {
    const k = next++ % r.txs.length;
    const client = await pool.connect();
    try {
      let audited = false;
      for (const s of r.txs[k]!) {
        if (/audit_/i.test(s.text)) {
          if (!audited) {
            let ex = executors.get(client);
            if (!ex) executors.set(client, (ex = drizzle({ client }) as unknown as Executor));
            await r.audit(ex, k);
            audited = true;
          }
          continue;
        }
        await (originalQuery as unknown as (q: unknown) => Promise<unknown>).call(client, { text: s.text, values: s.values, rowMode: s.rowMode, types: s.types, name: s.name });
      }
    } finally {
      client.release();
    }
  };
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: r.workers }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          await one();
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!, 2);
    return { requestsPerSecond: round(latencies.length / elapsed), p50: q(0.5), p95: q(0.95), p99: q(0.99), total: latencies.length };
  };
  try {
    await run(r.warmupSeconds);
    return await run(r.seconds);
  } finally {
    await pool.end();
  }
}
