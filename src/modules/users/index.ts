import type { FastifyInstance } from 'fastify';

/** Users admin: list, read, invite, change role, deactivate (/api/v1/users). */
export async function usersModule(app: FastifyInstance): Promise<void> {
  void app;
}
