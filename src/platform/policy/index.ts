import type { Role } from '../auth/tables.js';
import { AppError, notFound, unauthenticated } from '../http/errors.js';

/**
 * The one place that answers "may this user do this?". Deny by default: a permission not granted
 * to a role here is refused, and a route that declares no access does not start (see http/app.ts).
 */
export const PERMISSIONS = [
  'profile.self', // own profile, password, two-factor, language
  'users.read', // staff directory and user records (personal data)
  'users.read.clients', // also parent (client) accounts in the user directory; others see professionals only
  'users.manage', // invite, change role, deactivate
  'org.settings.read',
  'org.settings.manage', // locations and work area
  'audit.read',
  'applications.read', // coordinator inbox, application detail (personal data of families)
  'applications.manage', // staff application form, first contact, intake decision, duplicates
  'applications.own', // a parent's own application: status and waiting-list position
  'volunteers.read', // volunteer profiles used for matching
  'volunteers.manage',
  'volunteer_profile.self', // a volunteer's own availability and experience
  'matching.manage', // rank volunteers, whole-list proposal, confirm or withdraw a match
  'matches.respond', // a volunteer accepts or declines a match offered to them
  'trajectories.read', // a trajectory dossier: plan, contacts, agreements, meetings (volunteer: own families only)
  'trajectories.write', // log contacts, keep the plan and agreements, prepare meetings, move between support phases
  'trajectories.close', // assign the coach, close with an outcome, end aftercare (professionals only)
  'reports.review', // a parent reads the neutral reports of their own trajectory and agrees or comments
  // issue 6: the parent in charge (zelfregie)
  'portal.own', // a parent's own portal: trajectory, people, meetings, deadlines, agreements, plan, documents shared with them
  'consent.own', // a parent grants and revokes their own consents and sees what was shared
  'consent.read', // staff see the consents of a trajectory they may read (to know what may be shared)
  'consent.record', // professionals record a consent the parent gave in person (with a note of the conversation)
  'sharing.share', // staff share a report, letter or plan outside the organisation (only through the consent gate)
  'parents.invite', // professionals invite a parent to the portal
  'privacy.own', // a parent sees who opened their dossier, downloads their data, asks for correction, objection or erasure
  'privacy.manage', // professionals decide on correction, objection and erasure requests
  'retention.manage', // admins set legal holds and read destruction records
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'profile.self', 'users.read', 'users.read.clients', 'users.manage', 'org.settings.read', 'org.settings.manage', 'audit.read',
    'applications.read', 'applications.manage', 'volunteers.read', 'volunteers.manage', 'matching.manage',
    'trajectories.read', 'trajectories.write', 'trajectories.close',
    'consent.read', 'consent.record', 'sharing.share', 'parents.invite', 'privacy.manage', 'retention.manage',
  ],
  coordinator: [
    'profile.self', 'users.read', 'org.settings.read', 'applications.read', 'applications.manage', 'volunteers.read', 'volunteers.manage', 'matching.manage',
    'trajectories.read', 'trajectories.write', 'trajectories.close',
    'consent.read', 'consent.record', 'sharing.share', 'parents.invite', 'privacy.manage',
  ],
  volunteer: ['profile.self', 'volunteer_profile.self', 'matches.respond', 'trajectories.read', 'trajectories.write', 'consent.read', 'sharing.share'],
  parent: ['profile.self', 'applications.own', 'reports.review', 'portal.own', 'consent.own', 'privacy.own'],
  funder: ['profile.self'],
};

/** The signed-in person a request acts for. */
export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
  displayName: string;
  language: 'nl' | 'en';
  locationIds: string[];
  sessionIdHash: string;
  csrfToken: string;
  /** False while a staff member still has to complete (or enrol in) two-factor. */
  mfaPassed: boolean;
  mfaEnrolled: boolean;
  isDemo: boolean;
}

/**
 * What a route requires:
 *  - 'public': anyone (sign-in, health, docs)
 *  - 'session': a signed-in user, even one who still has to finish two-factor (enrolment, sign-out)
 *  - { permission }: a fully signed-in user whose role holds the permission
 */
export type Access = 'public' | 'session' | { permission: Permission };

/** Staff must use two-factor (issue 3); parents and funders may. */
export function mfaRequired(role: Role): boolean {
  return role === 'admin' || role === 'coordinator' || role === 'volunteer';
}

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  // A role this table does not know (e.g. a value from a newer release in the database) holds nothing.
  return Object.hasOwn(GRANTS, actor.role) && GRANTS[actor.role].includes(permission);
}

/** Throws the right problem when access is denied. Lacking a role permission reads as "not found" so ids cannot be probed. */
export function assertAccess(access: Access, actor: Actor | undefined): void {
  if (access === 'public') return;
  if (!actor) throw unauthenticated();
  if (access === 'session') return;
  if (!actor.mfaPassed) throw new AppError('mfa_required', 401);
  if (!can(actor, access.permission)) throw notFound();
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

// Relationship rules for one resource (location, assignment, self, break-the-glass).
export * from './relationship.js';
