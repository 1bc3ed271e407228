import type { FastifyInstance } from 'fastify';
import { legalRoutes } from './routes.js';

/** The legal module's only HTTP entry (issue 5): measures, court decisions, deadlines and the calendar feed. */
export async function legalModule(app: FastifyInstance): Promise<void> {
  await legalRoutes(app);
}
