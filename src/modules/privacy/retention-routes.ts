import type { FastifyInstance } from 'fastify';

/** Data export (access and portability), legal holds, destruction records (issue 6). */
export async function retentionRoutes(_app: FastifyInstance): Promise<void> {}
