import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZCoachRequest,
  ZContact,
  ZContactListQuery,
  ZContactPage,
  ZContactPatchRequest,
  ZContactRequest,
  ZPhaseChangeRequest,
  ZTimeSummary,
  ZTrajectoryAccessQuery,
  ZTrajectoryDossier,
  ZTrajectoryList,
  ZTrajectoryListQuery,
} from '../../shared/trajectories.js';
import * as contacts from './contacts.js';
import * as service from './service.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const close = { access: { permission: 'trajectories.close' as const } };
const tags = ['trajectories'];
const ZContactParams = z.strictObject({ id: ZId, contactId: ZId });

/**
 * Lifecycle, lists, dossier, contacts and time (issue 5). `:id` is the trajectory; `reason` in the
 * query is the break-the-glass reason of a coordinator outside their locations.
 */
export async function trajectoryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/trajectories`,
    { config: read, schema: { tags, querystring: ZTrajectoryListQuery, response: { 200: ZTrajectoryList } } },
    async (req) => service.listTrajectories(requireActor(req.ctx), req.query),
  );
  app.get(
    `${API_PREFIX}/me/trajectories`,
    // Built field by field (summaryOf) and held to ZTrajectoryList by dossier.db.test.ts: sent without a Zod pass, like the dossier.
    { config: read, schema: { tags, summary: 'The families I lead or coach (not ended, at most 10)', response: { 200: ZTrajectoryList } }, serializerCompiler: () => (data) => JSON.stringify(data) },
    async (req) => service.myTrajectories(requireActor(req.ctx)),
  );
  app.get(
    `${API_PREFIX}/trajectories/:id`,
    // The schema documents the answer; the dossier is built field by field from typed rows and held to it by
    // dossier.db.test.ts, so it is sent without a Zod pass on every read (the largest Node cost of the request, bench/dossier.ts).
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZTrajectoryDossier } }, serializerCompiler: () => (data) => JSON.stringify(data) },
    async (req) => service.getDossier(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${API_PREFIX}/trajectories/:id/phase`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZPhaseChangeRequest, response: { 200: ZTrajectoryDossier } } },
    async (req) => service.changePhase(requireActor(req.ctx), req.params.id, req.body, req.query.reason),
  );
  app.put(
    `${API_PREFIX}/trajectories/:id/coach`,
    { config: close, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZCoachRequest, response: { 200: ZTrajectoryDossier } } },
    async (req) => service.setCoach(requireActor(req.ctx), req.params.id, req.body, req.query.reason),
  );

  // ---- contacts and time
  app.get(
    `${API_PREFIX}/trajectories/:id/contacts`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZContactListQuery, response: { 200: ZContactPage } } },
    async (req) => contacts.listContacts(requireActor(req.ctx), req.params.id, req.query),
  );
  app.post(
    `${API_PREFIX}/trajectories/:id/contacts`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, body: ZContactRequest, response: { 201: ZContact } } },
    async (req, reply) => reply.status(201).send(await contacts.createContact(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${API_PREFIX}/trajectories/:id/contacts/:contactId`,
    { config: write, schema: { tags, params: ZContactParams, querystring: ZTrajectoryAccessQuery, body: ZContactPatchRequest, response: { 200: ZContact } } },
    async (req) => contacts.updateContact(requireActor(req.ctx), req.params.id, req.params.contactId, req.body, req.query.reason),
  );
  app.delete(
    `${API_PREFIX}/trajectories/:id/contacts/:contactId`,
    { config: write, schema: { tags, params: ZContactParams, querystring: ZTrajectoryAccessQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await contacts.deleteContact(requireActor(req.ctx), req.params.id, req.params.contactId, req.query.reason);
      return reply.status(204).send(null);
    },
  );
  app.get(
    `${API_PREFIX}/trajectories/:id/time`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZTrajectoryAccessQuery, response: { 200: ZTimeSummary } } },
    async (req) => contacts.timeSummary(requireActor(req.ctx), req.params.id, req.query.reason),
  );
}
