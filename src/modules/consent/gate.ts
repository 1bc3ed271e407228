import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy/index.js';
import { amsterdamDate, addDays } from '../../platform/time/working-days.js';
import type { TConsentCategory } from '../../shared/consent.js';
import { setReferrerNoticeGate, type ReferrerNoticeRequest } from '../intake/public.js';
import { parentUserIdsOf } from '../trajectories/public.js';
import './share-messages.js';

/**
 * THE SHARING GATE (issue 6). Every act of sharing outside the organisation passes one of the two
 * entries below, in the transaction that shares:
 *   - shareOutside: with a consent of the trajectory (staff sharing a report, letter or plan by a
 *     mailed link; the referrer's 'started'/'ended' notices);
 *   - shareApplicationNotice: the referrer's 'received' notice, before any trajectory (and so any
 *     consent row) exists, on the agreement the parent gave on the application form.
 * A link opened later is checked again with assertStillShareable, so revoking or the end of the
 * period stops links that were already sent. sharing-paths.db.test.ts enumerates the routes and
 * proves none bypasses this file.
 */

export type ShareChannel = 'mail_link' | 'referrer_notice' | 'handed_over';

/** Who shares: a signed-in user, or the system (a job) for one organisation. */
export interface SharingActor {
  orgId: string;
  /** null: the system (e.g. the nightly aftercare job). */
  userId: string | null;
  role: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** shares.shared_by is required; a share by the system (no user) is recorded with this id. */
export const SYSTEM_SHARER = '00000000-0000-0000-0000-000000000000';

export function sharingActorOf(ctx: ActorContext): SharingActor {
  return { orgId: ctx.actor.orgId, userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, userAgent: ctx.userAgent };
}

export interface ShareRequest {
  trajectoryId: string;
  consentId: string;
  category: TConsentCategory;
  /** What is shared, e.g. 'meeting_report', 'letter', 'plan', 'referrer_notice'. */
  resourceType: string;
  resourceId: string | null;
  channel: ShareChannel;
  /** A mailed link: only the hash of its secret is stored, with its end. */
  link?: { tokenHash: string; expiresAt: Date };
  /** Break-the-glass reason of the staff member, kept in the audit event. */
  auditReason?: string | null;
}

export interface ConsentRecipientInfo {
  id: string;
  kind: string;
  name: string;
  organisation: string | null;
  email: string | null;
}

export interface ShareRecord {
  shareId: string;
  consentId: string;
  recipient: ConsentRecipientInfo;
  sharedAt: Date;
}

interface ConsentRow {
  id: string;
  trajectory_id: string;
  categories: string[] | string;
  valid_from: string | Date;
  valid_until: string | Date;
  revoked_at: Date | string | null;
  recipient_id: string;
  recipient_kind: string;
  recipient_name: string;
  recipient_organisation: string | null;
  recipient_email: string | null;
}

/** date columns come back as 'yyyy-mm-dd' (drizzle/pg) or Date (some drivers): compare as text. */
const ymd = (v: string | Date): string => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));
/** text[] as an array on both drivers ('{a,b}' if a driver does not parse it). */
const textArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/**
 * Loads the consent FOR SHARE: a revoke running at the same time (an UPDATE of that row) waits for
 * this transaction, or this one waits for the revoke and then sees it. No consent → null.
 */
async function lockConsent(tx: Executor, orgId: string, consentId: string): Promise<ConsentRow | null> {
  const [row] = await execRows<ConsentRow>(
    tx,
    sql`select c.id::text, c.trajectory_id::text, c.categories, c.valid_from::text as valid_from, c.valid_until::text as valid_until, c.revoked_at,
               r.id::text as recipient_id, r.kind as recipient_kind, r.name as recipient_name, r.organisation as recipient_organisation, r.email as recipient_email
          from consents c join consent_recipients r on r.org_id = c.org_id and r.id = c.recipient_id
         where c.org_id = ${orgId} and c.id = ${consentId}
           for share of c`,
  );
  return row ?? null;
}

type Refusal = 'share_no_consent' | 'share_consent_revoked' | 'share_consent_expired' | 'share_consent_not_yet_valid';

