import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZAuditEvent, ZAuditEventsQuery } from '../../shared/audit.js';
import { ZPage } from '../../shared/common.js';
import { listAuditEvents } from './service.js';

/** Reading the audit trail: who looked at or changed whose data (/api/v1/audit-events). */
export async function auditLogModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    `${API_PREFIX}/audit-events`,
    { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], querystring: ZAuditEventsQuery, response: { 200: ZPage(ZAuditEvent) } } },
    async (req) => listAuditEvents(requireActor(req.ctx), req.query),
  );
}
