import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCX_MIME, PDF_MIME, paragraphsFromText, safeFileName, toDocx, toPdf, type ExportDocument } from '../../platform/export/index.js';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor } from '../../platform/http/context.js';
import { t } from '../../platform/i18n/index.js';
import { ZId, ZIdParams } from '../../shared/common.js';
import {
  ZDiffQuery,
  ZExportQuery,
  ZMyReport,
  ZMyReportList,
  ZReportAccessQuery,
  ZReportCreate,
  ZReportDetail,
  ZReportDiff,
  ZReportList,
  ZReportUpdate,
  ZReportVersion,
  ZRespondRequest,
  REPORT_STATUSES,
  PARENT_RESPONSES,
} from '../../shared/reports.js';
import * as service from './service.js';

const read = { access: { permission: 'trajectories.read' as const } };
const write = { access: { permission: 'trajectories.write' as const } };
const review = { access: { permission: 'reports.review' as const } };
const tags = ['reports'];
const ZReportParams = z.strictObject({ id: ZId, reportId: ZId });
const ZVersionParams = z.strictObject({ id: ZId, reportId: ZId, version: z.coerce.number().int().min(1) });
const ZMyReportParams = z.strictObject({ reportId: ZId });
const ZRespondResult = z.object({ id: ZId, status: z.enum(REPORT_STATUSES), parentResponse: z.enum(PARENT_RESPONSES).nullable() });

/**
 * Neutral reports (verslagen, issue 5). Staff under /trajectories/:id/reports (the trajectory's
 * access rule; `reason` = break-the-glass); the parent under /me/reports (own family only, others
 * 404). No route here shares a report outside the organisation: that is the consent module's
 * POST /trajectories/:id/shares, through its gate (issue 6).
 */
export async function reportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id/reports`;

  app.get(
    base,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZReportAccessQuery, response: { 200: ZReportList } } },
    async (req) => service.listReports(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.post(
    base,
    { config: write, schema: { tags, params: ZIdParams, querystring: ZReportAccessQuery, body: ZReportCreate, response: { 201: ZReportDetail } } },
    async (req, reply) => reply.status(201).send(await service.createReport(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.get(
    `${base}/:reportId`,
    { config: read, schema: { tags, params: ZReportParams, querystring: ZReportAccessQuery, response: { 200: ZReportDetail } } },
    async (req) => service.getReport(requireActor(req.ctx), req.params.id, req.params.reportId, req.query.reason),
  );
  app.put(
    `${base}/:reportId`,
    { config: write, schema: { tags, params: ZReportParams, querystring: ZReportAccessQuery, body: ZReportUpdate, response: { 200: ZReportDetail } } },
    async (req) => service.updateReport(requireActor(req.ctx), req.params.id, req.params.reportId, req.body, req.query.reason),
  );
  app.get(
    `${base}/:reportId/versions/:version`,
    { config: read, schema: { tags, params: ZVersionParams, querystring: ZReportAccessQuery, response: { 200: ZReportVersion } } },
    async (req) => service.getVersion(requireActor(req.ctx), req.params.id, req.params.reportId, req.params.version, req.query.reason),
  );
  app.get(
    `${base}/:reportId/diff`,
    { config: read, schema: { tags, params: ZReportParams, querystring: ZDiffQuery, response: { 200: ZReportDiff } } },
    async (req) => service.diffReport(requireActor(req.ctx), req.params.id, req.params.reportId, req.query.from, req.query.to, req.query.reason),
  );
  app.post(
    `${base}/:reportId/send-to-parent`,
    { config: write, schema: { tags, params: ZReportParams, querystring: ZReportAccessQuery, response: { 200: ZReportDetail } } },
    async (req) => service.sendToParent(requireActor(req.ctx), req.params.id, req.params.reportId, req.query.reason),
  );
  // Internal use only (audited 'export'); the file itself is not a route to share with others.
  app.get(
    `${base}/:reportId/export`,
    { config: read, schema: { tags, params: ZReportParams, querystring: ZExportQuery } },
    async (req, reply) => {
      const ctx = requireActor(req.ctx);
      const r = await service.reportForExport(ctx, req.params.id, req.params.reportId, req.query.reason);
      const lang = ctx.actor.language;
      const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(r.meetingAt));
      const doc: ExportDocument = {
        title: t(lang, 'export.report.title'),
        subtitle: r.meetingTitle,
        meta: [
          t(lang, 'export.report.meeting_at', { date }),
          t(lang, 'export.report.version', { version: r.version }),
          t(lang, `export.report.status.${r.status}`),
          t(lang, 'export.report.internal'),
        ],
        sections: [{ paragraphs: paragraphsFromText(r.body) }],
        lang: lang === 'en' ? 'en-GB' : 'nl-NL',
      };
      const name = safeFileName(`verslag-${r.meetingTitle}-v${r.version}`, req.query.format);
      const file = req.query.format === 'pdf' ? await toPdf(doc) : toDocx(doc);
      return reply
        .header('content-type', req.query.format === 'pdf' ? PDF_MIME : DOCX_MIME)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  // ---- the parent
  app.get(`${API_PREFIX}/me/reports`, { config: review, schema: { tags, response: { 200: ZMyReportList } } }, async (req) => service.myReports(requireActor(req.ctx)));
  app.get(
    `${API_PREFIX}/me/reports/:reportId`,
    { config: review, schema: { tags, params: ZMyReportParams, response: { 200: ZMyReport } } },
    async (req) => service.myReport(requireActor(req.ctx), req.params.reportId),
  );
  app.post(
    `${API_PREFIX}/me/reports/:reportId/respond`,
    { config: review, schema: { tags, params: ZMyReportParams, body: ZRespondRequest, response: { 200: ZRespondResult } } },
    async (req) => service.respond(requireActor(req.ctx), req.params.reportId, req.body),
  );
}
