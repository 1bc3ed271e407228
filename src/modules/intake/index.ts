import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZId, ZIdParams, ZPage } from '../../shared/common.js';
import {
  ZApplicationAccessQuery,
  ZApplicationDetail,
  ZApplicationForm,
  ZApplicationReceipt,
  ZDuplicateRequest,
  ZFirstContactRequest,
  ZInboxItem,
  ZInboxQuery,
  ZIntakeRequest,
  ZLinkParentRequest,
  ZPublicApplicationRequest,
  ZStaffApplicationRequest,
  ZUpdateApplicationRequest,
} from '../../shared/intake.js';
import { getApplicationForm, submitPublicApplication } from './public-form.js';
import * as intake from './service.js';

const publicAccess = { access: 'public' as const };
const read = { access: { permission: 'applications.read' as const } };
const manage = { access: { permission: 'applications.manage' as const } };
const tags = ['applications'];
const ZOrgParams = z.strictObject({ orgId: ZId });

/**
 * Applications (aanmeldingen) and intake: the public form (no account) under /api/v1/public, the
 * coordinator inbox, detail, corrections, first contact, intake decision, duplicates and the link
 * to a parent account under /api/v1/applications.
 */
export async function intakeModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${API_PREFIX}/public/organisations/:orgId/application-form`,
    { config: publicAccess, schema: { tags, params: ZOrgParams, response: { 200: ZApplicationForm } } },
    async (req) => getApplicationForm(req.ctx, req.params.orgId),
  );

  app.post(
    `${API_PREFIX}/public/organisations/:orgId/applications`,
    { config: publicAccess, schema: { tags, params: ZOrgParams, body: ZPublicApplicationRequest, response: { 201: ZApplicationReceipt } } },
    async (req, reply) => {
      const { reference, mailSent } = await submitPublicApplication(req.ctx, req.params.orgId, req.body);
      if (!mailSent) req.log.warn('application stored; confirmation mail not sent');
      return reply.status(201).send({ reference });
    },
  );

  app.get(`${API_PREFIX}/applications`, { config: read, schema: { tags, querystring: ZInboxQuery, response: { 200: ZPage(ZInboxItem) } } }, async (req) =>
    intake.listInbox(requireActor(req.ctx), req.query),
  );

  app.post(
    `${API_PREFIX}/applications`,
    { config: manage, schema: { tags, body: ZStaffApplicationRequest, response: { 201: ZApplicationDetail } } },
    async (req, reply) => reply.status(201).send(await intake.createStaffApplication(requireActor(req.ctx), req.body)),
  );

  // `reason`: break-the-glass for another location's application (asked for by 403 reason_required).
  app.get(
    `${API_PREFIX}/applications/:id`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, response: { 200: ZApplicationDetail } } },
    async (req) => intake.getApplication(requireActor(req.ctx), req.params.id, req.query.reason),
  );

  app.patch(
    `${API_PREFIX}/applications/:id`,
    { config: manage, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, body: ZUpdateApplicationRequest, response: { 200: ZApplicationDetail } } },
    async (req) => intake.updateApplication(requireActor(req.ctx), req.params.id, req.body, req.query.reason),
  );

  app.post(
    `${API_PREFIX}/applications/:id/first-contact`,
    { config: manage, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, body: ZFirstContactRequest, response: { 200: ZApplicationDetail } } },
    async (req) => intake.recordFirstContact(requireActor(req.ctx), req.params.id, req.body?.at, req.query.reason),
  );

  app.post(
    `${API_PREFIX}/applications/:id/intake`,
    { config: manage, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, body: ZIntakeRequest, response: { 200: ZApplicationDetail } } },
    async (req) => intake.recordIntake(requireActor(req.ctx), req.params.id, req.body, req.query.reason),
  );

  app.post(
    `${API_PREFIX}/applications/:id/duplicate`,
    { config: manage, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, body: ZDuplicateRequest, response: { 200: ZApplicationDetail } } },
    async (req) => intake.resolveDuplicate(requireActor(req.ctx), req.params.id, req.body.resolution, req.query.reason),
  );

  app.post(
    `${API_PREFIX}/applications/:id/link-parent`,
    { config: manage, schema: { tags, params: ZIdParams, querystring: ZApplicationAccessQuery, body: ZLinkParentRequest, response: { 200: ZApplicationDetail } } },
    async (req) => intake.linkParent(requireActor(req.ctx), req.params.id, req.body.userId, req.query.reason),
  );
}
