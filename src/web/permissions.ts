import type { TRole } from '../shared/common.js';

/** What the UI offers per role: a mirror of src/platform/policy (the server decides; this only hides what would 404). */
export type UiPermission = 'users.read' | 'users.manage' | 'org.settings.read' | 'org.settings.manage' | 'audit.read';

const GRANTS: Record<TRole, readonly UiPermission[]> = {
  admin: ['users.read', 'users.manage', 'org.settings.read', 'org.settings.manage', 'audit.read'],
  coordinator: ['users.read', 'org.settings.read'],
  volunteer: [],
  parent: [],
  funder: [],
};

export function can(role: TRole | undefined, permission: UiPermission): boolean {
  return !!role && GRANTS[role].includes(permission);
}

/** Two-factor is required for staff; parents and funders may turn it off. */
export function mfaOptional(role: TRole): boolean {
  return role === 'parent' || role === 'funder';
}
