import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PDF_MIME, toPdf } from '../../platform/export/index.js';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { exportDocument, exportOwnData } from './export.js';
import './messages.js';

const own = { access: { permission: 'privacy.own' as const } };
const tags = ['privacy'];

/** Transparency (who looked at my dossier), the data export, correction, objection and erasure requests (issue 6). */
export async function privacyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ---- access and portability (AVG art. 15/20)
  app.get(`${API_PREFIX}/me/data-export.json`, { config: own, schema: { tags } }, async (req, reply) => {
    const data = await exportOwnData(requireActor(req.ctx), 'json');
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="naast-mijn-gegevens.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });
  app.get(`${API_PREFIX}/me/data-export.pdf`, { config: own, schema: { tags } }, async (req, reply) => {
    const ctx = requireActor(req.ctx);
    const data = await exportOwnData(ctx, 'pdf');
    const file = await toPdf(exportDocument(data, ctx.actor.language));
    return reply
      .header('content-type', PDF_MIME)
      .header('content-disposition', 'attachment; filename="naast-mijn-gegevens.pdf"')
      .header('cache-control', 'no-store')
      .send(file);
  });
}
