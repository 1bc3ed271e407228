import type { FastifyInstance } from 'fastify';

// Placeholder: filled in by its owner (issue 5).
export async function trajectoryRoutes(_app: FastifyInstance): Promise<void> {}
