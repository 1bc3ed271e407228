import type { FastifyInstance } from 'fastify';

/** Reading the audit trail: who looked at or changed whose data (/api/v1/audit-events). */
export async function auditLogModule(app: FastifyInstance): Promise<void> {
  void app;
}
