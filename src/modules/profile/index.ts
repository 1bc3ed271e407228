import type { FastifyInstance } from 'fastify';

/** The signed-in person's own profile: name, language, password, two-factor (/api/v1/me). */
export async function profileModule(app: FastifyInstance): Promise<void> {
  void app;
}
