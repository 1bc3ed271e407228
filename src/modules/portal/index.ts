import type { FastifyInstance } from 'fastify';
import { portalRoutes } from './routes.js';

/** The parent portal's only HTTP entry (issue 6): the parent's home and inviting parents. */
export async function portalModule(app: FastifyInstance): Promise<void> {
  await portalRoutes(app);
}
