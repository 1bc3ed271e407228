// Issue 6: documents and letters shown to the parent in the portal. Staff choose what the parent sees
// (share with parent / stop sharing: their own dossier, not sharing outside the organisation, so no
// consent is needed); the parent reads and downloads only what was shared with them.
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordActorAudit } from '../../platform/audit/actor.js';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { DOCX_MIME, PDF_MIME, paragraphsFromText, safeFileName, toDocx, toPdf } from '../../platform/export/index.js';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor, type ActorContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { addMessages, t } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/policy/index.js';
import { ZId } from '../../shared/common.js';
import { ZExportQuery } from '../../shared/documents.js';
import { ZSharedWithParent, ZShareWithParentRequest, ZShareWithParentResponse } from '../../shared/portal.js';
import { ZTrajectoryAccessQuery } from '../../shared/trajectories.js';
import { openTrajectory, parentOwnsTrajectory } from '../trajectories/public.js';
import { documentKeys, open } from './crypto.js';
import { documentContents, documents, letters, letterVersions } from './tables.js';

// ---------------------------------------------------------------- columns for the parent's home

/** [{ id, title, fileName, sharedAt }] of the documents shared with the parent (not deleted), newest first. */
export function sharedDocumentsColumn(orgId: SQL, trajectoryId: SQL): SQL {
  return sql`coalesce((select json_agg(json_build_object('id', d.id, 'title', d.title, 'fileName', d.file_name, 'sharedAt', d.shared_with_parent_at) order by d.shared_with_parent_at desc, d.id)
                         from documents d where d.org_id = ${orgId} and d.trajectory_id = ${trajectoryId}
                          and d.shared_with_parent_at is not null and d.deleted_at is null), '[]'::json)`;
}

/** [{ id, title, sharedAt }] of the letters shared with the parent, newest first. */
export function sharedLettersColumn(orgId: SQL, trajectoryId: SQL): SQL {
  return sql`coalesce((select json_agg(json_build_object('id', l.id, 'title', l.title, 'sharedAt', l.shared_with_parent_at) order by l.shared_with_parent_at desc, l.id)
                         from letters l where l.org_id = ${orgId} and l.trajectory_id = ${trajectoryId} and l.shared_with_parent_at is not null), '[]'::json)`;
}

// ---------------------------------------------------------------- the notice to the parent

/**
 * The one notice a parent gets when something new waits for them: no name, no title, no kind of
 * document, only that there is something new and the link to the portal.
 */
