import type { FastifyInstance } from 'fastify';

/** The parent's home (GET /me/family) and the coordinator's parent invitation (issue 6). */
export async function portalRoutes(_app: FastifyInstance): Promise<void> {}
