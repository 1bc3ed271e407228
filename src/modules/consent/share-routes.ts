import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit/index.js';
import { recordActorAudit } from '../../platform/audit/actor.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { PDF_MIME, safeFileName, toPdf, type ExportDocument } from '../../platform/export/index.js';
import { API_PREFIX } from '../../platform/http/app.js';
import { requireActor, type ActorContext, type RequestContext } from '../../platform/http/context.js';
import { AppError, validation } from '../../platform/http/errors.js';
import { t, type Lang } from '../../platform/i18n/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import { ZIdParams } from '../../shared/common.js';
import {
  SHARE_CATEGORY,
  SHARE_LINK_DAYS,
  ZShare,
  ZShareList,
  ZShareQuery,
  ZShareRequest,
  ZSharedItem,
  ZSharedParams,
  type TShare,
  type TShareItemKind,
  type TShareRequest,
  type TSharedItem,
} from '../../shared/sharing.js';
import { letterDocumentForSharing } from '../documents/public.js';
import { getOrganisationName } from '../organisations/public.js';
import { reportDocumentForSharing } from '../reports/public.js';
import { parentUserIdsOf, planDocumentForSharing, trajectoryFor } from '../trajectories/public.js';
import { assertStillShareable, shareOutside, sharingActorOf } from './gate.js';

/**
 * Sharing outside the organisation (issue 6), only through the gate (gate.ts):
 *   POST /trajectories/:id/shares        staff share a report, letter or plan with a consented recipient by mail (a link, no content)
 *   GET  /trajectories/:id/shares        what was shared, with which consent
 *   GET  /shared/:token                  public: the recipient's landing page (kind, organisation, until when)
 *   GET  /shared/:token/download         public: the PDF
 * The public routes check the consent again every time: revoked or expired → 410, nothing served.
 * The recipient's link is `/gedeeld/<orgId>.<secret>`; only the secret's hash is stored.
 */

const tags = ['sharing'];
const RESOURCE_TYPE: Record<TShareItemKind, string> = { report: 'meeting_report', letter: 'letter', plan: 'plan' };
const KIND_OF: Record<string, TShareItemKind> = { meeting_report: 'report', letter: 'letter', plan: 'plan' };

/** The item as a document, read in the caller's transaction; null: not of this trajectory. */
async function documentOf(tx: Executor, orgId: string, trajectoryId: string, kind: TShareItemKind, id: string | null, lang: Lang): Promise<ExportDocument | null> {
  if (kind === 'plan') return planDocumentForSharing(tx, orgId, trajectoryId, lang);
  if (!id) return null;
  return kind === 'report' ? reportDocumentForSharing(tx, orgId, trajectoryId, id, lang) : letterDocumentForSharing(tx, orgId, trajectoryId, id);
}

const longDate = (lang: Lang, d: Date) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(d);