export async function mailParentNews(tx: Executor, ctx: ActorContext, orgId: string, parentUserId: string | null): Promise<void> {
  if (!parentUserId) return;
  const [parent] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, parentUserId), eq(users.role, 'parent'), eq(users.status, 'active')));
  if (!parent) return;
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/mijn-gezin`;
  try {
    await ctx.mailer.send({
      to: parent.email,
      subject: `${t('nl', 'mail.parent_news.subject')} | ${t('en', 'mail.parent_news.subject')}`,
      text: `${t('nl', 'mail.parent_news.body', { link })}\n\n---\n\n${t('en', 'mail.parent_news.body', { link })}\n`,
    });
  } catch {
    // The item waits in the portal either way; a mail outage must not undo the sharing.
  }
}

addMessages('nl', {
  'mail.parent_news.subject': 'Er staat iets nieuws voor u klaar in Naast',
  'mail.parent_news.body': 'Er staat iets nieuws voor u klaar in Naast.\n\nKijk hier:\n{link}',
});
addMessages('en', {
  'mail.parent_news.subject': 'There is something new for you in Naast',
  'mail.parent_news.body': 'There is something new for you in Naast.\n\nHave a look here:\n{link}',
});

// ---------------------------------------------------------------- staff: share / stop sharing

async function setShared(ctx: ActorContext, kind: 'document' | 'letter', trajectoryId: string, itemId: string, shared: boolean, reason?: string) {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const opened = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const at = shared ? sql`coalesce(shared_with_parent_at, now())` : sql`null`;
    const rows =
      kind === 'document'
        ? await tx
            .update(documents)
            .set({ sharedWithParentAt: at as never })
            .where(and(eq(documents.orgId, orgId), eq(documents.trajectoryId, trajectoryId), eq(documents.id, itemId), isNull(documents.deletedAt)))
            .returning({ id: documents.id, sharedWithParentAt: documents.sharedWithParentAt })
        : await tx
            .update(letters)
            .set({ sharedWithParentAt: at as never })
            .where(and(eq(letters.orgId, orgId), eq(letters.trajectoryId, trajectoryId), eq(letters.id, itemId)))
            .returning({ id: letters.id, sharedWithParentAt: letters.sharedWithParentAt });
    const row = rows[0];
    if (!row) throw notFound();
    await recordActorAudit(tx, ctx, { action: 'update', resourceType: kind, resourceId: itemId, subjectId: opened.subjectId, reason: opened.auditReason ?? (shared ? 'shared_with_parent' : 'no_longer_shared_with_parent') });
    if (shared) await mailParentNews(tx, ctx, orgId, opened.subjectId);
    return { id: row.id, sharedWithParentAt: row.sharedWithParentAt ? new Date(row.sharedWithParentAt).toISOString() : null };
  });
}

/** What of a trajectory is shown to the parent (ids and since when; no content): the staff toggles' state. */
async function sharedState(ctx: ActorContext, trajectoryId: string, reason?: string) {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const docs = await tx
      .select({ id: documents.id, at: documents.sharedWithParentAt })
      .from(documents)
      .where(and(eq(documents.orgId, orgId), eq(documents.trajectoryId, trajectoryId), isNotNull(documents.sharedWithParentAt), isNull(documents.deletedAt)));
    const lets = await tx
      .select({ id: letters.id, at: letters.sharedWithParentAt })
      .from(letters)
      .where(and(eq(letters.orgId, orgId), eq(letters.trajectoryId, trajectoryId), isNotNull(letters.sharedWithParentAt)));
    const out = (rows: Array<{ id: string; at: Date | null }>) => rows.map((r) => ({ id: r.id, sharedWithParentAt: r.at ? new Date(r.at).toISOString() : null }));
    return { documents: out(docs), letters: out(lets) };
  });
}

// ---------------------------------------------------------------- the parent: read what was shared

/** The parent's own shared document: another family's, a deleted or a not shared one reads as 404. */
async function downloadShared(ctx: ActorContext, documentId: string): Promise<{ mimeType: string; fileName: string; bytes: Buffer }> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'portal.own', { subjectUserId: userId });
  const ring = documentKeys(ctx.config);
  return ctx.db.withTenant(orgId, async (tx) => {
    const [doc] = await tx
      .select({ trajectoryId: documents.trajectoryId, fileName: documents.fileName, mimeType: documents.mimeType })
      .from(documents)
      .where(and(eq(documents.orgId, orgId), eq(documents.id, documentId), isNotNull(documents.sharedWithParentAt), isNull(documents.deletedAt)));
    if (!doc || !(await parentOwnsTrajectory(tx, orgId, userId, doc.trajectoryId))) throw notFound();
    const [content] = await tx.select().from(documentContents).where(and(eq(documentContents.orgId, orgId), eq(documentContents.documentId, documentId)));
    if (!content) throw notFound();
    const bytes = open(ring, content, `naast-document:${orgId}:${documentId}`);
    await recordActorAudit(tx, ctx, { action: 'export', resourceType: 'document', resourceId: documentId, subjectId: userId });
    const ext = doc.mimeType === 'application/pdf' ? 'pdf' : doc.mimeType === 'image/png' ? 'png' : doc.mimeType === 'image/jpeg' ? 'jpg' : doc.mimeType === DOCX_MIME ? 'docx' : 'bin';
    return { mimeType: doc.mimeType, fileName: safeFileName(doc.fileName, ext), bytes };
  });
}

async function exportShared(ctx: ActorContext, letterId: string, format: 'docx' | 'pdf'): Promise<{ mimeType: string; fileName: string; bytes: Buffer }> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'portal.own', { subjectUserId: userId });
  const { title, body } = await ctx.db.withTenant(orgId, async (tx) => {
    const [row] = await tx
      .select({ trajectoryId: letters.trajectoryId, title: letters.title, body: letterVersions.body })
      .from(letters)
      .innerJoin(letterVersions, and(eq(letterVersions.orgId, letters.orgId), eq(letterVersions.letterId, letters.id), eq(letterVersions.version, letters.currentVersion)))
      .where(and(eq(letters.orgId, orgId), eq(letters.id, letterId), isNotNull(letters.sharedWithParentAt)));
    if (!row || !(await parentOwnsTrajectory(tx, orgId, userId, row.trajectoryId))) throw notFound();
    await recordActorAudit(tx, ctx, { action: 'export', resourceType: 'letter', resourceId: letterId, subjectId: userId });
    return row;
  });
  const doc = { title, sections: [{ paragraphs: paragraphsFromText(body) }], lang: 'nl-NL' };
  const fileName = safeFileName(title, format);
  return format === 'docx' ? { mimeType: DOCX_MIME, fileName, bytes: toDocx(doc) } : { mimeType: PDF_MIME, fileName, bytes: await toPdf(doc) };
}

// ---------------------------------------------------------------- routes

const ZDocParams = z.strictObject({ id: ZId, docId: ZId });
const ZLetterParams = z.strictObject({ id: ZId, letterId: ZId });
const tags = ['documents'];
const write = { access: { permission: 'trajectories.write' as const } };
const own = { access: { permission: 'portal.own' as const } };

/** Registered from documents/routes.ts. */
export async function parentDocumentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id`;
  app.post(
    `${base}/documents/:docId/share-with-parent`,
    { config: write, schema: { tags, summary: 'Show the document to the parent in the portal, or stop showing it', params: ZDocParams, querystring: ZTrajectoryAccessQuery, body: ZShareWithParentRequest, response: { 200: ZShareWithParentResponse } } },
    async (req) => setShared(requireActor(req.ctx), 'document', req.params.id, req.params.docId, req.body.shared, req.query.reason),
  );
  app.post(
    `${base}/letters/:letterId/share-with-parent`,
    { config: write, schema: { tags, summary: 'Show the letter to the parent in the portal, or stop showing it', params: ZLetterParams, querystring: ZTrajectoryAccessQuery, body: ZShareWithParentRequest, response: { 200: ZShareWithParentResponse } } },
    async (req) => setShared(requireActor(req.ctx), 'letter', req.params.id, req.params.letterId, req.body.shared, req.query.reason),
  );
  app.get(
    `${base}/shared-with-parent`,
    { config: { access: { permission: 'trajectories.read' as const } }, schema: { tags, summary: 'Which documents and letters the parent sees in the portal', params: z.strictObject({ id: ZId }), querystring: ZTrajectoryAccessQuery, response: { 200: ZSharedWithParent } } },
    async (req) => sharedState(requireActor(req.ctx), req.params.id, req.query.reason),
  );
  app.get(
    `${API_PREFIX}/me/documents/:id/download`,
    { config: own, schema: { tags, description: 'A document shared with the parent (own family only), as an attachment.', params: z.strictObject({ id: ZId }) } },
    async (req, reply) => {
      const file = await downloadShared(requireActor(req.ctx), req.params.id);
      return reply.type(file.mimeType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
  app.get(
    `${API_PREFIX}/me/letters/:id/export`,
    { config: own, schema: { tags, description: 'A letter shared with the parent (own family only), as DOCX or PDF.', params: z.strictObject({ id: ZId }), querystring: ZExportQuery.pick({ format: true }) } },
    async (req, reply) => {
      const file = await exportShared(requireActor(req.ctx), req.params.id, req.query.format);
      return reply.type(file.mimeType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
    },
  );
}
