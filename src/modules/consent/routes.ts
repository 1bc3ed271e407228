import type { FastifyInstance } from 'fastify';

/** Recipients and consents: the parent in the portal, staff on the dossier (issue 6). */
export async function consentRoutes(_app: FastifyInstance): Promise<void> {}
