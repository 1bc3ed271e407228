import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZAgreement,
  ZAgreementList,
  ZAgreementListQuery,
  ZAgreementPatch,
  ZAgreementRequest,
  ZMeeting,
  ZMeetingDetail,
  ZMeetingList,
  ZMeetingPatch,
  ZMeetingRequest,
  ZTrajectoryAccessQuery,
} from '../../shared/trajectories.js';
import * as service from './agreements.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const tags = ['trajectories'];
const ZMeetingParams = z.strictObject({ id: ZId, meetingId: ZId });
const ZAgreementParams = z.strictObject({ id: ZId, aid: ZId });

/**
 * Meetings with professionals and agreements (issue 5), under /api/v1/trajectories/:id/….
 * `reason` (query): break-the-glass. Another trajectory's meeting or agreement reads as 404; a
 * meetingId of another trajectory in an agreement's body is a 400 field error; ended → 409.
 */
export async function agreementRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id`;

  // ---- meetings (gesprekken): preparation, the meeting, evaluation
  // Upcoming ones (from now on) soonest first, then past ones newest first.
  app.get(
    `${base}/meetings`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZMeetingList } } },
    async (req) => service.listMeetings(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/meetings`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZMeetingRequest, response: { 201: ZMeeting } } },
    async (req, reply) => reply.status(201).send(await service.createMeeting(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.get(
    `${base}/meetings/:meetingId`,
    { config: read, schema: { tags, params: ZMeetingParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZMeetingDetail } } },
    async (req) => service.getMeeting(requireActor(req.ctx), req.params.id, req.params.meetingId, req.query.reason),
  );
  app.patch(
    `${base}/meetings/:meetingId`,
    { config: write, schema: { tags, params: ZMeetingParams, querystring: ZTrajectoryAccessQuery, body: ZMeetingPatch, response: { 200: ZMeeting } } },
    async (req) => service.updateMeeting(requireActor(req.ctx), req.params.id, req.params.meetingId, req.body, req.query.reason),
  );
  // One click: the open agreements (overdue first) to bring to this meeting.
  app.get(
    `${base}/meetings/:meetingId/open-agreements`,
    { config: read, schema: { tags, params: ZMeetingParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZAgreementList } } },
    async (req) => service.openAgreementsForMeeting(requireActor(req.ctx), req.params.id, req.params.meetingId, req.query.reason),
  );

  // ---- agreements (afspraken)
  app.get(
    `${base}/agreements`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZAgreementListQuery, response: { 200: ZAgreementList } } },
    async (req) => service.getAgreements(requireActor(req.ctx), req.params.id, req.query.status, req.query.reason),
  );
  app.post(
    `${base}/agreements`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZAgreementRequest, response: { 201: ZAgreement } } },
    async (req, reply) => reply.status(201).send(await service.createAgreement(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${base}/agreements/:aid`,
    { config: write, schema: { tags, params: ZAgreementParams, querystring: ZTrajectoryAccessQuery, body: ZAgreementPatch, response: { 200: ZAgreement } } },
    async (req) => service.updateAgreement(requireActor(req.ctx), req.params.id, req.params.aid, req.body, req.query.reason),
  );
}