/** Why this consent does not cover this share today (null: it does). Pure. */
export function refusalOf(c: ConsentRow | null, want: { trajectoryId: string; category: string }, today: string): Refusal | null {
  if (!c || c.trajectory_id !== want.trajectoryId || !textArray(c.categories).includes(want.category)) return 'share_no_consent';
  if (c.revoked_at) return 'share_consent_revoked';
  if (today < ymd(c.valid_from)) return 'share_consent_not_yet_valid';
  if (today > ymd(c.valid_until)) return 'share_consent_expired';
  return null;
}

const refusalError = (code: Refusal) => new AppError(code, code === 'share_no_consent' ? 403 : 409);

/**
 * The one function through which anything leaves the organisation with a consent. Checks, in the
 * caller's transaction: the consent exists for this trajectory, is not revoked, today (Amsterdam) lies
 * within its period, and it covers the category. Then records the share (with the consent used) and
 * an audit event 'share' naming the consent. Otherwise throws 403 share_no_consent or 409
 * share_consent_revoked|expired|not_yet_valid, having written nothing.
 */
export async function shareOutside(tx: Executor, actor: SharingActor, req: ShareRequest): Promise<ShareRecord> {
  const { orgId } = actor;
  const consent = await lockConsent(tx, orgId, req.consentId);
  const refusal = refusalOf(consent, req, amsterdamDate(new Date()));
  if (refusal) throw refusalError(refusal);
  const c = consent!;
  const shareId = uuidv7();
  const sharedAt = new Date();
  await tx.execute(
    sql`insert into shares (org_id, id, trajectory_id, consent_id, recipient_id, category, resource_type, resource_id, channel, shared_by, shared_at, token_hash, expires_at)
        values (${orgId}, ${shareId}, ${req.trajectoryId}, ${c.id}, ${c.recipient_id}, ${req.category}, ${req.resourceType}, ${req.resourceId}, ${req.channel},
                ${actor.userId ?? SYSTEM_SHARER}, ${sharedAt.toISOString()}, ${req.link?.tokenHash ?? null}, ${req.link?.expiresAt.toISOString() ?? null})`,
  );
  const parentUserId = (await parentUserIdsOf(tx, orgId, [req.trajectoryId])).get(req.trajectoryId) ?? null;
  await recordAudit(tx, {
    orgId,
    actorUserId: actor.userId,
    actorRole: actor.role,
    subjectId: parentUserId,
    action: 'share',
    resourceType: 'consent',
    resourceId: c.id,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
    reason: req.auditReason ?? null,
  });
  return {
    shareId,
    consentId: c.id,
    sharedAt,
    recipient: { id: c.recipient_id, kind: c.recipient_kind, name: c.recipient_name, organisation: c.recipient_organisation, email: c.recipient_email },
  };
}

export interface OpenableShare {
  id: string;
  trajectoryId: string;
  consentId: string;
  category: string;
  resourceType: string;
  resourceId: string | null;
  sharedAt: Date;
  expiresAt: Date;
  parentUserId: string | null;
}

type OpenRefusal = 'shared_not_found' | 'shared_revoked' | 'shared_consent_expired' | 'shared_link_expired';

/**
 * A mailed link being opened later: the share must exist, its link not be over, and its consent
 * still hold (not revoked, within its period). Throws 404 shared_not_found or 410 shared_revoked |
 * shared_consent_expired | shared_link_expired; nothing may be served then.
 */
