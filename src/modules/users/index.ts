import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams, ZPage } from '../../shared/common.js';
import { ZInvitation, ZInvitationsQuery, ZInviteUserRequest, ZUpdateUserRequest, ZUserDetail, ZUserReadQuery, ZUsersQuery, ZUserSummary } from '../../shared/users.js';
import * as invitations from './invitations.js';
import * as users from './service.js';

const read = { access: { permission: 'users.read' as const } };
const manage = { access: { permission: 'users.manage' as const } };
const tags = ['users'];
/** Actions without input still refuse unknown fields. */
const ZNoBody = z.strictObject({}).nullish();

/** Users admin: list, read, invite, change role, deactivate (/api/v1/users). */
export async function usersModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(`${API_PREFIX}/users`, { config: read, schema: { tags, querystring: ZUsersQuery, response: { 200: ZPage(ZUserSummary) } } }, async (req) =>
    users.listUsers(requireActor(req.ctx), req.query),
  );

  app.get(
    `${API_PREFIX}/users/invitations`,
    { config: manage, schema: { tags, querystring: ZInvitationsQuery, response: { 200: ZPage(ZInvitation) } } },
    async (req) => invitations.listInvitations(requireActor(req.ctx), req.query),
  );

  app.post(
    `${API_PREFIX}/users/invitations`,
    { config: manage, schema: { tags, body: ZInviteUserRequest, response: { 201: ZInvitation } } },
    async (req, reply) => reply.status(201).send(await invitations.inviteUser(requireActor(req.ctx), req.body)),
  );

  app.delete(
    `${API_PREFIX}/users/invitations/:id`,
    { config: manage, schema: { tags, params: ZIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await invitations.revokeInvitation(requireActor(req.ctx), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/users/invitations/:id/resend`,
    { config: manage, schema: { tags, params: ZIdParams, body: ZNoBody, response: { 200: ZInvitation } } },
    async (req) => invitations.resendInvitation(requireActor(req.ctx), req.params.id),
  );

  // `reason`: break-the-glass, asked for by a 403 reason_required (see platform/policy/relationship.ts).
  app.get(
    `${API_PREFIX}/users/:id`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZUserReadQuery, response: { 200: ZUserDetail } } },
    async (req) => users.getUserDetail(requireActor(req.ctx), req.params.id, req.query.reason),
  );

  app.patch(
    `${API_PREFIX}/users/:id`,
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateUserRequest, response: { 200: ZUserDetail } } },
    async (req) => users.updateUser(requireActor(req.ctx), req.params.id, req.body),
  );

  app.post(
    `${API_PREFIX}/users/:id/deactivate`,
    { config: manage, schema: { tags, params: ZIdParams, body: ZNoBody, response: { 200: ZUserDetail } } },
    async (req) => users.setUserStatus(requireActor(req.ctx), req.params.id, 'deactivated'),
  );

  app.post(
    `${API_PREFIX}/users/:id/reactivate`,
    { config: manage, schema: { tags, params: ZIdParams, body: ZNoBody, response: { 200: ZUserDetail } } },
    async (req) => users.setUserStatus(requireActor(req.ctx), req.params.id, 'active'),
  );
}
