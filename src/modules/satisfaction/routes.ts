import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams } from '../../shared/common.js';
import {
  ZAftercareList,
  ZAftercareQuery,
  ZAftercareRequest,
  ZAftercareRequestBody,
  ZQuestionnaire,
  ZQuestionnaireParams,
  ZQuestionnaireRequest,
  ZQuestionnaireThanks,
  ZResults,
  ZResultsQuery,
} from '../../shared/satisfaction.js';
import { createAftercare, listAftercare } from './aftercare.js';
import { answerQuestionnaire, getQuestionnaire, getResults } from './service.js';

const tags = ['satisfaction'];

/**
 * The satisfaction questionnaire (public, the link is the key), the organisation's results
 * (aggregate only) and aftercare requests under a trajectory (issue 5).
 */
export async function satisfactionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/public/questionnaire/:token`,
    { config: { access: 'public' }, schema: { tags, params: ZQuestionnaireParams, response: { 200: ZQuestionnaire } } },
    async (req, reply) => {
      // The link is a secret: no caching anywhere on the way.
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return getQuestionnaire(req.ctx, req.params.token);
    },
  );
  app.post(
    `${API_PREFIX}/public/questionnaire/:token`,
    { config: { access: 'public' }, schema: { tags, params: ZQuestionnaireParams, body: ZQuestionnaireRequest, response: { 201: ZQuestionnaireThanks } } },
    async (req, reply) => {
      await answerQuestionnaire(req.ctx, req.params.token, req.body.answers);
      return reply.header('cache-control', 'no-store').status(201).send({ received: true as const });
    },
  );

  app.get(
    `${API_PREFIX}/results`,
    { config: { access: { permission: 'trajectories.close' } }, schema: { tags, querystring: ZResultsQuery, response: { 200: ZResults } } },
    async (req) => getResults(requireActor(req.ctx), req.query),
  );

  app.get(
    `${API_PREFIX}/trajectories/:id/aftercare-requests`,
    { config: { access: { permission: 'trajectories.read' } }, schema: { tags, params: ZIdParams, querystring: ZAftercareQuery, response: { 200: ZAftercareList } } },
    async (req) => listAftercare(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${API_PREFIX}/trajectories/:id/aftercare-requests`,
    {
      config: { access: { permission: 'trajectories.write' } },
      schema: { tags, params: ZIdParams, querystring: ZAftercareQuery, body: ZAftercareRequestBody, response: { 201: ZAftercareRequest } },
    },
    async (req, reply) => reply.status(201).send(await createAftercare(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
}