export async function assertStillShareable(tx: Executor, orgId: string, shareId: string): Promise<OpenableShare> {
  const [row] = await execRows<{
    id: string;
    trajectory_id: string;
    consent_id: string;
    category: string;
    resource_type: string;
    resource_id: string | null;
    shared_at: Date | string;
    expires_at: Date | string | null;
    valid_from: string;
    valid_until: string;
    revoked_at: Date | string | null;
  }>(
    tx,
    sql`select s.id::text, s.trajectory_id::text, s.consent_id::text, s.category, s.resource_type, s.resource_id, s.shared_at, s.expires_at,
               c.valid_from::text as valid_from, c.valid_until::text as valid_until, c.revoked_at
          from shares s join consents c on c.org_id = s.org_id and c.id = s.consent_id
         where s.org_id = ${orgId} and s.id = ${shareId}
           for share of c`,
  );
  const today = amsterdamDate(new Date());
  let refusal: OpenRefusal | null = null;
  if (!row || !row.expires_at) refusal = 'shared_not_found';
  else if (row.revoked_at) refusal = 'shared_revoked';
  else if (today < ymd(row.valid_from) || today > ymd(row.valid_until)) refusal = 'shared_consent_expired';
  else if (new Date(row.expires_at).getTime() <= Date.now()) refusal = 'shared_link_expired';
  if (refusal) throw new AppError(refusal, refusal === 'shared_not_found' ? 404 : 410);
  const parentUserId = (await parentUserIdsOf(tx, orgId, [row!.trajectory_id])).get(row!.trajectory_id) ?? null;
  return {
    id: row!.id,
    trajectoryId: row!.trajectory_id,
    consentId: row!.consent_id,
    category: row!.category,
    resourceType: row!.resource_type,
    resourceId: row!.resource_id,
    sharedAt: new Date(row!.shared_at),
    expiresAt: new Date(row!.expires_at!),
    parentUserId,
  };
}

// ---- referrer notices ----------------------------------------------------------------------------

interface NoticeContext {
  actor?: Actor;
  ip?: string;
  userAgent?: string;
}

const noticeActor = (orgId: string, ctx: NoticeContext): SharingActor => ({
  orgId,
  userId: ctx.actor?.userId ?? null,
  role: ctx.actor?.role ?? 'system',
  ip: ctx.ip ?? null,
  userAgent: ctx.userAgent ?? null,
});

/** How long the consent made from the application form's agreement runs (it can be revoked any day). */
const REFERRER_CONSENT_YEARS = 5;

/**
 * The 'received' notice: no trajectory, so no consent row yet. It rests on the agreement the parent
 * gave on the application form (the referrer is not the parent, the parent agreed the referrer may
 * be told, and there is an address); audited as 'share' of the application. false: not sent.
 */
export async function shareApplicationNotice(tx: Executor, ctx: NoticeContext, n: ReferrerNoticeRequest): Promise<boolean> {
  if (n.kind !== 'received' || !n.mayBeTold || n.referrerType === 'self' || !n.referrer.email) return false;
  const a = noticeActor(n.orgId, ctx);
  await recordAudit(tx, {
    orgId: n.orgId,
    actorUserId: a.userId,
    actorRole: a.role,
    subjectId: n.parentUserId,
    action: 'share',
    resourceType: 'application',
    resourceId: n.applicationId,
    ip: a.ip,
    userAgent: a.userAgent,
    reason: 'referrer notice: received',
  });
  return true;
}

interface TrajectoryOfApplication {
  id: string;
  coach_user_id: string | null;
  lead_volunteer_id: string;
}

/**
 * The referrer consent of this application's trajectories (newest first), locked FOR SHARE. When the
 * application has none at all, the agreement on the application form becomes one on the newest
 * trajectory (recipient kind 'referrer', categories ['progress'], given_via 'staff' with a note).
 * A consent that exists but was revoked or ran out is returned as it is: the gate refuses it.
 */
