import type { FastifyInstance } from 'fastify';

// Placeholder: filled in by its owner (issue 5).
export async function agreementRoutes(_app: FastifyInstance): Promise<void> {}
