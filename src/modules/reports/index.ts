import type { FastifyInstance } from 'fastify';
import { reportRoutes } from './routes.js';

/** The reports module's only HTTP entry (issue 5): neutral reports of meetings and the parent's review. */
export async function reportsModule(app: FastifyInstance): Promise<void> {
  await reportRoutes(app);
}
