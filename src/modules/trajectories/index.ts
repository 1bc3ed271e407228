import type { FastifyInstance } from 'fastify';
import { agreementRoutes } from './agreement-routes.js';
import { planRoutes } from './plan-routes.js';
import { trajectoryRoutes } from './routes.js';

/**
 * The trajectory module's only HTTP entry (issue 5): lifecycle, lists, dossier, contacts and time
 * (routes.ts); the Houvast plan (plan-routes.ts); meetings and agreements (agreement-routes.ts).
 */
export async function trajectoriesModule(app: FastifyInstance): Promise<void> {
  await trajectoryRoutes(app);
  await planRoutes(app);
  await agreementRoutes(app);
}
