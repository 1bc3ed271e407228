import type { FastifyInstance } from 'fastify';
import { privacyRoutes } from './routes.js';
import { retentionRoutes } from './retention-routes.js';

/** The privacy module's only HTTP entry (issue 6): transparency, rights requests, data export, retention. */
export async function privacyModule(app: FastifyInstance): Promise<void> {
  await privacyRoutes(app);
  await retentionRoutes(app);
}
