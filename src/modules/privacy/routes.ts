import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { PDF_MIME, toPdf } from '../../platform/export/index.js';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { ZIdParams } from '../../shared/common.js';
import {
  ZAccessLog,
  ZAccessLogQuery,
  ZCorrectableList,
  ZCorrectionCreate,
  ZDecision,
  ZPrivacyRequestCreate,
  ZRequestItem,
  ZRequestList,
} from '../../shared/privacy.js';
import { exportDocument, exportOwnData, exportOwnDataWithFiles } from './export.js';
import * as service from './service.js';
import './messages.js';

const own = { access: { permission: 'privacy.own' as const } };
const manage = { access: { permission: 'privacy.manage' as const } };
const tags = ['privacy'];
const ZDecided = ZRequestItem.extend({ erased: z.boolean(), held: z.boolean() });

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

  app.get(`${API_PREFIX}/me/data-export.zip`, { config: own, schema: { tags, description: 'The JSON and PDF export with the uploaded documents of the own family, in one ZIP file.' } }, async (req, reply) => {
    const ctx = requireActor(req.ctx);
    const { data, files } = await exportOwnDataWithFiles(ctx);
    const entries: Zippable = {
      'gegevens.json': strToU8(JSON.stringify(data, null, 2)),
      'gegevens.pdf': await toPdf(exportDocument(data, ctx.actor.language)),
    };
    const width = Math.max(2, String(files.length).length);
    files.forEach((f, i) => (entries[`documenten/${String(i + 1).padStart(width, '0')}-${f.fileName}`] = f.bytes));
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', 'attachment; filename="naast-mijn-gegevens.zip"')
      .header('cache-control', 'no-store')
      .send(Buffer.from(zipSync(entries)));
  });

  // ---- transparency: who looked at my dossier (no ip address, no user agent)
  app.get(`${API_PREFIX}/me/access-log`, { config: own, schema: { tags, querystring: ZAccessLogQuery, response: { 200: ZAccessLog } } }, async (req) =>
    service.accessLog(requireActor(req.ctx), req.query.cursor, req.query.self === 'true'),
  );

  // ---- the parent's requests (correction, objection, erasure) and their results
  app.get(`${API_PREFIX}/me/corrections/items`, { config: own, schema: { tags, response: { 200: ZCorrectableList } } }, async (req) => service.myCorrectableItems(requireActor(req.ctx)));
  app.get(`${API_PREFIX}/me/privacy-requests`, { config: own, schema: { tags, response: { 200: ZRequestList } } }, async (req) => service.myRequests(requireActor(req.ctx)));
  app.post(`${API_PREFIX}/me/corrections`, { config: own, schema: { tags, body: ZCorrectionCreate, response: { 201: ZRequestItem } } }, async (req, reply) =>
    reply.status(201).send(await service.requestCorrection(requireActor(req.ctx), req.body)),
  );
  app.post(`${API_PREFIX}/me/privacy-requests`, { config: own, schema: { tags, body: ZPrivacyRequestCreate, response: { 201: ZRequestItem } } }, async (req, reply) =>
    reply.status(201).send(await service.requestPrivacy(requireActor(req.ctx), req.body)),
  );

  // ---- the coordinator decides
  app.get(`${API_PREFIX}/privacy/requests`, { config: manage, schema: { tags, response: { 200: ZRequestList } } }, async (req) => service.staffRequests(requireActor(req.ctx)));
  app.post(`${API_PREFIX}/privacy/requests/corrections/:id/decision`, { config: manage, schema: { tags, params: ZIdParams, body: ZDecision, response: { 200: ZRequestItem } } }, async (req) =>
    service.decideCorrection(requireActor(req.ctx), req.params.id, req.body),
  );
  app.post(`${API_PREFIX}/privacy/requests/:id/decision`, { config: manage, schema: { tags, params: ZIdParams, body: ZDecision, response: { 200: ZDecided } } }, async (req) =>
    service.decidePrivacyRequest(requireActor(req.ctx), req.params.id, req.body),
  );
}
