import { z } from 'zod';
import { ZEmail, ZId } from './common.js';
import { AGREEMENT_PARTIES, FAMILY_ROLES, HELP_QUESTION_STATUSES, PHASES } from './trajectories.js';

/**
 * The parent portal (issue 6): sign-in links, the parent's invitation by a coordinator and the
 * parent's home (GET /me/family). Shared by the routes and the screens.
 */

// ---------------------------------------------------------------- sign-in link

/** POST /auth/sign-in-link: always 202, whether or not the address has an account. */
export const ZSignInLinkRequest = z.strictObject({ email: ZEmail });
/** POST /auth/sign-in-link/consume: the `<org_id>.<token>` from the mailed link. */
export const ZSignInLinkConsumeRequest = z.strictObject({ token: z.string().min(20).max(200) });

// ---------------------------------------------------------------- invitation

/** POST /trajectories/:id/parent-invitation (parents.invite). */
export const ZParentInvitationRequest = z.strictObject({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(120).optional(),
});
export type TParentInvitationRequest = z.infer<typeof ZParentInvitationRequest>;

/** Whether the family's parent can sign in: account active, invited (pending or expired), or not yet. */
export const ZParentAccountStatus = z.object({
  status: z.enum(['active', 'invited', 'expired', 'none']),
  /** The invited address (coordinators see it; it is the parent's own). */
  email: z.string().nullable(),
  invitedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type TParentAccountStatus = z.infer<typeof ZParentAccountStatus>;

// ---------------------------------------------------------------- the parent's home

export const ZPortalPerson = z.object({
  name: z.string(),
  email: z.string().nullable(),
});
export type TPortalPerson = z.infer<typeof ZPortalPerson>;

export const ZPortalTrajectory = z.object({
  id: ZId,
  phase: z.enum(PHASES),
  startedAt: z.string(),
  volunteer: ZPortalPerson.nullable(),
  coordinator: ZPortalPerson.nullable(),
  meetings: z.array(z.object({ id: ZId, title: z.string(), scheduledAt: z.string(), place: z.string().nullable(), withWhom: z.string().nullable() })),
  deadlines: z.array(z.object({ id: ZId, title: z.string(), dueOn: z.string() })),
  agreements: z.array(z.object({ id: ZId, party: z.enum(AGREEMENT_PARTIES), partyName: z.string(), description: z.string(), dueOn: z.string().nullable() })),
  helpQuestions: z.array(
    z.object({ id: ZId, question: z.string(), goal: z.string().nullable(), status: z.enum(HELP_QUESTION_STATUSES), strengths: z.string().nullable(), nextSteps: z.string().nullable() }),
  ),
  familyMap: z.array(z.object({ id: ZId, role: z.enum(FAMILY_ROLES), name: z.string(), organisation: z.string().nullable() })),
  reportsToReview: z.array(z.object({ id: ZId, meetingTitle: z.string(), meetingAt: z.string() })),
  documents: z.array(z.object({ id: ZId, title: z.string(), fileName: z.string(), sharedAt: z.string() })),
  letters: z.array(z.object({ id: ZId, title: z.string(), sharedAt: z.string() })),
});
export type TPortalTrajectory = z.infer<typeof ZPortalTrajectory>;

export const ZPortalFamily = z.object({
  applicationId: ZId,
  reference: z.string(),
  applicationStatus: z.string(),
  /** Before a match: the place in the location's waiting list (null when not waiting). */
  waiting: z.object({ position: z.number().int(), expectedWaitDays: z.number().int().nullable() }).nullable(),
  /** The newest trajectory of the family (null before a match). */
  trajectory: ZPortalTrajectory.nullable(),
});
export type TPortalFamily = z.infer<typeof ZPortalFamily>;

/** GET /me/family: the parent's families (usually one), newest application first. */
export const ZMyFamily = z.object({ families: z.array(ZPortalFamily) });
export type TMyFamily = z.infer<typeof ZMyFamily>;

/** POST /trajectories/:id/documents/:docId/share-with-parent { shared } (and letters): show or stop showing in the portal. */
export const ZShareWithParentRequest = z.strictObject({ shared: z.boolean() });
export const ZShareWithParentResponse = z.object({ id: ZId, sharedWithParentAt: z.string().nullable() });
/** GET /trajectories/:id/shared-with-parent: what the parent sees (the staff toggles). */
export const ZSharedWithParent = z.object({ documents: z.array(ZShareWithParentResponse), letters: z.array(ZShareWithParentResponse) });
export type TSharedWithParent = z.infer<typeof ZSharedWithParent>;
