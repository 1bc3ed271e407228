import type { FastifyInstance } from 'fastify';
import { authRoutes } from './platform/auth/routes.js';
import { auditLogModule } from './modules/audit-log/index.js';
import { organisationsModule } from './modules/organisations/index.js';
import { profileModule } from './modules/profile/index.js';
import { usersModule } from './modules/users/index.js';

/** Every HTTP entry of Naast, in registration order. A module's index.ts is its only HTTP entry. */
export const plugins: Array<(app: FastifyInstance) => Promise<void>> = [authRoutes, profileModule, usersModule, organisationsModule, auditLogModule];
