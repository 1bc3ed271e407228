import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import { ZHold, ZHoldCreate, ZHoldLift, ZHoldList, ZRetentionOverview } from '../../shared/privacy.js';
import * as retention from './retention.js';

const manage = { access: { permission: 'retention.manage' as const } };
const tags = ['retention'];
const ZHoldParams = z.strictObject({ id: ZId, holdId: ZId });

/** Retention (issue 6): legal holds on a dossier (admin), the overview of what is due and what was destroyed. */
export async function retentionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id/legal-holds`;
  app.get(base, { config: manage, schema: { tags, params: ZIdParams, response: { 200: ZHoldList } } }, async (req) => retention.listHolds(requireActor(req.ctx), req.params.id));
  app.post(base, { config: manage, schema: { tags, params: ZIdParams, body: ZHoldCreate, response: { 201: ZHold } } }, async (req, reply) =>
    reply.status(201).send(await retention.setHold(requireActor(req.ctx), req.params.id, req.body.reason)),
  );
  app.delete(`${base}/:holdId`, { config: manage, schema: { tags, params: ZHoldParams, body: ZHoldLift, response: { 200: ZHold } } }, async (req) =>
    retention.liftHold(requireActor(req.ctx), req.params.id, req.params.holdId, req.body.reason),
  );
  app.get(`${API_PREFIX}/retention`, { config: manage, schema: { tags, response: { 200: ZRetentionOverview } } }, async (req) => retention.retentionOverview(requireActor(req.ctx)));
}
