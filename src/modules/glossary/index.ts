import type { FastifyInstance } from 'fastify';

// Placeholder: the glossary (issue 5) is filled in by its owner.
export async function glossaryModule(_app: FastifyInstance): Promise<void> {}
