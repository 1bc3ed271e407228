import { and, eq } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { lookupLogin } from '../../platform/auth/accounts.js';
import { INVITATION_TTL_MS, issueLinkedInvitation, linkedInvitationStatus } from '../../platform/auth/invitation-hooks.js';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/policy/index.js';
import type { TMyFamily, TParentAccountStatus, TParentInvitationRequest, TPortalFamily, TPortalTrajectory } from '../../shared/portal.js';
import { sharedDocumentsColumn, sharedLettersColumn } from '../documents/public.js';
import { familyHeadersOf } from '../intake/public.js';
import { parentDeadlinesColumn } from '../legal/public.js';
import { reportsToReviewColumn } from '../reports/public.js';
import { familyOfTrajectory, parentFamilies } from '../trajectories/public.js';
import { waitingPlaceOf } from '../waiting-list/public.js';
import './messages.js';

/**
 * The parent portal (issue 6). GET /me/family is the parent's home in one statement (the families
 * with their newest trajectory and every part as a json column of its owning module) plus the audit
 * event; only a family still waiting for a volunteer adds the waiting-list computation.
 */
const EXTRA = {
  deadlines: (o: Parameters<typeof parentDeadlinesColumn>[0], id: Parameters<typeof parentDeadlinesColumn>[1]) => parentDeadlinesColumn(o, id, 5),
  reportsToReview: reportsToReviewColumn,
  documents: sharedDocumentsColumn,
  letters: sharedLettersColumn,
};

export async function myFamily(ctx: ActorContext): Promise<TMyFamily> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'portal.own', { subjectUserId: userId });
  return ctx.db.withTenant(orgId, async (tx) => {
    const rows = await parentFamilies(tx, orgId, userId, EXTRA);
    const families: TPortalFamily[] = [];
    for (const r of rows) {
      const waiting =
        !r.trajectory && (r.applicationStatus === 'waiting' || r.applicationStatus === 'matching') && r.locationId ? await waitingPlaceOf(tx, orgId, r.applicationId, r.locationId) : null;
      const trajectory: TPortalTrajectory | null = r.trajectory
        ? {
            ...(r.trajectory as Omit<TPortalTrajectory, 'deadlines' | 'reportsToReview' | 'documents' | 'letters'>),
            deadlines: ((r.extra.deadlines ?? []) as TPortalTrajectory['deadlines']).map((d) => ({ id: d.id, title: d.title, dueOn: d.dueOn })),
            reportsToReview: ((r.extra.reportsToReview ?? []) as TPortalTrajectory['reportsToReview']).map((x) => ({ ...x, meetingAt: new Date(x.meetingAt).toISOString() })),
            documents: ((r.extra.documents ?? []) as TPortalTrajectory['documents']).map((x) => ({ ...x, sharedAt: new Date(x.sharedAt).toISOString() })),
            letters: ((r.extra.letters ?? []) as TPortalTrajectory['letters']).map((x) => ({ ...x, sharedAt: new Date(x.sharedAt).toISOString() })),
          }
        : null;
      families.push({ applicationId: r.applicationId, reference: r.reference, applicationStatus: r.applicationStatus, waiting, trajectory });
    }
    await audit(tx, ctx, { action: 'read', resourceType: 'family', resourceId: rows[0]?.applicationId ?? null, subjectId: userId, reason: 'parent_portal_home' });
    return { families };
  });
}

// ---------------------------------------------------------------- the coordinator invites the parent

const linkRefOf = (applicationId: string) => `application:${applicationId}`;

async function statusOf(tx: Executor, orgId: string, applicationId: string, parentUserId: string | null): Promise<TParentAccountStatus> {
  if (parentUserId) {
    const [u] = await tx.select({ email: users.email, status: users.status }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, parentUserId)));
    if (u?.status === 'active') return { status: 'active', email: u.email, invitedAt: null, expiresAt: null };
  }
  const inv = await linkedInvitationStatus(tx, orgId, linkRefOf(applicationId));
  if (!inv || inv.status === 'accepted') return { status: 'none', email: null, invitedAt: null, expiresAt: null };
  return { status: inv.status === 'pending' ? 'invited' : 'expired', email: inv.email, invitedAt: inv.createdAt.toISOString(), expiresAt: inv.expiresAt.toISOString() };
}

/** GET /trajectories/:id/parent-account: whether the family's parent can sign in (active, invited, expired, none). */
export async function parentAccount(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<TParentAccountStatus> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const fam = await familyOfTrajectory(ctx, tx, trajectoryId, reason);
    const status = await statusOf(tx, orgId, fam.applicationId, fam.parentUserId);
    await audit(tx, ctx, { action: 'read', resourceType: 'parent_account', resourceId: fam.applicationId, subjectId: fam.parentUserId, reason: fam.auditReason });
    return status;
  });
}

/**
 * POST /trajectories/:id/parent-invitation: the platform's invitation (role parent, 72 hours, only the
 * newest link works) with link_ref `application:<id>`; accepting it links the new account to the
 * application (intake's linkParentAccount, registered in index.ts). The mail holds no personal details.
 */
export async function inviteParent(ctx: ActorContext, trajectoryId: string, body: TParentInvitationRequest, reason?: string): Promise<TParentAccountStatus> {
  const { orgId, userId } = ctx.actor;
  if (await ctx.db.withSystem((tx) => lookupLogin(tx, body.email))) throw new AppError('parent_email_taken', 409);
  return ctx.db.withTenant(orgId, async (tx) => {
    const fam = await familyOfTrajectory(ctx, tx, trajectoryId, reason);
    if (fam.ended) throw new AppError('trajectory_ended', 409);
    if (fam.parentUserId) throw new AppError('parent_already_linked', 409);
    const displayName = body.displayName ?? ((await familyHeadersOf(tx, orgId, [fam.applicationId])).get(fam.applicationId)?.familyName || 'Ouder');
    const inv = await issueLinkedInvitation(tx, { orgId, email: body.email, displayName, role: 'parent', linkRef: linkRefOf(fam.applicationId), invitedBy: userId });
    if (!inv) throw new AppError('parent_email_taken', 409);
    await audit(tx, ctx, { action: 'create', resourceType: 'invitation', resourceId: inv.id, reason: fam.auditReason ?? 'parent_invitation' });
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/invitation#token=${orgId}.${inv.token}`;
    const params = { link, hours: INVITATION_TTL_MS / 3_600_000 };
    // Sent inside the transaction: if it cannot be sent, no invitation is left that nobody received.
    await ctx.mailer.send({
      to: body.email,
      subject: `${t('nl', 'mail.parent_invitation.subject')} | ${t('en', 'mail.parent_invitation.subject')}`,
      text: `${t('nl', 'mail.parent_invitation.body', params)}\n\n---\n\n${t('en', 'mail.parent_invitation.body', params)}\n`,
    });
    return { status: 'invited', email: body.email, invitedAt: new Date().toISOString(), expiresAt: inv.expiresAt.toISOString() };
  });
}
