import type { FastifyInstance } from 'fastify';
import { consentRoutes } from './routes.js';
import { sharingRoutes } from './share-routes.js';

/** The consent module's only HTTP entry (issue 6): the consent register and the sharing gate's routes. */
export async function consentModule(app: FastifyInstance): Promise<void> {
  await consentRoutes(app);
  await sharingRoutes(app);
}
