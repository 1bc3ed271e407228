import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZCalendarFeedCreated,
  ZCalendarFeedStatus,
  ZCalendarTokenParams,
  ZDeadline,
  ZDeadlineList,
  ZDeadlinePatch,
  ZDecisionCreated,
  ZDecisionList,
  ZDecisionRequest,
  ZLegalAccessQuery,
  ZManualDeadlineRequest,
  ZMeasureList,
  ZMeasurePatch,
  ZMeasureRequest,
  ZMeasureSaved,
  ZMyDeadlineList,
} from '../../shared/legal.js';
import { createFeed, deleteFeed, feedStatus, renderFeed } from './calendar.js';
import * as service from './service.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const tags = ['legal'];
const ZMeasureParams = z.strictObject({ id: ZId, measureId: ZId });
const ZDeadlineParams = z.strictObject({ id: ZId, deadlineId: ZId });

/**
 * Measures, court decisions and deadlines (issue 5) under /api/v1/trajectories/:id/…, my deadlines,
 * and the private calendar feed. `reason` (query): break-the-glass. Another trajectory's measure or
 * deadline reads as 404; an ended trajectory refuses changes with 409.
 */
export async function legalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id`;

  app.get(
    `${base}/measures`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, response: { 200: ZMeasureList } } },
    async (req) => service.listMeasures(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/measures`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, body: ZMeasureRequest, response: { 201: ZMeasureSaved } } },
    async (req, reply) => reply.status(201).send(await service.createMeasure(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${base}/measures/:measureId`,
    { config: write, schema: { tags, params: ZMeasureParams, querystring: ZLegalAccessQuery, body: ZMeasurePatch, response: { 200: ZMeasureSaved } } },
    async (req) => service.updateMeasure(requireActor(req.ctx), req.params.id, req.params.measureId, req.body, req.query.reason),
  );

  app.get(
    `${base}/decisions`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, response: { 200: ZDecisionList } } },
    async (req) => service.listDecisions(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/decisions`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, body: ZDecisionRequest, response: { 201: ZDecisionCreated } } },
    async (req, reply) => reply.status(201).send(await service.createDecision(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );

  app.get(
    `${base}/deadlines`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, response: { 200: ZDeadlineList } } },
    async (req) => service.listDeadlines(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/deadlines`,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZLegalAccessQuery, body: ZManualDeadlineRequest, response: { 201: ZDeadline } } },
    async (req, reply) => reply.status(201).send(await service.createManualDeadline(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.patch(
    `${base}/deadlines/:deadlineId`,
    { config: write, schema: { tags, params: ZDeadlineParams, querystring: ZLegalAccessQuery, body: ZDeadlinePatch, response: { 200: ZDeadline } } },
    async (req) => service.updateDeadline(requireActor(req.ctx), req.params.id, req.params.deadlineId, req.body.status, req.query.reason),
  );

  app.get(
    `${API_PREFIX}/me/deadlines`,
    { config: read, schema: { tags, summary: 'Open deadlines of the families I lead or coach (overdue and the next 60 days)', response: { 200: ZMyDeadlineList } } },
    async (req) => service.myDeadlines(requireActor(req.ctx)),
  );

  // ---- the private calendar feed
  app.get(
    `${API_PREFIX}/me/calendar-feed`,
    { config: read, schema: { tags, summary: 'Whether I have a calendar feed (its address is shown only when made)', response: { 200: ZCalendarFeedStatus } } },
    async (req) => feedStatus(requireActor(req.ctx)),
  );
  app.post(
    `${API_PREFIX}/me/calendar-feed`,
    { config: read, schema: { tags, summary: 'Make a new private feed address; an older one stops working', response: { 201: ZCalendarFeedCreated } } },
    async (req, reply) => reply.status(201).send(await createFeed(requireActor(req.ctx))),
  );
  app.delete(
    `${API_PREFIX}/me/calendar-feed`,
    { config: read, schema: { tags, summary: 'Stop my calendar feed', response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteFeed(requireActor(req.ctx));
      return reply.status(204).send(null);
    },
  );
  // Calendar apps cannot sign in: the unguessable token in the path is the credential.
  app.get(
    `${API_PREFIX}/calendar/:token.ics`,
    { config: { access: 'public' }, schema: { tags, summary: 'A private calendar feed (iCalendar)', params: ZCalendarTokenParams, response: { 200: z.string() } } },
    async (req, reply) => {
      const body = await renderFeed(req.ctx.db, req.params.token);
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(body);
    },
  );
}
