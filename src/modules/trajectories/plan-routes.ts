import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZFamilyMapList,
  ZFamilyMember,
  ZFamilyMemberPatch,
  ZFamilyMemberRequest,
  ZHelpQuestion,
  ZHelpQuestionList,
  ZHelpQuestionPatch,
  ZHelpQuestionRequest,
  ZSelfRelianceRequest,
  ZTrajectoryAccessQuery,
} from '../../shared/trajectories.js';
import * as plan from './plan.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const tags = ['trajectories'];
const ZMemberParams = z.strictObject({ id: ZId, memberId: ZId });
const ZQuestionParams = z.strictObject({ id: ZId, qid: ZId });

/**
 * The Houvast plan (issue 5): family map and help questions with self-reliance scores, under
 * /api/v1/trajectories/:id/…. `reason` (query): break-the-glass, asked for by a 403 reason_required.
 * Another trajectory's member or question reads as 404; changes to an ended trajectory are 409.
 */
export async function planRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id`;

  // ---- family map (wie is wie)
  app.get(
    `${base}/family-map`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZFamilyMapList } } },
    async (req) => plan.getFamilyMap(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/family-map`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZFamilyMemberRequest, response: { 201: ZFamilyMember } } },
    async (req, reply) => reply.status(201).send(await plan.createFamilyMember(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${base}/family-map/:memberId`,
    { config: write, schema: { tags, params: ZMemberParams, querystring: ZTrajectoryAccessQuery, body: ZFamilyMemberPatch, response: { 200: ZFamilyMember } } },
    async (req) => plan.updateFamilyMember(requireActor(req.ctx), req.params.id, req.params.memberId, req.body, req.query.reason),
  );
  app.delete(
    `${base}/family-map/:memberId`,
    { config: write, schema: { tags, params: ZMemberParams, querystring: ZTrajectoryAccessQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await plan.deleteFamilyMember(requireActor(req.ctx), req.params.id, req.params.memberId, req.query.reason);
      return reply.status(204).send(null);
    },
  );

  // ---- help questions → goals, with self-reliance (zelfredzaamheid) over time
  app.get(
    `${base}/help-questions`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZHelpQuestionList } } },
    async (req) => plan.getHelpQuestions(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/help-questions`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZHelpQuestionRequest, response: { 201: ZHelpQuestion } } },
    async (req, reply) => reply.status(201).send(await plan.createHelpQuestion(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${base}/help-questions/:qid`,
    { config: write, schema: { tags, params: ZQuestionParams, querystring: ZTrajectoryAccessQuery, body: ZHelpQuestionPatch, response: { 200: ZHelpQuestion } } },
    async (req) => plan.updateHelpQuestion(requireActor(req.ctx), req.params.id, req.params.qid, req.body, req.query.reason),
  );
  // Returns the question with its whole score history (oldest first), ready for the chart.
  app.post(
    `${base}/help-questions/:qid/scores`,
    { config: write, schema: { tags, params: ZQuestionParams, querystring: ZTrajectoryAccessQuery, body: ZSelfRelianceRequest, response: { 201: ZHelpQuestion } } },
    async (req, reply) => reply.status(201).send(await plan.addSelfRelianceScore(requireActor(req.ctx), req.params.id, req.params.qid, req.body, req.query.reason)),
  );
}
