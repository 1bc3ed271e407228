import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZConsent,
  ZConsentAccessQuery,
  ZConsentList,
  ZConsentRecipient,
  ZConsentRequest,
  ZMyConsents,
  ZRecipientList,
  ZRecipientRequest,
  ZRevokeRequest,
  ZStaffConsentRequest,
  ZStaffRevokeRequest,
} from '../../shared/consent.js';
import * as service from './service.js';

const own = { access: { permission: 'consent.own' as const } };
const read = { access: { permission: 'consent.read' as const } };
const record = { access: { permission: 'consent.record' as const } };
const tags = ['consent'];
const ZConsentParams = z.strictObject({ id: ZId, consentId: ZId });
const ZEmptyQuery = z.strictObject({});

/**
 * Recipients and consents (issue 6). The parent under /me/… (own families only; another family's id
 * reads as 404); staff under /trajectories/:id/… (the trajectory's access rule, `reason` =
 * break-the-glass): consent.read lists, consent.record adds a recipient, records a consent given in
 * person (with a note) and withdraws one on the parent's instruction. Nothing is ever deleted.
 */
export async function consentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ---- the parent
  app.get(
    `${API_PREFIX}/me/consents`,
    { config: own, schema: { tags, querystring: ZEmptyQuery, response: { 200: ZMyConsents } } },
    async (req) => service.myConsents(requireActor(req.ctx)),
  );
  app.post(
    `${API_PREFIX}/me/consent-recipients`,
    { config: own, schema: { tags, body: ZRecipientRequest, response: { 201: ZConsentRecipient } } },
    async (req, reply) => reply.status(201).send(await service.myAddRecipient(requireActor(req.ctx), req.body)),
  );
  app.post(
    `${API_PREFIX}/me/consents`,
    { config: own, schema: { tags, body: ZConsentRequest, response: { 201: ZConsent } } },
    async (req, reply) => reply.status(201).send(await service.myGiveConsent(requireActor(req.ctx), req.body)),
  );
  app.post(
    `${API_PREFIX}/me/consents/:id/revoke`,
    { config: own, schema: { tags, params: ZIdParams, body: ZRevokeRequest, response: { 200: ZConsent } } },
    async (req) => service.myRevoke(requireActor(req.ctx), req.params.id, req.body),
  );

  // ---- staff
  const base = `${API_PREFIX}/trajectories/:id`;
  app.get(
    `${base}/consent-recipients`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZConsentAccessQuery, response: { 200: ZRecipientList } } },
    async (req) => service.listRecipients(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/consent-recipients`,
    { config: record, schema: { tags, params: ZIdParams, querystring: ZConsentAccessQuery, body: ZRecipientRequest, response: { 201: ZConsentRecipient } } },
    async (req, reply) => reply.status(201).send(await service.addRecipient(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.get(
    `${base}/consents`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZConsentAccessQuery, response: { 200: ZConsentList } } },
    async (req) => service.listConsents(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    `${base}/consents`,
    { config: record, schema: { tags, params: ZIdParams, querystring: ZConsentAccessQuery, body: ZStaffConsentRequest, response: { 201: ZConsent } } },
    async (req, reply) => reply.status(201).send(await service.recordConsent(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.post(
    `${base}/consents/:consentId/revoke`,
    { config: record, schema: { tags, params: ZConsentParams, querystring: ZConsentAccessQuery, body: ZStaffRevokeRequest, response: { 200: ZConsent } } },
    async (req) => service.revokeConsent(requireActor(req.ctx), req.params.id, req.params.consentId, req.body, req.query.reason),
  );
}
