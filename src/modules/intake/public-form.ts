import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { rateLimited } from '../../platform/auth/throttle.js';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { t } from '../../platform/i18n/index.js';
import { HONEYPOT_FIELD, MIN_FILL_SECONDS, type TApplicationForm, type TPublicApplicationRequest } from '../../shared/intake.js';
import { getOrganisationName, getServiceNorms, workAreaMunicipalities } from '../organisations/public.js';
import { FIRST_CONTACT_WORKING_DAYS } from '../../shared/organisation.js';
import { privacyStatement } from './privacy.js';
import { insertApplication, privacyVersionErrors } from './service.js';
import { publicFormThrottle } from './tables.js';
import './messages.js';

/** Per network address and organisation: 5 applications per 10 minutes (a family sends one; a bot many). */
export const PUBLIC_FORM_LIMIT = { max: 5, windowMs: 10 * 60_000 };

const throttleKey = (orgId: string, ip: string) => `apply:${orgId}:${createHash('sha256').update(ip).digest('hex').slice(0, 32)}`;

/**
 * Counts one post of the public form in public_form_throttle (fixed window, durable: it holds across
 * restarts and server processes) and refuses with 429 + Retry-After past the limit. The table is
 * global (no tenant yet, like the sign-in throttle) and not granted to the app role, so this one
 * statement runs on the system path. The address is stored hashed.
 */
export async function countFormPost(db: Database, orgId: string, ip: string, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - PUBLIC_FORM_LIMIT.windowMs).toISOString();
  const [row] = await db.withSystem(async (tx) => {
    const res = await tx
      .insert(publicFormThrottle)
      .values({ key: throttleKey(orgId, ip), windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: publicFormThrottle.key,
        set: {
          count: sql`case when ${publicFormThrottle.windowStart} <= ${windowStart} then 1 else ${publicFormThrottle.count} + 1 end`,
          windowStart: sql`case when ${publicFormThrottle.windowStart} <= ${windowStart} then ${now.toISOString()}::timestamptz else ${publicFormThrottle.windowStart} end`,
        },
      })
      .returning({ count: publicFormThrottle.count, windowStart: publicFormThrottle.windowStart });
    // Now and then forget windows that ended long ago (they hold nothing but a hash and a count).
    if (Math.random() < 0.02) await tx.execute(sql`delete from public_form_throttle where window_start < ${new Date(now.getTime() - 24 * 3_600_000).toISOString()}`);
    return res;
  });
  if (row && row.count > PUBLIC_FORM_LIMIT.max) {
    throw rateLimited(row.windowStart.getTime() + PUBLIC_FORM_LIMIT.windowMs - now.getTime());
  }
}

/** GET …/application-form: the organisation's name, its work area and the privacy statement. Unknown organisation → 404. */
export async function getApplicationForm(ctx: RequestContext, orgId: string): Promise<TApplicationForm> {
  return ctx.db.withTenant(orgId, async (tx) => {
    const name = await getOrganisationName(tx, orgId);
    if (name === undefined) throw notFound();
    const municipalities = await workAreaMunicipalities(tx, orgId);
    return {
      organisationName: name,
      municipalities,
      privacyStatement: privacyStatement(ctx.lang, name),
      startedAt: new Date().toISOString(),
      minFillSeconds: MIN_FILL_SECONDS,
      honeypotField: HONEYPOT_FIELD,
      firstContactWorkingDays: (await getServiceNorms(tx, orgId))?.firstContactWorkingDays ?? FIRST_CONTACT_WORKING_DAYS.default,
    };
  });
}

/**
 * POST …/applications (no account). Order: rate limit (every post counts, also refused ones), then
 * the honeypot (filled → 400 form_rejected, nothing stored), the minimum fill time (400
 * form_too_fast), the privacy statement version, then one transaction that stores everything or
 * nothing. The confirmation mail (reference and organisation name only) goes after the commit: a mail
 * server that is down must not lose an application. Returns whether it was sent, for the log.
 */
export async function submitPublicApplication(
  ctx: RequestContext,
  orgId: string,
  body: TPublicApplicationRequest,
): Promise<{ reference: string; mailSent: boolean }> {
  const now = new Date();
  await countFormPost(ctx.db, orgId, ctx.ip, now);
  if (body.website && body.website.trim() !== '') throw new AppError('form_rejected', 400);
  const started = new Date(body.startedAt).getTime();
  if (!(now.getTime() - started >= MIN_FILL_SECONDS * 1000)) throw new AppError('form_too_fast', 400);
  const errors = privacyVersionErrors(body.privacyStatementVersion);
  if (errors.length) throw validation(errors);

  const { reference, organisationName } = await ctx.db.withTenant(orgId, async (tx) => {
    const name = await getOrganisationName(tx, orgId);
    if (name === undefined) throw notFound();
    const created = await insertApplication(tx, orgId, {
      channel: 'public_form',
      referrerType: 'self',
      parentAgreedToReferral: false,
      referrerMayBeTold: false,
      people: body.people,
      children: body.children,
      municipalityCode: body.municipalityCode,
      postcode: body.postcode,
      institutions: body.institutions,
      conflictSummary: body.conflictSummary,
      hearingDate: body.hearingDate,
      urgencyNote: body.urgencyNote,
      preferredLanguage: body.preferredLanguage,
      privacyStatementVersion: body.privacyStatementVersion,
      receivedAt: now,
      createdBy: null,
    });
    await recordAudit(tx, {
      orgId,
      actorRole: 'public',
      action: 'create',
      resourceType: 'application',
      resourceId: created.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      reason: 'public application form',
    });
    return { reference: created.reference, organisationName: name };
  });

  const to = body.people.find((p) => p.email)?.email;
  let mailSent = false;
  if (to) {
    const params = { reference, org: organisationName };
    try {
      await ctx.mailer.send({
        to,
        subject: `${t('nl', 'mail.application_received.subject')} | ${t('en', 'mail.application_received.subject')} (${reference})`,
        text: `${t('nl', 'mail.application_received.body', params)}\n\n---\n\n${t('en', 'mail.application_received.body', params)}\n`,
      });
      mailSent = true;
    } catch {
      // The application is stored; the caller logs that the confirmation failed (without the address).
    }
  }
  return { reference, mailSent };
}
