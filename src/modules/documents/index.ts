import type { FastifyInstance } from 'fastify';
import { documentRoutes } from './routes.js';

/** The documents module's only HTTP entry (issue 5): uploaded documents (encrypted) and letters from templates. */
export async function documentsModule(app: FastifyInstance): Promise<void> {
  await documentRoutes(app);
}