async function referrerConsentOf(tx: Executor, ctx: NoticeContext, n: ReferrerNoticeRequest): Promise<{ consentId: string; trajectoryId: string } | null> {
  const { orgId } = n;
  // The trajectories module's rows of this application (ids and people only), newest first.
  const trajectories = await execRows<TrajectoryOfApplication>(
    tx,
    sql`select id::text, coach_user_id::text, lead_volunteer_id::text from trajectories
         where org_id = ${orgId} and application_id = ${n.applicationId} order by started_at desc, id desc`,
  );
  if (!trajectories.length) return null;
  const [existing] = await execRows<{ id: string; trajectory_id: string }>(
    tx,
    sql`select c.id::text, c.trajectory_id::text from consents c
          join consent_recipients r on r.org_id = c.org_id and r.id = c.recipient_id
         where c.org_id = ${orgId} and r.kind = 'referrer'
           and c.trajectory_id = any(${sql.param(trajectories.map((t) => t.id))}::uuid[])
         order by c.created_at desc, c.id desc limit 1`,
  );
  if (existing) return { consentId: existing.id, trajectoryId: existing.trajectory_id };
  if (!n.mayBeTold || n.referrerType === 'self') return null;
  const t = trajectories[0]!;
  // Who records it: the person whose act started (or ends) the trajectory, else its coach or lead volunteer.
  const recordedBy = ctx.actor?.userId ?? t.coach_user_id ?? t.lead_volunteer_id;
  const recipientId = uuidv7();
  const consentId = uuidv7();
  const agreedOn = amsterdamDate(n.receivedAt);
  const name = n.referrer.name?.trim() || n.referrer.organisation?.trim() || 'Verwijzer';
  await tx.execute(
    sql`insert into consent_recipients (org_id, id, trajectory_id, kind, name, organisation, email, created_by)
        values (${orgId}, ${recipientId}, ${t.id}, 'referrer', ${name}, ${n.referrer.organisation ?? null}, ${n.referrer.email ?? null}, ${recordedBy})`,
  );
  const today = amsterdamDate(new Date());
  const from = agreedOn <= today ? agreedOn : today;
  await tx.execute(
    sql`insert into consents (org_id, id, trajectory_id, recipient_id, purpose, categories, valid_from, valid_until, given_via, staff_note, recorded_by)
        values (${orgId}, ${consentId}, ${t.id}, ${recipientId}, ${'Verwijzer laten weten dat de steun is begonnen en afgelopen (zonder inhoud)'},
                array['progress']::text[], ${from}, ${addDays(today, REFERRER_CONSENT_YEARS * 365)}, 'staff',
                ${`Gegeven op het aanmeldformulier op ${agreedOn}: de ouder gaf toestemming dat de verwijzer dit mag horen.`}, ${recordedBy})`,
  );
  await recordAudit(tx, {
    orgId,
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    subjectId: n.parentUserId,
    action: 'create',
    resourceType: 'consent',
    resourceId: consentId,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    reason: 'referrer agreement on the application form',
  });
  return { consentId, trajectoryId: t.id };
}

/**
 * The 'started' and 'ended' notices: through shareOutside with the referrer consent (channel
 * referrer_notice, category progress). A refusal (revoked, expired, none) is not an error of the
 * phase change: the notice is simply not sent, and the audit says why. true: send it.
 */
export async function shareReferrerNotice(tx: Executor, ctx: NoticeContext, n: ReferrerNoticeRequest): Promise<boolean> {
  if (n.kind === 'received') return shareApplicationNotice(tx, ctx, n);
  if (n.referrerType === 'self' || !n.referrer.email) return false;
  const found = await referrerConsentOf(tx, ctx, n);
  const actor = noticeActor(n.orgId, ctx);
  try {
    if (!found) throw refusalError('share_no_consent');
    await shareOutside(tx, actor, {
      trajectoryId: found.trajectoryId,
      consentId: found.consentId,
      category: 'progress',
      resourceType: 'referrer_notice',
      resourceId: n.kind,
      channel: 'referrer_notice',
    });
    return true;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // Refused before anything was written: record that it was not sent, and why (a code, no names).
    await recordAudit(tx, {
      orgId: n.orgId,
      actorUserId: actor.userId,
      actorRole: actor.role,
      subjectId: n.parentUserId,
      action: 'share',
      resourceType: 'referrer_notice',
      resourceId: found?.consentId ?? n.applicationId,
      ip: actor.ip,
      userAgent: actor.userAgent,
      reason: `referrer notice ${n.kind} not sent: ${e.code}`,
    });
    return false;
  }
}

// Intake sends the notices but cannot import this module (consent → trajectories → intake): it asks
// the gate through this hook. Without it registered, intake sends nothing (fail closed).
setReferrerNoticeGate(shareReferrerNotice);
