import type { FastifyInstance } from 'fastify';

/** Sharing outside the organisation, only through the gate (gate.ts), and the recipient's link (issue 6). */
export async function sharingRoutes(_app: FastifyInstance): Promise<void> {}
