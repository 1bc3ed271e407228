import { ConfigError, loadConfig } from './platform/config.js';
import { MigrationsAheadError } from './platform/db/migrate.js';
import { createNaast } from './main.js';

/** Starts Naast: `npm start`. Graceful shutdown on SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const started = Date.now();
  let naast;
  try {
    naast = await createNaast(config);
  } catch (err) {
    if (err instanceof MigrationsAheadError || (err as Error).message?.includes('refuses to start')) {
      console.error((err as Error).message);
      process.exit(3);
    }
    throw err;
  }
  try {
    await naast.app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      console.error(`Naast could not listen on ${config.host}:${config.port} (${code === 'EADDRINUSE' ? 'the port is in use, perhaps by another Naast' : code}). Set PORT (and HOST) to another value.`);
      await naast.close();
      process.exit(1);
    }
    throw err;
  }
  const address = naast.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    naast.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await naast.close();
      process.exit(0);
    } catch {
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Announce readiness only once the signal handlers are in place: a SIGTERM right after "ready" must shut down gracefully.
  naast.app.log.info({ ms: Date.now() - started, database: naast.db.kind }, 'ready');
  console.log(`Naast is ready on http://${config.host}:${port} (database: ${naast.db.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`);
}

// A promise that can never settle (e.g. a query on the global handle inside a PGlite transaction)
// empties the event loop; say so instead of exiting silently.
process.on('exit', (code) => {
  if (code === 0 && !ready) console.error('Naast stopped before it was ready: a start-up step never finished.');
});
let ready = false;

main().then(() => {
  ready = true;
}).catch((err) => {
  console.error('Naast could not start:', (err as Error).message);
  process.exit(1);
});
