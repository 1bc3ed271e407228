import type { TRole } from '../shared/common.js';

/** What the UI offers per role: a mirror of src/platform/policy (the server decides; this only hides what would 404). */
export const UI_PERMISSIONS = [
  'users.read',
  'users.manage',
  'org.settings.read',
  'org.settings.manage',
  'audit.read',
  'applications.read',
  'applications.manage',
  'applications.own',
  'volunteers.read',
  'volunteers.manage',
  'volunteer_profile.self',
  'matching.manage',
  'matches.respond',
  'trajectories.read',
  'trajectories.write',
  'trajectories.close',
  'reports.review',
  'portal.own',
  'consent.own',
  'consent.read',
  'consent.record',
  'sharing.share',
  'parents.invite',
  'privacy.own',
  'privacy.manage',
  'retention.manage',
] as const;
export type UiPermission = (typeof UI_PERMISSIONS)[number];

const STAFF: readonly UiPermission[] = [
  'applications.read', 'applications.manage', 'volunteers.read', 'volunteers.manage', 'matching.manage', 'trajectories.read', 'trajectories.write', 'trajectories.close',
  'consent.read', 'consent.record', 'sharing.share', 'parents.invite', 'privacy.manage',
];
const GRANTS: Record<TRole, readonly UiPermission[]> = {
  admin: ['users.read', 'users.manage', 'org.settings.read', 'org.settings.manage', 'audit.read', ...STAFF, 'retention.manage'],
  coordinator: ['users.read', 'org.settings.read', ...STAFF],
  volunteer: ['volunteer_profile.self', 'matches.respond', 'trajectories.read', 'trajectories.write', 'consent.read', 'sharing.share'],
  parent: ['applications.own', 'reports.review', 'portal.own', 'consent.own', 'privacy.own'],
  funder: [],
};

export function can(role: TRole | undefined, permission: UiPermission): boolean {
  return !!role && GRANTS[role].includes(permission);
}

/** Two-factor is required for staff; parents and funders may turn it off. */
export function mfaOptional(role: TRole): boolean {
  return role === 'parent' || role === 'funder';
}
