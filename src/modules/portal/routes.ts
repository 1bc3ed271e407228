import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams } from '../../shared/common.js';
import { ZMyFamily, ZParentAccountStatus, ZParentInvitationRequest } from '../../shared/portal.js';
import { ZTrajectoryAccessQuery } from '../../shared/trajectories.js';
import * as service from './service.js';

const tags = ['portal'];
const own = { access: { permission: 'portal.own' as const } };
const invite = { access: { permission: 'parents.invite' as const } };

/** The parent's home (GET /me/family) and the coordinator's parent invitation (issue 6). */
export async function portalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/me/family`,
    // Built field by field (service.ts) and held to ZMyFamily by portal.db.test.ts: sent without a Zod pass, like the dossier.
    {
      config: own,
      schema: { tags, summary: "The parent's home: their family's trajectory, people, meetings, plan, reports to review, shared documents", response: { 200: ZMyFamily } },
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (req) => service.myFamily(requireActor(req.ctx)),
  );

  app.get(
    `${API_PREFIX}/trajectories/:id/parent-account`,
    { config: invite, schema: { tags, summary: "Whether the family's parent can sign in: active, invited, expired or none", params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZParentAccountStatus } } },
    async (req) => service.parentAccount(requireActor(req.ctx), req.params.id, req.query.reason),
  );

  app.post(
    `${API_PREFIX}/trajectories/:id/parent-invitation`,
    {
      config: invite,
      schema: { tags, summary: "Invite the family's parent to the portal (mail without personal details; accepting links the account to the family)", params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZParentInvitationRequest, response: { 201: ZParentAccountStatus } },
    },
    async (req, reply) => reply.status(201).send(await service.inviteParent(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
}
