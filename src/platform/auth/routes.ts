import type { FastifyInstance } from 'fastify';

/** Sign-in, two-factor, sign-out, password reset, invitation acceptance and the own profile (/api/v1/auth, /api/v1/me). */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
