import type { FastifyInstance } from 'fastify';
import { authRoutes } from './platform/auth/routes.js';
import { auditLogModule } from './modules/audit-log/index.js';
import { intakeModule } from './modules/intake/index.js';
import { organisationsModule } from './modules/organisations/index.js';
import { profileModule } from './modules/profile/index.js';
import { usersModule } from './modules/users/index.js';
import { matchingModule } from './modules/matching/index.js';
import { waitingListModule } from './modules/waiting-list/index.js';
import { trajectoriesModule } from './modules/trajectories/index.js';
import { glossaryModule } from './modules/glossary/index.js';
import { legalModule } from './modules/legal/index.js';
import { reportsModule } from './modules/reports/index.js';
import { satisfactionModule } from './modules/satisfaction/index.js';
import { documentsModule } from './modules/documents/index.js';
import { consentModule } from './modules/consent/index.js';
import { privacyModule } from './modules/privacy/index.js';
import { portalModule } from './modules/portal/index.js';

/** Every HTTP entry of Naast, in registration order. A module's index.ts is its only HTTP entry. */
export const plugins: Array<(app: FastifyInstance) => Promise<void>> = [authRoutes, profileModule, usersModule, organisationsModule, auditLogModule, intakeModule, matchingModule, waitingListModule, trajectoriesModule, glossaryModule, legalModule, satisfactionModule, reportsModule, documentsModule, consentModule, privacyModule, portalModule];
