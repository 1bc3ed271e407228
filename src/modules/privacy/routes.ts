import type { FastifyInstance } from 'fastify';

/** Transparency (who looked at my dossier), correction, objection and erasure requests (issue 6). */
export async function privacyRoutes(_app: FastifyInstance): Promise<void> {}
