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
import { familyOfTrajectory, parentFamilies, type ParentFamilyRow } from '../trajectories/public.js';
import { waitingPlaceOf } from '../waiting-list/public.js';
import './messages.js';

/**
 * The parent portal (issue 6). GET /me/family is the parent's home in one statement (the families
 * with their newest trajectory and every part as a json column of its owning module) plus the audit
 * event; only a family still waiting for a volunteer adds the waiting-list computation. The statement
 * is built once with placeholders (org, parent, now) and prepared once per pooled connection
 * (trajectories' parentFamilies); the answer is built field by field and sent without a Zod pass
 * (routes.ts), held to ZMyFamily by portal.db.test.ts.
 */
export const homeStatement = parentFamilies('portal_parent_home', {
  deadlines: (o, id) => parentDeadlinesColumn(o, id, 5),
  reportsToReview: reportsToReviewColumn,
  documents: sharedDocumentsColumn,
  letters: sharedLettersColumn,
});

type Extra = { deadlines?: Array<{ id: string; title: string; dueOn: string }>; reportsToReview?: TPortalTrajectory['reportsToReview']; documents?: TPortalTrajectory['documents']; letters?: TPortalTrajectory['letters'] };
const iso = (v: string) => new Date(v).toISOString();

/** Exactly ZPortalTrajectory's fields (no Zod pass strips extra keys on the way out). */
function portalTrajectory(t: NonNullable<ParentFamilyRow['trajectory']>, x: Extra): TPortalTrajectory {
  const person = (p: { name: string; email: string | null } | null) => (p ? { name: p.name, email: p.email ?? null } : null);
  return {
    id: t.id,
    phase: t.phase as TPortalTrajectory['phase'],
    startedAt: t.startedAt,
    volunteer: person(t.volunteer),
    coordinator: person(t.coordinator),
    meetings: t.meetings.map((m) => ({ id: m.id, title: m.title, scheduledAt: m.scheduledAt, place: m.place ?? null, withWhom: m.withWhom ?? null })),
    deadlines: (x.deadlines ?? []).map((d) => ({ id: d.id, title: d.title, dueOn: d.dueOn })),
    agreements: t.agreements.map((a) => ({ id: a.id, party: a.party as TPortalTrajectory['agreements'][number]['party'], partyName: a.partyName, description: a.description, dueOn: a.dueOn ?? null })),
    helpQuestions: t.helpQuestions.map((q) => ({
      id: q.id,
      question: q.question,
      goal: q.goal ?? null,
      status: q.status as TPortalTrajectory['helpQuestions'][number]['status'],
      strengths: q.strengths ?? null,
      nextSteps: q.nextSteps ?? null,
    })),
    familyMap: t.familyMap.map((f) => ({ id: f.id, role: f.role as TPortalTrajectory['familyMap'][number]['role'], name: f.name, organisation: f.organisation ?? null })),
    reportsToReview: (x.reportsToReview ?? []).map((r) => ({ id: r.id, meetingTitle: r.meetingTitle, meetingAt: iso(r.meetingAt) })),
    documents: (x.documents ?? []).map((d) => ({ id: d.id, title: d.title, fileName: d.fileName, sharedAt: iso(d.sharedAt) })),
    letters: (x.letters ?? []).map((l) => ({ id: l.id, title: l.title, sharedAt: iso(l.sharedAt) })),
  };
}

export async function myFamily(ctx: ActorContext): Promise<TMyFamily> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'portal.own', { subjectUserId: userId });
  return ctx.db.withTenant(orgId, async (tx) => {
    const rows = await homeStatement(tx, { orgId, userId, now: new Date() });
    const families: TPortalFamily[] = [];
    for (const r of rows) {
      const place =
        !r.trajectory && (r.applicationStatus === 'waiting' || r.applicationStatus === 'matching') && r.locationId ? await waitingPlaceOf(tx, orgId, r.applicationId, r.locationId) : null;
      families.push({
        applicationId: r.applicationId,
        reference: r.reference,
        applicationStatus: r.applicationStatus,
        waiting: place ? { position: place.position, expectedWaitDays: place.expectedWaitDays } : null,
        trajectory: r.trajectory ? portalTrajectory(r.trajectory, r.extra as Extra) : null,
      });
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
