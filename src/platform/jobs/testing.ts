/** Test support for background jobs (used by *.db.test.ts only). */

/** Polls until ok(probe()) holds; fails after `ms` (default 20 s). No timing is asserted, only the outcome. */
export async function eventually<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what} (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Fast polling for tests; production polls every few seconds. */
export const FAST_JOBS = { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, stopTimeoutMs: 10_000 } as const;
