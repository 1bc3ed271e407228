import autocannon from 'autocannon';

/**
 * The load generator, in its own process so it does not share the server's event loop.
 * Input (argv[2], JSON): url, cookie, ids, connections, seconds. Output: one JSON line.
 */
interface Input {
  url: string;
  cookie: string;
  ids: string[];
  connections: number;
  seconds: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as Input;
let i = 0;
const result = await autocannon({
  url: input.url,
  connections: input.connections,
  duration: input.seconds,
  headers: { cookie: input.cookie, 'user-agent': 'naast-bench' },
  // Rotate over many users: each request reads another person's record (and audits it).
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/users/${input.ids[i++ % input.ids.length]}` }) }],
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }) + '\n',
);
