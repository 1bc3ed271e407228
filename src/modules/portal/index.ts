import type { FastifyInstance } from 'fastify';
import { onInvitationAccepted } from '../../platform/auth/invitation-hooks.js';
import { linkParentAccount } from '../intake/public.js';
import { portalRoutes } from './routes.js';

/** The parent portal's only HTTP entry (issue 6): the parent's home and inviting parents. */
export async function portalModule(app: FastifyInstance): Promise<void> {
  // A parent invitation carries `application:<id>`: accepting it links the new account to the family.
  onInvitationAccepted('application', async (tx, e) => {
    await linkParentAccount(tx, e.orgId, e.ref, e.userId);
  });
  await portalRoutes(app);
}
