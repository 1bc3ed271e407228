import type { FastifyInstance } from 'fastify';

/** Organisation settings: locations and work area (/api/v1/organisation), municipalities reference (/api/v1/municipalities). */
export async function organisationsModule(app: FastifyInstance): Promise<void> {
  void app;
}