/** POST /trajectories/:id/shares: gate → share row (token hash, 14 days) → mail with the link only. */
async function share(ctx: ActorContext, trajectoryId: string, body: TShareRequest, reason?: string): Promise<TShare> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, 'trajectories.read', { reason });
    const kind = body.item.kind;
    const itemId = kind === 'plan' ? null : (body.item.id ?? null);
    // The item must be this trajectory's (before the gate: a wrong id is the caller's mistake, not a refusal).
    if (!(await documentOf(tx, orgId, row.id, kind, itemId, 'nl'))) {
      throw validation([{ field: 'body.item.id', code: 'unknown', messageKey: 'field.share_item_unknown' }]);
    }
    const secret = randomToken(32);
    const expiresAt = new Date(Date.now() + SHARE_LINK_DAYS * 86_400_000);
    const shared = await shareOutside(tx, sharingActorOf(ctx), {
      trajectoryId: row.id,
      consentId: body.consentId,
      category: SHARE_CATEGORY[kind],
      resourceType: RESOURCE_TYPE[kind],
      resourceId: itemId ?? row.id,
      channel: 'mail_link',
      link: { tokenHash: sha256(secret), expiresAt },
      auditReason,
    });
    // Throwing here rolls the share back: nothing half-saved.
    if (!shared.recipient.email) throw new AppError('share_recipient_no_email', 422);
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/gedeeld/${orgId}.${secret}`;
    const org = (await getOrganisationName(tx, orgId)) ?? 'Naast';
    const params = (lang: Lang) => ({ org, link, until: longDate(lang, expiresAt) });
    // Inside the transaction: a mail that cannot be sent leaves no share behind. Only the link, no content, no names.
    await ctx.mailer.send({
      to: shared.recipient.email,
      subject: `${t('nl', 'mail.shared.subject')} | ${t('en', 'mail.shared.subject')}`,
      text: `${t('nl', 'mail.shared.body', params('nl'))}\n\n---\n\n${t('en', 'mail.shared.body', params('en'))}\n`,
    });
    const { recipient } = shared;
    return {
      id: shared.shareId,
      consentId: shared.consentId,
      recipient: { kind: recipient.kind as TShare['recipient']['kind'], name: recipient.name, organisation: recipient.organisation },
      category: SHARE_CATEGORY[kind],
      resourceType: RESOURCE_TYPE[kind],
      resourceId: itemId ?? row.id,
      channel: 'mail_link',
      sharedAt: shared.sharedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      openedAt: null,
      consentActive: true,
    };
  });
}

/** GET /trajectories/:id/shares: every act of sharing of this trajectory, newest first, audited as a list about the parent. */
async function listShares(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TShare[] }> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, 'trajectories.read', { reason });
    const today = amsterdamDate(new Date());
    const rows = await execRows<{
      id: string;
      consent_id: string;
      category: string;
      resource_type: string;
      resource_id: string | null;
      channel: TShare['channel'];
      shared_at: Date | string;
      expires_at: Date | string | null;
      opened_at: Date | string | null;
      kind: string;
      name: string;
      organisation: string | null;
      active: boolean;
    }>(
      tx,
      sql`select s.id::text, s.consent_id::text, s.category, s.resource_type, s.resource_id, s.channel, s.shared_at, s.expires_at, s.opened_at,
                 r.kind, r.name, r.organisation,
                 (c.revoked_at is null and ${today}::date between c.valid_from and c.valid_until) as active
            from shares s
            join consents c on c.org_id = s.org_id and c.id = s.consent_id
            join consent_recipients r on r.org_id = s.org_id and r.id = s.recipient_id
           where s.org_id = ${orgId} and s.trajectory_id = ${row.id}
           order by s.shared_at desc, s.id desc`,
    );
    const parentUserId = (await parentUserIdsOf(tx, orgId, [row.id])).get(row.id) ?? null;
    await recordActorAudit(tx, ctx, { action: 'list', resourceType: 'share', resourceId: row.id, subjectId: parentUserId, reason: auditReason });
    const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
    return {
      items: rows.map((r) => ({
        id: r.id,
        consentId: r.consent_id,
        recipient: { kind: r.kind as TShare['recipient']['kind'], name: r.name, organisation: r.organisation },
        category: r.category,
        resourceType: r.resource_type,
        resourceId: r.resource_id,
        channel: r.channel,
        sharedAt: iso(r.shared_at)!,
        expiresAt: iso(r.expires_at),
        openedAt: iso(r.opened_at),
        consentActive: r.active === true || (r.active as unknown) === 't',
      })),
    };
  });
}

// ---- the recipient (public: the link is the key) ---------------------------------------------------

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unknownLink = () => new AppError('shared_not_found', 404);

/** `<orgId>.<secret>` (43 base64url characters); anything else is an unknown link (404). */
function parseToken(token: string): { orgId: string; hash: string } {
  const dot = token.indexOf('.');
  const orgId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !UUID_RE.test(orgId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) throw unknownLink();
  return { orgId: orgId.toLowerCase(), hash: sha256(secret) };
}

/**
 * Opens a link in the organisation's tenant: the share by its hash, the gate's check at open time
 * (revoked/expired → 410 and nothing else happens), then opened_at (the first time) and an audit
 * event by the recipient (no user: role 'recipient'). `load` reads what is served in the same transaction.
 */
async function openShared<T>(
  ctx: RequestContext,
  token: string,
  action: 'read' | 'export',
  load: (tx: Executor, orgId: string, s: Awaited<ReturnType<typeof assertStillShareable>>) => Promise<T>,
): Promise<T> {
  const { orgId, hash } = parseToken(token);
  return ctx.db.withTenant(orgId, async (tx) => {
    const [found] = await execRows<{ id: string }>(tx, sql`select id::text from shares where org_id = ${orgId} and token_hash = ${hash}`);
    if (!found) throw unknownLink();
    const s = await assertStillShareable(tx, orgId, found.id);
    const out = await load(tx, orgId, s);
    await tx.execute(sql`update shares set opened_at = coalesce(opened_at, now()) where org_id = ${orgId} and id = ${s.id}`);
    await recordAudit(tx, {
      orgId,
      actorUserId: null,
      actorRole: 'recipient',
      subjectId: s.parentUserId,
      action,
      resourceType: 'share',
      resourceId: s.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      reason: `opened by the recipient of consent ${s.consentId}`,
    });
    return out;
  });
}

async function sharedItem(ctx: RequestContext, token: string): Promise<TSharedItem> {
  return openShared(ctx, token, 'read', async (tx, orgId, s) => {
    const kind = KIND_OF[s.resourceType];
    if (!kind) throw new AppError('shared_gone', 410);
    return { kind, organisationName: (await getOrganisationName(tx, orgId)) ?? 'Naast', sharedAt: s.sharedAt.toISOString(), expiresAt: s.expiresAt.toISOString() };
  });
}

async function sharedDownload(ctx: RequestContext, token: string): Promise<{ fileName: string; bytes: Buffer }> {
  const lang = ctx.lang;
  const doc = await openShared(ctx, token, 'export', async (tx, orgId, s) => {
    const kind = KIND_OF[s.resourceType];
    const d = kind ? await documentOf(tx, orgId, s.trajectoryId, kind, kind === 'plan' ? null : s.resourceId, lang) : null;
    if (!d) throw new AppError('shared_gone', 410);
    const org = (await getOrganisationName(tx, orgId)) ?? 'Naast';
    return {
      ...d,
      meta: [...(d.meta ?? []), t(lang, 'share.document.meta', { org, date: longDate(lang, s.sharedAt) }), t(lang, 'share.document.confidential')],
    };
  });
  // Rendering after the transaction: no connection is held while the file is built.
  return { fileName: safeFileName(doc.title, 'pdf'), bytes: await toPdf(doc) };
}

export async function sharingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `${API_PREFIX}/trajectories/:id/shares`;

  app.post(
    base,
    {
      config: { access: { permission: 'sharing.share' } },
      schema: {
        tags,
        description: 'Share a report, letter or plan outside the organisation: only with an active consent that covers it (the sharing gate). The recipient gets a link by mail.',
        params: ZIdParams,
        querystring: ZShareQuery,
        body: ZShareRequest,
        response: { 201: ZShare },
      },
    },
    async (req, reply) => reply.status(201).send(await share(requireActor(req.ctx), req.params.id, req.body, req.query.reason)),
  );
  app.get(
    base,
    { config: { access: { permission: 'consent.read' } }, schema: { tags, params: ZIdParams, querystring: ZShareQuery, response: { 200: ZShareList } } },
    async (req) => listShares(requireActor(req.ctx), req.params.id, req.query.reason),
  );

  // The recipient has no account: the link's secret is the key, the consent is checked on every open.
  app.get(
    `${API_PREFIX}/shared/:token`,
    { config: { access: 'public' }, schema: { tags, params: ZSharedParams, response: { 200: ZSharedItem } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return sharedItem(req.ctx, req.params.token);
    },
  );
  app.get(`${API_PREFIX}/shared/:token/download`, { config: { access: 'public' }, schema: { tags, params: ZSharedParams } }, async (req, reply) => {
    const file = await sharedDownload(req.ctx, req.params.token);
    return reply
      .header('content-type', PDF_MIME)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });
}
