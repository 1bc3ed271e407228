import type { FastifyInstance } from 'fastify';
import { satisfactionRoutes } from './routes.js';

/** The satisfaction module's only HTTP entry (issue 5): questionnaire, results, aftercare. */
export async function satisfactionModule(app: FastifyInstance): Promise<void> {
  await satisfactionRoutes(app);
}
