import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams, ZPage } from '../../shared/common.js';
import {
  ZConfirmMatchRequest,
  ZDeclineMatchRequest,
  ZMatch,
  ZMatchCandidates,
  ZMatchCandidatesQuery,
  ZMyMatch,
  ZMyMatches,
  ZOwnVolunteerProfile,
  ZOwnVolunteerProfileRequest,
  ZProposal,
  ZProposalQuery,
  ZVolunteerListItem,
  ZVolunteerProfile,
  ZVolunteerProfileRequest,
  ZVolunteerReadQuery,
  ZVolunteersQuery,
  ZWithdrawMatchRequest,
} from '../../shared/matching.js';
import * as profiles from './profiles.js';
import * as matching from './service.js';

const volunteersRead = { access: { permission: 'volunteers.read' as const } };
const volunteersManage = { access: { permission: 'volunteers.manage' as const } };
const self = { access: { permission: 'volunteer_profile.self' as const } };
const manage = { access: { permission: 'matching.manage' as const } };
const respond = { access: { permission: 'matches.respond' as const } };
/** Actions without input still refuse unknown fields. */
const ZNoBody = z.strictObject({}).nullish();

/**
 * Volunteer profiles (/volunteers, /me/volunteer-profile), matching (/applications/:id/match-candidates,
 * /matching/proposal, /matches) and the volunteer's answer (/me/matches).
 */
export async function matchingModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ---- volunteer profiles
  app.get(
    `${API_PREFIX}/volunteers`,
    { config: volunteersRead, schema: { tags: ['volunteers'], querystring: ZVolunteersQuery, response: { 200: ZPage(ZVolunteerListItem) } } },
    async (req) => profiles.listVolunteers(requireActor(req.ctx), req.query),
  );
  // `:id` is the volunteer's user id; `reason`: break-the-glass outside one's locations.
  app.get(
    `${API_PREFIX}/volunteers/:id/profile`,
    { config: volunteersRead, schema: { tags: ['volunteers'], params: ZIdParams, querystring: ZVolunteerReadQuery, response: { 200: ZVolunteerProfile } } },
    async (req) => profiles.getVolunteerProfile(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.put(
    `${API_PREFIX}/volunteers/:id/profile`,
    {
      config: volunteersManage,
      schema: { tags: ['volunteers'], params: ZIdParams, querystring: ZVolunteerReadQuery, body: ZVolunteerProfileRequest, response: { 200: ZVolunteerProfile } },
    },
    async (req) => profiles.putVolunteerProfile(requireActor(req.ctx), req.params.id, req.body, req.query.reason),
  );
  app.get(
    `${API_PREFIX}/me/volunteer-profile`,
    { config: self, schema: { tags: ['volunteers'], response: { 200: ZOwnVolunteerProfile } } },
    async (req) => profiles.getOwnProfile(requireActor(req.ctx)),
  );
  app.put(
    `${API_PREFIX}/me/volunteer-profile`,
    { config: self, schema: { tags: ['volunteers'], body: ZOwnVolunteerProfileRequest, response: { 200: ZOwnVolunteerProfile } } },
    async (req) => profiles.putOwnProfile(requireActor(req.ctx), req.body),
  );

  // ---- matching (coordinators)
  app.get(
    `${API_PREFIX}/applications/:id/match-candidates`,
    { config: manage, schema: { tags: ['matching'], params: ZIdParams, querystring: ZMatchCandidatesQuery, response: { 200: ZMatchCandidates } } },
    async (req) => matching.matchCandidates(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.get(
    `${API_PREFIX}/matching/proposal`,
    { config: manage, schema: { tags: ['matching'], querystring: ZProposalQuery, response: { 200: ZProposal } } },
    async (req) => matching.proposal(requireActor(req.ctx), req.query),
  );
  app.post(
    `${API_PREFIX}/matches`,
    { config: manage, schema: { tags: ['matching'], body: ZConfirmMatchRequest, response: { 201: ZMatch } } },
    async (req, reply) => reply.status(201).send(await matching.confirmMatch(requireActor(req.ctx), req.body)),
  );
  app.post(
    `${API_PREFIX}/matches/:id/withdraw`,
    { config: manage, schema: { tags: ['matching'], params: ZIdParams, body: ZWithdrawMatchRequest, response: { 200: ZMatch } } },
    async (req) => matching.withdrawMatch(requireActor(req.ctx), req.params.id, req.body?.reason),
  );

  // ---- the volunteer's answer
  app.get(`${API_PREFIX}/me/matches`, { config: respond, schema: { tags: ['matching'], response: { 200: ZMyMatches } } }, async (req) =>
    matching.myMatches(requireActor(req.ctx)),
  );
  app.post(
    `${API_PREFIX}/me/matches/:id/accept`,
    { config: respond, schema: { tags: ['matching'], params: ZIdParams, body: ZNoBody, response: { 200: ZMyMatch } } },
    async (req) => matching.acceptMatch(requireActor(req.ctx), req.params.id),
  );
  app.post(
    `${API_PREFIX}/me/matches/:id/decline`,
    { config: respond, schema: { tags: ['matching'], params: ZIdParams, body: ZDeclineMatchRequest, response: { 200: ZMyMatch } } },
    async (req) => matching.declineMatch(requireActor(req.ctx), req.params.id, req.body.reason, req.log),
  );
}
